/*
 * util.c -- error filling, growable arrays, byte buffers and arenas.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dyad_strerror(int code)
{
    switch (code) {
#define DYAD_X_CASE(name, value, text) \
    case value: return text;
        DYAD_STATUS_LIST(DYAD_X_CASE)
#undef DYAD_X_CASE
    }
    return "unknown error";
}

int dyad_fail(dyad_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void *dyad_grow(void *items_ptr, size_t *count, size_t *cap, size_t elem_size)
{
    void **items = items_ptr;
    if (*count == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 8, bytes;
        if (!dyad_mul_ok(new_cap, elem_size, &bytes)) return NULL;
        void *p = realloc(*items, bytes);
        if (!p) return NULL;
        *items = p;
        *cap = new_cap;
    }
    char *slot = (char *)*items + *count * elem_size;
    memset(slot, 0, elem_size);
    (*count)++;
    return slot;
}

int dyad_buf_reserve(dyad_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return 0;
    if (extra > SIZE_MAX / 2 - b->len) return DYAD_ENOMEM;
    size_t need = b->len + extra + 1, cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) return DYAD_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int dyad_buf_append(dyad_buf *b, const char *s, size_t n)
{
    if (dyad_buf_reserve(b, n)) return DYAD_ENOMEM;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int dyad_buf_puts(dyad_buf *b, const char *s) { return dyad_buf_append(b, s, strlen(s)); }

int dyad_buf_putc(dyad_buf *b, char c) { return dyad_buf_append(b, &c, 1); }

int dyad_buf_printf(dyad_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dyad_buf_reserve(b, (size_t)n)) return DYAD_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void dyad_buf_clear(dyad_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void dyad_buf_free(dyad_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

struct dyad_arena_block {
    dyad_arena_block *next;
    size_t size;
    _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_FIRST_BLOCK = 4096, ARENA_ALIGN = _Alignof(max_align_t) };

void *dyad_arena_alloc(dyad_arena *a, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (!a->head || a->used_in_head + n > a->head->size) {
        size_t size = a->head ? a->head->size * 2 : ARENA_FIRST_BLOCK;
        while (size < n) size *= 2;
        dyad_arena_block *blk = malloc(sizeof *blk + size);
        if (!blk) return NULL;
        blk->next = a->head;
        blk->size = size;
        a->head = blk;
        a->used_in_head = 0;
        a->total += size;
    }
    void *p = a->head->data + a->used_in_head;
    a->used_in_head += n;
    memset(p, 0, n);
    return p;
}

char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n)
{
    char *p = dyad_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dyad_arena_strdup(dyad_arena *a, const char *s) { return dyad_arena_strndup(a, s, strlen(s)); }

void dyad_arena_reset(dyad_arena *a)
{
    /* Keep the largest (newest) block so a steady workload stops allocating. */
    if (!a->head) return;
    dyad_arena_block *keep = a->head, *b = keep->next;
    while (b) {
        dyad_arena_block *next = b->next;
        free(b);
        b = next;
    }
    keep->next = NULL;
    a->used_in_head = 0;
    a->total = keep->size;
}

void dyad_arena_free(dyad_arena *a)
{
    dyad_arena_block *b = a->head;
    while (b) {
        dyad_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_in_head = a->total = 0;
}
