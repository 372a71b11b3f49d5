# dyad dict convert on the peers' validation dictionaries (../shared).
#
# PETRARCH-1 and PETRARCH-2 suites: converted to dyad's format, the
# dictionaries make `dyad validate` print exactly what the originals print
# (the same records pass and fail; both suites' dictionaries are coded with
# PETRARCH-1's rules, which the converted verbs file asks for). Converted to
# PETRARCH-2's format they are coded with PETRARCH-2's rules, so they must
# print what the originals print when read with those rules (the files
# copied into a folder whose verbs file asks for them).
# PETRARCH-2's production set: converted, it codes examples/ the same.
# TABARI: its stems and endings have no form in PETRARCH syntax (convert says
# so, entry by entry); the counts are printed, and the converted set must
# convert to itself unchanged. Skips (exit 77) when ../shared is absent.
set -u
peers="$SHARED/peers"
if [ ! -d "$peers/tabari" ] || [ ! -d "$peers/petrarch2" ]; then
    echo "skip: the peers' dictionaries are not in $peers"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fail=0

passed() { sed -n 's/^validate: \([0-9]*\) passed.*/\1/p' "$1"; }

# convert FROM TO FORMAT: quietly, failing the suite when convert fails.
convert() {
    "$DYAD" dict convert -q --to "$3" --dicts "$1" -o "$2" 2> "$work/convert.err" ||
        { cat "$work/convert.err"; echo "convert failed: $1"; fail=1; }
}

# The converted set, converted again, must not change.
fixed_point() {
    convert "$1" "$1.again" dyad
    diff -r "$1" "$1.again" > /dev/null || { echo "not a fixed point: $1"; fail=1; }
}

for peer in petrarch1 petrarch2; do
    records="$peers/$peer/PETR.UnitTest.records.xml"
    mkdir "$work/$peer-orig"
    cp "$peers/$peer"/PETR.Validate.*.txt "$work/$peer-orig/"
    # a folder is coded with dyad's rules unless its verbs file asks for a peer's
    verbs=$(ls "$work/$peer-orig"/*.verbs.txt)
    { echo "# rules: PETRARCH-2"; cat "$verbs"; } > "$work/verbs" && mv "$work/verbs" "$verbs"
    convert "$records" "$work/$peer-dyad" dyad
    convert "$records" "$work/$peer-petr" petrarch2
    "$DYAD" validate "$records" > "$work/$peer.xml.out" 2> /dev/null
    "$DYAD" validate --dicts "$work/$peer-orig" "$records" > "$work/$peer.orig.out" 2> /dev/null
    "$DYAD" validate --dicts "$work/$peer-dyad" "$records" > "$work/$peer.dyad.out" 2> /dev/null
    "$DYAD" validate --dicts "$work/$peer-petr/PETR_config.ini" "$records" > "$work/$peer.petr.out" 2> /dev/null
    same_output() { # ORIGINAL CONVERTED WHAT
        if ! diff "$1" "$2" > "$work/diff"; then
            head -n 20 "$work/diff"
            echo "$peer: $3 and original dictionaries validate differently"
            fail=1
        fi
    }
    same_output "$work/$peer.xml.out" "$work/$peer.dyad.out" "converted (dyad)"
    same_output "$work/$peer.orig.out" "$work/$peer.petr.out" "converted (petrarch2)"
    fixed_point "$work/$peer-dyad"
    echo "$peer: passed $(passed "$work/$peer.xml.out") (originals)," \
         "$(passed "$work/$peer.dyad.out") (converted to dyad);" \
         "$(passed "$work/$peer.orig.out") (originals, PETRARCH-2 rules)," \
         "$(passed "$work/$peer.petr.out") (converted to petrarch2)"
done

# PETRARCH-2's production set (Phoenix): its PETR_config.ini carries coder
# options, which a dyad folder cannot; converted to PETRARCH-2's format it
# must code the bundled examples exactly as the original does.
prod="$peers/petrarch2/production/PETR_config.ini"
convert "$prod" "$work/prod-petr" petrarch2
convert "$prod" "$work/prod-dyad" dyad
fixed_point "$work/prod-dyad"
events() { "$DYAD" code --dicts "$1" "$ROOT"/examples/*.txt 2> /dev/null | sed 's/"rule":{"file":.*$//'; }
events "$prod" > "$work/prod.orig.events"
events "$work/prod-petr/PETR_config.ini" > "$work/prod.petr.events"
if [ -s "$work/prod.orig.events" ] && cmp -s "$work/prod.orig.events" "$work/prod.petr.events"; then
    echo "production: $(grep -c . "$work/prod.orig.events") events on examples/, the same after conversion"
else
    diff "$work/prod.orig.events" "$work/prod.petr.events" | head -n 10
    echo "production: converted (petrarch2) and original code examples/ differently"
    fail=1
fi

project="$peers/tabari/Validate.project"
"$DYAD" dict convert --to dyad --dicts "$project" -o "$work/tabari-dyad" 2> "$work/tabari.err" ||
    { tail -n 5 "$work/tabari.err"; echo "convert failed: $project"; fail=1; }
"$DYAD" validate "$project" > "$work/tabari.orig.out" 2> /dev/null
"$DYAD" validate --dicts "$work/tabari-dyad" "$project" > "$work/tabari.dyad.out" 2> /dev/null
fixed_point "$work/tabari-dyad"
grep -q 'stems written as whole words' "$work/tabari.err" ||
    { echo "tabari: convert did not report the stems it could not write"; fail=1; }
echo "tabari: passed $(passed "$work/tabari.orig.out") (originals)," \
     "$(passed "$work/tabari.dyad.out") (converted to dyad);" \
     "$(grep -c . "$work/tabari.err") lines of conversion reports"
exit $fail
