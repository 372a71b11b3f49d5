/*
 * text.h -- English text for the coder: UTF-8 checks, sentence spans and
 * tokens. Internal to libdyad.
 *
 * Offsets are bytes into the caller's text, which is never modified or
 * copied: a sentence is a span, a token is a span plus its normalised form.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* ---- UTF-8 ------------------------------------------------------------ */

/* Returns 1 when s[0..len) is valid UTF-8 without NUL bytes; otherwise 0 and
 * the offset of the first bad byte in *bad (may be NULL). */
int text_utf8_valid(const char *s, size_t len, size_t *bad);

/* ---- sentences -------------------------------------------------------- */

typedef struct text_span {
    uint32_t begin, end; /* byte offsets, end exclusive; trimmed of blanks */
} text_span;

/* Splits text into sentences (abbreviations such as U.S., Mr., Gen., Jan.,
 * initials, decimals and closing quotes handled). Paragraph breaks (a blank
 * line) and headings always end a sentence. Appends to *out (grown with
 * dyad_grow: the caller frees *out). Returns 0 or DYAD_ENOMEM. */
int text_segment(const char *text, size_t len, text_span **out, size_t *n,
                 size_t *cap);

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

/* Tokenises s[0..len) (one sentence) into `out`, replacing what it held.
 * Returns 0 or DYAD_ENOMEM. */
int text_tokenize(const char *s, size_t len, text_tokens *out);
void text_tokens_clear(text_tokens *t);
void text_tokens_free(text_tokens *t);

#endif
