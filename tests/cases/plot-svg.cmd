# dyad plot writes the shift and dyad timelines as SVG files: the document
# element, the alignment line, a dashed change point, the bars; a failed
# plot leaves no file behind.
DB="$TMPDIR_TESTS/plot.db"
$DYAD ingest --quiet --events --db "$DB" ../data/store/shift.jsonl || exit 1
$DYAD plot shift TUR --between RUS USA --db "$DB" -o "$TMPDIR_TESTS/shift.svg" || exit 1
head -c 4 "$TMPDIR_TESTS/shift.svg"; echo
grep -c -e "<polyline" -e "stroke-dasharray" "$TMPDIR_TESTS/shift.svg"
tail -n 1 "$TMPDIR_TESTS/shift.svg"
$DYAD plot dyad TUR USA --both-ways --db "$DB" --output "$TMPDIR_TESTS/dyad.svg" || exit 1
grep -c "<rect" "$TMPDIR_TESTS/dyad.svg"
$DYAD plot dyad TUR --db "$DB" -o "$TMPDIR_TESTS/bad.svg" 2>&1
echo "exit $?"
[ -e "$TMPDIR_TESTS/bad.svg" ] && echo "left a file" || echo "no file"
$DYAD plot dyad TUR USA --db "$DB" 2>&1
