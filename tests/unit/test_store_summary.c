/*
 * test_store_summary.c -- the deduplicated summary (event_groups) stays
 * exact through new articles, replaced articles, recoding, batch commits
 * and the migration that builds it for an older store.
 *
 * The test keeps its own list of every mention it has stored, in the
 * order they were stored, and after each change computes every
 * deduplicated event from that list by brute force: (date, source,
 * target, code) groups with their mention, article and news-source
 * counts and the quad class and Goldstein value of their first mention.
 * The store's answer (read through dyad_store_events, which reads the
 * summary) must match it group for group.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "dyad.h"
#include "dyad_store.h"

static char tmpdir[64];
static char db_path[160];

/* ---------------------------------------------------------------------
 * The mirror: what the store should hold.
 * ------------------------------------------------------------------- */
enum { ARTICLES = 120, MAX_PER_ARTICLE = 3, MAX_MENTIONS = 4 * ARTICLES * MAX_PER_ARTICLE };

typedef struct mention {
    int article;
    int32_t date;
    const char *source, *target, *code, *outlet;
    int quad;
    double goldstein;
    long order; /* when it was stored: the first mention has the lowest */
} mention;

static mention mirror[MAX_MENTIONS];
static size_t n_mirror;
static long stored_so_far;
static long sentences_of[ARTICLES]; /* the coder's sentence count per article */

/* Few actors, codes and days, so groups collect several articles. */
static const char *const actors[] = {"USAGOV", "RUSGOV", "RUSMIL"};
static const struct { const char *code; int quad; double g; } codes[] = {
    {"042", 1, 1.9}, {"111", 3, -2.0}, {"190", 4, -10.0}};
static const char *const outlets[] = {"Reuters", "AFP", "TASS", "BBC"};

static unsigned seed = 777;
static unsigned next_rand(void)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
}

/* The events article `a` is coded with in `version` (0: none). */
static size_t coding(int a, int version, mention *out)
{
    seed = (unsigned)(a * 7919 + version * 104729 + 1);
    size_t n = version ? 1 + next_rand() % MAX_PER_ARTICLE : 0;
    for (size_t k = 0; k < n; k++) {
        int s = (int)(next_rand() % 3), t = (int)((s + 1 + next_rand() % 2) % 3);
        int c = (int)(next_rand() % 3);
        out[k] = (mention){a, 20230101 + (int32_t)(next_rand() % 4), actors[s], actors[t],
                           codes[c].code, NULL, codes[c].quad, codes[c].g, 0};
    }
    return n;
}

/* Puts article `a` coded in `version` from `outlet`; the mirror drops
 * the article's old mentions and appends the new ones. */
static int put_article(dyad_store *s, int a, int version, const char *outlet)
{
    mention m[MAX_PER_ARTICLE];
    size_t n = coding(a, version, m);
    char id[16], text[48];
    snprintf(id, sizeof id, "g%03d", a);
    snprintf(text, sizeof text, "Article %d.", a);
    dyad_event events[MAX_PER_ARTICLE];
    memset(events, 0, sizeof events);
    for (size_t k = 0; k < n; k++) {
        dyad_event *e = &events[k];
        e->article_id = id;
        e->sentence_index = (int)k;
        e->date = m[k].date;
        e->source = m[k].source;
        e->target = m[k].target;
        e->code = m[k].code;
        memcpy(e->root_code, m[k].code, 2);
        e->quad_class = m[k].quad;
        e->goldstein = m[k].goldstein;
        e->has_goldstein = 1;
        e->source_span = e->target_span = e->verb_span = (dyad_span){-1, -1};
    }
    dyad_article art = {0};
    art.id = id;
    art.date = 20230101;
    art.text = text;
    art.text_len = strlen(text);
    art.source = outlet;
    dyad_result r = {events, n, (size_t)version + 1, 0, NULL};
    dyad_error err = {0};
    int rc = dyad_store_put(s, &art, &r, &err);
    if (rc < 0) printf("  put: %s\n", err.message);
    if (rc == DYAD_PUT_UNCHANGED || rc < 0) return rc;
    sentences_of[a] = version + 1;
    size_t kept = 0;
    for (size_t i = 0; i < n_mirror; i++)
        if (mirror[i].article != a) mirror[kept++] = mirror[i];
    n_mirror = kept;
    for (size_t k = 0; k < n; k++) {
        m[k].outlet = outlet;
        m[k].order = ++stored_so_far;
        mirror[n_mirror++] = m[k];
    }
    return rc;
}

static int same_group(const mention *m, int32_t date, const char *source, const char *target,
                      const char *code)
{
    return m->date == date && !strcmp(m->source, source) && !strcmp(m->target, target) &&
           !strcmp(m->code, code);
}

/* The expected deduplicated event at (date, source, target, code). */
typedef struct expected {
    long mentions, articles, outlets;
    const mention *first;
} expected;

static expected expect_group(int32_t date, const char *source, const char *target,
                             const char *code)
{
    expected x = {0, 0, 0, NULL};
    for (size_t i = 0; i < n_mirror; i++) {
        const mention *m = &mirror[i];
        if (!same_group(m, date, source, target, code)) continue;
        int new_article = 1, new_outlet = 1;
        for (size_t j = 0; j < i; j++) {
            if (!same_group(&mirror[j], date, source, target, code)) continue;
            if (mirror[j].article == m->article) new_article = 0;
            if (!strcmp(mirror[j].outlet, m->outlet)) new_outlet = 0;
        }
        x.mentions++;
        x.articles += new_article;
        x.outlets += new_outlet;
        if (!x.first || m->order < x.first->order) x.first = m;
    }
    return x;
}

static long expected_groups(void)
{
    long n = 0;
    for (size_t i = 0; i < n_mirror; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_group(&mirror[j], mirror[i].date, mirror[i].source, mirror[i].target,
                              mirror[i].code);
        n += !seen;
    }
    return n;
}

typedef struct comparison {
    long groups, wrong, multi_article, multi_outlet;
} comparison;

static int compare_group(void *user, const dyad_stored_event *se)
{
    comparison *c = user;
    const dyad_event *e = &se->event;
    expected x = expect_group(e->date, e->source, e->target, e->code);
    c->groups++;
    c->multi_article += x.articles > 1;
    c->multi_outlet += x.outlets > 1;
    if (!x.first || se->num_mentions != x.mentions || se->num_articles != x.articles ||
        se->num_sources != x.outlets || e->quad_class != x.first->quad ||
        e->goldstein != x.first->goldstein) {
        printf("  %d %s %s %s: mentions %ld/%ld articles %ld/%ld sources %ld/%ld\n", e->date,
               e->source, e->target, e->code, se->num_mentions, x.mentions, se->num_articles,
               x.articles, se->num_sources, x.outlets);
        c->wrong++;
    }
    return 0;
}

/* dyad_store_stats_get with `q` against the mirror: mentions, events,
 * mentions per code; articles and sentences (all articles are dated
 * 2023-01-01). */
static void check_stats(dyad_store *s, const dyad_query *q)
{
    long mentions = 0, groups = 0, per_code[3] = {0}, articles = 0, sentences = 0;
    for (size_t i = 0; i < n_mirror; i++) {
        const mention *m = &mirror[i];
        if ((q->code && strcmp(m->code, q->code)) || (q->quad_class && m->quad != q->quad_class) ||
            (q->since && m->date < q->since))
            continue;
        mentions++;
        groups += expect_group(m->date, m->source, m->target, m->code).first == m;
        for (int c = 0; c < 3; c++) per_code[c] += !strcmp(m->code, codes[c].code);
    }
    for (int a = 0; a < ARTICLES && q->since <= 20230101; a++) {
        articles++;
        sentences += sentences_of[a];
    }
    dyad_store_stats st;
    CHECK_INT(dyad_store_stats_get(s, q, &st, NULL), 0);
    CHECK_INT(st.events, mentions);
    CHECK_INT(st.unique_events, groups);
    CHECK_INT(st.articles, articles);
    CHECK_INT(st.sentences, sentences);
    size_t listed = 0;
    for (int c = 0; c < 3; c++) listed += per_code[c] > 0;
    CHECK_INT(st.n_top_codes, listed);
    for (size_t k = 0; k < st.n_top_codes; k++)
        for (int c = 0; c < 3; c++)
            if (!strcmp(st.top_codes[k].code, codes[c].code))
                CHECK_INT(st.top_codes[k].count, per_code[c]);
}

/* Every deduplicated event the store answers is the mirror's, and none
 * is missing; stats agree, from the rollups (no filter, dates, a code)
 * and from the events (a quad class). */
static void check_summary(dyad_store *s)
{
    comparison c = {0, 0, 0, 0};
    CHECK_INT(dyad_store_events(s, NULL, compare_group, &c, NULL), 0);
    CHECK_INT(c.wrong, 0);
    CHECK_INT(c.groups, expected_groups());
    CHECK(c.multi_article > 0); /* the fixture exercises the distinct counts */
    CHECK(c.multi_outlet > 0);
    check_stats(s, &(dyad_query){0});
    check_stats(s, &(dyad_query){.since = 20230103});
    check_stats(s, &(dyad_query){.code = "111"});
    check_stats(s, &(dyad_query){.quad_class = 4, .since = 20230102});
}

/* The yearly counts of the dyad from -> to (prefixes), deduplicated: from
 * the store (dyad_analyze_dyad) and from the mirror. */
static void check_series(dyad_store *s, const char *from, const char *to)
{
    dyad_series *series = NULL;
    CHECK_INT(dyad_analyze_dyad(s, from, to, 0, DYAD_BY_YEAR, NULL, &series, NULL), 0);
    long events = 0, quad[5] = {0};
    double gsum = 0;
    for (size_t i = 0; i < n_mirror; i++) {
        const mention *m = &mirror[i];
        if (strncmp(m->source, from, strlen(from)) || strncmp(m->target, to, strlen(to))) continue;
        expected x = expect_group(m->date, m->source, m->target, m->code);
        if (x.first != m) continue; /* one per group */
        events++;
        quad[m->quad]++;
        gsum += m->goldstein;
    }
    CHECK(events > 0);
    CHECK(series && series->n_periods == 1);
    if (series && series->n_periods == 1) {
        CHECK_INT(series->periods[0].events, events);
        for (int k = 1; k <= 4; k++) CHECK_INT(series->periods[0].quad[k], quad[k]);
        CHECK(fabs(series->periods[0].goldstein_sum - gsum) < 1e-9);
    }
    dyad_series_free(series);
}

/* Country pairs read the rollup dyad_days, longer codes event_groups. */
static void check_dyad_series(dyad_store *s)
{
    check_series(s, "USA", "RUS");
    check_series(s, "RUS", "RUS");
    check_series(s, "RUSMIL", "USAGOV");
}

static dyad_store *open_writer(void)
{
    dyad_error err = {0};
    dyad_store *s = dyad_store_open(db_path, DYAD_STORE_WRITE, &err);
    if (!s) printf("  open: %s\n", err.message);
    return s;
}

/* Commits the batch, checks the summary and a series, closes. */
static void commit_check_close(dyad_store *s)
{
    CHECK_INT(dyad_store_commit(s, NULL), 0);
    check_summary(s);
    check_dyad_series(s);
    dyad_store_close(s);
}

/* ---------------------------------------------------------------------
 * Tests, in order: each works on the store the previous one left.
 * ------------------------------------------------------------------- */
static void test_summary_after_ingest(void)
{
    dyad_store *s = open_writer();
    if (!s) return;
    dyad_store_set_batch_size(s, 17); /* commits, so recounts, along the way */
    CHECK_INT(dyad_store_begin(s, NULL), 0);
    for (int a = 0; a < ARTICLES; a++) CHECK_INT(put_article(s, a, 1, outlets[a % 3]), DYAD_PUT_NEW);
    commit_check_close(s);
}

/* Changed articles replace their events: a new coding, a new outlet, no
 * events at all; and an unchanged one writes nothing. */
static void test_summary_after_replace(void)
{
    dyad_store *s = open_writer();
    if (!s) return;
    dyad_store_set_batch_size(s, 13);
    CHECK_INT(dyad_store_begin(s, NULL), 0);
    for (int a = 0; a < ARTICLES; a++) {
        int want = a % 4 == 3 ? DYAD_PUT_UNCHANGED : DYAD_PUT_REPLACED;
        if (a % 4 == 0) CHECK_INT(put_article(s, a, 2, outlets[a % 3]), want);
        else if (a % 4 == 1) CHECK_INT(put_article(s, a, 1, outlets[3]), want);
        else if (a % 4 == 2) CHECK_INT(put_article(s, a, 0, outlets[a % 3]), want);
        else CHECK_INT(put_article(s, a, 1, outlets[a % 3]), want);
    }
    commit_check_close(s);
}

/* A rolled-back batch leaves the summary as it was. */
static void test_summary_after_rollback(void)
{
    dyad_store *s = open_writer();
    if (!s) return;
    mention saved[MAX_MENTIONS];
    size_t n_saved = n_mirror;
    long order_saved = stored_so_far;
    long saved_sentences[ARTICLES];
    memcpy(saved, mirror, sizeof mirror);
    memcpy(saved_sentences, sentences_of, sizeof sentences_of);
    CHECK_INT(dyad_store_begin(s, NULL), 0);
    for (int a = 0; a < 10; a++) CHECK_INT(put_article(s, a, 3, outlets[2]), DYAD_PUT_REPLACED);
    dyad_store_rollback(s);
    memcpy(mirror, saved, sizeof mirror);
    memcpy(sentences_of, saved_sentences, sizeof sentences_of);
    n_mirror = n_saved;
    stored_so_far = order_saved;
    check_summary(s);
    dyad_store_close(s);
}

/* Recoding walks the stored articles and puts each back: articles whose
 * number is odd get a third coding. */
typedef struct recoder {
    dyad_store *s;
    long replaced;
} recoder;

static int recode_one(void *user, const dyad_article *a)
{
    recoder *r = user;
    int n = atoi(a->id + 1);
    if (n % 2 == 0) return 0;
    const char *outlet = outlets[0]; /* a->source dies with the call; the mirror keeps it */
    for (size_t k = 0; k < sizeof outlets / sizeof *outlets; k++)
        if (a->source && !strcmp(a->source, outlets[k])) outlet = outlets[k];
    r->replaced += put_article(r->s, n, 3, outlet) == DYAD_PUT_REPLACED;
    return 0;
}

static void test_summary_after_recode(void)
{
    dyad_store *s = open_writer();
    if (!s) return;
    recoder r = {s, 0};
    dyad_store_set_batch_size(s, 11);
    CHECK_INT(dyad_store_begin(s, NULL), 0);
    CHECK_INT(dyad_store_articles(s, recode_one, &r, NULL), 0);
    CHECK(r.replaced > ARTICLES / 4);
    commit_check_close(s);
}

/* A bulk load defers the summary: meanwhile questions read the events
 * (still right), a crash leaves that so, and bulk_end rebuilds it. */
static void test_summary_after_bulk_load(void)
{
    dyad_store *s = open_writer();
    if (!s) return;
    CHECK_INT(dyad_store_bulk_begin(s, NULL), 0);
    dyad_store_set_batch_size(s, 7);
    CHECK_INT(dyad_store_begin(s, NULL), 0);
    for (int a = 0; a < ARTICLES; a += 3) CHECK_INT(put_article(s, a, 4, outlets[a % 4]), DYAD_PUT_REPLACED);
    CHECK_INT(dyad_store_commit(s, NULL), 0);
    check_summary(s); /* from the events */
    dyad_error err = {0};
    dyad_store *reader = dyad_store_open(db_path, DYAD_STORE_READ, &err);
    CHECK(reader != NULL);
    if (reader) check_summary(reader); /* another process sees the mark too */
    dyad_store_close(reader);
    dyad_store_close(s); /* as if it crashed: no bulk_end */
    s = open_writer();
    if (!s) return;
    check_summary(s);
    CHECK_INT(dyad_store_bulk_end(s, NULL), 0);
    check_summary(s); /* from the rebuilt summary */
    check_dyad_series(s);
    dyad_store_close(s);
}

static int sql_exec(const char *sql)
{
    sqlite3 *db;
    if (sqlite3_open(db_path, &db) != SQLITE_OK) return -1;
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) printf("  sql: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* A store of schema 1 (events, no summary) gains an exact summary when a
 * writer opens it; a reader is told to let a writer upgrade it first. */
static void test_summary_built_by_migration(void)
{
    CHECK_INT(sql_exec("DROP VIEW unique_events; DROP TABLE event_groups;"
                       " DROP TABLE code_days; DROP TABLE article_days; DROP TABLE dyad_days;"
                       " CREATE VIEW unique_events AS SELECT * FROM events;"
                       " PRAGMA user_version = 1"), 0);
    dyad_error err = {0};
    CHECK(dyad_store_open(db_path, DYAD_STORE_READ, &err) == NULL);
    CHECK(strstr(err.message, "older") != NULL);
    dyad_store *s = open_writer();
    if (!s) return;
    check_summary(s);
    check_dyad_series(s);
    dyad_store_close(s);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-summary-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(db_path, sizeof db_path, "%s/summary.db", tmpdir);
    RUN(test_summary_after_ingest);
    RUN(test_summary_after_replace);
    RUN(test_summary_after_rollback);
    RUN(test_summary_after_recode);
    RUN(test_summary_after_bulk_load);
    RUN(test_summary_built_by_migration);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("  could not remove %s\n", tmpdir);
    return check_done();
}
