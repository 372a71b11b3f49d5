ISO_3166_1=/nonexistent/iso_3166-1.json sh "$ROOT/scripts/gen-actor_table" 2>&1 >/dev/null
