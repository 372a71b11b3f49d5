# The shipped model on a short news text: words, UPOS, XPOS, head, relation.
# A regression check of what the model gives, not a gold parse (the tree is
# right, "resume" the ccomp of "said", but "that" is labelled obj, not
# mark); retraining the model means checking and updating the .expected.
# The model ships in data/model/ (built by `make model`, see NOTICE.md).
printf 'The president said on Monday that the talks would resume.\n\nRebels attacked the town.\n' |
    $DYAD parse | cut -f 1,2,4,5,7,8
