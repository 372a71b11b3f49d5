/*
 * shift.c -- `is X drifting from B towards A`: an alignment index per
 * period and the change points of that index, each with the events that
 * drove it.
 *
 * The alignment series is built from the store's per-day counts of the
 * two dyads (X with A, X with B, either direction), which a backend
 * answers from its summary; single events are read only for the periods
 * where the series changed, to name the events that drove each change
 * (the few strings a driver report needs are kept in an arena).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "store/store.h"
#include "util/util.h"

/* One day's counts of one quad class, with A or with B. */
typedef struct shift_day {
    store_day_row counts;
    int with_a;
} shift_day;

typedef struct day_run {
    shift_day *items;
    size_t n, cap;
    int with_a;
    int failed;
} day_run;

typedef struct shift_event {
    int32_t date;
    int quad_class;
    int has_goldstein;
    double goldstein;
    int with_a;
    const char *source, *target, *code, *article_id, *sentence;
} shift_event;

typedef struct event_run {
    shift_event *items;
    size_t n, cap;
    dyad_arena strings;
    int with_a;
    int failed;
} event_run;

static int day_collect(void *user, const store_day_row *row)
{
    day_run *run = user;
    if (!row->date) return 0;
    shift_day *d = dyad_grow(&run->items, &run->n, &run->cap, sizeof *d);
    if (!d) {
        run->failed = 1;
        return 1;
    }
    d->counts = *row;
    d->with_a = run->with_a;
    return 0;
}

static const char *keep(event_run *run, const char *s, size_t n)
{
    if (!s) return NULL;
    const char *copy = dyad_arena_strndup(&run->strings, s, n);
    if (!copy) run->failed = 1;
    return copy;
}

static const char *keep_cstr(event_run *run, const char *s)
{
    return keep(run, s, s ? strlen(s) : 0);
}

static int event_collect(void *user, const dyad_stored_event *se)
{
    event_run *run = user;
    const dyad_event *e = &se->event;
    if (!e->date) return 0;
    shift_event *x = dyad_grow(&run->items, &run->n, &run->cap, sizeof *x);
    if (!x) {
        run->failed = 1;
        return 1;
    }
    x->date = e->date;
    x->quad_class = e->quad_class;
    x->has_goldstein = e->has_goldstein;
    x->goldstein = e->goldstein;
    x->with_a = run->with_a;
    x->source = keep_cstr(run, e->source);
    x->target = keep_cstr(run, e->target);
    x->code = keep_cstr(run, e->code);
    x->article_id = keep_cstr(run, e->article_id);
    x->sentence = keep(run, e->sentence, e->sentence_len);
    return run->failed;
}

/* +1 when the event pulls X towards A (cooperation with A, conflict with
 * B), -1 towards B, 0 for an unknown quad class. */
static int pull(const shift_event *e)
{
    int sign = e->quad_class == 1 || e->quad_class == 2 ? 1
             : e->quad_class == 3 || e->quad_class == 4 ? -1 : 0;
    return e->with_a ? sign : -sign;
}

/* Index of the period holding `date` among periods sorted by start. */
static size_t period_index(const dyad_shift_period *p, size_t n, int32_t date)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].start <= date) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* Consecutive periods from the first event's to the last event's. */
static int make_periods(dyad_shift *sh, const day_run *days)
{
    int32_t first = days->items[0].counts.date, last = first;
    for (size_t i = 1; i < days->n; i++) {
        if (days->items[i].counts.date < first) first = days->items[i].counts.date;
        if (days->items[i].counts.date > last) last = days->items[i].counts.date;
    }
    size_t cap = 0;
    for (int32_t start = first; start <= last; start = period_next(sh->unit, start)) {
        dyad_shift_period *p = dyad_grow(&sh->periods, &sh->n_periods, &cap, sizeof *p);
        if (!p) return DYAD_ENOMEM;
        period_bounds(sh->unit, start, &p->start, &p->end);
        start = p->start;
    }
    return 0;
}

static int fill_alignment(dyad_shift *sh, const day_run *days)
{
    dyad_period_stats *a = calloc(sh->n_periods, sizeof *a), *b = calloc(sh->n_periods, sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < days->n; i++) {
        const store_day_row *d = &days->items[i].counts;
        size_t k = period_index(sh->periods, sh->n_periods, d->date);
        period_add(days->items[i].with_a ? &a[k] : &b[k], d->quad, d->events, d->goldstein_sum,
                   d->n_goldstein);
    }
    for (size_t k = 0; k < sh->n_periods; k++) {
        dyad_shift_period *p = &sh->periods[k];
        period_finish(&a[k]);
        period_finish(&b[k]);
        p->events_a = a[k].events;
        p->events_b = b[k].events;
        p->net_a = a[k].net_coop;
        p->net_b = b[k].net_coop;
        p->alignment = (p->net_a - p->net_b) / 2;
    }
    free(a);
    free(b);
    return 0;
}

static char *dup_or_null(const char *s, int *failed)
{
    if (!s) return NULL;
    char *copy = strdup(s);
    if (!copy) *failed = 1;
    return copy;
}

static double strength(const shift_event *e) { return e->has_goldstein ? fabs(e->goldstein) : 0; }

/* The events of the change's first period that pushed the way it moved,
 * strongest first (a selection sort: at most DYAD_SHIFT_MAX_DRIVERS picks). */
static int pick_drivers(dyad_change_point *c, const dyad_shift_period *p, const event_run *run)
{
    int want = c->after > c->before ? 1 : -1, failed = 0;
    const shift_event *chosen[DYAD_SHIFT_MAX_DRIVERS] = {0};
    size_t n = 0;
    while (n < DYAD_SHIFT_MAX_DRIVERS) {
        const shift_event *best = NULL;
        for (size_t i = 0; i < run->n; i++) {
            const shift_event *e = &run->items[i];
            if (e->date < p->start || e->date > p->end || pull(e) != want) continue;
            int taken = 0;
            for (size_t j = 0; j < n; j++) taken |= chosen[j] == e;
            if (!taken && (!best || strength(e) > strength(best))) best = e;
        }
        if (!best) break;
        chosen[n++] = best;
    }
    for (size_t j = 0; j < n; j++) {
        dyad_shift_driver *d = &c->drivers[c->n_drivers++];
        const shift_event *e = chosen[j];
        d->date = e->date;
        d->quad_class = e->quad_class;
        d->goldstein = e->goldstein;
        d->with_a = e->with_a;
        d->source = dup_or_null(e->source, &failed);
        d->target = dup_or_null(e->target, &failed);
        d->code = dup_or_null(e->code, &failed);
        d->article_id = dup_or_null(e->article_id, &failed);
        d->sentence = dup_or_null(e->sentence, &failed);
    }
    return failed ? DYAD_ENOMEM : 0;
}

/* The shift's question: the pair x, other in either direction. */
typedef struct shift_ask {
    dyad_store *s;
    dyad_query q; /* the caller's filter */
    const char *x, *a, *b;
} shift_ask;

static dyad_query pair_query(const shift_ask *ask, int with_a)
{
    dyad_query q = ask->q;
    q.source = ask->x;
    q.target = with_a ? ask->a : ask->b;
    q.both_ways = 1;
    q.limit = 0;
    return q;
}

/* The events of one period with A, then with B, in date order. */
static int period_events(const shift_ask *ask, const dyad_shift_period *p, event_run *run,
                         dyad_error *err)
{
    for (int with_a = 1; with_a >= 0; with_a--) {
        dyad_query q = pair_query(ask, with_a);
        if (q.since < p->start) q.since = p->start;
        if (!q.until || q.until > p->end) q.until = p->end;
        run->with_a = with_a;
        int rc = dyad_store_events(ask->s, &q, event_collect, run, err);
        if (rc == 0 && run->failed) rc = DYAD_ENOMEM;
        if (rc < 0) return rc;
    }
    return 0;
}

static int find_changes(dyad_shift *sh, const shift_ask *ask, dyad_error *err)
{
    size_t n = sh->n_periods;
    double *x = malloc((n ? n : 1) * sizeof *x);
    cp_change *found = malloc((n ? n : 1) * sizeof *found);
    sh->changes = calloc(n ? n : 1, sizeof *sh->changes);
    int rc = x && found && sh->changes ? 0 : DYAD_ENOMEM;
    if (rc == 0) {
        for (size_t k = 0; k < n; k++) x[k] = sh->periods[k].alignment;
        size_t m = changepoints_find(x, n, found, n);
        for (size_t i = 0; i < m && rc == 0; i++) {
            dyad_change_point *c = &sh->changes[sh->n_changes++];
            c->period = found[i].index;
            c->before = found[i].before;
            c->after = found[i].after;
            c->statistic = found[i].statistic;
            event_run run = {0};
            rc = period_events(ask, &sh->periods[c->period], &run, err);
            if (rc == 0) rc = pick_drivers(c, &sh->periods[c->period], &run);
            free(run.items);
            dyad_arena_free(&run.strings);
        }
    }
    free(x);
    free(found);
    return rc;
}

/* Codes are prefixes: "RUS" and "RUSGOV" select some of the same events. */
static int overlap(const char *p, const char *q)
{
    size_t n = strlen(p) < strlen(q) ? strlen(p) : strlen(q);
    return strncmp(p, q, n) == 0;
}

int dyad_analyze_shift(dyad_store *s, const char *x, const char *a, const char *b,
                       dyad_period_unit unit, const dyad_query *filter, dyad_shift **out,
                       dyad_error *err)
{
    *out = NULL;
    if (!has_text(x) || !has_text(a) || !has_text(b))
        return dyad_fail(err, DYAD_EARG, "shift: an actor and two partners are needed");
    if (overlap(x, a) || overlap(x, b) || overlap(a, b))
        return dyad_fail(err, DYAD_EARG, "shift: %s, %s and %s overlap (one code is a prefix "
                         "of another), so their events cannot be told apart", x, a, b);
    shift_ask ask = {s, {0}, x, a, b};
    if (filter) ask.q = *filter;
    dyad_shift *sh = calloc(1, sizeof *sh);
    if (!sh) return dyad_fail(err, DYAD_ENOMEM, "shift: out of memory");
    sh->unit = unit;
    day_run days = {0};
    int rc = 0;
    for (int with_a = 1; with_a >= 0 && rc == 0; with_a--) {
        dyad_query q = pair_query(&ask, with_a);
        days.with_a = with_a;
        rc = store_day_counts(s, &q, day_collect, &days, err);
        if (rc == 0 && days.failed) rc = DYAD_ENOMEM;
    }
    if (rc == 0 && days.n) {
        rc = make_periods(sh, &days);
        if (rc == 0) rc = fill_alignment(sh, &days);
        if (rc == 0) rc = find_changes(sh, &ask, err);
    }
    free(days.items);
    if (rc == DYAD_ENOMEM) dyad_fail(err, rc, "shift: out of memory");
    if (rc < 0) {
        dyad_shift_free(sh);
        return rc;
    }
    *out = sh;
    return 0;
}

void dyad_shift_free(dyad_shift *sh)
{
    if (!sh) return;
    for (size_t i = 0; i < sh->n_changes; i++)
        for (size_t j = 0; j < sh->changes[i].n_drivers; j++) {
            dyad_shift_driver *d = &sh->changes[i].drivers[j];
            free(d->source);
            free(d->target);
            free(d->code);
            free(d->article_id);
            free(d->sentence);
        }
    free(sh->changes);
    free(sh->periods);
    free(sh);
}
