# --split all scores the train records too; -v prints each record whose
# events differ from the gold, with what dyad produced.
$DYAD eval --dicts ../data/mini -v --split all --date 2020-05-01 ../data/eval/quad.jsonl 2>&1 | sed -n '1,/^level/p'
$DYAD eval --dicts ../data/mini -v ../data/eval/gold.jsonl 2>/dev/null | grep -A3 '^MISS'
