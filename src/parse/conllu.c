/*
 * conllu.c -- reads Universal Dependencies treebanks (CoNLL-U) into
 * sentences of basic words, the training and evaluation data of the tagger
 * and parser.
 *
 * A CoNLL-U file is lines of ten tab-separated fields, sentences separated
 * by blank lines, comments starting with '#'. Multi-word token lines
 * ("3-4") and empty nodes ("5.1") are not part of the basic tree and are
 * skipped. The whole file is read into memory (treebanks are tens of MB;
 * UD_MAX_FILE caps it) and strings are copied into the corpus arena.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

enum { UD_MAX_FILE = 1 << 30, UD_FIELDS = 10 };

void ud_corpus_free(ud_corpus *c)
{
    free(c->items);
    dyad_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

/* Splits line[0..len) at tabs into exactly UD_FIELDS fields. */
static int split_fields(const char *line, size_t len, const char *f[], size_t flen[])
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t') continue;
        if (k == UD_FIELDS) return -1;
        f[k] = line + start;
        flen[k++] = i - start;
        start = i + 1;
    }
    return k == UD_FIELDS ? 0 : -1;
}

static int parse_uint(const char *s, size_t len, uint32_t *out)
{
    uint32_t v = 0;
    if (len == 0 || len > 6) return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

typedef struct ud_reader {
    ud_corpus *c;
    ud_word *words; /* the sentence being read */
    size_t n, cap;
    const char *name;
    long line;
    dyad_error *err;
} ud_reader;

static int end_sentence(ud_reader *r)
{
    if (r->n == 0) return 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->words[i].head > r->n)
            return dyad_fail(r->err, DYAD_EFORMAT, "%s:%ld: head out of range", r->name,
                             r->line);
    ud_sentence *s = dyad_grow(&r->c->items, &r->c->n, &r->c->cap, sizeof *s);
    ud_word *copy = dyad_arena_alloc(&r->c->arena, r->n * sizeof *copy);
    if (!s || !copy) return dyad_fail(r->err, DYAD_ENOMEM, "out of memory");
    memcpy(copy, r->words, r->n * sizeof *copy);
    s->words = copy;
    s->n = (uint32_t)r->n;
    r->n = 0;
    return 0;
}

static int add_word(ud_reader *r, const char *line, size_t len)
{
    const char *f[UD_FIELDS];
    size_t fl[UD_FIELDS];
    uint32_t id, head;
    if (split_fields(line, len, f, fl) < 0)
        return dyad_fail(r->err, DYAD_EFORMAT, "%s:%ld: want 10 tab-separated fields",
                         r->name, r->line);
    if (memchr(f[0], '-', fl[0]) || memchr(f[0], '.', fl[0])) return 0;
    if (parse_uint(f[0], fl[0], &id) < 0 || id != r->n + 1)
        return dyad_fail(r->err, DYAD_EFORMAT, "%s:%ld: bad word id", r->name, r->line);
    if (r->n >= PZ_MAX_WORDS)
        return dyad_fail(r->err, DYAD_ETOOBIG, "%s:%ld: sentence longer than %d words",
                         r->name, r->line, PZ_MAX_WORDS);
    if (parse_uint(f[6], fl[6], &head) < 0) head = 0; /* "_" in unparsed files */
    ud_word *w = dyad_grow(&r->words, &r->n, &r->cap, sizeof *w);
    if (!w) return dyad_fail(r->err, DYAD_ENOMEM, "out of memory");
    dyad_arena *a = &r->c->arena;
    w->form = dyad_arena_strndup(a, f[1], fl[1]);
    w->lemma = dyad_arena_strndup(a, f[2], fl[2]);
    w->upos = dyad_arena_strndup(a, f[3], fl[3]);
    w->xpos = dyad_arena_strndup(a, f[4], fl[4]);
    w->deprel = dyad_arena_strndup(a, f[7], fl[7]);
    w->head = head;
    if (!w->form || !w->lemma || !w->upos || !w->xpos || !w->deprel)
        return dyad_fail(r->err, DYAD_ENOMEM, "out of memory");
    return 0;
}

int ud_read_text(const char *text, size_t len, const char *name, ud_corpus *c,
                 dyad_error *err)
{
    ud_reader r = {.c = c, .name = name, .err = err};
    int rc = 0;
    size_t pos = 0;
    while (pos < len && rc == 0) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, line_len = end - pos;
        r.line++;
        if (line_len && text[pos + line_len - 1] == '\r') line_len--;
        if (line_len == 0) rc = end_sentence(&r);
        else if (text[pos] != '#') rc = add_word(&r, text + pos, line_len);
        pos = end + 1;
    }
    if (rc == 0) rc = end_sentence(&r);
    free(r.words);
    return rc;
}

int ud_read_file(const char *path, ud_corpus *c, dyad_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return dyad_fail(err, DYAD_EIO, "%s: %s", path, strerror(errno));
    dyad_buf buf = {0};
    char chunk[1 << 16];
    size_t got;
    int rc = 0;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf.len + got > UD_MAX_FILE)
            rc = dyad_fail(err, DYAD_ETOOBIG, "%s: larger than %d bytes", path, UD_MAX_FILE);
        else if (dyad_buf_append(&buf, chunk, got) < 0)
            rc = dyad_fail(err, DYAD_ENOMEM, "out of memory");
    }
    if (rc == 0 && ferror(f)) rc = dyad_fail(err, DYAD_EIO, "%s: read error", path);
    fclose(f);
    if (rc == 0) rc = ud_read_text(buf.data ? buf.data : "", buf.len, path, c, err);
    dyad_buf_free(&buf);
    return rc;
}
