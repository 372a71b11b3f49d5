# A PETRARCH-1 set (a validation XML whose verbs file has no PETRARCH-2
# marks) converts to a dyad folder that asks for PETRARCH-1's rules, and
# keeps asking for them when converted again.
out="$TMPDIR_TESTS/rules"
$DYAD dict convert -q --to dyad --dicts ../data/dict-convert/petr1.xml -o "$out.1" 2>/dev/null
grep '^# rules:' "$out.1/dyad.verbs.txt"
$DYAD dict convert -q --to dyad --dicts "$out.1" -o "$out.2" 2>/dev/null
diff -r "$out.1" "$out.2" > /dev/null && echo "second conversion: identical files"
$DYAD dict convert -q --to dyad --dicts ../data/dict-clean -o "$out.3" 2>/dev/null
grep -q '^# rules:' "$out.3/dyad.verbs.txt" || echo "a dyad folder: no rules line"
