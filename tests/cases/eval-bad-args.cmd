# Usage errors exit 2 and say why; a missing file is fatal for its report.
$DYAD eval 2>&1
$DYAD eval --format xml ../data/eval/gold.jsonl 2>&1
$DYAD eval --quad other ../data/eval/gold.jsonl 2>&1
$DYAD eval --dicts ../data/mini ../data/eval/no-such-file.jsonl 2>&1
echo "exit $?"
