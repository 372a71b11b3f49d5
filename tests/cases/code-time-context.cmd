# TABARI <TIME> phrases shift the date; a context pattern under a phrase ("- * AND_A_DAY") overrides it where it stands around the phrase
$DYAD code --dicts ../data/tabari-time --format tsv ../data/tabari-time/records.jsonl | cut -f1,3-6
