/*
 * arc_hybrid.c -- the arc-hybrid transition system (Kuhlmann, Gomez-
 * Rodriguez and Satta 2011) and its dynamic oracle (Goldberg and Nivre 2013).
 *
 * A state is a stack whose bottom is the root and a buffer of the words
 * not yet read. SHIFT moves the buffer's front onto the stack; LEFT makes
 * the front the head of the stack's top and pops it; RIGHT makes the word
 * under the top its head and pops it. Each word is shifted once and popped
 * once, so a sentence of n words takes exactly 2n actions: parsing is
 * linear. The oracle tells, for any state, how many gold arcs an action
 * makes unreachable, so training can follow the model's own mistakes and
 * learn to recover from them.
 *
 * RIGHT onto the root is allowed only once the buffer is empty, which
 * leaves exactly one word attached to the root (as UD requires) and costs
 * nothing: in a gold tree every other word descends from that one.
 */
#include <string.h>

#include "parse.h"

void ah_init(ah_state *st, uint32_t n, uint32_t *head, uint8_t *label)
{
    st->n = n;
    st->b = 1;
    st->stack[0] = 0;
    st->depth = 1;
    st->head = head;
    st->label = label;
    size_t cells = (size_t)n + 2;
    memset(st->left1, 0, cells * sizeof *st->left1);
    memset(st->left2, 0, cells * sizeof *st->left2);
    memset(st->right1, 0, cells * sizeof *st->right1);
    memset(st->right2, 0, cells * sizeof *st->right2);
    memset(st->n_left, 0, cells);
    memset(st->n_right, 0, cells);
    memset(st->left_labels, 0, cells * sizeof *st->left_labels);
    memset(st->right_labels, 0, cells * sizeof *st->right_labels);
    for (uint32_t i = 0; i <= n; i++) {
        head[i] = 0;
        label[i] = 0;
    }
}

int ah_done(const ah_state *st) { return st->b > st->n && st->depth == 1; }

int ah_valid(const ah_state *st, int kind)
{
    int buffer = st->b <= st->n;
    switch (kind) {
    case AH_SHIFT: return buffer;
    case AH_LEFT: return buffer && st->depth >= 2;
    case AH_RIGHT: return st->depth >= 3 || (st->depth == 2 && !buffer);
    }
    return 0;
}

/* Keeps the two outermost children of h on one side: `before` says which
 * of two positions is further out. */
static void add_child(uint32_t *first, uint32_t *second, uint32_t d, int left)
{
    if (*first == 0 || (left ? d < *first : d > *first)) {
        *second = *first;
        *first = d;
    } else if (*second == 0 || (left ? d < *second : d > *second)) {
        *second = d;
    }
}

void ah_apply(ah_state *st, int kind, int label)
{
    if (kind == AH_SHIFT) {
        st->stack[st->depth++] = st->b++;
        return;
    }
    uint32_t d = st->stack[--st->depth];
    uint32_t h = kind == AH_LEFT ? st->b : st->stack[st->depth - 1];
    st->head[d] = h;
    st->label[d] = (uint8_t)label;
    if (kind == AH_LEFT) {
        add_child(&st->left1[h], &st->left2[h], d, 1);
        if (st->n_left[h] < 255) st->n_left[h]++;
        st->left_labels[h] |= 1ull << (label & 63);
    } else {
        add_child(&st->right1[h], &st->right2[h], d, 0);
        if (st->n_right[h] < 255) st->n_right[h]++;
        st->right_labels[h] |= 1ull << (label & 63);
    }
}

/* Gold dependents of w still in the buffer. */
static int buffer_children(const ah_state *st, uint32_t w, const uint32_t *gold_head)
{
    int n = 0;
    for (uint32_t k = st->b; k <= st->n; k++) n += gold_head[k] == w;
    return n;
}

int ah_cost(const ah_state *st, int kind, const uint32_t *gold_head)
{
    uint32_t b = st->b, s0 = st->stack[st->depth - 1];
    if (kind == AH_SHIFT) {
        int cost = 0;
        for (uint32_t k = 0; k < st->depth; k++) {
            uint32_t w = st->stack[k];
            if (k + 1 < st->depth && gold_head[b] == w) cost++;
            if (w != 0 && gold_head[w] == b) cost++;
        }
        return cost;
    }
    uint32_t h = gold_head[s0];
    int cost = buffer_children(st, s0, gold_head);
    if (kind == AH_LEFT) {
        uint32_t s1 = st->stack[st->depth - 2];
        cost += h != b && (h == s1 || h > b);
    } else {
        cost += h >= b && h != 0;
    }
    return cost;
}
