/*
 * sqlite.h -- what the files of the SQLite backend share.
 *
 * sqlite.c opens the store, keeps its schema and writes articles and
 * events; sqlite_groups.c keeps the deduplicated summary (event_groups)
 * in step with the events; sqlite_query.c answers the questions. Nothing
 * outside src/store/sqlite*.c includes this.
 */
#ifndef DYAD_STORE_SQLITE_H
#define DYAD_STORE_SQLITE_H

#include <sqlite3.h>

#include "store/store.h"

/* Statements of the ingest path, prepared once per writing connection. */
enum {
    ST_FIND_ARTICLE,
    ST_INSERT_ARTICLE,
    ST_UPDATE_ARTICLE,
    ST_DELETE_EVENTS,
    ST_DELETE_SENTENCES,
    ST_PUT_SENTENCE,
    ST_INSERT_EVENT,
    ST_TOUCH_GROUPS,   /* ORDER GROUP_STATEMENTS: sqlite_groups.c */
    ST_EMPTY_GROUPS,
    ST_DELETE_GROUP,
    ST_RECOUNT_GROUPS,
    ST_CLEAR_TOUCHED,
    ST_CODE_DAYS,
    ST_ARTICLE_DAYS,
    ST_DYAD_DAYS_CELLS,
    ST_DYAD_DAYS_CLEAR,
    ST_DYAD_DAYS,
    ST_COUNT
};

struct store_backend {
    sqlite3 *db;
    char *path;
    int writable;
    sqlite3_stmt *st[ST_COUNT];
    char *meta_value; /* get_meta's answer */
    int busy_ms;
    int bulk; /* in a bulk load: the summary waits for groups_bulk_end */
};

/* Fills err with the connection's message, prefixed by the store's path;
 * returns DYAD_EIO. */
int store_sql_fail(store_backend *b, dyad_error *err, const char *what);
/* Runs SQL that returns no rows; 0 or DYAD_EIO. */
int store_sql_exec(store_backend *b, const char *sql, dyad_error *err);
/* Runs a bound statement that returns no row, resets it and clears its
 * bindings; 0 or DYAD_EIO. */
int store_sql_step(store_backend *b, sqlite3_stmt *st, dyad_error *err);
/* Binds s, or NULL when s is NULL. */
void store_sql_bind_text(sqlite3_stmt *st, int i, const char *s);

/* ---------------------------------------------------------------------
 * The summary (sqlite_groups.c). event_groups holds one row per
 * deduplicated event, (date, source, target, code), with its mention,
 * article and source counts; a put marks the groups an article's events
 * fall in, before and after it changes them, and groups_flush recounts
 * exactly those, inside the batch's transaction, before it commits.
 * ------------------------------------------------------------------- */

/* The SQL of schema migration 1 -> 2: creates and fills the summary. */
extern const char groups_migration_sql[];
/* SQL creating the per-connection table of touched groups (writers). */
extern const char groups_touched_sql[];
/* The SQL of the statements ST_TOUCH_GROUPS to ST_DYAD_DAYS. */
extern const char groups_touch_sql[], groups_empty_sql[], groups_delete_sql[],
    groups_recount_sql[], groups_clear_sql[], groups_code_days_sql[],
    groups_article_days_sql[], groups_dyad_days_cells_sql[], groups_dyad_days_clear_sql[],
    groups_dyad_days_sql[];
/* Marks the groups of an article's stored events as to be recounted. */
int groups_touch(store_backend *b, sqlite3_int64 article, dyad_error *err);
/* Recounts the marked groups. 0 or DYAD_EIO. */
int groups_flush(store_backend *b, dyad_error *err);
/* Counts an article dated `date` with `sentences` coded sentences in
 * (sign +1) or out (-1) of the per-day article rollup. */
int groups_count_article(store_backend *b, int32_t date, int sign, long sentences,
                         dyad_error *err);
/* Bulk loading (dyad_store_bulk_begin/_end): puts stop marking groups,
 * the store is marked as having a stale summary, and the end rebuilds it
 * from every event, indexes last, in one transaction. */
int groups_bulk_begin(store_backend *b, dyad_error *err);
int groups_bulk_end(store_backend *b, dyad_error *err);
/* 0 while a bulk load (or one that crashed) left the summary stale. */
int groups_usable(store_backend *b);
/* Forgets the marks (after a rollback). */
void groups_forget(store_backend *b);

/* ---------------------------------------------------------------------
 * Questions (sqlite_query.c).
 * ------------------------------------------------------------------- */
int sqlite_events(store_backend *b, const dyad_query *q, dyad_event_fn fn, void *user,
                  dyad_error *err);
int sqlite_stats(store_backend *b, const dyad_query *q, dyad_store_stats *out,
                 dyad_error *err);
int sqlite_partners(store_backend *b, const char *x, const dyad_query *q, size_t group_len,
                    store_partner_fn fn, void *user, dyad_error *err);
int sqlite_day_counts(store_backend *b, const dyad_query *q, store_day_fn fn, void *user,
                      dyad_error *err);

#endif
