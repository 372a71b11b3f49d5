# Sentence QuadClass labels: only the test split, Phoenix's mapping, one
# line of JSON.
$DYAD eval --dicts ../data/mini --format json ../data/eval/quad.jsonl 2>&1
