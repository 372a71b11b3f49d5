/*
 * sqlite_groups.c -- the deduplicated summary of the events, kept exact
 * at ingest time so that questions over millions of events read a few
 * rows instead of grouping every mention.
 *
 * event_groups has one row per GDELT-style event, (date, source, target,
 * code), with num_mentions, num_articles, num_sources, and the root, quad
 * class and Goldstein value of its first mention (the lowest events id).
 * It is clustered (WITHOUT ROWID) on the first three characters of source
 * and target (the country, for CAMEO codes), then the date, so a dyad's
 * timeline is one contiguous range of the table; a second index serves the
 * same questions from the target's side.
 *
 * Counting distinct articles and distinct news sources cannot be undone
 * by a decrement, so the summary is not updated by deltas: every put marks
 * the groups its article's events fall in (before a replacement deletes
 * them and after the new ones are in), and the commit recounts exactly the
 * marked groups from the events, inside the same transaction. A recount
 * reads one group's mentions through an events index, and a group hit by
 * many articles of one batch is recounted once.
 *
 * dyad_days holds, per country pair, day and quad class, the events, their
 * Goldstein sum and how many had a value: a country-to-country timeline
 * (the commonest question, and the largest dyads) reads a few thousand of
 * those rows instead of one per event. A flush recounts the rows of every
 * (country pair, day) a marked group is in, from event_groups (a
 * contiguous range of its key); sums of doubles are recounted, never
 * adjusted by deltas, so they do not drift.
 *
 * Two small rollups serve `dyad stats` without a scan: code_days (events
 * and mentions per day and code) follows event_groups by deltas (its
 * sums can be subtracted: each marked group's old row is taken out before
 * the recount and its new row added after), and article_days (articles
 * and coded sentences per day) follows every put (sqlite.c). Rows whose
 * counts fall to zero stay; readers skip them.
 */
#include "store/sqlite.h"

/* One summary row from events e joined with their articles a, grouped by
 * (date, source, target, code). With exactly one min() in the query,
 * SQLite takes the bare columns root, quad and goldstein from the row
 * holding the minimum: the group's first mention. */
#define GROUP_ROW                                                                       \
    "SELECT substr(e.source, 1, 3), substr(e.target, 1, 3), e.date, e.source, e.target," \
    " e.code, e.root, e.quad, e.goldstein, count(*), count(DISTINCT e.article),"       \
    " count(DISTINCT coalesce(a.source, '')), min(e.id)"

/* One dyad_days row from event_groups g, grouped by country pair, day and
 * quad class. */
#define DYAD_DAY_ROW                                                                 \
    "SELECT g.source_country, g.target_country, g.date, g.quad, count(*),"           \
    " coalesce(sum(g.goldstein), 0), count(g.goldstein)"

/* Fills event_groups, code_days and dyad_days from the events, the groups in the
 * table's key order so the rows are appended, not scattered. */
#define FILL_SQL                                                                    \
    "INSERT INTO event_groups " GROUP_ROW                                           \
    " FROM events e JOIN articles a ON a.id = e.article GROUP BY substr(e.source, 1, 3)," \
    " substr(e.target, 1, 3), e.date, e.source, e.target, e.code;\n"                 \
    "INSERT INTO code_days SELECT date, code, count(*), sum(num_mentions)"           \
    " FROM event_groups GROUP BY date, code;\n"                                       \
    "INSERT INTO dyad_days " DYAD_DAY_ROW " FROM event_groups g"                     \
    " GROUP BY g.source_country, g.target_country, g.date, g.quad;\n"

/* event_groups_target covers the target side of partners and dyads (the
 * key columns ride along in every index of a WITHOUT ROWID table). */
#define INDEX_SQL                                                                   \
    "CREATE INDEX event_groups_target ON event_groups(target_country, source_country," \
    " date, quad, goldstein);\n"                                                     \
    "CREATE INDEX event_groups_date ON event_groups(date);\n"

const char groups_migration_sql[] =
    "CREATE TABLE event_groups(\n"
    "  source_country TEXT NOT NULL, target_country TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,\n"
    "  root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL,\n"
    "  num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL, first_event INTEGER NOT NULL,\n"
    "  PRIMARY KEY(source_country, target_country, date, source, target, code))\n"
    "  WITHOUT ROWID;\n"
    "CREATE TABLE code_days(date INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  events INTEGER NOT NULL, mentions INTEGER NOT NULL,\n"
    "  PRIMARY KEY(date, code)) WITHOUT ROWID;\n"
    "CREATE TABLE dyad_days(source_country TEXT NOT NULL, target_country TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL, quad INTEGER NOT NULL, events INTEGER NOT NULL,\n"
    "  goldstein_sum REAL NOT NULL, n_goldstein INTEGER NOT NULL,\n"
    "  PRIMARY KEY(source_country, target_country, date, quad)) WITHOUT ROWID;\n"
    FILL_SQL INDEX_SQL
    "CREATE TABLE article_days(date INTEGER PRIMARY KEY, articles INTEGER NOT NULL,\n"
    "  sentences INTEGER NOT NULL);\n"
    "INSERT INTO article_days SELECT date, count(*), sum(n_sentences) FROM articles\n"
    "  GROUP BY date;\n"
    "DROP VIEW unique_events;\n"
    "CREATE VIEW unique_events AS\n"
    "  SELECT date, source, target, code, root, quad, goldstein, num_mentions,\n"
    "         num_articles, num_sources, first_event FROM event_groups;\n";

/* The events' two indexes on actor codes take random inserts, which a
 * bulk load does without: they go when it begins and come back when it
 * ends, built in one sorted pass, as do the summary's (the same
 * definitions as in migration 0: ORDER EVENTS_INDEXES). */
static const char bulk_begin_sql[] =
    "BEGIN IMMEDIATE;"
    "INSERT OR REPLACE INTO meta(key, value) VALUES ('summary', 'stale');"
    "DROP INDEX IF EXISTS events_dyad; DROP INDEX IF EXISTS events_target;"
    "COMMIT";

static const char rebuild_sql[] =
    "CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target, source, date);"
    "DROP INDEX event_groups_target; DROP INDEX event_groups_date;"
    "DELETE FROM event_groups; DELETE FROM code_days; DELETE FROM dyad_days;"
    FILL_SQL INDEX_SQL
    "DELETE FROM meta WHERE key = 'summary';";

const char groups_touched_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS touched_groups(date INTEGER NOT NULL,"
    " source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,"
    " PRIMARY KEY(date, source, target, code)) WITHOUT ROWID";

const char groups_touch_sql[] =
    "INSERT OR IGNORE INTO temp.touched_groups(date, source, target, code)"
    " SELECT date, source, target, code FROM events WHERE article = ?1";

/* Marked groups no mention is left in. */
const char groups_empty_sql[] =
    "SELECT date, source, target, code FROM temp.touched_groups t WHERE NOT EXISTS"
    " (SELECT 1 FROM events e WHERE e.source = t.source AND e.target = t.target"
    " AND e.date = t.date AND e.code = t.code)";

/* The whole key, so the row is found by an index lookup. */
const char groups_delete_sql[] =
    "DELETE FROM event_groups WHERE source_country = substr(?2, 1, 3)"
    " AND target_country = substr(?3, 1, 3) AND date = ?1 AND source = ?2 AND target = ?3"
    " AND code = ?4";

/* CROSS JOIN fixes the loop order: marked groups outside, their mentions
 * (an events index) inside, never a scan of events. */
const char groups_recount_sql[] =
    "INSERT OR REPLACE INTO event_groups " GROUP_ROW
    " FROM temp.touched_groups t CROSS JOIN events e CROSS JOIN articles a"
    " WHERE e.source = t.source AND e.target = t.target AND e.date = t.date"
    " AND e.code = t.code AND a.id = e.article GROUP BY t.date, t.source, t.target, t.code";

const char groups_clear_sql[] = "DELETE FROM temp.touched_groups";

/* The marked groups' current rows, summed per (date, code), times ?1
 * (-1 before the recount, +1 after). */
const char groups_code_days_sql[] =
    "INSERT INTO code_days(date, code, events, mentions)"
    " SELECT g.date, g.code, ?1 * count(*), ?1 * sum(g.num_mentions)"
    " FROM temp.touched_groups t CROSS JOIN event_groups g"
    " WHERE g.source_country = substr(t.source, 1, 3) AND g.target_country = substr(t.target, 1, 3)"
    " AND g.date = t.date AND g.source = t.source AND g.target = t.target AND g.code = t.code"
    " GROUP BY g.date, g.code ON CONFLICT(date, code) DO UPDATE"
    " SET events = events + excluded.events, mentions = mentions + excluded.mentions";

const char groups_article_days_sql[] =
    "INSERT INTO article_days(date, articles, sentences) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(date) DO UPDATE SET articles = articles + excluded.articles,"
    " sentences = sentences + excluded.sentences";

/* The (country pair, day) cells the marked groups fall in. */
#define TOUCHED_CELLS                                                                \
    "SELECT DISTINCT substr(source, 1, 3) AS sc, substr(target, 1, 3) AS tc, date"  \
    " FROM temp.touched_groups"

const char groups_dyad_days_cells_sql[] = TOUCHED_CELLS;

/* A key prefix by equality: one contiguous range (a row-value IN over the
 * cells is planned as a scan of each whole country pair). */
const char groups_dyad_days_clear_sql[] =
    "DELETE FROM dyad_days WHERE source_country = ?1 AND target_country = ?2 AND date = ?3";

const char groups_dyad_days_sql[] =
    "INSERT INTO dyad_days " DYAD_DAY_ROW " FROM (" TOUCHED_CELLS ") t CROSS JOIN event_groups g"
    " WHERE g.source_country = t.sc AND g.target_country = t.tc AND g.date = t.date"
    " GROUP BY g.source_country, g.target_country, g.date, g.quad";

static int code_days_add(store_backend *b, int sign, dyad_error *err)
{
    sqlite3_bind_int(b->st[ST_CODE_DAYS], 1, sign);
    return store_sql_step(b, b->st[ST_CODE_DAYS], err);
}

int groups_count_article(store_backend *b, int32_t date, int sign, long sentences,
                         dyad_error *err)
{
    sqlite3_stmt *st = b->st[ST_ARTICLE_DAYS];
    sqlite3_bind_int(st, 1, date);
    sqlite3_bind_int(st, 2, sign);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)sign * sentences);
    return store_sql_step(b, st, err);
}

int groups_touch(store_backend *b, sqlite3_int64 article, dyad_error *err)
{
    if (b->bulk) return 0; /* rebuilt when the bulk load ends */
    sqlite3_bind_int64(b->st[ST_TOUCH_GROUPS], 1, article);
    return store_sql_step(b, b->st[ST_TOUCH_GROUPS], err);
}

/* Runs statement `each` once per row of statement `rows`, bound to its
 * first n columns. */
static int each_touched(store_backend *b, int rows, int n, int each, dyad_error *err)
{
    sqlite3_stmt *list = b->st[rows], *st = b->st[each];
    int rc;
    while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) sqlite3_bind_value(st, i + 1, sqlite3_column_value(list, i));
        if (store_sql_step(b, st, err) < 0) break;
    }
    sqlite3_reset(list);
    if (rc == SQLITE_DONE) return 0;
    return rc == SQLITE_ROW ? DYAD_EIO : store_sql_fail(b, err, "updating the event summary");
}

/* Groups left without mentions go; the others are counted again. */
int groups_flush(store_backend *b, dyad_error *err)
{
    if (b->bulk) return 0;
    if (code_days_add(b, -1, err) < 0) return DYAD_EIO;
    if (each_touched(b, ST_EMPTY_GROUPS, 4, ST_DELETE_GROUP, err) < 0) return DYAD_EIO;
    if (store_sql_step(b, b->st[ST_RECOUNT_GROUPS], err) < 0) return DYAD_EIO;
    if (code_days_add(b, +1, err) < 0) return DYAD_EIO;
    if (each_touched(b, ST_DYAD_DAYS_CELLS, 3, ST_DYAD_DAYS_CLEAR, err) < 0 ||
        store_sql_step(b, b->st[ST_DYAD_DAYS], err) < 0)
        return DYAD_EIO;
    return store_sql_step(b, b->st[ST_CLEAR_TOUCHED], err);
}

void groups_forget(store_backend *b)
{
    store_sql_step(b, b->st[ST_CLEAR_TOUCHED], NULL);
}

/* The mark a bulk load leaves in meta until its rebuild commits: a crash
 * in between leaves it there, and questions then read the events. */
int groups_bulk_begin(store_backend *b, dyad_error *err)
{
    if (store_sql_exec(b, bulk_begin_sql, err) < 0) {
        sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
        return DYAD_EIO;
    }
    b->bulk = 1;
    return 0;
}

int groups_bulk_end(store_backend *b, dyad_error *err)
{
    if (store_sql_exec(b, "BEGIN IMMEDIATE", err) < 0) return DYAD_EIO;
    if (sqlite3_exec(b->db, rebuild_sql, NULL, NULL, NULL) != SQLITE_OK) {
        store_sql_fail(b, err, "rebuilding the event summary");
        sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
        return DYAD_EIO;
    }
    if (store_sql_exec(b, "COMMIT", err) < 0) {
        sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
        return DYAD_EIO;
    }
    b->bulk = 0;
    return 0;
}

int groups_usable(store_backend *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(b->db, "SELECT 1 FROM meta WHERE key = 'summary'", -1, &st, NULL) !=
        SQLITE_OK)
        return 0;
    int stale = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return !stale;
}
