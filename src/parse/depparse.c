/*
 * depparse.c -- the dependency parser: a greedy arc-hybrid parser
 * (arc_hybrid.c) whose actions are chosen by an averaged perceptron over
 * hashed features of the stack, the buffer and the arcs built so far,
 * trained with the dynamic oracle and exploration.
 *
 * The features follow Zhang and Nivre (2011), cut to what arc-hybrid sees:
 * words and tags of three stack and three buffer positions, the two
 * outermost children on each side of s0 and the two leftmost of b0 (tags
 * and relations, words of the outermost), the sets of relations s0 and b0
 * already have on each side, the distance between s0 and b0, the child
 * counts ("valency"), and what tells s0's relation to either head: its
 * leftmost child (the case marker or determiner) with the head's tag. A
 * rare word's row is seldom in the cache, so word features are the costly
 * ones and only a few of them are combined. The parser only ever reads
 * tags the tagger gave, so it is trained on the tagger's output too.
 */
#include <string.h>

#include "parse.h"

enum { NONE = UINT32_MAX };

/* ORDER PARSER_FEATURES: renumbering needs retraining. */
enum {
    PF_S0W = 1, PF_S0T, PF_S0WT, PF_S1W, PF_S1T, PF_S1WT, PF_B0W, PF_B0T, PF_B0WT, PF_B1W,
    PF_B1T, PF_B1WT, PF_B2T, PF_S2T, PF_S0WT_B0WT, PF_S0WT_B0W, PF_S0W_B0WT, PF_S0WT_B0T,
    PF_S0T_B0WT, PF_S0W_B0W, PF_S0T_B0T, PF_B0T_B1T, PF_B0T_B1T_B2T, PF_S0T_B0T_B1T,
    PF_S1T_S0T_B0T, PF_S1T_S0T, PF_S2T_S1T_S0T, PF_S1W_S0W, PF_S0T_S0LT_B0T, PF_S0T_S0RT_B0T,
    PF_S0T_B0T_B0LT, PF_S0T_B0LT_B0L2T, PF_S0T_S0LT_S0L2T, PF_S0T_S0RT_S0R2T, PF_S1T_S1RT_S0T,
    PF_S1T_S1LT_S0T, PF_DIST_S0W, PF_DIST_S0T, PF_DIST_S0T_B0T, PF_DIST_S0W_B0W,
    PF_S0W_NRIGHT, PF_S0T_NRIGHT, PF_S0W_NLEFT, PF_S0T_NLEFT, PF_B0W_NLEFT, PF_B0T_NLEFT,
    PF_S0L_LABEL, PF_S0R_LABEL, PF_B0L_LABEL, PF_S0T_S0LL_S0RL, PF_S1R_LABEL, PF_S0LW, PF_S0RW,
    PF_B0LW, PF_S1RW, PF_B0W_B1W, PF_S0T_S0LL_S0L2L, PF_B0T_B0LL_B0L2L, PF_S0U_B0U, PF_S1U_S0U_B0U, PF_S0U_B0U_B1U, PF_B0U_B1U_B2U,
    PF_S0U_S0LU_B0U, PF_S1U_S0U, PF_DIST_B0W, PF_DIST_B0T, PF_S0LT, PF_S0RT, PF_B0LT, PF_S0LL,
    PF_S0RL, PF_B0LL, PF_S0L2T, PF_S0L2L, PF_S0R2T, PF_S0R2L, PF_B0L2T, PF_S0T_SR, PF_S0T_SL,
    PF_B0T_SL, PF_S1L_LABEL, PF_S0SUF_T, PF_B0SUF_T, PF_S1T_S0LW, PF_B0T_S0LW, PF_S1W_S0T
};

typedef struct context {
    uint32_t s0, s1, s2, b0, b1, b2, s0l, s0l2, s0r, s0r2, s1l, s1r, b0l, b0l2;
} context;

static uint32_t child(uint32_t w, const uint32_t *table) { return w == NONE ? NONE : (table[w] ? table[w] : NONE); }

static void context_of(const ah_state *st, context *c)
{
    uint32_t d = st->depth, n = st->n;
    c->s0 = d >= 1 ? st->stack[d - 1] : NONE;
    c->s1 = d >= 2 ? st->stack[d - 2] : NONE;
    c->s2 = d >= 3 ? st->stack[d - 3] : NONE;
    c->b0 = st->b <= n ? st->b : NONE;
    c->b1 = st->b + 1 <= n ? st->b + 1 : NONE;
    c->b2 = st->b + 2 <= n ? st->b + 2 : NONE;
    c->s0l = child(c->s0, st->left1);
    c->s0l2 = child(c->s0, st->left2);
    c->s0r = child(c->s0, st->right1);
    c->s0r2 = child(c->s0, st->right2);
    c->s1l = child(c->s1, st->left1);
    c->s1r = child(c->s1, st->right1);
    c->b0l = child(c->b0, st->left1);
    c->b0l2 = child(c->b0, st->left2);
}

static uint64_t word_of(const pz_sentence *s, uint32_t w)
{
    return w == NONE ? 0x404 : w == 0 ? 0x2007 : s->lower[w];
}
static uint64_t tag_of(const pz_sentence *s, uint32_t w)
{
    return w == NONE ? 0x1000 : w == 0 ? 0x1001 : s->tag[w];
}
/* The UPOS alone: shares what (NOUN, NN) and (NOUN, NNS) have in common. */
static uint64_t coarse_of(const pz_model *m, const pz_sentence *s, uint32_t w)
{
    return w == NONE ? 0x1000 : w == 0 ? 0x1001 : m->coarse[s->tag[w]];
}
static uint64_t label_of(const ah_state *st, uint32_t w) { return w == NONE ? 0x300 : st->label[w]; }

/* The distance from word a to a later word b: 1, 2, 3, 4, 5-9, 10+. */
static uint64_t distance_bucket(uint32_t a, uint32_t b)
{
    if (a == NONE || b == NONE) return 0;
    uint32_t d = b - a;
    return d < 5 ? d : d < 10 ? 5 : 6;
}

static uint64_t f2(uint64_t id, uint64_t a) { return pz_mix(id, a); }
static uint64_t f3(uint64_t id, uint64_t a, uint64_t b) { return pz_mix(pz_mix(id, a), b); }
static uint64_t f4(uint64_t id, uint64_t a, uint64_t b, uint64_t d) { return pz_mix(f3(id, a, b), d); }
static uint64_t f5(uint64_t id, uint64_t a, uint64_t b, uint64_t d, uint64_t e)
{
    return pz_mix(f4(id, a, b, d), e);
}

static size_t parser_features(const pz_model *m, const pz_sentence *s, const ah_state *st, uint32_t row_bits,
                              uint32_t *rows)
{
    context c;
    uint64_t f[PZ_MAX_FEATURES];
    size_t n = 0;
    context_of(st, &c);
    uint64_t s0w = word_of(s, c.s0), s0t = tag_of(s, c.s0), s1w = word_of(s, c.s1),
             s1t = tag_of(s, c.s1), b0w = word_of(s, c.b0), b0t = tag_of(s, c.b0),
             b1w = word_of(s, c.b1), b1t = tag_of(s, c.b1), b2t = tag_of(s, c.b2),
             s2t = tag_of(s, c.s2), dist = distance_bucket(c.s0, c.b0);
    uint64_t s0nl = c.s0 == NONE ? 0 : st->n_left[c.s0], s0nr = c.s0 == NONE ? 0 : st->n_right[c.s0];
    uint64_t b0nl = c.b0 == NONE ? 0 : st->n_left[c.b0];
    f[n++] = f2(PF_S0W, s0w);
    f[n++] = f2(PF_S0T, s0t);
    f[n++] = f3(PF_S0WT, s0w, s0t);
    f[n++] = f2(PF_S1W, s1w);
    f[n++] = f2(PF_S1T, s1t);
    f[n++] = f3(PF_S1WT, s1w, s1t);
    f[n++] = f2(PF_B0W, b0w);
    f[n++] = f2(PF_B0T, b0t);
    f[n++] = f3(PF_B0WT, b0w, b0t);
    f[n++] = f2(PF_B1W, b1w);
    f[n++] = f2(PF_B1T, b1t);
    f[n++] = f3(PF_B1WT, b1w, b1t);
    f[n++] = f2(PF_B2T, b2t);
    f[n++] = f2(PF_S2T, s2t);
    f[n++] = f5(PF_S0WT_B0WT, s0w, s0t, b0w, b0t);
    f[n++] = f4(PF_S0WT_B0W, s0w, s0t, b0w);
    f[n++] = f4(PF_S0W_B0WT, s0w, b0w, b0t);
    f[n++] = f4(PF_S0WT_B0T, s0w, s0t, b0t);
    f[n++] = f4(PF_S0T_B0WT, s0t, b0w, b0t);
    f[n++] = f3(PF_S0W_B0W, s0w, b0w);
    f[n++] = f3(PF_S0T_B0T, s0t, b0t);
    f[n++] = f3(PF_B0T_B1T, b0t, b1t);
    f[n++] = f4(PF_B0T_B1T_B2T, b0t, b1t, b2t);
    f[n++] = f4(PF_S0T_B0T_B1T, s0t, b0t, b1t);
    f[n++] = f4(PF_S1T_S0T_B0T, s1t, s0t, b0t);
    f[n++] = f3(PF_S1T_S0T, s1t, s0t);
    f[n++] = f4(PF_S2T_S1T_S0T, s2t, s1t, s0t);
    f[n++] = f3(PF_S1W_S0W, s1w, s0w);
    f[n++] = f4(PF_S0T_S0LT_B0T, s0t, tag_of(s, c.s0l), b0t);
    f[n++] = f4(PF_S0T_S0RT_B0T, s0t, tag_of(s, c.s0r), b0t);
    f[n++] = f4(PF_S0T_B0T_B0LT, s0t, b0t, tag_of(s, c.b0l));
    f[n++] = f4(PF_S0T_B0LT_B0L2T, s0t, tag_of(s, c.b0l), tag_of(s, c.b0l2));
    f[n++] = f4(PF_S0T_S0LT_S0L2T, s0t, tag_of(s, c.s0l), tag_of(s, c.s0l2));
    f[n++] = f4(PF_S0T_S0RT_S0R2T, s0t, tag_of(s, c.s0r), tag_of(s, c.s0r2));
    f[n++] = f4(PF_S1T_S1RT_S0T, s1t, tag_of(s, c.s1r), s0t);
    f[n++] = f4(PF_S1T_S1LT_S0T, s1t, tag_of(s, c.s1l), s0t);
    f[n++] = f3(PF_DIST_S0W, dist, s0w);
    f[n++] = f3(PF_DIST_S0T, dist, s0t);
    f[n++] = f4(PF_DIST_S0T_B0T, dist, s0t, b0t);
    f[n++] = f4(PF_DIST_S0W_B0W, dist, s0w, b0w);
    f[n++] = f3(PF_S0W_NRIGHT, s0w, s0nr);
    f[n++] = f3(PF_S0T_NRIGHT, s0t, s0nr);
    f[n++] = f3(PF_S0W_NLEFT, s0w, s0nl);
    f[n++] = f3(PF_S0T_NLEFT, s0t, s0nl);
    f[n++] = f3(PF_B0W_NLEFT, b0w, b0nl);
    f[n++] = f3(PF_B0T_NLEFT, b0t, b0nl);
    f[n++] = f3(PF_S0L_LABEL, s0t, label_of(st, c.s0l));
    f[n++] = f3(PF_S0R_LABEL, s0t, label_of(st, c.s0r));
    f[n++] = f3(PF_B0L_LABEL, b0t, label_of(st, c.b0l));
    f[n++] = f4(PF_S0T_S0LL_S0RL, s0t, label_of(st, c.s0l), label_of(st, c.s0r));
    f[n++] = f3(PF_S1R_LABEL, s1t, label_of(st, c.s1r));
    f[n++] = f2(PF_S0LW, word_of(s, c.s0l));
    f[n++] = f2(PF_S0RW, word_of(s, c.s0r));
    f[n++] = f2(PF_B0LW, word_of(s, c.b0l));
    f[n++] = f2(PF_S1RW, word_of(s, c.s1r));
    f[n++] = f3(PF_B0W_B1W, b0w, b1w);
    f[n++] = f4(PF_S0T_S0LL_S0L2L, s0t, label_of(st, c.s0l), label_of(st, c.s0l2));
    f[n++] = f4(PF_B0T_B0LL_B0L2L, b0t, label_of(st, c.b0l), label_of(st, c.b0l2));
    uint64_t s0u = coarse_of(m, s, c.s0), s1u = coarse_of(m, s, c.s1), b0u = coarse_of(m, s, c.b0),
             b1u = coarse_of(m, s, c.b1);
    f[n++] = f3(PF_S0U_B0U, s0u, b0u);
    f[n++] = f4(PF_S1U_S0U_B0U, s1u, s0u, b0u);
    f[n++] = f4(PF_S0U_B0U_B1U, s0u, b0u, b1u);
    f[n++] = f4(PF_B0U_B1U_B2U, b0u, b1u, coarse_of(m, s, c.b2));
    f[n++] = f4(PF_S0U_S0LU_B0U, s0u, coarse_of(m, s, c.s0l), b0u);
    f[n++] = f3(PF_S1U_S0U, s1u, s0u);
    uint64_t s0sl = c.s0 == NONE ? 0 : st->left_labels[c.s0], s0sr = c.s0 == NONE ? 0 : st->right_labels[c.s0];
    uint64_t b0sl = c.b0 == NONE ? 0 : st->left_labels[c.b0];
    f[n++] = f3(PF_DIST_B0W, dist, b0w);
    f[n++] = f3(PF_DIST_B0T, dist, b0t);
    f[n++] = f2(PF_S0LT, tag_of(s, c.s0l));
    f[n++] = f2(PF_S0RT, tag_of(s, c.s0r));
    f[n++] = f2(PF_B0LT, tag_of(s, c.b0l));
    f[n++] = f2(PF_S0LL, label_of(st, c.s0l));
    f[n++] = f2(PF_S0RL, label_of(st, c.s0r));
    f[n++] = f2(PF_B0LL, label_of(st, c.b0l));
    f[n++] = f2(PF_S0L2T, tag_of(s, c.s0l2));
    f[n++] = f2(PF_S0L2L, label_of(st, c.s0l2));
    f[n++] = f2(PF_S0R2T, tag_of(s, c.s0r2));
    f[n++] = f2(PF_S0R2L, label_of(st, c.s0r2));
    f[n++] = f2(PF_B0L2T, tag_of(s, c.b0l2));
    f[n++] = f3(PF_S0T_SR, s0t, s0sr);
    f[n++] = f3(PF_S0T_SL, s0t, s0sl);
    f[n++] = f3(PF_B0T_SL, b0t, b0sl);
    f[n++] = f3(PF_S1L_LABEL, s1t, label_of(st, c.s1l));
    f[n++] = f3(PF_S0SUF_T, c.s0 == NONE || c.s0 == 0 ? 0 : s->suffix[c.s0], s0t);
    f[n++] = f3(PF_B0SUF_T, c.b0 == NONE ? 0 : s->suffix[c.b0], b0t);
    /* the relation of s0 to either head: its case marker or determiner */
    uint64_t s0lw = word_of(s, c.s0l);
    f[n++] = f3(PF_S1T_S0LW, s1t, s0lw);
    f[n++] = f3(PF_B0T_S0LW, b0t, s0lw);
    f[n++] = f3(PF_S1W_S0T, s1w, s0t);
    for (size_t k = 0; k < n; k++) rows[k] = perc_row(f[k], row_bits);
    return n;
}

/* Which classes may be taken now: the root relation only for the last
 * RIGHT onto the root, which is then the only choice. Returns the class
 * when there is no choice (nothing to score), else -1. */
static int allowed_classes(const pz_model *m, const ah_state *st, uint8_t *ok)
{
    uint32_t nc = 1 + 2 * m->n_labels;
    if (st->depth == 2 && st->b > st->n) return ah_class(AH_RIGHT, (int)m->root_label);
    int valid[3] = {ah_valid(st, AH_SHIFT), ah_valid(st, AH_LEFT), ah_valid(st, AH_RIGHT)};
    if (!valid[AH_LEFT] && !valid[AH_RIGHT]) return 0; /* only the root on the stack */
    for (uint32_t c = 0; c < nc; c++)
        ok[c] = valid[ah_kind((int)c)] && (c == 0 || ah_label((int)c) != (int)m->root_label);
    return -1;
}

static int best_allowed(const int32_t *scores, const uint8_t *ok, uint32_t nc)
{
    int best = -1;
    for (uint32_t c = 0; c < nc; c++)
        if (ok[c] && (best < 0 || scores[c] > scores[best])) best = (int)c;
    return best;
}

void depparse_parse(const pz_model *m, pz_sentence *s, ah_state *st)
{
    uint32_t rows[PZ_MAX_FEATURES];
    int32_t scores[PZ_MAX_CLASSES + PERC_BLOCK];
    uint8_t ok[PZ_MAX_CLASSES];
    uint32_t nc = 1 + 2 * m->n_labels;
    ah_init(st, s->n, s->head, s->label);
    while (!ah_done(st)) {
        int c = allowed_classes(m, st, ok);
        if (c < 0) {
            size_t nf = parser_features(m, s, st, m->parser.row_bits, rows);
            perc_table_score(&m->parser, rows, nf, scores);
            c = best_allowed(scores, ok, nc);
        }
        ah_apply(st, ah_kind(c), ah_label(c));
    }
}

/* The cost of each allowed class: the kind's lost arcs plus one when the
 * arc is gold but its relation is not. */
static void class_costs(const ah_state *st, const uint8_t *ok, uint32_t nc,
                        const uint32_t *gold_head, const uint8_t *gold_label, int *cost)
{
    int kind_cost[3];
    for (int k = 0; k < 3; k++) kind_cost[k] = ah_valid(st, k) ? ah_cost(st, k, gold_head) : 0;
    uint32_t s0 = st->stack[st->depth - 1];
    uint32_t s1 = st->depth >= 2 ? st->stack[st->depth - 2] : NONE;
    int left_gold = st->b <= st->n && gold_head[s0] == st->b;
    int right_gold = s1 != NONE && gold_head[s0] == s1;
    for (uint32_t c = 0; c < nc; c++) {
        if (!ok[c]) continue;
        int kind = ah_kind((int)c), label = ah_label((int)c);
        cost[c] = kind_cost[kind];
        if (kind == AH_LEFT && left_gold && label != gold_label[s0]) cost[c]++;
        if (kind == AH_RIGHT && right_gold && label != gold_label[s0]) cost[c]++;
    }
}

uint32_t depparse_train_sentence(const pz_model *m, perc_trainer *p, pz_sentence *s,
                                 ah_state *st, const uint32_t *gold_head,
                                 const uint8_t *gold_label, double explore, uint64_t *rng)
{
    uint32_t rows[PZ_MAX_FEATURES];
    int32_t scores[PZ_MAX_CLASSES + PERC_BLOCK];
    uint8_t ok[PZ_MAX_CLASSES];
    int cost[PZ_MAX_CLASSES];
    uint32_t nc = 1 + 2 * m->n_labels, right = 0;
    ah_init(st, s->n, s->head, s->label);
    while (!ah_done(st)) {
        int c = allowed_classes(m, st, ok);
        if (c >= 0) {
            ah_apply(st, ah_kind(c), ah_label(c));
            continue;
        }
        size_t nf = parser_features(m, s, st, p->row_bits, rows);
        perc_trainer_score(p, rows, nf, scores);
        class_costs(st, ok, nc, gold_head, gold_label, cost);
        int guess = best_allowed(scores, ok, nc), best = -1;
        int min_cost = cost[guess];
        for (uint32_t k = 0; k < nc; k++)
            if (ok[k] && cost[k] < min_cost) min_cost = cost[k];
        for (uint32_t k = 0; k < nc; k++)
            if (ok[k] && cost[k] == min_cost && (best < 0 || scores[k] > scores[best])) best = (int)k;
        if (cost[guess] > min_cost) perc_trainer_update(p, rows, nf, best, guess);
        p->step++;
        int follow = cost[guess] == min_cost ||
                     (double)(pz_rand(rng) >> 11) / 9007199254740992.0 < explore;
        c = follow ? guess : best;
        ah_apply(st, ah_kind(c), ah_label(c));
    }
    for (uint32_t i = 1; i <= s->n; i++) right += s->head[i] == gold_head[i];
    return right;
}
