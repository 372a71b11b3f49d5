DB="$TMPDIR_TESTS/partners.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD partners USA --min 2 --top 3 --db "$DB"
