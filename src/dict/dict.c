/*
 * dict.c -- the dictionary model's lifecycle and the parts every reader
 * shares: the line reader, the phrase and pattern parser, the code-block
 * and event-code parsers, date bounds, actor groups and synsets.
 *
 * Why one parser for all formats: TABARI, PETRARCH-1 and PETRARCH-2 write
 * phrases, patterns and codes the same way and differ in a handful of
 * rules (what a bare word means, how a date bound is read). Those rules are
 * a dict_style argument here instead of three copies of the parser.
 *
 * Memory: everything that ends up in the model is copied into d->arena, so
 * dict_free is one arena free plus the model's top-level arrays. Parsing
 * builds in small malloc'd vectors (dict_vec), then commits them to the
 * arena in one copy; a file is read whole and split in place, which keeps
 * the production PETRARCH-2 set (several MB) well under a second.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dict/dict_read.h"

enum { DICT_MAX_ITEMS = 1 << 24 }; /* entries in any one array */

/* ---- lifecycle ---------------------------------------------------------- */

dict *dict_new(dyad_warn_fn warn, void *user)
{
    dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->warn = warn;
    d->warn_user = user;
    return d;
}

void dict_free(dict *d)
{
    if (!d) return;
    free(d->actors);
    free(d->agents);
    free(d->verbs);
    free(d->synsets);
    free(d->times);
    free(d->discards);
    free(d->transforms);
    free(d->nouns);
    free(d->adjectives);
    free(d->options);
    dyad_arena_free(&d->arena);
    free(d);
}

void dict_warn(dict *d, const char *file, long line, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    d->n_warnings++;
    if (d->warn) d->warn(d->warn_user, file, line, message);
}

/* Each reader asks once per file, so a copy per call is all it takes. */
const char *dict_file_name(dict *d, const char *path)
{
    return dyad_arena_strdup(&d->arena, path ? path : "-");
}

void *dict_push(void *items_ptr, size_t *count, size_t *cap, size_t size)
{
    if (*count >= DICT_MAX_ITEMS) return NULL;
    return dyad_grow(items_ptr, count, cap, size);
}

/* ---- vectors ------------------------------------------------------------ */

void *dict_vec_push(dict_vec *v, size_t size)
{
    return dict_push(&v->items, &v->n, &v->cap, size);
}

void *dict_vec_commit(dict *d, const dict_vec *v, size_t size)
{
    if (!v->n) return NULL;
    void *p = dyad_arena_alloc(&d->arena, v->n * size);
    if (p) memcpy(p, v->items, v->n * size);
    return p;
}

void dict_vec_free(dict_vec *v)
{
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}

/* ---- the line reader ---------------------------------------------------- */

int dict_src_open(dict *d, dict_src *s, const char *path, dyad_error *err)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    FILE *f = fopen(path, "rb");
    if (!f) return dyad_fail(err, DYAD_EIO, "%s: cannot open: %s", path, strerror(errno));
    dyad_buf buf = {0};
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf.len + n > DICT_MAX_FILE)
            rc = dyad_fail(err, DYAD_ETOOBIG, "%s: larger than %d MB", path, DICT_MAX_FILE >> 20);
        else if (dyad_buf_append(&buf, chunk, n))
            rc = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", path);
    }
    if (!rc && ferror(f)) rc = dyad_fail(err, DYAD_EIO, "%s: read error", path);
    fclose(f);
    if (!rc && !buf.data && dyad_buf_reserve(&buf, 0))
        rc = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", path);
    if (!rc && !(s->file = dict_file_name(d, path)))
        rc = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", path);
    if (rc) {
        dyad_buf_free(&buf);
        return rc;
    }
    s->data = buf.data;
    s->len = buf.len;
    return 0;
}

char *dict_src_next(dict_src *s)
{
    if (s->pos >= s->len) return NULL;
    char *line = s->data + s->pos;
    char *nl = memchr(line, '\n', s->len - s->pos);
    size_t n = nl ? (size_t)(nl - line) : s->len - s->pos;
    line[n] = '\0';
    if (n && line[n - 1] == '\r') line[n - 1] = '\0';
    s->pos += n + 1;
    s->line++;
    return line;
}

void dict_src_close(dict_src *s)
{
    free(s->data);
    s->data = NULL;
}

int dict_src_finish(dict_src *s, int rc, dyad_error *err)
{
    if (rc == DYAD_ENOMEM) rc = dyad_fail(err, rc, "%s:%ld: out of memory", s->file, s->line);
    else rc = 0;
    dict_src_close(s);
    return rc;
}

dict_origin dict_src_origin(const dict_src *s)
{
    dict_origin o = {s->file, (uint32_t)s->line};
    return o;
}

/* ---- text helpers ------------------------------------------------------- */

static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

char *dict_trim(char *s)
{
    while (is_blank((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && is_blank((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

void dict_cut(char *s, const char *marks)
{
    s[strcspn(s, marks)] = '\0';
}

void dict_upper(char *s)
{
    for (; *s; s++) *s = (char)toupper((unsigned char)*s);
}

int dict_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *arena_upper(dict *d, const char *s, size_t n)
{
    char *p = dyad_arena_strndup(&d->arena, s, n);
    if (p) dict_upper(p);
    return p;
}

char *dict_plural(dict *d, const char *word)
{
    size_t n = strlen(word);
    char *p = dyad_arena_alloc(&d->arena, n + 4);
    if (!p) return NULL;
    memcpy(p, word, n);
    if (n && toupper((unsigned char)word[n - 1]) == 'Y')
        strcpy(p + n - 1, "IES");
    else if (n && toupper((unsigned char)word[n - 1]) == 'S')
        strcpy(p + n, "ES");
    else
        strcpy(p + n, "S");
    return p;
}

char *dict_dirname(dict *d, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return dyad_arena_strdup(&d->arena, ".");
    return dyad_arena_strndup(&d->arena, path, slash == path ? 1 : (size_t)(slash - path));
}

char *dict_path_join(dict *d, const char *dir, const char *name)
{
    if (name[0] == '/' || !dir || !*dir) return dyad_arena_strdup(&d->arena, name);
    size_t a = strlen(dir), b = strlen(name);
    char *p = dyad_arena_alloc(&d->arena, a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

int dict_read_named(dict *d, dict_reader read, const char *path, const char *by_file,
                    long by_line, dyad_error *err)
{
    int rc = read(d, path, err);
    if (rc != DYAD_EIO || !err) return rc;
    char why[sizeof err->message];
    snprintf(why, sizeof why, "%s", err->message);
    if (by_line) return dyad_fail(err, rc, "%s:%ld: %s", by_file, by_line, why);
    return dyad_fail(err, rc, "%s: %s", by_file, why);
}

/* ---- tokens of phrases and patterns ------------------------------------- */

/* One token of a phrase or pattern. A word's suffix tells how it joins the
 * next element: '_' or '-' then more text = consecutive; '_' alone = whole
 * word; '=' = no endings; '~' = stem that the next element follows at once
 * (TABARI "XXX~ YYY"). */
typedef struct ptok {
    int kind;       /* TOK_END, TOK_WORD, TOK_SYN or the punctuation char */
    const char *text;
    size_t len;
    int join;       /* the next element must follow at once */
    int whole;      /* ended in '_' or '=': no stem match */
    int noendings;  /* ended in '=' */
} ptok;

enum { TOK_END = 0, TOK_WORD = 'w', TOK_SYN = '&' };

static const char PATTERN_PUNCT[] = "*$+%^{|}()";

static int is_join(int c) { return c == '_' || c == '-'; }

static int ends_word(int c, int pattern)
{
    return !c || is_blank(c) || is_join(c) || c == '=' || c == '~' ||
           (pattern && (c == '&' || strchr(PATTERN_PUNCT, c)));
}

static void read_suffix(const char **pp, ptok *t)
{
    const char *p = *pp;
    int tilde = 0;
    if (*p == '=') {
        t->whole = t->noendings = 1;
        p++;
    }
    if (*p == '~') {
        tilde = t->join = 1;
        p++;
    }
    if (is_join(*p)) {
        if (!tilde) t->whole = 1;
        while (is_join(*p)) p++;
        if (*p && !is_blank((unsigned char)*p)) t->join = 1;
    }
    *pp = p;
}

static void next_tok(const char **pp, int pattern, ptok *t)
{
    const char *p = *pp;
    memset(t, 0, sizeof *t);
    while (is_blank((unsigned char)*p) || is_join(*p)) p++; /* stray joins */
    if (!*p) {
        *pp = p;
        return;
    }
    if (pattern && *p == '&') {
        t->kind = TOK_SYN;
        t->text = ++p;
        while (isalnum((unsigned char)*p)) p++;
        t->len = (size_t)(p - t->text);
    } else if (pattern && strchr(PATTERN_PUNCT, *p)) {
        t->kind = *p++;
    } else {
        t->kind = TOK_WORD;
        t->text = p;
        while (!ends_word((unsigned char)*p, pattern)) p++;
        t->len = (size_t)(p - t->text);
        if (!t->len) p++; /* a lone '=' or '~': skip it */
    }
    read_suffix(&p, t);
    *pp = p;
}

static uint8_t word_flags(const ptok *t, dict_style style)
{
    uint8_t f = t->join ? DICT_W_ADJACENT : 0;
    if (style == DICT_STYLE_TABARI) {
        if (!t->whole) f |= DICT_W_STEM;
        if (t->noendings) f |= DICT_W_NOENDINGS;
    }
    return f;
}

static size_t count_letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += isalpha((unsigned char)s[i]) != 0;
    return k;
}

/* ---- phrases ------------------------------------------------------------ */

void dict_phrase_text(const dict_phrase *ph, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < ph->n_words && n < cap; i++) {
        int k = snprintf(buf + n, cap - n, "%s%s", i ? " " : "", ph->words[i].text);
        if (k < 0) break;
        n += (size_t)k;
    }
}

int dict_parse_phrase(dict_src *s, const char *text, dict_style style, dict_phrase *out)
{
    dict_word words[DICT_MAX_WORDS];
    uint32_t n = 0;
    int noendings = 0;
    const char *p = text;
    ptok t;
    for (next_tok(&p, 0, &t); t.kind != TOK_END; next_tok(&p, 0, &t)) {
        if (t.kind != TOK_WORD || !t.len) continue;
        if (n == DICT_MAX_WORDS) {
            dict_warn(s->d, s->file, s->line, "phrase longer than %d words", DICT_MAX_WORDS);
            return DICT_SKIP;
        }
        if (!(words[n].text = arena_upper(s->d, t.text, t.len))) return DYAD_ENOMEM;
        words[n].flags = word_flags(&t, style);
        noendings = t.noendings;
        n++;
    }
    if (!n) {
        dict_warn(s->d, s->file, s->line, "empty phrase");
        return DICT_SKIP;
    }
    /* PETRARCH matches a phrase as consecutive words; TABARI's last word
     * takes the regular endings unless written with '='. */
    for (uint32_t i = 0; i + 1 < n; i++)
        if (style == DICT_STYLE_PETRARCH) words[i].flags |= DICT_W_ADJACENT;
    words[n - 1].flags &= (uint8_t)~DICT_W_ADJACENT;
    if (style == DICT_STYLE_TABARI && !noendings) words[n - 1].flags |= DICT_W_ENDINGS;
    out->words = dyad_arena_alloc(&s->d->arena, n * sizeof *words);
    if (!out->words) return DYAD_ENOMEM;
    memcpy(out->words, words, n * sizeof *words);
    out->n_words = n;
    return 0;
}

/* ---- patterns ----------------------------------------------------------- */

typedef struct pparse {
    dict_src *s;
    dict_style style;
    const char *p;
    size_t letters;
    int n_verbs;
} pparse;

static int parse_seq(pparse *pp, int closer, dict_seq *out, ptok *end);

static int warn_skip(pparse *pp, const char *why)
{
    dict_warn(pp->s->d, pp->s->file, pp->s->line, "%s", why);
    return DICT_SKIP;
}

/* "{ a | b }": each alternative is its own sequence. */
static int parse_alt(pparse *pp, dict_elem *e)
{
    dict_vec alts = {0};
    int rc = 0;
    ptok end = {0};
    do {
        dict_seq *seq = dict_vec_push(&alts, sizeof *seq);
        if (!seq) rc = DYAD_ENOMEM;
        else rc = parse_seq(pp, '}', seq, &end);
    } while (!rc && end.kind == '|');
    if (!rc) {
        e->kind = DICT_E_ALT;
        e->n_alts = (uint32_t)alts.n;
        e->adjacent = (uint8_t)end.join;
        if (!(e->alts = dict_vec_commit(pp->s->d, &alts, sizeof(dict_seq)))) rc = DYAD_ENOMEM;
    }
    dict_vec_free(&alts);
    return rc;
}

static int synset_elem(pparse *pp, const ptok *t, dict_elem *e)
{
    dict_synset *syn = dict_synset_find(pp->s->d, t->text, t->len);
    if (!syn || !syn->n_members) {
        dict_warn(pp->s->d, pp->s->file, pp->s->line, "undefined synset &%.*s",
                  (int)t->len, t->text);
        return DICT_SKIP;
    }
    e->kind = DICT_E_ALT;
    e->alts = syn->alts;
    e->n_alts = syn->n_members;
    e->adjacent = (uint8_t)t->join;
    return 0;
}

/* PETRARCH-2 '{MOD HEAD}' is a noun phrase, not a list of alternatives. */
static int brace_is_group(const pparse *pp)
{
    if (pp->style == DICT_STYLE_TABARI) return 0;
    size_t n = strcspn(pp->p, "}");
    return memchr(pp->p, '|', n) == NULL;
}

static int marker_kind(int c)
{
    switch (c) {
    case '*': return DICT_E_VERB;
    case '$': return DICT_E_SOURCE;
    case '+': return DICT_E_TARGET;
    case '%': return DICT_E_BOTH;
    case '^': return DICT_E_SKIP;
    }
    return -1;
}

/* One element from token `t`: 0, DICT_SKIP (warned) or DYAD_ENOMEM. */
static int parse_elem(pparse *pp, const ptok *t, dict_elem *e)
{
    int kind = marker_kind(t->kind);
    if (kind >= 0) {
        if (kind == DICT_E_VERB) pp->n_verbs++;
        e->kind = (dict_elem_kind)kind;
        e->adjacent = (uint8_t)t->join;
        return 0;
    }
    switch (t->kind) {
    case TOK_WORD:
        e->kind = DICT_E_WORD;
        e->word.flags = word_flags(t, pp->style);
        pp->letters += count_letters(t->text, t->len);
        return (e->word.text = arena_upper(pp->s->d, t->text, t->len)) ? 0 : DYAD_ENOMEM;
    case TOK_SYN: /* letters as written, so "&TIETYPES" counts its name */
        pp->letters += count_letters(t->text, t->len);
        return synset_elem(pp, t, e);
    case '{':
        if (!brace_is_group(pp)) return parse_alt(pp, e);
        /* fall through */
    case '(':
        e->kind = DICT_E_GROUP_OPEN;
        e->word.text = t->kind == '{' ? "{" : "(";
        return 0;
    case '}':
    case ')':
        e->kind = DICT_E_GROUP_CLOSE;
        e->word.text = t->kind == '}' ? "}" : ")";
        e->adjacent = (uint8_t)t->join;
        return 0;
    }
    return warn_skip(pp, "unexpected '|' outside { }");
}

static int parse_seq(pparse *pp, int closer, dict_seq *out, ptok *end)
{
    dict_elem elems[DICT_MAX_ELEMS];
    uint32_t n = 0;
    int rc = 0;
    ptok t;
    for (;;) {
        next_tok(&pp->p, 1, &t);
        if (t.kind == TOK_END && closer) return warn_skip(pp, "missing '}'");
        if (t.kind == TOK_END) break;
        if (closer && (t.kind == '|' || t.kind == '}')) break;
        if (t.kind == TOK_WORD && !t.len) continue; /* a lone '=' or '~' */
        if (n == DICT_MAX_ELEMS) return warn_skip(pp, "pattern too long");
        memset(&elems[n], 0, sizeof elems[n]);
        if ((rc = parse_elem(pp, &t, &elems[n]))) return rc;
        n++;
    }
    if (end) *end = t;
    if (closer && !n) return warn_skip(pp, "empty alternative in { }");
    out->n_elems = n;
    out->elems = NULL;
    if (!n) return 0;
    out->elems = dyad_arena_alloc(&pp->s->d->arena, n * sizeof *elems);
    if (!out->elems) return DYAD_ENOMEM;
    memcpy(out->elems, elems, n * sizeof *elems);
    return 0;
}

int dict_parse_pattern(dict_src *s, const char *text, dict_style style,
                       dict_seq *out, size_t *letters, int *n_verbs)
{
    pparse pp = {s, style, text, 0, 0};
    int rc = parse_seq(&pp, 0, out, NULL);
    if (letters) *letters = pp.letters;
    if (n_verbs) *n_verbs = pp.n_verbs;
    return rc;
}

char *dict_split_code(char *line, char **code)
{
    char *lb = strrchr(line, '[');
    *code = NULL;
    if (!lb) return line;
    *lb = '\0';
    char *rb = strchr(lb + 1, ']');
    if (rb) *rb = '\0';
    *code = lb + 1;
    return line;
}

int dict_add_pattern(dict_src *s, dict_vec *patterns, const char *line, dict_style style)
{
    dict *d = s->d;
    char *copy = dyad_arena_strdup(&d->arena, line), *code;
    if (!copy) return DYAD_ENOMEM;
    char *body = dict_split_code(copy + 1, &code); /* after the '-' */
    if (!code) {
        dict_warn(d, s->file, s->line, "pattern without a [code]");
        return DICT_SKIP;
    }
    dict_pattern pat = {0};
    int n_verbs = 0, rc;
    if ((rc = dict_parse_event_code(s, code, &pat.code))) return rc;
    if ((rc = dict_parse_pattern(s, body, style, &pat.seq, &pat.letters, &n_verbs))) return rc;
    if (n_verbs != 1) {
        dict_warn(d, s->file, s->line, "pattern needs exactly one '*', has %d", n_verbs);
        return DICT_SKIP;
    }
    pat.origin = dict_src_origin(s);
    if (!(pat.text = dyad_arena_strdup(&d->arena, line))) return DYAD_ENOMEM;
    dict_pattern *slot = dict_vec_push(patterns, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = pat;
    return 0;
}

/* ---- event codes -------------------------------------------------------- */

/* Copies `text` without blanks, upper case; 0 when it does not fit. */
static size_t squeeze(const char *text, char *buf, size_t cap)
{
    size_t n = 0;
    for (; *text; text++) {
        if (is_blank((unsigned char)*text)) continue;
        if (n + 1 >= cap) return 0;
        buf[n++] = (char)toupper((unsigned char)*text);
    }
    buf[n] = '\0';
    return n;
}

int dict_parse_event_code(dict_src *s, const char *text, dict_event_code *out)
{
    char buf[64];
    memset(out, 0, sizeof *out);
    if (!squeeze(text, buf, sizeof buf)) {
        dict_warn(s->d, s->file, s->line, "empty or overlong event code [%s]", text);
        return DICT_SKIP;
    }
    if (!strcmp(buf, "---")) out->flags = DICT_EC_NULL;
    else if (!strcmp(buf, "###")) out->flags = DICT_EC_DISCARD;
    else if (!strcmp(buf, "+++")) out->flags = DICT_EC_COMPLEX;
    if (out->flags) return 0;
    char *colon = strchr(buf, ':');
    if (colon) {
        *colon = '\0';
        if (!colon[1]) {
            dict_warn(s->d, s->file, s->line, "paired code [%s:] without a second code", buf);
            return DICT_SKIP;
        }
        out->flags |= DICT_EC_PAIRED;
        if (!(out->paired = dyad_arena_strdup(&s->d->arena, colon + 1))) return DYAD_ENOMEM;
    }
    size_t n = strlen(buf);
    if (n && (buf[n - 1] == '?' || buf[n - 1] == '!')) {
        out->flags |= buf[n - 1] == '?' ? DICT_EC_SUBORDINATE : DICT_EC_DOMINANT;
        buf[--n] = '\0';
    }
    if (!n && colon) return 0; /* PETRARCH-2 "[:B]": passive only */
    if (!n) {
        dict_warn(s->d, s->file, s->line, "empty event code");
        return DICT_SKIP;
    }
    return (out->code = dyad_arena_strdup(&s->d->arena, buf)) ? 0 : DYAD_ENOMEM;
}

/* ---- dates -------------------------------------------------------------- */

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : days[m - 1];
}

int32_t dict_date(const char *text, size_t len, dict_style style)
{
    if (len != 6 && len != 8) return 0;
    int32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!isdigit((unsigned char)text[i])) return 0;
        v = v * 10 + (text[i] - '0');
    }
    int y = v / 10000, m = v / 100 % 100, day = v % 100;
    if (len == 6) /* TABARI's MakeJulian pivot is 29; PETRARCH's is 30 */
        y += y <= (style == DICT_STYLE_TABARI ? 29 : 30) ? 2000 : 1900;
    if (m < 1 || m > 12 || day < 1 || day > days_in_month(y, m)) return 0;
    return y * 10000 + m * 100 + day;
}

int32_t dict_date_prev_day(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, day = ymd % 100;
    if (--day < 1) {
        if (--m < 1) m = 12, y--;
        day = days_in_month(y, m);
    }
    return y * 10000 + m * 100 + day;
}

/* "<D", ">D", "D1-D2" or "" (blanks already removed) into [from, to].
 * Returns 0, -1 for a malformed window, 1 for an empty one. */
static int parse_window(const char *w, dict_style style, int32_t *from, int32_t *to)
{
    int petr = style == DICT_STYLE_PETRARCH;
    const char *dash = strchr(w, '-');
    *from = *to = 0;
    if (!*w) return 0;
    if (*w == '<') {
        if (!(*to = dict_date(w + 1, strlen(w + 1), style))) return -1;
        if (petr) *to = dict_date_prev_day(*to); /* PETRARCH: date < D */
        return 0;
    }
    if (*w == '>') return (*from = dict_date(w + 1, strlen(w + 1), style)) ? 0 : -1;
    if (!dash) return -1;
    *from = dict_date(w, (size_t)(dash - w), style);
    *to = dict_date(dash + 1, strlen(dash + 1), style);
    if (!*from || !*to) return -1;
    if (petr) *to = dict_date_prev_day(*to); /* PETRARCH: D1 <= date < D2 */
    return *from <= *to ? 0 : 1; /* 1: a window no date falls in */
}

/* "USAGOV 991201-010114", "HOB < 950601", "ELR/GAL": appends one block per
 * code of a compound, with the same window. */
static int parse_code_block(dict_src *s, const char *inner, dict_style style, dict_vec *codes)
{
    char buf[256], window[64];
    const char *p = inner;
    while (is_blank((unsigned char)*p)) p++;
    size_t n = strcspn(p, " \t<>");
    if (!n || n >= sizeof buf || isdigit((unsigned char)*p) ||
        (strchr(p, '-') && strchr(p, '-') < p + n && strspn(p, "-") != n)) {
        dict_warn(s->d, s->file, s->line, "code block [%s] has no valid code", inner);
        return DICT_SKIP;
    }
    memcpy(buf, p, n);
    buf[n] = '\0';
    dict_upper(buf);
    if (!squeeze(p + n, window, sizeof window) && p[n + strspn(p + n, " \t")]) {
        dict_warn(s->d, s->file, s->line, "overlong date in [%s]", inner);
        return DICT_SKIP;
    }
    int32_t from, to;
    int bad = parse_window(window, style, &from, &to);
    if (bad) {
        dict_warn(s->d, s->file, s->line, "%s in [%s]; block dropped",
                  bad > 0 ? "empty date window" : "invalid date restriction", inner);
        return DICT_SKIP;
    }
    for (const char *code = buf; *code;) {
        size_t len = strcspn(code, "/");
        dict_code_block *cb = len ? dict_vec_push(codes, sizeof *cb) : NULL;
        if (len && (!cb || !(cb->code = dyad_arena_strndup(&s->d->arena, code, len))))
            return DYAD_ENOMEM;
        if (cb) {
            cb->from = from;
            cb->to = to;
            cb->flags = code == buf ? 0 : DICT_CB_COMPOUND;
        }
        code += len + (code[len] == '/');
    }
    return 0;
}

/* All "[...]" blocks of `p`; stops with a warning at anything else. */
static int parse_code_blocks(dict_src *s, const char *p, dict_style style, dict_vec *codes)
{
    char inner[256];
    for (;;) {
        while (is_blank((unsigned char)*p)) p++;
        if (!*p) return 0;
        const char *rb = *p == '[' ? strchr(p, ']') : NULL;
        if (!rb || (size_t)(rb - p - 1) >= sizeof inner) {
            dict_warn(s->d, s->file, s->line, "expected [CODE], found \"%s\"", p);
            return DICT_SKIP;
        }
        memcpy(inner, p + 1, (size_t)(rb - p - 1));
        inner[rb - p - 1] = '\0';
        int rc = parse_code_block(s, inner, style, codes);
        if (rc == DYAD_ENOMEM) return rc;
        p = rb + 1;
    }
}

/* ---- actor groups ------------------------------------------------------- */

/* "PHRASE [CODE]..." : the phrase goes to the group, the blocks too. */
static int actor_phrase(dict_src *s, dict_actor_build *b, char *text, dict_style style)
{
    char *lb = strchr(text, '[');
    if (lb) *lb = '\0';
    dict_phrase ph;
    int rc = dict_parse_phrase(s, text, style, &ph);
    if (lb) *lb = '[';
    if (rc) return rc;
    dict_phrase *slot = dict_vec_push(&b->phrases, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = ph;
    return lb ? parse_code_blocks(s, lb, style, &b->codes) : 0;
}

int dict_actor_line(dict_src *s, dict_actor_build *b, char *line, dict_style style)
{
    char *p = dict_trim(line);
    if (!*p) return 0;
    if ((*p == '[' || *p == '+') && !b->open) {
        dict_warn(s->d, s->file, s->line, "%s before any actor",
                  *p == '[' ? "code block" : "synonym");
        return DICT_SKIP;
    }
    if (*p == '[') return parse_code_blocks(s, p, style, &b->codes);
    if (*p == '+') return actor_phrase(s, b, p + 1, style);
    int rc = dict_actor_flush(s, b, style);
    if (rc) return rc;
    b->open = 1;
    b->origin = dict_src_origin(s);
    return actor_phrase(s, b, p, style);
}

int dict_actor_flush(dict_src *s, dict_actor_build *b, dict_style style)
{
    dict *d = s->d;
    if (!b->open) return 0;
    b->open = 0;
    if (!b->phrases.n) {
        b->codes.n = 0;
        return 0;
    }
    const dict_phrase *root = b->phrases.items;
    if (!b->codes.n) {
        char name[128];
        dict_phrase_text(root, name, sizeof name);
        dict_warn(d, b->origin.file, b->origin.line, "actor \"%s\" has no code", name);
    }
    /* TABARI: a restricted last block leaves an implicit [---] default. */
    const dict_code_block *last = b->codes.n ? (dict_code_block *)b->codes.items + b->codes.n - 1 : NULL;
    if (style == DICT_STYLE_TABARI && last && (last->from || last->to)) {
        dict_code_block *cb = dict_vec_push(&b->codes, sizeof *cb);
        if (!cb) return DYAD_ENOMEM;
        cb->code = "---";
    }
    dict_actor *a = dict_push(&d->actors, &d->n_actors, &d->cap_actors, sizeof *a);
    if (!a) return DYAD_ENOMEM;
    a->origin = b->origin;
    a->n_phrases = (uint32_t)b->phrases.n;
    a->n_codes = (uint32_t)b->codes.n;
    a->phrases = dict_vec_commit(d, &b->phrases, sizeof(dict_phrase));
    a->codes = dict_vec_commit(d, &b->codes, sizeof(dict_code_block));
    b->phrases.n = b->codes.n = 0;
    if (!a->phrases || (a->n_codes && !a->codes)) return DYAD_ENOMEM;
    return 0;
}

void dict_actor_build_free(dict_actor_build *b)
{
    dict_vec_free(&b->phrases);
    dict_vec_free(&b->codes);
}

/* ---- agents ------------------------------------------------------------- */

int dict_agent_code(dict_src *s, const char *text, const char **code, dict_agent_side *side)
{
    char buf[64];
    size_t n = squeeze(text, buf, sizeof buf);
    if (n >= 2 && buf[0] == '~' && buf[n - 1] != '~') {
        *side = DICT_AGENT_SUFFIX;
        *code = dyad_arena_strdup(&s->d->arena, buf + 1);
    } else if (n >= 2 && buf[n - 1] == '~' && buf[0] != '~') {
        *side = DICT_AGENT_PREFIX;
        *code = dyad_arena_strndup(&s->d->arena, buf, n - 1);
    } else {
        dict_warn(s->d, s->file, s->line, "agent code [%s] needs one '~' at the start or end", text);
        return DICT_SKIP;
    }
    return *code ? 0 : DYAD_ENOMEM;
}

int dict_add_agent(dict_src *s, const dict_vec *phrases, const char *code, dict_agent_side side)
{
    dict *d = s->d;
    dict_agent *a = dict_push(&d->agents, &d->n_agents, &d->cap_agents, sizeof *a);
    if (!a) return DYAD_ENOMEM;
    a->code = code;
    a->side = side;
    a->origin = dict_src_origin(s);
    a->n_phrases = (uint32_t)phrases->n;
    a->phrases = dict_vec_commit(d, phrases, sizeof(dict_phrase));
    return a->phrases ? 0 : DYAD_ENOMEM;
}

/* ---- synsets ------------------------------------------------------------ */

dict_synset *dict_synset_find(dict *d, const char *name, size_t len)
{
    while (len && name[len - 1] == '_') len--;
    for (size_t i = d->n_synsets; i-- > 0;) { /* a later definition wins */
        const char *have = d->synsets[i].name + 1; /* after '&' */
        if (strlen(have) == len && !strncasecmp(have, name, len)) return &d->synsets[i];
    }
    return NULL;
}

dict_synset *dict_synset_begin(dict_src *s, const char *name)
{
    dict *d = s->d;
    size_t n = strcspn(name, " \t");
    while (n > 1 && name[n - 1] == '_') n--; /* "&PREPOSIT1_": no plurals */
    if (n < 2) {
        dict_warn(d, s->file, s->line, "synset without a name");
        return NULL;
    }
    dict_synset *syn = dict_push(&d->synsets, &d->n_synsets, &d->cap_synsets, sizeof *syn);
    if (!syn) return NULL;
    syn->name = arena_upper(d, name, n);
    syn->origin = dict_src_origin(s);
    return syn->name ? syn : NULL;
}

static dict_seq concat(dict *d, dict_seq a, dict_seq b)
{
    dict_seq r = {NULL, a.n_elems + b.n_elems};
    if (r.n_elems && (r.elems = dyad_arena_alloc(&d->arena, r.n_elems * sizeof(dict_elem)))) {
        if (a.n_elems) memcpy(r.elems, a.elems, a.n_elems * sizeof(dict_elem));
        if (b.n_elems) memcpy(r.elems + a.n_elems, b.elems, b.n_elems * sizeof(dict_elem));
    }
    return r;
}

/* The ALT's "follows at once" moves onto the last inlined element. */
static void carry_adjacent(dict_seq *seq, int adjacent)
{
    if (!adjacent || !seq->n_elems) return;
    dict_elem *last = &seq->elems[seq->n_elems - 1];
    if (last->kind == DICT_E_WORD) last->word.flags |= DICT_W_ADJACENT;
    else last->adjacent = 1;
}

/* All the plain sequences `in` stands for: every DICT_E_ALT multiplied out. */
static int flatten(dict_src *s, dict_seq in, dict_vec *out)
{
    dict_seq *first = dict_vec_push(out, sizeof *first);
    if (!first) return DYAD_ENOMEM;
    for (uint32_t i = 0; i < in.n_elems; i++) {
        const dict_elem *e = &in.elems[i];
        dict_vec choices = {0};
        int rc = 0;
        if (e->kind != DICT_E_ALT) {
            dict_seq *one = dict_vec_push(&choices, sizeof *one);
            if (!one) return DYAD_ENOMEM;
            *one = (dict_seq){(dict_elem *)e, 1};
        }
        for (uint32_t a = 0; !rc && e->kind == DICT_E_ALT && a < e->n_alts; a++) {
            dict_vec sub = {0};
            rc = flatten(s, e->alts[a], &sub);
            const dict_seq *got = sub.items;
            for (size_t k = 0; !rc && k < sub.n; k++) {
                dict_seq *slot = dict_vec_push(&choices, sizeof *slot);
                if (slot) *slot = got[k];
                else rc = DYAD_ENOMEM;
            }
            dict_vec_free(&sub);
        }
        dict_vec next = {0};
        const dict_seq *have = out->items, *add = choices.items;
        for (size_t h = 0; !rc && h < out->n; h++)
            for (size_t c = 0; !rc && c < choices.n; c++) {
                dict_seq *r = next.n < DICT_MAX_EXPANSION ? dict_vec_push(&next, sizeof *r) : NULL;
                if (!r) rc = next.n < DICT_MAX_EXPANSION ? DYAD_ENOMEM : DICT_SKIP;
                else if (!(*r = concat(s->d, have[h], add[c])).elems) rc = DYAD_ENOMEM;
                else if (e->kind == DICT_E_ALT) carry_adjacent(r, e->adjacent);
            }
        dict_vec_free(&choices);
        dict_vec_free(out);
        *out = next;
        if (rc == DICT_SKIP)
            dict_warn(s->d, s->file, s->line, "synset member expands to over %d phrases",
                      DICT_MAX_EXPANSION);
        if (rc) return rc;
    }
    return 0;
}

/* Grows an arena array in powers of two: an arena never frees, so this
 * wastes at most half, and synsets are small. */
static void *arena_append(dict *d, void *items, uint32_t n, size_t size)
{
    if (n && (n & (n - 1))) return items;
    void *p = dyad_arena_alloc(&d->arena, (n ? 2 * (size_t)n : 1) * size);
    if (p && n) memcpy(p, items, n * size);
    return p;
}

static int synset_push(dict *d, dict_synset *syn, dict_seq seq)
{
    dict_word words[DICT_MAX_WORDS];
    uint32_t n = 0;
    for (uint32_t i = 0; i < seq.n_elems && n < DICT_MAX_WORDS; i++)
        if (seq.elems[i].kind == DICT_E_WORD) words[n++] = seq.elems[i].word;
    dict_phrase *members = arena_append(d, syn->members, syn->n_members, sizeof *members);
    dict_seq *alts = arena_append(d, syn->alts, syn->n_members, sizeof *alts);
    dict_word *copy = n ? dyad_arena_alloc(&d->arena, n * sizeof *words) : NULL;
    if (!members || !alts || (n && !copy)) return DYAD_ENOMEM;
    if (n) memcpy(copy, words, n * sizeof *words);
    members[syn->n_members] = (dict_phrase){copy, n};
    alts[syn->n_members] = seq;
    syn->members = members;
    syn->alts = alts;
    syn->n_members++;
    return 0;
}

/* The same sequence with its last word in the plural. */
static int plural_of(dict *d, dict_seq seq, dict_seq *out)
{
    *out = concat(d, seq, (dict_seq){NULL, 0});
    if (!out->elems) return DYAD_ENOMEM;
    dict_word *w = &out->elems[out->n_elems - 1].word;
    return (w->text = dict_plural(d, w->text)) ? 0 : DYAD_ENOMEM;
}

int dict_synset_add(dict_src *s, dict_synset *syn, const char *text, dict_style style, int plural)
{
    dict_seq seq;
    int n_verbs = 0, rc = dict_parse_pattern(s, text, style, &seq, NULL, &n_verbs);
    if (rc) return rc;
    if (!seq.n_elems || n_verbs) {
        dict_warn(s->d, s->file, s->line, "%s synset member", n_verbs ? "'*' in a" : "empty");
        return DICT_SKIP;
    }
    size_t len = strlen(text);
    while (len && is_blank((unsigned char)text[len - 1])) len--;
    plural = plural && text[len - 1] != '_' && seq.elems[seq.n_elems - 1].kind == DICT_E_WORD;
    dict_vec flat = {0};
    rc = flatten(s, seq, &flat);
    const dict_seq *each = flat.items;
    for (size_t i = 0; !rc && i < flat.n; i++) {
        rc = synset_push(s->d, syn, each[i]);
        dict_seq pl;
        if (!rc && plural && !(rc = plural_of(s->d, each[i], &pl))) rc = synset_push(s->d, syn, pl);
    }
    dict_vec_free(&flat);
    return rc;
}
