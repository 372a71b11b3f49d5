$DYAD explain 19
