/*
 * sqlite.c -- the SQLite backend of the event store.
 *
 * One file holds articles, the sentences events came from (with an FTS5
 * index over them), events with their evidence, and a little metadata.
 * The schema carries PRAGMA application_id (so a foreign database is told
 * apart from an empty one) and PRAGMA user_version (so a newer schema is
 * refused and an older one migrated, one step at a time, in a single
 * transaction).
 *
 * WAL mode lets queries run while an ingest writes; writers take the lock
 * up front (BEGIN IMMEDIATE) and wait up to BUSY_TIMEOUT_MS for another
 * writer, then fail with a message rather than interleave.
 *
 * Every put marks the deduplicated events its article's rows fall in, and
 * the commit recounts those in the summary table event_groups first
 * (sqlite_groups.c), so the summary is exact at every commit and costs
 * the ingest a little, never a query a scan. Questions are answered in
 * sqlite_query.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite.h"
#include "util/util.h"

enum { BUSY_TIMEOUT_MS = 5000 };
#define WRITER_CACHE_KB "32768"
/* "dyad" in ASCII: marks the file as ours. */
enum { DYAD_APPLICATION_ID = 0x64796164 };

/* Migration i takes a store from user_version i to i + 1; migration 0
 * creates the schema. Append, never edit (ORDER DYAD_STORE_SCHEMA). */
static const char *const migrations[DYAD_STORE_SCHEMA_VERSION] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key TEXT NOT NULL UNIQUE,\n"
    "  fingerprint TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  title TEXT, source TEXT, url TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  n_sentences INTEGER NOT NULL DEFAULT 0,\n"
    "  flags INTEGER NOT NULL DEFAULT 0,\n"
    "  why TEXT,\n"
    "  dict_version TEXT,\n"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));\n"
    "CREATE INDEX articles_date ON articles(date);\n"
    "CREATE TABLE sentences(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  idx INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE(article, idx));\n"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences',\n"
    "  content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END;\n"
    "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(sentences_fts, rowid, text)\n"
    "  VALUES ('delete', old.id, old.text); END;\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  sentence INTEGER REFERENCES sentences(id),\n"
    "  sentence_idx INTEGER NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  source TEXT NOT NULL, target TEXT NOT NULL,\n"
    "  code TEXT NOT NULL, root TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL, goldstein REAL,\n"
    "  source_begin INTEGER, source_end INTEGER,\n"
    "  target_begin INTEGER, target_end INTEGER,\n"
    "  verb_begin INTEGER, verb_end INTEGER,\n"
    "  rule_file TEXT, rule_line INTEGER, rule_text TEXT);\n"
    /* ORDER EVENTS_INDEXES: a bulk load drops and rebuilds these two. */
    "CREATE INDEX events_dyad ON events(source, target, date);\n"
    "CREATE INDEX events_target ON events(target, source, date);\n"
    "CREATE INDEX events_date ON events(date);\n"
    "CREATE INDEX events_article ON events(article);\n"
    /* GDELT-style deduplication for direct SQL users; the queries below
       build the same grouping over their filtered mentions. */
    "CREATE VIEW unique_events AS\n"
    "  SELECT e.date, e.source, e.target, e.code, min(e.root) AS root,\n"
    "         min(e.quad) AS quad, min(e.goldstein) AS goldstein,\n"
    "         count(*) AS num_mentions, count(DISTINCT e.article) AS num_articles,\n"
    "         count(DISTINCT coalesce(a.source, '')) AS num_sources,\n"
    "         min(e.id) AS first_event\n"
    "  FROM events e JOIN articles a ON a.id = e.article\n"
    "  GROUP BY e.date, e.source, e.target, e.code;\n",
    groups_migration_sql,
};

static const char *const statement_sql[ST_COUNT] = {
    "SELECT id, fingerprint, date, n_sentences FROM articles WHERE key = ?1",
    "INSERT INTO articles(key, fingerprint, date, title, source, url, text, n_sentences,"
    " flags, why, dict_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "UPDATE articles SET key = ?1, fingerprint = ?2, date = ?3, title = ?4, source = ?5,"
    " url = ?6, text = ?7, n_sentences = ?8, flags = ?9, why = ?10, dict_version = ?11,"
    " ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?12",
    "DELETE FROM events WHERE article = ?1",
    "DELETE FROM sentences WHERE article = ?1",
    "INSERT INTO sentences(article, idx, text) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(article, idx) DO UPDATE SET text = text RETURNING id",
    "INSERT INTO events(article, sentence, sentence_idx, date, source, target, code, root,"
    " quad, goldstein, source_begin, source_end, target_begin, target_end, verb_begin,"
    " verb_end, rule_file, rule_line, rule_text)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19)",
    groups_touch_sql,
    groups_empty_sql,
    groups_delete_sql,
    groups_recount_sql,
    groups_clear_sql,
    groups_code_days_sql,
    groups_article_days_sql,
    groups_dyad_days_cells_sql,
    groups_dyad_days_clear_sql,
    groups_dyad_days_sql,
};

/* Fills err with the connection's message, prefixed by the store's path. */
int store_sql_fail(store_backend *b, dyad_error *err, const char *what)
{
    int rc = sqlite3_errcode(b->db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return dyad_fail(err, DYAD_EIO,
                         "%s: the store is busy: another process is writing to it "
                         "(waited %.1f s)", b->path, b->busy_ms / 1000.0);
    return dyad_fail(err, DYAD_EIO, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
}

int store_sql_exec(store_backend *b, const char *sql, dyad_error *err)
{
    if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK) return store_sql_fail(b, err, sql);
    return 0;
}

/* One integer from a PRAGMA or a count; -1 with err filled on failure. */
static long long query_int(store_backend *b, const char *sql, dyad_error *err)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_sql_fail(b, err, "reading the store");
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else store_sql_fail(b, err, "reading the store");
    sqlite3_finalize(st);
    return v;
}

static void backend_free(store_backend *b)
{
    if (!b) return;
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(b->st[i]);
    sqlite3_close(b->db);
    free(b->meta_value);
    free(b->path);
    free(b);
}

/* Brings the schema from `version` to the current one. */
static int migrate(store_backend *b, dyad_error *err)
{
    if (store_sql_exec(b, "BEGIN IMMEDIATE", err) < 0) return DYAD_EIO;
    /* Another process may have migrated while we waited for the lock. */
    long long now = query_int(b, "PRAGMA user_version", err);
    if (now < 0) goto fail;
    for (long long v = now; v < DYAD_STORE_SCHEMA_VERSION; v++)
        if (sqlite3_exec(b->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            store_sql_fail(b, err, "upgrading the store's schema");
            goto fail;
        }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             DYAD_APPLICATION_ID, DYAD_STORE_SCHEMA_VERSION);
    if (store_sql_exec(b, sql, err) < 0) goto fail;
    if (store_sql_exec(b, "COMMIT", err) < 0) goto fail;
    return 0;
fail:
    sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
    return DYAD_EIO;
}

/* Decides whether the file is ours, new, newer or older, and acts. */
static int check_schema(store_backend *b, dyad_error *err)
{
    long long app_id = query_int(b, "PRAGMA application_id", err);
    if (app_id < 0) {
        if (sqlite3_errcode(b->db) == SQLITE_NOTADB)
            return dyad_fail(err, DYAD_EFORMAT, "%s: not a SQLite database, so not a dyad store",
                             b->path);
        return DYAD_EIO;
    }
    long long version = query_int(b, "PRAGMA user_version", err);
    long long objects = query_int(b, "SELECT count(*) FROM sqlite_master", err);
    if (version < 0 || objects < 0) return DYAD_EIO;
    if (app_id != DYAD_APPLICATION_ID && (app_id != 0 || objects > 0 || version > 0))
        return dyad_fail(err, DYAD_EFORMAT,
                         "%s: a SQLite database, but not a dyad store (refusing to touch it)",
                         b->path);
    if (version > DYAD_STORE_SCHEMA_VERSION)
        return dyad_fail(err, DYAD_EFORMAT,
                         "%s: written by a newer dyad (schema %lld; this dyad knows up to %d): "
                         "upgrade dyad", b->path, version, DYAD_STORE_SCHEMA_VERSION);
    if (version == DYAD_STORE_SCHEMA_VERSION) return 0;
    if (!b->writable) {
        if (app_id != DYAD_APPLICATION_ID)
            return dyad_fail(err, DYAD_EFORMAT, "%s: an empty database, not a dyad store yet",
                             b->path);
        return dyad_fail(err, DYAD_EFORMAT,
                         "%s: schema %lld is older than this dyad's (%d): open it for writing "
                         "once (dyad ingest) to upgrade it", b->path, version,
                         DYAD_STORE_SCHEMA_VERSION);
    }
    return migrate(b, err);
}

static int prepare_statements(store_backend *b, dyad_error *err)
{
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v3(b->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &b->st[i],
                               NULL) != SQLITE_OK)
            return store_sql_fail(b, err, "preparing statements");
    return 0;
}

static store_backend *sqlite_open(const char *path, int flags, dyad_error *err)
{
    store_backend *b = calloc(1, sizeof *b);
    if (!b || !(b->path = strdup(path))) {
        free(b);
        dyad_fail(err, DYAD_ENOMEM, "store: out of memory");
        return NULL;
    }
    b->writable = (flags & DYAD_STORE_WRITE) != 0;
    if (!b->writable && access(path, F_OK) != 0) {
        dyad_fail(err, DYAD_ENOTFOUND, "%s: no such store (create it with dyad ingest)", path);
        goto fail;
    }
    int oflags = b->writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, &b->db, oflags, NULL) != SQLITE_OK) {
        dyad_fail(err, DYAD_EIO, "%s: cannot open the store: %s", path,
                  b->db ? sqlite3_errmsg(b->db) : "out of memory");
        goto fail;
    }
    b->busy_ms = BUSY_TIMEOUT_MS;
    sqlite3_busy_timeout(b->db, b->busy_ms);
    /* SQLite falls back to read-only silently when the file is not writable. */
    if (b->writable && sqlite3_db_readonly(b->db, "main") == 1) {
        dyad_fail(err, DYAD_EIO, "%s: the store is read-only (cannot write to it)", path);
        goto fail;
    }
    if (check_schema(b, err) < 0) goto fail;
    if (store_sql_exec(b, "PRAGMA foreign_keys = ON", err) < 0) goto fail;
    if (b->writable) {
        /* NORMAL is safe in WAL mode (a power cut may lose the last commits,
           never corrupt); the larger cache keeps the event indexes in
           memory during an ingest. */
        if (store_sql_exec(b, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                              " PRAGMA cache_size = -" WRITER_CACHE_KB
                              "; PRAGMA temp_store = MEMORY", err) < 0 ||
            store_sql_exec(b, groups_touched_sql, err) < 0)
            goto fail;
        if (prepare_statements(b, err) < 0) goto fail;
    }
    return b;
fail:
    backend_free(b);
    return NULL;
}

static void sqlite_close(store_backend *b) { backend_free(b); }

static int sqlite_begin(store_backend *b, dyad_error *err)
{
    if (!b->writable)
        return dyad_fail(err, DYAD_EARG, "%s: the store was opened for reading only", b->path);
    return store_sql_exec(b, "BEGIN IMMEDIATE", err) < 0 ? DYAD_EIO : 0;
}

/* The summary is recounted in the transaction it describes, so a commit
 * (or a crash before it) never leaves the two apart. */
static int sqlite_commit(store_backend *b, dyad_error *err)
{
    if (groups_flush(b, err) < 0) return DYAD_EIO;
    return store_sql_exec(b, "COMMIT", err) < 0 ? DYAD_EIO : 0;
}

static void sqlite_rollback(store_backend *b)
{
    sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
    groups_forget(b);
}

static int sqlite_set_cache_size(store_backend *b, size_t megabytes, dyad_error *err)
{
    enum { MAX_CACHE_MB = 1 << 20 }; /* a terabyte: beyond is a mistake */
    if (megabytes > MAX_CACHE_MB)
        return dyad_fail(err, DYAD_EARG, "store: a cache of %zu MB is too large", megabytes);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%zu", megabytes * 1024);
    return store_sql_exec(b, sql, err);
}

static int sqlite_bulk(store_backend *b, int on, dyad_error *err)
{
    if (!b->writable)
        return dyad_fail(err, DYAD_EARG, "%s: the store was opened for reading only", b->path);
    return on ? groups_bulk_begin(b, err) : groups_bulk_end(b, err);
}

static void sqlite_set_busy_timeout(store_backend *b, int ms)
{
    b->busy_ms = ms;
    sqlite3_busy_timeout(b->db, ms);
}

void store_sql_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

/* Runs a bound statement that returns no row, and resets it. */
int store_sql_step(store_backend *b, sqlite3_stmt *st, dyad_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : store_sql_fail(b, err, "writing the store");
}

static void bind_article(sqlite3_stmt *st, const store_article *sa)
{
    const dyad_article *a = sa->article;
    const dyad_result *r = sa->result;
    store_sql_bind_text(st, 1, sa->key);
    store_sql_bind_text(st, 2, sa->fingerprint);
    sqlite3_bind_int(st, 3, a->date);
    store_sql_bind_text(st, 4, a->title);
    store_sql_bind_text(st, 5, a->source);
    store_sql_bind_text(st, 6, a->url);
    sqlite3_bind_text(st, 7, a->text, (int)a->text_len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, r ? (sqlite3_int64)r->n_sentences : 0);
    sqlite3_bind_int(st, 9, r ? r->flags : 0);
    store_sql_bind_text(st, 10, r ? r->why : NULL);
    store_sql_bind_text(st, 11, sa->dict_version);
}

/* The id of sentence `index` of an article, created on first use (a
 * sentence already there keeps its text). */
static int put_sentence(store_backend *b, sqlite3_int64 article, int index, const char *text,
                        size_t len, sqlite3_int64 *id, dyad_error *err)
{
    sqlite3_stmt *st = b->st[ST_PUT_SENTENCE];
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_int(st, 2, index);
    sqlite3_bind_text(st, 3, text, (int)len, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc == SQLITE_ROW) rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : store_sql_fail(b, err, "writing a sentence");
}

static int put_event(store_backend *b, sqlite3_int64 article, int32_t article_date,
                     const dyad_event *e, dyad_error *err)
{
    sqlite3_int64 sentence = 0;
    if (e->sentence &&
        put_sentence(b, article, e->sentence_index, e->sentence, e->sentence_len, &sentence,
                     err) < 0)
        return DYAD_EIO;
    sqlite3_stmt *st = b->st[ST_INSERT_EVENT];
    char root[3] = {e->root_code[0], e->root_code[1], 0};
    if (!root[0] && e->code) memcpy(root, e->code, strnlen(e->code, 2));
    sqlite3_bind_int64(st, 1, article);
    if (sentence) sqlite3_bind_int64(st, 2, sentence);
    sqlite3_bind_int(st, 3, e->sentence_index);
    sqlite3_bind_int(st, 4, e->date ? e->date : article_date);
    store_sql_bind_text(st, 5, e->source ? e->source : "");
    store_sql_bind_text(st, 6, e->target ? e->target : "");
    store_sql_bind_text(st, 7, e->code ? e->code : "");
    store_sql_bind_text(st, 8, root);
    sqlite3_bind_int(st, 9, e->quad_class);
    if (e->has_goldstein) sqlite3_bind_double(st, 10, e->goldstein);
    const dyad_span spans[3] = {e->source_span, e->target_span, e->verb_span};
    for (int i = 0; i < 3; i++) {
        sqlite3_bind_int(st, 11 + 2 * i, spans[i].begin);
        sqlite3_bind_int(st, 12 + 2 * i, spans[i].end);
    }
    store_sql_bind_text(st, 17, e->rule_file);
    sqlite3_bind_int64(st, 18, e->rule_line);
    store_sql_bind_text(st, 19, e->rule_text);
    return store_sql_step(b, st, err);
}

/* An article as stored, as far as a put needs it. */
typedef struct stored_article {
    sqlite3_int64 id;
    int32_t date;
    long n_sentences;
} stored_article;

/* Looks the key up: 0 not there, 1 there with the same fingerprint,
 * 2 there and different (*old filled). */
static int find_article(store_backend *b, const store_article *sa, stored_article *old,
                        dyad_error *err)
{
    sqlite3_stmt *st = b->st[ST_FIND_ARTICLE];
    store_sql_bind_text(st, 1, sa->key);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        old->id = sqlite3_column_int64(st, 0);
        const char *print = (const char *)sqlite3_column_text(st, 1);
        found = print && !strcmp(print, sa->fingerprint) ? 1 : 2;
        old->date = sqlite3_column_int(st, 2);
        old->n_sentences = (long)sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_sql_fail(b, err, "reading the store");
    return found;
}

static int replace_article(store_backend *b, const store_article *sa, const stored_article *old,
                           dyad_error *err)
{
    sqlite3_int64 id = old->id;
    if (groups_touch(b, id, err) < 0) return DYAD_EIO; /* the old events' groups */
    if (groups_count_article(b, old->date, -1, old->n_sentences, err) < 0) return DYAD_EIO;
    sqlite3_stmt *st;
    for (int k = ST_DELETE_EVENTS; k <= ST_DELETE_SENTENCES; k++) {
        st = b->st[k];
        sqlite3_bind_int64(st, 1, id);
        if (store_sql_step(b, st, err) < 0) return DYAD_EIO;
    }
    st = b->st[ST_UPDATE_ARTICLE];
    bind_article(st, sa);
    sqlite3_bind_int64(st, 12, id);
    return store_sql_step(b, st, err);
}

static int sqlite_put(store_backend *b, const store_article *sa, dyad_error *err)
{
    stored_article old = {0, 0, 0};
    sqlite3_int64 id = 0;
    int found = find_article(b, sa, &old, err);
    if (found < 0) return found;
    if (found == 1) return DYAD_PUT_UNCHANGED;
    const dyad_result *r = sa->result;
    if (groups_count_article(b, sa->article->date, +1, r ? (long)r->n_sentences : 0, err) < 0)
        return DYAD_EIO;
    if (found == 2) {
        if (replace_article(b, sa, &old, err) < 0) return DYAD_EIO;
        id = old.id;
    } else {
        sqlite3_stmt *st = b->st[ST_INSERT_ARTICLE];
        bind_article(st, sa);
        if (store_sql_step(b, st, err) < 0) return DYAD_EIO;
        id = sqlite3_last_insert_rowid(b->db);
    }
    for (size_t i = 0; r && i < r->n_events; i++)
        if (put_event(b, id, sa->article->date, &r->events[i], err) < 0) return DYAD_EIO;
    if (r && r->n_events && groups_touch(b, id, err) < 0) return DYAD_EIO;
    /* After the events: a sentence as an event quotes it is the evidence,
       and wins over the segmenter's copy. */
    for (size_t i = 0; i < sa->n_sentences; i++) {
        const char *text = sa->article->text + sa->sentences[i].begin;
        size_t len = sa->sentences[i].end - sa->sentences[i].begin;
        sqlite3_int64 ignored;
        if (put_sentence(b, id, (int)i, text, len, &ignored, err) < 0) return DYAD_EIO;
    }
    return found ? DYAD_PUT_REPLACED : DYAD_PUT_NEW;
}

/* One article read from a page, its strings owned. */
typedef struct page_article {
    int64_t id;
    int32_t date;
    char *key, *title, *source, *url, *text;
    size_t text_len;
} page_article;

static void page_free(page_article *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].key);
        free(p[i].title);
        free(p[i].source);
        free(p[i].url);
        free(p[i].text);
    }
    free(p);
}

/* A copy of column i (NULL stays NULL); *ok cleared when out of memory. */
static char *col_dup(sqlite3_stmt *st, int i, size_t *len, int *ok)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (len) *len = n;
    if (!v) return NULL;
    char *c = malloc(n + 1);
    if (!c) {
        *ok = 0;
        return NULL;
    }
    memcpy(c, v, n);
    c[n] = 0;
    return c;
}

static int sqlite_articles(store_backend *b, int64_t after, size_t limit, int64_t *last,
                           dyad_article_fn fn, void *user, dyad_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(b->db,
                           "SELECT id, key, date, title, source, url, text FROM articles"
                           " WHERE id > ?1 ORDER BY id LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(b, err, "reading articles");
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    page_article *page = calloc(limit ? limit : 1, sizeof *page);
    size_t n = 0;
    int ok = page != NULL, rc = SQLITE_DONE;
    while (ok && n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        page_article *p = &page[n++];
        p->id = sqlite3_column_int64(st, 0);
        p->date = sqlite3_column_int(st, 2);
        p->key = col_dup(st, 1, NULL, &ok);
        p->title = col_dup(st, 3, NULL, &ok);
        p->source = col_dup(st, 4, NULL, &ok);
        p->url = col_dup(st, 5, NULL, &ok);
        p->text = col_dup(st, 6, &p->text_len, &ok);
        if (!p->text) ok = 0;
    }
    if (n == limit && rc == SQLITE_ROW) rc = SQLITE_DONE;
    int status = 0;
    if (!ok) status = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory reading articles", b->path);
    else if (rc != SQLITE_DONE) status = store_sql_fail(b, err, "reading articles");
    sqlite3_finalize(st);
    if (status < 0) {
        page_free(page, n);
        return status;
    }
    int result = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        const page_article *p = &page[i];
        dyad_article a = {0};
        a.id = p->key;
        a.date = p->date;
        a.title = p->title;
        a.source = p->source;
        a.url = p->url;
        a.text = p->text;
        a.text_len = p->text_len;
        *last = p->id;
        if (fn(user, &a)) {
            result = 2;
            break;
        }
    }
    page_free(page, n);
    return result;
}

static int sqlite_set_meta(store_backend *b, const char *key, const char *value,
                           dyad_error *err)
{
    if (!b->writable)
        return dyad_fail(err, DYAD_EARG, "%s: the store was opened for reading only", b->path);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(b->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return store_sql_fail(b, err, "writing metadata");
    store_sql_bind_text(st, 1, key);
    store_sql_bind_text(st, 2, value);
    int rc = store_sql_step(b, st, err);
    sqlite3_finalize(st);
    return rc;
}

static const char *sqlite_get_meta(store_backend *b, const char *key)
{
    sqlite3_stmt *st;
    free(b->meta_value);
    b->meta_value = NULL;
    if (sqlite3_prepare_v2(b->db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    store_sql_bind_text(st, 1, key);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v) b->meta_value = strdup(v);
    }
    sqlite3_finalize(st);
    return b->meta_value;
}


const store_ops store_sqlite_ops = {
    "sqlite",      sqlite_open,     sqlite_close,   sqlite_begin,
    sqlite_commit, sqlite_rollback, sqlite_set_busy_timeout, sqlite_set_cache_size, sqlite_bulk,
    sqlite_put,    sqlite_set_meta, sqlite_get_meta, sqlite_articles, sqlite_events,
    sqlite_stats,  sqlite_partners, sqlite_day_counts,
};
