#!/bin/sh
# bench/store.sh -- `make bench`, second part: the event store.
#
#  ingest  The shared news corpora (../shared/corpora/news/*.jsonl) repeated
#          with new ids until there are at least 100,000 articles, coded
#          with dyad's own dictionaries and stored by `dyad ingest`:
#          articles/s, events/s, peak RSS, store bytes per million events.
#  small   50,000 synthetic events (bench/gen_events --jsonl) through
#          `dyad ingest --events`, then the questions on them.
#  large   Ten million synthetic events stored by bench/gen_events through
#          the public store API (doc/store.md says how), store bytes per
#          million events, and `dyad dyad` and `dyad shift` cold (the file
#          dropped from the page cache by bench/evict first) and warm (the
#          same query again, best of three).
#
#   sh bench/store.sh [ingest] [small] [large]      (default: all three)
#
# DYAD=path/to/dyad runs `ingest` and `small` with another binary, e.g. an
# older dyad, on the same data. Numbers are printed, never asserted. The
# large part needs about 4 GB in $TMPDIR and 10-20 minutes.
cd "$(dirname "$0")/.." || exit 2
SHARED=${DYAD_SHARED:-../shared}
DYAD=${DYAD:-./build/dyad}
GEN=./build/bench/gen_events
EVICT=./build/bench/evict
PARTS=${*:-ingest small large}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

now_ns() { date +%s%N; }

# run_timed LABEL COMMAND...: one run, its wall time in ms.
run_timed() {
    label=$1
    shift
    t0=$(now_ns)
    "$@" > /dev/null || echo "  ($label failed)"
    t1=$(now_ns)
    printf '  %-44s %8d ms\n' "$label" $(((t1 - t0) / 1000000))
}

# warm LABEL COMMAND...: the best of three runs.
warm() {
    label=$1
    shift
    best=
    for run in 1 2 3; do
        t0=$(now_ns)
        "$@" > /dev/null
        t1=$(now_ns)
        t=$(((t1 - t0) / 1000000))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    printf '  %-44s %8d ms\n' "$label" "$best"
}

# stored_events DB: the mentions stored, from dyad stats --format json.
stored_events() {
    $DYAD stats --db "$1" --format json | grep -o '"events":[0-9]*' | head -n 1 | cut -d: -f2
}

per_million() { # bytes events
    echo $(($1 * 1000000 / ($2 > 0 ? $2 : 1)))
}

bench_ingest() {
    if [ ! -d "$SHARED/corpora/news" ]; then
        echo "== ingest: $SHARED/corpora/news not found, skipped"
        return
    fi
    corpus=$TMP/corpus.jsonl
    : > "$corpus"
    copy=0
    while [ "$(wc -l < "$corpus")" -lt 100000 ]; do
        for f in "$SHARED"/corpora/news/*.jsonl; do
            sed "s/^{\"id\": \"/{\"id\": \"copy$copy-/" "$f"
        done >> "$corpus"
        copy=$((copy + 1))
    done
    articles=$(wc -l < "$corpus")
    echo "== ingest: $articles articles ($copy copies of $SHARED/corpora/news), dyad's dictionaries"
    /usr/bin/time -f '%e %M' -o "$TMP/time" $DYAD ingest -q --db "$TMP/ingest.db" "$corpus"
    read -r seconds rss_kb < "$TMP/time"
    events=$(stored_events "$TMP/ingest.db")
    bytes=$(wc -c < "$TMP/ingest.db")
    awk -v a="$articles" -v e="$events" -v s="$seconds" -v r="$rss_kb" -v b="$bytes" 'BEGIN {
        printf "  %d articles, %d events in %.1f s: %.0f articles/s, %.0f events/s, peak RSS %.1f MB\n",
               a, e, s, a / s, e / s, r / 1024
        printf "  store %.1f MB, %.0f bytes per million events (article text, sentences and their\n", b / 1048576, b * 1e6 / (e > 0 ? e : 1)
        printf "  full-text index included)\n"
    }'
    echo "  re-run, nothing to write:"
    run_timed "dyad ingest (same files again)" $DYAD ingest -q --db "$TMP/ingest.db" "$corpus"
    rm -f "$TMP/ingest.db"*
}

# questions DB LABEL: the analyst's questions, best of three each.
questions() {
    db=$1
    warm "dyad dyad USA RUS --by month --both-ways" $DYAD dyad --db "$db" USA RUS --by month --both-ways
    warm "dyad dyad ZWE RUS --by month" $DYAD dyad --db "$db" ZWE RUS --by month
    warm "dyad shift TUR --between RUS USA --by month" $DYAD shift --db "$db" TUR --between RUS USA --by month
    warm "dyad partners TUR --top 10" $DYAD partners --db "$db" TUR --top 10
    warm "dyad stats" $DYAD stats --db "$db"
    warm "dyad events --limit 10" $DYAD events --db "$db" --limit 10
}

bench_small() {
    echo "== 50,000 synthetic events (bench/gen_events --jsonl) through dyad ingest --events"
    $GEN --jsonl --events 50000 > "$TMP/small.jsonl" || return
    run_timed "dyad ingest --events" $DYAD ingest -q --events --db "$TMP/small.db" "$TMP/small.jsonl"
    echo "  store $(per_million "$(wc -c < "$TMP/small.db")" "$(stored_events "$TMP/small.db")") bytes per million events"
    questions "$TMP/small.db"
    rm -f "$TMP/small.db"*
}

# cold_warm LABEL COMMAND...: first run after evicting the store from the
# page cache, then the best of three.
cold_warm() {
    question=$1
    shift
    $EVICT "$DB" "$DB-wal" "$DB-shm"
    run_timed "$question (cold)" "$@"
    warm "$question (warm)" "$@"
}

bench_large() {
    DB=$TMP/large.db
    free_kb=$(df -Pk "$TMP" | awk 'NR == 2 { print $4 }')
    if [ "$free_kb" -lt 6000000 ]; then
        echo "== ten million events: less than 6 GB free in $TMP, skipped"
        return
    fi
    echo "== ten million synthetic events (bench/gen_events through the store API)"
    /usr/bin/time -f '%e %M' -o "$TMP/time" $GEN --db "$DB" --events 10000000 | sed 's/^/  /'
    read -r seconds rss_kb < "$TMP/time"
    bytes=$(wc -c < "$DB")
    echo "  peak RSS $((rss_kb / 1024)) MB; store $((bytes / 1048576)) MB," \
         "$(per_million "$bytes" 10000000) bytes per million events"
    cold_warm "dyad dyad USA RUS --by month --both-ways" ./build/dyad dyad --db "$DB" USA RUS --by month --both-ways
    cold_warm "dyad dyad ZWE RUS --by month" ./build/dyad dyad --db "$DB" ZWE RUS --by month
    cold_warm "dyad dyad USAGOV RUSGOV --by week" ./build/dyad dyad --db "$DB" USAGOV RUSGOV --by week
    cold_warm "dyad shift TUR --between RUS USA --by month" ./build/dyad shift --db "$DB" TUR --between RUS USA --by month
    cold_warm "dyad shift ZWE --between CHN GBR --by month" ./build/dyad shift --db "$DB" ZWE --between CHN GBR --by month
    warm "dyad partners ZWE --top 10" ./build/dyad partners --db "$DB" ZWE --top 10
    run_timed "dyad stats (every event)" ./build/dyad stats --db "$DB"
}

for part in $PARTS; do
    case $part in
    ingest) bench_ingest ;;
    small) bench_small ;;
    large) bench_large ;;
    *) echo "bench/store.sh: unknown part '$part' (ingest, small, large)" >&2; exit 2 ;;
    esac
done
exit 0
