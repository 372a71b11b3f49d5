DB="$TMPDIR_TESTS/stats.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD stats --db "$DB" --format json
