$DYAD codes --root 6 --format json
