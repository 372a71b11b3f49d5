# PETRARCH-1's unit-test records, coded from raw text (never the parse trees).
. "$ROOT/tests/suites/suite.inc"
run_suite peers/petrarch1/PETR.UnitTest.records.xml 250
