/*
 * check.c -- lints a loaded dictionary model: what a maintainer wants to
 * hear before the coder quietly does something else than the file says.
 *
 *  - codes: event codes not in dyad's CAMEO table, actor codes not made of
 *    known parts (dyad_actor_code_check), agent codes with unknown parts;
 *  - clashes: one phrase in two actor groups, two agents or two verb blocks
 *    with different codes (the coder would use both, or the first);
 *  - dates: windows of one actor that overlap with different codes (the
 *    first wins), and blocks after an undated one (never used);
 *  - patterns that can never win: the coder tries a block's patterns
 *    longest first, ties in file order, so a later pattern with the same
 *    words as an earlier one whose joins it includes is never chosen.
 *
 * Clashes are found by sorting (phrase text, entry) pairs, not by comparing
 * every pair: the production PETRARCH-2 set has tens of thousands of them.
 * Each finding goes through dict_warn with the entry's file and line.
 */
#include <stdlib.h>
#include <string.h>

#include "dict/dict_read.h"
#include "dict/dict_maint.h"

/* Windows in messages are written as the dictionary's own format reads
 * them (TABARI's ends are inclusive, PETRARCH's exclusive). */
static dict_style style_of(const dict *d)
{
    return d->flavor == DICT_FLAVOR_TABARI ? DICT_STYLE_TABARI : DICT_STYLE_PETRARCH;
}

/* ---- codes ------------------------------------------------------------------ */

static void check_event_code(dict *d, dict_origin o, const dict_event_code *c)
{
    const char *codes[2] = {c->code, c->paired};
    for (int i = 0; i < 2; i++)
        if (codes[i] && !dyad_cameo_get(codes[i]))
            dict_warn(d, o.file, o.line, "unknown CAMEO event code %s (see dyad codes)", codes[i]);
}

static int special_actor_code(const char *code)
{
    return !strcmp(code, "---") || !strcmp(code, "###") || !strcmp(code, "+++");
}

static void check_actor_code(dict *d, dict_origin o, const char *code)
{
    char why[128];
    if (special_actor_code(code) || !dyad_actor_code_problem(code, why, sizeof why)) return;
    dict_warn(d, o.file, o.line, "unknown actor code %s: %s (see dyad codes --actors)", code, why);
}

/* An agent's code is parts only ("GOV", "GOVMED"), with no country. */
static void check_agent_code(dict *d, const dict_agent *a)
{
    size_t len = strlen(a->code);
    for (size_t at = 0; at < len; at += 3) {
        char part[4] = {0};
        memcpy(part, a->code + at, len - at < 3 ? len - at : 3);
        if (!dyad_actor_get(part))
            dict_warn(d, a->origin.file, a->origin.line, "unknown agent code %s: '%s' is not a "
                      "CAMEO actor-code part (see dyad codes --actors)", a->code, part);
    }
}

static void check_codes(dict *d)
{
    for (size_t i = 0; i < d->n_actors; i++)
        for (uint32_t c = 0; c < d->actors[i].n_codes; c++)
            check_actor_code(d, d->actors[i].origin, d->actors[i].codes[c].code);
    for (size_t i = 0; i < d->n_agents; i++) check_agent_code(d, &d->agents[i]);
    for (size_t i = 0; i < d->n_verbs; i++) {
        const dict_verb *v = &d->verbs[i];
        check_event_code(d, v->origin, &v->code);
        if (i && v->patterns == d->verbs[i - 1].patterns) continue; /* a block's, done */
        for (uint32_t p = 0; p < v->n_patterns; p++)
            check_event_code(d, v->patterns[p].origin, &v->patterns[p].code);
    }
}

/* ---- one phrase, two entries ------------------------------------------------ */

typedef struct keyed {
    char *key;      /* the phrase's words, blank-separated */
    size_t entry;   /* index in the dict's array */
} keyed;

static int compare_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static int push_key(dict *d, dict_vec *keys, const dict_phrase *ph, size_t entry)
{
    size_t size = 1;
    for (uint32_t i = 0; i < ph->n_words; i++) size += strlen(ph->words[i].text) + 1;
    keyed *k = dict_vec_push(keys, sizeof *k);
    if (!k || !(k->key = dyad_arena_alloc(&d->arena, size))) return DYAD_ENOMEM;
    dict_phrase_text(ph, k->key, size);
    k->entry = entry;
    return 0;
}

/* How entries of one kind are compared and named. */
typedef struct clash_kind {
    const char *what;                                     /* "actor" */
    int (*same)(const dict *d, size_t a, size_t b);       /* same codes? */
    dict_origin (*origin)(const dict *d, size_t entry);
    void (*codes)(const dict *d, size_t entry, dyad_buf *out);
} clash_kind;

/* Sorted keys: each entry whose phrase an earlier entry has, with other
 * codes, is a finding (once per pair of entries). */
static int report_clashes(dict *d, dict_vec *keys, const clash_kind *kind)
{
    keyed *k = keys->items;
    if (keys->n) qsort(k, keys->n, sizeof *k, compare_keyed);
    dyad_buf mine = {0}, theirs = {0};
    size_t first = 0; /* where the run of this key starts */
    for (size_t i = 1; i < keys->n; i++) {
        if (strcmp(k[first].key, k[i].key)) {
            first = i;
            continue;
        }
        if (k[i - 1].entry == k[i].entry || kind->same(d, k[first].entry, k[i].entry)) continue;
        dict_origin o = kind->origin(d, k[i].entry), was = kind->origin(d, k[first].entry);
        dyad_buf_clear(&mine);
        dyad_buf_clear(&theirs);
        kind->codes(d, k[i].entry, &mine);
        kind->codes(d, k[first].entry, &theirs);
        dict_warn(d, o.file, o.line, "%s %s [%s] is also at %s:%u with other codes [%s]",
                  kind->what, k[i].key, mine.data ? mine.data : "", was.file, (unsigned)was.line,
                  theirs.data ? theirs.data : "");
    }
    dyad_buf_free(&mine);
    dyad_buf_free(&theirs);
    return 0;
}

static int same_actor_codes(const dict *d, size_t a, size_t b)
{
    const dict_actor *x = &d->actors[a], *y = &d->actors[b];
    if (x->n_codes != y->n_codes) return 0;
    for (uint32_t i = 0; i < x->n_codes; i++)
        if (strcmp(x->codes[i].code, y->codes[i].code) || x->codes[i].from != y->codes[i].from ||
            x->codes[i].to != y->codes[i].to)
            return 0;
    return 1;
}

static dict_origin actor_origin(const dict *d, size_t i) { return d->actors[i].origin; }

static void actor_codes(const dict *d, size_t i, dyad_buf *out)
{
    const dict_actor *a = &d->actors[i];
    for (uint32_t c = 0; c < a->n_codes; c++) {
        dyad_buf_printf(out, "%s%s", c ? " " : "", a->codes[c].code);
        if (a->codes[c].from || a->codes[c].to) dyad_buf_putc(out, ' ');
        dict_window_text(a->codes[c].from, a->codes[c].to, style_of(d), out);
    }
}

static int same_agent_codes(const dict *d, size_t a, size_t b)
{
    return d->agents[a].side == d->agents[b].side && !strcmp(d->agents[a].code, d->agents[b].code);
}

static dict_origin agent_origin(const dict *d, size_t i) { return d->agents[i].origin; }

static void agent_codes(const dict *d, size_t i, dyad_buf *out)
{
    const dict_agent *a = &d->agents[i];
    dyad_buf_printf(out, a->side == DICT_AGENT_PREFIX ? "%s~" : "~%s", a->code);
}

static int same_verb_codes(const dict *d, size_t a, size_t b)
{
    const dict_event_code *x = &d->verbs[a].code, *y = &d->verbs[b].code;
    return x->flags == y->flags && !strcmp(x->code ? x->code : "", y->code ? y->code : "") &&
           !strcmp(x->paired ? x->paired : "", y->paired ? y->paired : "");
}

static dict_origin verb_origin(const dict *d, size_t i) { return d->verbs[i].origin; }

static void verb_codes(const dict *d, size_t i, dyad_buf *out)
{
    dict_code_text(&d->verbs[i].code, out);
}

static int check_clashes(dict *d)
{
    static const clash_kind actors = {"actor", same_actor_codes, actor_origin, actor_codes};
    static const clash_kind agents = {"agent", same_agent_codes, agent_origin, agent_codes};
    static const clash_kind verbs = {"verb", same_verb_codes, verb_origin, verb_codes};
    dict_vec keys[3] = {{0}};
    int rc = 0;
    for (size_t i = 0; !rc && i < d->n_actors; i++)
        for (uint32_t p = 0; !rc && p < d->actors[i].n_phrases; p++)
            rc = push_key(d, &keys[0], &d->actors[i].phrases[p], i);
    for (size_t i = 0; !rc && i < d->n_agents; i++)
        for (uint32_t p = 0; !rc && p < d->agents[i].n_phrases; p++)
            rc = push_key(d, &keys[1], &d->agents[i].phrases[p], i);
    for (size_t i = 0; !rc && i < d->n_verbs; i++) rc = push_key(d, &keys[2], &d->verbs[i].phrase, i);
    if (!rc) rc = report_clashes(d, &keys[0], &actors);
    if (!rc) rc = report_clashes(d, &keys[1], &agents);
    if (!rc) rc = report_clashes(d, &keys[2], &verbs);
    for (int i = 0; i < 3; i++) dict_vec_free(&keys[i]);
    return rc;
}

/* ---- date windows ----------------------------------------------------------- */

static int windows_overlap(const dict_code_block *a, const dict_code_block *b)
{
    int32_t a_to = a->to ? a->to : INT32_MAX, b_to = b->to ? b->to : INT32_MAX;
    return a->from <= b_to && b->from <= a_to;
}

static void report_window(dict *d, const dict_actor *a, const dict_code_block *cb,
                          const dict_code_block *earlier, const char *why)
{
    dyad_buf mine = {0}, theirs = {0};
    char name[256];
    dict_phrase_text(&a->phrases[0], name, sizeof name);
    dict_window_text(cb->from, cb->to, style_of(d), &mine);
    dict_window_text(earlier->from, earlier->to, style_of(d), &theirs);
    dict_warn(d, a->origin.file, a->origin.line, "actor %s: [%s%s%s] %s [%s%s%s], which comes first",
              name, cb->code, mine.data ? " " : "",
              mine.data ? mine.data : "", why, earlier->code, theirs.data ? " " : "",
              theirs.data ? theirs.data : "");
    dyad_buf_free(&mine);
    dyad_buf_free(&theirs);
}

static void check_actor_dates(dict *d, const dict_actor *a)
{
    for (uint32_t j = 0; j < a->n_codes; j++) {
        const dict_code_block *cb = &a->codes[j];
        if (cb->flags & DICT_CB_COMPOUND) continue;
        for (uint32_t i = 0; i < j; i++) {
            const dict_code_block *earlier = &a->codes[i];
            if (earlier->flags & DICT_CB_COMPOUND) continue;
            if (!earlier->from && !earlier->to) {
                report_window(d, a, cb, earlier, "is never used after the undated");
                break;
            }
            if ((cb->from || cb->to) && windows_overlap(cb, earlier) && strcmp(cb->code, earlier->code)) {
                report_window(d, a, cb, earlier, "overlaps");
                break;
            }
        }
    }
}

/* ---- patterns that never win ---------------------------------------------------- */

typedef struct pattern_key {
    char *words;     /* the sequence without joins */
    uint32_t index;  /* in the block's array: file order */
} pattern_key;

static int compare_pattern_key(const void *a, const void *b)
{
    const pattern_key *x = a, *y = b;
    int c = strcmp(x->words, y->words);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Does every join of `general` also hold in `special` (same elements)? Then
 * `general` matches wherever `special` does. */
static int joins_included(const dict_seq *general, const dict_seq *special)
{
    for (uint32_t i = 0; i < general->n_elems && i < special->n_elems; i++) {
        const dict_elem *g = &general->elems[i], *s = &special->elems[i];
        int gj = g->kind == DICT_E_WORD ? (g->word.flags & DICT_W_ADJACENT) != 0
                                        : g->adjacent || (g->word.flags & DICT_W_ADJACENT);
        int sj = s->kind == DICT_E_WORD ? (s->word.flags & DICT_W_ADJACENT) != 0
                                        : s->adjacent || (s->word.flags & DICT_W_ADJACENT);
        if (gj && !sj) return 0;
    }
    return 1;
}

static int report_unused(dict *d, const dict_pattern *loser, const dict_pattern *winner, int same)
{
    dyad_buf mine = {0}, theirs = {0};
    int rc = dict_code_text(&loser->code, &mine);
    if (!rc) rc = dict_code_text(&winner->code, &theirs);
    if (!rc)
        dict_warn(d, loser->origin.file, loser->origin.line,
                  "pattern never used: %s the pattern at line %u [%s], which comes first%s%s%s",
                  same ? "the same words as" : "shadowed by (same words, fewer joins)",
                  (unsigned)winner->origin.line, theirs.data, same ? "; this one is [" : "",
                  same ? mine.data : "", same ? "]" : "");
    dyad_buf_free(&mine);
    dyad_buf_free(&theirs);
    return rc;
}

static int check_block_patterns(dict *d, const dict_pattern *p, uint32_t n)
{
    pattern_key *keys = calloc(n ? n : 1, sizeof *keys);
    dyad_buf text = {0};
    int rc = keys ? 0 : DYAD_ENOMEM;
    for (uint32_t i = 0; !rc && i < n; i++) {
        dyad_buf_clear(&text);
        rc = dict_seq_text(d, &p[i].seq, 0, &text);
        keys[i].index = i;
        if (!rc && !(keys[i].words = dyad_arena_strdup(&d->arena, text.data ? text.data : "")))
            rc = DYAD_ENOMEM;
    }
    if (!rc) qsort(keys, n, sizeof *keys, compare_pattern_key);
    for (uint32_t i = 1; !rc && i < n; i++) {
        for (uint32_t k = i; k-- > 0 && !strcmp(keys[k].words, keys[i].words);) {
            const dict_pattern *winner = &p[keys[k].index], *loser = &p[keys[i].index];
            if (!joins_included(&winner->seq, &loser->seq)) continue;
            rc = report_unused(d, loser, winner, joins_included(&loser->seq, &winner->seq));
            break;
        }
    }
    dyad_buf_free(&text);
    free(keys);
    return rc;
}

/* ---- all of it ---------------------------------------------------------------- */

int dict_check(dict *d, dyad_error *err)
{
    check_codes(d);
    int rc = check_clashes(d);
    for (size_t i = 0; i < d->n_actors; i++) check_actor_dates(d, &d->actors[i]);
    for (size_t i = 0; !rc && i < d->n_verbs; i++) {
        const dict_verb *v = &d->verbs[i];
        if (i && v->patterns == d->verbs[i - 1].patterns) continue;
        rc = check_block_patterns(d, v->patterns, v->n_patterns);
    }
    return rc ? dyad_fail(err, rc, "checking dictionaries: out of memory") : 0;
}
