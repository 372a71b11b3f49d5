$DYAD codes --actors --format tsv | grep -E '^(ZWE|KSV|WAF|IGO|UNO|WFP|GOV|MIL|REB)	'
