# Each bad JSON Lines record is rejected alone, with file:line and reason;
# the three good records around them are all read.
$DYAD code --stats ../data/read/bad-records.jsonl 2>&1 >/dev/null |
    grep -v '^stats:'
$DYAD code --stats ../data/read/bad-records.jsonl 2>&1 >/dev/null |
    grep -o '[0-9]* articles,\|[0-9]* rejected'
