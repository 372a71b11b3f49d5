# What dyad's format cannot hold is said, with the source's file and line.
$DYAD dict convert --to dyad --dicts ../data/dict-convert/tabari.project -o "$TMPDIR_TESTS/losses" 2>&1 |
    sed "s|$TMPDIR_TESTS|TMP|"
cat "$TMPDIR_TESTS/losses/dyad.actors.txt" "$TMPDIR_TESTS/losses/dyad.discards.txt"
