$DYAD dict check ../data/dict-clean/clean.actors.txt ../data/dict-clean/clean.agents.txt ../data/dict-clean/clean.verbs.txt 2>&1
