$DYAD stats --db ../data/store/events.jsonl 2>&1
