$DYAD codes --format json | grep -c "^{\"code\":"
