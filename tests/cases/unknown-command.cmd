$DYAD frobnicate 2>&1
