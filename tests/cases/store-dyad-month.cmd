DB="$TMPDIR_TESTS/dyad.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD dyad USA RUS --db "$DB"
