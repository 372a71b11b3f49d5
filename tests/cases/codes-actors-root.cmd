$DYAD codes --actors --root 01 2>&1
