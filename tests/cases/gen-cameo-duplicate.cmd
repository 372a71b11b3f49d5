printf 'code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n01\tA\t0.0\t1\t\t\n01\tB\t0.0\t1\t\t\n' | sh "$ROOT/scripts/gen-cameo_table" - 2>&1 >/dev/null
