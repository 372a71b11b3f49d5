$DYAD explain 0874 1712
