# A 50 MB line on stdin is skipped (not stored) and rejected; the records
# before and after it are read.
{
    echo '{"id":"a","date":"2024-01-01","text":"Gondor attacked Mordor."}'
    printf '{"id":"big","date":"2024-01-01","text":"'
    head -c 52428800 /dev/zero | tr '\0' x
    echo '"}'
    echo '{"id":"b","date":"2024-01-02","text":"Arnor praised Gondor."}'
} | $DYAD code --stats - 2>&1 >/dev/null | grep -v '^stats:'
{
    echo '{"id":"a","date":"2024-01-01","text":"Gondor attacked Mordor."}'
    printf '{"id":"big","date":"2024-01-01","text":"'
    head -c 52428800 /dev/zero | tr '\0' x
    echo '"}'
    echo '{"id":"b","date":"2024-01-02","text":"Arnor praised Gondor."}'
} | $DYAD code --stats - 2>&1 >/dev/null | grep -o '[0-9]* articles,\|[0-9]* rejected'
