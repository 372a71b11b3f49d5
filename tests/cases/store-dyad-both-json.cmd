DB="$TMPDIR_TESTS/dyad-json.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD dyad USA RUS --both-ways --by week --format json --db "$DB"
