$DYAD validate 2>/dev/null
