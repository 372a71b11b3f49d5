# Each bad line (over 1 MiB, NUL bytes, not an object, a code too long, no
# events, no code, no text) is named with file and line and skipped; the
# good record after them is still scored.
{ printf '{"id":"long","text":"'; head -c 1100000 /dev/zero | tr '\0' a; printf '"}\n'
  cat ../data/eval/bad.jsonl; } | $DYAD eval --dicts ../data/mini - 2>&1 | sed -n '1,/^level/p'
