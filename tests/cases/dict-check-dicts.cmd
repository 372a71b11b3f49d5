$DYAD dict check --dicts ../data/dict-check/bad.agents.txt 2>&1
