/*
 * petrarch_xml.c -- PETRARCH validation and batch XML, streamed with expat.
 *
 *   <Environment> <Include>DEMO ACTOR ...</Include> ... </Environment>
 *   <Config option="require_dyad" value="false"></Config>
 *   <Sentence date="19950101" id="DEMO-00" category="DEMO">
 *     <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
 *     <EventCoding noevents="True"/>   <EventCoding error="storydiscard"/>
 *     <Skip/>   <Text> raw sentence </Text>   <Parse> ignored </Parse>
 *   </Sentence>
 *
 * The file is fed to expat a chunk at a time; at each </Sentence> the
 * parser is suspended (XML_StopParser, resumable), the record is handed
 * out, and the next call resumes where it stopped. So memory holds one
 * chunk and one sentence, whatever the file's size.
 *
 * What a record expects: error="sentencediscard" or "storydiscard" is
 * DYAD_EXPECT_DISCARD, any other error DYAD_EXPECT_ERROR, noevents="True"
 * DYAD_EXPECT_NOEVENTS, EventCodings (or none at all, which PETRARCH's
 * validator reads as "exactly these zero events") DYAD_EXPECT_EVENTS. The file's own
 * skip rules make a record DYAD_EXPECT_SKIP: a <Skip> element in it, or a
 * category missing from the <Include> list (PETRARCH's validator skips
 * exactly these: 5 of the 281 PETRARCH-1 records).
 *
 * <Config> options persist in PETRARCH; here each one is handed out once,
 * as "option=value" in article->options of the next record (or of the
 * record it sits in), and the caller keeps them applied. Configs inside
 * <Environment> are run settings (stop_on_error), not coding options, and
 * are left out. <Text> has its whitespace collapsed to single spaces.
 *
 * XML errors are fatal for the rest of the file (expat cannot resync):
 * one rejected record "FILE:LINE: XML error: ...", then the end.
 */
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"

enum { XML_INCLUDE_MAX = 64 << 10, XML_PENDING_MAX = 64 << 10 };

/* Bytes fed to expat within one sentence. Character data reaches us in
 * pieces and is capped at READ_RECORD_MAX as it is stored, so a huge <Text>
 * costs no memory; but expat holds a whole token (a tag, an attribute, a
 * comment) in its buffer until the token ends, and this bounds that. */
#define XML_FEED_MAX (4 * READ_RECORD_MAX)

typedef struct xml_state {
    XML_Parser parser;
    dyad_reader *r;
    int in_environment, in_include, in_sentence, in_text;
    int suspended, finished;
    size_t fed;               /* bytes fed since the last record */
    dyad_buf include;         /* the <Include> list, blank-separated */
    dyad_buf pending;         /* options seen before the next sentence, '\0'-separated */
    int text_space;           /* a blank is owed before the next word */
    int skip, noevents;
    const char *error_kind;   /* error="..." of the record (in its arena) */
    int record_error;         /* a problem with this record */
    dyad_error record_err;
} xml_state;

static const char *xml_attr(const XML_Char **atts, const char *name)
{
    for (; atts[0]; atts += 2)
        if (!strcmp(atts[0], name)) return atts[1];
    return NULL;
}

/* Keeps the first problem of the record; the rest of it is still parsed. */
static void xml_record_fail(xml_state *st, int code, const char *fmt, ...) DYAD_PRINTF(3, 4);
static void xml_record_fail(xml_state *st, int code, const char *fmt, ...)
{
    if (st->record_error) return;
    char why[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    st->record_error = read_fail(st->r, &st->record_err, code, st->r->art.line, "%s", why);
}

/* Whether `category` is a word of the <Include> list (the caller skips
 * this test when the file has no list: then every category runs). */
static int xml_in_include(const xml_state *st, const char *category)
{
    size_t n = strlen(category);
    const char *p = st->include.data;
    if (!n) return 0;
    while ((p = strstr(p, category)) != NULL) {
        int starts = p == st->include.data || read_is_space(p[-1]);
        if (starts && (read_is_space(p[n]) || !p[n])) return 1;
        p += n;
    }
    return 0;
}

static void xml_config(xml_state *st, const XML_Char **atts)
{
    const char *option = xml_attr(atts, "option"), *value = xml_attr(atts, "value");
    if (!option || st->in_environment) return;
    if (!value) value = "";
    dyad_reader *r = st->r;
    if (st->in_sentence) {
        size_t n = strlen(option) + strlen(value) + 2;
        char *line = dyad_arena_alloc(&r->arena, n);
        if (!line) {
            xml_record_fail(st, DYAD_ENOMEM, "out of memory");
            return;
        }
        snprintf(line, n, "%s=%s", option, value);
        if (read_add_option(r, line, n - 1) < 0) xml_record_fail(st, DYAD_ETOOBIG, "too many options");
        return;
    }
    if (st->pending.len > XML_PENDING_MAX) return;
    dyad_buf_printf(&st->pending, "%s=%s", option, value);
    dyad_buf_putc(&st->pending, '\0');
}

static void xml_sentence_begin(xml_state *st, const XML_Char **atts)
{
    dyad_reader *r = st->r;
    read_record_begin(r, (long)XML_GetCurrentLineNumber(st->parser));
    st->in_sentence = 1;
    st->skip = st->noevents = st->record_error = st->text_space = 0;
    st->error_kind = NULL;
    st->fed = 0;
    const char *id = xml_attr(atts, "id"), *date = xml_attr(atts, "date");
    const char *category = xml_attr(atts, "category");
    if (id && !(r->art.id = read_strdup(r, id, strlen(id)))) r->art.id = "";
    if (category) r->art.category = read_strdup(r, category, strlen(category));
    if (st->include.len && !xml_in_include(st, category ? category : "")) st->skip = 1;
    for (size_t at = 0; at < st->pending.len; at += strlen(st->pending.data + at) + 1)
        read_add_option(r, st->pending.data + at, strlen(st->pending.data + at));
    dyad_buf_clear(&st->pending);
    if (!date) xml_record_fail(st, DYAD_EDATE, "record has no date");
    else if (!(r->art.date = dyad_date_parse(date, strlen(date))))
        xml_record_fail(st, DYAD_EDATE, "invalid date '%.40s'", date);
}

static void xml_event_coding(xml_state *st, const XML_Char **atts)
{
    const char *src = xml_attr(atts, "sourcecode"), *tgt = xml_attr(atts, "targetcode");
    const char *code = xml_attr(atts, "eventcode"), *none = xml_attr(atts, "noevents");
    const char *error = xml_attr(atts, "error");
    if (none && !strcasecmp(none, "true")) st->noevents = 1;
    if (error && !st->error_kind) st->error_kind = read_strdup(st->r, error, strlen(error));
    if (src && tgt && code &&
        read_expect_event(st->r, src, strlen(src), tgt, strlen(tgt), code, strlen(code), 0) < 0)
        xml_record_fail(st, DYAD_ETOOBIG, "too many expected events");
}

static void XMLCALL xml_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    xml_state *st = user;
    if (!strcmp(name, "Sentence")) xml_sentence_begin(st, atts);
    else if (!strcmp(name, "Config")) xml_config(st, atts);
    else if (!strcmp(name, "Environment")) st->in_environment = 1;
    else if (!strcmp(name, "Include") && st->in_environment) st->in_include = 1;
    else if (!st->in_sentence) return;
    else if (!strcmp(name, "EventCoding")) xml_event_coding(st, atts);
    else if (!strcmp(name, "Skip")) st->skip = 1;
    else if (!strcmp(name, "Text")) st->in_text = 1;
}

static dyad_expect_kind xml_expect(const xml_state *st)
{
    if (st->skip) return DYAD_EXPECT_SKIP;
    if (st->error_kind)
        return strcmp(st->error_kind, "sentencediscard") && strcmp(st->error_kind, "storydiscard")
                   ? DYAD_EXPECT_ERROR
                   : DYAD_EXPECT_DISCARD;
    if (st->noevents) return DYAD_EXPECT_NOEVENTS;
    return DYAD_EXPECT_EVENTS; /* PETRARCH: no EventCoding expects no events */
}

static void XMLCALL xml_end(void *user, const XML_Char *name)
{
    xml_state *st = user;
    if (!strcmp(name, "Text")) st->in_text = 0;
    else if (!strcmp(name, "Include")) st->in_include = 0;
    else if (!strcmp(name, "Environment")) st->in_environment = 0;
    else if (!strcmp(name, "Sentence") && st->in_sentence) {
        st->in_sentence = st->in_text = 0;
        st->r->art.expect = xml_expect(st);
        read_record_end(st->r);
        XML_StopParser(st->parser, XML_TRUE); /* hand the record out */
    }
}

/* Text: runs of non-blanks, one space between them, none at the ends. */
static void xml_text(xml_state *st, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        if (read_is_space(*s)) {
            st->text_space = st->r->text.len > 0;
            s++;
            continue;
        }
        const char *word = s;
        while (s < end && !read_is_space(*s)) s++;
        int rc = st->text_space ? read_text_append(st->r, " ", 1) : 0;
        if (!rc) rc = read_text_append(st->r, word, (size_t)(s - word));
        if (rc == DYAD_ETOOBIG)
            xml_record_fail(st, rc, "text longer than %zu MiB", READ_RECORD_MAX >> 20);
        else if (rc)
            xml_record_fail(st, rc, "out of memory");
        st->text_space = 0;
    }
}

static void XMLCALL xml_chars(void *user, const XML_Char *s, int len)
{
    xml_state *st = user;
    if (st->in_text && !st->record_error) xml_text(st, s, (size_t)len);
    else if (st->in_include && st->include.len + (size_t)len < XML_INCLUDE_MAX) {
        dyad_buf_append(&st->include, s, (size_t)len);
    }
}

static int xml_open(dyad_reader *r, dyad_error *err)
{
    xml_state *st = calloc(1, sizeof *st);
    if (st) st->parser = XML_ParserCreate(NULL) /* the document says; UTF-8 by default */;
    if (!st || !st->parser) {
        free(st);
        return dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", r->name);
    }
    st->r = r;
    XML_SetUserData(st->parser, st);
    XML_SetElementHandler(st->parser, xml_start, xml_end);
    XML_SetCharacterDataHandler(st->parser, xml_chars);
    r->state = st;
    return 0;
}

static void xml_close(dyad_reader *r)
{
    xml_state *st = r->state;
    if (!st) return;
    XML_ParserFree(st->parser);
    dyad_buf_free(&st->include);
    dyad_buf_free(&st->pending);
    free(st);
    r->state = NULL;
}

/* Expat's complaint, said plainly when the file just stops short. */
static int xml_syntax_error(dyad_reader *r, xml_state *st, dyad_error *err)
{
    enum XML_Error code = XML_GetErrorCode(st->parser);
    long line = (long)XML_GetCurrentLineNumber(st->parser);
    int cut = r->eof && (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
                         code == XML_ERROR_PARTIAL_CHAR);
    return read_fail(r, err, DYAD_EFORMAT, line, "XML error: %s%s",
                     XML_ErrorString(code), cut ? " (the file ends inside an element)" : "");
}

/* Runs the parser until a sentence is complete or the input ends. */
static enum XML_Status xml_run(dyad_reader *r, xml_state *st, dyad_error *err, int *rc)
{
    if (st->suspended) return XML_ResumeParser(st->parser);
    void *buf = XML_GetBuffer(st->parser, (int)READ_CHUNK);
    if (!buf) {
        *rc = read_fail(r, err, DYAD_ENOMEM, r->line_no, "out of memory");
        return XML_STATUS_ERROR;
    }
    size_t n = read_bytes(r, buf, READ_CHUNK);
    if (r->io_error) {
        *rc = read_fail(r, err, DYAD_EIO, (long)XML_GetCurrentLineNumber(st->parser),
                        "read error: %s", strerror(r->io_error));
        return XML_STATUS_ERROR;
    }
    st->fed += n;
    if (st->fed > XML_FEED_MAX) {
        *rc = read_fail(r, err, DYAD_ETOOBIG, (long)XML_GetCurrentLineNumber(st->parser),
                        "record longer than %zu MiB", XML_FEED_MAX >> 20);
        return XML_STATUS_ERROR;
    }
    return XML_ParseBuffer(st->parser, (int)n, n == 0);
}

static int xml_next(dyad_reader *r, dyad_error *err)
{
    xml_state *st = r->state;
    while (!st->finished) {
        int rc = 0;
        enum XML_Status status = xml_run(r, st, err, &rc);
        st->suspended = status == XML_STATUS_SUSPENDED;
        if (status == XML_STATUS_ERROR) {
            st->finished = 1;
            return rc ? rc : xml_syntax_error(r, st, err);
        }
        if (st->suspended) {
            if (!st->record_error) return 1;
            if (err) *err = st->record_err;
            return st->record_error;
        }
        XML_ParsingStatus ps;
        XML_GetParsingStatus(st->parser, &ps);
        if (ps.parsing == XML_FINISHED) st->finished = 1;
    }
    return 0;
}

const read_format read_petrarch_format = {xml_open, xml_next, xml_close};
