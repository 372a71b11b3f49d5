/*
 * token.c -- one sentence to tokens: words, numbers and punctuation, each a
 * byte span of the caller's text plus a normalised form for dictionary
 * lookup.
 *
 * The normalised form follows how TABARI and PETRARCH dictionaries are
 * written: upper case ASCII ("Zimbabwe’s" -> ZIMBABWE'S, so the coder can
 * match the 'S ending), abbreviations keep their period (U.S., MR.), numbers
 * keep their separators (1,500  3.5), a hyphen between words splits them
 * and marks the second TOK_HYPHENATED (Russia-Zimbabwe -> RUSSIA ZIMBABWE),
 * every other punctuation character is its own token.
 *
 * This is the hot path of coding, so: ASCII characters are classified by a
 * table (chars.c), the norm strings of one call are written into a single
 * arena block sized for the worst case up front, and the token array is
 * reused across calls, so steady state does no allocation at all.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

typedef struct tok_scan {
    const unsigned char *s;
    size_t len;
    size_t pos;      /* next byte to read */
    char *out;       /* next free byte of the norm buffer */
    text_tokens *t;
    uint8_t pending; /* flags for the next token: TOK_HYPHENATED */
} tok_scan;

/* Case of the letters of a word, for the flags. */
typedef struct tok_case {
    unsigned upper, lower;
    int first; /* text_char_class of the first cased letter, or 0 */
} tok_case;

static void tok_char_at(const tok_scan *sc, size_t i, text_char *c)
{
    unsigned char b = sc->s[i];
    if (b < 0x80) { /* the common case, without a call */
        c->cls = text_ascii_class[b];
        c->size = 1;
        c->fold_len = 1;
        c->fold[0] = (char)(c->cls == CH_LOWER ? b - 'a' + 'A' : b);
        return;
    }
    text_char_decode(sc->s + i, sc->len - i, c);
}

static int tok_class_at(const tok_scan *sc, size_t i)
{
    if (i >= sc->len) return CH_SPACE;
    text_char c;
    tok_char_at(sc, i, &c);
    return c.cls;
}

static int tok_is_alnum(int cls) { return text_is_letter(cls) || cls == CH_DIGIT; }

/* Appends the token whose norm (norm_len bytes) was just written at sc->out. */
static int tok_emit(tok_scan *sc, size_t begin, size_t end, size_t norm_len, int kind,
                    int flags)
{
    text_tokens *t = sc->t;
    text_token *tok = dyad_grow(&t->items, &t->n, &t->cap, sizeof *tok);
    if (!tok) return DYAD_ENOMEM;
    tok->begin = (uint32_t)begin;
    tok->end = (uint32_t)end;
    tok->norm = sc->out;
    tok->norm_len = (uint32_t)norm_len;
    tok->kind = (uint8_t)kind;
    tok->flags = (uint8_t)(flags | sc->pending | (t->n == 1 ? TOK_SENTENCE_START : 0));
    sc->out[norm_len] = '\0';
    sc->out += norm_len + 1;
    sc->pending = 0;
    return 0;
}

static int tok_emit_punct(tok_scan *sc, size_t size, const char *norm, size_t norm_len)
{
    memcpy(sc->out, norm, norm_len);
    size_t begin = sc->pos;
    sc->pos += size;
    return tok_emit(sc, begin, sc->pos, norm_len, TOK_PUNCT, 0);
}

/* Is there anything but blanks from byte i on? A period followed by more
 * text is an abbreviation's; at the very end it is the sentence's. */
static int tok_more_text(const tok_scan *sc, size_t i)
{
    for (; i < sc->len; i++) {
        unsigned char b = sc->s[i];
        if (b >= 0x80 || text_ascii_class[b] != CH_SPACE) return 1;
    }
    return 0;
}

static void tok_case_add(tok_case *cs, int cls)
{
    if (cls == CH_UPPER) cs->upper++;
    else if (cls == CH_LOWER) cs->lower++;
    else return;
    if (!cs->first) cs->first = cls;
}

/* After a one-letter word at sc->pos - 1: ".S." of "U.S." (and ".K" of
 * "U.K" without its last period, which is restored). Returns bytes of norm
 * written at w, 0 when this is not such a sequence. */
static size_t tok_letter_periods(tok_scan *sc, char *w, tok_case *cs)
{
    const unsigned char *s = sc->s;
    size_t i = sc->pos, n = 0;
    while (i + 1 < sc->len && s[i] == '.' && text_ascii_alpha(s[i + 1]) &&
           !tok_is_alnum(tok_class_at(sc, i + 2))) {
        w[n++] = '.';
        w[n++] = (char)(s[i + 1] & ~0x20);
        tok_case_add(cs, text_ascii_class[s[i + 1]]);
        i += 2;
    }
    if (n == 0) return 0;
    w[n++] = '.';
    if (i < sc->len && s[i] == '.') i++;
    sc->pos = i;
    return n;
}

/* The period after a word: kept on initials ("F."), letter sequences
 * ("U.S.") and listed abbreviations ("GEN.") unless it ends the text. */
static size_t tok_word_period(tok_scan *sc, char *w, size_t n, tok_case *cs)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != '.') return 0;
    if (n == 1 && text_ascii_alpha((unsigned char)w[0])) {
        size_t got = tok_letter_periods(sc, w + 1, cs);
        if (got) return got;
        if (cs->first != CH_UPPER) return 0;
    } else if (text_abbrev(w, n) == ABBREV_NONE) {
        return 0;
    }
    if (!tok_more_text(sc, sc->pos + 1)) return 0;
    w[n] = '.';
    sc->pos++;
    return 1;
}

/* An apostrophe inside a word: kept before a letter (DON'T, ZIMBABWE'S),
 * swallowed after a final S (COUNTRIES'), else it ends the word. */
static int tok_word_apos(tok_scan *sc, const text_char *c, char *w, size_t *n, int *done)
{
    size_t next = sc->pos + c->size;
    if (text_is_letter(tok_class_at(sc, next))) {
        w[(*n)++] = '\'';
        sc->pos = next;
        return 1;
    }
    if (*n > 1 && w[*n - 1] == 'S') {
        sc->pos = next;
        *done = 1;
        return 0;
    }
    return 0;
}

/* "U.S.'s": the possessive after an abbreviation's period stays on the
 * word (U.S.'S), as it does after a letter. Returns the bytes written. */
static size_t tok_period_possessive(tok_scan *sc, char *w)
{
    if (sc->pos >= sc->len) return 0;
    text_char c;
    tok_char_at(sc, sc->pos, &c);
    size_t s_at = sc->pos + c.size;
    if (c.cls != CH_APOS || s_at >= sc->len || (sc->s[s_at] | 0x20) != 's' ||
        tok_is_alnum(tok_class_at(sc, s_at + 1)))
        return 0;
    w[0] = '\'';
    w[1] = 'S';
    sc->pos = s_at + 1;
    return 2;
}

/* The ASCII letters and digits of a word from sc->pos, the common case,
 * without the general decoder. Returns the new norm length. */
static size_t tok_ascii_run(tok_scan *sc, char *w, size_t n, tok_case *cs)
{
    const unsigned char *s = sc->s;
    size_t i = sc->pos;
    for (; i < sc->len && s[i] < 0x80; i++) {
        int cls = text_ascii_class[s[i]];
        if (cls != CH_DIGIT) {
            if (cls != CH_UPPER && cls != CH_LOWER) break;
            tok_case_add(cs, cls);
        }
        w[n++] = (char)(cls == CH_LOWER ? s[i] - 'a' + 'A' : s[i]);
    }
    sc->pos = i;
    return n;
}

/* A word: letters and digits, internal apostrophes, invisible characters
 * skipped. Also numbers that run into letters (1990s, 3RD). */
static int tok_word(tok_scan *sc)
{
    size_t begin = sc->pos, end = begin, n = 0;
    char *w = sc->out;
    tok_case cs = {0, 0, 0};
    int done = 0;
    for (;;) {
        size_t run = sc->pos;
        n = tok_ascii_run(sc, w, n, &cs);
        if (sc->pos > run) end = sc->pos;
        if (done || sc->pos >= sc->len) break;
        text_char c;
        tok_char_at(sc, sc->pos, &c);
        if (tok_is_alnum(c.cls)) {
            tok_case_add(&cs, c.cls);
            memcpy(w + n, c.fold, c.fold_len);
            n += c.fold_len;
            sc->pos += c.size;
            end = sc->pos;
        } else if (c.cls == CH_IGNORE) {
            sc->pos += c.size;
        } else if (c.cls != CH_APOS || !tok_word_apos(sc, &c, w, &n, &done)) {
            break;
        }
    }
    sc->pos = done ? sc->pos : end;
    size_t dot = tok_word_period(sc, w, n, &cs);
    if (dot) {
        dot += tok_period_possessive(sc, w + n + dot);
        end = sc->pos;
    }
    int flags = (cs.first == CH_UPPER ? TOK_CAPITALIZED : 0) |
                (cs.upper >= 2 && cs.lower == 0 ? TOK_ALLCAPS : 0);
    return tok_emit(sc, begin, end, n + dot, TOK_WORD, flags);
}

static int tok_digit(const tok_scan *sc, size_t i)
{
    return i < sc->len && (unsigned)(sc->s[i] - '0') < 10;
}

/* A number: 800, 1,500 (groups of exactly three), 3.5. Digits that run
 * into letters are a word instead (1990s); a number with separators stays
 * a number and the letters are the next word (1.5bn -> 1.5 BN). */
static int tok_number(tok_scan *sc)
{
    size_t begin = sc->pos, i = begin;
    while (tok_digit(sc, i)) i++;
    size_t digits = i;
    for (;;) {
        if (i < sc->len && sc->s[i] == ',' && tok_digit(sc, i + 1) && tok_digit(sc, i + 2) &&
            tok_digit(sc, i + 3) && !tok_digit(sc, i + 4)) {
            i += 4;
        } else if (i < sc->len && sc->s[i] == '.' && tok_digit(sc, i + 1)) {
            for (i++; tok_digit(sc, i);) i++;
        } else {
            break;
        }
    }
    text_char next = {CH_SPACE, 1, 0, {0}};
    if (i < sc->len) tok_char_at(sc, i, &next);
    int joined = text_is_letter(next.cls) ||
                 (next.cls == CH_APOS && text_is_letter(tok_class_at(sc, i + next.size)));
    if (joined && i == digits) return tok_word(sc); /* 1990s, 3rd; but 1.5 bn */
    memcpy(sc->out, sc->s + begin, i - begin);
    sc->pos = i;
    return tok_emit(sc, begin, i, i - begin, TOK_NUMBER, 0);
}

/* A hyphen or en dash between a word and a word joins them; otherwise it is
 * punctuation: "-", or "--" for a run of ASCII hyphens. */
static int tok_dash(tok_scan *sc, const text_char *c)
{
    const text_tokens *t = sc->t;
    size_t next = sc->pos + c->size;
    int joins = c->cls != CH_EMDASH && t->n > 0 && t->items[t->n - 1].end == sc->pos &&
                t->items[t->n - 1].kind != TOK_PUNCT && tok_is_alnum(tok_class_at(sc, next));
    if (joins) {
        sc->pos = next;
        sc->pending = TOK_HYPHENATED;
        return 0;
    }
    size_t run = 1;
    if (sc->s[sc->pos] == '-')
        while (sc->pos + run < sc->len && sc->s[sc->pos + run] == '-') run++;
    if (run > 1) return tok_emit_punct(sc, run, "--", 2);
    return tok_emit_punct(sc, c->size, "-", 1);
}

static int tok_period(tok_scan *sc)
{
    size_t run = 1;
    while (sc->pos + run < sc->len && sc->s[sc->pos + run] == '.') run++;
    if (run >= 3) return tok_emit_punct(sc, run, "...", 3);
    return tok_emit_punct(sc, 1, ".", 1);
}

/* An apostrophe outside a word is a single quote; doubled (`` or '', the
 * Penn Treebank spelling) it is a double quote. */
static int tok_quote(tok_scan *sc, const text_char *c)
{
    unsigned char b = sc->s[sc->pos];
    if (b < 0x80 && sc->pos + 1 < sc->len && sc->s[sc->pos + 1] == b)
        return tok_emit_punct(sc, 2, "\"", 1);
    return tok_emit_punct(sc, c->size, "'", 1);
}

static int tok_next(tok_scan *sc)
{
    text_char c;
    tok_char_at(sc, sc->pos, &c);
    switch (c.cls) {
    case CH_SPACE:
    case CH_IGNORE: sc->pos += c.size; return 0;
    case CH_UPPER:
    case CH_LOWER:
    case CH_LETTER: return tok_word(sc);
    case CH_DIGIT: return tok_number(sc);
    case CH_HYPHEN:
    case CH_ENDASH:
    case CH_EMDASH: return tok_dash(sc, &c);
    case CH_PERIOD: return tok_period(sc);
    case CH_APOS: return tok_quote(sc, &c);
    default: return tok_emit_punct(sc, c.size, c.fold, c.fold_len);
    }
}

int text_tokenize(const char *s, size_t len, text_tokens *out)
{
    text_tokens_clear(out);
    /* Longer input is tokenised only up to the cap: it bounds memory and
     * keeps offsets in uint32_t. */
    if (len > TEXT_MAX_SENTENCE_BYTES) len = TEXT_MAX_SENTENCE_BYTES;
    if (len == 0) return 0;
    /* Worst case: every token adds one byte ("U.S" -> "U.S.") and a NUL. */
    char *norms = dyad_arena_alloc(&out->arena, 3 * len + 1);
    if (!norms) return DYAD_ENOMEM;
    tok_scan sc = {(const unsigned char *)s, len, 0, norms, out, 0};
    while (sc.pos < sc.len) {
        int rc = tok_next(&sc);
        if (rc) return rc;
    }
    return 0;
}

void text_tokens_clear(text_tokens *t)
{
    t->n = 0;
    dyad_arena_reset(&t->arena);
}

void text_tokens_free(text_tokens *t)
{
    free(t->items);
    dyad_arena_free(&t->arena);
    t->items = NULL;
    t->n = t->cap = 0;
}
