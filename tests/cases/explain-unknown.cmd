$DYAD explain 0215 2>&1
