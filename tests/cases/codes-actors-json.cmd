$DYAD codes --actors --format json | grep -E '"code":"(ZWE|IGO|SET)"'
