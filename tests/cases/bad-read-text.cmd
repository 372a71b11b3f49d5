# A plain-text article with invalid UTF-8 is rejected whole.
$DYAD code ../data/read/bad-utf8.txt 2>&1 >/dev/null
