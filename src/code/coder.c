/*
 * coder.c -- events from sentences: the public dyad_dicts_* and dyad_coder_*
 * functions, the coding options, and the clause logic that turns an
 * analysed sentence (actors.c) and verb codes (patterns.c) into events.
 *
 * The clause logic is TABARI's, as its validation suite pins it down. A
 * sentence splits into clauses at the conjunctions that do not join a
 * compound. In each clause the first verb whose code is not null is coded:
 * its source is the first actor before it (or the previous clause's
 * source; or, after a clause that coded nothing, the first of two actors
 * after the verb), its target the first actor after it that is not the
 * source, unless the pattern's $ + % ^ say otherwise, and the two swap in
 * the passive ("was opposed by"). A subordinate code ([023?], SAID) does
 * not end the clause and is dropped when anything else is coded; a
 * dominant one ([031!]) leaves only its own events. A compound source or
 * target gives one event per actor; [A:B] gives A one way and B the other.
 * Discard ([###]) and complex ([+++], too many verbs or conjunctions, no
 * actor before the verb under NOACTPRIOR) flag the sentence and drop its
 * events.
 *
 * PETRARCH reads the same roles off a parse tree; with its dictionaries
 * (dict->flavor) the clause logic stands in for the parse where the two
 * differ: a '%' compound sits where the pattern found it (subject or
 * object) and codes among itself only when the other side is empty, as
 * does a compound subject with no object; an opening prepositional phrase
 * holds no subject; a verb takes no subject from after it; with
 * new_actor_length a subject or object no dictionary knows is coded as its
 * text. TABARI dictionaries never take these paths.
 *
 * A coder is a value: options, scratch arrays and the events it hands back
 * are all in it, so coders never share mutable state; the dictionaries are
 * shared read-only. Scratch arrays grow to the largest sentence seen and
 * are reused, so steady coding does not allocate.
 */
#include "code.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_maint.h" /* dict_default_path */

/* ---- dictionaries ----------------------------------------------------------- */

dyad_dicts *code_dicts_compile(dict *model, dyad_error *err)
{
    dyad_dicts *d = calloc(1, sizeof *d);
    if (!d) {
        dict_free(model);
        dyad_fail(err, DYAD_ENOMEM, "compiling dictionaries: out of memory");
        return NULL;
    }
    d->model = model;
    if (code_index_build(&d->index, model, err)) {
        dict_free(model);
        free(d);
        return NULL;
    }
    return d;
}

dyad_dicts *dyad_dicts_load(const char *path, dyad_warn_fn warn, void *user, dyad_error *err)
{
    if (!path && !(path = dict_default_path(err))) return NULL;
    dict *model = dict_new(warn, user);
    if (!model) {
        dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    if (dict_load(model, path, err)) {
        dict_free(model);
        return NULL;
    }
    return code_dicts_compile(model, err);
}

void dyad_dicts_free(dyad_dicts *d)
{
    if (!d) return;
    code_index_free(&d->index);
    dict_free(d->model);
    free(d);
}

void dyad_dicts_stats_get(const dyad_dicts *d, dyad_dicts_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!d) return;
    const dict *m = d->model;
    for (size_t i = 0; i < m->n_actors; i++) out->actors += m->actors[i].n_phrases;
    for (size_t i = 0; i < m->n_agents; i++) out->agents += m->agents[i].n_phrases;
    for (size_t i = 0; i < m->n_verbs; i++) out->patterns += m->verbs[i].n_patterns;
    out->verbs = m->n_verbs;
    out->synsets = m->n_synsets;
    out->discards = m->n_discards;
}

/* ---- the coder ----------------------------------------------------------------- */

dyad_coder *dyad_coder_new(const dyad_dicts *d, dyad_error *err)
{
    if (!d) {
        dyad_fail(err, DYAD_EARG, "dyad_coder_new: no dictionaries");
        return NULL;
    }
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) {
        dyad_fail(err, DYAD_ENOMEM, "dyad_coder_new: out of memory");
        return NULL;
    }
    c->dicts = d;
    c->hit_cache = calloc(CODE_HIT_CACHE_SLOTS, sizeof *c->hit_cache);
    if (!c->hit_cache) {
        free(c);
        dyad_fail(err, DYAD_ENOMEM, "dyad_coder_new: out of memory");
        return NULL;
    }
    c->segmenting = 1;
    code_opts_default(&c->opt, d->model);
    /* The dictionaries' own option file: lines dyad does not know are left
     * out, as TABARI's reader skips them. */
    for (size_t i = 0; i < d->model->n_options; i++)
        dyad_coder_set_option(c, d->model->options[i], NULL);
    return c;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c) return;
    text_tokens_free(&c->toks);
    free(c->hit_cache);
    free(c->tok);
    free(c->hits);
    free(c->items);
    free(c->mem);
    free(c->groups);
    free(c->group_at);
    free(c->post);
    free(c->post_head);
    free(c->commas_before);
    free(c->events);
    free(c->spans);
    free(c->ev_flags);
    free(c->deps);
    free(c->tok_dep);
    dyad_arena_free(&c->scratch);
    free(c);
}

void dyad_coder_set_segmenting(dyad_coder *c, int on)
{
    if (c) c->segmenting = on != 0;
}

/* ---- events ---------------------------------------------------------------------- */

static dyad_span cs_span(const dyad_coder *c, uint32_t first, uint32_t last)
{
    dyad_span s = {c->tok[first].t->begin, c->tok[last].t->end};
    return s;
}

static int cs_emit(dyad_coder *c, const code_member *src, const code_member *tgt,
                   const char *code, const code_item *v, const code_verb_result *r)
{
    if (!code || !strcmp(src->code, tgt->code)) return 0;
    if (src->complex || tgt->complex) {
        c->flags |= DYAD_RESULT_COMPLEX;
        if (!c->why) c->why = "complex actor";
        return 0;
    }
    if (c->n_events >= CODE_MAX_EVENTS) { /* an article cannot grow memory without bound */
        if (!c->result.why) c->result.why = "more events than CODE_MAX_EVENTS: the rest dropped";
        return 0;
    }
    if (!dyad_grow(&c->events, &c->n_events, &c->cap_events, sizeof *c->events)) return DYAD_ENOMEM;
    if (c->cap_ev_flags < c->cap_events) {
        uint8_t *p = realloc(c->ev_flags, c->cap_events);
        if (!p) return DYAD_ENOMEM;
        c->ev_flags = p;
        c->cap_ev_flags = c->cap_events;
    }
    c->ev_flags[c->n_events - 1] = r->code->flags;
    dyad_event *e = &c->events[c->n_events - 1];
    const dyad_article *a = c->article;
    e->article_id = a->id;
    e->url = a->url;
    e->sentence_index = c->sentence_index;
    e->date = c->date;
    e->source = src->code;
    e->target = tgt->code;
    e->code = code;
    e->root_code[0] = code[0];
    e->root_code[1] = code[0] ? code[1] : '\0';
    e->has_goldstein = dyad_cameo_lookup(code, &e->quad_class, &e->goldstein) == 1;
    e->sentence = c->text;
    e->sentence_len = c->text_len;
    dyad_span none = {-1, -1};
    e->source_span = src->first == UINT32_MAX ? none : cs_span(c, src->first, src->last);
    e->target_span = tgt->first == UINT32_MAX ? none : cs_span(c, tgt->first, tgt->last);
    e->verb_span = cs_span(c, v->first, v->last);
    e->rule_file = r->origin ? r->origin->file : NULL;
    e->rule_line = r->origin ? (long)r->origin->line : 0;
    e->rule_text = r->rule_text;
    e->dep_path = c->dep_path;
    return 0;
}

/* Every source member against every target member; [A:B] adds B back. A
 * compound that is both (%) codes each pair of its members both ways. */
static int cs_events(dyad_coder *c, const code_member *src, uint32_t n_src,
                     const code_member *tgt, uint32_t n_tgt, int both, const code_item *v,
                     const code_verb_result *r)
{
    const dict_event_code *ec = r->code;
    const char *back = ec->paired ? ec->paired : (both ? ec->code : NULL);
    int rc = 0;
    for (uint32_t i = 0; !rc && i < n_src; i++)
        for (uint32_t j = both ? i + 1 : 0; !rc && j < n_tgt; j++) {
            rc = cs_emit(c, &src[i], &tgt[j], ec->code, v, r);
            if (!rc && back) rc = cs_emit(c, &tgt[j], &src[i], back, v, r);
        }
    return rc;
}

/* ---- clauses ---------------------------------------------------------------------- */

static int cs_skipped(const code_verb_result *r, int32_t g)
{
    for (int i = 0; i < r->n_skipped; i++)
        if (r->skipped[i] == g) return 1;
    return 0;
}

/* Do two groups stand for the same actors (a pronoun and its referent)? */
static int cs_same(const dyad_coder *c, int32_t a, int32_t b)
{
    if (a < 0 || b < 0) return 0;
    if (a == b) return 1;
    const code_group *x = &c->groups[a], *y = &c->groups[b];
    if (x->n_mem != y->n_mem) return 0;
    for (uint32_t i = 0; i < x->n_mem; i++)
        if (strcmp(c->mem[x->mem + i].code, c->mem[y->mem + i].code)) return 0;
    return 1;
}

/* A visit's place is whom it visits ("arrived in Beijing"). */
static int cs_visit(const code_verb_result *r)
{
    const char *code = r->code ? r->code->code : NULL;
    return code && (!strncmp(code, "042", 3) || !strncmp(code, "043", 3));
}

/* The first group starting in [from, to] that is not `not` (nor the same
 * actors) and was not passed over by ^. */
static int32_t cs_group_in(const dyad_coder *c, int32_t from, int32_t to, int32_t not,
                           const code_verb_result *r)
{
    for (int32_t i = from < 0 ? 0 : from; i <= to && (size_t)i < c->n_tok; i++) {
        int32_t g = c->group_at_first[i];
        if (g >= 0 && !cs_same(c, g, not) && !c->tok[i].deleted && !cs_skipped(r, g) &&
            (cs_visit(r) || !code_deps_is_place(c, g)))
            return g;
    }
    return -1;
}

static int cs_adverb(const text_token *t)
{
    return t->norm_len > 3 && !memcmp(t->norm + t->norm_len - 2, "LY", 2);
}

/* "was (fiercely) opposed (earlier) by X": a form of BE before the verb and
 * BY after it, before the first actor. */
static int cs_passive(const dyad_coder *c, const code_item *v, int32_t hi)
{
    int32_t p = code_next_live(c, (int32_t)v->first, -1);
    for (int k = 0; k < 2 && p >= 0 && cs_adverb(c->tok[p].t); k++) p = code_next_live(c, p, -1);
    if (p < 0 || c->tok[p].cls != TC_PASSIVE) return 0;
    for (int32_t q = code_next_live(c, (int32_t)v->last, 1); q >= 0 && q <= hi;
         q = code_next_live(c, q, 1)) {
        if (c->tok[q].cls == TC_BY) return 1;
        if (c->group_at_first[q] >= 0) return 0;
    }
    return 0;
}

/* Where the subject of a verb is looked for in [lo, before]: from lo, but
 * with PETRARCH dictionaries after an opening prepositional phrase and its
 * comma ("On improvement of Gondor's health centres, he said..."), which a
 * parse keeps out of the subject. */
static int32_t cs_subject_from(const dyad_coder *c, int32_t lo, int32_t before)
{
    static const char *const preps[] = {"ON", "IN", "AT", "AFTER", "BEFORE", "DURING", "FOR",
                                        "WITH", "FROM", "UNDER", "DESPITE", "AMID", "OVER"};
    if (c->dicts->model->flavor == DICT_FLAVOR_TABARI || !code_live(c, 0)) return lo;
    const text_token *t = c->tok[0].t;
    size_t k = 0;
    while (k < sizeof preps / sizeof preps[0] &&
           (t->norm_len != strlen(preps[k]) || memcmp(t->norm, preps[k], t->norm_len)))
        k++;
    if (k == sizeof preps / sizeof preps[0]) return lo;
    for (int32_t i = 1; i <= before; i++)
        if (code_live(c, i) && c->tok[i].cls == TC_COMMA && !c->tok[i].comma_in_list)
            return i >= lo ? i + 1 : lo;
    return lo;
}

typedef struct cs_roles {
    int32_t source, target;
    int both; /* the source compound codes among itself (%) */
    char path[CODE_DEP_PATH]; /* the parse's links, "" */
} cs_roles;

/* PETRARCH reads '%' as a compound in its place in the clause: after the
 * verb it is the object of the subject before the verb ("Eriador agrees
 * with the Philippines and France"); before it, PETRARCH-1 makes it the
 * subject of the verb's own object. The members code among themselves
 * only when the other side is empty. */
static void cs_petrarch_both(const dyad_coder *c, const code_item *v, int32_t lo, int32_t hi,
                             const code_verb_result *r, cs_roles *x)
{
    int flavor = c->dicts->model->flavor;
    if (flavor == DICT_FLAVOR_TABARI) return;
    int32_t g = x->source, other;
    if (c->groups[g].first > v->last) {
        if ((other = cs_group_in(c, lo, (int32_t)v->first - 1, g, r)) >= 0)
            x->source = other, x->both = 0;
    } else if (flavor == DICT_FLAVOR_PETRARCH1) {
        if ((other = cs_group_in(c, (int32_t)v->last + 1, hi, g, r)) >= 0)
            x->target = other, x->both = 0;
    }
}

/* What the clauses before this one leave it. */
typedef struct cs_state {
    int32_t source; /* the last source found, -1 */
    int coded;      /* the previous clause coded an event */
} cs_state;

/* Source and target groups of verb v in clause [lo, hi] (see the top). */
static cs_roles cs_find_roles(const dyad_coder *c, const code_item *v, int32_t lo, int32_t hi,
                              const code_verb_result *r, const cs_state *st)
{
    cs_roles x = {r->source, r->target, r->both, ""};
    int32_t before = (int32_t)v->first - 1, after = (int32_t)v->last + 1;
    int tabari = c->dicts->model->flavor == DICT_FLAVOR_TABARI;
    if (x.both) cs_petrarch_both(c, v, lo, hi, r, &x);
    int32_t dep_source, dep_target;
    code_deps_roles(c, v, &dep_source, &dep_target, x.path);
    if (x.source < 0 && dep_source >= 0 && !cs_skipped(r, dep_source) && !cs_same(c, dep_source, x.target))
        x.source = dep_source;
    if (x.target < 0 && dep_target >= 0 && !cs_skipped(r, dep_target) && !cs_same(c, dep_target, x.source))
        x.target = dep_target;
    int parsed = dep_source >= 0 || dep_target >= 0;
    if (x.source < 0)
        x.source = cs_group_in(c, cs_subject_from(c, lo, before), before, x.target, r);
    if (x.target < 0) x.target = cs_group_in(c, after, hi, x.source, r);
    if (x.target < 0 && x.source >= 0)
        x.target = cs_group_in(c, (int32_t)c->groups[x.source].last + 1, before, x.source, r);
    if (x.source < 0 && x.target >= 0 && r->target >= 0)
        x.source = cs_group_in(c, after, hi, x.target, r);
    if (x.source < 0 && x.target >= 0 && lo > 0 && !st->coded && tabari) {
        /* A later clause with no actor before its verb but two after it,
         * after a clause that coded nothing ("Gondor alleged and
         * acknowledged that X attacked Y"), codes those two. PETRARCH
         * gives a verb only its own subject. */
        int32_t next = cs_group_in(c, (int32_t)c->groups[x.target].last + 1, hi, x.target, r);
        if (next >= 0) x.source = x.target, x.target = next;
    }
    if (x.source < 0 && !cs_same(c, x.target, st->source)) x.source = st->source;
    if (!parsed && !r->has_actor && x.source >= 0 && x.target >= 0 && cs_passive(c, v, hi)) {
        int32_t t = x.source;
        x.source = x.target;
        x.target = t;
    }
    return x;
}

/* Members of one side of an event. */
typedef struct cs_side {
    const code_member *m;
    uint32_t n;
} cs_side;

static cs_side cs_group_side(const dyad_coder *c, int32_t g)
{
    cs_side s = {NULL, 0};
    if (g >= 0) s.m = &c->mem[c->groups[g].mem], s.n = c->groups[g].n_mem;
    return s;
}

/* With DEFAULT: options, a missing side takes the default code (SOURCE
 * with PRIOR, TARGET with AFTER), or else TABARI splits what there is: the
 * first actor of a compound becomes the source of the rest. */
static void cs_defaults(const dyad_coder *c, cs_side *src, cs_side *tgt, int32_t tgt_group,
                        const code_member *ds, const code_member *dt,
                        const code_verb_result *r)
{
    const code_opts *o = &c->opt;
    if (!src->n && o->default_source[0] && o->default_prior) {
        *src = (cs_side){ds, 1};
    } else if (!src->n && tgt->n >= 2) {
        *src = (cs_side){tgt->m, 1};
        *tgt = (cs_side){tgt->m + 1, tgt->n - 1};
    } else if (!src->n && tgt->n) {
        *src = *tgt;
        *tgt = cs_group_side(c, cs_group_in(c, (int32_t)c->groups[tgt_group].last + 1,
                                            (int32_t)c->n_tok - 1, tgt_group, r));
    }
    if (!tgt->n && o->default_target[0] && o->default_after) {
        *tgt = (cs_side){dt, 1};
    } else if (!tgt->n && src->n >= 2 && src->m != ds) {
        *tgt = (cs_side){src->m + 1, src->n - 1};
        src->n = 1;
    } else if (!tgt->n && o->default_target[0]) {
        *tgt = (cs_side){dt, 1};
    }
    if (!src->n && o->default_source[0]) *src = (cs_side){ds, 1};
}

static code_member cs_default(const char *code)
{
    code_member m = {code, code, UINT32_MAX, UINT32_MAX, 0};
    return m;
}

/* What PETRARCH makes of missing sides: a compound subject with no object
 * acts among itself ("Gondor and Osgiliath have renewed diplomatic ties");
 * with new_actor_length, a subject or object no dictionary knows is coded
 * as its text (into fresh[0], fresh[1]). 0, or DYAD_ENOMEM. */
static int cs_petrarch_sides(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi,
                             cs_side *src, cs_side *tgt, int *both, code_member fresh[2])
{
    if (!tgt->n && src->n >= 2) {
        *tgt = *src;
        *both = 1;
    }
    if (!c->opt.new_actor_length) return 0;
    int a = src->n ? 0 : code_new_actor(c, v, lo, hi, 0, &fresh[0]);
    int b = tgt->n ? 0 : code_new_actor(c, v, lo, hi, 1, &fresh[1]);
    if (a < 0 || b < 0) return DYAD_ENOMEM;
    if (a) *src = (cs_side){&fresh[0], 1};
    if (b) *tgt = (cs_side){&fresh[1], 1};
    return 0;
}

/* Does the rule that matched spell a negation itself (a dictionary's
 * guard: "- NOT * ATTEND [---]")? Then the parse's negation is its. */
static int cs_rule_negates(const code_verb_result *r)
{
    static const char *const words[] = {"NOT", "N'T", "NEVER", "NO"};
    const char *t = r->rule_text;
    for (size_t k = 0; t && k < sizeof words / sizeof *words; k++)
        for (const char *p = strstr(t, words[k]); p; p = strstr(p + 1, words[k])) {
            size_t n = strlen(words[k]);
            int start = p == t || !isalpha((unsigned char)p[-1]);
            int end = !isalpha((unsigned char)p[n]) && p[n] != '\'';
            if (start && end) return 1;
        }
    return 0;
}

/* A verb read as a noun ("the expulsion of USAID staff") codes only when
 * the parse names both who acts and on whom; it never ends the clause. */
static int cs_nominal(const dyad_coder *c, const code_item *v)
{
    int32_t source, target;
    char path[CODE_DEP_PATH];
    code_deps_roles(c, v, &source, &target, path);
    return source >= 0 && target >= 0;
}

/* Codes verb v; returns 1 when the clause is done, 0 to go on, <0 error. */
static int cs_verb(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi, cs_state *st)
{
    code_verb_result r;
    code_verb_match(c, v, lo, hi, &r);
    uint8_t f = r.code->flags;
    if (f & (DICT_EC_DISCARD | DICT_EC_COMPLEX)) {
        c->flags |= f & DICT_EC_DISCARD ? DYAD_RESULT_DISCARD : DYAD_RESULT_COMPLEX;
        c->why = f & DICT_EC_DISCARD ? "discard code on the verb" : "complex code on the verb";
        return 1;
    }
    if ((f & DICT_EC_NULL) || (!r.code->code && !r.code->paired)) return 0;
    /* Parsed only when a verb codes: most sentences never need it. */
    if (!c->prepared) {
        c->prepared = 1;
        int rc = c->parser && c->n_groups >= 2 ? code_deps_parse(c) : 0;
        if (rc || (rc = code_lone_agents(c))) return rc;
    }
    if (v->noun && !cs_nominal(c, v)) return 0;
    dict_event_code recoded;
    code_mood mood;
    code_deps_mood(c, v, &mood);
    if (mood.kind != CODE_MOOD_PLAIN && !cs_rule_negates(&r)) {
        const char *to = code_deps_recode(mood.kind, r.code->code);
        int asked = mood.kind == CODE_MOOD_DEMAND || mood.kind == CODE_MOOD_APPEAL;
        if (!to || (asked && (mood.source < 0 || mood.target < 0))) return 0;
        recoded = *r.code;
        recoded.code = to;
        recoded.paired = NULL;
        r.code = &recoded;
        if (asked) r.source = mood.source, r.target = mood.target, r.both = 0;
    }
    cs_roles x = cs_find_roles(c, v, lo, hi, &r, st);
    int defaults = c->opt.default_source[0] || c->opt.default_target[0];
    /* NOACTPRIOR looks at the text: an actor a pattern found after the
     * verb ("fighting between X and Y") does not count. */
    code_verb_result none = {0};
    int prior = st->source >= 0 || cs_group_in(c, lo, (int32_t)v->first - 1, -1, &none) >= 0;
    if ((x.source < 0 || !prior) && !defaults && c->opt.no_actor_prior) {
        c->flags |= DYAD_RESULT_COMPLEX;
        c->why = "no actor before the verb";
        return 1;
    }
    if (x.source >= 0) st->source = x.source;
    cs_side src = cs_group_side(c, x.source), tgt = cs_group_side(c, x.target);
    code_member ds = cs_default(c->opt.default_source), dt = cs_default(c->opt.default_target);
    if (defaults) cs_defaults(c, &src, &tgt, x.target, &ds, &dt, &r);
    code_member new_actors[2];
    if (c->dicts->model->flavor != DICT_FLAVOR_TABARI &&
        cs_petrarch_sides(c, v, lo, hi, &src, &tgt, &x.both, new_actors))
        return DYAD_ENOMEM;
    c->dep_path = x.path[0] ? dyad_arena_strdup(&c->scratch, x.path) : NULL;
    code_member null = cs_default("---");
    if (!c->opt.require_dyad && src.n && !tgt.n) tgt = (cs_side){&null, 1};
    int rc = cs_events(c, src.m, src.n, tgt.m, tgt.n, x.both, v, &r);
    if (rc) return rc;
    return !v->noun && !(f & DICT_EC_SUBORDINATE) && c->opt.code_by != CODE_BY_ALL;
}

static int cs_clause(dyad_coder *c, int32_t lo, int32_t hi, cs_state *st)
{
    size_t before = c->n_events;
    int rc = 0;
    for (size_t i = 0; !rc && i < c->n_items; i++) {
        const code_item *v = &c->items[i];
        if (v->kind != IT_VERB || (v->noun && !c->parser) || (int32_t)v->first < lo ||
            (int32_t)v->first > hi ||
            c->tok[v->first].deleted)
            continue;
        rc = cs_verb(c, v, lo, hi, st);
    }
    st->coded = c->n_events > before;
    return rc < 0 ? rc : 0;
}

/* TABARI's complexity limits: too many verbs or clause conjunctions. */
static int cs_too_complex(dyad_coder *c)
{
    int verbs = 0, conj = 0;
    for (size_t i = 0; i < c->n_items; i++)
        verbs += c->items[i].kind == IT_VERB && !c->items[i].noun &&
                 !c->tok[c->items[i].first].deleted;
    for (size_t i = 0; i < c->n_tok; i++) conj += c->tok[i].conj_bound;
    if (c->opt.max_verbs && verbs >= c->opt.max_verbs) c->why = "too many verbs";
    else if (c->opt.max_conj && conj >= c->opt.max_conj) c->why = "too many conjunctions";
    else return 0;
    c->flags |= DYAD_RESULT_COMPLEX;
    return 1;
}

/* A dominant code ([031!]) leaves only the dominant events; otherwise
 * subordinate events ([023?]) go when anything else was coded. Then
 * duplicates go. */
static void cs_tidy(dyad_coder *c, size_t first)
{
    uint8_t any = 0;
    for (size_t i = first; i < c->n_events; i++)
        any |= c->ev_flags[i] & DICT_EC_DOMINANT ? DICT_EC_DOMINANT
               : c->ev_flags[i] & DICT_EC_SUBORDINATE ? 0 : 1;
    size_t out = first;
    for (size_t i = first; i < c->n_events; i++) {
        const dyad_event *e = &c->events[i];
        uint8_t f = c->ev_flags[i];
        if ((any & DICT_EC_DOMINANT) && !(f & DICT_EC_DOMINANT)) continue;
        if ((any & 1) && (f & DICT_EC_SUBORDINATE)) continue;
        int dup = 0;
        for (size_t k = first; k < out && !dup; k++)
            dup = !strcmp(c->events[k].source, e->source) &&
                  !strcmp(c->events[k].target, e->target) && !strcmp(c->events[k].code, e->code);
        if (dup) continue;
        c->ev_flags[out] = f;
        c->events[out++] = *e;
    }
    c->n_events = out;
}

static int cs_sentence(dyad_coder *c)
{
    size_t first = c->n_events;
    c->flags = 0;
    c->why = NULL;
    c->date = c->article->date;
    int rc = code_analyze(c);
    if (rc < 0) return rc;
    c->n_dep = 0;
    c->prepared = 0;
    if (rc == 0 && !cs_too_complex(c)) {
        cs_state st = {-1, 0};
        int32_t lo = 0;
        for (int32_t i = 0; !rc && (size_t)i <= c->n_tok; i++) {
            if ((size_t)i < c->n_tok && !c->tok[i].conj_bound) continue;
            rc = cs_clause(c, lo, i - 1, &st);
            lo = i + 1;
            if (c->flags || (c->opt.code_by == CODE_BY_SENTENCE && c->n_events > first)) break;
        }
        if (rc < 0) return rc;
    }
    if (c->flags) {
        c->n_events = first; /* a discarded or complex sentence codes nothing */
        c->result.flags |= c->flags;
        if (!c->result.why) c->result.why = c->why;
    }
    cs_tidy(c, first);
    return 0;
}

/* Pronouns reach back across records only with FORWARD: and only within
 * one story: "FRWD-001-002" continues "FRWD-001-001". */
static void cs_story(dyad_coder *c, const char *id)
{
    char story[sizeof c->forward_story];
    const char *cut = strrchr(id, '-');
    size_t n = cut ? (size_t)(cut - id) : strlen(id);
    if (n >= sizeof story) n = sizeof story - 1;
    memcpy(story, id, n);
    story[n] = '\0';
    /* dyad's own dictionaries: every article is a story of its own. */
    int ours = c->dicts->model->flavor == DICT_FLAVOR_DYAD;
    if (ours || !c->opt.forward || strcmp(story, c->forward_story)) c->forward_code[0] = '\0';
    memcpy(c->forward_story, story, n + 1);
}

int dyad_coder_code(dyad_coder *c, const dyad_article *a, const dyad_result **out,
                    dyad_error *err)
{
    if (!c || !a || !out || (!a->text && a->text_len))
        return dyad_fail(err, DYAD_EARG, "dyad_coder_code: missing argument");
    *out = &c->result;
    memset(&c->result, 0, sizeof c->result);
    c->n_events = c->n_spans = 0;
    c->story_discard = 0;
    c->article = a;
    dyad_arena_reset(&c->scratch);
    cs_story(c, a->id);
    const char *text = a->text ? a->text : "";
    if (c->segmenting) {
        int rc = text_segment(text, a->text_len, &c->spans, &c->n_spans, &c->cap_spans);
        if (rc) return dyad_fail(err, rc, "%s: article %s: %s", a->file ? a->file : "-", a->id,
                                 dyad_strerror(rc));
    } else {
        text_span *s = dyad_grow(&c->spans, &c->n_spans, &c->cap_spans, sizeof *s);
        if (!s) return dyad_fail(err, DYAD_ENOMEM, "out of memory");
        size_t len = a->text_len < TEXT_MAX_SENTENCE_BYTES ? a->text_len : TEXT_MAX_SENTENCE_BYTES;
        s->begin = 0;
        s->end = (uint32_t)len;
    }
    for (size_t i = 0; i < c->n_spans; i++) {
        c->text = text + c->spans[i].begin;
        c->text_len = c->spans[i].end - c->spans[i].begin;
        c->sentence_index = (int)i;
        int rc = cs_sentence(c);
        if (rc) return dyad_fail(err, rc, "%s: article %s: %s", a->file ? a->file : "-", a->id,
                                 dyad_strerror(rc));
    }
    if (c->story_discard) c->n_events = 0;
    c->result.events = c->events;
    c->result.n_events = c->n_events;
    c->result.n_sentences = c->n_spans;
    return 0;
}
