printf 'code\tkind\tname\nGOV\trole\tgovernment\nZWE\tcountry\tZimbabwe\n' | sh "$ROOT/scripts/gen-actor_table" - 2>&1 >/dev/null
