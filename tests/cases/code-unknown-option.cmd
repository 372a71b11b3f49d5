$DYAD code --frob 2>&1
