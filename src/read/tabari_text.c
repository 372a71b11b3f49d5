/*
 * tabari_text.c -- TABARI text records (Validate.text, TABARI.Demo.text).
 *
 *   950103  DEMO-04                  <- "YYMMDD ID" (or YYYYMMDD ID)
 *   Dagolath's first Deputy Prime    <- text lines
 *   ...                              <- a C-style comment (slash-star to
 *   \n{ DAG / GON / 032 } 950103      star-slash) holds the checks
 *                                    <- a blank line ends the record
 *
 * Outside a record, lines are skipped until one starts with a digit. The
 * id is the rest of that line, trimmed (it may contain spaces). Inside a
 * record, text outside comments is the article, its lines trimmed and
 * joined with single spaces; text inside comments is searched for
 * validation blocks once the record is complete:
 *   { SRC / TGT / CODE } [YYMMDD]  an expected event (and its date)
 *   {---} or {}                    no event          DYAD_EXPECT_NOEVENTS
 *   {+++}                          complex           DYAD_EXPECT_COMPLEX
 *   {###}                          discard           DYAD_EXPECT_DISCARD
 *   -{...}                         do not check      DYAD_EXPECT_SKIP
 *   { OPTION: command }            article->options (the "}" may be
 *                                  missing: the line's end closes it)
 * The first block decides the kind ({+++} then events is COMPLEX, the
 * events listed); a record with only options or no block at all is
 * DYAD_EXPECT_NONE. This is what TABARI's validator does, and it agrees
 * with the peers' validate.jsonl on every record (see test_read.c).
 *
 * Comments are handled per record (a blank line ends both), so one
 * unclosed comment cannot swallow the rest of the file.
 */
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

typedef struct tabari_state {
    dyad_buf comment; /* the record's comment text, sections ended by '\n' */
    int in_comment;
} tabari_state;


static int tabari_open(dyad_reader *r, dyad_error *err)
{
    r->state = calloc(1, sizeof(tabari_state));
    return r->state ? 0 : dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", r->name);
}

static void tabari_close(dyad_reader *r)
{
    tabari_state *st = r->state;
    if (st) dyad_buf_free(&st->comment);
    free(st);
    r->state = NULL;
}

/* "YYMMDD ID...": the date and the id, or an error for the record. TABARI
 * reads the date from fixed columns, so "9501201  ACTORSYN-01" is 950120
 * and id "1  ACTORSYN-01": a longer digit run is tried as YYMMDD, then as
 * YYYYMMDD, and the rest is the id. */
static void tabari_header(dyad_reader *r, const char *line, size_t len, read_errors *e)
{
    size_t digits = 0, used = 0;
    while (digits < len && line[digits] >= '0' && line[digits] <= '9') digits++;
    if (digits == 6 || digits == 8) used = digits;
    else if (digits > 6 && dyad_date_parse(line, 6)) used = 6;
    else if (digits > 8) used = 8;
    r->art.date = dyad_date_parse(line, used);
    size_t n = len - used;
    const char *id = read_trim(line + used, &n);
    r->art.id = read_strdup(r, id, n);
    if (!r->art.id) r->art.id = "";
    if (!r->art.date) {
        size_t shown = 0;
        while (shown < len && shown < 20 && !read_is_space(line[shown])) shown++;
        read_record_fail(r, e, DYAD_EDATE, "record has no valid date '%.*s'", (int)shown, line);
    }
}

/* One piece of article text: trimmed, joined with a single space. */
static void tabari_text_piece(dyad_reader *r, const char *p, size_t n, read_errors *e)
{
    p = read_trim(p, &n);
    if (!n) return;
    int rc = r->text.len ? read_text_append(r, " ", 1) : 0;
    if (!rc) rc = read_text_append(r, p, n);
    if (rc) read_record_fail(r, e, rc, "record longer than %zu MiB", READ_RECORD_MAX >> 20);
}

static void tabari_comment_piece(dyad_reader *r, tabari_state *st, const char *p, size_t n,
                                 read_errors *e)
{
    if (st->comment.len + n + 1 > READ_RECORD_MAX) {
        read_record_fail(r, e, DYAD_ETOOBIG, "comment longer than %zu MiB", READ_RECORD_MAX >> 20);
        return;
    }
    if (dyad_buf_append(&st->comment, p, n) || dyad_buf_putc(&st->comment, '\n'))
        read_record_fail(r, e, DYAD_ENOMEM, "out of memory");
}

/* Splits a text line into article text and comment text. */
static void tabari_body_line(dyad_reader *r, tabari_state *st, const char *p, size_t n,
                             read_errors *e)
{
    const char *end = p + n;
    while (p < end) {
        const char *mark = NULL;
        for (const char *q = p; q + 1 < end && !mark; q++)
            if (st->in_comment ? (q[0] == '*' && q[1] == '/') : (q[0] == '/' && q[1] == '*'))
                mark = q;
        const char *stop = mark ? mark : end;
        if (st->in_comment) tabari_comment_piece(r, st, p, (size_t)(stop - p), e);
        else tabari_text_piece(r, p, (size_t)(stop - p), e);
        if (!mark) break;
        st->in_comment = !st->in_comment;
        p = mark + 2;
    }
}

/* ---- validation blocks ------------------------------------------------ */

static int tabari_is(const char *p, size_t n, const char *word)
{
    return n == strlen(word) && !memcmp(p, word, n);
}

/* "{ SRC / TGT / CODE }" and the date that may follow the "}". */
static int tabari_event(dyad_reader *r, const char *p, size_t n, const char *after,
                        const char *limit)
{
    const char *s1 = memchr(p, '/', n);
    const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(p + n - s1 - 1)) : NULL;
    if (!s2) return 1; /* not an event: ignored */
    size_t ns = (size_t)(s1 - p), nt = (size_t)(s2 - s1 - 1), nc = (size_t)(p + n - s2 - 1);
    const char *src = read_trim(p, &ns), *tgt = read_trim(s1 + 1, &nt);
    const char *code = read_trim(s2 + 1, &nc);
    while (after < limit && (*after == ' ' || *after == '\t')) after++;
    const char *d = after;
    while (after < limit && *after >= '0' && *after <= '9') after++;
    int32_t date = dyad_date_parse(d, (size_t)(after - d));
    return read_expect_event(r, src, ns, tgt, nt, code, nc, date);
}

/* Reads the blocks of the comment into the record's expectations. */
static int tabari_blocks(dyad_reader *r, const char *c, size_t len)
{
    const char *end = c + len, *p = c;
    dyad_expect_kind first = DYAD_EXPECT_NONE;
    int skip = 0, rc = 0;
    while (rc >= 0 && (p = memchr(p, '{', (size_t)(end - p))) != NULL) {
        const char *open = p++;
        while (p < end && *p != '}' && *p != '\n') p++;
        size_t n = (size_t)(p - open - 1);
        const char *in = read_trim(open + 1, &n);
        const char *after = p < end && *p == '}' ? p + 1 : p;
        const char *eol = memchr(after, '\n', (size_t)(end - after));
        if (open > c && open[-1] == '-') skip = 1;
        dyad_expect_kind k = DYAD_EXPECT_NONE;
        if (n >= 7 && !memcmp(in, "OPTION:", 7)) {
            size_t m = n - 7;
            const char *opt = read_trim(in + 7, &m);
            rc = read_add_option(r, opt, m);
        } else if (tabari_is(in, n, "") || tabari_is(in, n, "---")) k = DYAD_EXPECT_NOEVENTS;
        else if (tabari_is(in, n, "+++")) k = DYAD_EXPECT_COMPLEX;
        else if (tabari_is(in, n, "###")) k = DYAD_EXPECT_DISCARD;
        else if ((rc = tabari_event(r, in, n, after, eol ? eol : end)) == 1) rc = 0;
        else k = DYAD_EXPECT_EVENTS;
        if (!first) first = k;
        p = after;
    }
    r->art.expect = skip ? DYAD_EXPECT_SKIP : first;
    return rc;
}

/* ---- records ---------------------------------------------------------- */

/* Skips to the next "YYMMDD ID" line: 1 found, 0 end, < 0 a bad line. */
static int tabari_find_header(dyad_reader *r, const char **line, size_t *len, dyad_error *err)
{
    for (;;) {
        int rc = read_line(r, line, len, err);
        if (rc <= 0) return rc;
        if (*len && **line >= '0' && **line <= '9') return 1;
    }
}

static int tabari_next(dyad_reader *r, dyad_error *err)
{
    tabari_state *st = r->state;
    const char *line;
    size_t len;
    int rc = tabari_find_header(r, &line, &len, err);
    if (rc <= 0) return rc;
    read_errors e = {0, err, {0, ""}};
    read_record_begin(r, r->line_no);
    dyad_buf_clear(&st->comment);
    st->in_comment = 0;
    tabari_header(r, line, len, &e);
    while (read_record_line(r, &line, &len, &e)) {
        size_t n = len;
        read_trim(line, &n);
        if (!n) break; /* a blank line ends the record */
        tabari_body_line(r, st, line, len, &e);
    }
    if (!e.first && st->comment.len) {
        rc = tabari_blocks(r, st->comment.data, st->comment.len);
        if (rc < 0) read_errors_note(&e, read_fail(r, err, rc, r->art.line, "too many checks"));
    }
    if (e.first) return e.first;
    read_record_end(r);
    return 1;
}

const read_format read_tabari_format = {tabari_open, tabari_next, tabari_close};
