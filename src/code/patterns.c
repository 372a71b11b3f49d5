/*
 * patterns.c -- which code a verb gets: its patterns, longest first, each
 * matched around the verb inside its clause; the verb's own code when none
 * matches.
 *
 * A pattern is compiled into the part before the verb (matched backwards
 * from the verb, as TABARI does, so "$" finds the nearest actor) and the part
 * after it (matched forwards). Elements may have other words between them
 * unless they were joined with '_'; a gap never runs past a clause comma
 * or the clause's ends. Matching backtracks: a word that matches at several
 * places, or alternatives { a | b }, are each tried in turn, with a budget
 * of steps so that no pattern can make a sentence slow.
 *
 * Most patterns fail, so failing is made cheap: a pattern whose words are
 * not all among the sentence's (a Bloom filter) is not tried, and a word
 * that may be some distance away jumps along the sentence's postings to the
 * tokens where it occurs instead of testing every token in between.
 *
 * Actor elements bind groups as they match: '$' the source, '+' the
 * target, '%' a compound that is both, '^' an actor passed over (with
 * PETRARCH dictionaries, any noun phrase: a plain noun will do).
 */
#include "code.h"

#include <string.h>

enum { PM_MAX_STEPS = 20000 };

typedef struct pm {
    const dyad_coder *c;
    int32_t lo, hi; /* clause bounds, tokens inclusive */
    int32_t source, target;
    int both;
    int32_t skipped[CODE_MAX_SKIPPED];
    int n_skipped;
    long steps;
} pm;

static int pm_in(const pm *m, int32_t p) { return p >= m->lo && p <= m->hi; }

static int pm_clause_comma(const pm *m, int32_t p)
{
    const code_tok *t = &m->c->tok[p];
    return t->cls == TC_COMMA && !t->comma_in_list;
}

static int pm_seq(pm *m, const code_seq *s, uint32_t k, int32_t pos, int dir, int anchored,
                  int32_t *end);
static int pm_elem_at(pm *m, const code_seq *s, uint32_t k, int32_t p, int dir, int32_t *end);

/* Is element idx of s followed at once by the element processed next? */
static int pm_next_anchored(const code_seq *s, uint32_t idx, int dir)
{
    if (dir > 0) return s->elems[idx].adjacent;
    return idx > 0 && s->elems[idx - 1].adjacent;
}

/* Binds an actor element to the group at p and goes on with the rest. */
static int pm_actor(pm *m, const code_seq *s, uint32_t k, const code_elem *e, int32_t p,
                    int dir, int32_t *end)
{
    const dyad_coder *c = m->c;
    int32_t g = dir > 0 ? c->group_at_first[p] : c->group_at_last[p];
    if (g < 0) return 0;
    const code_group *gr = &c->groups[g];
    if (e->kind == DICT_E_BOTH && gr->n_mem < 2) return 0;
    pm saved = *m;
    if (e->kind == DICT_E_SOURCE) m->source = g;
    else if (e->kind == DICT_E_TARGET) m->target = g;
    else if (e->kind == DICT_E_BOTH) m->source = m->target = g, m->both = 1;
    else if (m->n_skipped < CODE_MAX_SKIPPED)
        m->skipped[m->n_skipped++] = g;
    int32_t np = code_next_live(c, (int32_t)(dir > 0 ? gr->last : gr->first), dir);
    uint32_t idx = dir > 0 ? k : s->n - 1 - k;
    if (pm_seq(m, s, k + 1, np, dir, pm_next_anchored(s, idx, dir), end)) return 1;
    long steps = m->steps;
    *m = saved;
    m->steps = steps;
    return 0;
}

/* A word that can head a noun phrase no dictionary knows: no phrase, no
 * closed-class word, no preposition. */
static int pm_plain_noun(const dyad_coder *c, int32_t p)
{
    static const char *const preps[] = {"WITH", "AT", "IN", "ON", "FOR", "TO", "FROM", "OF",
                                        "BY", "ABOUT", "AGAINST", "OVER", "INTO", "AFTER"};
    if (!code_live(c, p)) return 0;
    const code_tok *t = &c->tok[p];
    if (t->item >= 0 || t->cls != TC_WORD || t->t->kind != TOK_WORD) return 0;
    for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++)
        if (t->t->norm_len == strlen(preps[i]) && !memcmp(t->t->norm, preps[i], t->t->norm_len))
            return 0;
    return 1;
}

/* Element number k (in the order of dir) matched exactly at token p. */
static int pm_elem_at(pm *m, const code_seq *s, uint32_t k, int32_t p, int dir, int32_t *end)
{
    uint32_t idx = dir > 0 ? k : s->n - 1 - k;
    const code_elem *e = &s->elems[idx];
    int next_anchored = pm_next_anchored(s, idx, dir);
    switch (e->kind) {
    case DICT_E_WORD:
        if (!code_tok_word(m->c, p, &e->w, HIT_VERB_END)) return 0;
        return pm_seq(m, s, k + 1, code_next_live(m->c, p, dir), dir, next_anchored, end);
    case DICT_E_ALT:
        for (uint32_t a = 0; a < e->n_alts; a++) {
            int32_t np;
            if (e->alts[a].n && pm_seq(m, &e->alts[a], 0, p, dir, 1, &np) &&
                pm_seq(m, s, k + 1, np, dir, next_anchored, end))
                return 1;
        }
        return 0;
    case DICT_E_SKIP:
        if (pm_actor(m, s, k, e, p, dir, end)) return 1;
        /* PETRARCH's '^' skips a noun phrase, actor or not: "warned their
         * populations about +" skips "populations". */
        return m->c->dicts->model->flavor != DICT_FLAVOR_TABARI && pm_plain_noun(m->c, p) &&
               pm_seq(m, s, k + 1, code_next_live(m->c, p, dir), dir, 0, end);
    case DICT_E_SOURCE:
    case DICT_E_TARGET:
    case DICT_E_BOTH:
        return pm_actor(m, s, k, e, p, dir, end);
    default: /* a stray verb marker matches nothing */
        return 0;
    }
}

/* Is there a clause comma among tokens [a, b)? */
static int pm_comma_between(const dyad_coder *c, int32_t a, int32_t b)
{
    return a < b && c->commas_before[b] != c->commas_before[a];
}

/* Can the token at p be reached from pos without leaving the clause or
 * crossing a clause comma? */
static int pm_reachable(const pm *m, int32_t pos, int32_t p, int dir)
{
    if (!pm_in(m, p)) return 0;
    return dir > 0 ? !pm_comma_between(m->c, pos, p) : !pm_comma_between(m->c, p + 1, pos + 1);
}

/* An unanchored element that starts with word w (in the order of dir):
 * only the tokens where w occurs are tried, nearest first. `alt` >= 0
 * names the alternative of an ALT element to match there. */
static int pm_jump(pm *m, const code_seq *s, uint32_t k, uint32_t w, int32_t alt, int32_t pos,
                   int dir, int32_t *end)
{
    const dyad_coder *c = m->c;
    const code_elem *e = &s->elems[dir > 0 ? k : s->n - 1 - k];
    uint32_t idx = dir > 0 ? k : s->n - 1 - k;
    for (int32_t i = code_post_first(c, w, dir > 0); i >= 0; i = c->post[i].next[dir > 0]) {
        int32_t p = c->post[i].tok, np;
        if (c->post[i].word != w || (dir > 0 ? p < pos : p > pos)) continue;
        if (!pm_reachable(m, pos, p, dir)) break;
        if (++m->steps > PM_MAX_STEPS) return 0;
        if (alt < 0 ? pm_elem_at(m, s, k, p, dir, end)
                    : pm_seq(m, &e->alts[alt], 0, p, dir, 1, &np) &&
                          pm_seq(m, s, k + 1, np, dir, pm_next_anchored(s, idx, dir), end))
            return 1;
    }
    return 0;
}

/* The word an alternative starts with in the order of dir, if it does. */
static const code_elem *pm_edge_word(const code_seq *alt, int dir)
{
    if (!alt->n) return NULL;
    const code_elem *e = &alt->elems[dir > 0 ? 0 : alt->n - 1];
    return e->kind == DICT_E_WORD ? e : NULL;
}

/* An unanchored { a | b }: each alternative that starts with a word jumps
 * to where the word occurs; the others are tried token by token. */
static int pm_alt_jump(pm *m, const code_seq *s, uint32_t k, int32_t pos, int dir, int32_t *end)
{
    const code_elem *e = &s->elems[dir > 0 ? k : s->n - 1 - k];
    uint32_t idx = dir > 0 ? k : s->n - 1 - k;
    for (uint32_t a = 0; a < e->n_alts; a++) {
        const code_elem *w = pm_edge_word(&e->alts[a], dir);
        if (w) { /* a word with no posting would make pm_jump try nothing */
            if (code_post_first(m->c, w->w.id, dir > 0) >= 0 &&
                pm_jump(m, s, k, w->w.id, (int32_t)a, pos, dir, end))
                return 1;
            continue;
        }
        for (int32_t p = pos, np; pm_in(m, p); p = code_next_live(m->c, p, dir)) {
            if (++m->steps > PM_MAX_STEPS) return 0;
            if (e->alts[a].n && pm_seq(m, &e->alts[a], 0, p, dir, 1, &np) &&
                pm_seq(m, s, k + 1, np, dir, pm_next_anchored(s, idx, dir), end))
                return 1;
            if (pm_clause_comma(m, p)) break;
        }
    }
    return 0;
}

/* Matches elements k.. of s (taken in the order of dir) from token pos:
 * the next one exactly at pos when anchored, else at pos or beyond. On
 * success *end is the token after the last one matched. */
static int pm_seq(pm *m, const code_seq *s, uint32_t k, int32_t pos, int dir, int anchored,
                  int32_t *end)
{
    if (k == s->n) {
        *end = pos;
        return 1;
    }
    const code_elem *e = &s->elems[dir > 0 ? k : s->n - 1 - k];
    if (!anchored && e->kind == DICT_E_WORD)
        return pm_in(m, pos) && code_post_first(m->c, e->w.id, dir > 0) >= 0 &&
               pm_jump(m, s, k, e->w.id, -1, pos, dir, end);
    if (!anchored && e->kind == DICT_E_ALT)
        return pm_in(m, pos) && pm_alt_jump(m, s, k, pos, dir, end);
    for (int32_t p = pos; pm_in(m, p); p = code_next_live(m->c, p, dir)) {
        if (++m->steps > PM_MAX_STEPS) return 0;
        if (pm_elem_at(m, s, k, p, dir, end)) return 1;
        if (anchored || pm_clause_comma(m, p)) break;
    }
    return 0;
}

static int pm_pattern(pm *m, const code_pattern *pat, const code_item *v)
{
    int32_t end;
    const code_seq *up = &pat->upper;
    int up_anchored = up->n && up->elems[up->n - 1].adjacent;
    if (up->n && !pm_seq(m, up, 0, code_next_live(m->c, (int32_t)v->first, -1), -1,
                         up_anchored, &end))
        return 0;
    if (pat->lower.n && !pm_seq(m, &pat->lower, 0, code_next_live(m->c, (int32_t)v->last, 1),
                                1, pat->verb_adjacent, &end))
        return 0;
    return 1;
}

/* Are all the words the pattern needs among the sentence's? */
static int pm_may_match(const dyad_coder *c, const code_pattern *p)
{
    for (uint8_t i = 0; i < p->n_need; i++)
        if (!code_bloom_has(&c->bloom, p->need[i])) return 0;
    return 1;
}

int code_verb_match(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi,
                    code_verb_result *out)
{
    const code_index *x = &c->dicts->index;
    uint32_t entry = x->phrases[v->phrase].entry;
    const dict_verb *dv = &c->dicts->model->verbs[entry];
    const code_verb *cv = &x->verbs[entry];
    memset(out, 0, sizeof *out);
    out->source = out->target = -1;
    for (uint32_t i = 0; i < cv->n_patterns; i++) {
        /* TABARI leaves [+++] on a pattern to a human's option: skipped. */
        if (cv->patterns[i].complex) continue;
        if (!pm_may_match(c, &cv->patterns[i])) continue;
        pm m = {c, lo, hi, -1, -1, 0, {0}, 0, 0};
        if (!pm_pattern(&m, &cv->patterns[i], v)) continue;
        const dict_pattern *p = cv->patterns[i].src;
        out->code = &p->code;
        out->rule_text = p->text;
        out->origin = &p->origin;
        out->source = m.source;
        out->target = m.target;
        out->both = m.both;
        memcpy(out->skipped, m.skipped, sizeof m.skipped);
        out->n_skipped = m.n_skipped;
        out->from_pattern = 1;
        out->has_actor = cv->patterns[i].has_actor;
        return 1;
    }
    out->code = &dv->code;
    out->rule_text = cv->text;
    out->origin = &dv->origin;
    return 0;
}
