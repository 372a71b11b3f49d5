# train-parser then parse --eval and parse on a hand-made treebank: the
# model must fit the four sentences it was trained on (speed varies: cut).
M="$TMPDIR_TESTS/parse-tiny.model"
$DYAD train-parser -q --train ../data/parse-tiny.conllu -o "$M" --seed 3 --epochs 30 \
    --tagger-epochs 20 --bits 12 || exit 1
$DYAD parse --model "$M" --eval ../data/parse-tiny.conllu | sed 's/ sentences\/s .*//'
echo "Gondor attacked Mordor." | $DYAD parse --model "$M" | cut -f 1-4,7,8
