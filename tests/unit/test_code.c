/*
 * test_code.c -- the coding engine: the index, actors and agents, verb
 * patterns, clauses, options, and TABARI's own validation records.
 *
 * Most tests build a small dictionary model by hand (so they test the
 * coder, not the readers) and code one sentence with it. The last tests
 * load TABARI's validation dictionaries from ../shared/peers and skip, with
 * a message, when that folder is absent.
 */
#include "code/code.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ---- building models by hand ------------------------------------------------ */

static char *t_str(dict *d, const char *s) { return dyad_arena_strdup(&d->arena, s); }

/* "ARNOR" or "AL_GORE" style: words split at blanks; a trailing '_' makes
 * a whole word (else a stem), '_' between words makes them adjacent. The
 * last word takes regular endings unless it ends in '='. */
static dict_phrase t_phrase(dict *d, const char *text)
{
    dict_phrase p = {NULL, 0};
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    p.words = dyad_arena_alloc(&d->arena, 16 * sizeof *p.words);
    char *s = buf;
    while (*s && p.n_words < 16) {
        size_t n = strcspn(s, " _");
        dict_word *w = &p.words[p.n_words++];
        int joined = s[n] == '_' && s[n + 1] && s[n + 1] != ' ';
        int whole = s[n] == '_';
        int noend = n && s[n - 1] == '=';
        w->text = dyad_arena_strndup(&d->arena, s, noend ? n - 1 : n);
        w->flags = (uint8_t)((whole || noend ? 0 : DICT_W_STEM) | (joined ? DICT_W_ADJACENT : 0) |
                             (noend ? DICT_W_NOENDINGS : 0));
        s += n;
        while (*s == '_' || *s == ' ') s++;
    }
    if (p.n_words && !(p.words[p.n_words - 1].flags & DICT_W_NOENDINGS))
        p.words[p.n_words - 1].flags |= DICT_W_ENDINGS;
    return p;
}

static void t_actor(dict *d, const char *phrase, const char *code, int32_t from, int32_t to)
{
    dict_actor *a = dyad_grow(&d->actors, &d->n_actors, &d->cap_actors, sizeof *a);
    a->phrases = dyad_arena_alloc(&d->arena, sizeof *a->phrases);
    a->phrases[0] = t_phrase(d, phrase);
    a->n_phrases = 1;
    a->codes = dyad_arena_alloc(&d->arena, 2 * sizeof *a->codes);
    a->codes[0].code = t_str(d, code);
    a->codes[0].from = from;
    a->codes[0].to = to;
    a->n_codes = 1;
    if (from || to) { /* a dated block alone gets the implicit [---] */
        a->codes[1].code = "---";
        a->n_codes = 2;
    }
    a->origin.file = "test.actors";
}

static void t_agent(dict *d, const char *phrase, const char *code, dict_agent_side side)
{
    dict_agent *g = dyad_grow(&d->agents, &d->n_agents, &d->cap_agents, sizeof *g);
    g->phrases = dyad_arena_alloc(&d->arena, sizeof *g->phrases);
    g->phrases[0] = t_phrase(d, phrase);
    g->n_phrases = 1;
    g->code = t_str(d, code);
    g->side = side;
}

static dict_event_code t_code(dict *d, const char *text)
{
    dict_event_code c = {NULL, NULL, 0};
    if (!strcmp(text, "---")) c.flags = DICT_EC_NULL;
    else if (!strcmp(text, "###")) c.flags = DICT_EC_DISCARD;
    else if (!strcmp(text, "+++")) c.flags = DICT_EC_COMPLEX;
    else {
        char buf[32];
        snprintf(buf, sizeof buf, "%s", text);
        char *colon = strchr(buf, ':');
        size_t n = strlen(buf);
        if (n && buf[n - 1] == '?') c.flags |= DICT_EC_SUBORDINATE, buf[n - 1] = '\0';
        if (colon) *colon = '\0', c.paired = t_str(d, colon + 1), c.flags |= DICT_EC_PAIRED;
        c.code = t_str(d, buf);
    }
    return c;
}

static dict_verb *t_verb(dict *d, const char *phrase, const char *code)
{
    dict_verb *v = dyad_grow(&d->verbs, &d->n_verbs, &d->cap_verbs, sizeof *v);
    v->phrase = t_phrase(d, phrase);
    v->code = t_code(d, code);
    v->patterns = dyad_arena_alloc(&d->arena, 8 * sizeof *v->patterns);
    v->origin.file = "test.verbs";
    v->origin.line = (uint32_t)d->n_verbs;
    return v;
}

/* "- SAID $ * TIES [113]" as ("SAID $ * TIES", "113"): one token a word or
 * marker; words are stems unless they end in '_'. */
static void t_pattern(dict *d, dict_verb *v, const char *body, const char *code)
{
    dict_pattern *p = &v->patterns[v->n_patterns++];
    dict_elem *e = dyad_arena_alloc(&d->arena, 16 * sizeof *e);
    char buf[256], *save = NULL;
    snprintf(buf, sizeof buf, "%s", body);
    uint32_t n = 0;
    for (char *tok = strtok_r(buf, " ", &save); tok && n < 16; tok = strtok_r(NULL, " ", &save)) {
        static const char markers[] = "*$+%^";
        static const dict_elem_kind kinds[] = {DICT_E_VERB, DICT_E_SOURCE, DICT_E_TARGET,
                                               DICT_E_BOTH, DICT_E_SKIP};
        const char *m = strlen(tok) == 1 ? strchr(markers, tok[0]) : NULL;
        if (m) {
            e[n++].kind = kinds[m - markers];
            continue;
        }
        dict_phrase ph = t_phrase(d, tok);
        e[n].kind = DICT_E_WORD;
        e[n].word = ph.words[0];
        e[n++].word.flags &= (uint8_t)~DICT_W_ENDINGS;
    }
    p->seq.elems = e;
    p->seq.n_elems = n;
    p->code = t_code(d, code);
    p->letters = strlen(body);
    p->text = t_str(d, body);
    p->origin.file = "test.verbs";
}

/* The little world most tests use. */
static dict *t_world(void)
{
    dict *d = dict_new(NULL, NULL);
    d->flavor = DICT_FLAVOR_TABARI;
    t_actor(d, "ARNOR", "ARN", 0, 0);
    t_actor(d, "GONDOR", "GON", 0, 0);
    t_actor(d, "ROHAN", "ROH", 0, 0);
    t_actor(d, "WASHINGTON", "USAGOV", 0, 0);
    t_actor(d, "ESTONIA_", "EST", 0, 0);
    t_actor(d, "MOUSE=", "MUS", 0, 0);
    t_actor(d, "AXNOR", "AR1", 0, 19911226);
    t_actor(d, "NASGUL", "###", 0, 0);
    t_agent(d, "OFFICIALS_", "GOV", DICT_AGENT_SUFFIX);
    t_agent(d, "ACTIVISTS_", "NGM", DICT_AGENT_PREFIX);
    dict_verb *v = t_verb(d, "RESTORE", "064");
    t_pattern(d, v, "* DIPLOMATIC TIES", "065");
    t_pattern(d, v, "NOT * RELATIONS", "112");
    v = t_verb(d, "ATTACK", "223");
    v = t_verb(d, "MEET", "031:032");
    v = t_verb(d, "SAID", "023?");
    v = t_verb(d, "FREE", "066");
    t_pattern(d, v, "+ * FROM $", "067");
    return d;
}

static dyad_dicts *t_compile(dict *d)
{
    dyad_error err = {0};
    dyad_dicts *dd = code_dicts_compile(d, &err);
    if (!dd) printf("  compile: %s\n", err.message);
    return dd;
}

/* Codes `text` as one sentence and returns "SRC/TGT/CODE ..." sorted by
 * the order the coder produced them. */
static const char *t_code_text(dyad_coder *c, int32_t date, const char *text, int *flags)
{
    static char out[1024];
    dyad_article a;
    memset(&a, 0, sizeof a);
    a.id = "T-1";
    a.date = date;
    a.text = text;
    a.text_len = strlen(text);
    const dyad_result *r = NULL;
    dyad_error err = {0};
    out[0] = '\0';
    if (dyad_coder_code(c, &a, &r, &err)) {
        snprintf(out, sizeof out, "error: %s", err.message);
        return out;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s/%s/%s", i ? " " : "", r->events[i].source,
                 r->events[i].target, r->events[i].code);
    }
    if (flags) *flags = r->flags;
    return out;
}

/* ---- the index --------------------------------------------------------------- */

static void test_index_hits_and_word_rules(void)
{
    dyad_dicts *dd = t_compile(t_world());
    CHECK(dd != NULL);
    if (!dd) return;
    code_hit hits[CODE_MAX_HITS];
    size_t n = code_index_hits(&dd->index, "ARNORIAN", 8, hits, CODE_MAX_HITS);
    CHECK_INT(n, 1);
    CHECK(hits[0].kind & HIT_PREFIX);
    code_word stem = {hits[0].word, DICT_W_STEM}, whole = {hits[0].word, 0};
    CHECK(code_word_match(&stem, hits, n, HIT_VERB_END));  /* ARNOR stem: ARNORIAN */
    CHECK(!code_word_match(&whole, hits, n, HIT_VERB_END)); /* ARNOR_ would not */

    n = code_index_hits(&dd->index, "ESTONIA'S", 9, hits, CODE_MAX_HITS);
    CHECK_INT(n, 1);
    code_word ends = {hits[0].word, DICT_W_ENDINGS};
    CHECK(code_word_match(&ends, hits, n, HIT_NOUN_END));  /* actors take 'S */
    CHECK(!code_word_match(&ends, hits, n, HIT_VERB_END)); /* verbs do not */

    n = code_index_hits(&dd->index, "RESTORED", 8, hits, CODE_MAX_HITS);
    CHECK(n >= 1);
    CHECK(hits[n - 1].kind & HIT_VERB_END); /* RESTORE + D */
    CHECK_INT(code_index_hits(&dd->index, "ZZZ", 3, hits, CODE_MAX_HITS), 0);
    dyad_dicts_free(dd);
}

/* ---- sentences ----------------------------------------------------------------- */

static dyad_coder *t_coder(dyad_dicts *dd)
{
    dyad_error err = {0};
    dyad_coder *c = dyad_coder_new(dd, &err);
    CHECK(c != NULL);
    if (c) {
        dyad_coder_set_segmenting(c, 0);
        CHECK_INT(dyad_coder_set_option(c, "SET: MINIMUM WORDS = 0", &err), 0);
    }
    return c;
}

static void test_simple_event_and_evidence(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    const char *text = "Arnor will restore ties with Gondor.";
    dyad_article a;
    memset(&a, 0, sizeof a);
    a.id = "E-1";
    a.date = 19950101;
    a.text = text;
    a.text_len = strlen(text);
    const dyad_result *r;
    dyad_error err = {0};
    CHECK_INT(dyad_coder_code(c, &a, &r, &err), 0);
    CHECK_INT(r->n_events, 1);
    if (r->n_events == 1) {
        const dyad_event *e = &r->events[0];
        CHECK_STR(e->source, "ARN");
        CHECK_STR(e->target, "GON");
        CHECK_STR(e->code, "064");
        CHECK_STR(e->root_code, "06");
        CHECK_STR(e->article_id, "E-1");
        CHECK_INT(e->date, 19950101);
        CHECK_INT(e->source_span.begin, 0);
        CHECK_INT(e->source_span.end, 5);
        CHECK_INT(e->verb_span.begin, 11);
        CHECK_INT(e->target_span.begin, 29);
        CHECK_STR(e->rule_file, "test.verbs");
        CHECK_STR(e->rule_text, "RESTORE");
        CHECK(e->sentence == text);
    }
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_patterns(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    /* a pattern after the verb, with a gap */
    CHECK_STR(t_code_text(c, 19950101, "Arnor will restore full diplomatic ties with Gondor.",
                          NULL),
              "ARN/GON/065");
    /* a pattern before the verb */
    CHECK_STR(t_code_text(c, 19950101, "Arnor will not restore relations with Gondor.", NULL),
              "ARN/GON/112");
    /* + and $ in a pattern put the target before the verb */
    CHECK_STR(t_code_text(c, 19950101, "Gondor was freed from Rohan yesterday.", NULL),
              "ROH/GON/067");
    /* the verb's own code when no pattern matches */
    CHECK_STR(t_code_text(c, 19950101, "Arnor will restore relations with Gondor.", NULL),
              "ARN/GON/064");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_actors_dates_and_specials(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    int flags = 0;
    CHECK_STR(t_code_text(c, 19900101, "Axnor attacked Gondor.", NULL), "AR1/GON/223");
    /* after the window the implicit [---] makes Axnor a noun: no source */
    CHECK_STR(t_code_text(c, 19950101, "Axnor attacked Gondor.", NULL), "");
    CHECK_STR(t_code_text(c, 19950101, "The Nasgul attacked Gondor.", &flags), "");
    CHECK(flags & DYAD_RESULT_DISCARD);
    /* ESTONIA_ takes endings, MOUSE= does not */
    CHECK_STR(t_code_text(c, 19950101, "Estonia's army attacked Gondor.", NULL), "EST/GON/223");
    CHECK_STR(t_code_text(c, 19950101, "Mouses attacked Gondor.", NULL), "");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_agents(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    CHECK_STR(t_code_text(c, 19950101, "Arnor officials attacked Gondor.", NULL), "ARNGOV/GON/223");
    /* a piece already in the code is not added again */
    CHECK_STR(t_code_text(c, 19950101, "Washington officials attacked Gondor.", NULL),
              "USAGOV/GON/223");
    /* a prefix agent reaching its actor across IN */
    CHECK_STR(t_code_text(c, 19950101, "Activists in Arnor attacked Gondor.", NULL),
              "NGMARN/GON/223");
    CHECK_STR(t_code_text(c, 19950101, "Former Arnor officials attacked Gondor.", NULL),
              "ARNELI/GON/223");
    /* a lone agent codes nothing, unless converted */
    CHECK_STR(t_code_text(c, 19950101, "Officials attacked Gondor.", NULL), "");
    dyad_error err = {0};
    CHECK_INT(dyad_coder_set_option(c, "SET: CONVERT AGENT = TRUE", &err), 0);
    CHECK_STR(t_code_text(c, 19950101, "Officials attacked Gondor.", NULL), "~GOV/GON/223");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_compounds_pairs_and_passive(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    CHECK_STR(t_code_text(c, 19950101, "Arnor and Gondor attacked Rohan.", NULL),
              "ARN/ROH/223 GON/ROH/223");
    CHECK_STR(t_code_text(c, 19950101, "Arnor attacked Gondor, Rohan and Washington.", NULL),
              "ARN/GON/223 ARN/ROH/223 ARN/USAGOV/223");
    /* [A:B]: A one way, B back */
    CHECK_STR(t_code_text(c, 19950101, "Arnor will meet Gondor.", NULL), "ARN/GON/031 GON/ARN/032");
    CHECK_STR(t_code_text(c, 19950101, "Gondor was attacked by Arnor.", NULL), "ARN/GON/223");
    /* a second clause takes the first clause's source */
    CHECK_STR(t_code_text(c, 19950101, "Arnor attacked Gondor and restored ties with Rohan.", NULL),
              "ARN/GON/223 ARN/ROH/064");
    /* subordinate SAID goes when something else is coded */
    CHECK_STR(t_code_text(c, 19950101, "Arnor said it attacked Gondor.", NULL), "ARN/GON/223");
    CHECK_STR(t_code_text(c, 19950101, "Arnor said Gondor was right.", NULL), "ARN/GON/023");
    /* a pronoun stands for the sentence's first actor; no self-events */
    CHECK_STR(t_code_text(c, 19950101, "Arnor said he attacked.", NULL), "");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_nouns_from_verbs(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    CHECK_STR(t_code_text(c, 19950101, "Arnor saw the attack on Gondor.", NULL), "");
    CHECK_STR(t_code_text(c, 19950101, "Arnor read about the Attack on Gondor.", NULL), "");
    CHECK_STR(t_code_text(c, 19950101, "ARNOR ATTACKED GONDOR.", NULL), "ARN/GON/223");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_options(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd), *other = t_coder(dd);
    if (!c || !other) return;
    dyad_error err = {0};
    CHECK_INT(dyad_coder_set_option(c, "SET: MINIMUM WORDS = 5", &err), 0);
    CHECK_STR(t_code_text(c, 19950101, "Arnor attacked Gondor.", NULL), "");
    /* options belong to one coder */
    CHECK_STR(t_code_text(other, 19950101, "Arnor attacked Gondor.", NULL), "ARN/GON/223");
    CHECK_INT(dyad_coder_set_option(c, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR", &err), 0);
    CHECK_INT(dyad_coder_set_option(c, "COMMA: MIN = 4 MAX = 6 EMIN = 3", &err), 0);
    CHECK_INT(c->opt.comma_min, 4);
    CHECK_INT(c->opt.comma_max, 6);
    CHECK_INT(c->opt.comma_emin, 3);
    CHECK_INT(dyad_coder_set_option(c, "LABEL: 010=YIELD", &err), 0);
    CHECK_INT(dyad_coder_set_option(c, "require_dyad=false", &err), 0);
    CHECK_INT(dyad_coder_set_option(c, "SET: FROBNICATE = TRUE", &err), DYAD_EARG);
    CHECK(strstr(err.message, "FROBNICATE") != NULL);
    CHECK_INT(dyad_coder_set_option(c, "NONSENSE", &err), DYAD_EARG);
    dyad_coder_free(c);
    dyad_coder_free(other);
    dyad_dicts_free(dd);
}

static void test_segmenting(void)
{
    dyad_dicts *dd = t_compile(t_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    dyad_coder_set_segmenting(c, 1);
    const char *text = "Arnor attacked Gondor. Then Rohan attacked Arnor.";
    dyad_article a;
    memset(&a, 0, sizeof a);
    a.id = "S-1";
    a.text = text;
    a.text_len = strlen(text);
    const dyad_result *r;
    dyad_error err = {0};
    CHECK_INT(dyad_coder_code(c, &a, &r, &err), 0);
    CHECK_INT(r->n_sentences, 2);
    CHECK_INT(r->n_events, 2);
    if (r->n_events == 2) {
        CHECK_INT(r->events[1].sentence_index, 1);
        CHECK_STR(r->events[1].source, "ROH");
        CHECK(r->events[1].sentence == text + 23);
        CHECK_INT(r->events[1].source_span.begin, 5); /* relative to the sentence */
    }
    CHECK_INT(dyad_coder_code(c, NULL, &r, &err), DYAD_EARG);
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

static void test_default_folder_missing(void)
{
    dyad_error err = {0};
    setenv("DYAD_DATA", "/nonexistent/dyad-data", 1);
    CHECK(dyad_dicts_load(NULL, NULL, NULL, &err) == NULL);
    CHECK_INT(err.code, DYAD_ENOTFOUND);
    CHECK(strstr(err.message, "/nonexistent/dyad-data") != NULL);
    unsetenv("DYAD_DATA");
    dyad_coder_free(NULL);
    dyad_dicts_free(NULL);
    CHECK(dyad_coder_new(NULL, &err) == NULL);
}

/* PETRARCH dictionaries: whole words, contiguous phrases, generated verb
 * forms, agents over a whole compound, Treebank negations, require_dyad. */
static void test_petrarch_flavor(void)
{
    dict *d = dict_new(NULL, NULL);
    d->flavor = DICT_FLAVOR_PETRARCH2;
    t_actor(d, "ARNOR_", "ARN", 0, 0);
    t_actor(d, "GONDOR_", "GON", 0, 0);
    t_actor(d, "ROHAN_", "ROH", 0, 0);
    t_actor(d, "AL_GORE_", "AGR", 0, 0);
    t_agent(d, "LAWMAKERS_", "LEG", DICT_AGENT_SUFFIX);
    t_agent(d, "OFFICIALS_", "GOV", DICT_AGENT_SUFFIX);
    dict_verb *v = t_verb(d, "WELCOME_", "041");
    v->generate_forms = 1;
    v = t_verb(d, "CLASH_", "121");
    v->generate_forms = 1;
    t_pattern(d, v, "DID_ N'T_ *", "904");
    v = t_verb(d, "ACCUSE_", "112");
    v->generate_forms = 1;
    v = t_verb(d, "STOP_", "191");
    v->generate_forms = 1;
    dyad_dicts *dd = t_compile(d);
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    CHECK_STR(t_code_text(c, 20150101, "Lawmakers in Arnor and Gondor welcomed Rohan.", NULL),
              "ARNLEG/ROH/041 GONLEG/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Arnor didn't clash with Rohan.", NULL), "ARN/ROH/904");
    /* English forms, not TABARI's endings */
    CHECK_STR(t_code_text(c, 20150101, "Arnor clashes with Rohan.", NULL), "ARN/ROH/121");
    CHECK_STR(t_code_text(c, 20150101, "Arnor is accusing Rohan.", NULL), "ARN/ROH/112");
    CHECK_STR(t_code_text(c, 20150101, "Arnor accused Rohan.", NULL), "ARN/ROH/112");
    CHECK_STR(t_code_text(c, 20150101, "Arnor stopped Rohan.", NULL), "ARN/ROH/191");
    CHECK_STR(t_code_text(c, 20150101, "Arnor clashen Rohan.", NULL), "");
    CHECK_STR(t_code_text(c, 20150101, "Arnor stopes Rohan.", NULL), "");
    CHECK_STR(t_code_text(c, 20150101, "Arnorian officials welcomed Rohan.", NULL),
              "---GOV/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Al the Great Gore welcomed Rohan.", NULL), "");
    CHECK_STR(t_code_text(c, 20150101, "Arnor welcomed the news.", NULL), "");
    dyad_error err = {0};
    CHECK_INT(dyad_coder_set_option(c, "require_dyad=false", &err), 0);
    CHECK_STR(t_code_text(c, 20150101, "Arnor welcomed the news.", NULL), "ARN/---/041");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

/* A PETRARCH-1 world for the shallow syntax that stands in for its parse. */
static dict *t_petrarch_world(void)
{
    dict *d = dict_new(NULL, NULL);
    d->flavor = DICT_FLAVOR_PETRARCH1;
    t_actor(d, "ARNOR_", "ARN", 0, 0);
    t_actor(d, "GONDOR_", "GON", 0, 0);
    t_actor(d, "ROHAN_", "ROH", 0, 0);
    t_actor(d, "ROHAN_TELEVISION_", "ROHTV", 0, 0);
    t_actor(d, "ARAGORN_", "ELE", 0, 0);
    t_agent(d, "OFFICIAL_", "GOV", DICT_AGENT_SUFFIX);
    t_agent(d, "OFFICIALS_", "GOV", DICT_AGENT_SUFFIX);
    t_agent(d, "GOVERNMENT_", "GOV", DICT_AGENT_SUFFIX);
    t_agent(d, "MINISTER_", "GOV", DICT_AGENT_SUFFIX);
    t_agent(d, "MEDIA_", "MED", DICT_AGENT_SUFFIX);
    t_agent(d, "LAWMAKERS_", "LEG", DICT_AGENT_SUFFIX);
    t_agent(d, "POLICE_", "COP", DICT_AGENT_SUFFIX); /* "POLICE {}": no plural */
    struct { const char *verb, *code, *pattern, *pattern_code; } verbs[] = {
        {"RESTORE_", "064", "* DIPLOMATIC_ TIES_", "065"},
        {"SAID_", "023", NULL, NULL},
        {"POSTPONE_", "---", "% HAVE_ *", "191"},
        {"AGREE_", "030", "* WITH_ %", "031"},
        {"WELCOME_", "041", NULL, NULL},
        {"WARN_", "160", "* THEIR_ ^ +", "162"},
        {"RENEW_", "---", "* TIES_", "064:064"},
        {"SHOULD_", "101", NULL, NULL},
        {"ACT_", "100", NULL, NULL},
        {"LAUNCH_", "---", "* OFFENSIVE_", "223"},
        {"BOMB_", "195", NULL, NULL},
        {"SHELL_", "194", NULL, NULL},
        {"APPEAL_", "095", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        dict_verb *v = t_verb(d, verbs[i].verb, verbs[i].code);
        v->generate_forms = 1;
        if (verbs[i].pattern) t_pattern(d, v, verbs[i].pattern, verbs[i].pattern_code);
    }
    return d;
}

/* What PETRARCH reads off its parse trees, dyad reads off raw text:
 * reporting clauses, compound subjects and objects, noun phrases with
 * unknown modifiers, possessors, agents shared across AND, modals and
 * gerunds that are no verbs, '^' over a plain noun phrase. */
static void test_petrarch_shallow_syntax(void)
{
    dyad_dicts *dd = t_compile(t_petrarch_world());
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    dyad_error err = {0};
    /* a reporting clause is a clause of its own, coded without a target
     * only when require_dyad is off */
    const char *said = "Arnor will restore ties with Gondor, a senior official said on Friday.";
    CHECK_STR(t_code_text(c, 20150101, said, NULL), "ARN/GON/064");
    CHECK_INT(dyad_coder_set_option(c, "require_dyad=false", &err), 0);
    CHECK_STR(t_code_text(c, 20150101, said, NULL), "ARN/GON/064 ---GOV/---/023");
    /* PETRARCH's comma options are TABARI's: the final clause goes */
    CHECK_INT(dyad_coder_set_option(c, "comma_emin=3", &err), 0);
    CHECK_INT(dyad_coder_set_option(c, "comma_emax=6", &err), 0);
    CHECK_STR(t_code_text(c, 20150101, said, NULL), "ARN/GON/064");
    CHECK_INT(dyad_coder_set_option(c, "require_dyad=true", &err), 0);
    CHECK_INT(dyad_coder_set_option(c, "comma_emax=0", &err), 0);
    /* a comma between unknown words stays inside the noun phrase */
    CHECK_STR(t_code_text(c, 20150101, "Arnor restored complete, full diplomatic ties with Gondor.",
                          NULL),
              "ARN/GON/065");
    /* '%' before the verb is a compound subject; it codes among itself
     * only without an object; after the verb it is the object */
    CHECK_STR(t_code_text(c, 20150101, "Arnor and Gondor have postponed talks on Rohan.", NULL),
              "ARN/ROH/191 GON/ROH/191");
    CHECK_STR(t_code_text(c, 20150101, "Arnor and Gondor have postponed talks.", NULL),
              "ARN/GON/191 GON/ARN/191");
    CHECK_STR(t_code_text(c, 20150101, "Rohan agrees with Arnor and Gondor on trade.", NULL),
              "ROH/ARN/031 ROH/GON/031");
    /* a compound subject with no object acts among itself */
    CHECK_STR(t_code_text(c, 20150101, "Arnor and Gondor have renewed ties.", NULL),
              "ARN/GON/064 GON/ARN/064");
    /* compounds across unknown adjectives, agents and possessed nouns */
    CHECK_STR(t_code_text(c, 20150101, "Arnor and the evil awful Gondor welcomed Rohan.", NULL),
              "ARN/ROH/041 GON/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Arnor and the government of Gondor welcomed Rohan.", NULL),
              "ARN/ROH/041 GONGOV/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Gondor's sheep and goats of Arnor welcomed Rohan.", NULL),
              "GON/ROH/041 ARN/ROH/041");
    /* the possessor owns the agent; the name after it is no actor */
    CHECK_STR(t_code_text(c, 20150101, "Gondor's awful and evil minister Aragorn welcomed Rohan.",
                          NULL),
              "GONGOV/ROH/041");
    /* an actor shared by agents joined by AND, either way round */
    CHECK_STR(t_code_text(c, 20150101, "Gondor media and government welcomed Rohan.", NULL),
              "GONMED/ROH/041 GONGOV/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Lawmakers and officials in Arnor welcomed Rohan.", NULL),
              "ARNLEG/ROH/041 ARNGOV/ROH/041");
    /* modals and gerunds are no verbs */
    CHECK_STR(t_code_text(c, 20150101, "Arnor should have acted against Rohan.", NULL),
              "ARN/ROH/100");
    CHECK_STR(t_code_text(c, 20150101,
                          "Arnor launched a new bombing and shelling offensive against Rohan.",
                          NULL),
              "ARN/ROH/223");
    /* '^' skips a noun phrase that is no actor */
    CHECK_STR(t_code_text(c, 20150101, "Arnor warned their populations about Rohan.", NULL),
              "ARN/ROH/162");
    /* a hyphenated modifier inside an actor phrase */
    CHECK_STR(t_code_text(c, 20150101, "Arnor appealed to Rohan state-run television.", NULL),
              "ARN/ROHTV/095");
    /* an agent takes the possessive, but only the plurals its entry lists */
    CHECK_STR(t_code_text(c, 20150101, "Gondor police welcomed Rohan.", NULL), "GONCOP/ROH/041");
    CHECK_STR(t_code_text(c, 20150101, "Gondor polices welcomed Rohan.", NULL), "GON/ROH/041");
    /* "X and Y, and Z and W" is two noun phrases */
    CHECK_STR(t_code_text(c, 20150101, "Rohan welcomed Arnor and Gondor, and Aragorn.", NULL),
              "ROH/ARN/041 ROH/GON/041");
    /* an opening prepositional phrase holds no subject */
    CHECK_STR(t_code_text(c, 20150101, "On trade with Gondor, he welcomed Rohan.", NULL), "");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

/* PETRARCH's new actors (new_actor_length) and its verbs listed in several
 * blocks, whose patterns all apply. */
static void test_petrarch_new_actors_and_merged_verbs(void)
{
    dict *d = t_petrarch_world();
    dict_verb *v = t_verb(d, "LEAVE_", "032:033");
    v->forms = dyad_arena_alloc(&d->arena, sizeof *v->forms);
    v->forms[0] = t_phrase(d, "LEFT_");
    v->n_forms = 1;
    v = t_verb(d, "LEAVE_", "---");
    t_pattern(d, v, "* FOR_ SUMMIT_", "036");
    dyad_dicts *dd = t_compile(d);
    dyad_coder *c = t_coder(dd);
    if (!c) return;
    dyad_error err = {0};
    /* the pattern of the other entry applies to the verb the first tags */
    CHECK_STR(t_code_text(c, 20150101, "Arnor left for Gondor for a summit.", NULL),
              "ARN/GON/036");
    const char *text = "Mordor's head Minerva Took left for the Ministry of Magic on Monday.";
    CHECK_STR(t_code_text(c, 20150101, text, NULL), "");
    CHECK_INT(dyad_coder_set_option(c, "new_actor_length=4", &err), 0);
    CHECK_STR(t_code_text(c, 20150101, text, NULL),
              "\"MORDOR HEAD MINERVA TOOK\"/\"THE MINISTRY OF MAGIC\"/032 "
              "\"THE MINISTRY OF MAGIC\"/\"MORDOR HEAD MINERVA TOOK\"/033");
    CHECK_STR(t_code_text(c, 20150101, "Mordor's head Minerva Took left for Rohan.", NULL),
              "\"MORDOR HEAD MINERVA TOOK\"/ROH/032 ROH/\"MORDOR HEAD MINERVA TOOK\"/033");
    /* longer phrases are no actors */
    CHECK_INT(dyad_coder_set_option(c, "new_actor_length=3", &err), 0);
    CHECK_STR(t_code_text(c, 20150101, text, NULL), "");
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

/* ---- TABARI's validation dictionaries ------------------------------------------ */

static const char t_project[] = "../shared/peers/tabari/Validate.project";

static dyad_dicts *t_tabari(void)
{
    FILE *f = fopen(t_project, "r");
    if (!f) {
        printf("  SKIP: %s not found (peer suites absent)\n", t_project);
        return NULL;
    }
    fclose(f);
    dyad_error err = {0};
    dyad_dicts *dd = dyad_dicts_load(t_project, NULL, NULL, &err);
    if (!dd) printf("  load: %s\n", err.message);
    CHECK(dd != NULL);
    return dd;
}

static void test_tabari_records(void)
{
    static const struct { int32_t date; const char *text, *want; } recs[] = {
        {19950101, "Arnor is about to restore full diplomatic ties with Gondor almost five years "
                   "after crowds trashed its embassy, a senior official said on Saturday.",
         "ARN/GON/064"},
        {19950103, "Dagolath's first Deputy Prime Minister Telemar left for Minas Tirith on "
                   "Wednesday for meetings of the joint transport committee with Arnor, the "
                   "Dagolathi news agency reported.",
         "DAG/GON/032 GON/DAG/033"},
        {19950110, "Gondor's Prime Minister Falastur said he regretted Eriador's refusal to talk "
                   "to Calenardhon leader Calimehtar, the Lorien news agency LANA reported on "
                   "Thursday.",
         "GONGOV/ERI/113"},
        {19950114, "Ithilen's palace guard militia was freed from Barad-dur after that group "
                   "yielded ground seized in six days of fighting.",
         "MOR/ITH/066"},
        {19950112, "Eriador was opposed by Osgiliath, the state's fiercest foe, in being drawn "
                   "into the peace process by its resumption of diplomatic ties with Gondor.",
         "OSG/ERI/112"},
        {19951101, "Smeagol is about to restore full diplomatic ties with Gondor almost five "
                   "years after crowds trashed its embassy, a senior official said on Saturday.",
         "HOBGOV/GON/064"},
    };
    dyad_dicts *dd = t_tabari();
    if (!dd) return;
    dyad_error err = {0};
    dyad_coder *c = dyad_coder_new(dd, &err);
    dyad_coder_set_segmenting(c, 0);
    CHECK_INT(dyad_coder_set_option(c, "SET: TIME SHIFT = FALSE", &err), 0);
    for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++)
        CHECK_STR(t_code_text(c, recs[i].date, recs[i].text, NULL), recs[i].want);
    int flags = 0;
    t_code_text(c, 19950105, "Isildur repelled Dagolath in their first Planetary Cup final "
                             "despite the loss of their top scorer.", &flags);
    CHECK(flags & DYAD_RESULT_COMPLEX);
    dyad_dicts_stats st;
    dyad_dicts_stats_get(dd, &st);
    CHECK(st.actors > 100 && st.verbs > 100 && st.patterns > 100 && st.agents > 50);
    dyad_coder_free(c);
    dyad_dicts_free(dd);
}

/* Two coders over one compiled dictionary, interleaved, agree with one
 * coder alone: nothing mutable is shared. */
static void test_two_coders_share_dicts(void)
{
    dyad_dicts *dd = t_tabari();
    if (!dd) return;
    dyad_error err = {0};
    dyad_coder *a = dyad_coder_new(dd, &err), *b = dyad_coder_new(dd, &err);
    dyad_coder_set_segmenting(a, 0);
    dyad_coder_set_segmenting(b, 0);
    CHECK_INT(dyad_coder_set_option(b, "SET: CONVERT AGENT = TRUE", &err), 0);
    const char *s = "Guerrillas are about to restore full diplomatic ties with Gondor almost five "
                    "years after crowds trashed its embassy, a senior official said on Saturday.";
    char first[256];
    snprintf(first, sizeof first, "%s", t_code_text(a, 19950101, s, NULL));
    CHECK_STR(t_code_text(b, 19950101, s, NULL), "~REB/GON/064");
    CHECK_STR(t_code_text(a, 19950101, s, NULL), first);
    dyad_coder_free(a);
    dyad_coder_free(b);
    dyad_dicts_free(dd);
}

int main(void)
{
    RUN(test_index_hits_and_word_rules);
    RUN(test_simple_event_and_evidence);
    RUN(test_patterns);
    RUN(test_actors_dates_and_specials);
    RUN(test_agents);
    RUN(test_compounds_pairs_and_passive);
    RUN(test_nouns_from_verbs);
    RUN(test_options);
    RUN(test_segmenting);
    RUN(test_default_folder_missing);
    RUN(test_petrarch_flavor);
    RUN(test_petrarch_shallow_syntax);
    RUN(test_petrarch_new_actors_and_merged_verbs);
    RUN(test_tabari_records);
    RUN(test_two_coders_share_dicts);
    return check_done();
}
