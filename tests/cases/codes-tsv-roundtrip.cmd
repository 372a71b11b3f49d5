$DYAD codes --format tsv | diff - ../../data/cameo/codes.tsv && echo same as data/cameo/codes.tsv
