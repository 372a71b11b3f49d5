#!/bin/sh
# bench/run.sh -- `make bench`: throughput and peak memory of `dyad code`.
#
#  1. TABARI's validation suite (standard records, to FINAL-01) repeated 100
#     times, TABARI's dictionaries (Validate.project), records coded whole.
#  2. Reuters-21578 (../shared/corpora/news/reuters21578.jsonl, 19,043
#     articles), PETRARCH-2 production dictionaries, split into sentences.
# Each prints dyad's own --stats lines (records or sentences/s, MB/s, peak
# RSS). Run on an idle machine; numbers go in notes, never in tests.
cd "$(dirname "$0")/.." || exit 2
SHARED=${DYAD_SHARED:-../shared}
DYAD=./build/dyad
if [ ! -d "$SHARED/peers" ]; then
    echo "bench: $SHARED not found; the benchmarks read the peers' data there" >&2
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# The standard suite ends with the record FINAL-01 and the blank line after it.
awk '/^[0-9]+[ \t]+FINAL-01/ { final = 1 } { print } final && /^[ \t]*$/ { exit }' \
    "$SHARED/peers/tabari/Validate.text" > "$TMP/suite.txt"
i=0
while [ $i -lt 100 ]; do cat "$TMP/suite.txt"; echo; i=$((i + 1)); done > "$TMP/suite100.txt"

echo "== TABARI validation suite x100 ($(grep -c '^[0-9][0-9]*[ 	]' "$TMP/suite100.txt") records), TABARI dictionaries"
$DYAD code -q --stats --whole --input tabari --dicts "$SHARED/peers/tabari/Validate.project" \
    "$TMP/suite100.txt" > /dev/null

echo "== Reuters-21578 ($(wc -c < "$SHARED/corpora/news/reuters21578.jsonl") bytes), PETRARCH-2 production dictionaries"
$DYAD code -q --stats --dicts "$SHARED/peers/petrarch2/production/PETR_config.ini" \
    "$SHARED/corpora/news/reuters21578.jsonl" > /dev/null
exit 0
