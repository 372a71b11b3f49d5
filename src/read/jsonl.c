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
 *
 * Most lines are a flat object of strings, so a fast path reads those
 * itself (jansson built a hash table and copied every string, a fifth of
 * the time of coding news): strings, integers, true, false and null as
 * values, the escapes other than \u. Anything else -- nesting, reals, \u,
 * a syntax error -- sends the line to jansson, so what is accepted, what
 * is rejected and every message stay jansson's. read_line has already
 * checked the line is UTF-8 without NUL, as jansson would.
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

/* ---- the fast path ------------------------------------------------------- */

/* A value of a known key, as the fast path read it. */
typedef enum { JV_ABSENT = 0, JV_NULL, JV_STRING, JV_INT, JV_OTHER } jv_type;
typedef struct jv {
    jv_type type;
    const char *s; /* JV_STRING: decoded, NUL-terminated */
    size_t len;
    long long i;   /* JV_INT */
} jv;

/* Every key the reader looks at, one slot each (no key is in two lists). */
static const char *const *const jsonl_key_lists[] = {id_keys,    date_keys,   text_keys,
                                                     title_keys, source_keys, url_keys};
enum { JSONL_LISTS = sizeof jsonl_key_lists / sizeof jsonl_key_lists[0], JSONL_SLOTS = 8 };

typedef struct jsonl_obj {
    jv slot[JSONL_LISTS][JSONL_SLOTS];
} jsonl_obj;

static int jf_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static char *jf_ws(char *p, char *end)
{
    while (p < end && jf_space(*p)) p++;
    return p;
}

/* Decodes the string whose opening quote is at *pp, in place; NULL when
 * the fast path does not take it. */
static char *jf_string(char **pp, char *end, size_t *len)
{
    char *p = *pp + 1, *o = p, *start = p;
    for (;;) {
        if (p >= end) return NULL;
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c < 0x20) return NULL;
        if (c != '\\') {
            *o++ = *p++;
            continue;
        }
        if (p + 1 >= end) return NULL;
        switch (p[1]) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        default: return NULL; /* \u and errors: jansson's */
        }
        p += 2;
    }
    *len = (size_t)(o - start);
    *o = '\0'; /* o <= p, the closing quote */
    *pp = p + 1;
    return start;
}

/* Plain integers only (no sign, no leading zero, no overflow). */
static char *jf_int(char *p, char *end, long long *v)
{
    char *start = p;
    while (p < end && *p >= '0' && *p <= '9') p++;
    size_t digits = (size_t)(p - start);
    if (!digits || digits > 18 || (*start == '0' && digits > 1)) return NULL;
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return NULL;
    long long n = 0; /* at most 18 digits: no overflow */
    for (char *d = start; d < p; d++) n = n * 10 + (*d - '0');
    *v = n;
    return p;
}

static jv *jf_slot(jsonl_obj *o, const char *key)
{
    for (size_t l = 0; l < JSONL_LISTS; l++)
        for (size_t k = 0; jsonl_key_lists[l][k]; k++)
            if (!strcmp(jsonl_key_lists[l][k], key)) return &o->slot[l][k];
    return NULL;
}

/* Reads a flat object from the writable copy p[0..end); 1 when it did. */
static int jf_object(char *p, char *end, jsonl_obj *o)
{
    memset(o, 0, sizeof *o);
    p = jf_ws(p, end);
    if (p >= end || *p != '{') return 0;
    p = jf_ws(p + 1, end);
    if (p < end && *p == '}') return jf_ws(p + 1, end) == end;
    for (;;) {
        size_t klen;
        if (p >= end || *p != '"') return 0;
        char *key = jf_string(&p, end, &klen);
        if (!key) return 0;
        p = jf_ws(p, end);
        if (p >= end || *p != ':') return 0;
        p = jf_ws(p + 1, end);
        if (p >= end) return 0;
        jv v = {JV_OTHER, NULL, 0, 0};
        if (*p == '"') {
            v.type = JV_STRING;
            if (!(v.s = jf_string(&p, end, &v.len))) return 0;
        } else if (*p >= '0' && *p <= '9') {
            v.type = JV_INT;
            if (!(p = jf_int(p, end, &v.i))) return 0;
        } else if (end - p >= 4 && !memcmp(p, "null", 4)) {
            v.type = JV_NULL, p += 4;
        } else if (end - p >= 4 && !memcmp(p, "true", 4)) {
            p += 4;
        } else if (end - p >= 5 && !memcmp(p, "false", 5)) {
            p += 5;
        } else {
            return 0;
        }
        jv *slot = jf_slot(o, key);
        if (slot) *slot = v; /* a repeated key: the last one, as jansson */
        p = jf_ws(p, end);
        if (p >= end) return 0;
        if (*p == '}') return jf_ws(p + 1, end) == end;
        if (*p != ',') return 0;
        p = jf_ws(p + 1, end);
    }
}

/* jsonl_field: the first key of list l with a value that is not null. */
static const jv *jf_field(const jsonl_obj *o, size_t l)
{
    for (size_t k = 0; jsonl_key_lists[l][k]; k++)
        if (o->slot[l][k].type != JV_ABSENT && o->slot[l][k].type != JV_NULL)
            return &o->slot[l][k];
    return NULL;
}

static const char *jf_string_field(const jsonl_obj *o, size_t l)
{
    const jv *v = jf_field(o, l);
    return v && v->type == JV_STRING ? v->s : NULL;
}

/* jsonl_fill for the fast path, decision for decision. */
static int jf_fill(dyad_reader *r, const jsonl_obj *o, dyad_error *err)
{
    long line = r->art.line;
    const jv *date = jf_field(o, 1), *text = jf_field(o, 2), *id = jf_field(o, 0);
    char digits[24];
    if (!date || (date->type == JV_STRING && !date->len)) {
        r->art.date = 0;
    } else {
        int32_t d = 0;
        if (date->type == JV_INT) {
            int n = snprintf(digits, sizeof digits, "%lld", date->i);
            d = dyad_date_parse(digits, (size_t)n);
        } else if (date->type == JV_STRING) {
            size_t n = date->len;
            if (n > 10 && date->s[4] == '-' && (date->s[10] == 'T' || date->s[10] == ' ')) n = 10;
            d = dyad_date_parse(date->s, n);
        }
        if (!(r->art.date = d)) {
            if (date->type == JV_STRING)
                return read_fail(r, err, DYAD_EDATE, line, "invalid date '%.40s'", date->s);
            return read_fail(r, err, DYAD_EDATE, line, "invalid date");
        }
    }
    if (!text || text->type != JV_STRING)
        return read_fail(r, err, DYAD_EFORMAT, line, "record has no text");
    if (id && id->type == JV_STRING) {
        r->art.id = id->s;
    } else if (id && id->type == JV_INT) {
        int n = snprintf(digits, sizeof digits, "%lld", id->i);
        const char *s = read_strdup(r, digits, (size_t)n);
        r->art.id = s ? s : "";
    } else {
        r->art.id = "";
    }
    r->art.title = jf_string_field(o, 3);
    r->art.source = jf_string_field(o, 4);
    r->art.url = jf_string_field(o, 5);
    r->art.text = text->s;
    r->art.text_len = text->len;
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
    char *copy = read_strdup(r, line, len);
    jsonl_obj fast;
    if (copy && jf_object(copy, copy + len, &fast)) return jf_fill(r, &fast, err);
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
