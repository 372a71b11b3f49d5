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
 * Queries are composed from one filter (dyad_query) into SQL with bound
 * parameters only: a WITH clause selects the matching mentions (m), then
 * groups them into deduplicated events (u) or keeps each one, and the
 * three query shapes (event rows, stats, partners) read from u.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
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
};

/* Statements of the ingest path, prepared once per connection. */
enum {
    ST_FIND_ARTICLE,
    ST_INSERT_ARTICLE,
    ST_UPDATE_ARTICLE,
    ST_DELETE_EVENTS,
    ST_DELETE_SENTENCES,
    ST_PUT_SENTENCE,
    ST_INSERT_EVENT,
    ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
    "SELECT id, fingerprint FROM articles WHERE key = ?1",
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
};

struct store_backend {
    sqlite3 *db;
    char *path;
    int writable;
    sqlite3_stmt *st[ST_COUNT];
    char *meta_value; /* get_meta's answer */
    int busy_ms;
};

/* Fills err with the connection's message, prefixed by the store's path. */
static int db_fail(store_backend *b, dyad_error *err, const char *what)
{
    int rc = sqlite3_errcode(b->db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return dyad_fail(err, DYAD_EIO,
                         "%s: the store is busy: another process is writing to it "
                         "(waited %.1f s)", b->path, b->busy_ms / 1000.0);
    return dyad_fail(err, DYAD_EIO, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
}

static int exec_sql(store_backend *b, const char *sql, dyad_error *err)
{
    if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(b, err, sql);
    return 0;
}

/* One integer from a PRAGMA or a count; -1 with err filled on failure. */
static long long query_int(store_backend *b, const char *sql, dyad_error *err)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_fail(b, err, "reading the store");
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else db_fail(b, err, "reading the store");
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
    if (exec_sql(b, "BEGIN IMMEDIATE", err) < 0) return DYAD_EIO;
    /* Another process may have migrated while we waited for the lock. */
    long long now = query_int(b, "PRAGMA user_version", err);
    if (now < 0) goto fail;
    for (long long v = now; v < DYAD_STORE_SCHEMA_VERSION; v++)
        if (exec_sql(b, migrations[v], err) < 0) goto fail;
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             DYAD_APPLICATION_ID, DYAD_STORE_SCHEMA_VERSION);
    if (exec_sql(b, sql, err) < 0) goto fail;
    if (exec_sql(b, "COMMIT", err) < 0) goto fail;
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
            return db_fail(b, err, "preparing statements");
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
    if (exec_sql(b, "PRAGMA foreign_keys = ON", err) < 0) goto fail;
    if (b->writable) {
        /* NORMAL is safe in WAL mode (a power cut may lose the last commits,
           never corrupt); the larger cache keeps the event indexes in
           memory during an ingest. */
        if (exec_sql(b, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                        " PRAGMA cache_size = -" WRITER_CACHE_KB, err) < 0)
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
    return exec_sql(b, "BEGIN IMMEDIATE", err) < 0 ? DYAD_EIO : 0;
}

static int sqlite_commit(store_backend *b, dyad_error *err)
{
    return exec_sql(b, "COMMIT", err) < 0 ? DYAD_EIO : 0;
}

static void sqlite_rollback(store_backend *b) { sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL); }

static void sqlite_set_busy_timeout(store_backend *b, int ms)
{
    b->busy_ms = ms;
    sqlite3_busy_timeout(b->db, ms);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

/* Runs a bound statement that returns no row, and resets it. */
static int step_done(store_backend *b, sqlite3_stmt *st, dyad_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : db_fail(b, err, "writing the store");
}

static void bind_article(sqlite3_stmt *st, const store_article *sa)
{
    const dyad_article *a = sa->article;
    const dyad_result *r = sa->result;
    bind_text(st, 1, sa->key);
    bind_text(st, 2, sa->fingerprint);
    sqlite3_bind_int(st, 3, a->date);
    bind_text(st, 4, a->title);
    bind_text(st, 5, a->source);
    bind_text(st, 6, a->url);
    sqlite3_bind_text(st, 7, a->text, (int)a->text_len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, r ? (sqlite3_int64)r->n_sentences : 0);
    sqlite3_bind_int(st, 9, r ? r->flags : 0);
    bind_text(st, 10, r ? r->why : NULL);
    bind_text(st, 11, sa->dict_version);
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
    return rc == SQLITE_DONE ? 0 : db_fail(b, err, "writing a sentence");
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
    bind_text(st, 5, e->source ? e->source : "");
    bind_text(st, 6, e->target ? e->target : "");
    bind_text(st, 7, e->code ? e->code : "");
    bind_text(st, 8, root);
    sqlite3_bind_int(st, 9, e->quad_class);
    if (e->has_goldstein) sqlite3_bind_double(st, 10, e->goldstein);
    const dyad_span spans[3] = {e->source_span, e->target_span, e->verb_span};
    for (int i = 0; i < 3; i++) {
        sqlite3_bind_int(st, 11 + 2 * i, spans[i].begin);
        sqlite3_bind_int(st, 12 + 2 * i, spans[i].end);
    }
    bind_text(st, 17, e->rule_file);
    sqlite3_bind_int64(st, 18, e->rule_line);
    bind_text(st, 19, e->rule_text);
    return step_done(b, st, err);
}

/* Looks the key up: 0 not there, 1 there with the same fingerprint,
 * 2 there and different (*id set). */
static int find_article(store_backend *b, const store_article *sa, sqlite3_int64 *id,
                        dyad_error *err)
{
    sqlite3_stmt *st = b->st[ST_FIND_ARTICLE];
    bind_text(st, 1, sa->key);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        const char *old = (const char *)sqlite3_column_text(st, 1);
        found = old && !strcmp(old, sa->fingerprint) ? 1 : 2;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(b, err, "reading the store");
    return found;
}

static int replace_article(store_backend *b, const store_article *sa, sqlite3_int64 id,
                           dyad_error *err)
{
    sqlite3_stmt *st;
    for (int k = ST_DELETE_EVENTS; k <= ST_DELETE_SENTENCES; k++) {
        st = b->st[k];
        sqlite3_bind_int64(st, 1, id);
        if (step_done(b, st, err) < 0) return DYAD_EIO;
    }
    st = b->st[ST_UPDATE_ARTICLE];
    bind_article(st, sa);
    sqlite3_bind_int64(st, 12, id);
    return step_done(b, st, err);
}

static int sqlite_put(store_backend *b, const store_article *sa, dyad_error *err)
{
    sqlite3_int64 id = 0;
    int found = find_article(b, sa, &id, err);
    if (found < 0) return found;
    if (found == 1) return DYAD_PUT_UNCHANGED;
    if (found == 2) {
        if (replace_article(b, sa, id, err) < 0) return DYAD_EIO;
    } else {
        sqlite3_stmt *st = b->st[ST_INSERT_ARTICLE];
        bind_article(st, sa);
        if (step_done(b, st, err) < 0) return DYAD_EIO;
        id = sqlite3_last_insert_rowid(b->db);
    }
    const dyad_result *r = sa->result;
    for (size_t i = 0; r && i < r->n_events; i++)
        if (put_event(b, id, sa->article->date, &r->events[i], err) < 0) return DYAD_EIO;
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
        return db_fail(b, err, "reading articles");
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
    else if (rc != SQLITE_DONE) status = db_fail(b, err, "reading articles");
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
        return db_fail(b, err, "writing metadata");
    bind_text(st, 1, key);
    bind_text(st, 2, value);
    int rc = step_done(b, st, err);
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
    bind_text(st, 1, key);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v) b->meta_value = strdup(v);
    }
    sqlite3_finalize(st);
    return b->meta_value;
}

/* ---------------------------------------------------------------------
 * Query composition. SQL text is built from fixed fragments; every value
 * goes through a parameter.
 * ------------------------------------------------------------------- */
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
} sql_builder;

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

/* `col` starts with `prefix`, as a range so an index serves it: codes are
 * ASCII, and the least string above every extension of "USA" is "USB". */
static void add_prefix(sql_builder *q, const char *col, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n > PREFIX_MAX) {
        q->failed = 1;
        return;
    }
    add_sql(q, "(");
    add_sql(q, col);
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
    add_sql(q, col);
    add_sql(q, " < ?)");
}

static int has(const char *s) { return s && *s; }

/* (source matches S and target matches T), either way when both_ways. */
static void add_dyad(sql_builder *q, const dyad_query *f)
{
    const char *sides[2][2] = {{f->source, f->target}, {f->target, f->source}};
    int ways = f->both_ways ? 2 : 1;
    add_sql(q, " AND (");
    for (int w = 0; w < ways; w++) {
        add_sql(q, w ? " OR (1" : "(1");
        if (has(sides[w][0])) {
            add_sql(q, " AND ");
            add_prefix(q, "e.source", sides[w][0]);
        }
        if (has(sides[w][1])) {
            add_sql(q, " AND ");
            add_prefix(q, "e.target", sides[w][1]);
        }
        add_sql(q, ")");
    }
    add_sql(q, ")");
}

/* x on exactly one side of the event. */
static void add_partner_side(sql_builder *q, const char *x)
{
    add_sql(q, " AND ((");
    add_prefix(q, "e.source", x);
    add_sql(q, " AND NOT ");
    add_prefix(q, "e.target", x);
    add_sql(q, ") OR (");
    add_prefix(q, "e.target", x);
    add_sql(q, " AND NOT ");
    add_prefix(q, "e.source", x);
    add_sql(q, "))");
}

/* The WITH clause: m the matching mentions, u one row per event shown,
 * with its mention counts. */
static void add_with(sql_builder *q, const dyad_query *f, const char *partner_of, int dedup)
{
    add_sql(q, "WITH m AS (SELECT e.id, e.article, e.date, e.source, e.target, e.code,"
               " coalesce(a.source, '') AS outlet FROM events e JOIN articles a"
               " ON a.id = e.article WHERE 1");
    if (has(f->source) || has(f->target)) add_dyad(q, f);
    if (partner_of) add_partner_side(q, partner_of);
    if (has(f->code)) { add_sql(q, " AND e.code = "); add_text(q, f->code); }
    if (has(f->root)) { add_sql(q, " AND e.root = "); add_text(q, f->root); }
    if (f->quad_class) { add_sql(q, " AND e.quad = "); add_int(q, f->quad_class); }
    if (f->since) { add_sql(q, " AND e.date >= "); add_int(q, f->since); }
    if (f->until) { add_sql(q, " AND e.date <= "); add_int(q, f->until); }
    if (has(f->text)) {
        add_sql(q, " AND e.sentence IN (SELECT rowid FROM sentences_fts WHERE sentences_fts"
                   " MATCH ");
        add_text(q, f->text);
        add_sql(q, ")");
    }
    if (dedup)
        add_sql(q, "), u AS (SELECT min(id) AS id, count(*) AS nm, count(DISTINCT article)"
                   " AS na, count(DISTINCT outlet) AS ns FROM m"
                   " GROUP BY date, source, target, code) ");
    else
        add_sql(q, "), u AS (SELECT id, 1 AS nm, 1 AS na, 1 AS ns FROM m) ");
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
    if (rc != SQLITE_OK) return db_fail(b, err, "query");
    for (int i = 0; i < q->n_params; i++) {
        const param *p = &q->params[i];
        if (!p->is_text) sqlite3_bind_int64(*st, i + 1, p->number);
        else bind_text(*st, i + 1, p->long_text ? p->long_text : p->text);
    }
    return 0;
}

/* A failing step with a text search is almost always the search syntax. */
static int query_fail(store_backend *b, const dyad_query *f, dyad_error *err)
{
    if (has(f->text) && sqlite3_errcode(b->db) == SQLITE_ERROR)
        return dyad_fail(err, DYAD_EARG, "bad text search '%s': %s", f->text,
                         sqlite3_errmsg(b->db));
    return db_fail(b, err, "query");
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

static int sqlite_events(store_backend *b, const dyad_query *f, dyad_event_fn fn, void *user,
                         dyad_error *err)
{
    sql_builder q = {0};
    add_with(&q, f, NULL, !f->all_mentions);
    add_sql(&q, "SELECT e.id, a.key, a.url, e.sentence_idx, e.date, e.source, e.target, e.code,"
                " e.root, e.quad, e.goldstein, s.text, e.source_begin, e.source_end,"
                " e.target_begin, e.target_end, e.verb_begin, e.verb_end, e.rule_file,"
                " e.rule_line, e.rule_text, a.title, a.source, u.nm, u.na, u.ns"
                " FROM u JOIN events e ON e.id = u.id JOIN articles a ON a.id = e.article"
                " LEFT JOIN sentences s ON s.id = e.sentence ORDER BY e.date, e.id LIMIT ");
    add_int(&q, f->limit ? (long long)f->limit : -1);
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dyad_stored_event ev;
        row_to_event(st, &ev);
        if (fn(user, &ev)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    int status = rc == SQLITE_DONE ? 0 : query_fail(b, f, err);
    sqlite3_finalize(st);
    return status;
}

/* Articles and sentences over articles dated in [since, until]. */
static int stats_articles(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                          dyad_error *err)
{
    sql_builder q = {0};
    add_sql(&q, "SELECT count(*), coalesce(sum(n_sentences), 0) FROM articles WHERE 1");
    if (f->since) { add_sql(&q, " AND date >= "); add_int(&q, f->since); }
    if (f->until) { add_sql(&q, " AND date <= "); add_int(&q, f->until); }
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->articles = (long)sqlite3_column_int64(st, 0);
        out->sentences = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(b, err, "stats");
}

static int stats_events(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                        dyad_error *err)
{
    sql_builder q = {0};
    add_with(&q, f, NULL, 1);
    add_sql(&q, "SELECT count(*), coalesce(sum(u.nm), 0), coalesce(min(e.date), 0),"
                " coalesce(max(e.date), 0) FROM u JOIN events e ON e.id = u.id");
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

static int stats_codes(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                       dyad_error *err)
{
    sql_builder q = {0};
    add_with(&q, f, NULL, 0);
    add_sql(&q, "SELECT e.code, count(*) AS n FROM u JOIN events e ON e.id = u.id"
                " GROUP BY e.code ORDER BY n DESC, e.code LIMIT ");
    add_int(&q, DYAD_STATS_TOP_CODES);
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n_top_codes < DYAD_STATS_TOP_CODES) {
        dyad_code_count *c = &out->top_codes[out->n_top_codes++];
        const char *code = col_text(st, 0);
        snprintf(c->code, sizeof c->code, "%s", code ? code : "");
        c->count = (long)sqlite3_column_int64(st, 1);
    }
    int status = rc == SQLITE_DONE ? 0 : query_fail(b, f, err);
    sqlite3_finalize(st);
    return status;
}

static int sqlite_stats(store_backend *b, const dyad_query *f, dyad_store_stats *out,
                        dyad_error *err)
{
    int rc = stats_articles(b, f, out, err);
    if (rc == 0) rc = stats_events(b, f, out, err);
    if (rc == 0) rc = stats_codes(b, f, out, err);
    return rc;
}

static int sqlite_partners(store_backend *b, const char *x, const dyad_query *f,
                           size_t group_len, store_partner_fn fn, void *user, dyad_error *err)
{
    sql_builder q = {0};
    add_with(&q, f, x, !f->all_mentions);
    add_sql(&q, "SELECT substr(CASE WHEN ");
    add_prefix(&q, "e.source", x);
    add_sql(&q, " THEN e.target ELSE e.source END, 1, ");
    add_int(&q, group_len ? (long long)group_len : 1000000);
    add_sql(&q, ") AS partner, count(*), sum(e.quad = 0), sum(e.quad = 1), sum(e.quad = 2),"
                " sum(e.quad = 3), sum(e.quad = 4), coalesce(sum(e.goldstein), 0),"
                " count(e.goldstein) FROM u JOIN events e ON e.id = u.id"
                " GROUP BY partner ORDER BY partner");
    sqlite3_stmt *st;
    if (prepare_built(b, &q, &st, err) < 0) return DYAD_EIO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_partner_row row = {col_text(st, 0), (long)sqlite3_column_int64(st, 1), {0}, 0, 0};
        for (int k = 0; k < 5; k++) row.quad[k] = (long)sqlite3_column_int64(st, 2 + k);
        row.goldstein_sum = sqlite3_column_double(st, 7);
        row.n_goldstein = (long)sqlite3_column_int64(st, 8);
        if (fn(user, &row)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    int status = rc == SQLITE_DONE ? 0 : query_fail(b, f, err);
    sqlite3_finalize(st);
    return status;
}

const store_ops store_sqlite_ops = {
    "sqlite",      sqlite_open,     sqlite_close,   sqlite_begin,
    sqlite_commit, sqlite_rollback, sqlite_set_busy_timeout,
    sqlite_put,    sqlite_set_meta, sqlite_get_meta, sqlite_articles, sqlite_events,
    sqlite_stats,  sqlite_partners,
};
