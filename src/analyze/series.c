/*
 * series.c -- `how do X and Y get along over time`: a dyad's events
 * counted per calendar period.
 *
 * Built on the store's per-day counts (date ordered), which a backend
 * answers from its summary without reading single events, so a timeline
 * over millions of events costs one row per day and quad class; the
 * calendar arithmetic lives here, once, for every backend.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "store/store.h"
#include "util/util.h"

typedef struct series_run {
    period_list periods;
    int failed;
} series_run;

static int series_add(void *user, const store_day_row *row)
{
    series_run *run = user;
    if (!row->date) return 0;
    dyad_period_stats *p = period_at(&run->periods, row->date);
    if (!p) {
        run->failed = 1;
        return 1;
    }
    period_add(p, row->quad, row->events, row->goldstein_sum, row->n_goldstein);
    return 0;
}

int dyad_analyze_dyad(dyad_store *s, const char *x, const char *y, int both_ways,
                      dyad_period_unit unit, const dyad_query *filter, dyad_series **out,
                      dyad_error *err)
{
    *out = NULL;
    if (!has_text(x) || !has_text(y))
        return dyad_fail(err, DYAD_EARG, "dyad: two actor codes are needed");
    dyad_query q = {0};
    if (filter) q = *filter;
    q.source = x;
    q.target = y;
    q.both_ways = both_ways;
    q.limit = 0;
    series_run run = {{unit, NULL, 0, 0}, 0};
    int rc = store_day_counts(s, &q, series_add, &run, err);
    dyad_series *series = NULL;
    if (rc == 0 && (run.failed || !(series = calloc(1, sizeof *series))))
        rc = dyad_fail(err, DYAD_ENOMEM, "dyad: out of memory");
    if (rc < 0 || !series) {
        free(run.periods.items);
        return rc < 0 ? rc : DYAD_ENOMEM;
    }
    for (size_t i = 0; i < run.periods.n; i++) period_finish(&run.periods.items[i]);
    series->unit = unit;
    series->periods = run.periods.items;
    series->n_periods = run.periods.n;
    *out = series;
    return 0;
}

void dyad_series_free(dyad_series *series)
{
    if (!series) return;
    free(series->periods);
    free(series);
}
