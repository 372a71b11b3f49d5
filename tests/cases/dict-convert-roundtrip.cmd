# dyad's own dictionaries, converted to dyad's format and back: the second
# conversion writes the same bytes, and the first codes the examples alike.
out="$TMPDIR_TESTS/convert"
$DYAD dict convert -q --to dyad -o "$out.1" 2>/dev/null || echo "convert failed"
$DYAD dict convert -q --to dyad --dicts "$out.1" -o "$out.2" 2>/dev/null || echo "convert failed"
diff -r "$out.1" "$out.2" > /dev/null && echo "second conversion: identical files"
ls "$out.1"
$DYAD code ../../examples/*.txt 2>/dev/null | sed 's/"rule":{"file":.*$//' > "$out.events.1"
$DYAD code --dicts "$out.1" ../../examples/*.txt 2>/dev/null | sed 's/"rule":{"file":.*$//' > "$out.events.2"
test -s "$out.events.1" && cmp -s "$out.events.1" "$out.events.2" && echo "same events on examples/"
