printf 'code\tkind\tname\nGOV\trole\tgovernment\nXX1\tplanet\tMars\n' | sh "$ROOT/scripts/gen-actor_table" - 2>&1 >/dev/null
