/*
 * sqlite_query.c -- the questions, composed into SQL over the SQLite store.
 *
 * One filter (dyad_query) becomes one WITH clause naming the events shown,
 * u(id, nm, na, ns, date, source, target, code, root, quad, goldstein):
 * id the events row shown for it, nm/na/ns its mention, article and source
 * counts. Every question (event rows, stats, partners, day counts) reads
 * u, so there is one place that decides where u comes from:
 *
 *  - deduplicated events without a text search come from the summary
 *    event_groups (sqlite_groups.c), an index range per actor side: an
 *    actor prefix of three or more characters is an equality on the
 *    stored country column, so `ZWE` reads only Zimbabwe's rows;
 *  - every mention (--mentions), or a text search, selects the matching
 *    mentions m from events (FTS5 for the text) and groups them here.
 *
 * SQL text is built from fixed fragments; every value goes through a
 * bound parameter.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "util/util.h"

enum { MAX_PARAMS = 32, PREFIX_MAX = 64 };

typedef struct param {
    int is_text;
    long long number;
    char text[PREFIX_MAX + 1];
    const char *long_text; /* for FTS queries, which may be long */
} param;

typedef struct sql_builder {
    dyad_buf sql;
    param params[MAX_PARAMS];
    int n_params;
    int failed;
    int summary; /* the summary is up to date (no bulk load pending) */
} sql_builder;

static void builder_init(sql_builder *q, store_backend *b)
{
    memset(q, 0, sizeof *q);
    q->summary = groups_usable(b);
}

static void add_sql(sql_builder *q, const char *s)
{
    if (dyad_buf_puts(&q->sql, s) < 0) q->failed = 1;
}

static param *add_param(sql_builder *q)
{
    if (q->n_params == MAX_PARAMS) {
        q->failed = 1;
        return NULL;
    }
    param *p = &q->params[q->n_params++];
    memset(p, 0, sizeof *p);
    return p;
}

static void add_int(sql_builder *q, long long v)
{
    param *p = add_param(q);
    if (p) p->number = v;
    add_sql(q, "?");
}

static void add_text(sql_builder *q, const char *s)
{
    param *p = add_param(q);
    if (p) {
        p->is_text = 1;
        p->long_text = s;
    }
    add_sql(q, "?");
}

/* A parameter holding a copy of the first n bytes of s (n <= PREFIX_MAX). */
static void add_text_copy(sql_builder *q, const char *s, size_t n)
{
    param *p = add_param(q);
    if (p) {
        p->is_text = 1;
        memcpy(p->text, s, n);
        p->text[n] = 0;
    }
    add_sql(q, "?");
}

static void add_column(sql_builder *q, const char *alias, const char *col)
{
    add_sql(q, alias);
    add_sql(q, col);
}

/* `col` starts with `prefix`, as a range so an index serves it: codes are
 * ASCII, and the least string above every extension of "USA" is "USB". */
static void add_prefix(sql_builder *q, const char *alias, const char *col, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n > PREFIX_MAX) {
        q->failed = 1;
        return;
    }
    add_sql(q, "(");
    add_column(q, alias, col);
    add_sql(q, " >= ");
    add_text(q, prefix);
    param *hi = add_param(q);
    if (!hi) return;
    memcpy(hi->text, prefix, n + 1);
    hi->is_text = 1;
    while (n > 0 && (unsigned char)hi->text[n - 1] == 0xff) hi->text[--n] = 0;
    if (n == 0) {
        q->n_params--;  /* no upper bound exists */
        add_sql(q, ")");
        return;
    }
    hi->text[n - 1]++;
    add_sql(q, " AND ");
    add_column(q, alias, col);
    add_sql(q, " < ?)");
}

static int has(const char *s) { return s && *s; }

enum { COUNTRY_LEN = 3 };

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* The actor on one side (`target` 0: source, 1: target) starts with
 * `prefix`. In the summary the first three characters are a column of
 * their own that leads its index, so the test becomes an equality on it
 * (a range when the prefix is shorter), plus the prefix itself when
 * longer. substr() counts characters, so only ASCII prefixes take that
 * road; others test the code alone (right, only slower). */
static void add_actor(sql_builder *q, const char *alias, int target, const char *prefix,
                      int grouped)
{
    const char *col = target ? "target" : "source";
    const char *country = target ? "target_country" : "source_country";
    size_t n = strlen(prefix);
    if (!grouped || !is_ascii(prefix, n < COUNTRY_LEN ? n : COUNTRY_LEN)) {
        add_prefix(q, alias, col, prefix);
        return;
    }
    if (n < COUNTRY_LEN) {
        add_prefix(q, alias, country, prefix);
        return;
    }
    add_sql(q, "(");
    add_column(q, alias, country);
    add_sql(q, " = ");
    add_text_copy(q, prefix, COUNTRY_LEN);
    if (n > COUNTRY_LEN) {
        add_sql(q, " AND ");
        add_prefix(q, alias, col, prefix);
    }
    add_sql(q, ")");
}

/* (source matches S and target matches T), either way when both_ways. */
static void add_dyad(sql_builder *q, const dyad_query *f, const char *alias, int grouped)
{
    const char *sides[2][2] = {{f->source, f->target}, {f->target, f->source}};
    int ways = f->both_ways ? 2 : 1;
    add_sql(q, " AND (");
    for (int w = 0; w < ways; w++) {
        add_sql(q, w ? " OR (1" : "(1");
        for (int side = 0; side < 2; side++) {
            if (!has(sides[w][side])) continue;
            add_sql(q, " AND ");
            add_actor(q, alias, side, sides[w][side], grouped);
        }
        add_sql(q, ")");
    }
    add_sql(q, ")");
}

/* x on exactly one side of the event. */
static void add_partner_side(sql_builder *q, const char *x, const char *alias, int grouped)
{
    for (int side = 0; side < 2; side++) {
        add_sql(q, side ? " OR (" : " AND ((");
        add_actor(q, alias, side, x, grouped);
        add_sql(q, " AND NOT ");
        add_actor(q, alias, !side, x, grouped);
        add_sql(q, ")");
    }
    add_sql(q, ")");
}

/* The filters the summary and the mentions share (same column names). */
static void add_filters(sql_builder *q, const dyad_query *f, const char *partner_of,
                        const char *alias, int grouped)
{
    if (has(f->source) || has(f->target)) add_dyad(q, f, alias, grouped);
    if (partner_of) add_partner_side(q, partner_of, alias, grouped);
    if (has(f->code)) { add_sql(q, " AND "); add_column(q, alias, "code = "); add_text(q, f->code); }
    if (has(f->root)) { add_sql(q, " AND "); add_column(q, alias, "root = "); add_text(q, f->root); }
    if (f->quad_class) { add_sql(q, " AND "); add_column(q, alias, "quad = "); add_int(q, f->quad_class); }
    if (f->since) { add_sql(q, " AND "); add_column(q, alias, "date >= "); add_int(q, f->since); }
    if (f->until) { add_sql(q, " AND "); add_column(q, alias, "date <= "); add_int(q, f->until); }
}

#define U_COLUMNS "date, source, target, code, root, quad, goldstein"

/* The WITH clause defining u (see the top of the file): deduplicated
 * events when `dedup`, else one row per mention. */
static void add_with(sql_builder *q, const dyad_query *f, const char *partner_of, int dedup)
{
    if (dedup && !has(f->text) && q->summary) {
        add_sql(q, "WITH u AS (SELECT first_event AS id, num_mentions AS nm, num_articles AS na,"
                   " num_sources AS ns, " U_COLUMNS " FROM event_groups g WHERE 1");
        add_filters(q, f, partner_of, "g.", 1);
        add_sql(q, ") ");
        return;
    }
    add_sql(q, "WITH m AS (SELECT e.id, e.article, e.date, e.source, e.target, e.code, e.root,"
               " e.quad, e.goldstein, coalesce(a.source, '') AS outlet FROM events e"
               " JOIN articles a ON a.id = e.article WHERE 1");
    add_filters(q, f, partner_of, "e.", 0);
    if (has(f->text)) {
        add_sql(q, " AND e.sentence IN (SELECT rowid FROM sentences_fts WHERE sentences_fts"
                   " MATCH ");
        add_text(q, f->text);
        add_sql(q, ")");
    }
    /* One min() in the grouping: the other columns come from that row. */
    if (dedup)
        add_sql(q, "), u AS (SELECT min(id) AS id, count(*) AS nm, count(DISTINCT article)"
                   " AS na, count(DISTINCT outlet) AS ns, " U_COLUMNS " FROM m"
                   " GROUP BY date, source, target, code) ");
    else
        add_sql(q, "), u AS (SELECT id, 1 AS nm, 1 AS na, 1 AS ns, " U_COLUMNS " FROM m) ");
}

/* Prepares the built SQL and binds its parameters. */
static int prepare_built(store_backend *b, sql_builder *q, sqlite3_stmt **st, dyad_error *err)
{
    *st = NULL;
    if (q->failed) {
        dyad_buf_free(&q->sql);
        return dyad_fail(err, DYAD_EARG, "store: query too complex (actor codes up to %d "
                         "characters)", PREFIX_MAX);
    }
    int rc = sqlite3_prepare_v2(b->db, q->sql.data, -1, st, NULL);
    dyad_buf_free(&q->sql);
    if (rc != SQLITE_OK) return store_sql_fail(b, err, "query");
    for (int i = 0; i < q->n_params; i++) {
        const param *p = &q->params[i];
        if (!p->is_text) sqlite3_bind_int64(*st, i + 1, p->number);
        else store_sql_bind_text(*st, i + 1, p->long_text ? p->long_text : p->text);
    }
    return 0;
}

/* A failing step with a text search is almost always the search syntax. */
static int query_fail(store_backend *b, const dyad_query *f, dyad_error *err)
{
    if (has(f->text) && sqlite3_errcode(b->db) == SQLITE_ERROR)
        return dyad_fail(err, DYAD_EARG, "bad text search '%s': %s", f->text,
                         sqlite3_errmsg(b->db));
    return store_sql_fail(b, err, "query");
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static dyad_span col_span(sqlite3_stmt *st, int i)
{
    dyad_span s = {sqlite3_column_int(st, i), sqlite3_column_int(st, i + 1)};
    return s;
}

/* Column order of the event query below (ORDER EVENT_COLUMNS). */
static void row_to_event(sqlite3_stmt *st, dyad_stored_event *out)
{
    dyad_event *e = &out->event;
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    e->article_id = col_text(st, 1);
    e->url = col_text(st, 2);
    e->sentence_index = sqlite3_column_int(st, 3);
    e->date = sqlite3_column_int(st, 4);
    e->source = col_text(st, 5);
    e->target = col_text(st, 6);
    e->code = col_text(st, 7);
    const char *root = col_text(st, 8);
    if (root) memcpy(e->root_code, root, strnlen(root, 2));
    e->quad_class = sqlite3_column_int(st, 9);
    e->has_goldstein = sqlite3_column_type(st, 10) != SQLITE_NULL;
    e->goldstein = sqlite3_column_double(st, 10);
    e->sentence = col_text(st, 11);
    e->sentence_len = (size_t)sqlite3_column_bytes(st, 11);
    e->source_span = col_span(st, 12);
    e->target_span = col_span(st, 14);
    e->verb_span = col_span(st, 16);
    e->rule_file = col_text(st, 18);
    e->rule_line = (long)sqlite3_column_int64(st, 19);
    e->rule_text = col_text(st, 20);
    out->title = col_text(st, 21);
    out->news_source = col_text(st, 22);
    out->num_mentions = (long)sqlite3_column_int64(st, 23);
    out->num_articles = (long)sqlite3_column_int64(st, 24);
    out->num_sources = (long)sqlite3_column_int64(st, 25);
}

/* Runs the built query and hands each row to `fn` until it returns nonzero. */
typedef int (*row_fn)(void *ctx, sqlite3_stmt *st);

static int each_row(store_backend *b, const dyad_query *f, sql_builder *q, row_fn fn,
                    void *ctx, dyad_error *err)
{
    sqlite3_stmt *st;
    if (prepare_built(b, q, &st, err) < 0) return DYAD_EIO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, st)) {
            rc = SQLITE_DONE;
            break;
        }
    int status = rc == SQLITE_DONE ? 0 : query_fail(b, f, err);
    sqlite3_finalize(st);
    return status;
}

/* The caller's callback and its argument, for the row functions below. */
typedef struct row_callback {
    union {
        dyad_event_fn event;
        store_partner_fn partner;
        store_day_fn day;
    } fn;
    void *user;
} row_callback;

static int event_row(void *ctx, sqlite3_stmt *st)
{
    row_callback *c = ctx;
    dyad_stored_event ev;
    row_to_event(st, &ev);
    return c->fn.event(c->user, &ev);
}

int sqlite_events(store_backend *b, const dyad_query *f, dyad_event_fn fn, void *user,
                  dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    add_with(&q, f, NULL, !f->all_mentions);
    add_sql(&q, "SELECT e.id, a.key, a.url, e.sentence_idx, e.date, e.source, e.target, e.code,"
                " e.root, e.quad, e.goldstein, s.text, e.source_begin, e.source_end,"
                " e.target_begin, e.target_end, e.verb_begin, e.verb_end, e.rule_file,"
                " e.rule_line, e.rule_text, a.title, a.source, u.nm, u.na, u.ns"
                " FROM u JOIN events e ON e.id = u.id JOIN articles a ON a.id = e.article"
                " LEFT JOIN sentences s ON s.id = e.sentence ORDER BY u.date, u.id LIMIT ");
    add_int(&q, f->limit ? (long long)f->limit : -1);
    row_callback c = {.fn.event = fn, .user = user};
    return each_row(b, f, &q, event_row, &c, err);
}

static void add_dates(sql_builder *q, const dyad_query *f)
{
    if (f->since) { add_sql(q, " AND date >= "); add_int(q, f->since); }
    if (f->until) { add_sql(q, " AND date <= "); add_int(q, f->until); }
}

/* Articles and sentences over articles dated in [since, until], from the
 * per-day rollup. */
static int stats_articles(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                          dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    add_sql(&q, "SELECT coalesce(sum(articles), 0), coalesce(sum(sentences), 0)"
                " FROM article_days WHERE 1");
    add_dates(&q, f);
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->articles = (long)sqlite3_column_int64(st, 0);
        out->sentences = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_sql_fail(b, err, "stats");
}

/* The WITH clause naming d(date, code, n, nm): n deduplicated events of
 * one code and day with nm mentions. Filtered by dates and code only, it
 * is the per-day rollup code_days; otherwise u, one row per event. */
static void add_with_days(sql_builder *q, const dyad_query *f)
{
    if (!has(f->source) && !has(f->target) && !has(f->root) && !f->quad_class &&
        !has(f->text) && q->summary) {
        add_sql(q, "WITH d AS (SELECT date, code, events AS n, mentions AS nm FROM code_days"
                   " WHERE events > 0");
        add_dates(q, f);
        if (has(f->code)) { add_sql(q, " AND code = "); add_text(q, f->code); }
        add_sql(q, ") ");
        return;
    }
    add_with(q, f, NULL, 1);
    add_sql(q, ", d AS (SELECT date, code, 1 AS n, nm FROM u) ");
}

static int stats_events(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                        dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    add_with_days(&q, f);
    add_sql(&q, "SELECT coalesce(sum(n), 0), coalesce(sum(nm), 0), coalesce(min(date), 0),"
                " coalesce(max(date), 0) FROM d");
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->unique_events = (long)sqlite3_column_int64(st, 0);
        out->events = (long)sqlite3_column_int64(st, 1);
        out->first_date = sqlite3_column_int(st, 2);
        out->last_date = sqlite3_column_int(st, 3);
    }
    int status = rc == SQLITE_ROW ? 0 : query_fail(b, f, err);
    sqlite3_finalize(st);
    return status;
}

static int code_row(void *ctx, sqlite3_stmt *st)
{
    dyad_store_stats *out = ctx;
    dyad_code_count *c = &out->top_codes[out->n_top_codes++];
    const char *code = col_text(st, 0);
    snprintf(c->code, sizeof c->code, "%s", code ? code : "");
    c->count = (long)sqlite3_column_int64(st, 1);
    return out->n_top_codes == DYAD_STATS_TOP_CODES;
}

/* Mentions per code: the summary's num_mentions add up to them. */
static int stats_codes(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                       dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    add_with_days(&q, f);
    add_sql(&q, "SELECT code, sum(nm) AS m FROM d GROUP BY code ORDER BY m DESC, code LIMIT ");
    add_int(&q, DYAD_STATS_TOP_CODES);
    return each_row(b, f, &q, code_row, out, err);
}

int sqlite_stats(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                 dyad_error *err)
{
    int rc = stats_articles(b, f, out, err);
    if (rc == 0) rc = stats_events(b, f, out, err);
    if (rc == 0) rc = stats_codes(b, f, out, err);
    return rc;
}

static int partner_row(void *ctx, sqlite3_stmt *st)
{
    row_callback *c = ctx;
    store_partner_row row = {col_text(st, 0), (long)sqlite3_column_int64(st, 1), {0}, 0, 0};
    for (int k = 0; k < 5; k++) row.quad[k] = (long)sqlite3_column_int64(st, 2 + k);
    row.goldstein_sum = sqlite3_column_double(st, 7);
    row.n_goldstein = (long)sqlite3_column_int64(st, 8);
    return c->fn.partner(c->user, &row);
}

int sqlite_partners(store_backend *b, const char *x, const dyad_query *f, size_t group_len,
                    store_partner_fn fn, void *user, dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    add_with(&q, f, x, !f->all_mentions);
    add_sql(&q, "SELECT substr(CASE WHEN ");
    add_prefix(&q, "", "source", x);
    add_sql(&q, " THEN target ELSE source END, 1, ");
    add_int(&q, group_len ? (long long)group_len : 1000000);
    add_sql(&q, ") AS partner, count(*), sum(quad = 0), sum(quad = 1), sum(quad = 2),"
                " sum(quad = 3), sum(quad = 4), coalesce(sum(goldstein), 0),"
                " count(goldstein) FROM u GROUP BY partner ORDER BY partner");
    row_callback c = {.fn.partner = fn, .user = user};
    return each_row(b, f, &q, partner_row, &c, err);
}

static int day_row(void *ctx, sqlite3_stmt *st)
{
    row_callback *c = ctx;
    store_day_row row = {sqlite3_column_int(st, 0), sqlite3_column_int(st, 1),
                         (long)sqlite3_column_int64(st, 2), sqlite3_column_double(st, 3),
                         (long)sqlite3_column_int64(st, 4)};
    return c->fn.day(c->user, &row);
}

static int is_country(const char *s)
{
    return s && strlen(s) == COUNTRY_LEN && is_ascii(s, COUNTRY_LEN);
}

/* Country to country, deduplicated, filtered by nothing finer than days
 * and quad classes: the rollup dyad_days has the answer. */
static int from_dyad_days(const sql_builder *q, const dyad_query *f)
{
    return q->summary && !f->all_mentions && !has(f->text) && !has(f->code) &&
           !has(f->root) && is_country(f->source) && is_country(f->target);
}

int sqlite_day_counts(store_backend *b, const dyad_query *f, store_day_fn fn, void *user,
                      dyad_error *err)
{
    sql_builder q;
    builder_init(&q, b);
    if (from_dyad_days(&q, f)) {
        add_sql(&q, "SELECT date, quad, sum(events), sum(goldstein_sum), sum(n_goldstein)"
                    " FROM dyad_days d WHERE 1");
        add_filters(&q, f, NULL, "d.", 1);
    } else {
        add_with(&q, f, NULL, !f->all_mentions);
        add_sql(&q, "SELECT date, quad, count(*), coalesce(sum(goldstein), 0), count(goldstein)"
                    " FROM u WHERE 1");
    }
    add_sql(&q, " GROUP BY date, quad ORDER BY date, quad");
    row_callback c = {.fn.day = fn, .user = user};
    return each_row(b, f, &q, day_row, &c, err);
}
