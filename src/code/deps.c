/*
 * deps.c -- who did what to whom, read off dyad's dependency parse.
 *
 * The shallow coder guesses a verb's source and target from word order:
 * the first actor before the verb, the first after it. With a parser set
 * (dyad_coder_set_parser), each sentence is also tagged and parsed, every
 * coder token is tied to the parse word it starts in, and a verb's roles
 * come from its dependents:
 *
 *   source   nsubj; obl:agent of a passive ("criticised by the US"); the
 *            subject of the verb a conj or xcomp hangs from ("met and
 *            praised", "agreed to send"); nmod:poss or a "by" nmod of a
 *            noun ("Russia's delivery", "the expulsion ... by Zimbabwe")
 *   target   nsubj:pass; obj, iobj, then obl or nmod, nearest first
 *
 * An actor fills a role when its words hang, directly or through a few
 * heads, from that dependent ("Zimbabwe's army" from "army"; "an
 * agreement with Russia" from "agreement"). Roles a dictionary pattern
 * fixed ($, +) stand; a role the parse leaves empty falls back to word
 * order (coder.c).
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEP_MAX_CLIMB = 6 }; /* heads walked from an actor's word to a role */

static int dep_is(const code_dep *d, const char *rel) { return !strcmp(d->word->deprel, rel); }

static int dep_lemma(const code_dep *d, const char *lemma)
{
    return d->word->lemma && !strcmp(d->word->lemma, lemma);
}

static int dep_lemma_in(const code_dep *d, const char *const *lemmas)
{
    for (; *lemmas; lemmas++)
        if (dep_lemma(d, *lemmas)) return 1;
    return 0;
}

/* Heads from word w up to word to: the distance, or -1. */
static int dep_climb(const dyad_coder *c, int32_t w, int32_t to)
{
    for (int n = 0; w >= 0 && n <= DEP_MAX_CLIMB; n++, w = c->deps[w].head)
        if (w == to) return n;
    return -1;
}

/* Is group g only agents no actor claimed ("---MIL" for "warplanes")? */
static int dep_lone(const dyad_coder *c, const code_group *g)
{
    for (uint32_t m = g->mem; m < g->mem + g->n_mem; m++)
        if (strncmp(c->mem[m].code, "---", 3)) return 0;
    return 1;
}

/* The word a group's phrase hangs from: the one of its tokens whose head
 * lies outside the group's words; -1. */
static int32_t dep_group_head(const dyad_coder *c, const code_group *g)
{
    int32_t lo = -1, hi = -1;
    for (uint32_t i = g->first; i <= g->last; i++) {
        if (c->tok_dep[i] < 0) continue;
        if (lo < 0) lo = c->tok_dep[i];
        hi = c->tok_dep[i];
    }
    for (int32_t w = lo; w >= 0 && w <= hi; w++)
        if (c->deps[w].head < lo || c->deps[w].head > hi) return w;
    return -1;
}

/* Is word d a place where the clause happens ("signed a pact in Berlin",
 * "held talks in Oman")? An obl of the verb led by a preposition of
 * place; "sites in Iran" (an nmod) is part of what was hit, no place. */
static int dep_is_place(const dyad_coder *c, int32_t d)
{
    static const char *const places[] = {"in", "at", "near", "outside", "inside", "across",
                                         "throughout", "around", "within"};
    if (!dep_is(&c->deps[d], "obl")) return 0;
    for (size_t i = 0; i < c->n_dep; i++) {
        if (c->deps[i].head != d || !dep_is(&c->deps[i], "case")) continue;
        for (size_t k = 0; k < sizeof places / sizeof *places; k++)
            if (dep_lemma(&c->deps[i], places[k])) return 1;
    }
    return 0;
}

/* Does word d have a "by" among its dependents? */
static int dep_has_by(const dyad_coder *c, int32_t d)
{
    for (size_t i = 0; i < c->n_dep; i++)
        if (c->deps[i].head == d && dep_is(&c->deps[i], "case") && dep_lemma(&c->deps[i], "by"))
            return 1;
    return 0;
}

/* The group whose words hang nearest from word d, not `not`; -1. A named
 * actor beats a lone agent ("Sudanese army warplanes": SDNMIL). */
static int32_t dep_group(const dyad_coder *c, int32_t d, int32_t not)
{
    int32_t best = -1;
    int best_n = 2 * DEP_MAX_CLIMB + 2;
    for (size_t g = 0; g < c->n_groups; g++) {
        if ((int32_t)g == not) continue;
        const code_group *gr = &c->groups[g];
        for (uint32_t i = gr->first; i <= gr->last; i++) {
            if (c->tok[i].deleted || c->tok_dep[i] < 0) continue;
            int n = dep_climb(c, c->tok_dep[i], d);
            if (n >= 0 && dep_lone(c, gr)) n += DEP_MAX_CLIMB + 1;
            if (n >= 0 && n < best_n) best = (int32_t)g, best_n = n;
        }
    }
    return best;
}

/* A lone agent takes the country of a named actor that hangs from it:
 * "military sites in Iran" is IRNMIL, "facilities in the Russian city"
 * RUSMIL. 0 or DYAD_ENOMEM. */
static int dep_own_lone_agents(dyad_coder *c)
{
    for (size_t g = 0; g < c->n_groups; g++) {
        code_group *lone = &c->groups[g];
        int32_t head = dep_lone(c, lone) ? dep_group_head(c, lone) : -1;
        if (head < 0) continue;
        int32_t owner = -1;
        int best = DEP_MAX_CLIMB + 1;
        for (size_t k = 0; k < c->n_groups; k++) {
            const code_group *o = &c->groups[k];
            if (k == g || dep_lone(c, o)) continue;
            for (uint32_t i = o->first; i <= o->last; i++) {
                int n = c->tok_dep[i] < 0 ? -1 : dep_climb(c, c->tok_dep[i], head);
                if (n > 0 && n < best) owner = (int32_t)k, best = n;
            }
        }
        if (owner < 0 || best > 3) continue;
        const char *code = c->mem[c->groups[owner].mem].code;
        for (uint32_t m = lone->mem; m < lone->mem + lone->n_mem; m++) {
            char merged[CODE_MAX_CODE + 4];
            snprintf(merged, sizeof merged, "%.3s%s", code, c->mem[m].code + 3);
            const char *s = dyad_arena_strdup(&c->scratch, merged);
            if (!s) return DYAD_ENOMEM;
            c->mem[m].code = s;
        }
    }
    return 0;
}

int dyad_coder_wants_parser(const dyad_coder *c)
{
    return c && c->dicts->model->flavor == DICT_FLAVOR_DYAD;
}

int dyad_coder_set_parser(dyad_coder *c, dyad_parser *p)
{
    if (!c) return DYAD_EARG;
    c->parser = dyad_coder_wants_parser(c) ? p : NULL;
    return 0;
}

/* The parse of the coder's sentence, as one array with global heads (the
 * parser may split what the segmenter kept whole). */
int code_deps_parse(dyad_coder *c)
{
    c->n_dep = 0;
    if (!c->parser) return 0;
    const dyad_parse_sentence *s;
    size_t n_s;
    dyad_error err = {0};
    if (dyad_parser_text(c->parser, c->text, c->text_len, &s, &n_s, &err) < 0) return 0;
    for (size_t k = 0; k < n_s; k++) {
        size_t base = c->n_dep;
        for (size_t i = 0; i < s[k].n_words; i++) {
            code_dep *d = dyad_grow(&c->deps, &c->n_dep, &c->cap_deps, sizeof *d);
            if (!d) return DYAD_ENOMEM;
            const dyad_parse_word *w = &s[k].words[i];
            d->word = w;
            d->head = w->head ? (int32_t)(base + w->head - 1) : -1;
        }
    }
    if (c->cap_tok_dep < c->n_tok) {
        int32_t *p = realloc(c->tok_dep, c->n_tok * sizeof *p);
        if (!p) return DYAD_ENOMEM;
        c->tok_dep = p;
        c->cap_tok_dep = c->n_tok;
    }
    size_t w = 0;
    for (size_t i = 0; i < c->n_tok; i++) {
        uint32_t at = c->tok[i].t->begin;
        while (w < c->n_dep && c->deps[w].word->end <= at) w++;
        c->tok_dep[i] = w < c->n_dep && c->deps[w].word->begin <= at ? (int32_t)w : -1;
    }
    return dep_own_lone_agents(c);
}

int code_deps_is_place(const dyad_coder *c, int32_t g)
{
    if (!c->n_dep || g < 0) return 0;
    int32_t w = dep_group_head(c, &c->groups[g]);
    return w >= 0 && dep_is_place(c, w);
}

/* The dependents of predicate p that name its roles. */
typedef struct dep_roles {
    int32_t subj, pass_subj, agent, obj, iobj, obl, poss;
} dep_roles;

static void dep_collect(const dyad_coder *c, int32_t p, dep_roles *r)
{
    *r = (dep_roles){-1, -1, -1, -1, -1, -1, -1};
    for (size_t i = 0; i < c->n_dep; i++) {
        const code_dep *d = &c->deps[i];
        if (d->head != p) continue;
        int32_t w = (int32_t)i;
        if (dep_is(d, "nsubj") && r->subj < 0) r->subj = w;
        else if (dep_is(d, "nsubj:pass") && r->pass_subj < 0) r->pass_subj = w;
        else if (dep_is(d, "obl:agent") && r->agent < 0) r->agent = w;
        else if (dep_is(d, "obj") && r->obj < 0) r->obj = w;
        else if (dep_is(d, "iobj") && r->iobj < 0) r->iobj = w;
        else if (dep_is(d, "nmod:poss") && r->poss < 0) r->poss = w;
        else if ((dep_is(d, "obl") || dep_is(d, "nmod")) && dep_has_by(c, w) && r->agent < 0)
            r->agent = w;
        else if ((dep_is(d, "obl") || dep_is(d, "nmod")) && r->obl < 0) r->obl = w;
    }
}

static int dep_is_noun(const code_dep *d)
{
    return !strcmp(d->word->upos, "NOUN") || !strcmp(d->word->upos, "PROPN");
}

/* Who acts in a nominal event with no "by" or possessor: a modifier
 * ("US pressure", "Russian investments"), else the subject of the verb
 * the noun phrase hangs from ("Despite the expulsion of USAID staff,
 * Zimbabwe welcomed..."). The words climbed go to chain[3]. -1: none. */
static int32_t dep_noun_subject(const dyad_coder *c, int32_t p, int *n_chain, int32_t chain[3])
{
    for (size_t i = 0; i < c->n_dep; i++)
        if (c->deps[i].head == p && (dep_is(&c->deps[i], "compound") || dep_is(&c->deps[i], "amod")) &&
            dep_group(c, (int32_t)i, -1) >= 0)
            return (int32_t)i;
    for (int32_t q = p; *n_chain < 3 && c->deps[q].head >= 0;) {
        if (!(dep_is(&c->deps[q], "obl") || dep_is(&c->deps[q], "obj") ||
              dep_is(&c->deps[q], "nmod")))
            return -1;
        chain[(*n_chain)++] = q;
        q = c->deps[q].head;
        if (strcmp(c->deps[q].word->upos, "VERB")) continue;
        dep_roles up;
        dep_collect(c, q, &up);
        return up.subj;
    }
    return -1;
}

/* Appends "<" or ">" and a relation or word to path (cut when full). */
static void dep_path_add(char *path, const char *sep, const char *what)
{
    size_t n = strlen(path);
    if (n + 1 < CODE_DEP_PATH) snprintf(path + n, CODE_DEP_PATH - n, "%s%s", sep, what);
}

/* The source and target groups of verb item v by the parse; -1 for a role
 * the parse does not fill. path gets how they were found, as relations
 * and words from source to target: "nsubj<agreed>xcomp>send>obj",
 * "obl:agent<criticised>nsubj:pass"; "" when the parse named neither. */
void code_deps_roles(const dyad_coder *c, const code_item *v, int32_t *source, int32_t *target,
                     char path[CODE_DEP_PATH])
{
    *source = *target = -1;
    path[0] = '\0';
    if (!c->n_dep || c->tok_dep[v->first] < 0) return;
    int32_t p = c->tok_dep[v->first], chain[3];
    int n_chain = 0;
    dep_roles r;
    dep_collect(c, p, &r);
    int32_t subj = r.agent >= 0 ? r.agent : r.subj >= 0 ? r.subj : r.poss;
    if (subj < 0 && dep_is_noun(&c->deps[p])) subj = dep_noun_subject(c, p, &n_chain, chain);
    /* "met and praised X", "agreed to send X": the subject of the verb
     * this one hangs from. */
    for (int32_t q = p; subj < 0 && r.pass_subj < 0 && n_chain < 3 && c->deps[q].head >= 0 &&
                        (dep_is(&c->deps[q], "conj") || dep_is(&c->deps[q], "xcomp"));) {
        chain[n_chain++] = q;
        q = c->deps[q].head;
        dep_roles up;
        dep_collect(c, q, &up);
        subj = up.subj;
    }
    /* "protesters who stormed X": the relative pronoun's antecedent */
    static const char *const relatives[] = {"who", "which", "that", NULL};
    if (subj >= 0 && dep_lemma_in(&c->deps[subj], relatives) && dep_is(&c->deps[p], "acl:relcl"))
        subj = c->deps[p].head;
    if (subj >= 0) *source = dep_group(c, subj, -1);
    if (r.obl >= 0 && dep_is_place(c, r.obl)) r.obl = -1;
    int32_t objs[] = {r.pass_subj, r.obj, r.iobj, r.obl}, obj = -1;
    for (size_t k = 0; k < sizeof objs / sizeof *objs && *target < 0; k++)
        if (objs[k] >= 0 && (*target = dep_group(c, objs[k], *source)) >= 0) obj = objs[k];
    if (*source < 0 && *target < 0) return;
    dep_path_add(path, "", *source >= 0 ? c->deps[subj].word->deprel : "-");
    for (int k = n_chain - 1; k >= 0; k--) {
        dep_path_add(path, "<", c->deps[c->deps[chain[k]].head].word->form);
        dep_path_add(path, ">", c->deps[chain[k]].word->deprel);
    }
    dep_path_add(path, n_chain ? ">" : "<", c->deps[p].word->form);
    dep_path_add(path, ">", obj >= 0 ? c->deps[obj].word->deprel : "-");
}

/* ---- negation, intentions, demands ------------------------------------------ */


/* What the words over a verb make of its act. */
static int dep_kind_of_head(const code_dep *h)
{
    static const char *const intents[] = {"plan", "intend", "seek", "hope", "aim", "want",
                                          "promise", "pledge", "vow", "offer", "propose",
                                          "prepare", "consider", "expect", "try", "attempt",
                                          "threaten", "warn", NULL};
    static const char *const demands[] = {"pressure", "press", "push", "demand", "force",
                                          "insist", "order", "require", NULL};
    static const char *const appeals[] = {"urge", "ask", "call", "request", "appeal",
                                          "encourage", "invite", "implore", NULL};
    if (dep_lemma_in(h, intents)) return CODE_MOOD_INTENT;
    if (dep_lemma_in(h, demands)) return CODE_MOOD_DEMAND;
    if (dep_lemma_in(h, appeals)) return CODE_MOOD_APPEAL;
    return CODE_MOOD_PLAIN;
}

/* The subject (who wants, demands, asks) of head word h and its object
 * (who is asked), as groups: "the US pressured Zimbabwe", "US pressure". */
static void dep_head_roles(const dyad_coder *c, int32_t h, code_mood *m)
{
    dep_roles r;
    dep_collect(c, h, &r);
    int32_t who = r.subj >= 0 ? r.subj : r.poss;
    for (size_t i = 0; who < 0 && i < c->n_dep; i++)
        if (c->deps[i].head == h && (dep_is(&c->deps[i], "compound") || dep_is(&c->deps[i], "amod")))
            who = (int32_t)i;
    m->source = who >= 0 ? dep_group(c, who, -1) : -1;
    int32_t whom = r.obj >= 0 ? r.obj : r.iobj >= 0 ? r.iobj : r.obl;
    m->target = whom >= 0 ? dep_group(c, whom, m->source) : -1;
}

void code_deps_mood(const dyad_coder *c, const code_item *v, code_mood *m)
{
    static const char *const negations[] = {"not", "n't", "never", NULL};
    static const char *const modals[] = {"may", "might", "could", "would", NULL};
    *m = (code_mood){CODE_MOOD_PLAIN, -1, -1, NULL};
    if (!c->n_dep || c->tok_dep[v->first] < 0) return;
    int32_t p = c->tok_dep[v->first];
    for (size_t i = 0; i < c->n_dep; i++) {
        const code_dep *d = &c->deps[i];
        if (d->head != p) continue;
        if (dep_is(d, "advmod") && dep_lemma_in(d, negations)) {
            m->kind = CODE_MOOD_NEGATED, m->cue = d->word->form;
            return;
        }
        if (dep_is(d, "aux") && dep_lemma_in(d, modals)) m->kind = CODE_MOOD_INTENT, m->cue = d->word->form;
    }
    const code_dep *self = &c->deps[p];
    if (m->kind || self->head < 0 ||
        !(dep_is(self, "xcomp") || dep_is(self, "ccomp") || dep_is(self, "acl")))
        return;
    const code_dep *h = &c->deps[self->head];
    if (!(m->kind = dep_kind_of_head(h))) return;
    m->cue = h->word->form;
    if (m->kind != CODE_MOOD_INTENT) dep_head_roles(c, self->head, m);
}

/* The code an act becomes when it is only intended, demanded or asked
 * for: material acts turn into CAMEO's intent (03) or threat (13) codes,
 * meetings into 036; whatever is demanded or asked for into a demand (10)
 * or an appeal (02); intended talk stays what it is. NULL: the act is not
 * coded at all (negated). */
const char *code_deps_recode(int kind, const char *code)
{
    /* per root 04..20: intent, demand, appeal; "" keeps the code */
    static const char *const table[][3] = {
        /* 04 */ {"036", "106", "026"}, /* 05 */ {"030", "100", "020"},
        /* 06 */ {"031", "101", "021"}, /* 07 */ {"033", "103", "023"},
        /* 08 */ {"035", "105", "025"}, /* 09 */ {"030", "100", "020"},
        /* 10 */ {"", "100", "020"},   /* 11 */ {"", "100", "020"},
        /* 12 */ {"", "100", "020"},   /* 13 */ {"", "100", "020"},
        /* 14 */ {"", "100", "020"},   /* 15 */ {"138", "100", "020"},
        /* 16 */ {"131", "100", "020"}, /* 17 */ {"137", "100", "020"},
        /* 18 */ {"138", "100", "020"}, /* 19 */ {"138", "100", "020"},
        /* 20 */ {"138", "100", "020"},
    };
    if (kind == CODE_MOOD_PLAIN) return code;
    if (kind == CODE_MOOD_NEGATED || !code || strlen(code) < 2) return NULL;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root > 20) return code;
    const char *to = root < 4 ? table[1][kind - CODE_MOOD_INTENT] /* as 05 */
                              : table[root - 4][kind - CODE_MOOD_INTENT];
    if (root < 4 && kind == CODE_MOOD_INTENT) to = "";
    if (!*to) return code;
    if (!strcmp(code, "161")) to = kind == CODE_MOOD_INTENT ? "1313" : to;
    if (!strcmp(code, "163")) to = kind == CODE_MOOD_INTENT ? "1312" : to;
    const dyad_cameo_code *k = dyad_cameo_get(to);
    return k ? k->code : NULL;
}
