/*
 * analyze.h -- the pieces the analyses share: calendar periods, the
 * per-period accumulator, and change-point detection on a series.
 * Internal to libdyad; the public entry points are in dyad_store.h.
 */
#ifndef DYAD_ANALYZE_H
#define DYAD_ANALYZE_H

#include "dyad.h"
#include "dyad_store.h"

static inline int has_text(const char *s) { return s && *s; }

/* Days since 1970-01-01 for a yyyymmdd date, and back. */
long period_days(int32_t date);
int32_t period_date(long days);

/* The period containing `date`: its first and last day. */
void period_bounds(dyad_period_unit unit, int32_t date, int32_t *start, int32_t *end);
/* The first day of the period after the one starting at `start`. */
int32_t period_next(dyad_period_unit unit, int32_t start);

/* Adds `events` events of one quad class, n_goldstein of them with a
 * Goldstein value summing to goldstein_sum, to a period's counts;
 * period_finish computes the mean and the net cooperation score once all
 * are in. */
void period_add(dyad_period_stats *p, int quad_class, long events, double goldstein_sum,
                long n_goldstein);
void period_finish(dyad_period_stats *p);

/* The net cooperation score of quad counts over `events` events. */
double net_coop_score(const long quad[5], long events);

/* Growable list of consecutive periods: period_at returns the stats of the
 * period holding `date`, appending it and any empty periods before it
 * (dates must come in increasing order). NULL when out of memory. */
typedef struct period_list {
    dyad_period_unit unit;
    dyad_period_stats *items;
    size_t n, cap;
} period_list;
dyad_period_stats *period_at(period_list *l, int32_t date);

/* Change points of x[0..n) by binary segmentation (see dyad_store.h for
 * the statistic). Writes at most `max` into out, in index order, and
 * returns how many. */
typedef struct cp_change {
    size_t index;          /* first element after the change */
    double before, after, statistic;
} cp_change;
size_t changepoints_find(const double *x, size_t n, cp_change *out, size_t max);

#endif
