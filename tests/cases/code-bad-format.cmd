$DYAD code --format xml 2>&1
