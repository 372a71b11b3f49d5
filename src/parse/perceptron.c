/*
 * perceptron.c -- the averaged perceptron both models learn with, over a
 * table of hashed feature rows.
 *
 * Features are hashed straight into (1 << row_bits) rows instead of being
 * numbered through a dictionary: no string table to store or look up, a
 * fixed memory size, and collisions cost little accuracy at this size. A
 * row holds one weight per class, contiguous, so a score is a few dozen
 * vector adds. Training keeps int32 weights and, for the average, the sum
 * of step * update (Daume's trick: average = w - acc / step), so an update
 * needs no per-weight timestamps and the average is exact and
 * deterministic. The trained average is scaled into int16: half the memory
 * of float, and the scores are exact integer sums.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "parse.h"

enum { HUGE_PAGE = 2 << 20 };

uint64_t pz_hash_bytes(const char *s, size_t len, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h ? h : 1;
}

static void *alloc_table(uint32_t n_classes, uint32_t row_bits, size_t elem)
{
    size_t cells, bytes;
    if (n_classes == 0 || n_classes > PZ_MAX_CLASSES || row_bits < 8 || row_bits > 24) return NULL;
    if (!dyad_mul_ok((size_t)1 << row_bits, n_classes, &cells) ||
        !dyad_mul_ok(cells, elem, &bytes))
        return NULL;
    return calloc(1, bytes);
}

/* The scoring table is read at random, so it is touched whole up front (no
 * page faults while parsing) and asked for huge pages where the system has
 * them (fewer TLB misses). */
int perc_table_init(perc_table *t, uint32_t n_classes, uint32_t row_bits)
{
    size_t bytes;
    t->n_classes = n_classes;
    t->row_bits = row_bits;
    t->stride = (n_classes + PERC_BLOCK - 1) / PERC_BLOCK * PERC_BLOCK;
    t->w = NULL;
    if (n_classes == 0 || n_classes > PZ_MAX_CLASSES || row_bits < 8 || row_bits > 24 ||
        !dyad_mul_ok((size_t)t->stride << row_bits, sizeof *t->w, &bytes))
        return DYAD_EARG;
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0) return DYAD_ENOMEM;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    t->w = p;
    return 0;
}

void perc_table_free(perc_table *t)
{
    free(t->w);
    t->w = NULL;
}

/* The adds are the cost once the rows are prefetched: where GCC can, the
 * function is also compiled for AVX2 and the loader picks the version the
 * processor runs (half the instructions of the SSE2 baseline). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define PERC_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PERC_SIMD_CLONES
#endif

/* Fetching the rows is the other cost (the table is far bigger than the
 * caches), so all of them are requested before the first is added. */
PERC_SIMD_CLONES
void perc_table_score(const perc_table *t, const uint32_t *rows, size_t n_rows, int32_t *scores)
{
    size_t stride = t->stride;
#if defined(__GNUC__)
    for (size_t f = 0; f < n_rows; f++) {
        const int16_t *w = t->w + (size_t)rows[f] * stride;
        for (size_t c = 0; c < stride; c += 32) __builtin_prefetch(w + c);
    }
#endif
    memset(scores, 0, stride * sizeof *scores);
    for (size_t f = 0; f < n_rows; f++) {
        const int16_t *w = t->w + (size_t)rows[f] * stride;
        for (size_t c = 0; c < stride; c += PERC_BLOCK)
            for (size_t k = 0; k < PERC_BLOCK; k++) scores[c + k] += w[c + k];
    }
}

int perc_trainer_init(perc_trainer *p, uint32_t n_classes, uint32_t row_bits)
{
    p->n_classes = n_classes;
    p->row_bits = row_bits;
    p->step = 1;
    p->w = alloc_table(n_classes, row_bits, sizeof *p->w);
    p->acc = alloc_table(n_classes, row_bits, sizeof *p->acc);
    if (p->w && p->acc) return 0;
    perc_trainer_free(p);
    return DYAD_ENOMEM;
}

void perc_trainer_free(perc_trainer *p)
{
    free(p->w);
    free(p->acc);
    p->w = NULL;
    p->acc = NULL;
}

void perc_trainer_score(const perc_trainer *p, const uint32_t *rows, size_t n_rows,
                        int32_t *scores)
{
    uint32_t nc = p->n_classes;
    memset(scores, 0, nc * sizeof *scores);
    for (size_t f = 0; f < n_rows; f++) {
        const int32_t *w = p->w + (size_t)rows[f] * nc;
        for (uint32_t c = 0; c < nc; c++) scores[c] += w[c];
    }
}

void perc_trainer_update(perc_trainer *p, const uint32_t *rows, size_t n_rows, int good, int bad)
{
    size_t nc = p->n_classes;
    for (size_t f = 0; f < n_rows; f++) {
        size_t base = (size_t)rows[f] * nc;
        p->w[base + (size_t)good]++;
        p->acc[base + (size_t)good] += p->step;
        p->w[base + (size_t)bad]--;
        p->acc[base + (size_t)bad] -= p->step;
    }
}

static double averaged(const perc_trainer *p, size_t i)
{
    return (double)p->w[i] - (double)p->acc[i] / (double)p->step;
}

/* The mean of the trainers' averaged weights: for a linear model that is
 * the ensemble that adds their scores, at the cost of one. */
static double mean_averaged(const perc_trainer *p, size_t n, size_t i)
{
    double sum = 0;
    for (size_t k = 0; k < n; k++) sum += averaged(&p[k], i);
    return sum / (double)n;
}

void perc_trainer_average(const perc_trainer *p, size_t n, perc_table *out)
{
    size_t rows = (size_t)1 << p->row_bits, nc = p->n_classes;
    double max = 0;
    for (size_t i = 0; i < rows * nc; i++) {
        double a = fabs(mean_averaged(p, n, i));
        if (a > max) max = a;
    }
    double scale = max > 0 ? 32767.0 / max : 0;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < nc; c++)
            out->w[r * out->stride + c] = (int16_t)lrint(mean_averaged(p, n, r * nc + c) * scale);
}
