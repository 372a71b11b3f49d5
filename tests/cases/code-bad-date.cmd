$DYAD code --date 2024-13-45 2>&1
