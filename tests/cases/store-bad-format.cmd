$DYAD dyad USA RUS --by fortnight 2>&1
