/*
 * util.h -- small shared pieces: error filling, growable arrays, a growable
 * byte buffer and an arena. Everything here is internal to libdyad.
 */
#ifndef DYAD_UTIL_H
#define DYAD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

#if defined(__GNUC__)
#define DYAD_PRINTF(fmt_index, first_arg) \
    __attribute__((format(printf, fmt_index, first_arg)))
#else
#define DYAD_PRINTF(fmt_index, first_arg)
#endif

/* Fills `err` (may be NULL) and returns `code`, so callers can write
 * `return dyad_fail(err, DYAD_EFORMAT, "%s:%ld: ...", file, line);`. */
int dyad_fail(dyad_error *err, int code, const char *fmt, ...) DYAD_PRINTF(3, 4);

/* Grows `*items` (of `elem_size` bytes each, `*count` used, `*cap` held) by
 * one zeroed slot and returns it, or NULL when out of memory. */
void *dyad_grow(void *items_ptr, size_t *count, size_t *cap, size_t elem_size);

/* Checked size multiplication: returns 0 on overflow. */
static inline int dyad_mul_ok(size_t a, size_t b, size_t *out)
{
    if (b && a > SIZE_MAX / b) return 0;
    *out = a * b;
    return 1;
}

/* Returns 1 when s[0..len) is valid UTF-8 without NUL bytes; otherwise 0 and
 * the offset of the first bad byte in *bad (may be NULL). (utf8.c) */
int dyad_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes one strictly valid character at s[0..len) into *cp and returns its
 * size (1..4), or 0 for a bad or truncated sequence (and for len == 0). */
size_t dyad_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* A growable byte buffer, always NUL-terminated once it holds anything. */
typedef struct dyad_buf {
    char *data;
    size_t len, cap;
} dyad_buf;

int dyad_buf_reserve(dyad_buf *b, size_t extra); /* 0 or DYAD_ENOMEM */
int dyad_buf_append(dyad_buf *b, const char *s, size_t n);
int dyad_buf_puts(dyad_buf *b, const char *s);
int dyad_buf_putc(dyad_buf *b, char c);
int dyad_buf_printf(dyad_buf *b, const char *fmt, ...) DYAD_PRINTF(2, 3);
void dyad_buf_clear(dyad_buf *b);
void dyad_buf_free(dyad_buf *b);

/* An arena: many small allocations freed in one go. Blocks grow
 * geometrically; an allocation never moves. */
typedef struct dyad_arena_block dyad_arena_block;
typedef struct dyad_arena {
    dyad_arena_block *head;
    size_t used_in_head;
    size_t total;  /* bytes held, for reports */
} dyad_arena;

void *dyad_arena_alloc(dyad_arena *a, size_t n);    /* aligned, zeroed; NULL on OOM */
char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n);
char *dyad_arena_strdup(dyad_arena *a, const char *s);
void dyad_arena_reset(dyad_arena *a);  /* keeps the first block */
void dyad_arena_free(dyad_arena *a);

#endif
