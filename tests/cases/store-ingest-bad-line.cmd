cd "$TMPDIR_TESTS" && printf '{"article_id":"x"}\nnot json\n\n{"article_id":"y","date":"2024-01-02","source":"USA","target":"RUS","code":"042"}\n' | $DYAD ingest --events --db bad-line.db - 2>&1
