# PETRARCH-2's unit-test records, coded from raw text (never the parse trees).
. "$ROOT/tests/suites/suite.inc"
run_suite peers/petrarch2/PETR.UnitTest.records.xml 257
