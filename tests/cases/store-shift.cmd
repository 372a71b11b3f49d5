DB="$TMPDIR_TESTS/shift.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD shift TUR --between RUS USA --by day --format csv --db "$DB"
