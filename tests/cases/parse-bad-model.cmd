# A missing model is an error on stderr and exit status 2, nothing on stdout.
echo "Gondor attacked Mordor." | $DYAD parse --model /nonexistent/dyad.model
