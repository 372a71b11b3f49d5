$DYAD codes --root 15
