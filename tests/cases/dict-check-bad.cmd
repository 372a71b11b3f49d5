$DYAD dict check ../data/dict-check
