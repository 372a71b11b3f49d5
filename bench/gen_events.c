/*
 * gen_events.c -- bench only: a large synthetic event store, quickly.
 *
 *   gen_events --db PATH --events N [--seed S] [--batch N] [--cache-mb N]
 *   gen_events --jsonl --events N [--seed S]      (to standard output)
 *
 * Coding text to reach ten million events would take hours, and the
 * queries being measured only see events, so this makes articles with
 * events directly and stores them through the public store API
 * (dyad_store_put, as dyad ingest --events does), so the summary is
 * built exactly as an ingest builds it. The articles have a one-line
 * text and events without a sentence (no FTS work, which text search
 * benchmarks would need and these do not). With --jsonl the same
 * articles are written as dyad's JSON Lines events (one sentence each)
 * for `dyad ingest --events`, so that any dyad binary, old or new, can
 * load the same data.
 *
 * Shape, chosen to look like GDELT rather than uniform noise:
 *  - actors: a country (Zipf over 200 countries, s = 1.1, the common
 *    ones being real codes) plus a role (Zipf over 11 roles, "" first);
 *    one event in five stays inside one country;
 *  - event codes: Zipf over dyad's CAMEO table in a fixed shuffled
 *    order, with its quad class and Goldstein value;
 *  - dates: ten years, 2015-01-01 to 2024-12-31, articles in date order
 *    (news arrives in time order);
 *  - 1 to 4 events per article (2.5 on average), 50 news outlets (Zipf);
 *    three events in ten repeat an earlier event of the same day (same
 *    dyad and code), so events have several mentions, articles and
 *    sources, as reported news does.
 * Deterministic for a seed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad.h"
#include "dyad_store.h"

enum {
    N_COUNTRIES = 200,
    N_OUTLETS = 50,
    MAX_EVENTS_PER_ARTICLE = 4,
    RECENT = 4096, /* events of the day remembered for repeats */
    FIRST_YEAR = 2015,
    YEARS = 10,
    DEFAULT_BATCH = 50000, /* fewer commits rewriting the same index pages */
    DEFAULT_CACHE_MB = 2048
};

static const char *const common_countries[] = {
    "USA", "RUS", "CHN", "GBR", "ISR", "IRN", "UKR", "TUR", "IND", "FRA", "DEU", "SYR",
    "PAK", "AFG", "JPN", "PSE", "IRQ", "PRK", "KOR", "SAU", "EGY", "NGA", "ZAF", "CAN",
    "AUS", "BRA", "MEX", "VEN", "ZWE", "KEN", "ETH", "LBY", "YEM", "LBN", "QAT", "ARE",
    "ITA", "ESP", "POL", "GRC", "SRB", "BLR", "GEO", "ARM", "AZE", "KAZ", "IDN", "PHL",
    "VNM", "THA", "MMR", "BGD", "LKA", "NPL", "COL", "ARG", "CHL", "PER", "CUB", "SDN"};
static const char *const roles[] = {"",    "GOV", "MIL", "BUS", "MED", "OPP",
                                    "REB", "COP", "JUD", "LEG", "CVL"};
enum { N_ROLES = sizeof roles / sizeof *roles };

static uint64_t rng_state;

/* xorshift64*: fast, deterministic, good enough for synthetic data. */
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static double uniform(void) { return (double)(rng() >> 11) / 9007199254740992.0; }

/* Cumulative Zipf weights over n ranks; draw by binary search. */
typedef struct zipf {
    double *cdf;
    size_t n;
} zipf;

static int zipf_init(zipf *z, size_t n, double s)
{
    z->n = n;
    z->cdf = malloc(n * sizeof *z->cdf);
    if (!z->cdf) return -1;
    double total = 0;
    for (size_t i = 0; i < n; i++) z->cdf[i] = total += 1.0 / pow((double)(i + 1), s);
    for (size_t i = 0; i < n; i++) z->cdf[i] /= total;
    return 0;
}

static size_t zipf_draw(const zipf *z)
{
    double u = uniform();
    size_t lo = 0, hi = z->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (z->cdf[mid] < u) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

typedef struct gen_event {
    int32_t date;
    char source[8], target[8];
    const dyad_cameo_code *code;
} gen_event;

typedef struct generator {
    zipf countries, roles, codes, outlets;
    char country[N_COUNTRIES][4];
    char outlet[N_OUTLETS][16];
    const dyad_cameo_code **code_order;
    gen_event recent[RECENT];
    size_t n_recent;
} generator;

static int generator_init(generator *g)
{
    size_t n_codes;
    const dyad_cameo_code *table = dyad_cameo_table(&n_codes);
    size_t n_common = sizeof common_countries / sizeof *common_countries;
    for (size_t i = 0; i < N_COUNTRIES; i++) {
        if (i < n_common) snprintf(g->country[i], 4, "%s", common_countries[i]);
        else snprintf(g->country[i], 4, "X%c%c", 'A' + (int)(i / 26 % 26), 'A' + (int)(i % 26));
    }
    for (size_t i = 0; i < N_OUTLETS; i++) snprintf(g->outlet[i], 16, "outlet%02zu", i);
    g->code_order = malloc(n_codes * sizeof *g->code_order);
    if (!g->code_order || !n_codes) return -1;
    for (size_t i = 0; i < n_codes; i++) g->code_order[i] = &table[i];
    for (size_t i = n_codes - 1; i > 0; i--) { /* Fisher-Yates */
        size_t j = (size_t)(rng() % (i + 1));
        const dyad_cameo_code *t = g->code_order[i];
        g->code_order[i] = g->code_order[j];
        g->code_order[j] = t;
    }
    g->n_recent = 0;
    if (zipf_init(&g->countries, N_COUNTRIES, 1.1) || zipf_init(&g->roles, N_ROLES, 1.0) ||
        zipf_init(&g->codes, n_codes, 1.0) || zipf_init(&g->outlets, N_OUTLETS, 0.8))
        return -1;
    return 0;
}

static void generator_free(generator *g)
{
    free(g->countries.cdf);
    free(g->roles.cdf);
    free(g->codes.cdf);
    free(g->outlets.cdf);
    free(g->code_order);
}

static void actor(const generator *g, size_t country, char out[8])
{
    snprintf(out, 8, "%s%s", g->country[country], roles[zipf_draw(&g->roles)]);
}

static void new_event(generator *g, int32_t date, gen_event *e)
{
    if (g->n_recent && g->recent[0].date != date) g->n_recent = 0; /* a new day */
    if (g->n_recent && uniform() < 0.3) {
        *e = g->recent[rng() % (g->n_recent < RECENT ? g->n_recent : RECENT)];
        return;
    }
    size_t s = zipf_draw(&g->countries), t = s;
    if (uniform() >= 0.2)
        while (t == s) t = zipf_draw(&g->countries);
    e->date = date;
    actor(g, s, e->source);
    actor(g, t, e->target);
    e->code = g->code_order[zipf_draw(&g->codes)];
    g->recent[g->n_recent++ % RECENT] = *e;
}

/* yyyymmdd of day `day` after 2015-01-01. */
static int32_t date_of(long day)
{
    struct tm tm = {0};
    tm.tm_year = FIRST_YEAR - 1900;
    tm.tm_mday = 1 + (int)day;
    tm.tm_hour = 12;
    timegm(&tm); /* normalises the fields */
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* One generated article and its events; valid until the next one. */
typedef struct gen_article {
    char id[24], text[48];
    int32_t date;
    const char *outlet;
    gen_event ev[MAX_EVENTS_PER_ARTICLE];
    size_t n;
} gen_article;

static void make_article(generator *g, long n, int32_t date, gen_article *a)
{
    snprintf(a->id, sizeof a->id, "gen-%09ld", n);
    snprintf(a->text, sizeof a->text, "Synthetic article %ld.", n);
    a->date = date;
    a->outlet = g->outlet[zipf_draw(&g->outlets)];
    a->n = 1 + (size_t)(rng() % MAX_EVENTS_PER_ARTICLE);
    for (size_t i = 0; i < a->n; i++) new_event(g, date, &a->ev[i]);
}

static int store_article(dyad_store *s, const gen_article *ga, dyad_error *err)
{
    dyad_event events[MAX_EVENTS_PER_ARTICLE];
    memset(events, 0, sizeof events);
    for (size_t i = 0; i < ga->n; i++) {
        dyad_event *e = &events[i];
        e->article_id = ga->id;
        e->sentence_index = (int)i;
        e->date = ga->date;
        e->source = ga->ev[i].source;
        e->target = ga->ev[i].target;
        e->code = ga->ev[i].code->code;
        memcpy(e->root_code, e->code, 2);
        e->quad_class = ga->ev[i].code->quad_class;
        e->goldstein = ga->ev[i].code->goldstein;
        e->has_goldstein = 1;
        e->source_span = e->target_span = e->verb_span = (dyad_span){-1, -1};
    }
    dyad_article a = {0};
    a.id = ga->id;
    a.date = ga->date;
    a.text = ga->text;
    a.text_len = strlen(ga->text);
    a.source = ga->outlet;
    dyad_result r = {events, ga->n, ga->n, 0, NULL};
    return dyad_store_put(s, &a, &r, err);
}

static void write_article(FILE *out, const gen_article *a)
{
    int y = a->date / 10000, m = a->date / 100 % 100, d = a->date % 100;
    for (size_t i = 0; i < a->n; i++) {
        const gen_event *e = &a->ev[i];
        fprintf(out,
                "{\"article_id\":\"%s\",\"sentence_id\":%zu,\"date\":\"%04d-%02d-%02d\","
                "\"source\":\"%s\",\"target\":\"%s\",\"code\":\"%s\",\"quad_class\":%d,"
                "\"goldstein\":%.1f,\"text\":\"%s met %s (%zu).\",\"news_source\":\"%s\"}\n",
                a->id, i, y, m, d, e->source, e->target, e->code->code, e->code->quad_class,
                e->code->goldstein, e->source, e->target, i, a->outlet);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int usage(void)
{
    fputs("usage: gen_events (--db PATH | --jsonl) --events N [--seed S] [--batch N]"
          " [--cache-mb N]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *db = NULL;
    long want = 0, batch = DEFAULT_BATCH, cache_mb = DEFAULT_CACHE_MB;
    int jsonl = 0;
    rng_state = 88172645463325252ULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--jsonl")) {
            jsonl = 1;
            continue;
        }
        if (i + 1 >= argc) return usage();
        if (!strcmp(argv[i], "--db")) db = argv[++i];
        else if (!strcmp(argv[i], "--events")) want = atol(argv[++i]);
        else if (!strcmp(argv[i], "--seed")) rng_state += (uint64_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--batch")) batch = atol(argv[++i]);
        else if (!strcmp(argv[i], "--cache-mb")) cache_mb = atol(argv[++i]);
        else return usage();
    }
    if (!db == !jsonl || want <= 0 || batch <= 0 || cache_mb <= 0) return usage();
    generator g;
    dyad_error err = {0};
    if (generator_init(&g) < 0) {
        fputs("gen_events: out of memory\n", stderr);
        return 1;
    }
    dyad_store *s = NULL;
    if (db && !(s = dyad_store_open(db, DYAD_STORE_WRITE, &err))) {
        fprintf(stderr, "gen_events: %s\n", err.message);
        generator_free(&g);
        return 1;
    }
    if (s) dyad_store_set_batch_size(s, (size_t)batch);
    if (s && dyad_store_set_cache_size(s, cache_mb, &err) < 0) {
        fprintf(stderr, "gen_events: %s\n", err.message);
        dyad_store_close(s);
        generator_free(&g);
        return 1;
    }
    long days = 0;
    for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) days += 365 + (y % 4 == 0);
    /* Articles needed for `want` events at 2.5 per article, spread evenly
       over the days in order. */
    long articles = want * 2 / 5 + 1, events = 0, n = 0;
    double t0 = now();
    int rc = s ? dyad_store_bulk_begin(s, &err) : 0;
    if (rc == 0 && s) rc = dyad_store_begin(s, &err);
    gen_article a;
    for (; rc >= 0 && events < want; n++) {
        make_article(&g, n, date_of(n * days / articles % days), &a);
        events += (long)a.n;
        if (s) rc = store_article(s, &a, &err);
        else write_article(stdout, &a);
    }
    if (s && rc >= 0) rc = dyad_store_commit(s, &err);
    double stored = now() - t0;
    if (s && rc >= 0) rc = dyad_store_bulk_end(s, &err);
    double seconds = now() - t0;
    if (rc < 0) fprintf(stderr, "gen_events: %s\n", err.message);
    else if (s)
        printf("gen_events: %ld articles, %ld events stored in %.1f s, summary built in %.1f s"
               " (%.0f events/s)\n", n, events, stored, seconds - stored,
               (double)events / seconds);
    dyad_store_close(s);
    generator_free(&g);
    return rc < 0;
}
