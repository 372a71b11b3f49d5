$DYAD codes --format xml 2>&1
