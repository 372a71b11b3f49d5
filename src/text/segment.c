/*
 * segment.c -- news text to sentence spans.
 *
 * One forward pass that stops only at candidate boundaries: a blank line
 * (a paragraph break, which also makes a heading its own sentence) always
 * ends a sentence; . ! ? and ellipses end one when what follows looks like
 * the start of a new one. Closing quotes and brackets after the terminal
 * belong to the sentence that ends.
 *
 * The hard case is the period. After a title or a month (Mr. Gen. Jan.) it
 * never ends a sentence; after an initial, a letter sequence (U.S.), a
 * company suffix (Inc.) or an ellipsis it does only when the next word is a
 * common sentence opener ("The", "He", "But"), because "the U.S. President"
 * is more common in news than a sentence ending in "U.S." followed by a
 * proper noun. Anywhere else it ends one unless a lower-case letter or no
 * blank follows (3.5, e.g. this, U.S.-led). Text without capitals is
 * detected and split without them.
 */
#include "text.h"

#include <string.h>

typedef struct seg_scan {
    const unsigned char *s;
    size_t len;
    text_span **out;
    size_t *n, *cap;
    int caseless; /* the text has (almost) no capitals; -1 until needed */
} seg_scan;

/* Class of the character at i; CH_SPACE past the end. */
static int seg_class(const seg_scan *sc, size_t i, size_t *size)
{
    text_char c = {CH_SPACE, 1, 0, {0}};
    if (i < sc->len) text_char_decode(sc->s + i, sc->len - i, &c);
    if (size) *size = c.size;
    return c.cls;
}

static size_t seg_skip_space(const seg_scan *sc, size_t i)
{
    size_t size;
    while (i < sc->len && seg_class(sc, i, &size) == CH_SPACE) i += size;
    return i;
}

/* Backs end up over blanks (any text_char CH_SPACE, so also NBSP and bad
 * bytes). A character is found by backing over continuation bytes; if
 * those do not decode as one character, the last byte alone is bad. */
static size_t seg_trim_end(const seg_scan *sc, size_t begin, size_t end)
{
    while (end > begin) {
        size_t p = end - 1;
        while (p > begin && end - p < 4 && (sc->s[p] & 0xC0) == 0x80) p--;
        text_char c;
        text_char_decode(sc->s + p, end - p, &c);
        if (p + c.size != end) p = end - 1; /* a stray byte: blank */
        else if (c.cls != CH_SPACE) break;
        end = p;
    }
    return end;
}

/* Pushes [begin, end) without trailing blanks, if anything is left. */
static int seg_push(seg_scan *sc, size_t begin, size_t end)
{
    end = seg_trim_end(sc, begin, end);
    if (end <= begin) return 0;
    text_span *sp = dyad_grow(sc->out, sc->n, sc->cap, sizeof *sp);
    if (!sp) return DYAD_ENOMEM;
    sp->begin = (uint32_t)begin;
    sp->end = (uint32_t)end;
    return 0;
}

/* At a '\n': is the next line blank? Returns the offset after the blank
 * lines, or 0 when there is no paragraph break here. */
static size_t seg_paragraph_break(const seg_scan *sc, size_t i)
{
    size_t j = i + 1;
    while (j < sc->len && (sc->s[j] == ' ' || sc->s[j] == '\t' || sc->s[j] == '\r')) j++;
    return j < sc->len && sc->s[j] == '\n' ? j + 1 : (j == sc->len ? j : 0);
}

static int seg_is_closer(int cls, unsigned char b)
{
    return cls == CH_QUOTE || cls == CH_APOS || b == ')' || b == ']';
}

/* Past the run of terminals and closers that starts at i ("?!", ".\"", ")."). */
static size_t seg_terminal_end(const seg_scan *sc, size_t i)
{
    for (;;) {
        size_t size;
        int cls = seg_class(sc, i, &size);
        unsigned char b = i < sc->len ? sc->s[i] : 0;
        if (i >= sc->len || !(cls == CH_PERIOD || cls == CH_ELLIPSIS || b == '!' || b == '?' ||
                              seg_is_closer(cls, b)))
            return i;
        i += size;
    }
}

/* Some archives lower-case everything (the Times of India set: "lucknow:
 * the vhp said ..."); there capitals cannot mark sentence starts, so any
 * letter may start one. Judged from the first 4 KB: news has 2-5% capitals
 * among its letters, lower-cased text under 0.8%. Counted only when a
 * lower-case letter follows a terminal, which cased text seldom has. */
static int seg_caseless(seg_scan *sc)
{
    if (sc->caseless >= 0) return sc->caseless;
    size_t upper = 0, letters = 0, n = sc->len;
    if (n > 4096) n = 4096;
    for (size_t i = 0; i < n; i++) {
        int cls = sc->s[i] < 0x80 ? text_ascii_class[sc->s[i]] : CH_SPACE;
        upper += cls == CH_UPPER;
        letters += cls == CH_UPPER || cls == CH_LOWER;
    }
    sc->caseless = letters >= 200 && upper * 125 < letters;
    return sc->caseless;
}

/* Words that start sentences in news far more often than they follow an
 * abbreviation inside one. Compared case-insensitively, capital first. */
static const char *const seg_openers[] = {
    "THE", "A", "AN", "IT", "ITS", "HE", "SHE", "THEY", "WE", "I", "YOU", "HIS", "HER",
    "THEIR", "THIS", "THAT", "THESE", "THOSE", "THERE", "BUT", "AND", "IN", "ON", "AT", "AS",
    "AFTER", "BEFORE", "WHEN", "WHILE", "IF", "SO", "YET", "HOWEVER", "MEANWHILE", "ALSO",
    "OFFICIALS", "POLICE", "NO", "ONE", "SOME", "MANY", "EARLIER", "LATER", "THOUGH",
};

static int seg_opener_at(seg_scan *sc, size_t i)
{
    while (i < sc->len && (sc->s[i] == '"' || sc->s[i] == '(')) i++;
    size_t j = i;
    while (j < sc->len && text_ascii_alpha(sc->s[j]) && j - i < 12) j++;
    if (j == i || (j < sc->len && sc->s[j] >= 0x80)) return 0;
    if ((sc->s[i] & 0x20) && !seg_caseless(sc)) return 0;
    if (text_ascii_alpha(j < sc->len ? sc->s[j] : 0)) return 0; /* longer than any opener */
    for (size_t k = 0; k < sizeof seg_openers / sizeof seg_openers[0]; k++) {
        const char *w = seg_openers[k];
        if (strlen(w) != j - i) continue;
        size_t m = 0;
        while (m < j - i && (sc->s[i + m] & ~0x20) == (unsigned char)w[m]) m++;
        if (m == j - i) return 1;
    }
    return 0;
}

/* How much a period at `dot` (preceded by text from `start`) needs to end
 * a sentence: ABBREV_NONE (a plain period), ABBREV_AMBIGUOUS (only before
 * an opener) or ABBREV_TITLE (never). */
static int seg_period_kind(const seg_scan *sc, size_t start, size_t dot)
{
    const unsigned char *s = sc->s;
    if (dot + 1 < sc->len && s[dot + 1] == '.') return ABBREV_AMBIGUOUS; /* ".." "..." */
    size_t w = dot;
    while (w > start && (text_ascii_alpha(s[w - 1]) || s[w - 1] == '.')) w--;
    if (w > start && s[w - 1] >= 0x80) return ABBREV_NONE; /* end of a non-ASCII word */
    if (w == dot) return ABBREV_NONE;
    if (dot - w == 1 || memchr(s + w, '.', dot - w)) return ABBREV_AMBIGUOUS; /* F. U.S. */
    return text_abbrev((const char *)s + w, dot - w);
}

/* Can the character at i start a sentence? Not a lower-case letter (in
 * text with capitals), and not punctuation that only continues one
 * (". . .", "La. -- Sheriff", "(source.)", "void. :)"). */
static int seg_can_start(seg_scan *sc, size_t i)
{
    int cls = seg_class(sc, i, NULL);
    if (cls == CH_LOWER) return seg_caseless(sc);
    if (cls == CH_PERIOD || cls == CH_ELLIPSIS || cls == CH_HYPHEN || cls == CH_ENDASH ||
        cls == CH_EMDASH)
        return 0;
    return sc->s[i] >= 0x80 || !strchr(",;:!?)]}%/", sc->s[i]);
}

/* Wire copy (Reuters) starts each paragraph on a new line indented by
 * blanks: after a terminal that is as strong as a blank line, even when
 * the period follows an abbreviation ("... Oct/Dec.\n    Buyers were"). */
static int seg_indented_line(const seg_scan *sc, size_t from, size_t to)
{
    const unsigned char *nl = memchr(sc->s + from, '\n', to - from);
    if (!nl) return 0;
    size_t i = (size_t)(nl - sc->s) + 1, blanks = 0;
    for (; i < to && (sc->s[i] == ' ' || sc->s[i] == '\t'); i++) blanks += sc->s[i] == '\t' ? 2 : 1;
    return blanks >= 2;
}

/* Does the terminal at i, whose run of terminals and closers ends at
 * `after`, end the sentence that began at `start`? */
static int seg_is_boundary(seg_scan *sc, size_t start, size_t i, size_t after)
{
    size_t next = seg_skip_space(sc, after);
    if (next == sc->len) return 1;
    if (next == after) return 0; /* 3.5  U.S.-led  "Why?", he */
    if (!seg_can_start(sc, next)) return 0;
    if (seg_indented_line(sc, after, next)) return 1;
    int kind = ABBREV_NONE;
    if (sc->s[i] == '.') kind = seg_period_kind(sc, start, i);
    else if (seg_class(sc, i, NULL) == CH_ELLIPSIS) kind = ABBREV_AMBIGUOUS;
    if (kind == ABBREV_TITLE) return 0;
    if (kind == ABBREV_AMBIGUOUS) return seg_opener_at(sc, next);
    return 1;
}

/* A sentence that never ends is cut at the cap, on a character boundary. */
static size_t seg_cap_cut(const seg_scan *sc, size_t start)
{
    size_t cut = start + TEXT_MAX_SENTENCE_BYTES;
    while (cut > start && (sc->s[cut] & 0xC0) == 0x80) cut--;
    return cut > start ? cut : start + TEXT_MAX_SENTENCE_BYTES;
}

static int seg_is_terminal(const seg_scan *sc, size_t i)
{
    unsigned char b = sc->s[i];
    return b == '.' || b == '!' || b == '?' || (b == 0xE2 && seg_class(sc, i, NULL) == CH_ELLIPSIS);
}

/* Bytes where a sentence may end: '\n', '!', '.', '?' (bits 10, 33, 46, 63
 * of the mask) and 0xE2, the lead byte of U+2026. The scan skips the rest
 * without looking further. */
static int seg_stop_byte(unsigned char b)
{
    const uint64_t stops = (1ull << '\n') | (1ull << '!') | (1ull << '.') | (1ull << '?');
    return b < 64 ? (int)((stops >> b) & 1) : b == 0xE2;
}

int text_segment(const char *text, size_t len, text_span **out, size_t *n, size_t *cap)
{
    if (len > UINT32_MAX) return DYAD_ETOOBIG;
    seg_scan sc = {(const unsigned char *)text, len, out, n, cap, -1};
    size_t start = seg_skip_space(&sc, 0), i = start;
    while (i < len) {
        size_t limit = len - start > TEXT_MAX_SENTENCE_BYTES ? start + TEXT_MAX_SENTENCE_BYTES
                                                             : len;
        while (i < limit && !seg_stop_byte(sc.s[i])) i++;
        size_t end = i, resume = 0; /* the sentence ends at end; the next is sought from resume */
        if (i == len) {
            break;
        } else if (i == limit) {
            end = resume = seg_cap_cut(&sc, start);
        } else if (sc.s[i] == '\n') {
            resume = seg_paragraph_break(&sc, i);
        } else if (seg_is_terminal(&sc, i)) {
            end = seg_terminal_end(&sc, i);
            if (!seg_is_boundary(&sc, start, i, end)) {
                i = end;
                continue;
            }
            resume = end;
        }
        if (!resume) {
            i++;
            continue;
        }
        if (seg_push(&sc, start, end)) return DYAD_ENOMEM;
        start = i = seg_skip_space(&sc, resume);
    }
    return seg_push(&sc, start, len);
}
