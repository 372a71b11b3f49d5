#!/bin/sh
# tests/run.sh -- runs every test and ends with one line "N passed, N failed".
#
#  1. unit tests: each build*/tests/test_* binary prints PASS/FAIL lines;
#     both the optimised and the ASan+UBSan builds run.
#  2. CLI cases: tests/cases/NAME.cmd is a shell command using $DYAD; its
#     standard output must equal NAME.expected and its exit status
#     NAME.status (0 when absent). Run with the ASan+UBSan binary.
#  3. suites: tests/suites/*.sh exit 0 (pass), 77 (skip) or else (fail).
#     They read the peers' suites in ../shared when present.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
SHARED=${DYAD_SHARED:-$ROOT/../shared}
export SHARED ROOT
export DYAD_DATA="$ROOT/data"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
export TMPDIR_TESTS="$TMP"
passed=0 failed=0 skipped=0

fail() { echo "FAIL $1"; failed=$((failed + 1)); }
pass() { echo "PASS $1"; passed=$((passed + 1)); }

for build in build build-asan; do
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" > "$TMP/unit.out" 2>&1
        rc=$?
        sed "s|^PASS |PASS $build/|; s|^FAIL |FAIL $build/|" "$TMP/unit.out" | grep -v '^PASS ' 
        p=$(grep -c '^PASS ' "$TMP/unit.out")
        f=$(grep -c '^FAIL ' "$TMP/unit.out")
        s=$(grep -c '^SKIP ' "$TMP/unit.out")
        passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
        if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
            tail -n 20 "$TMP/unit.out"
            fail "$t (exit $rc)"
        fi
    done
done

DYAD="$ROOT/build-asan/dyad"
[ -x "$DYAD" ] || DYAD="$ROOT/build/dyad"
export DYAD
for cmd in tests/cases/*.cmd; do
    [ -f "$cmd" ] || continue
    name=${cmd%.cmd}
    want_status=0
    [ -f "$name.status" ] && want_status=$(cat "$name.status")
    (cd tests/cases && sh "$ROOT/$cmd") > "$TMP/case.out" 2> "$TMP/case.err"
    rc=$?
    if [ "$rc" -ne "$want_status" ]; then
        fail "$name (exit $rc, want $want_status)"; sed 's/^/  /' "$TMP/case.err" | head -n 20
    elif [ -f "$name.expected" ] && ! diff -u "$name.expected" "$TMP/case.out" > "$TMP/case.diff"; then
        fail "$name"; head -n 40 "$TMP/case.diff"
    else
        pass "$name"
    fi
done

for s in tests/suites/*.sh; do
    [ -f "$s" ] || continue
    sh "$s" > "$TMP/suite.out" 2>&1
    rc=$?
    tail -n 3 "$TMP/suite.out" | sed 's/^/  /'
    case $rc in
        0) pass "$s" ;;
        77) echo "SKIP $s"; skipped=$((skipped + 1)) ;;
        *) fail "$s (exit $rc)" ;;
    esac
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
