/*
 * store.h -- what a storage backend implements.
 *
 * The public dyad_store (store.c) keeps what every backend shares: batch
 * bookkeeping, the article key and fingerprint, the dictionary version.
 * A backend (sqlite.c today; a PostgreSQL one could follow) only stores
 * rows and answers four shapes of query: event rows, counts, per-partner
 * aggregates and per-day aggregates. Analysis (src/analyze/) is written
 * on top of those, so it never sees SQL. The aggregates are what a large
 * store answers from a summary kept at ingest time, never from a scan of
 * every event.
 */
#ifndef DYAD_STORE_INTERNAL_H
#define DYAD_STORE_INTERNAL_H

#include "dyad.h"
#include "dyad_store.h"
#include "text/text.h"

typedef struct store_backend store_backend;

/* An article as the backend receives it: key and fingerprint computed. */
typedef struct store_article {
    const dyad_article *article;
    const dyad_result *result;   /* may be NULL */
    const char *key;             /* the article's identity */
    const char *fingerprint;     /* changes when the article or its coding does */
    const char *dict_version;    /* may be NULL */
    /* Every sentence of the article as byte spans of its text, when they
     * agree with the coder's count (else NULL: only the sentences that
     * carry events are kept, from the events themselves). */
    const text_span *sentences;
    size_t n_sentences;
} store_article;

/* One partner's totals, as dyad_analyze_partners aggregates them. */
typedef struct store_partner_row {
    const char *actor;
    long events;
    long quad[5];
    double goldstein_sum;
    long n_goldstein;
} store_partner_row;
typedef int (*store_partner_fn)(void *user, const store_partner_row *row);

/* The events of one day and one quad class passing a filter. */
typedef struct store_day_row {
    int32_t date;
    int quad;             /* 0 (unknown) to 4 */
    long events;
    double goldstein_sum;
    long n_goldstein;     /* events with a Goldstein value */
} store_day_row;
typedef int (*store_day_fn)(void *user, const store_day_row *row);

typedef struct store_ops {
    const char *name;
    store_backend *(*open)(const char *path, int flags, dyad_error *err);
    void (*close)(store_backend *b);
    int (*begin)(store_backend *b, dyad_error *err);
    int (*commit)(store_backend *b, dyad_error *err);
    void (*rollback)(store_backend *b);
    void (*set_busy_timeout)(store_backend *b, int ms);
    int (*set_cache_size)(store_backend *b, size_t megabytes, dyad_error *err);
    /* Bulk loading on (1) or off (0, rebuilding what it deferred). */
    int (*bulk)(store_backend *b, int on, dyad_error *err);
    /* Returns a DYAD_PUT_* value or a negative status. */
    int (*put)(store_backend *b, const store_article *a, dyad_error *err);
    int (*set_meta)(store_backend *b, const char *key, const char *value, dyad_error *err);
    /* The value, or NULL; valid until the next call on `b`. */
    const char *(*get_meta)(store_backend *b, const char *key);
    /* At most `limit` articles with a row id above `after`, in id order;
     * *last is set to the last id read. The rows are read and copied
     * before `fn` is called, so `fn` may write. Returns 0 when there was
     * no article left, 1 after a page, 2 when `fn` stopped, or a negative
     * status. */
    int (*articles)(store_backend *b, int64_t after, size_t limit, int64_t *last,
                    dyad_article_fn fn, void *user, dyad_error *err);
    int (*events)(store_backend *b, const dyad_query *q, dyad_event_fn fn, void *user,
                  dyad_error *err);
    int (*stats)(store_backend *b, const dyad_query *q, dyad_store_stats *out,
                 dyad_error *err);
    /* Events with x on one side and not on the other, grouped by the other
     * side's code (its first group_len characters when group_len > 0). */
    int (*partners)(store_backend *b, const char *x, const dyad_query *q, size_t group_len,
                    store_partner_fn fn, void *user, dyad_error *err);
    /* Events passing q counted per (day, quad class), in date order:
     * deduplicated unless q->all_mentions. */
    int (*day_counts)(store_backend *b, const dyad_query *q, store_day_fn fn, void *user,
                      dyad_error *err);
} store_ops;

extern const store_ops store_sqlite_ops;

/* The partner aggregation for a store handle (analysis uses it). */
int store_partners(dyad_store *s, const char *x, const dyad_query *q, size_t group_len,
                   store_partner_fn fn, void *user, dyad_error *err);
/* The per-day aggregation for a store handle (q may be NULL). */
int store_day_counts(dyad_store *s, const dyad_query *q, store_day_fn fn, void *user,
                     dyad_error *err);

#endif
