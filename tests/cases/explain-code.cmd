$DYAD explain 0211
