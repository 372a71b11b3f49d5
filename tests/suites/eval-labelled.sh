# The coder against labelled sets nobody on the project wrote (../shared):
# the CAMEO manual's examples (events) and ConfliBERT's test split (sentence
# QuadClass). `dyad eval` must read every record; no accuracy threshold yet.
# Skips (exit 77) when ../shared is not there, as in a user's clone.
set -u
cameo="$SHARED/corpora/labelled/cameo_manual_gold_321.jsonl"
quad="$SHARED/corpora/labelled/conflibert_quad_spans.jsonl"
if [ ! -f "$cameo" ] || [ ! -f "$quad" ]; then
    echo "skip: the labelled sets are not in $SHARED/corpora/labelled"
    exit 77
fi
c=$("$DYAD" eval "$cameo") || { echo "$c"; echo "eval failed on $cameo"; exit 1; }
q=$("$DYAD" eval "$quad") || { echo "$q"; echo "eval failed on $quad"; exit 1; }
echo "$c"
echo "$q"
echo "$c" | grep -q ": $(grep -c . "$cameo") records scored, 0 skipped" ||
    { echo "not every record of $cameo was scored"; exit 1; }
echo "$q" | grep -q ": $(grep -c '"split": "test"' "$quad") records scored, 0 skipped" ||
    { echo "not every test record of $quad was scored"; exit 1; }
echo "$c" | grep -E '^(country\+root|full) ' | sed 's/^/cameo manual: /'
echo "$q" | grep -E '^quad ' | sed 's/^/conflibert test: /'
