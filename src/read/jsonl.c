/*
 * jsonl.c -- JSON Lines articles: one JSON object a line.
 *
 *   {"id": "...", "date": "YYYY-MM-DD", "title": "...", "text": "...",
 *    "source": "...", "url": "..."}
 *
 * Accepted spellings, first match wins (corpora in the wild disagree):
 *   id      "id", "doc_id", "article_id", "aid", "_id" (a string or an integer)
 *   date    "date", "publication_date", "pub_date", "published", "publish_date"
 *           as "YYYY-MM-DD", "YYYYMMDD", an ISO time stamp "YYYY-MM-DDThh:mm..."
 *           or "YYYY-MM-DD hh:mm", or the integer 20240325
 *   text    "text", "body", "content", "story", "maintext", "sent_text",
 *           "sentence"
 *   title   "title", "headline"
 *   source  "source", "publisher", "outlet"
 *   url     "url", "link"
 * Other fields are ignored. Blank lines are skipped. A line that is not a
 * JSON object, has an invalid date or no text, is a rejected record; the
 * next line is read as usual. A record with no date at all comes back with
 * date 0, as plain text does: the caller decides (dyad code rejects it
 * unless --date gives one), so labelled sets without dates stay usable.
 *
 * Each line is parsed whole by jansson; the parsed object is kept until the
 * next record so the article's strings point into it without copies.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "read/read.h"

static const char *const id_keys[] = {"id", "doc_id", "article_id", "aid", "_id", NULL};
static const char *const date_keys[] = {"date", "publication_date", "pub_date", "published",
                                        "publish_date", NULL};
static const char *const text_keys[] = {"text", "body", "content", "story", "maintext",
                                        "sent_text", "sentence", NULL};
static const char *const title_keys[] = {"title", "headline", NULL};
static const char *const source_keys[] = {"source", "publisher", "outlet", NULL};
static const char *const url_keys[] = {"url", "link", NULL};

static json_t *jsonl_field(json_t *obj, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(obj, *keys);
        if (v && !json_is_null(v)) return v;
    }
    return NULL;
}

static const char *jsonl_string(json_t *obj, const char *const *keys)
{
    json_t *v = jsonl_field(obj, keys);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The date of a string or integer value; 0 when it is none. */
static int32_t jsonl_date(json_t *v)
{
    char digits[24];
    const char *s;
    size_t n;
    if (json_is_integer(v)) {
        n = (size_t)snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = digits;
    } else if (json_is_string(v)) {
        s = json_string_value(v);
        n = json_string_length(v);
        if (n > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ')) n = 10;
    } else {
        return 0;
    }
    return dyad_date_parse(s, n);
}

/* The id as text: a string as it is, an integer in decimal. */
static const char *jsonl_id(dyad_reader *r, json_t *v)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        char digits[24];
        int n = snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        const char *id = read_strdup(r, digits, (size_t)n);
        return id ? id : "";
    }
    return "";
}

/* Fills the article from a parsed object, or rejects it. */
static int jsonl_fill(dyad_reader *r, json_t *obj, dyad_error *err)
{
    long line = r->art.line;
    json_t *date = jsonl_field(obj, date_keys), *text = jsonl_field(obj, text_keys);
    if (!date || json_is_null(date) || (json_is_string(date) && !json_string_length(date)))
        r->art.date = 0;
    else if (!(r->art.date = jsonl_date(date))) {
        if (json_is_string(date))
            return read_fail(r, err, DYAD_EDATE, line, "invalid date '%.40s'",
                             json_string_value(date));
        return read_fail(r, err, DYAD_EDATE, line, "invalid date");
    }
    if (!json_is_string(text)) return read_fail(r, err, DYAD_EFORMAT, line, "record has no text");
    r->art.id = jsonl_id(r, jsonl_field(obj, id_keys));
    r->art.title = jsonl_string(obj, title_keys);
    r->art.source = jsonl_string(obj, source_keys);
    r->art.url = jsonl_string(obj, url_keys);
    r->art.text = json_string_value(text);
    r->art.text_len = json_string_length(text);
    return 1;
}

static int jsonl_next(dyad_reader *r, dyad_error *err)
{
    json_decref(r->state); /* the previous record's strings */
    r->state = NULL;
    const char *line;
    size_t len;
    for (;;) {
        int rc = read_line(r, &line, &len, err);
        if (rc <= 0) return rc;
        size_t trimmed = len;
        read_trim(line, &trimmed);
        if (trimmed) break;
    }
    read_record_begin(r, r->line_no);
    read_record_end(r);
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, 0, &jerr);
    if (!obj)
        return read_fail(r, err, DYAD_EFORMAT, r->line_no, "malformed JSON: %s at column %d",
                         jerr.text, jerr.column);
    r->state = obj;
    if (!json_is_object(obj))
        return read_fail(r, err, DYAD_EFORMAT, r->line_no, "record is not a JSON object");
    return jsonl_fill(r, obj, err);
}

static void jsonl_close(dyad_reader *r)
{
    json_decref(r->state);
    r->state = NULL;
}

const read_format read_jsonl_format = {NULL, jsonl_next, jsonl_close};
