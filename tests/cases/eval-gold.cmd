# dyad's gold format: scores at every level, the confusion of roots, each
# bad line named with file and line while the rest is scored (exit 1).
$DYAD eval --dicts ../data/mini ../data/eval/gold.jsonl 2>&1
