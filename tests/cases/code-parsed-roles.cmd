# roles and moods from the parse (default with dyad's rules) against word order (--shallow): a place is no target; a negated act is none, an intended or demanded one is coded as such
for m in --shallow --model=../../data/model/en_ewt.model; do echo "$m"; $DYAD code $m --dicts ../data/mini --format tsv ../data/parsed-roles.jsonl | cut -f1,4-6; done
