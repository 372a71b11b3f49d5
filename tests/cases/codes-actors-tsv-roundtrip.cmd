# What is not an ISO country is data/cameo/actors.tsv, line for line.
$DYAD codes --actors --format tsv | awk -F '\t' 'NR > 1 && ($2 != "country" || $1 == "KSV")' > "$TMPDIR_TESTS/actors.out"
tail -n +2 ../../data/cameo/actors.tsv | LC_ALL=C sort | diff - "$TMPDIR_TESTS/actors.out" && echo same as data/cameo/actors.tsv
