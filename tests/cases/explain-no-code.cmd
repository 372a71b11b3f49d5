$DYAD explain 2>/dev/null
