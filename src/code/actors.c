/*
 * actors.c -- one sentence into what the coder reasons about: tokens with
 * their dictionary hits, tagged phrases (actors, agents, verbs, time
 * shifts, nouns, adjectives), and actor groups (compounds) that can be a
 * source or a target.
 *
 * This is TABARI's shallow parse, done in passes over arrays that live in
 * the coder and are reused from sentence to sentence:
 *   1. tokens: words, numbers and clause commas; each token's hits are
 *      found once in the index trie;
 *   2. phrases, leftmost-longest: at each free token, the phrase with the
 *      most words wins; words of a phrase written with a blank may have
 *      other words between them (TABARI "AL GORE"), '_' joins must touch;
 *   3. actors take the first code block whose dates hold the sentence date
 *      ([---] makes a noun, [###] discards, [+++] flags complex); verbs
 *      after a determiner or capitalised mid-sentence become nouns;
 *   4. agents join the actor beside them (ARN + ~GOV = ARNGOV);
 *   5. comma-delimited clauses of the configured lengths are eliminated,
 *      and any phrase that loses a word with them is cancelled;
 *   6. actors joined by conjunctions or list commas become one group;
 *      pronouns become groups that refer back to the sentence's first actor
 *      (or, across sentences, the previous sentence's first actor).
 * Last, the conjunctions that bound clauses are marked, and the live
 * tokens' hits are chained by word (postings) for the pattern matcher.
 *
 * Where TABARI and PETRARCH dictionaries mean different things, the
 * dictionary's flavor decides: TABARI phrases may have words between their
 * words, PETRARCH phrases are contiguous; PETRARCH gives an agent to the
 * whole compound after it and codes a lone agent as ---GOV; PETRARCH
 * dictionaries spell negations the Treebank way ("DID N'T").
 *
 * PETRARCH reads noun phrases off a parse tree; with its dictionaries a
 * shallow reading of the raw text stands in (never a parse): words no
 * dictionary knows may modify a compound's members ("the evil awful
 * Gondor") and join by AND or a comma without bounding anything; a member
 * may be "the government of X" or "sheep and goats of X"; a possessor owns
 * the agent of its phrase and swallows the name after it; agents joined by
 * AND share their actor ("Danish media and government"); modals and
 * gerunds after a determiner are no verbs; a hyphenated modifier may sit
 * inside an actor phrase; a comma before a short subject and verb (", a
 * senior official said") starts a clause; pronouns stand for nobody; and
 * new_actor_length codes unknown subjects and objects as their text.
 *
 * dyad's own dictionaries follow PETRARCH-2's rules, except that news
 * text refers back as TABARI expects: pronouns and "the country" stand for
 * the sentence's first actor (or the previous sentence's, within one
 * article), and a lone agent ("the government", "officials") belongs to
 * the previous sentence's first country.
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers -------------------------------------------------------- */

static int an_reserve(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    void **items = items_ptr;
    if (need <= *cap) return 0;
    size_t new_cap = *cap ? *cap : 64, bytes;
    while (new_cap < need) new_cap *= 2;
    if (!dyad_mul_ok(new_cap, size, &bytes)) return DYAD_ENOMEM;
    void *p = realloc(*items, bytes);
    if (!p) return DYAD_ENOMEM;
    *items = p;
    *cap = new_cap;
    return 0;
}

int32_t code_next_live(const dyad_coder *c, int32_t i, int dir)
{
    i += dir;
    while (i >= 0 && (size_t)i < c->n_tok && c->tok[i].deleted) i += dir;
    return i;
}

int code_tok_word(const dyad_coder *c, int32_t i, const code_word *w, unsigned ends)
{
    const code_tok *t = &c->tok[i];
    return code_word_match(w, c->hits + t->hit, t->n_hits, ends);
}

static const dict *an_dict(const dyad_coder *c) { return c->dicts->model; }

static int an_is(const text_token *t, const char *lit)
{
    return t->norm_len == strlen(lit) && !memcmp(t->norm, lit, t->norm_len);
}

#define AN_WORD(w, cls) {w, sizeof w - 1, cls}

/* The closed-class words the clause logic looks at, grouped by length
 * (AN_CLASS_BY_LEN[n] starts the words of n letters), since every token of
 * every sentence comes through here: a token is compared only with the
 * words of its length, first letter first. */
static uint8_t an_class(const text_token *t)
{
    static const struct { const char *word; uint32_t len; uint8_t cls; } words[] = {
        AN_WORD("A", TC_DET),
        AN_WORD("AN", TC_DET),       AN_WORD("OR", TC_CONJ),      AN_WORD("HE", TC_PRON),
        AN_WORD("IT", TC_PRON),      AN_WORD("BE", TC_PASSIVE),   AN_WORD("IS", TC_PASSIVE),
        AN_WORD("BY", TC_BY),        AN_WORD("OF", TC_LINK),      AN_WORD("IN", TC_LINK),
        AN_WORD("THE", TC_DET),      AN_WORD("AND", TC_CONJ),     AN_WORD("NOR", TC_CONJ),
        AN_WORD("BUT", TC_CONJ),     AN_WORD("SHE", TC_PRON),     AN_WORD("HIM", TC_PRON),
        AN_WORD("HER", TC_PRON),     AN_WORD("WAS", TC_PASSIVE),  AN_WORD("ARE", TC_PASSIVE),
        AN_WORD("THEY", TC_PRON),    AN_WORD("THEM", TC_PRON),    AN_WORD("WERE", TC_PASSIVE),
        AN_WORD("BEEN", TC_PASSIVE), AN_WORD("FROM", TC_LINK),
        AN_WORD("BEING", TC_PASSIVE),
        AN_WORD("FORMER", TC_FORMER),
    };
    static const uint8_t by_len[8] = {0, 0, 1, 10, 19, 24, 25, 26}; /* AN_CLASS_BY_LEN */
    if (t->kind == TOK_PUNCT) return TC_COMMA;
    if (t->norm_len > 6 || t->norm_len == 0) return TC_WORD;
    for (size_t i = by_len[t->norm_len]; i < by_len[t->norm_len + 1]; i++)
        if (words[i].word[0] == t->norm[0] && !memcmp(t->norm, words[i].word, t->norm_len))
            return words[i].cls;
    return TC_WORD;
}

/* Do pronouns refer back? TABARI's and dyad's rules: yes; PETRARCH's: no. */
static int an_refers_back(const dyad_coder *c)
{
    return an_dict(c)->flavor == DICT_FLAVOR_TABARI || an_dict(c)->flavor == DICT_FLAVOR_DYAD;
}

/* The country an actor code starts with ("ZWE" of "ZWEGOVMIL") into
 * out[4]; 0 for organisations, regions and unknown actors. */
static int an_country_of(const char *code, char out[4])
{
    if (strlen(code) < 3) return 0;
    memcpy(out, code, 3);
    out[3] = '\0';
    const dyad_actor_code *part = dyad_actor_get(out); /* the actor table knows */
    return part && part->kind == DYAD_ACTOR_COUNTRY;
}

static void an_flag(dyad_coder *c, int flag, const char *why)
{
    if (!(c->flags & flag) && !c->why) c->why = why;
    c->flags |= flag;
}

/* ---- 1. tokens -------------------------------------------------------------- */

/* Commas and semicolons bound comma clauses; other punctuation is dropped
 * (quotes, brackets, the final period) so phrases match across it. */
static int an_keep(const text_token *t)
{
    if (t->kind != TOK_PUNCT) return 1;
    return an_is(t, ",") || an_is(t, ";");
}

/* code_index_hits through the coder's cache (see code_hit_cache). */
static uint32_t an_hits(dyad_coder *c, const char *norm, uint32_t len, code_hit *out)
{
    if (len == 0 || len > CODE_HIT_CACHE_KEY)
        return (uint32_t)code_index_hits(&c->dicts->index, norm, len, out, CODE_MAX_HITS);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)norm[i]) * 16777619u;
    code_hit_cache *e = &c->hit_cache[(h ^ h >> 16) & (CODE_HIT_CACHE_SLOTS - 1)];
    if (e->len == len && !memcmp(e->key, norm, len)) {
        memcpy(out, e->hits, e->n * sizeof *out);
        return e->n;
    }
    size_t n = code_index_hits(&c->dicts->index, norm, len, out, CODE_MAX_HITS);
    if (n <= CODE_HIT_CACHE_HITS) {
        memcpy(e->key, norm, len);
        e->len = (uint8_t)len;
        e->n = (uint8_t)n;
        memcpy(e->hits, out, n * sizeof *out);
    }
    return (uint32_t)n;
}

/* Appends a coder token for norm[0..len) of text token t, with its hits. */
static int an_push(dyad_coder *c, const text_token *t, const char *norm, uint32_t len)
{
    if (c->n_tok == CODE_MAX_TOKENS) {
        an_flag(c, DYAD_RESULT_COMPLEX, "sentence has too many words");
        return 1;
    }
    if (an_reserve(&c->tok, &c->cap_tok, c->n_tok + 1, sizeof *c->tok) ||
        an_reserve(&c->hits, &c->cap_hits, c->n_hits + CODE_MAX_HITS, sizeof *c->hits))
        return DYAD_ENOMEM;
    code_tok *ct = &c->tok[c->n_tok++];
    memset(ct, 0, sizeof *ct);
    ct->t = t;
    ct->cls = an_class(t);
    ct->item = -1;
    ct->hit = (uint32_t)c->n_hits;
    if (t->kind != TOK_PUNCT) ct->n_hits = an_hits(c, norm, len, c->hits + c->n_hits);
    for (uint32_t h = 0; h < ct->n_hits; h++)
        code_bloom_add(&c->bloom, c->hits[c->n_hits + h].word);
    c->n_hits += ct->n_hits;
    return 0;
}

/* PETRARCH dictionaries are written for Treebank tokens, which split a
 * negation off its verb ("DID N'T", "CA N'T"); TABARI's keep "DIDN'T". */
static size_t an_negation_split(const dyad_coder *c, const text_token *t)
{
    size_t n = t->norm_len;
    if (an_dict(c)->flavor == DICT_FLAVOR_TABARI || n < 5) return 0;
    return memcmp(t->norm + n - 3, "N'T", 3) ? 0 : n - 3;
}

static int an_tokens(dyad_coder *c)
{
    int rc = text_tokenize(c->text, c->text_len, &c->toks);
    if (rc) return rc;
    c->n_tok = c->n_hits = 0;
    memset(&c->bloom, 0, sizeof c->bloom);
    for (size_t i = 0; i < c->toks.n && !rc; i++) {
        const text_token *t = &c->toks.items[i];
        size_t split = an_negation_split(c, t);
        if (!an_keep(t)) continue;
        if (split) {
            rc = an_push(c, t, t->norm, (uint32_t)split);
            if (!rc) rc = an_push(c, t, t->norm + split, 3);
        } else {
            rc = an_push(c, t, t->norm, t->norm_len);
        }
    }
    return rc;
}

static int an_word_count(const dyad_coder *c, int32_t from, int32_t to)
{
    int n = 0;
    for (int32_t i = from; i <= to; i++)
        if (!c->tok[i].deleted && c->tok[i].cls != TC_COMMA) n++;
    return n;
}

/* ---- 2. phrases ------------------------------------------------------------- */

/* The endings a phrase's last word may take. A PETRARCH agent lists its
 * plurals ("POLICE {}" has none): only the possessive is the coder's. */
static unsigned an_ends(const dyad_coder *c, uint8_t kind)
{
    if (kind == CK_AGENT && an_dict(c)->flavor != DICT_FLAVOR_TABARI) return HIT_POSSESSIVE;
    return kind == CK_VERB || kind == CK_TIME ? HIT_VERB_END : HIT_VERB_END | HIT_NOUN_END;
}

static int an_free_match(const dyad_coder *c, int32_t j, const code_word *w, unsigned ends)
{
    return c->tok[j].item < 0 && code_tok_word(c, j, w, ends);
}

/* How far apart two words of a TABARI phrase written with a blank may be
 * (the validation suite's widest is 12, DEBUG-02): bounds the cost of a
 * failed match on a long sentence. */
enum { AN_MAX_GAP = 40 };

/* A parse makes "state-run" one adjective, and PETRARCH matches "Ithilen
 * state-run television" to ITHILEN TELEVISION: the token after a lower-case
 * hyphenated pair at j, else j. */
static int32_t an_past_hyphenated(const dyad_coder *c, int32_t j)
{
    if ((size_t)j + 2 >= c->n_tok) return j;
    const text_token *a = c->tok[j].t, *b = c->tok[j + 1].t;
    if (a->kind != TOK_WORD || (a->flags & TOK_CAPITALIZED) || !(b->flags & TOK_HYPHENATED) ||
        c->tok[j].item >= 0 || c->tok[j + 1].item >= 0)
        return j;
    return j + 2;
}

/* Matches phrase `ph` from token i; writes the token of each word to pos. */
static int an_phrase_at(const dyad_coder *c, const code_phrase *ph, int32_t i, int32_t *pos)
{
    unsigned ends = an_ends(c, ph->kind);
    int contiguous = an_dict(c)->flavor != DICT_FLAVOR_TABARI;
    if (ph->n > CODE_MAX_PHRASE_WORDS || !an_free_match(c, i, &ph->words[0], ends)) return 0;
    pos[0] = i;
    for (uint32_t k = 1; k < ph->n; k++) {
        int32_t j = pos[k - 1] + 1;
        if (contiguous || (ph->words[k - 1].flags & DICT_W_ADJACENT)) {
            if (contiguous) j = an_past_hyphenated(c, j);
            if ((size_t)j >= c->n_tok || !an_free_match(c, j, &ph->words[k], ends)) return 0;
        } else {
            int32_t end = j + AN_MAX_GAP < (int32_t)c->n_tok ? j + AN_MAX_GAP : (int32_t)c->n_tok;
            while (j < end && !an_free_match(c, j, &ph->words[k], ends)) j++;
            if (j >= end) return 0;
        }
        pos[k] = j;
    }
    return 1;
}

typedef struct an_best {
    int32_t phrase;          /* -1: none */
    uint32_t n, span;
    int32_t pos[CODE_MAX_PHRASE_WORDS];
} an_best;

static int an_better(const code_phrase *ph, uint32_t span, const an_best *b,
                     const code_phrase *old)
{
    if (b->phrase < 0) return 1;
    if (ph->n != b->n) return ph->n > b->n;
    if (ph->letters != old->letters) return ph->letters > old->letters;
    if (span != b->span) return span < b->span;
    if (ph->kind != old->kind) return ph->kind < old->kind;
    return ph->order < old->order;
}

/* Tries the phrases by_first[lo, hi) (by_pair when `pair`), longest
 * first, from token i. */
static void an_best_in(const dyad_coder *c, int32_t i, const uint32_t *phrases, uint32_t lo,
                       uint32_t hi, an_best *best)
{
    const code_index *x = &c->dicts->index;
    int32_t pos[CODE_MAX_PHRASE_WORDS];
    for (uint32_t k = lo; k < hi; k++) {
        const code_phrase *ph = &x->phrases[phrases[k]];
        if (best->phrase >= 0 && ph->n < best->n) break; /* sorted longest first */
        if (!an_phrase_at(c, ph, i, pos)) continue;
        uint32_t span = (uint32_t)(pos[ph->n - 1] - i);
        if (!an_better(ph, span, best, best->phrase >= 0 ? &x->phrases[best->phrase] : NULL))
            continue;
        best->phrase = (int32_t)phrases[k];
        best->n = ph->n;
        best->span = span;
        memcpy(best->pos, pos, ph->n * sizeof *pos);
    }
}

/* The first k in [lo, hi) with by_pair_second[k] >= w. */
static uint32_t an_pair_bound(const code_index *x, uint32_t lo, uint32_t hi, uint32_t w)
{
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (x->by_pair_second[mid] < w) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The best phrase from token i. an_better orders candidates totally, so
 * the order they are tried in does not change the winner: contiguous
 * phrases are tried by the pairs (first word, second word) the two tokens
 * can make, plus the one-word phrases; a TABARI phrase may have words
 * between its words, so it is tried from the whole first-word bucket. */
static void an_best_at(const dyad_coder *c, int32_t i, an_best *best)
{
    const code_index *x = &c->dicts->index;
    const code_tok *t = &c->tok[i];
    int contiguous = an_dict(c)->flavor != DICT_FLAVOR_TABARI;
    const code_tok *next = NULL; /* the token a contiguous second word must be */
    if (contiguous) {
        int32_t j = an_past_hyphenated(c, i + 1);
        if ((size_t)j < c->n_tok) next = &c->tok[j];
    }
    best->phrase = -1;
    for (uint32_t h = 0; h < t->n_hits; h++) {
        uint32_t w = c->hits[t->hit + h].word, lo = x->first_start[w], hi = x->first_start[w + 1];
        if (!contiguous) {
            an_best_in(c, i, x->by_first, lo, hi, best);
            continue;
        }
        for (uint32_t h2 = 0; next && h2 < next->n_hits; h2++) {
            uint32_t second = c->hits[next->hit + h2].word;
            uint32_t from = an_pair_bound(x, lo, hi, second);
            uint32_t to = an_pair_bound(x, from, hi, second + 1);
            an_best_in(c, i, x->by_pair, from, to, best);
        }
        an_best_in(c, i, x->by_pair, an_pair_bound(x, lo, hi, UINT32_MAX), hi, best);
    }
}

static const uint8_t an_item_kind[CK_COUNT] = {
    [CK_ACTOR] = IT_ACTOR, [CK_AGENT] = IT_AGENT, [CK_VERB] = IT_VERB,
    [CK_TIME] = IT_TIME, [CK_NOUN] = IT_NOUN, [CK_ADJ] = IT_ADJ, [CK_DISCARD] = IT_NOUN,
};

static int an_phrases(dyad_coder *c)
{
    const code_index *x = &c->dicts->index;
    an_best best;
    c->n_items = 0;
    for (int32_t i = 0; (size_t)i < c->n_tok; i++) {
        if (c->tok[i].item >= 0 || !c->tok[i].n_hits) continue;
        an_best_at(c, i, &best);
        if (best.phrase < 0) continue;
        if (an_reserve(&c->items, &c->cap_items, c->n_items + 1, sizeof *c->items))
            return DYAD_ENOMEM;
        const code_phrase *ph = &x->phrases[best.phrase];
        code_item *it = &c->items[c->n_items];
        memset(it, 0, sizeof *it);
        it->kind = an_item_kind[ph->kind];
        it->phrase = (uint32_t)best.phrase;
        it->first = (uint32_t)i;
        it->last = (uint32_t)best.pos[best.n - 1];
        for (uint32_t k = 0; k < best.n; k++) c->tok[best.pos[k]].item = (int32_t)c->n_items;
        c->n_items++;
        if (ph->kind == CK_DISCARD) {
            an_flag(c, DYAD_RESULT_DISCARD, "discard phrase");
            c->story_discard |= an_dict(c)->discards[ph->entry].whole_story;
        }
    }
    return 0;
}

/* ---- 3. codes by date, nouns ------------------------------------------------ */

static int an_add_member(dyad_coder *c, const char *code, const code_item *it)
{
    if (an_reserve(&c->mem, &c->cap_mem, c->n_mem + 1, sizeof *c->mem)) return DYAD_ENOMEM;
    code_member *m = &c->mem[c->n_mem++];
    m->code = m->root = code;
    m->first = it->first;
    m->last = it->last;
    m->complex = !strcmp(code, "+++");
    return 0;
}

static int an_in_window(const dict_code_block *b, int32_t date)
{
    return (!b->from || !date || date >= b->from) && (!b->to || !date || date <= b->to);
}

/* The block that codes the actor at `date`: the first dated block whose
 * window holds it, else the first undated one (the default, wherever the
 * file put it: PETRARCH writes "SAM_GAMGEE [HOB]" before its dated
 * blocks). -1 when none applies. */
static int32_t an_block(const dict_actor *a, int32_t date)
{
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t b = 0; b < a->n_codes; b++) {
            const dict_code_block *cb = &a->codes[b];
            int dated = cb->from || cb->to;
            if (cb->flags & DICT_CB_COMPOUND || dated != (pass == 0)) continue;
            if (an_in_window(cb, date)) return (int32_t)b;
        }
    return -1;
}

/* The codes of an actor item: its block and the block's compound siblings
 * ([FRO/BIL/SAM]). [---] makes the item a noun, [###] discards. */
static int an_actor_codes(dyad_coder *c, code_item *it)
{
    const dict_actor *a = &an_dict(c)->actors[c->dicts->index.phrases[it->phrase].entry];
    int32_t b = an_block(a, c->date);
    it->mem = (uint32_t)c->n_mem;
    if (b >= 0 && !strcmp(a->codes[b].code, "###")) {
        an_flag(c, DYAD_RESULT_DISCARD, "discard actor");
    } else if (b >= 0 && strcmp(a->codes[b].code, "---")) {
        for (uint32_t k = (uint32_t)b; k < a->n_codes; k++) {
            if (k > (uint32_t)b && !(a->codes[k].flags & DICT_CB_COMPOUND)) break;
            if (an_add_member(c, a->codes[k].code, it)) return DYAD_ENOMEM;
        }
    }
    it->n_mem = (uint32_t)c->n_mem - it->mem;
    if (!it->n_mem) it->kind = IT_NOUN;
    return 0;
}

/* Days since 1970-01-01 from yyyymmdd and back (proleptic Gregorian). */
static long an_days(int32_t ymd)
{
    long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t an_ymd(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    return (int32_t)((y + (m <= 2)) * 10000 + m * 100 + d);
}

static int an_word_at(const dyad_coder *c, int32_t i, const dict_word *w)
{
    if (!code_live(c, i)) return 0;
    const text_token *t = c->tok[i].t;
    size_t n = strlen(w->text);
    if (t->norm_len < n || memcmp(t->norm, w->text, n)) return 0;
    return t->norm_len == n || (w->flags & DICT_W_STEM);
}

/* Do the words of a context, from element `from` on in direction dir
 * (+1: after the phrase, -1: before it), stand around the phrase that
 * ends (dir +1) or starts (dir -1) at token `edge`? Only words can be
 * matched; a context with other elements never matches. */
static int an_context_side(const dyad_coder *c, const dict_seq *ctx, int32_t from, int dir,
                           int32_t edge)
{
    int32_t tok = edge, adjacent = 1;
    for (int32_t e = from; e >= 0 && (uint32_t)e < ctx->n_elems; e += dir) {
        const dict_elem *el = &ctx->elems[e];
        if (el->kind != DICT_E_WORD) return 0;
        /* ADJACENT sits on the first of two words */
        const dict_elem *left = dir > 0 ? &ctx->elems[e - 1] : el;
        adjacent = left->kind == DICT_E_VERB ? left->adjacent : (left->word.flags & DICT_W_ADJACENT) != 0;
        int32_t i = code_next_live(c, tok, dir);
        while (code_live(c, i) && !an_word_at(c, i, &el->word) && !adjacent &&
               c->tok[i].cls != TC_COMMA)
            i = code_next_live(c, i, dir);
        if (!an_word_at(c, i, &el->word)) return 0;
        tok = i;
    }
    return 1;
}

/* TABARI "LAST_WEEK [-7]" with "- * AND A WEEK [+8]" under it: the shift
 * of the longest context that stands around the phrase, else the bare
 * phrase's. */
static const dict_time_shift *an_time_in_context(const dyad_coder *c, const code_item *it,
                                                 const dict_time_shift *bare)
{
    const dict *d = an_dict(c);
    const dict_time_shift *best = bare;
    uint32_t best_n = 0;
    for (size_t k = 0; k < d->n_times; k++) {
        const dict_time_shift *t = &d->times[k];
        const dict_seq *ctx = &t->context;
        if (!ctx->n_elems || t->phrase.words != bare->phrase.words || ctx->n_elems <= best_n)
            continue;
        int32_t star = 0;
        while ((uint32_t)star < ctx->n_elems && ctx->elems[star].kind != DICT_E_VERB) star++;
        if ((uint32_t)star == ctx->n_elems) continue;
        if (an_context_side(c, ctx, star - 1, -1, (int32_t)it->first) &&
            an_context_side(c, ctx, star + 1, +1, (int32_t)it->last))
            best = t, best_n = ctx->n_elems;
    }
    return best;
}

static void an_time(dyad_coder *c, const code_item *it, int *shifted)
{
    const dict_time_shift *ts = &an_dict(c)->times[c->dicts->index.phrases[it->phrase].entry];
    if (!c->opt.time_shift) return;
    ts = an_time_in_context(c, it, ts);
    if (ts->discard) {
        an_flag(c, DYAD_RESULT_DISCARD, "discard time phrase");
    } else if (ts->complex) {
        an_flag(c, DYAD_RESULT_COMPLEX, "complex time phrase");
    } else if (!*shifted && c->date) {
        c->date = an_ymd(an_days(c->date) + ts->days);
        *shifted = 1;
    }
}

/* A Treebank parse tags SHOULD, WOULD... as MD, never as a verb, and
 * PETRARCH codes only verbs. */
static int an_modal(const text_token *t)
{
    static const char *const modals[] = {"SHOULD", "WOULD", "COULD", "MIGHT", "MUST",
                                         "SHALL", "WILL", "CAN", "MAY"};
    for (size_t i = 0; i < sizeof modals / sizeof modals[0]; i++)
        if (an_is(t, modals[i])) return 1;
    return 0;
}

static int an_plain_modifier(const dyad_coder *c, int32_t j);

/* PETRARCH: "a new bombing and shelling offensive": an -ING form inside a
 * noun phrase that a determiner opens (at most two unknown words between),
 * or joined by AND to such a noun, is a gerund. */
static int an_gerund(const dyad_coder *c, const code_item *it)
{
    const text_token *t = c->tok[it->last].t;
    if (t->norm_len < 5 || memcmp(t->norm + t->norm_len - 3, "ING", 3)) return 0;
    int32_t p = code_next_live(c, (int32_t)it->first, -1);
    for (int n = 0; n < 2 && code_live(c, p) && an_plain_modifier(c, p); n++)
        p = code_next_live(c, p, -1);
    if (!code_live(c, p)) return 0;
    if (c->tok[p].cls == TC_DET && c->tok[p].item < 0) return 1;
    if (!an_is(c->tok[p].t, "AND") || !code_live(c, p = code_next_live(c, p, -1))) return 0;
    const code_item *before = c->tok[p].item >= 0 ? &c->items[c->tok[p].item] : NULL;
    return before && before->kind == IT_VERB && before->noun;
}

/* A verb after THE/A/AN, or capitalised inside a sentence, is a noun; so
 * are, with PETRARCH dictionaries, a modal and a gerund. */
static void an_verb_noun(dyad_coder *c, code_item *it)
{
    int32_t prev = code_next_live(c, (int32_t)it->first, -1);
    const text_token *t = c->tok[it->first].t;
    if (an_dict(c)->flavor != DICT_FLAVOR_TABARI &&
        ((it->first == it->last && an_modal(t)) || an_gerund(c, it)))
        it->noun = 1;
    if (prev >= 0 && c->tok[prev].cls == TC_DET && c->tok[prev].item < 0) it->noun = 1;
    if (prev >= 0 && !c->all_caps && (t->flags & TOK_CAPITALIZED)) it->noun = 1;
    const dict_verb *v = &an_dict(c)->verbs[c->dicts->index.phrases[it->phrase].entry];
    if (!it->noun && (v->code.flags & DICT_EC_DISCARD) && !v->n_patterns)
        an_flag(c, DYAD_RESULT_DISCARD, "discard verb");
}

static int an_codes(dyad_coder *c)
{
    int shifted = 0;
    c->n_mem = 0;
    for (size_t i = 0; i < c->n_items; i++) {
        code_item *it = &c->items[i];
        if (it->kind == IT_ACTOR && an_actor_codes(c, it)) return DYAD_ENOMEM;
        if (it->kind == IT_VERB) an_verb_noun(c, it);
        if (it->kind == IT_TIME) an_time(c, it, &shifted);
    }
    return 0;
}

/* ---- 4. agents -------------------------------------------------------------- */

/* Does `code` hold the 3-letter piece at a 3-character boundary? */
static int an_has_piece(const char *code, const char *piece)
{
    for (size_t n = strlen(code), i = 0; i + 3 <= n; i += 3)
        if (!memcmp(code + i, piece, 3)) return 1;
    return 0;
}

/* ARN + ~GOV = ARNGOV; NGO~ + ISR = NGOISR; pieces already there are not
 * added again (USAGOV + ~GOV = USAGOV). */
static const char *an_merge(dyad_coder *c, const char *actor, const char *agent, int prefix)
{
    char add[CODE_MAX_CODE] = "", out[2 * CODE_MAX_CODE];
    size_t n = strlen(agent);
    for (size_t i = 0; i + 3 <= n && strlen(add) + 3 < sizeof add; i += 3) {
        char piece[4] = {agent[i], agent[i + 1], agent[i + 2], 0};
        if (!an_has_piece(actor, piece)) strcat(add, piece);
    }
    if (n % 3 && !strstr(actor, agent) && strlen(add) + n < sizeof add) strcat(add, agent);
    snprintf(out, sizeof out, "%s%s", prefix ? add : actor, prefix ? actor : add);
    return dyad_arena_strdup(&c->scratch, out);
}

static int32_t an_actor_item_at(const dyad_coder *c, int32_t tok, int want_first)
{
    if (!code_live(c, tok) || c->tok[tok].item < 0) return -1;
    const code_item *it = &c->items[c->tok[tok].item];
    if (it->kind != IT_ACTOR) return -1;
    if ((uint32_t)tok != (want_first ? it->first : it->last)) return -1;
    return c->tok[tok].item;
}

/* The actor an agent belongs to: the one just before it (FORMER may stand
 * between), else the one just after it, across OF/IN/FROM and determiners. */
static int32_t an_agent_actor(const dyad_coder *c, const code_item *g, int *former)
{
    int32_t p = code_next_live(c, (int32_t)g->first, -1);
    while (p >= 0 && c->tok[p].cls == TC_FORMER) {
        *former = 1;
        p = code_next_live(c, p, -1);
    }
    int32_t a = an_actor_item_at(c, p, 0);
    if (a >= 0) {
        int32_t before = code_next_live(c, (int32_t)c->items[a].first, -1);
        if (before >= 0 && c->tok[before].cls == TC_FORMER) *former = 1;
        return a;
    }
    int32_t q = code_next_live(c, (int32_t)g->last, 1);
    for (int skips = 0; skips < 3 && code_live(c, q) && c->tok[q].item < 0 &&
                        (c->tok[q].cls == TC_LINK || c->tok[q].cls == TC_DET ||
                         c->tok[q].cls == TC_FORMER);
         skips++) {
        if (c->tok[q].cls == TC_FORMER) *former = 1;
        q = code_next_live(c, q, 1);
    }
    return an_actor_item_at(c, q, 1);
}

static int an_possessive(const text_token *t)
{
    return (t->norm_len >= 2 && !memcmp(t->norm + t->norm_len - 2, "'S", 2)) ||
           (t->norm_len >= 1 && t->norm[t->norm_len - 1] == '\'');
}

enum { AN_MAX_POSSESSED = 4 }; /* words between "Ithilen's" and its agent */

/* PETRARCH: in "Ithilen's awful and evil minister Calimehtar" the agent
 * belongs to the possessor, whatever modifiers stand between; the name
 * after the agent is part of the same noun phrase and no actor of its own.
 * Returns the possessor's item, -1. */
static int32_t an_possessor(const dyad_coder *c, const code_item *g)
{
    int32_t p = code_next_live(c, (int32_t)g->first, -1);
    for (int n = 0; code_live(c, p) && n <= AN_MAX_POSSESSED; n++, p = code_next_live(c, p, -1)) {
        const code_tok *t = &c->tok[p];
        int32_t a = an_actor_item_at(c, p, 0);
        if (a >= 0) return an_possessive(t->t) ? a : -1;
        int conj = t->cls == TC_CONJ && !an_is(t->t, "BUT");
        int modifier = t->item < 0 ? t->cls == TC_WORD || conj : c->items[t->item].kind == IT_ADJ;
        if (!modifier) return -1;
    }
    return -1;
}

/* The actor that follows a possessed agent at once is absorbed into it. */
static void an_absorb_name(dyad_coder *c, const code_item *g)
{
    int32_t a = an_actor_item_at(c, code_next_live(c, (int32_t)g->last, 1), 1);
    if (a < 0) return;
    code_item *it = &c->items[a];
    for (uint32_t k = it->first; k <= it->last; k++)
        if (c->tok[k].item == a) c->tok[k].item = -1;
    it->kind = IT_NONE;
}

static int an_is_actor_start(const dyad_coder *c, int32_t i);
static int an_kind_at(const dyad_coder *c, int32_t i, int kind);
static int an_chain(const dyad_coder *c, int32_t i, int32_t *units, int max);
enum { AN_MAX_CHAIN = 64 };

/* dyad's rules: "protesters in Nairobi", "residents of Moscow" are the
 * country's people, not its government's: a capital's CCCGOV is cut to
 * CCC when an agent other than the government's reaches it through IN, OF
 * or FROM. */
static int an_city_of(const dyad_coder *c, const code_item *g, const code_item *it,
                      const char *code)
{
    if (an_dict(c)->flavor != DICT_FLAVOR_DYAD || it->first <= g->last || !strcmp(code, "GOV"))
        return 0;
    for (uint32_t i = g->last + 1; i < it->first; i++)
        if (c->tok[i].cls == TC_LINK) return 1;
    return 0;
}

static int an_agent_apply(dyad_coder *c, code_item *it, const char *code, int prefix, int city)
{
    for (uint32_t m = it->mem; m < it->mem + it->n_mem; m++) {
        const char *actor = c->mem[m].code;
        char country[4];
        if (city && strlen(actor) == 6 && !strcmp(actor + 3, "GOV") && an_country_of(actor, country) &&
            !(actor = dyad_arena_strdup(&c->scratch, country)))
            return DYAD_ENOMEM;
        if (!(c->mem[m].code = an_merge(c, actor, code, prefix))) return DYAD_ENOMEM;
    }
    return 0;
}

/* TABARI gives an agent to one actor ("The ambassadors of Arnor, Osgiliath
 * and Gondor": ARNGOV, OSG, GON); PETRARCH to the whole compound after it. */
static int an_agent_attach(dyad_coder *c, const code_item *g, int32_t a, const char *code,
                           int prefix)
{
    int32_t units[AN_MAX_CHAIN];
    int n = 1;
    units[0] = (int32_t)c->items[a].first;
    if (an_dict(c)->flavor != DICT_FLAVOR_TABARI && c->items[a].first > g->last)
        n = an_chain(c, units[0], units, AN_MAX_CHAIN);
    for (int k = 0; k < n; k++) {
        int32_t item = c->tok[units[k]].item;
        if (item >= 0 && an_agent_apply(c, &c->items[item], code, prefix,
                                        an_city_of(c, g, &c->items[item], code)))
            return DYAD_ENOMEM;
    }
    return 0;
}

/* Whose country a lone agent g is, with dyad's rules: after "its",
 * "their", "his" or "her", the nearest actor with a country before it
 * ("Ukraine said its troops"); else the previous sentence's first actor.
 * Into out[4]; 0 when there is none. */
static int an_referent_country(const dyad_coder *c, const code_item *g, char out[4])
{
    int32_t p = code_next_live(c, (int32_t)g->first, -1);
    const text_token *t = p >= 0 ? c->tok[p].t : NULL;
    int found = 0;
    if (t && (an_is(t, "ITS") || an_is(t, "THEIR") || an_is(t, "HIS") || an_is(t, "HER")))
        for (size_t i = 0; i < c->n_items && c->items[i].first < g->first; i++) {
            const code_item *it = &c->items[i];
            if (it->kind == IT_ACTOR && it->n_mem && !c->tok[it->first].deleted)
                found |= an_country_of(c->mem[it->mem].code, out); /* the nearest wins */
        }
    return found || an_country_of(c->forward_code, out);
}

/* A lone agent as an actor: TABARI's CONVERT AGENT writes ~MOS, PETRARCH
 * always codes it, as ---GOV. */
static int an_agent_alone(dyad_coder *c, code_item *g, const dict_agent *ag)
{
    int tabari = an_dict(c)->flavor == DICT_FLAVOR_TABARI;
    if (tabari && !c->opt.convert_agent) return 0;
    char lone[CODE_MAX_CODE + 4], country[4];
    const char *owner = tabari ? "~" : "---";
    if (an_dict(c)->flavor == DICT_FLAVOR_DYAD && an_referent_country(c, g, country))
        owner = country;
    snprintf(lone, sizeof lone, "%s%s", owner, ag->code);
    const char *s = dyad_arena_strdup(&c->scratch, lone);
    g->kind = IT_ACTOR;
    g->mem = (uint32_t)c->n_mem;
    g->n_mem = 1;
    return !s || an_add_member(c, s, g) ? DYAD_ENOMEM : 0;
}

/* The agent joined to agent g by AND on side dir (+1 after, -1 before);
 * -1 when none. */
static int32_t an_agent_conj(const dyad_coder *c, const code_item *g, int dir)
{
    int32_t p = code_next_live(c, (int32_t)(dir > 0 ? g->last : g->first), dir);
    if (!code_live(c, p) || c->tok[p].cls != TC_CONJ || !an_is(c->tok[p].t, "AND")) return -1;
    p = code_next_live(c, p, dir);
    if (!code_live(c, p) || c->tok[p].item < 0) return -1;
    int32_t k = c->tok[p].item;
    return c->items[k].kind == IT_AGENT ? k : -1;
}

/* Agent g becomes an actor with a copy of the members of actor a (and of
 * the compound after a when chain), each with g's code added. */
static int an_agent_copy(dyad_coder *c, code_item *g, int32_t a, int chain)
{
    const dict_agent *ag = &an_dict(c)->agents[c->dicts->index.phrases[g->phrase].entry];
    int32_t units[AN_MAX_CHAIN];
    int n = 1;
    units[0] = (int32_t)c->items[a].first;
    if (chain) n = an_chain(c, units[0], units, AN_MAX_CHAIN);
    uint32_t first = (uint32_t)c->n_mem;
    for (int k = 0; k < n; k++) {
        int32_t item = c->tok[units[k]].item;
        if (item < 0) continue;
        for (uint32_t m = c->items[item].mem; m < c->items[item].mem + c->items[item].n_mem; m++) {
            if (an_reserve(&c->mem, &c->cap_mem, c->n_mem + 1, sizeof *c->mem)) return DYAD_ENOMEM;
            code_member copy = c->mem[m];
            copy.code = an_merge(c, copy.code, ag->code, ag->side == DICT_AGENT_PREFIX);
            if (!copy.code) return DYAD_ENOMEM;
            copy.first = g->first;
            copy.last = g->last;
            c->mem[c->n_mem++] = copy;
        }
    }
    g->kind = IT_ACTOR;
    g->mem = first;
    g->n_mem = (uint32_t)c->n_mem - first;
    return 0;
}

/* PETRARCH distributes an actor over agents joined by AND, as its parse
 * makes them one noun phrase: "Danish media and government" is DNKMED and
 * DNKGOV, "lawmakers and officials in Fornost" FORLEG and FORGOV. Agent g
 * has actor a (-1: none); the agent beside it with no actor of its own
 * takes a copy of a. */
static int an_agent_share(dyad_coder *c, code_item *g, int32_t a)
{
    int former = 0;
    if (a >= 0) {
        int32_t k = c->items[a].last < g->first ? an_agent_conj(c, g, 1) : -1;
        if (k < 0 || an_possessor(c, &c->items[k]) >= 0 ||
            an_agent_actor(c, &c->items[k], &former) >= 0)
            return 0;
        return an_agent_copy(c, &c->items[k], a, 0);
    }
    int32_t k = an_agent_conj(c, g, 1);
    if (k < 0) return 0;
    int32_t other = an_agent_actor(c, &c->items[k], &former);
    if (other < 0 || former || c->items[other].first < c->items[k].last) return 0;
    return an_agent_copy(c, g, other, 1);
}

/* The actor agent g belongs to, -1. PETRARCH gives it to a possessor
 * across modifiers too, and the name right after an agent whose actor
 * stands before it belongs to the same noun phrase. */
static int32_t an_agent_owner(dyad_coder *c, const code_item *g, int *former)
{
    if (an_dict(c)->flavor == DICT_FLAVOR_TABARI) return an_agent_actor(c, g, former);
    int32_t a = an_possessor(c, g);
    if (a < 0) a = an_agent_actor(c, g, former);
    if (a >= 0 && c->items[a].last < g->first) an_absorb_name(c, g);
    return a;
}

static int an_agents(dyad_coder *c)
{
    const dict *d = an_dict(c);
    for (size_t i = 0; i < c->n_items; i++) {
        code_item *g = &c->items[i];
        if (g->kind != IT_AGENT) continue;
        const dict_agent *ag = &d->agents[c->dicts->index.phrases[g->phrase].entry];
        int32_t before = code_next_live(c, (int32_t)g->first, -1);
        int former = before >= 0 && c->tok[before].cls == TC_FORMER;
        int32_t a = an_agent_owner(c, g, &former);
        int rc = d->flavor == DICT_FLAVOR_TABARI || former ? 0 : an_agent_share(c, g, a);
        if (rc) return rc;
        if (g->kind == IT_ACTOR) continue; /* it shared a later agent's actor */
        rc = a < 0 ? an_agent_alone(c, g, ag)
                   : an_agent_attach(c, g, a, former ? "ELI" : ag->code,
                                     !former && ag->side == DICT_AGENT_PREFIX);
        if (rc) return rc;
    }
    return 0;
}

/* ---- 5. comma clauses --------------------------------------------------------- */

static void an_delete(dyad_coder *c, int32_t from, int32_t to)
{
    for (int32_t i = from; i <= to; i++) c->tok[i].deleted = 1;
}

static int an_between(int n, int lo, int hi) { return n >= lo && n <= hi; }

/* TABARI eliminates comma-delimited clauses by their length in words:
 * first the internal ones ("X, a senior official, said"), taking their
 * commas with them; then, of the commas left, the clause before the first
 * and the one after the last (", a senior official said."), each kind with
 * its own bounds. */
static void an_comma_clauses(dyad_coder *c)
{
    const code_opts *o = &c->opt;
    int32_t commas[CODE_MAX_TOKENS];
    int n = 0, left = 0;
    if (!o->comma_on) return;
    for (int32_t i = 0; (size_t)i < c->n_tok; i++)
        if (c->tok[i].cls == TC_COMMA && !c->tok[i].comma_in_list && c->tok[i].item < 0)
            commas[n++] = i;
    for (int k = 0; k + 1 < n; k++)
        if (an_between(an_word_count(c, commas[k] + 1, commas[k + 1] - 1), o->comma_min,
                       o->comma_max))
            an_delete(c, commas[k], commas[k + 1]);
    for (int k = 0; k < n; k++)
        if (!c->tok[commas[k]].deleted) commas[left++] = commas[k];
    if (!left) return;
    int32_t last = (int32_t)c->n_tok - 1;
    if (an_between(an_word_count(c, 0, commas[0] - 1), o->comma_bmin, o->comma_bmax))
        an_delete(c, 0, commas[0]);
    if (an_between(an_word_count(c, commas[left - 1] + 1, last), o->comma_emin, o->comma_emax))
        an_delete(c, commas[left - 1], last);
}

/* A phrase that lost a word with an eliminated clause is cancelled. */
static void an_cancel_cut(dyad_coder *c)
{
    for (size_t i = 0; i < c->n_tok; i++) {
        if (!c->tok[i].deleted || c->tok[i].item < 0) continue;
        code_item *it = &c->items[c->tok[i].item];
        it->kind = IT_NONE;
    }
    for (size_t i = 0; i < c->n_tok; i++)
        if (c->tok[i].item >= 0 && c->items[c->tok[i].item].kind == IT_NONE) {
            c->tok[i].item = -1;
            c->tok[i].deleted = 1;
        }
}

/* ---- 6. compounds and pronouns ------------------------------------------------- */

static int an_is_actor_start(const dyad_coder *c, int32_t i)
{
    if (!code_live(c, i)) return 0;
    if (c->tok[i].cls == TC_PRON && c->tok[i].item < 0)
        return an_refers_back(c); /* PETRARCH resolves no pronoun */
    return an_actor_item_at(c, i, 1) >= 0;
}

/* "the country", "the nation" (not "the country's", not "the country of
 * origin") refer back like a pronoun, to a country. */
static void an_mark_anaphors(dyad_coder *c)
{
    if (an_dict(c)->flavor != DICT_FLAVOR_DYAD) return;
    for (size_t i = 1; i < c->n_tok; i++) {
        code_tok *t = &c->tok[i];
        if (t->item >= 0 || c->tok[i - 1].item >= 0 || !an_is(c->tok[i - 1].t, "THE") ||
            !(an_is(t->t, "COUNTRY") || an_is(t->t, "NATION")))
            continue;
        if (i + 1 < c->n_tok && c->tok[i + 1].cls == TC_LINK) continue;
        t->cls = TC_PRON;
        t->anaphor = 1;
    }
}

static int32_t an_unit_last(const dyad_coder *c, int32_t i)
{
    if (c->tok[i].item < 0) return i; /* a pronoun */
    return (int32_t)c->items[c->tok[i].item].last;
}

static int an_skippable(const dyad_coder *c, int32_t j)
{
    if (c->tok[j].cls == TC_DET && c->tok[j].item < 0) return 1;
    return c->tok[j].item >= 0 && c->items[c->tok[j].item].kind == IT_ADJ;
}

/* PETRARCH reads a compound from the parse, where "the evil awful Gondor"
 * is one noun phrase: a lower-case word no dictionary knows may stand
 * before a member like an adjective. */
static int an_plain_modifier(const dyad_coder *c, int32_t j)
{
    const code_tok *t = &c->tok[j];
    return t->item < 0 && t->cls == TC_WORD && t->t->kind != TOK_PUNCT &&
           !(t->t->flags & TOK_CAPITALIZED);
}

/* "Ithilen and the government of Gondor": in a parse the member is the
 * noun phrase "the government of Gondor", whose actor stands after the
 * agent. From an agent at j, the token where that actor starts; else j. */
static int32_t an_past_agent(const dyad_coder *c, int32_t j)
{
    if (!code_live(c, j) || c->tok[j].item < 0 || c->items[c->tok[j].item].kind != IT_AGENT)
        return j;
    int32_t k = code_next_live(c, (int32_t)c->items[c->tok[j].item].last, 1);
    for (int n = 0; n < 3 && code_live(c, k) && c->tok[k].item < 0 &&
                    (c->tok[k].cls == TC_LINK || c->tok[k].cls == TC_DET);
         n++)
        k = code_next_live(c, k, 1);
    return an_actor_item_at(c, k, 1) >= 0 ? k : j;
}

/* Where the next member of a compound starts after token `last`: a comma
 * and/or a conjunction, then determiners and adjectives. -1 when none;
 * *conj tells whether a conjunction was passed. */
static int32_t an_link(const dyad_coder *c, int32_t last, int *conj)
{
    int32_t j = code_next_live(c, last, 1), comma = -1;
    int petrarch = an_dict(c)->flavor != DICT_FLAVOR_TABARI, plain = 0;
    *conj = 0;
    if (petrarch && an_kind_at(c, j, IT_AGENT)) /* "Danish media and government" */
        j = code_next_live(c, (int32_t)c->items[c->tok[j].item].last, 1);
    if (petrarch && an_possessive(c->tok[last].t)) /* "Ithilen's sheep and goats of Gondor" */
        for (int n = 0; n < 2 && code_live(c, j) && an_plain_modifier(c, j); n++)
            j = code_next_live(c, j, 1);
    if (code_live(c, j) && c->tok[j].cls == TC_COMMA && c->tok[j].item < 0) {
        comma = j;
        j = code_next_live(c, j, 1);
    }
    if (code_live(c, j) && c->tok[j].cls == TC_CONJ && c->tok[j].item < 0 &&
        !an_is(c->tok[j].t, "BUT")) { /* "X but Y" is two clauses, never a compound */
        *conj = 1;
        j = code_next_live(c, j, 1);
    }
    int32_t from = j;
    while (code_live(c, j) && !an_is_actor_start(c, j) &&
           (an_skippable(c, j) || (petrarch && an_plain_modifier(c, j) && ++plain <= 2)))
        j = code_next_live(c, j, 1);
    if (petrarch && plain && code_live(c, j) && c->tok[j].cls == TC_LINK) { /* goats of X */
        j = code_next_live(c, j, 1);
        while (code_live(c, j) && c->tok[j].cls == TC_DET) j = code_next_live(c, j, 1);
    }
    if (petrarch) j = an_past_agent(c, j);
    if (comma < 0 && !*conj && petrarch) return -1; /* a parse keeps "X awful Y" apart */
    if (comma < 0 && !*conj) {
        /* "the evil Arnor awful Gondor": actors kept apart only by
         * adjectives are listed too (TABARI's COMPOUND-13). */
        if (j == from || c->tok[from].cls == TC_DET) return -1;
        *conj = 1;
    }
    return an_is_actor_start(c, j) ? j : -1;
}

static int an_comma_between(const dyad_coder *c, int32_t a, int32_t b)
{
    for (int32_t j = a + 1; j < b; j++)
        if (code_live(c, j) && c->tok[j].cls == TC_COMMA) return 1;
    return 0;
}

/* The units of the compound that starts at token i, into units[] (at most
 * max); returns how many. "X, Y and Z" is a compound, "X, Y" is not: comma
 * links count only when a conjunction link comes after them. */
static int an_chain(const dyad_coder *c, int32_t i, int32_t *units, int max)
{
    int n = 0, upto = 1, conj;
    int petrarch = an_dict(c)->flavor != DICT_FLAVOR_TABARI;
    units[n++] = i;
    for (int32_t u = i; n < max;) {
        int32_t next = an_link(c, an_unit_last(c, u), &conj);
        if (next < 0) break;
        /* "between X and Y, and Z and W": a comma after a conjunction
         * starts another noun phrase in a parse */
        if (petrarch && upto > 1 && an_comma_between(c, an_unit_last(c, u), next)) break;
        units[n++] = u = next;
        if (conj) upto = n;
    }
    return upto;
}

/* Marks the commas and conjunctions inside compounds, which bound nothing;
 * with PETRARCH dictionaries also a comma between two words no dictionary
 * knows ("complete, full diplomatic ties"), which a parse keeps inside its
 * noun phrase. */
static void an_mark_lists(dyad_coder *c)
{
    int32_t units[AN_MAX_CHAIN];
    if (an_dict(c)->flavor != DICT_FLAVOR_TABARI)
        for (int32_t i = 1; (size_t)i + 1 < c->n_tok; i++)
            if (c->tok[i].cls == TC_COMMA && c->tok[i].item < 0 && an_plain_modifier(c, i - 1) &&
                an_plain_modifier(c, i + 1))
                c->tok[i].comma_in_list = 1;
    for (int32_t i = 0; (size_t)i < c->n_tok; i++) {
        if (!an_is_actor_start(c, i)) continue;
        int n = an_chain(c, i, units, AN_MAX_CHAIN);
        for (int k = 0; k + 1 < n; k++)
            for (int32_t j = an_unit_last(c, units[k]) + 1; j < units[k + 1]; j++)
                if (c->tok[j].cls == TC_COMMA || c->tok[j].cls == TC_CONJ)
                    c->tok[j].comma_in_list = 1;
        i = an_unit_last(c, units[n - 1]);
    }
}

/* Members [from, n_mem) cut to their country ("the country" after
 * "Zimbabwe's army"); members with no country are dropped. */
static int an_keep_countries(dyad_coder *c, uint32_t from)
{
    size_t kept = from;
    for (size_t m = from; m < c->n_mem; m++) {
        char country[4];
        if (!an_country_of(c->mem[m].code, country)) continue;
        const char *code = dyad_arena_strdup(&c->scratch, country);
        if (!code) return DYAD_ENOMEM;
        c->mem[kept] = c->mem[m];
        c->mem[kept].code = c->mem[kept].root = code;
        kept++;
    }
    c->n_mem = kept;
    return 0;
}

/* Appends members[from..from+n) again; tok >= 0 gives them that token as
 * their span (a pronoun standing for them). */
static int an_copy_members(dyad_coder *c, uint32_t from, uint32_t n, int32_t tok)
{
    for (uint32_t k = 0; k < n; k++) {
        if (an_reserve(&c->mem, &c->cap_mem, c->n_mem + 1, sizeof *c->mem)) return DYAD_ENOMEM;
        c->mem[c->n_mem] = c->mem[from + k];
        if (tok >= 0) c->mem[c->n_mem].first = c->mem[c->n_mem].last = (uint32_t)tok;
        c->n_mem++;
    }
    return 0;
}

/* Appends the members of the unit at token i (an actor, or a pronoun that
 * stands for the sentence's first group) to the newest group. */
static int an_unit_members(dyad_coder *c, int32_t i)
{
    uint32_t before = (uint32_t)c->n_mem;
    int rc = 0;
    if (c->tok[i].item >= 0) {
        const code_item *it = &c->items[c->tok[i].item];
        rc = an_copy_members(c, it->mem, it->n_mem, -1);
    } else if (c->n_groups >= 2) {
        rc = an_copy_members(c, c->groups[0].mem, c->groups[0].n_mem, i);
    } else if (c->forward_code[0]) {
        const char *code = dyad_arena_strdup(&c->scratch, c->forward_code);
        if (!code || an_reserve(&c->mem, &c->cap_mem, c->n_mem + 1, sizeof *c->mem))
            return DYAD_ENOMEM;
        code_member m = {code, code, (uint32_t)i, (uint32_t)i, 0};
        c->mem[c->n_mem++] = m;
    }
    if (!rc && c->tok[i].anaphor) rc = an_keep_countries(c, before);
    c->groups[c->n_groups - 1].n_mem += (uint32_t)c->n_mem - before;
    return rc;
}

static int an_groups(dyad_coder *c)
{
    c->n_groups = 0;
    if (an_reserve(&c->group_at, &c->cap_group_at, 2 * (c->n_tok + 1), sizeof(int32_t)))
        return DYAD_ENOMEM;
    c->group_at_first = c->group_at;
    c->group_at_last = c->group_at + c->n_tok + 1;
    for (size_t i = 0; i < c->n_tok; i++) c->group_at_first[i] = c->group_at_last[i] = -1;
    for (int32_t i = 0; (size_t)i < c->n_tok; i++) {
        if (!an_is_actor_start(c, i)) continue;
        if (an_reserve(&c->groups, &c->cap_groups, c->n_groups + 1, sizeof *c->groups))
            return DYAD_ENOMEM;
        code_group *g = &c->groups[c->n_groups++];
        g->first = (uint32_t)i;
        g->mem = (uint32_t)c->n_mem;
        g->n_mem = 0;
        int32_t units[AN_MAX_CHAIN], last = i;
        int n = an_chain(c, i, units, AN_MAX_CHAIN);
        for (int k = 0; k < n; k++) {
            if (an_unit_members(c, units[k])) return DYAD_ENOMEM;
            last = an_unit_last(c, units[k]);
        }
        g = &c->groups[c->n_groups - 1];
        g->last = (uint32_t)last;
        if (!g->n_mem) { /* an unresolved pronoun */
            c->n_groups--;
        } else {
            c->group_at_first[i] = (int32_t)(c->n_groups - 1);
            c->group_at_last[last] = (int32_t)(c->n_groups - 1);
        }
        i = last;
    }
    return 0;
}

/* dyad's rules, when a verb codes: a lone agent nothing else owned ("---CVL"
 * in "Iranian security forces fired on protesters") belongs to the country
 * of the sentence's first actor before it. 0 or DYAD_ENOMEM. */
int code_lone_agents(dyad_coder *c)
{
    if (an_dict(c)->flavor != DICT_FLAVOR_DYAD) return 0;
    for (size_t g = 0; g < c->n_groups; g++) {
        code_group *lone = &c->groups[g];
        char country[4];
        int found = 0;
        for (size_t k = 0; k < g && !found; k++)
            for (uint32_t m = c->groups[k].mem; m < c->groups[k].mem + c->groups[k].n_mem && !found; m++)
                found = an_country_of(c->mem[m].code, country);
        for (uint32_t m = lone->mem; found && m < lone->mem + lone->n_mem; m++) {
            if (strncmp(c->mem[m].code, "---", 3)) continue;
            char merged[CODE_MAX_CODE + 4];
            snprintf(merged, sizeof merged, "%s%s", country, c->mem[m].code + 3);
            if (!(c->mem[m].code = dyad_arena_strdup(&c->scratch, merged))) return DYAD_ENOMEM;
        }
    }
    return 0;
}

/* ---- clause bounds ------------------------------------------------------------ */

static int an_kind_at(const dyad_coder *c, int32_t i, int kind)
{
    return code_live(c, i) && c->tok[i].item >= 0 && c->items[c->tok[i].item].kind == kind;
}

/* A conjunction bounds clauses unless it joins a compound, two nouns (the
 * second may have determiners and adjectives before it), two adjectives,
 * or sits inside a phrase. */
enum { AN_MAX_REPORTER = 8 }; /* words of ", a senior Bree official said" */

/* A comma before a reporting clause (", a senior official said on
 * Saturday"): a short run that opens with a determiner or a dictionary
 * phrase and holds an actor, with no comma or verb in it, then a verb.
 * PETRARCH parses that clause apart and codes its verb on its own, with
 * the run as subject. */
static int an_reporter_comma(const dyad_coder *c, int32_t i)
{
    const code_tok *t = &c->tok[i];
    if (t->cls != TC_COMMA || t->deleted || t->item >= 0 || t->comma_in_list) return 0;
    int actor = 0;
    int32_t j = code_next_live(c, i, 1);
    if (!code_live(c, j) || (c->tok[j].cls != TC_DET && c->tok[j].item < 0)) return 0;
    for (int n = 0; code_live(c, j) && n <= AN_MAX_REPORTER; n++, j = code_next_live(c, j, 1)) {
        const code_tok *u = &c->tok[j];
        if (u->cls == TC_COMMA || u->cls == TC_CONJ || u->cls == TC_PRON) return 0;
        int kind = u->item >= 0 ? c->items[u->item].kind : IT_NONE;
        if (kind == IT_VERB && !c->items[u->item].noun) return actor;
        actor |= kind == IT_ACTOR;
    }
    return 0;
}

static int an_noun_verb(const dyad_coder *c, int32_t i)
{
    return an_kind_at(c, i, IT_VERB) && c->items[c->tok[i].item].noun;
}

static void an_clause_bounds(dyad_coder *c)
{
    int petrarch = an_dict(c)->flavor != DICT_FLAVOR_TABARI;
    for (int32_t i = 0; (size_t)i < c->n_tok; i++) {
        if (petrarch && an_reporter_comma(c, i)) c->tok[i].conj_bound = 1;
        code_tok *t = &c->tok[i];
        if (t->cls != TC_CONJ || t->deleted || t->item >= 0 || t->comma_in_list) continue;
        int32_t p = code_next_live(c, i, -1), n = code_next_live(c, i, 1), noun = n;
        while (code_live(c, noun) && an_skippable(c, noun)) noun = code_next_live(c, noun, 1);
        if ((an_kind_at(c, p, IT_NOUN) && an_kind_at(c, noun, IT_NOUN)) ||
            (an_kind_at(c, p, IT_ADJ) && an_kind_at(c, n, IT_ADJ)))
            continue;
        if (petrarch && code_live(c, p) && code_live(c, n) &&
            ((an_plain_modifier(c, p) && an_plain_modifier(c, n)) ||
             (an_noun_verb(c, p) && an_noun_verb(c, n))))
            continue; /* "awful and evil", "bombing and shelling": one noun phrase */
        t->conj_bound = 1;
    }
}

static void an_all_caps(dyad_coder *c)
{
    c->all_caps = 1;
    for (size_t i = 0; i < c->text_len; i++)
        if (c->text[i] >= 'a' && c->text[i] <= 'z') {
            c->all_caps = 0;
            return;
        }
}

/* Remembers the sentence's first actor for pronouns in the next one:
 * TABARI's first actor phrase; with dyad's dictionaries the first group,
 * which may itself be a pronoun that referred back. */
static void an_forward(dyad_coder *c)
{
    if (an_dict(c)->flavor == DICT_FLAVOR_DYAD && c->n_groups && c->groups[0].n_mem) {
        const char *root = c->mem[c->groups[0].mem].root;
        if (strlen(root) < sizeof c->forward_code) strcpy(c->forward_code, root);
        return;
    }
    for (size_t i = 0; i < c->n_items; i++) {
        const code_item *it = &c->items[i];
        if (it->kind != IT_ACTOR || !it->n_mem || c->tok[it->first].deleted) continue;
        const char *root = c->mem[it->mem].root;
        if (strlen(root) < sizeof c->forward_code) strcpy(c->forward_code, root);
        return;
    }
}

static uint32_t an_post_slot(const dyad_coder *c, uint32_t word) { return code_post_slot(c, word); }

/* The postings of the live tokens (see code_post), and the running count of
 * clause commas (pattern gaps do not cross them). */
static int an_postings(dyad_coder *c)
{
    size_t slots = 64;
    while (slots < 2 * c->n_hits) slots *= 2;
    if (an_reserve(&c->post, &c->cap_post, c->n_hits + 1, sizeof *c->post) ||
        an_reserve(&c->post_head, &c->cap_post_head, 2 * slots, sizeof *c->post_head) ||
        an_reserve(&c->commas_before, &c->cap_commas, c->n_tok + 1, sizeof *c->commas_before))
        return DYAD_ENOMEM;
    c->post_mask = (uint32_t)slots - 1;
    memset(c->post_head, 0xff, 2 * slots * sizeof *c->post_head);
    c->n_post = 0;
    c->commas_before[0] = 0;
    for (size_t i = 0; i < c->n_tok; i++) {
        const code_tok *t = &c->tok[i];
        int comma = !t->deleted && t->cls == TC_COMMA && !t->comma_in_list;
        c->commas_before[i + 1] = c->commas_before[i] + (uint32_t)comma;
        for (uint32_t h = 0; !t->deleted && h < t->n_hits; h++) {
            code_post *p = &c->post[c->n_post];
            p->word = c->hits[t->hit + h].word;
            p->tok = (int32_t)i;
            int32_t *head = &c->post_head[2 * an_post_slot(c, p->word)];
            p->next[0] = head[0]; /* pushed in ascending order: reads descending */
            head[0] = (int32_t)c->n_post++;
        }
    }
    for (size_t k = c->n_post; k-- > 0;) { /* pushed in descending order */
        int32_t *head = &c->post_head[2 * an_post_slot(c, c->post[k].word)];
        c->post[k].next[1] = head[1];
        head[1] = (int32_t)k;
    }
    return 0;
}


/* ---- new actors ----------------------------------------------------------------- */

enum { AN_NEW_ACTOR_BYTES = 128 };

/* A word of a noun phrase no dictionary knows. */
static int an_unknown_word(const dyad_coder *c, int32_t i)
{
    const code_tok *t = &c->tok[i];
    return code_live(c, i) && t->item < 0 && t->t->kind == TOK_WORD &&
           (t->cls == TC_WORD || t->cls == TC_DET || t->cls == TC_LINK);
}

/* The object: after the verb, one lower-case preposition, then a
 * determiner and capitalised words, OF allowed between them. */
static int an_object_phrase(const dyad_coder *c, const code_item *v, int32_t hi, int32_t *from,
                            int32_t *to)
{
    int32_t i = code_next_live(c, (int32_t)v->last, 1);
    if (i <= hi && an_unknown_word(c, i) && !(c->tok[i].t->flags & TOK_CAPITALIZED) &&
        c->tok[i].cls != TC_DET)
        i = code_next_live(c, i, 1);
    *from = i;
    if (i <= hi && code_live(c, i) && c->tok[i].cls == TC_DET) i = code_next_live(c, i, 1);
    int32_t last = -1;
    for (; i <= hi && an_unknown_word(c, i); i = code_next_live(c, i, 1)) {
        if (c->tok[i].t->flags & TOK_CAPITALIZED) last = i;
        else if (c->tok[i].cls != TC_LINK || last < 0) break;
    }
    *to = last;
    return last >= 0;
}

int code_new_actor(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi, int after,
                   code_member *out)
{
    int32_t from = lo, to = (int32_t)v->first - 1;
    if (after && !an_object_phrase(c, v, hi, &from, &to)) return 0;
    if (from > to) return 0;
    char text[AN_NEW_ACTOR_BYTES];
    size_t n = 0;
    int words = 0;
    text[n++] = '"';
    for (int32_t i = from; i <= to; i = code_next_live(c, i, 1)) {
        if (!an_unknown_word(c, i) || ++words > c->opt.new_actor_length) return 0;
        const text_token *t = c->tok[i].t;
        size_t len = an_possessive(t) ? t->norm_len - (t->norm[t->norm_len - 1] == 'S' ? 2 : 1)
                                      : t->norm_len;
        if (n + len + 3 > sizeof text) return 0;
        if (words > 1) text[n++] = ' ';
        memcpy(text + n, t->norm, len);
        n += len;
    }
    text[n++] = '"';
    text[n] = '\0';
    const char *code = dyad_arena_strdup(&c->scratch, text);
    if (!code) return DYAD_ENOMEM;
    *out = (code_member){code, code, (uint32_t)from, (uint32_t)to, 0};
    return 1;
}

int code_analyze(dyad_coder *c)
{
    int rc = an_tokens(c);
    if (rc) return rc;
    if (c->opt.min_words && an_word_count(c, 0, (int32_t)c->n_tok - 1) < c->opt.min_words)
        return 1;
    an_all_caps(c);
    if ((rc = an_phrases(c)) || (rc = an_codes(c)) || (rc = an_agents(c))) return rc;
    if (c->flags & DYAD_RESULT_DISCARD) return 1;
    an_mark_lists(c);
    an_comma_clauses(c);
    an_cancel_cut(c);
    an_mark_anaphors(c);
    if ((rc = an_groups(c))) return rc;
    an_forward(c);
    an_clause_bounds(c);
    return an_postings(c);
}
