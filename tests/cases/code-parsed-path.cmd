# the evidence names the dependency path that linked source, verb and target
printf '{"id":"x","date":"2024-05-01","text":"Zimbabwe was criticised on Monday by the United States."}\n{"id":"y","date":"2024-05-01","text":"Russia met Zimbabwe."}\n' | $DYAD code --dicts ../data/mini | grep -o '"source":"[A-Z]*","target":"[A-Z]*"\|"path":"[^"]*"'
