# A PETRARCH XML file cut short: the complete sentence is read, then one
# error names where the file ends.
$DYAD code --stats ../data/read/unterminated.xml 2>&1 >/dev/null |
    grep -v '^stats:'
$DYAD code --stats ../data/read/unterminated.xml 2>&1 >/dev/null |
    grep -o '[0-9]* articles,\|[0-9]* rejected'
