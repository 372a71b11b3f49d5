/*
 * dyad_store.h -- the event store and the analyst's questions.
 *
 * A store keeps coded articles, the sentences their events came from and
 * the events with their evidence, so that questions can be asked later
 * without coding again: which events (filters, full-text search), how a
 * dyad's relations move over time, who an actor's partners are, whether an
 * actor drifts from one partner towards another, and counts.
 *
 * The store is SQLite today (one file, WAL mode); the interface is written
 * so that another backend can sit behind the same functions.
 *
 * Ownership, once for the whole header: the caller owns every dyad_query
 * and every result object a function fills; result objects have a _free
 * that accepts NULL. Records handed to a callback (dyad_stored_event) are
 * valid only during that call. Strings inside a result object live as long
 * as the object.
 *
 * A handle is used by one thread at a time; threads and processes that
 * want to work in parallel each open their own.
 *
 * Include after dyad.h.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "dyad.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema this library writes and reads (PRAGMA user_version). */
#define DYAD_STORE_SCHEMA_VERSION 2

/* ---------------------------------------------------------------------
 * Opening.
 * ------------------------------------------------------------------- */
typedef struct dyad_store dyad_store;

enum {
    DYAD_STORE_READ = 0,  /* queries only; the store must exist */
    DYAD_STORE_WRITE = 1  /* ingest too; created when missing, migrated
                             when older than this library */
};

/* Opens the store at `path`. Fails with a message naming `path` when the
 * file is not SQLite, is a SQLite database that is not a dyad store, was
 * written by a newer dyad, or is read-only while DYAD_STORE_WRITE was
 * asked. NULL on failure; the caller closes with dyad_store_close. */
dyad_store *dyad_store_open(const char *path, int flags, dyad_error *err);
/* Commits a batch still open, then closes. NULL is fine. */
void dyad_store_close(dyad_store *s);

/* ---------------------------------------------------------------------
 * Ingest. Articles go in batches: dyad_store_begin, any number of
 * dyad_store_put, dyad_store_commit. A batch is committed every
 * `batch_size` articles along the way (default 500), so a crash loses at
 * most that many and a long ingest never holds one huge transaction.
 * Only one writer at a time: a second one waits up to the busy timeout
 * (5 s unless set) and then fails with a message saying the store is
 * busy.
 * ------------------------------------------------------------------- */
int dyad_store_begin(dyad_store *s, dyad_error *err);
int dyad_store_commit(dyad_store *s, dyad_error *err);
/* Rolls back what was put since the last commit. */
void dyad_store_rollback(dyad_store *s);
/* Articles per transaction (>= 1). */
void dyad_store_set_batch_size(dyad_store *s, size_t n);
/* How long to wait for another writer, in milliseconds (default 5000). */
void dyad_store_set_busy_timeout(dyad_store *s, int ms);
/* Memory for cached pages of the store, in megabytes (writers: 32 by
 * default). A bulk load of millions of events runs several times faster
 * when the indexes it writes fit (a few hundred MB for ten million). */
int dyad_store_set_cache_size(dyad_store *s, size_t megabytes, dyad_error *err);

/* Bulk loading, for millions of events into a store at once. Between
 * dyad_store_bulk_begin and dyad_store_bulk_end, puts (in batches as
 * usual) do not keep the deduplicated summary that questions read;
 * bulk_end rebuilds it from every stored event in one pass and one
 * transaction, several times faster than keeping it exact article by
 * article; the events' indexes on actor codes are likewise dropped at the
 * start and rebuilt at the end. Until then (and after a crash in between, until a bulk_end)
 * the store is marked so that every question, from any process, reads
 * the events themselves: right, only slower. Both outside a batch. */
int dyad_store_bulk_begin(dyad_store *s, dyad_error *err);
int dyad_store_bulk_end(dyad_store *s, dyad_error *err);

/* What dyad_store_put did. */
enum {
    DYAD_PUT_UNCHANGED = 0, /* same article, same coding: nothing written */
    DYAD_PUT_NEW = 1,       /* first time this article was seen */
    DYAD_PUT_REPLACED = 2   /* the article or its coding changed: its old
                               sentences and events were replaced */
};

/* Stores an article and its coding result. The key is the article's id,
 * or "fnv:" and the 64-bit FNV-1a hash of its text in hex when the id is
 * empty. `r` may be NULL (an article that was not coded). Returns a
 * DYAD_PUT_* value or a negative status. Must be inside a batch. Nothing
 * is kept from `a` or `r`. */
int dyad_store_put(dyad_store *s, const dyad_article *a, const dyad_result *r,
                   dyad_error *err);

/* The dictionary version recorded with the articles put from now on and
 * in the store's metadata (any string, e.g. a name and a date). */
int dyad_store_set_dict_version(dyad_store *s, const char *version, dyad_error *err);
/* The last version recorded in the store, or NULL when none; valid until
 * the next call on `s`. */
const char *dyad_store_dict_version(dyad_store *s);

/* Walks the stored articles in the order they were first stored, calling
 * `fn` with each: id (the article's key: its id, or "fnv:..." for one
 * stored without an id, which dyad_store_put maps back to the same key),
 * date, title, source, url and full text; file and line are not stored
 * (NULL, 0). The article is valid only during the call. Articles are read
 * a bounded page at a time and no statement is open while `fn` runs, so
 * `fn` may dyad_store_put (recoding); articles stored during the walk may
 * be visited too. `fn` returns nonzero to stop (the walk then returns 0).
 * 0 or a status. */
typedef int (*dyad_article_fn)(void *user, const dyad_article *a);
int dyad_store_articles(dyad_store *s, dyad_article_fn fn, void *user, dyad_error *err);

/* ---------------------------------------------------------------------
 * Queries. One filter for every question; a zeroed dyad_query (or NULL)
 * selects every event.
 * ------------------------------------------------------------------- */
typedef struct dyad_query {
    const char *source;  /* actor code prefix ("USA" matches USAGOV); NULL: any */
    const char *target;  /* same, for the target */
    int both_ways;       /* also match source=target prefix, target=source prefix */
    const char *code;    /* exact CAMEO event code; NULL: any */
    const char *root;    /* two-digit root code; NULL: any */
    int quad_class;      /* 1-4; 0: any */
    int32_t since, until;/* dates yyyymmdd, inclusive; 0: open */
    const char *text;    /* FTS5 query over the events' sentences; NULL: none */
    int all_mentions;    /* 0: deduplicated events (see below); 1: every mention */
    size_t limit;        /* at most this many events; 0: no limit */
} dyad_query;

/* Deduplication, as in GDELT: the same (date, source, target, code) coded
 * from several articles or sentences is one event, with num_mentions (how
 * many times it was coded), num_articles (in how many articles) and
 * num_sources (from how many news sources). Counts are over the mentions
 * that pass the filter. The view `unique_events` in the database gives the
 * same grouping for direct SQL. */

/* A stored event. `event` is filled as the coder filled it (spans, rule,
 * sentence text); `event.sentence` is NULL when the sentence was not kept. */
typedef struct dyad_stored_event {
    dyad_event event;
    int64_t id;               /* the events table's id of this mention */
    const char *title;        /* the article's, or NULL */
    const char *news_source;  /* the article's source, or NULL */
    long num_mentions, num_articles, num_sources;
} dyad_stored_event;

/* Return nonzero to stop the query early (the query then returns 0). */
typedef int (*dyad_event_fn)(void *user, const dyad_stored_event *e);

/* Calls `fn` for each event passing `q`, in date order. 0 or a status; a
 * malformed full-text query is DYAD_EARG. */
int dyad_store_events(dyad_store *s, const dyad_query *q, dyad_event_fn fn,
                      void *user, dyad_error *err);

typedef struct dyad_code_count {
    char code[8];
    long count;
} dyad_code_count;

enum { DYAD_STATS_TOP_CODES = 10 };

typedef struct dyad_store_stats {
    long articles;
    long sentences;       /* sentences coded (the coder's count) */
    long events;          /* mentions */
    long unique_events;   /* after deduplication */
    int32_t first_date, last_date; /* of events; 0 when none */
    dyad_code_count top_codes[DYAD_STATS_TOP_CODES]; /* by mentions */
    size_t n_top_codes;
} dyad_store_stats;

/* Counts. Events, dates and codes: over the events passing `q` (NULL:
 * all). Articles and sentences: over the articles dated within q's since
 * and until. */
int dyad_store_stats_get(dyad_store *s, const dyad_query *q, dyad_store_stats *out,
                         dyad_error *err);

/* ---------------------------------------------------------------------
 * Analysis: time series, partners, alignment shifts.
 * ------------------------------------------------------------------- */
typedef enum dyad_period_unit {
    DYAD_BY_DAY = 0,
    DYAD_BY_WEEK,  /* ISO weeks, Monday to Sunday */
    DYAD_BY_MONTH,
    DYAD_BY_YEAR
} dyad_period_unit;

/* Counts of one period. Net cooperation score:
 *     net_coop = (verbal coop + material coop - verbal conflict
 *                 - material conflict) / events,
 * in [-1, +1], 0 for a period without events. Events whose quad class is
 * unknown count in `events` but in no quad class. */
typedef struct dyad_period_stats {
    int32_t start, end;   /* first and last day of the period, yyyymmdd */
    long events;
    long quad[5];         /* quad[1..4]: counts by QuadClass; quad[0] unknown */
    long n_goldstein;     /* events with a Goldstein value */
    double goldstein_sum; /* over those */
    double goldstein_mean;/* goldstein_sum / n_goldstein; 0 when none */
    double net_coop;
} dyad_period_stats;

/* One row per period from the first to the last period with an event
 * (periods without events in between are present, with zeros). */
typedef struct dyad_series {
    dyad_period_unit unit;
    dyad_period_stats *periods;
    size_t n_periods;
} dyad_series;

/* The relations of source X with target Y (prefixes) over time; `filter`
 * (may be NULL) adds dates, codes, text; its source, target and both_ways
 * are replaced by x, y and both_ways. *out: free with dyad_series_free. */
int dyad_analyze_dyad(dyad_store *s, const char *x, const char *y, int both_ways,
                      dyad_period_unit unit, const dyad_query *filter,
                      dyad_series **out, dyad_error *err);
void dyad_series_free(dyad_series *series);

/* "2024-03-25" (day, and week: its Monday), "2024-03", "2024". Writes at
 * most `size` bytes into `buf` and returns it. */
const char *dyad_period_label(dyad_period_unit unit, int32_t start, char *buf, size_t size);

typedef struct dyad_partner {
    char *actor;          /* the partner's code (or its first `group_len` chars) */
    long events;          /* both directions */
    long quad[5];
    double goldstein_mean;
    double net_coop;
} dyad_partner;

typedef struct dyad_partners {
    dyad_partner *by_volume;     /* most events first */
    size_t n_by_volume;
    dyad_partner *by_goldstein;  /* most cooperative first; only partners
                                    with at least `min_events` events */
    size_t n_by_goldstein;
} dyad_partners;

/* The partners of actor prefix X: events with X as source or target and
 * the other side not X. `group_len` > 0 groups partners by the first
 * group_len characters of their code (3: countries). At most `top` of
 * each list (0: all). *out: free with dyad_partners_free. */
int dyad_analyze_partners(dyad_store *s, const char *x, const dyad_query *filter,
                          size_t top, size_t group_len, long min_events,
                          dyad_partners **out, dyad_error *err);
void dyad_partners_free(dyad_partners *p);

/* Alignment of X between A and B, per period:
 *     alignment = (net_coop(X<->A) - net_coop(X<->B)) / 2,
 * in [-1, +1]: +1 X cooperates only with A and fights only B, -1 the
 * reverse, 0 no difference (or no events). X<->A means events either way.
 *
 * Change points: binary segmentation of the alignment series with a CUSUM
 * mean-shift statistic. For a segment of n periods and a split after k,
 *     T = |S_k - k/n * S_n| / (sigma * sqrt(k * (n - k) / n)),
 * S_k the partial sums; the split with the largest T is kept when
 * T >= DYAD_SHIFT_THRESHOLD and the two means differ by at least
 * DYAD_SHIFT_MIN_DELTA, and both halves are searched again. sigma is the
 * noise level estimated from first differences (median absolute
 * difference / 0.6745 / sqrt 2), never below DYAD_SHIFT_MIN_SIGMA, so a
 * flat series with one step is found and tiny wiggles are not. Each change
 * point lists the events of its first period that pushed the alignment the
 * way it moved, strongest Goldstein value first. */
#define DYAD_SHIFT_THRESHOLD 3.0
#define DYAD_SHIFT_MIN_DELTA 0.2
#define DYAD_SHIFT_MIN_SIGMA 0.05
enum { DYAD_SHIFT_MAX_DRIVERS = 5 };

typedef struct dyad_shift_period {
    int32_t start, end;
    long events_a, events_b;
    double net_a, net_b;
    double alignment;
} dyad_shift_period;

typedef struct dyad_shift_driver {
    int32_t date;
    char *source, *target, *code, *article_id, *sentence; /* sentence may be NULL */
    int quad_class;
    double goldstein;
    int with_a;           /* 1: an event with A, 0: with B */
} dyad_shift_driver;

typedef struct dyad_change_point {
    size_t period;        /* index of the first period after the change */
    double before, after; /* mean alignment of the segments either side */
    double statistic;     /* T above */
    dyad_shift_driver drivers[DYAD_SHIFT_MAX_DRIVERS];
    size_t n_drivers;
} dyad_change_point;

typedef struct dyad_shift {
    dyad_period_unit unit;
    dyad_shift_period *periods;
    size_t n_periods;
    dyad_change_point *changes; /* in period order */
    size_t n_changes;
} dyad_shift;

/* x, a and b must not overlap (none a prefix of another): DYAD_EARG. */
int dyad_analyze_shift(dyad_store *s, const char *x, const char *a, const char *b,
                       dyad_period_unit unit, const dyad_query *filter,
                       dyad_shift **out, dyad_error *err);
void dyad_shift_free(dyad_shift *shift);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_STORE_H */
