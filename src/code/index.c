/*
 * index.c -- compiles the dictionary model into the coder's matching index.
 *
 * The one idea: a token is looked up once. Every word of every phrase and
 * pattern is interned in a character trie; walking a token down the trie
 * meets, in one pass, every dictionary word that is the token itself, a
 * prefix of it (TABARI stems) or the token less a regular ending. The
 * resulting "hits" (word id + how it matched) are all the matchers ever
 * look at, so phrase and pattern matching compare small integers, never
 * strings, and the per-word flags (stem, endings, '=') decide which hits
 * count.
 *
 * Phrases (actors, agents, verbs and their forms, time shifts, nouns,
 * adjectives, discards) are grouped by their first word and sorted longest
 * first, so the tagger tries only phrases that can start at a token, and
 * the first full match of a given length wins. Patterns are split at the
 * verb into the part before it (matched backwards) and after it, and
 * sorted by TABARI's length (letters) so the longest pattern is tried
 * first. With PETRARCH dictionaries a verb listed in several blocks gets
 * the patterns of all its entries, as PETRARCH merges them.
 */
#include "code.h"

#include <stdlib.h>
#include <string.h>

struct code_tnode {
    uint32_t child;   /* first child, 0 = none */
    uint32_t sibling; /* next sibling, 0 = none */
    uint32_t word;    /* vocabulary id + 1 of the word ending here, 0 = none */
    uint32_t parent;  /* for the edge table; 0 under a root */
    unsigned char c;
};

/* The frozen trie: nodes renumbered breadth-first, so the children of a
 * node are the contiguous range [first, first + n) and a lookup scans a few
 * adjacent bytes instead of chasing sibling pointers. */
struct code_fnode {
    uint32_t first;  /* first child */
    uint32_t word;   /* vocabulary id + 1, 0 = none */
    uint16_t n;      /* children */
    unsigned char c; /* this node's character */
};

/* Longest token the trie walks; longer ones match nothing longer anyway. */
enum { INDEX_MAX_TOKEN = 256 };

static uint32_t index_node_new(code_index *x, unsigned char c)
{
    if (x->n_nodes == 0 && !dyad_grow(&x->nodes, &x->n_nodes, &x->cap_nodes, sizeof *x->nodes))
        return 0; /* node 0 is the "none" sentinel */
    code_tnode *n = dyad_grow(&x->nodes, &x->n_nodes, &x->cap_nodes, sizeof *x->nodes);
    if (!n) return 0;
    n->c = c;
    return (uint32_t)(x->n_nodes - 1);
}

/* While the trie is built, (parent, character) -> child goes through an
 * open-addressed hash table instead of the sibling list: a few thousand
 * words share each of the busy first letters, and the list walk was most
 * of the dictionary compile. Slots hold child ids; 0 is empty. */
static uint32_t index_edge_slot(uint32_t parent, unsigned char c, uint32_t mask)
{
    /* Fibonacci hashing keeps the high bits: the low bits of the product
     * follow the key's and cluster under linear probing. */
    uint64_t h = ((uint64_t)parent << 8 | c) * UINT64_C(0x9E3779B97F4A7C15);
    return (uint32_t)(h >> 32) & mask;
}

static uint32_t index_child(const code_index *x, uint32_t node, unsigned char c)
{
    if (!x->edges) return 0;
    for (uint32_t s = index_edge_slot(node, c, x->edge_mask);; s = (s + 1) & x->edge_mask) {
        uint32_t k = x->edges[s];
        if (!k) return 0;
        if (x->nodes[k].parent == node && x->nodes[k].c == c) return k;
    }
}

/* Records the edge to `child`; grows the table at half full. */
static int index_edge_add(code_index *x, uint32_t child)
{
    if (2 * (x->n_edges + 1) > (size_t)x->edge_mask + 1 || !x->edges) {
        size_t slots = x->edges ? 2 * ((size_t)x->edge_mask + 1) : 4096;
        if (slots > (size_t)UINT32_MAX) return DYAD_ENOMEM;
        uint32_t *t = calloc(slots, sizeof *t);
        if (!t) return DYAD_ENOMEM;
        uint32_t mask = (uint32_t)(slots - 1);
        for (size_t i = 0; x->edges && i <= x->edge_mask; i++) {
            uint32_t k = x->edges[i];
            if (!k) continue;
            uint32_t s = index_edge_slot(x->nodes[k].parent, x->nodes[k].c, mask);
            while (t[s]) s = (s + 1) & mask;
            t[s] = k;
        }
        free(x->edges);
        x->edges = t;
        x->edge_mask = mask;
    }
    uint32_t s = index_edge_slot(x->nodes[child].parent, x->nodes[child].c, x->edge_mask);
    while (x->edges[s]) s = (s + 1) & x->edge_mask;
    x->edges[s] = child;
    x->n_edges++;
    return 0;
}

/* Words already interned, by their text: most dictionary words recur
 * (patterns repeat a verb's objects hundreds of times), and one hash of
 * the string is cheaper than walking the trie a character at a time. Only
 * used while the index is built; the texts belong to the dictionary model. */
struct code_iname {
    const char *text; /* NULL = empty slot */
    uint32_t hash, id;
};

static uint32_t index_name_hash(const char *text)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *s = (const unsigned char *)text; *s; s++) h = (h ^ *s) * 16777619u;
    return h;
}

static code_iname *index_name_slot(code_iname *t, uint32_t mask, const char *text, uint32_t h)
{
    uint32_t i = (uint32_t)((h * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
    while (t[i].text && (t[i].hash != h || strcmp(t[i].text, text))) i = (i + 1) & mask;
    return &t[i];
}

/* Makes room for one more name; the table stays at most half full. */
static int index_name_reserve(code_index *x)
{
    if (x->names && 2 * (x->n_names + 1) <= (size_t)x->name_mask + 1) return 0;
    size_t slots = x->names ? 2 * ((size_t)x->name_mask + 1) : 4096;
    if (slots > (size_t)UINT32_MAX) return DYAD_ENOMEM;
    code_iname *t = calloc(slots, sizeof *t);
    if (!t) return DYAD_ENOMEM;
    uint32_t mask = (uint32_t)(slots - 1);
    for (size_t i = 0; x->names && i <= x->name_mask; i++)
        if (x->names[i].text) *index_name_slot(t, mask, x->names[i].text, x->names[i].hash) = x->names[i];
    free(x->names);
    x->names = t;
    x->name_mask = mask;
    return 0;
}

static uint32_t index_intern_trie(code_index *x, const char *text);

/* Interns `text`; returns its id, or UINT32_MAX when out of memory. */
static uint32_t index_intern(code_index *x, const char *text)
{
    if (index_name_reserve(x)) return UINT32_MAX;
    uint32_t h = index_name_hash(text);
    code_iname *slot = index_name_slot(x->names, x->name_mask, text, h);
    if (slot->text) return slot->id;
    uint32_t id = index_intern_trie(x, text);
    if (id == UINT32_MAX) return id;
    *slot = (code_iname){text, h, id};
    x->n_names++;
    return id;
}

static uint32_t index_intern_trie(code_index *x, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    if (!*s) s = (const unsigned char *)"\x01"; /* an empty word matches nothing */
    uint32_t node = x->root[*s];
    if (!node) {
        if (!(node = index_node_new(x, *s))) return UINT32_MAX;
        x->root[*s] = node;
    }
    for (s++; *s; s++) {
        uint32_t next = index_child(x, node, *s);
        if (!next) {
            if (!(next = index_node_new(x, *s))) return UINT32_MAX;
            x->nodes[next].sibling = x->nodes[node].child;
            x->nodes[next].parent = node;
            x->nodes[node].child = next;
            if (index_edge_add(x, next)) return UINT32_MAX;
        }
        node = next;
    }
    if (!x->nodes[node].word) x->nodes[node].word = ++x->n_words;
    return x->nodes[node].word - 1;
}

static int index_sibilant(char c) { return c == 'S' || c == 'X' || c == 'Z' || c == 'H' || c == 'O'; }

/* What the rest of a token after a dictionary word makes of it. TABARI
 * accepts S ES ED EN ING (and D after E) on verbs, S ES 'S ' S' on nouns.
 * Whole-word dictionaries (PETRARCH) want English forms instead: ES only
 * after a sibilant, no EN, and a doubled final consonant (STOPPED,
 * STOPPING). Called for every prefix hit, so it compares bytes. */
static uint8_t index_ending(const char *tok, size_t at, size_t len, int english)
{
    const char *s = tok + at;
    char last = at > 0 ? tok[at - 1] : '\0';
    switch (len - at) {
    case 1:
        if (s[0] == 'S') return HIT_VERB_END | HIT_NOUN_END;
        if (s[0] == '\'') return HIT_NOUN_END | HIT_POSSESSIVE;
        return s[0] == 'D' && last == 'E' ? HIT_VERB_END : 0;
    case 2:
        if (s[0] == 'E' && s[1] == 'S')
            return !english || index_sibilant(last) ? HIT_VERB_END | HIT_NOUN_END : 0;
        if (s[0] == 'E' && s[1] == 'D') return HIT_VERB_END;
        if (s[0] == 'E' && s[1] == 'N') return english ? 0 : HIT_VERB_END;
        if ((s[0] == '\'' && s[1] == 'S') || (s[0] == 'S' && s[1] == '\''))
            return HIT_NOUN_END | HIT_POSSESSIVE;
        return 0;
    case 3:
        if (s[0] == 'I' && s[1] == 'N' && s[2] == 'G') return HIT_VERB_END;
        return english && s[0] == last && s[1] == 'E' && s[2] == 'D' ? HIT_VERB_END : 0;
    case 4:
        return english && s[0] == last && !memcmp(s + 1, "ING", 3) ? HIT_VERB_END : 0;
    }
    return 0;
}

static uint32_t index_frozen_child(const code_index *x, uint32_t node, unsigned char c)
{
    const code_fnode *f = &x->frozen[node];
    for (uint32_t k = f->first, end = f->first + f->n; k < end; k++)
        if (x->frozen[k].c == c) return k;
    return 0;
}

/* The word spelled s[0..n) + `last`, exactly: its id + 1, or 0. */
static uint32_t index_exact(const code_index *x, const char *s, size_t n, char last)
{
    uint32_t node = x->frozen_root[(unsigned char)s[0]];
    for (size_t i = 1; node && i < n; i++) node = index_frozen_child(x, node, (unsigned char)s[i]);
    if (node) node = index_frozen_child(x, node, (unsigned char)last);
    return node ? x->frozen[node].word : 0;
}

/* English forms that change the word's last letter, for whole-word
 * dictionaries: ACCUSING from ACCUSE, HURRIES and HURRIED from HURRY.
 * Writes at most one hit. */
static size_t index_respelled(const code_index *x, const char *tok, size_t len, code_hit *out)
{
    if (len < 5) return 0;
    const char *end = tok + len - 3;
    uint32_t w = 0;
    uint8_t kind = HIT_PREFIX | HIT_VERB_END;
    if (!memcmp(end, "ING", 3)) {
        w = index_exact(x, tok, len - 3, 'E');
    } else if (!memcmp(end, "IES", 3) || !memcmp(end, "IED", 3)) {
        w = index_exact(x, tok, len - 3, 'Y');
        if (end[2] == 'S') kind |= HIT_NOUN_END;
    }
    if (!w) return 0;
    out->word = w - 1;
    out->kind = kind;
    return 1;
}

size_t code_index_hits(const code_index *x, const char *tok, size_t len, code_hit *out,
                       size_t cap)
{
    size_t n = 0;
    if (len == 0 || len > INDEX_MAX_TOKEN || !x->frozen) return 0;
    uint32_t node = x->frozen_root[(unsigned char)tok[0]];
    for (size_t i = 1; node && n < cap; i++) {
        uint32_t w = x->frozen[node].word;
        if (w) { /* the ending is worked out only where a word ends */
            uint8_t kind = i == len ? HIT_EXACT
                                    : (uint8_t)(HIT_PREFIX |
                                                index_ending(tok, i, len, !x->has_stems));
            /* Without stems a bare prefix matches nothing: not worth a hit. */
            if (kind != HIT_PREFIX || x->has_stems) {
                out[n].word = w - 1;
                out[n].kind = kind;
                n++;
            }
        }
        if (i == len) break;
        node = index_frozen_child(x, node, (unsigned char)tok[i]);
    }
    if (!x->has_stems && n < cap) n += index_respelled(x, tok, len, out + n);
    return n;
}

/* Renumbers the built trie breadth-first into x->frozen (see code_fnode). */
static int index_freeze(code_index *x)
{
    size_t n = x->n_nodes ? x->n_nodes : 1;
    uint32_t *queue = malloc(n * sizeof *queue);
    x->frozen = calloc(n, sizeof *x->frozen);
    if (!queue || !x->frozen) {
        free(queue);
        return DYAD_ENOMEM;
    }
    uint32_t tail = 1; /* frozen node 0 is the "none" sentinel, like nodes[0] */
    for (int c = 0; c < 256; c++) {
        if (!x->root[c]) continue;
        x->frozen_root[c] = tail;
        queue[tail++] = x->root[c];
    }
    for (uint32_t head = 1; head < tail; head++) {
        const code_tnode *old = &x->nodes[queue[head]];
        code_fnode *f = &x->frozen[head];
        f->c = old->c;
        f->word = old->word;
        f->first = tail;
        for (uint32_t k = old->child; k; k = x->nodes[k].sibling) {
            queue[tail++] = k;
            f->n++;
        }
    }
    free(queue);
    free(x->edges);
    x->edges = NULL;
    x->edge_mask = 0;
    x->n_edges = 0;
    free(x->names);
    x->names = NULL;
    x->name_mask = 0;
    x->n_names = 0;
    free(x->nodes);
    x->nodes = NULL;
    x->n_nodes = x->cap_nodes = 0;
    return 0;
}

int code_word_match(const code_word *w, const code_hit *hits, size_t n_hits, unsigned ends)
{
    for (size_t i = 0; i < n_hits; i++) {
        if (hits[i].word != w->id) continue;
        uint8_t k = hits[i].kind;
        if (k & HIT_EXACT) return 1;
        if (w->flags & DICT_W_STEM) return 1;
        if (w->flags & DICT_W_NOENDINGS) return 0;
        return (w->flags & DICT_W_ENDINGS) && (k & ends);
    }
    return 0;
}

/* ---- phrases -------------------------------------------------------------- */

static int index_words(code_index *x, const dict_phrase *p, code_word **out)
{
    code_word *w = dyad_arena_alloc(&x->arena, (p->n_words ? p->n_words : 1) * sizeof *w);
    if (!w) return DYAD_ENOMEM;
    for (uint32_t i = 0; i < p->n_words; i++) {
        w[i].id = index_intern(x, p->words[i].text);
        if (w[i].id == UINT32_MAX) return DYAD_ENOMEM;
        w[i].flags = p->words[i].flags;
        x->has_stems |= (w[i].flags & DICT_W_STEM) != 0;
    }
    *out = w;
    return 0;
}

/* PETRARCH readers list whole words; inflection is the coder's to allow:
 * regular forms on the verb word of a verb with generated forms, and the
 * possessive or plural on the last word of a noun phrase (the parsers
 * PETRARCH relies on split "Gondor's" into two tokens). */
static void index_petrarch_endings(const dict *d, code_phrase *ph)
{
    if (d->flavor == DICT_FLAVOR_TABARI) return;
    uint32_t at = ph->n - 1;
    if (ph->kind == CK_VERB) {
        const dict_verb *v = &d->verbs[ph->entry];
        if (!v->generate_forms) return;
        at = v->verb_word < ph->n ? v->verb_word : 0;
    } else if (ph->kind != CK_ACTOR && ph->kind != CK_AGENT) {
        return;
    }
    ph->words[at].flags |= DICT_W_ENDINGS;
}

static int index_add_phrase(code_index *x, const dict_phrase *p, code_kind kind, size_t entry)
{
    if (!p->n_words) return 0;
    code_phrase *ph = dyad_grow(&x->phrases, &x->n_phrases, &x->cap_phrases, sizeof *ph);
    if (!ph) return DYAD_ENOMEM;
    ph->kind = (uint8_t)kind;
    ph->entry = (uint32_t)entry;
    ph->order = (uint32_t)(x->n_phrases - 1);
    ph->n = p->n_words;
    for (uint32_t i = 0; i < p->n_words; i++) ph->letters += (uint32_t)strlen(p->words[i].text);
    return index_words(x, p, &ph->words);
}

static int index_add_phrases(code_index *x, const dict *d)
{
    int rc = 0;
    size_t first = x->n_phrases;
    for (size_t i = 0; !rc && i < d->n_actors; i++)
        for (uint32_t k = 0; !rc && k < d->actors[i].n_phrases; k++)
            rc = index_add_phrase(x, &d->actors[i].phrases[k], CK_ACTOR, i);
    for (size_t i = 0; !rc && i < d->n_agents; i++)
        for (uint32_t k = 0; !rc && k < d->agents[i].n_phrases; k++)
            rc = index_add_phrase(x, &d->agents[i].phrases[k], CK_AGENT, i);
    for (size_t i = 0; !rc && i < d->n_verbs; i++) {
        rc = index_add_phrase(x, &d->verbs[i].phrase, CK_VERB, i);
        for (uint32_t k = 0; !rc && k < d->verbs[i].n_forms; k++)
            rc = index_add_phrase(x, &d->verbs[i].forms[k], CK_VERB, i);
    }
    /* A time phrase's context patterns ("- * AND A WEEK") are not used:
     * the bare phrase's shift applies. */
    for (size_t i = 0; !rc && i < d->n_times; i++)
        if (!d->times[i].context.n_elems) rc = index_add_phrase(x, &d->times[i].phrase, CK_TIME, i);
    for (size_t i = 0; !rc && i < d->n_nouns; i++)
        rc = index_add_phrase(x, &d->nouns[i], CK_NOUN, i);
    for (size_t i = 0; !rc && i < d->n_adjectives; i++)
        rc = index_add_phrase(x, &d->adjectives[i], CK_ADJ, i);
    for (size_t i = 0; !rc && i < d->n_discards; i++)
        rc = index_add_phrase(x, &d->discards[i].phrase, CK_DISCARD, i);
    for (size_t i = first; !rc && i < x->n_phrases; i++) index_petrarch_endings(d, &x->phrases[i]);
    return rc;
}

typedef struct index_key {
    uint32_t first, second, n, order;
} index_key;

/* By first word; then longest first, then file order: the first full
 * match the tagger meets is the one to keep. */
static int index_cmp_key(const void *a, const void *b)
{
    const index_key *ka = a, *kb = b;
    if (ka->first != kb->first) return ka->first < kb->first ? -1 : 1;
    if (ka->n != kb->n) return ka->n > kb->n ? -1 : 1;
    return ka->order < kb->order ? -1 : ka->order > kb->order;
}

/* By first word, then second word (UINT32_MAX, a one-word phrase, last),
 * then as index_cmp_key: see code_index.by_pair. */
static int index_cmp_pair(const void *a, const void *b)
{
    const index_key *ka = a, *kb = b;
    if (ka->first != kb->first) return ka->first < kb->first ? -1 : 1;
    if (ka->second != kb->second) return ka->second < kb->second ? -1 : 1;
    return index_cmp_key(a, b);
}

/* Groups phrase indexes by first word: by_first[first_start[w] ..
 * first_start[w + 1]) are the phrases that start with word w. */
static int index_group(code_index *x)
{
    size_t words = (size_t)x->n_words + 1, n = x->n_phrases ? x->n_phrases : 1;
    x->first_start = calloc(words, sizeof *x->first_start);
    x->by_first = calloc(n, sizeof *x->by_first);
    x->by_pair = calloc(n, sizeof *x->by_pair);
    x->by_pair_second = calloc(n, sizeof *x->by_pair_second);
    index_key *keys = calloc(n, sizeof *keys);
    if (!x->first_start || !x->by_first || !x->by_pair || !x->by_pair_second || !keys) {
        free(keys);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < x->n_phrases; i++) {
        keys[i].first = x->phrases[i].words[0].id;
        keys[i].second = x->phrases[i].n > 1 ? x->phrases[i].words[1].id : UINT32_MAX;
        keys[i].n = x->phrases[i].n;
        keys[i].order = (uint32_t)i;
        x->first_start[keys[i].first + 1]++;
    }
    qsort(keys, x->n_phrases, sizeof *keys, index_cmp_key);
    for (size_t i = 0; i < x->n_phrases; i++) x->by_first[i] = keys[i].order;
    qsort(keys, x->n_phrases, sizeof *keys, index_cmp_pair);
    for (size_t i = 0; i < x->n_phrases; i++) {
        x->by_pair[i] = keys[i].order;
        x->by_pair_second[i] = keys[i].second;
    }
    for (size_t w = 1; w < words; w++) x->first_start[w] += x->first_start[w - 1];
    free(keys);
    return 0;
}

/* ---- patterns ------------------------------------------------------------- */

static int index_seq(code_index *x, const dict_elem *e, uint32_t n, code_seq *out);

static int index_elem(code_index *x, const dict_elem *e, code_elem *out)
{
    out->kind = (uint8_t)e->kind;
    out->adjacent = e->adjacent || (e->kind == DICT_E_WORD && (e->word.flags & DICT_W_ADJACENT));
    if (e->kind == DICT_E_WORD) {
        out->w.id = index_intern(x, e->word.text);
        if (out->w.id == UINT32_MAX) return DYAD_ENOMEM;
        out->w.flags = e->word.flags;
        x->has_stems |= (out->w.flags & DICT_W_STEM) != 0;
    } else if (e->kind == DICT_E_ALT) {
        out->alts = dyad_arena_alloc(&x->arena, (e->n_alts ? e->n_alts : 1) * sizeof *out->alts);
        if (!out->alts) return DYAD_ENOMEM;
        out->n_alts = e->n_alts;
        for (uint32_t k = 0; k < e->n_alts; k++) {
            int rc = index_seq(x, e->alts[k].elems, e->alts[k].n_elems, &out->alts[k]);
            if (rc) return rc;
        }
    }
    return 0;
}

/* PETRARCH-2 group brackets carry no constraint the coder checks: dropped. */
static int index_seq(code_index *x, const dict_elem *e, uint32_t n, code_seq *out)
{
    out->elems = dyad_arena_alloc(&x->arena, (n ? n : 1) * sizeof *out->elems);
    if (!out->elems) return DYAD_ENOMEM;
    out->n = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (e[i].kind == DICT_E_GROUP_OPEN || e[i].kind == DICT_E_GROUP_CLOSE) continue;
        int rc = index_elem(x, &e[i], &out->elems[out->n]);
        if (rc) return rc;
        out->n++;
    }
    return 0;
}

static int index_has_actor(const code_seq *s)
{
    for (uint32_t i = 0; i < s->n; i++) {
        uint8_t k = s->elems[i].kind;
        if (k == DICT_E_SOURCE || k == DICT_E_TARGET || k == DICT_E_BOTH) return 1;
        for (uint32_t a = 0; a < s->elems[i].n_alts; a++)
            if (index_has_actor(&s->elems[i].alts[a])) return 1;
    }
    return 0;
}

static int index_is_synset(const dict *d, const dict_seq *alts)
{
    for (size_t i = 0; i < d->n_synsets; i++)
        if (d->synsets[i].alts == alts) return 1;
    return 0;
}

/* TABARI's pattern length: the letters of its words, with { a | b }
 * counting its first alternative and a synset counting nothing (the
 * validation suite's SYNSET-07 and PATTERN-33 depend on both). */
static uint32_t index_letters(const dict *d, const dict_elem *e, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (e[i].kind == DICT_E_WORD) {
            for (const char *s = e[i].word.text; *s; s++) k += (*s >= 'A' && *s <= 'Z');
        } else if (e[i].kind == DICT_E_ALT && e[i].n_alts && !index_is_synset(d, e[i].alts)) {
            k += index_letters(d, e[i].alts[0].elems, e[i].alts[0].n_elems);
        }
    }
    return k;
}

static void index_need(const code_seq *s, code_pattern *p)
{
    for (uint32_t i = 0; i < s->n && p->n_need < CODE_NEED_MAX; i++)
        if (s->elems[i].kind == DICT_E_WORD)
            p->need[p->n_need++] = (uint16_t)code_bloom_bit(s->elems[i].w.id);
}

static int index_pattern(code_index *x, const dict *d, const dict_pattern *p, code_pattern *out)
{
    const dict_elem *e = p->seq.elems;
    uint32_t n = p->seq.n_elems, verb = 0;
    memset(out, 0, sizeof *out);
    while (verb < n && e[verb].kind != DICT_E_VERB) verb++;
    if (verb == n) return DICT_E_VERB; /* no '*': not a usable pattern */
    int rc = index_seq(x, e, verb, &out->upper);
    if (!rc) rc = index_seq(x, e + verb + 1, n - verb - 1, &out->lower);
    if (rc) return rc;
    out->verb_adjacent = e[verb].adjacent || (e[verb].word.flags & DICT_W_ADJACENT);
    out->has_actor = index_has_actor(&out->upper) || index_has_actor(&out->lower);
    out->letters = index_letters(d, e, n);
    index_need(&out->upper, out);
    index_need(&out->lower, out);
    out->src = p;
    out->complex = (p->code.flags & DICT_EC_COMPLEX) != 0;
    return 0;
}

static int index_cmp_pattern(const void *a, const void *b)
{
    const code_pattern *pa = a, *pb = b;
    if (pa->letters != pb->letters) return pa->letters > pb->letters ? -1 : 1;
    return pa->src < pb->src ? -1 : pa->src > pb->src; /* file order */
}

/* "BURN DOWN" from its words, for rule_text. */
static const char *index_join(code_index *x, const dict_phrase *p)
{
    size_t n = 1;
    for (uint32_t i = 0; i < p->n_words; i++) n += strlen(p->words[i].text) + 1;
    char *s = dyad_arena_alloc(&x->arena, n), *o = s;
    if (!s) return NULL;
    for (uint32_t i = 0; i < p->n_words; i++) {
        size_t k = strlen(p->words[i].text);
        if (i) *o++ = ' ';
        memcpy(o, p->words[i].text, k);
        o += k;
    }
    *o = '\0';
    return s;
}

static int index_verbs(code_index *x, const dict *d)
{
    x->verbs = calloc(d->n_verbs ? d->n_verbs : 1, sizeof *x->verbs);
    if (!x->verbs) return DYAD_ENOMEM;
    for (size_t i = 0; i < d->n_verbs; i++) {
        const dict_verb *v = &d->verbs[i];
        code_verb *cv = &x->verbs[i];
        if (!(cv->text = index_join(x, &v->phrase))) return DYAD_ENOMEM;
        cv->patterns = dyad_arena_alloc(&x->arena, (v->n_patterns ? v->n_patterns : 1) *
                                                       sizeof *cv->patterns);
        if (!cv->patterns) return DYAD_ENOMEM;
        for (uint32_t k = 0; k < v->n_patterns; k++) {
            int rc = index_pattern(x, d, &v->patterns[k], &cv->patterns[cv->n_patterns]);
            if (rc == DYAD_ENOMEM) return rc;
            if (!rc) cv->n_patterns++;
        }
        qsort(cv->patterns, cv->n_patterns, sizeof *cv->patterns, index_cmp_pattern);
    }
    return 0;
}

typedef struct index_named_verb {
    const char *text;
    uint32_t i;
} index_named_verb;

static int index_cmp_named_verb(const void *a, const void *b)
{
    const index_named_verb *p = a, *q = b;
    int k = strcmp(p->text, q->text);
    return k ? k : (p->i > q->i) - (p->i < q->i);
}

/* PETRARCH merges the entries of a verb listed in several blocks ("---
 * SHOT [---] ---" and "--- SHOT [223] ---"): whichever entry tags the
 * verb, the patterns of all of them are tried, longest first. */
static int index_merge_verbs(code_index *x, const dict *d)
{
    index_named_verb *order = malloc((d->n_verbs ? d->n_verbs : 1) * sizeof *order);
    if (!order) return DYAD_ENOMEM;
    for (uint32_t i = 0; i < d->n_verbs; i++) order[i] = (index_named_verb){x->verbs[i].text, i};
    qsort(order, d->n_verbs, sizeof *order, index_cmp_named_verb);
    int rc = 0;
    for (size_t lo = 0, hi; !rc && lo < d->n_verbs; lo = hi) {
        uint32_t total = 0;
        for (hi = lo; hi < d->n_verbs && !strcmp(order[hi].text, order[lo].text); hi++)
            total += x->verbs[order[hi].i].n_patterns;
        if (hi - lo < 2 || !total) continue;
        code_pattern *all = dyad_arena_alloc(&x->arena, total * sizeof *all);
        if (!all) {
            rc = DYAD_ENOMEM;
            break;
        }
        uint32_t n = 0;
        for (size_t k = lo; k < hi; k++) {
            const code_verb *cv = &x->verbs[order[k].i];
            memcpy(all + n, cv->patterns, cv->n_patterns * sizeof *all);
            n += cv->n_patterns;
        }
        qsort(all, n, sizeof *all, index_cmp_pattern);
        for (size_t k = lo; k < hi; k++) {
            x->verbs[order[k].i].patterns = all;
            x->verbs[order[k].i].n_patterns = n;
        }
    }
    free(order);
    return rc;
}

int code_index_build(code_index *x, const dict *d, dyad_error *err)
{
    memset(x, 0, sizeof *x);
    int rc = index_add_phrases(x, d);
    if (!rc) rc = index_verbs(x, d);
    if (!rc && d->flavor != DICT_FLAVOR_TABARI) rc = index_merge_verbs(x, d);
    if (!rc) rc = index_group(x);
    if (!rc) rc = index_freeze(x);
    if (rc) {
        code_index_free(x);
        return dyad_fail(err, DYAD_ENOMEM, "compiling dictionaries: out of memory");
    }
    return 0;
}

void code_index_free(code_index *x)
{
    free(x->nodes);
    free(x->edges);
    free(x->names);
    free(x->frozen);
    free(x->phrases);
    free(x->by_first);
    free(x->by_pair);
    free(x->by_pair_second);
    free(x->first_start);
    free(x->verbs);
    dyad_arena_free(&x->arena);
    memset(x, 0, sizeof *x);
}
