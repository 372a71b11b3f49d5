/*
 * changepoint.c -- where a series' mean shifts: binary segmentation with a
 * CUSUM statistic.
 *
 * For a segment of n values with partial sums S_k, the split after k that
 * maximises |S_k - k/n S_n| / sqrt(k (n-k) / n) is the most likely single
 * mean shift (it is the standardised difference of the two means). The
 * noise level sigma is estimated once, from first differences, because a
 * mean shift inflates the plain standard deviation but moves only one
 * difference. Segmentation is a few lines and needs no tuning beyond the
 * threshold, which matters more for an analyst than the last bit of power
 * that PELT or a Bayesian method would add.
 */
#include <math.h>
#include <stdlib.h>

#include "analyze/analyze.h"

/* Each side of a split keeps this many periods, so one odd period alone
 * does not count as a shift. */
enum { CP_MIN_SEGMENT = 2 };

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* sigma from the median absolute first difference: for Gaussian noise,
 * MAD / 0.6745 estimates the difference's deviation, sqrt(2) sigma. */
static double noise_sigma(const double *x, size_t n)
{
    if (n < 3) return DYAD_SHIFT_MIN_SIGMA;
    double *d = malloc((n - 1) * sizeof *d);
    if (!d) return DYAD_SHIFT_MIN_SIGMA;
    for (size_t i = 0; i + 1 < n; i++) d[i] = fabs(x[i + 1] - x[i]);
    qsort(d, n - 1, sizeof *d, cmp_double);
    double median = (n - 1) % 2 ? d[(n - 1) / 2] : (d[(n - 1) / 2 - 1] + d[(n - 1) / 2]) / 2;
    free(d);
    double sigma = median / 0.6745 / sqrt(2.0);
    return sigma > DYAD_SHIFT_MIN_SIGMA ? sigma : DYAD_SHIFT_MIN_SIGMA;
}

typedef struct segmenter {
    const double *x;
    double sigma;
    cp_change *out;
    size_t n_out, max;
} segmenter;

static void segment(segmenter *s, size_t lo, size_t hi)
{
    size_t n = hi - lo;
    if (n < 2 * CP_MIN_SEGMENT || s->n_out == s->max) return;
    double total = 0;
    for (size_t i = lo; i < hi; i++) total += s->x[i];
    double partial = 0, best_t = 0;
    size_t best_k = 0;
    for (size_t k = 1; k < n; k++) {
        partial += s->x[lo + k - 1];
        if (k < CP_MIN_SEGMENT || n - k < CP_MIN_SEGMENT) continue;
        double scale = sqrt((double)k * (double)(n - k) / (double)n);
        double t = fabs(partial - (double)k / (double)n * total) / (s->sigma * scale);
        if (t > best_t) {
            best_t = t;
            best_k = k;
        }
    }
    if (!best_k || best_t < DYAD_SHIFT_THRESHOLD) return;
    double left = 0;
    for (size_t i = lo; i < lo + best_k; i++) left += s->x[i];
    double before = left / (double)best_k, after = (total - left) / (double)(n - best_k);
    if (fabs(after - before) < DYAD_SHIFT_MIN_DELTA) return;
    cp_change c = {lo + best_k, before, after, best_t};
    s->out[s->n_out++] = c;
    segment(s, lo, lo + best_k);
    segment(s, lo + best_k, hi);
}

static int cmp_change(const void *a, const void *b)
{
    size_t x = ((const cp_change *)a)->index, y = ((const cp_change *)b)->index;
    return (x > y) - (x < y);
}

size_t changepoints_find(const double *x, size_t n, cp_change *out, size_t max)
{
    segmenter s = {x, noise_sigma(x, n), out, 0, max};
    segment(&s, 0, n);
    qsort(out, s.n_out, sizeof *out, cmp_change);
    return s.n_out;
}
