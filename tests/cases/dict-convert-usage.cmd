$DYAD dict convert --to xml -o "$TMPDIR_TESTS/x" 2>&1; echo "exit $?"
$DYAD dict convert --to dyad 2>&1; echo "exit $?"
$DYAD dict convert --to dyad --dicts ../data/no-such-folder -o "$TMPDIR_TESTS/x" 2>&1; echo "exit $?"
