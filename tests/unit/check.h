/*
 * check.h -- the unit-test harness: a test is a function, a failed CHECK
 * prints file:line and marks it failed, main() runs them all.
 *
 *   static void test_split_abbrev(void) { CHECK(n == 2); CHECK_STR(a, "x"); }
 *   int main(void) { RUN(test_split_abbrev); return check_done(); }
 *
 * Each test prints one line "PASS name" or "FAIL name"; tests/run.sh counts
 * them into the summary line.
 */
#ifndef DYAD_CHECK_H
#define DYAD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_now, check_passed, check_failed;

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            check_failed_now = 1;                                        \
        }                                                                \
    } while (0)

#define CHECK_INT(got, want)                                             \
    do {                                                                 \
        long long g_ = (long long)(got), w_ = (long long)(want);         \
        if (g_ != w_) {                                                  \
            printf("  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
            check_failed_now = 1;                                        \
        }                                                                \
    } while (0)

#define CHECK_STR(got, want)                                             \
    do {                                                                 \
        const char *g_ = (got), *w_ = (want);                            \
        if (!g_ || !w_ || strcmp(g_, w_)) {                              \
            printf("  %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
                   g_ ? g_ : "(null)", w_ ? w_ : "(null)");              \
            check_failed_now = 1;                                        \
        }                                                                \
    } while (0)

#define RUN(test_fn)                                                     \
    do {                                                                 \
        check_failed_now = 0;                                            \
        test_fn();                                                       \
        printf("%s %s\n", check_failed_now ? "FAIL" : "PASS", #test_fn); \
        if (check_failed_now) check_failed++; else check_passed++;       \
    } while (0)

static inline int check_done(void) { return check_failed ? 1 : 0; }

#endif
