# TABARI's standard validation suite (to FINAL-01), dictionaries unchanged.
. "$ROOT/tests/suites/suite.inc"
run_suite peers/tabari/Validate.project 433
