/*
 * text.h -- English text for the coder: UTF-8 checks (utf8.c), character
 * classes (chars.c), sentence spans (segment.c, abbrev.c), tokens
 * (token.c) and lemmas (lemma.c). Internal to libdyad.
 *
 * Offsets are bytes into the caller's text, which is never modified or
 * copied: a sentence is a span, a token is a span plus its normalised form.
 * Every function takes any bytes (invalid UTF-8 counts as blanks) and never
 * reads past the length it is given; nothing here keeps global state.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* UTF-8 checks and decoding live in util/ (util.h: dyad_utf8_valid,
 * dyad_utf8_decode): the readers below this layer need them too. */

/* ---- characters (chars.c) --------------------------------------------- */

typedef enum text_char_class {
    CH_SPACE = 0, /* blanks, controls, NBSP, bytes of invalid UTF-8 */
    CH_IGNORE,    /* soft hyphen, zero-width joiners, BOM: invisible */
    CH_UPPER,     /* A-Z and upper-case accented Latin */
    CH_LOWER,     /* a-z and lower-case accented Latin */
    CH_LETTER,    /* any other non-ASCII letter (no case known) */
    CH_DIGIT,
    CH_APOS,      /* ' and curly single quotes */
    CH_PERIOD,
    CH_HYPHEN,    /* - and Unicode hyphens */
    CH_ENDASH,    /* en dash, figure dash, minus sign */
    CH_EMDASH,
    CH_QUOTE,     /* " and curly double quotes, guillemets */
    CH_ELLIPSIS,  /* U+2026 */
    CH_PUNCT      /* everything else */
} text_char_class;

typedef struct text_char {
    uint8_t cls;      /* text_char_class */
    uint8_t size;     /* bytes in the source */
    uint8_t fold_len; /* bytes in fold */
    char fold[4];     /* upper-case ASCII form, or the source bytes */
} text_char;

extern const uint8_t text_ascii_class[128]; /* text_char_class of a byte */

/* Classifies the character at s[0..len), len > 0. Never reads past len. */
void text_char_decode(const unsigned char *s, size_t len, text_char *c);

static inline int text_is_letter(int cls)
{
    return cls == CH_UPPER || cls == CH_LOWER || cls == CH_LETTER;
}

static inline int text_ascii_alpha(unsigned char b) { return (unsigned)((b | 0x20) - 'a') < 26; }

/* Longest sentence: the segmenter cuts a longer one there, the tokenizer
 * reads no further. Real news sentences are a few hundred bytes. */
enum { TEXT_MAX_SENTENCE_BYTES = 1 << 20 };

/* ---- sentences -------------------------------------------------------- */

typedef struct text_span {
    uint32_t begin, end; /* byte offsets, end exclusive; trimmed of blanks */
} text_span;

/* Splits text into sentences (abbreviations such as U.S., Mr., Gen., Jan.,
 * initials, decimals and closing quotes handled). Paragraph breaks (a blank
 * line, or after a terminal a new line indented as in wire copy) and so
 * headings always end a sentence; other line breaks do not (wrapped text).
 * Text without capitals is detected and split without them. Appends to
 * *out (grown with dyad_grow: the caller frees *out) and adds to *n, so
 * set *n = 0 to reuse the array. A sentence longer than
 * TEXT_MAX_SENTENCE_BYTES is cut there. Returns 0, DYAD_ENOMEM, or
 * DYAD_ETOOBIG when len does not fit the uint32_t offsets. */
int text_segment(const char *text, size_t len, text_span **out, size_t *n,
                 size_t *cap);

/* ---- abbreviations (abbrev.c) --------------------------------------- */

enum text_abbrev_kind {
    ABBREV_NONE = 0,
    ABBREV_TITLE,     /* Mr. Gen. Jan.: a name or a date follows, never ends */
    ABBREV_AMBIGUOUS  /* Inc. Jr. No.: may also end a sentence */
};

/* Classifies word[0..len) (no period, any case) as a text_abbrev_kind. */
int text_abbrev(const char *word, size_t len);

/* ---- lemmas (lemma.c) ------------------------------------------------ */

/* The dictionary form of a token norm: possessive dropped, irregular forms
 * looked up, regular endings removed (SAID -> SAY, ACCUSED -> ACCUSE,
 * PARTIES -> PARTY, STOPPING -> STOP, GONDOR'S -> GONDOR). A heuristic for
 * common words: it knows no proper nouns, so callers skip capitalised
 * words mid-sentence. Words with non-letters (U.S., 1,500) come back
 * unchanged. Writes at most cap - 1 bytes and a NUL to out (cap > 0);
 * returns the length written. */
size_t text_lemma(const char *word, size_t len, char *out, size_t cap);

/* 1 when the table of irregular forms is in the order the lookup needs. */
int text_lemma_table_ok(void);

/* ---- tokens ----------------------------------------------------------- */

typedef enum text_token_kind {
    TOK_WORD = 0,   /* letters, digits inside words, apostrophes */
    TOK_NUMBER,     /* 800, 1,500, 3.5 */
    TOK_PUNCT,      /* , ; : . ! ? ( ) quotes dashes */
} text_token_kind;

enum text_token_flags {
    TOK_CAPITALIZED = 1, /* first letter upper case in the source */
    TOK_ALLCAPS = 2,     /* every letter upper case (and more than one) */
    TOK_HYPHENATED = 4,  /* joined to the previous token by a hyphen */
    TOK_SENTENCE_START = 8
};

typedef struct text_token {
    uint32_t begin, end;  /* byte offsets of the token in the text */
    const char *norm;     /* upper case ASCII-folded form, NUL-terminated:
                             "DAGOLATH'S", "U.S.", "," */
    uint32_t norm_len;
    uint8_t kind;         /* text_token_kind */
    uint8_t flags;        /* text_token_flags */
} text_token;

typedef struct text_tokens {
    text_token *items;
    size_t n, cap;
    dyad_arena arena;     /* the norm strings; reset by text_tokens_clear */
} text_tokens;

/* Tokenises s[0..len) (one sentence) into `out`, replacing what it held;
 * `out` starts zeroed ({0}) and is reused across calls, so steady state
 * does not allocate (it keeps about 3 bytes per byte of the longest
 * sentence seen for the norms, until text_tokens_free). Offsets are relative to s (add the sentence's span
 * begin for article offsets); norms are valid until the next call on
 * `out`. Only the first TEXT_MAX_SENTENCE_BYTES are read. Any bytes are
 * accepted: invalid UTF-8 is treated as blanks. Returns 0 or DYAD_ENOMEM.
 *
 *   "Zimbabwe’s U.S.-led talks, Mr. Mnangagwa said 1,500 troops--"
 *   -> ZIMBABWE'S U.S. LED(hyphenated) TALKS , MR. MNANGAGWA SAID 1,500
 *      TROOPS --
 */
int text_tokenize(const char *s, size_t len, text_tokens *out);
void text_tokens_clear(text_tokens *t); /* n = 0; keeps the memory */
void text_tokens_free(text_tokens *t);  /* frees; `t` may be reused */

#endif
