/*
 * shift.c -- `is X drifting from B towards A`: an alignment index per
 * period and the change points of that index, each with the events that
 * drove it.
 *
 * The events of both dyads (X with A, X with B, either direction) are
 * loaded once, with the few strings a driver report needs kept in an
 * arena, because drivers are picked only after the change points are
 * known. A dyad's events are few next to the store, so this stays small.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "util/util.h"

typedef struct shift_event {
    int32_t date;
    int quad_class;
    int has_goldstein;
    double goldstein;
    int with_a;
    const char *source, *target, *code, *article_id, *sentence;
} shift_event;

typedef struct shift_run {
    shift_event *items;
    size_t n, cap;
    dyad_arena strings;
    int with_a;
    int failed;
} shift_run;

static const char *keep(shift_run *run, const char *s, size_t n)
{
    if (!s) return NULL;
    const char *copy = dyad_arena_strndup(&run->strings, s, n);
    if (!copy) run->failed = 1;
    return copy;
}

static const char *keep_cstr(shift_run *run, const char *s)
{
    return keep(run, s, s ? strlen(s) : 0);
}

static int shift_collect(void *user, const dyad_stored_event *se)
{
    shift_run *run = user;
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
static int make_periods(dyad_shift *sh, const shift_run *run)
{
    int32_t first = run->items[0].date, last = first;
    for (size_t i = 1; i < run->n; i++) {
        if (run->items[i].date < first) first = run->items[i].date;
        if (run->items[i].date > last) last = run->items[i].date;
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

static int fill_alignment(dyad_shift *sh, const shift_run *run)
{
    dyad_period_stats *a = calloc(sh->n_periods, sizeof *a), *b = calloc(sh->n_periods, sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < run->n; i++) {
        const shift_event *e = &run->items[i];
        size_t k = period_index(sh->periods, sh->n_periods, e->date);
        period_add(e->with_a ? &a[k] : &b[k], e->quad_class, e->has_goldstein, e->goldstein);
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
static int pick_drivers(dyad_change_point *c, const dyad_shift_period *p, shift_run *run)
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

static int find_changes(dyad_shift *sh, shift_run *run)
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
            rc = pick_drivers(c, &sh->periods[c->period], run);
        }
    }
    free(x);
    free(found);
    return rc;
}

static int collect(dyad_store *s, dyad_query q, const char *x, const char *other, int with_a,
                   shift_run *run, dyad_error *err)
{
    q.source = x;
    q.target = other;
    q.both_ways = 1;
    q.limit = 0;
    run->with_a = with_a;
    int rc = dyad_store_events(s, &q, shift_collect, run, err);
    if (rc == 0 && run->failed) rc = dyad_fail(err, DYAD_ENOMEM, "shift: out of memory");
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
    dyad_query q = {0};
    if (filter) q = *filter;
    dyad_shift *sh = calloc(1, sizeof *sh);
    if (!sh) return dyad_fail(err, DYAD_ENOMEM, "shift: out of memory");
    sh->unit = unit;
    shift_run run = {0};
    int rc = collect(s, q, x, a, 1, &run, err);
    if (rc == 0) rc = collect(s, q, x, b, 0, &run, err);
    if (rc == 0 && run.n) {
        rc = make_periods(sh, &run);
        if (rc == 0) rc = fill_alignment(sh, &run);
        if (rc == 0) rc = find_changes(sh, &run);
        if (rc < 0) rc = dyad_fail(err, rc, "shift: out of memory");
    }
    free(run.items);
    dyad_arena_free(&run.strings);
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
