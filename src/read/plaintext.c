/*
 * plaintext.c -- one plain-text file is one article.
 *
 *   date 2024-03-25 The geopolitical chessboard ...
 *   more text ...
 *
 * The first word of the first non-blank line may be "date" (or "date:",
 * any case) followed by YYYY-MM-DD (or YYYYMMDD); the article text is everything
 * after that date, lines kept as they are. Without such a line the whole
 * file is the text and the date is 0: the caller decides (dyad code fills
 * it from --date or rejects the article), because a dateless file is an
 * ordinary thing to have, not a malformed one.
 *
 * The id is the file's base name without its extension ("-" for stdin).
 * A bad line (invalid UTF-8, too long) rejects the whole article, since it
 * is the record; the file is read to its end first.
 */
#include <string.h>

#include "read/read.h"

/* The id: base name of the path without its last extension. */
static const char *text_id(dyad_reader *r)
{
    const char *base = strrchr(r->name, '/');
    base = base ? base + 1 : r->name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    const char *id = read_strdup(r, base, n);
    return id ? id : "";
}

/* If `line` starts with "date YYYY-MM-DD", sets the date and returns the
 * text after it; else returns `line` unchanged. */
static const char *text_date_line(dyad_reader *r, const char *line, size_t *len)
{
    const char *end = line + *len, *rest = read_date_prefix(line, end, &r->art.date);
    if (!rest) return line;
    *len = (size_t)(end - rest);
    return rest;
}

/* Appends one line of the body. */
static void text_add_line(dyad_reader *r, const char *line, size_t len, read_errors *e)
{
    if (e->first) return;
    int rc = 0;
    if (r->text.len) rc = read_text_append(r, "\n", 1);
    if (!rc) rc = read_text_append(r, line, len);
    if (rc == DYAD_ETOOBIG)
        read_record_fail(r, e, rc, "article longer than %zu MiB", READ_RECORD_MAX >> 20);
    else if (rc)
        read_record_fail(r, e, rc, "out of memory");
}

static int text_next(dyad_reader *r, dyad_error *err)
{
    const char *line;
    size_t len;
    int seen_first = 0;
    read_errors e = {0, err, {0, ""}};
    read_record_begin(r, 1);
    r->art.id = text_id(r);
    while (read_record_line(r, &line, &len, &e)) {
        if (!seen_first) {
            size_t n = len;
            read_trim(line, &n);
            if (!n) continue; /* leading blank lines */
            seen_first = 1;
            r->art.line = r->line_no;
            line = text_date_line(r, line, &len);
        }
        text_add_line(r, line, len, &e);
    }
    r->done = 1;
    if (e.first) return e.first;
    if (!seen_first) return 0; /* an empty file holds no article */
    read_record_end(r);
    return 1;
}

const read_format read_text_format = {NULL, text_next, NULL};
