# The records after FINAL-01 are written to break coders (LINELONG-01 stops
# TABARI itself): dyad must code or reject each one and reach the end.
. "$ROOT/tests/suites/suite.inc"
run_suite peers/tabari/Validate.project 436 --all
