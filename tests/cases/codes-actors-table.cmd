$DYAD codes --actors | sed -n '1p;/^ZWE /p;/^MEA /p'
