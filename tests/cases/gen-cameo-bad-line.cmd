printf 'code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n01\tA\t0.0\t1\t\t\n012\tB\tlow\t1\t\t\n013\tC\t1\t1\n' | sh "$ROOT/scripts/gen-cameo_table" - 2>&1 >/dev/null
