# The CAMEO manual's format: a missing target and a "***" sector are
# wildcards; a record without cameo_code is a bad line.
$DYAD eval --dicts ../data/mini ../data/eval/cameo.jsonl 2>&1
