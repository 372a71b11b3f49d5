DB="$TMPDIR_TESTS/stats-table.db"; $DYAD ingest --quiet --events --db "$DB" ../data/store/events.jsonl && $DYAD stats --db "$DB" --since 2024-02-01 | grep -v dict_version
