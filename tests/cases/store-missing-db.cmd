cd "$TMPDIR_TESTS" && $DYAD events --db nothing-here.db 2>&1
