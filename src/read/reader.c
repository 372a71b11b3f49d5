/*
 * reader.c -- opening an input, telling its format from its first bytes,
 * reading it line by line within caps, and the record every format fills.
 *
 * The reader does its own buffering (one READ_CHUNK over the input) for
 * three reasons: format detection peeks at the first chunk without
 * consuming it, which stdin could not do with seeks; most lines are handed
 * out as pointers into the chunk, without a copy; and a line longer than
 * READ_LINE_MAX can be skipped to its end without ever being stored, so a
 * 50 MB line costs at most the cap in memory.
 *
 * Bad bytes are caught here, once for every line format: each line is
 * checked to be UTF-8 without NUL (dyad_utf8_valid, 8 bytes at a time on
 * ASCII) before a format sees it. That validator lives in text/ but needs
 * nothing above util/, so the reader shares it rather than keep a copy.
 *
 * The format is settled on the first dyad_reader_next, from the first
 * chunk: '{' is JSON Lines, '<' PETRARCH XML, "date YYYY-MM-DD" plain
 * text, a "YYMMDD ID" line after blank and '#' lines TABARI, anything
 * else plain text without a date.
 */
#include "read/read.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/util.h"

/* ---- input -------------------------------------------------------------- */

/* Up to `max` bytes from the input; 0 at the end or on an error (which
 * sets r->io_error). A descriptor is read with read(2), which returns what
 * has arrived, so records from a pipe are handed out as they come; a
 * caller's FILE goes through fread, which waits for `max` bytes or EOF. */
static size_t input_read(dyad_reader *r, char *dst, size_t max)
{
    if (r->eof) return 0;
    size_t n;
    if (r->fd >= 0) {
        ssize_t got;
        do got = read(r->fd, dst, max);
        while (got < 0 && errno == EINTR);
        if (got < 0) r->io_error = errno;
        n = got > 0 ? (size_t)got : 0;
    } else {
        n = fread(dst, 1, max, r->stream);
        if (n == 0 && ferror(r->stream)) r->io_error = errno ? errno : EIO;
    }
    if (n == 0) r->eof = 1;
    return n;
}

/* Reads the next chunk once the current one is used up; 0 at the end. */
static int input_fill(dyad_reader *r)
{
    r->pos = r->end = 0;
    r->end = input_read(r, r->chunk, READ_CHUNK);
    return r->end > 0;
}

size_t read_bytes(dyad_reader *r, char *dst, size_t max)
{
    if (r->pos < r->end) {
        size_t n = r->end - r->pos < max ? r->end - r->pos : max;
        memcpy(dst, r->chunk + r->pos, n);
        r->pos += n;
        return n;
    }
    return input_read(r, dst, max);
}

/* One raw line: 1, 0 at the end, DYAD_EIO, or DYAD_ETOOBIG / DYAD_ENOMEM
 * when the line could not be kept (it is consumed all the same). A line
 * within one chunk is returned in place; one that spans chunks is gathered
 * in r->long_line, which never grows past READ_LINE_MAX. */
static int input_line(dyad_reader *r, const char **line, size_t *len)
{
    int started = 0, dropped = 0; /* dropped: why the line is not kept */
    dyad_buf_clear(&r->long_line);
    for (;;) {
        if (r->pos == r->end && !input_fill(r)) {
            if (r->io_error) return DYAD_EIO;
            if (!started) return 0;
            r->line_no++; /* the last line had no "\n" */
            break;
        }
        const char *start = r->chunk + r->pos;
        const char *nl = memchr(start, '\n', r->end - r->pos);
        size_t piece = nl ? (size_t)(nl - start) : r->end - r->pos;
        r->pos += piece + (nl != NULL);
        if (nl && !started) { /* the common case: no copy */
            r->line_no++;
            *line = start;
            *len = piece;
            return 1;
        }
        started = 1;
        if (!dropped && r->long_line.len + piece > READ_LINE_MAX) dropped = DYAD_ETOOBIG;
        if (!dropped && dyad_buf_append(&r->long_line, start, piece)) dropped = DYAD_ENOMEM;
        if (dropped) dyad_buf_free(&r->long_line); /* give the memory back now */
        if (nl) {
            r->line_no++;
            break;
        }
    }
    if (dropped) return dropped;
    *line = r->long_line.data ? r->long_line.data : "";
    *len = r->long_line.len;
    return 1;
}

static const char utf8_bom[] = "\xEF\xBB\xBF";

int read_line(dyad_reader *r, const char **line, size_t *len, dyad_error *err)
{
    int rc = input_line(r, line, len);
    if (rc == DYAD_ETOOBIG)
        return read_fail(r, err, rc, r->line_no, "line longer than %zu MiB",
                         READ_LINE_MAX >> 20);
    if (rc == DYAD_EIO)
        return read_fail(r, err, rc, r->line_no + 1, "read error: %s", strerror(r->io_error));
    if (rc == DYAD_ENOMEM) return read_fail(r, err, rc, r->line_no, "out of memory");
    if (rc <= 0) return rc;
    if (*len && (*line)[*len - 1] == '\r') (*len)--;
    if (r->line_no == 1 && *len >= 3 && !memcmp(*line, utf8_bom, 3)) {
        *line += 3;
        *len -= 3;
    }
    size_t bad;
    if (!dyad_utf8_valid(*line, *len, &bad))
        return read_fail(r, err, DYAD_EUTF8, r->line_no, "%s at byte %zu",
                         (*line)[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
    return 1;
}

int read_record_line(dyad_reader *r, const char **line, size_t *len, read_errors *e)
{
    for (;;) {
        int rc = read_line(r, line, len, read_errors_to(e));
        if (rc >= 0) return rc;
        read_errors_note(e, rc);
        if (rc == DYAD_EIO) return 0;
    }
}

int read_fail(const dyad_reader *r, dyad_error *err, int code, long line, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return dyad_fail(err, code, "%s:%ld: %s", r->name, line, why);
}

int read_record_fail(dyad_reader *r, read_errors *e, int code, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    read_fail(r, read_errors_to(e), code, r->line_no, "%s", why);
    return read_errors_note(e, code);
}

const char *read_trim(const char *s, size_t *n)
{
    while (*n && read_is_space(*s)) s++, (*n)--;
    while (*n && read_is_space(s[*n - 1])) (*n)--;
    return s;
}

/* ---- the record under construction -------------------------------------- */

void read_record_begin(dyad_reader *r, long line)
{
    dyad_arena_reset(&r->arena);
    dyad_buf_clear(&r->text);
    r->n_expected = r->n_options = 0;
    memset(&r->art, 0, sizeof r->art);
    r->art.id = "";
    r->art.file = r->name;
    r->art.line = line;
}

char *read_strdup(dyad_reader *r, const char *s, size_t n)
{
    return dyad_arena_strndup(&r->arena, s, n);
}

int read_text_append(dyad_reader *r, const char *s, size_t n)
{
    if (r->text.len + n > READ_RECORD_MAX) return DYAD_ETOOBIG;
    return dyad_buf_append(&r->text, s, n) ? DYAD_ENOMEM : 0;
}

int read_expect_event(dyad_reader *r, const char *src, size_t src_len, const char *tgt,
                      size_t tgt_len, const char *code, size_t code_len, int32_t date)
{
    if (r->n_expected >= READ_MAX_EXPECTED) return DYAD_ETOOBIG;
    dyad_expected_event *e = dyad_grow(&r->expected, &r->n_expected, &r->cap_expected, sizeof *e);
    if (!e) return DYAD_ENOMEM;
    e->source = read_strdup(r, src, src_len);
    e->target = read_strdup(r, tgt, tgt_len);
    e->code = read_strdup(r, code, code_len);
    e->date = date;
    return e->source && e->target && e->code ? 0 : DYAD_ENOMEM;
}

int read_add_option(dyad_reader *r, const char *s, size_t n)
{
    if (r->n_options >= READ_MAX_OPTIONS) return DYAD_ETOOBIG;
    const char **slot = dyad_grow(&r->options, &r->n_options, &r->cap_options, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = read_strdup(r, s, n);
    return *slot ? 0 : DYAD_ENOMEM;
}

void read_record_end(dyad_reader *r)
{
    r->art.text = r->text.data ? r->text.data : "";
    r->art.text_len = r->text.len;
    r->art.expected = r->n_expected ? r->expected : NULL;
    r->art.n_expected = r->n_expected;
    r->art.options = r->n_options ? r->options : NULL;
    r->art.n_options = r->n_options;
}

/* ---- detection -------------------------------------------------------- */

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && read_is_space(*p)) p++;
    return p;
}

const char *read_date_prefix(const char *p, const char *end, int32_t *date)
{
    p = skip_blanks(p, end);
    if (end - p < 5 || strncasecmp(p, "date", 4)) return NULL;
    p += 4;
    if (*p == ':') p++;
    const char *word = skip_blanks(p, end);
    if (word == p) return NULL;
    const char *q = word;
    while (q < end && !read_is_space(*q)) q++;
    if (!(*date = dyad_date_parse(word, (size_t)(q - word)))) return NULL;
    return skip_blanks(q, end);
}

/* TABARI: after blank and "#" lines, a line that starts with a date
 * YYMMDD or YYYYMMDD, then the record id ("950101  DEMO-01",
 * "950101*INTRO"). */
static int looks_like_tabari(const char *p, const char *end)
{
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *q = skip_blanks(p, eol);
        if (q < eol && *q != '#') {
            size_t digits = 0;
            while (p + digits < eol && p[digits] >= '0' && p[digits] <= '9') digits++;
            if ((digits != 6 && digits != 8) || !dyad_date_parse(p, digits)) return 0;
            return skip_blanks(p + digits, eol) < eol;
        }
        p = eol + 1;
    }
    return 0;
}

/* Whether the bytes so far settle the format: the first non-blank byte is
 * '{' or '<', or a whole line other than blank and '#' lines is there. */
static int detect_enough(const char *p, const char *end)
{
    p = skip_blanks(p, end);
    if (p < end && (*p == '{' || *p == '<')) return 1;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) return 0;
        if (skip_blanks(p, eol) < eol && *p != '#') return 1;
        p = eol + 1;
    }
    return 0;
}

static dyad_input_format detect_format(dyad_reader *r)
{
    /* A pipe may deliver a few bytes at a time: read on until they settle
     * the format, the chunk is full, or the input ends. Nothing has been
     * consumed yet, so the chunk holds the input from its first byte. */
    while (r->end < READ_CHUNK && !detect_enough(r->chunk, r->chunk + r->end)) {
        size_t n = input_read(r, r->chunk + r->end, READ_CHUNK - r->end);
        if (!n) break;
        r->end += n;
    }
    const char *p = r->chunk + r->pos, *end = r->chunk + r->end;
    if (end - p >= 3 && !memcmp(p, utf8_bom, 3)) p += 3;
    const char *first = skip_blanks(p, end);
    if (first < end && *first == '{') return DYAD_INPUT_JSONL;
    if (first < end && *first == '<') return DYAD_INPUT_PETRARCH;
    int32_t date;
    if (read_date_prefix(first, end, &date)) return DYAD_INPUT_TEXT;
    if (looks_like_tabari(p, end)) return DYAD_INPUT_TABARI;
    return DYAD_INPUT_TEXT;
}

/* The table of a settled format (never DYAD_INPUT_AUTO here). */
static const read_format *format_ops(dyad_input_format f)
{
    switch (f) {
    case DYAD_INPUT_JSONL: return &read_jsonl_format;
    case DYAD_INPUT_PETRARCH: return &read_petrarch_format;
    case DYAD_INPUT_TABARI: return &read_tabari_format;
    default: return &read_text_format;
    }
}

/* Settles the format on the first call (detection may block on stdin,
 * so it waits until a record is asked for). */
static int reader_start(dyad_reader *r, dyad_error *err)
{
    if (r->format == DYAD_INPUT_AUTO) r->format = detect_format(r);
    r->ops = format_ops(r->format);
    if (r->ops->open) {
        int rc = r->ops->open(r, err);
        if (rc < 0) {
            r->done = 1;
            return rc;
        }
    }
    return 0;
}

/* ---- the public API --------------------------------------------------- */

dyad_reader *dyad_reader_open_stream(FILE *stream, const char *name, dyad_input_format format,
                                     dyad_error *err)
{
    if (!stream || format < DYAD_INPUT_AUTO || format > DYAD_INPUT_TABARI) {
        dyad_fail(err, DYAD_EARG, "dyad_reader_open_stream: no stream or unknown format");
        return NULL;
    }
    if (!name) name = "-";
    size_t name_size = strlen(name) + 1;
    dyad_reader *r = calloc(1, sizeof *r);
    if (r) {
        r->name = malloc(name_size);
        r->chunk = malloc(READ_CHUNK);
    }
    if (!r || !r->name || !r->chunk) {
        dyad_reader_close(r);
        dyad_fail(err, DYAD_ENOMEM, "out of memory opening %s", name);
        return NULL;
    }
    memcpy(r->name, name, name_size);
    r->stream = stream;
    r->fd = -1;
    r->format = format;
    return r;
}

dyad_reader *dyad_reader_open(const char *path, dyad_input_format format, dyad_error *err)
{
    int use_stdin = !path || !strcmp(path, "-");
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        dyad_fail(err, DYAD_EIO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    dyad_reader *r = dyad_reader_open_stream(f, use_stdin ? "-" : path, format, err);
    if (!r) {
        if (!use_stdin) fclose(f);
        return NULL;
    }
    r->own_stream = !use_stdin;
    r->fd = fileno(f); /* ours from the first byte: read(2) it directly */
    return r;
}

void dyad_reader_close(dyad_reader *r)
{
    if (!r) return;
    if (r->ops && r->ops->close) r->ops->close(r);
    if (r->own_stream) fclose(r->stream);
    free(r->name);
    free(r->chunk);
    dyad_buf_free(&r->long_line);
    dyad_arena_free(&r->arena);
    dyad_buf_free(&r->text);
    free(r->expected);
    free(r->options);
    free(r);
}

int dyad_reader_next(dyad_reader *r, const dyad_article **out, dyad_error *err)
{
    if (!r || !out) return dyad_fail(err, DYAD_EARG, "dyad_reader_next: no reader");
    if (!r->ops && !r->done) {
        int rc = reader_start(r, err);
        if (rc < 0) return rc;
    }
    if (r->done) return 0;
    int rc = r->ops->next(r, err);
    if (rc == 1) *out = &r->art;
    if (rc == 0 || rc == DYAD_EIO) r->done = 1;
    return rc;
}

dyad_input_format dyad_reader_format(const dyad_reader *r)
{
    return r ? r->format : DYAD_INPUT_AUTO;
}
