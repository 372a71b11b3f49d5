$DYAD --version | cut -d" " -f1
