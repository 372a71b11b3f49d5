$DYAD codes --root 21 2>&1
