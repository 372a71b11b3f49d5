/*
 * partners.c -- `who does X deal with`: an actor's partners ranked by the
 * number of events and by how cooperative they are on average.
 *
 * The backend aggregates per partner (one row each, so memory follows the
 * number of partners, not of events); ranking happens here.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "store/store.h"
#include "util/util.h"

typedef struct partner_run {
    dyad_partner *items;
    size_t n, cap;
    int failed;
} partner_run;

static int partner_add(void *user, const store_partner_row *row)
{
    partner_run *run = user;
    dyad_partner *p = dyad_grow(&run->items, &run->n, &run->cap, sizeof *p);
    if (!p || !(p->actor = strdup(row->actor ? row->actor : ""))) {
        if (p) run->n--;
        run->failed = 1;
        return 1;
    }
    p->events = row->events;
    memcpy(p->quad, row->quad, sizeof p->quad);
    p->goldstein_mean = row->n_goldstein ? row->goldstein_sum / (double)row->n_goldstein : 0;
    p->net_coop = net_coop_score(p->quad, p->events);
    return 0;
}

/* Ties are broken by actor code so the order is reproducible. */
static int by_volume(const void *a, const void *b)
{
    const dyad_partner *x = a, *y = b;
    if (x->events != y->events) return x->events > y->events ? -1 : 1;
    return strcmp(x->actor, y->actor);
}

static int by_goldstein(const void *a, const void *b)
{
    const dyad_partner *x = a, *y = b;
    if (x->goldstein_mean != y->goldstein_mean) return x->goldstein_mean > y->goldstein_mean ? -1 : 1;
    return by_volume(a, b);
}

static void free_list(dyad_partner *items, size_t n)
{
    for (size_t i = 0; i < n; i++) free(items[i].actor);
    free(items);
}

/* The first `top` of `items` that have at least min_events, as a new
 * list with its own strings; NULL only when out of memory. */
static dyad_partner *select_top(const dyad_partner *items, size_t n, size_t top,
                                long min_events, size_t *n_out)
{
    dyad_partner *out = calloc(n ? n : 1, sizeof *out);
    *n_out = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < n && (!top || *n_out < top); i++) {
        if (items[i].events < min_events) continue;
        out[*n_out] = items[i];
        if (!(out[*n_out].actor = strdup(items[i].actor))) {
            free_list(out, *n_out);
            return NULL;
        }
        ++*n_out;
    }
    return out;
}

int dyad_analyze_partners(dyad_store *s, const char *x, const dyad_query *filter, size_t top,
                          size_t group_len, long min_events, dyad_partners **out,
                          dyad_error *err)
{
    *out = NULL;
    if (!has_text(x)) return dyad_fail(err, DYAD_EARG, "partners: an actor code is needed");
    dyad_query q = {0};
    if (filter) q = *filter;
    q.source = q.target = NULL;
    q.both_ways = 0;
    partner_run run = {0};
    int rc = store_partners(s, x, &q, group_len, partner_add, &run, err);
    if (rc == 0 && run.failed) rc = dyad_fail(err, DYAD_ENOMEM, "partners: out of memory");
    dyad_partners *p = rc == 0 ? calloc(1, sizeof *p) : NULL;
    if (p) {
        qsort(run.items, run.n, sizeof *run.items, by_volume);
        p->by_volume = select_top(run.items, run.n, top, 0, &p->n_by_volume);
        qsort(run.items, run.n, sizeof *run.items, by_goldstein);
        p->by_goldstein = select_top(run.items, run.n, top, min_events, &p->n_by_goldstein);
        if (!p->by_volume || !p->by_goldstein) {
            dyad_partners_free(p);
            p = NULL;
        }
    }
    free_list(run.items, run.n);
    if (rc == 0 && !p) rc = dyad_fail(err, DYAD_ENOMEM, "partners: out of memory");
    *out = p;
    return rc;
}

void dyad_partners_free(dyad_partners *p)
{
    if (!p) return;
    free_list(p->by_volume, p->n_by_volume);
    free_list(p->by_goldstein, p->n_by_goldstein);
    free(p);
}
