$DYAD --help | head -n 1
