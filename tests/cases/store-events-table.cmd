DB="$TMPDIR_TESTS/events-table.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD events --db "$DB"
