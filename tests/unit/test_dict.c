/*
 * test_dict.c -- the dictionary readers (src/dict/): every format feature
 * and every malformed-line warning on small inline snippets written to a
 * temporary folder, then the peers' real dictionaries from ../shared/peers
 * (skipped with a SKIP line when absent) with counts checked against what
 * the files hold. Load times are printed, never asserted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "dict/dict.h"

/* ---- fixtures ----------------------------------------------------------- */

static char tmp_dir[512];
enum { MAX_FILES = 64 };
static char made[MAX_FILES][600];
static int n_made;

/* Writes `text` to tmp_dir/name and returns the path (static storage). */
static const char *write_file(const char *name, const char *text)
{
    if (n_made == MAX_FILES) return "/nonexistent";
    char *path = made[n_made++];
    snprintf(path, sizeof made[0], "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static void remove_files(void)
{
    for (int i = n_made; i-- > 0;) remove(made[i]);
    n_made = 0;
}

typedef struct warns {
    int n;
    char all[8192]; /* "line: message\n" for each */
} warns;

static void on_warn(void *user, const char *file, long line, const char *message)
{
    warns *w = user;
    size_t used = strlen(w->all);
    (void)file;
    w->n++;
    snprintf(w->all + used, sizeof w->all - used, "%ld: %s\n", line, message);
}

/* Did a warning on `line` mention `text`? */
static int warned(const warns *w, long line, const char *text)
{
    char head[32];
    snprintf(head, sizeof head, "%ld: ", line);
    for (const char *p = w->all; (p = strstr(p, head)); p++) {
        if (p != w->all && p[-1] != '\n') continue;
        const char *end = strchr(p, '\n');
        const char *hit = strstr(p, text);
        if (hit && (!end || hit < end)) return 1;
    }
    return 0;
}

typedef int (*reader_fn)(dict *, const char *, dyad_error *);

static dict *read_text(reader_fn read, const char *name, const char *text, warns *w)
{
    memset(w, 0, sizeof *w);
    dict *d = dict_new(on_warn, w);
    dyad_error err = {0};
    CHECK(d != NULL);
    if (!d) return NULL;
    int rc = read(d, write_file(name, text), &err);
    CHECK_INT(rc, 0);
    if (rc) printf("  error: %s\n", err.message);
    CHECK_INT(d->n_warnings, w->n);
    return d;
}

static void phrase_text(const dict_phrase *ph, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < ph->n_words && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? " " : "", ph->words[i].text);
}

static int phrase_is(const dict_phrase *ph, const char *words)
{
    char buf[256];
    phrase_text(ph, buf, sizeof buf);
    return !strcmp(buf, words);
}

static const dict_actor *find_actor(const dict *d, const char *words)
{
    for (size_t i = 0; i < d->n_actors; i++)
        for (uint32_t k = 0; k < d->actors[i].n_phrases; k++)
            if (phrase_is(&d->actors[i].phrases[k], words)) return &d->actors[i];
    return NULL;
}

static const dict_agent *find_agent(const dict *d, const char *words)
{
    for (size_t i = 0; i < d->n_agents; i++)
        for (uint32_t k = 0; k < d->agents[i].n_phrases; k++)
            if (phrase_is(&d->agents[i].phrases[k], words)) return &d->agents[i];
    return NULL;
}

static const dict_verb *find_verb(const dict *d, const char *words)
{
    for (size_t i = 0; i < d->n_verbs; i++)
        if (phrase_is(&d->verbs[i].phrase, words)) return &d->verbs[i];
    return NULL;
}

static const dict_synset *find_synset(const dict *d, const char *name)
{
    for (size_t i = 0; i < d->n_synsets; i++)
        if (!strcmp(d->synsets[i].name, name)) return &d->synsets[i];
    return NULL;
}

static void check_block(const dict_code_block *cb, const char *code, int32_t from, int32_t to)
{
    CHECK_STR(cb->code, code);
    CHECK_INT(cb->from, from);
    CHECK_INT(cb->to, to);
}

/* ---- TABARI ------------------------------------------------------------- */

static const char TAB_ACTORS[] =
    "<NOUN>\n"
    "FORCES_  ;JW   10/18/91\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "BAD   ;PAS\n"
    "</ADJECTIVE>\n"
    "# a comment line\n"
    "/ another\n"
    "ARGENTIN  [ARG]\n"                                        /* 9 */
    "AL_GORE  [AGR] ; pas\n"
    "AL GORE  [TEN]\n"
    "MOUSE= [MUS]\n"
    "BARAD-DUR  [MOR]\n"
    "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems\n"            /* 14 */
    "AXNOR  [AR1 <911226] [AR2]\n"
    "LORIEN  [ELR/GAL]\n"
    "ONODOHER  [ONO <291231]\n"
    "GOLLUM  ; pas 27 Apr 03\n"                                /* 18 */
    "+SMEAGOL\n"
    "\t[HOB < 300101]\n"
    "\t[HOBREB > 990816]\n"
    "\t\n"
    "~~FINISH\n"
    "NEVER_READ [XXX]\n";

static void test_tabari_actors(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_actors, "t.actors", TAB_ACTORS, &w);
    if (!d) return;
    CHECK_INT(w.n, 0);
    CHECK_INT(d->n_nouns, 1);
    CHECK_INT(d->n_adjectives, 1);
    CHECK_STR(d->nouns[0].words[0].text, "FORCES");
    CHECK_INT(d->n_actors, 10);
    CHECK(find_actor(d, "NEVER_READ") == NULL);

    const dict_actor *a = find_actor(d, "ARGENTIN");
    CHECK(a && a->phrases[0].words[0].flags == (DICT_W_STEM | DICT_W_ENDINGS));
    CHECK(a && a->origin.line == 9 && strstr(a->origin.file, "t.actors"));
    a = &d->actors[1]; /* AL_GORE: AL whole and consecutive, GORE a stem */
    CHECK(phrase_is(&a->phrases[0], "AL GORE"));
    CHECK_INT(a->phrases[0].words[0].flags, DICT_W_ADJACENT);
    CHECK_INT(a->phrases[0].words[1].flags, DICT_W_STEM | DICT_W_ENDINGS);
    a = &d->actors[2]; /* AL GORE: a blank lets other words in between */
    CHECK_INT(a->phrases[0].words[0].flags, DICT_W_STEM);
    CHECK_STR(a->codes[0].code, "TEN");
    a = find_actor(d, "MOUSE");
    CHECK(a && a->phrases[0].words[0].flags == DICT_W_NOENDINGS);
    a = find_actor(d, "BARAD DUR");
    CHECK(a && a->phrases[0].words[0].flags == DICT_W_ADJACENT);

    a = find_actor(d, "ALBRIGHT"); /* TABARI ranges are inclusive */
    CHECK(a && a->n_codes == 2);
    if (a) check_block(&a->codes[0], "USAGOV", 19991201, 20010114);
    if (a) check_block(&a->codes[1], "---", 0, 0);
    a = find_actor(d, "AXNOR"); /* <D: up to and including D */
    if (a) check_block(&a->codes[0], "AR1", 0, 19911226);
    a = find_actor(d, "LORIEN");
    CHECK(a && a->n_codes == 2);
    if (a) CHECK(!a->codes[0].flags && a->codes[1].flags == DICT_CB_COMPOUND);
    if (a) CHECK_STR(a->codes[1].code, "GAL");
    a = find_actor(d, "ONODOHER"); /* 29 is 2029; a lone restriction gets [---] */
    CHECK(a && a->n_codes == 2);
    if (a) check_block(&a->codes[0], "ONO", 0, 20291231);
    if (a) check_block(&a->codes[1], "---", 0, 0);
    a = find_actor(d, "SMEAGOL"); /* 30 is 1930 for TABARI */
    CHECK(a && a->n_phrases == 2 && a->n_codes == 3);
    if (a) CHECK(phrase_is(&a->phrases[0], "GOLLUM"));
    if (a) check_block(&a->codes[0], "HOB", 0, 19300101);
    if (a) check_block(&a->codes[1], "HOBREB", 19990816, 0);
    if (a) CHECK_STR(a->codes[2].code, "---");
    dict_free(d);
}

static const char TAB_BAD_ACTORS[] =
    "[XYZ]\n"                          /* 1: code before any actor */
    "+ORPHAN\n"                        /* 2: synonym before any actor */
    "ALBRIGHZ  [991201-010114]\n"      /* 3: no code */
    "ALBRIGHY  [AAA950601-990815]\n"   /* 4: date stuck to the code */
    "ALBRIGHX  [USA 991301]\n"         /* 5: invalid date */
    "ALBRIGHW  [USA 991201-991301]\n"  /* 6: invalid end date */
    "ALBRIGHV  [USA] junk\n"           /* 7: text after the blocks */
    "ALBRIGHU  [USA\n"                 /* 8: missing ']' */
    "_ [USA]\n";                       /* 9: empty phrase */

static void test_tabari_actor_warnings(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_actors, "bad.actors", TAB_BAD_ACTORS, &w);
    if (!d) return;
    CHECK(warned(&w, 1, "code block before any actor"));
    CHECK(warned(&w, 2, "synonym before any actor"));
    CHECK(warned(&w, 3, "no valid code"));
    CHECK(warned(&w, 3, "has no code"));
    CHECK(warned(&w, 4, "no valid code"));
    CHECK(warned(&w, 5, "invalid date"));
    CHECK(warned(&w, 6, "invalid date"));
    CHECK(warned(&w, 7, "expected [CODE]"));
    CHECK(warned(&w, 8, "expected [CODE]"));
    CHECK(warned(&w, 9, "empty phrase"));
    const dict_actor *a = find_actor(d, "ALBRIGHV");
    CHECK(a && a->n_codes == 1); /* the good block before the junk stays */
    dict_free(d);
}

static void test_tabari_agents(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_agents, "t.agents",
                        "AMBASSADOR_  [ ~GOV] ;LRP 02 Jun 2004\n"
                        "HUMAN_RIGHTS_BODY [NGO~]\n"
                        "SEMI-OFFICIAL_NEWSPAPER_  [ ~MED]\n"
                        "NOTILDE [GOV]\n"
                        "NOCODE\n"
                        "BOTH [~GOV~]\n",
                        &w);
    if (!d) return;
    CHECK_INT(d->n_agents, 3);
    const dict_agent *a = find_agent(d, "AMBASSADOR");
    CHECK(a && a->side == DICT_AGENT_SUFFIX);
    if (a) CHECK_STR(a->code, "GOV");
    if (a) CHECK_INT(a->phrases[0].words[0].flags, DICT_W_ENDINGS);
    a = find_agent(d, "HUMAN RIGHTS BODY");
    CHECK(a && a->side == DICT_AGENT_PREFIX);
    if (a) CHECK_STR(a->code, "NGO");
    CHECK(find_agent(d, "SEMI OFFICIAL NEWSPAPER") != NULL);
    CHECK(warned(&w, 4, "needs one '~'"));
    CHECK(warned(&w, 5, "without a [code]"));
    CHECK(warned(&w, 6, "needs one '~'"));
    CHECK_INT(w.n, 3);
    dict_free(d);
}

static const char TAB_VERBS[] =
    "<SYNSETS>\n"
    "&TIETYPES\n"
    "+MILITARY\n"
    "+ECONOMIC\n"
    "&TIEPHRASE\n"
    "+&TIETYPES_MEMOS\n"
    "&CURRENCY\n"
    "+PESO_$\n"
    "+SWISS_FRANC\n"
    "</SYNSETS>\n"                                                     /* 10 */
    "<TIME>\n"
    "LAST_WEEK [-7]\n"
    "TOMORROW [+1]\n"
    "- * AND A WEEK [+8]\n"
    "KAN_WA_MA_KAN [###]\n"
    "WHEN_PEACE_COMES [+++]\n"
    "FOREVER [- - -]\n"
    "</TIME>\n"
    "ABANDON  [345] ;pas 15 Jul 2003\n"
    "- * NEW_&TIETYPES_RELATIONS [903]; -PAS\n"                        /* 20 */
    "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [111]\n"
    "- $ HOSTING ^ * TABASKI  [042]\n"
    "- % HAVE *  [032:033]\n"
    "- RECENT~_*  [025]\n"
    "BREAK_ [1717]\n"
    "{ BROKE_ BROKEN_ BROKEN_DOWN_ }\n"
    "- + KNOWN_ * IN_ $  [076]\n"
    "ATTEND  [031!]\n"
    "- * SUMMIT [014?]\n"
    "- * TALKS [---]\n"                                                /* 30 */
    "- * GAME [###]\n"
    "- * MESS [+++]\n"
    "BAN= [sdf]\n";

static void test_tabari_verbs(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_verbs, "t.verbs", TAB_VERBS, &w);
    if (!d) return;
    CHECK_INT(w.n, 0);
    CHECK_INT(d->n_synsets, 3);
    const dict_synset *syn = find_synset(d, "&TIEPHRASE");
    CHECK(syn && syn->n_members == 2); /* nested synset inlined */
    if (syn) CHECK(phrase_is(&syn->members[1], "ECONOMIC MEMOS"));
    if (syn) CHECK(syn->members[1].words[0].flags & DICT_W_ADJACENT);
    syn = find_synset(d, "&CURRENCY");
    CHECK(syn && syn->n_members == 2 && syn->alts[0].n_elems == 2);
    if (syn) CHECK(syn->alts[0].elems[1].kind == DICT_E_SOURCE);

    CHECK_INT(d->n_times, 6);
    CHECK_INT(d->times[0].days, -7);
    CHECK(phrase_is(&d->times[2].phrase, "TOMORROW") && d->times[2].days == 8);
    CHECK_INT(d->times[2].context.n_elems, 4);
    CHECK_INT(d->times[1].context.n_elems, 0);
    CHECK_INT(d->times[3].discard, 1);
    CHECK_INT(d->times[4].complex, 1);
    CHECK(d->times[5].days == 0 && !d->times[5].discard);

    CHECK_INT(d->n_verbs, 4);
    const dict_verb *v = find_verb(d, "ABANDON");
    CHECK(v && v->n_patterns == 5 && v->generate_forms && v->code.code);
    if (!v || v->n_patterns != 5) goto done;
    CHECK_STR(v->code.code, "345");
    const dict_pattern *p = &v->patterns[0];
    CHECK_INT(p->seq.n_elems, 4);
    CHECK(p->seq.elems[0].kind == DICT_E_VERB);
    CHECK(p->seq.elems[1].word.flags == DICT_W_ADJACENT); /* NEW_ */
    CHECK(p->seq.elems[2].kind == DICT_E_ALT && p->seq.elems[2].n_alts == 2);
    CHECK(p->seq.elems[2].adjacent);
    CHECK_INT(p->letters, 20); /* NEW TIETYPES RELATIONS */
    CHECK_INT(p->origin.line, 20);
    CHECK_STR(p->text, "- * NEW_&TIETYPES_RELATIONS [903]");
    p = &v->patterns[1];
    CHECK_INT(p->seq.n_elems, 6);
    CHECK(p->seq.elems[0].word.flags == DICT_W_ADJACENT); /* SUGGESTED_+ */
    CHECK(p->seq.elems[1].kind == DICT_E_TARGET && !p->seq.elems[1].adjacent);
    const dict_elem *alt = &p->seq.elems[4];
    CHECK(alt->kind == DICT_E_ALT && alt->n_alts == 2 && alt->adjacent);
    CHECK(alt->alts[0].elems[0].word.flags == 0);         /* GENEVA_ */
    CHECK(alt->alts[1].elems[0].word.flags == DICT_W_STEM); /* INTERNATIONAL */
    CHECK_INT(p->letters, 45);
    p = &v->patterns[2];
    CHECK(p->seq.elems[0].kind == DICT_E_SOURCE && p->seq.elems[2].kind == DICT_E_SKIP);
    p = &v->patterns[3];
    CHECK(p->seq.elems[0].kind == DICT_E_BOTH);
    CHECK(p->code.flags == DICT_EC_PAIRED);
    CHECK_STR(p->code.code, "032");
    CHECK_STR(p->code.paired, "033");
    p = &v->patterns[4]; /* RECENT~_*: a stem the verb follows at once */
    CHECK_INT(p->seq.elems[0].word.flags, DICT_W_STEM | DICT_W_ADJACENT);

    v = find_verb(d, "BREAK");
    CHECK(v && v->n_forms == 3 && v->n_patterns == 1);
    if (v) CHECK(phrase_is(&v->forms[2], "BROKEN DOWN"));
    v = find_verb(d, "ATTEND");
    CHECK(v && v->code.flags == DICT_EC_DOMINANT && v->n_patterns == 4);
    if (v && v->n_patterns == 4) {
        CHECK_INT(v->patterns[0].code.flags, DICT_EC_SUBORDINATE);
        CHECK_STR(v->patterns[0].code.code, "014");
        CHECK(v->patterns[1].code.flags == DICT_EC_NULL && !v->patterns[1].code.code);
        CHECK_INT(v->patterns[2].code.flags, DICT_EC_DISCARD);
        CHECK_INT(v->patterns[3].code.flags, DICT_EC_COMPLEX);
    }
    v = find_verb(d, "BAN");
    CHECK(v && !v->generate_forms);
    if (v) CHECK_STR(v->code.code, "SDF");
done:
    dict_free(d);
}

static void test_tabari_verb_warnings(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_verbs, "bad.verbs",
                        "- * EARLY [010]\n"                   /* 1 */
                        "{ FORM }\n"                          /* 2 */
                        "<SYNSETS>\n"
                        "+LOOSE\n"                            /* 4 */
                        "</SYNSETS>\n"
                        "<TIME>\n"
                        "SOON [SOONISH]\n"                    /* 7 */
                        "</TIME>\n"
                        "ACCEPT\n"                            /* 9 */
                        "- * PLAN\n"                          /* 10 */
                        "- * &NOSUCH [010]\n"                 /* 11 */
                        "- * COMMIT * AID [033]\n"            /* 12 */
                        "- + { WAS | WERE ] * BY_ $ [195]\n"  /* 13 */
                        "- NO VERB [010]\n"                   /* 14 */
                        "- * EMPTY []\n"                      /* 15 */
                        "- * PAIR [010:]\n"                   /* 16 */
                        "- * GOOD [010]\n",
                        &w);
    if (!d) return;
    CHECK(warned(&w, 1, "pattern before any verb"));
    CHECK(warned(&w, 2, "forms before any verb"));
    CHECK(warned(&w, 4, "expected &SYNSET"));
    CHECK(warned(&w, 7, "not a number of days"));
    CHECK(warned(&w, 9, "verb without a [code]"));
    CHECK(warned(&w, 10, "pattern without a [code]"));
    CHECK(warned(&w, 11, "undefined synset &NOSUCH"));
    CHECK(warned(&w, 12, "exactly one '*', has 2"));
    CHECK(warned(&w, 13, "missing '}'"));
    CHECK(warned(&w, 14, "exactly one '*', has 0"));
    CHECK(warned(&w, 15, "empty or overlong event code"));
    CHECK(warned(&w, 16, "without a second code"));
    CHECK_INT(w.n, 12);
    const dict_verb *v = find_verb(d, "ACCEPT");
    CHECK(v && v->code.flags == DICT_EC_NULL && v->n_patterns == 1);
    dict_free(d);
}

static void test_tabari_options(void)
{
    warns w;
    dict *d = read_text(dict_read_tabari_options, "t.options",
                        "// comment\n"
                        "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN\n"
                        "\n"
                        "  SET: LABEL = TRUE  \n"
                        "LABEL: 010=YIELD\n"
                        "~~~~~\n"
                        "SET: NOT READ = TRUE\n",
                        &w);
    if (!d) return;
    CHECK_INT(d->n_options, 3);
    if (d->n_options == 3) {
        CHECK_STR(d->options[0], "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN");
        CHECK_STR(d->options[1], "SET: LABEL = TRUE");
        CHECK_STR(d->options[2], "LABEL: 010=YIELD");
    }
    dict_free(d);
}

static void test_tabari_project(void)
{
    write_file("p.actors", "ARNOR_ [ARN]\n");
    write_file("p.verbs", "ABANDON [345]\n");
    write_file("p.options", "SET: X = TRUE\n");
    const char *project = write_file("p.project",
                                     "Demo project\n"
                                     "<actorsfile> \tp.actors\n"
                                     "<verbsfile> p.verbs\n"
                                     "<optionsfile> p.options\n"
                                     "<textfile> not-a-dictionary.text\n"
                                     "<session 1> <coder pas>\n");
    dict *d = dict_new(NULL, NULL);
    dyad_error err = {0};
    CHECK_INT(dict_load(d, project, &err), 0);
    CHECK_INT(d->flavor, DICT_FLAVOR_TABARI);
    CHECK(d->n_actors == 1 && d->n_verbs == 1 && d->n_options == 1);
    dict_free(d);

    project = write_file("missing.project", "x\n<actorsfile> p.actors\n<agentsfile> nosuch.agents\n");
    d = dict_new(NULL, NULL);
    CHECK_INT(dict_load(d, project, &err), DYAD_EIO);
    CHECK(strstr(err.message, "missing.project:3") && strstr(err.message, "nosuch.agents"));
    dict_free(d);
}

/* ---- PETRARCH ----------------------------------------------------------- */

static const char PETR_ACTORS[] =
    "<!-- ONE LINE COMMENT -->\n"
    "<!-- \n"
    "# inside a comment\n"
    "NOT_AN_ACTOR [XXX]\n"
    "# -->\n"
    "ISRAELI_TROOPS [ISRMIL]\n"                      /* 6 */
    "PRESIDENT HOSNI MURBARAK [egygov]  # note\n"
    "ARNOR_  [ ARN ] ;JW 10/17/91\n"
    "AUSTRALIA [AUS]\n"
    "+AUSTRALIAN\n"
    "GOLLUM  # pas 27 Apr 03\n"                       /* 11 */
    "+SMEAGOL\n"
    "\t[HOB < 950601]\n"
    "\t[HOBGOV 19950601 - 19990815]\n"
    "\t[HOBREB > 301231]\n"
    "\t[HOBELI]\n"
    "UFFE_ELLEMANN_JENSEN_  [IGOEUREEC 820701-821231][IGOEUREEC 870701-871231]\n"
    "EMPTY_WINDOW [XXX 040517-040517]\n"             /* 18 */
    "AUSTRALIA [AUS2]\n"
    "LEAP [LPA <20000301] [LPB 19990101-20000101]\n";

static void test_petrarch_actors(void)
{
    warns w;
    dict *d = read_text(dict_read_petrarch_actors, "p.actors.txt", PETR_ACTORS, &w);
    if (!d) return;
    CHECK(find_actor(d, "NOT AN ACTOR") == NULL);
    CHECK_INT(d->n_actors, 9);
    const dict_actor *a = find_actor(d, "ISRAELI TROOPS");
    CHECK(a && a->origin.line == 6);
    if (a) CHECK_INT(a->phrases[0].words[0].flags, DICT_W_ADJACENT); /* consecutive, no stems */
    if (a) CHECK_INT(a->phrases[0].words[1].flags, 0);
    a = find_actor(d, "PRESIDENT HOSNI MURBARAK");
    CHECK(a && a->phrases[0].words[1].flags == DICT_W_ADJACENT);
    if (a) CHECK_STR(a->codes[0].code, "EGYGOV");
    a = find_actor(d, "ARNOR");
    if (a) CHECK_STR(a->codes[0].code, "ARN");
    a = find_actor(d, "AUSTRALIAN");
    CHECK(a && a->n_phrases == 2);
    a = find_actor(d, "SMEAGOL"); /* PETRARCH: <D and D1-D2 end the day before */
    CHECK(a && a->n_codes == 4);
    if (a && a->n_codes == 4) {
        check_block(&a->codes[0], "HOB", 0, 19950531);
        check_block(&a->codes[1], "HOBGOV", 19950601, 19990814);
        check_block(&a->codes[2], "HOBREB", 20301231, 0); /* YY <= 30 is 20YY */
        check_block(&a->codes[3], "HOBELI", 0, 0);        /* no implicit [---] */
    }
    a = find_actor(d, "UFFE ELLEMANN JENSEN");
    CHECK(a && a->n_codes == 2);
    if (a && a->n_codes == 2) check_block(&a->codes[1], "IGOEUREEC", 19870701, 19871230);
    CHECK(warned(&w, 18, "empty date window"));
    CHECK(warned(&w, 18, "has no code"));
    CHECK_INT(w.n, 2);
    /* a phrase written again is a group of its own (PETRARCH appends) */
    CHECK_STR(d->actors[d->n_actors - 2].codes[0].code, "AUS2");
    a = find_actor(d, "LEAP"); /* the day before, across months and years */
    CHECK(a && a->n_codes == 2);
    if (a && a->n_codes == 2) {
        check_block(&a->codes[0], "LPA", 0, 20000229);
        check_block(&a->codes[1], "LPB", 19990101, 19991231);
    }
    dict_free(d);
}

static void test_petrarch_agents(void)
{
    warns w;
    dict *d = read_text(dict_read_petrarch_agents, "p.agents.txt",
                        "<!-- AGENTS -->\n"
                        "!PERSON! = MAN, MEN, WOMAN\n"
                        "!MINIST! = MINISTER, MINISTRY\n"
                        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV] # mj\n"
                        "OFFICIAL_MEDIA {} [~GOVMED]\n"
                        "CONGRESS [~LEG]\n"
                        "PARTY [~OPP]\n"
                        "ACTIVIST [~OPP]\n"
                        "CONGRESS!PERSON! [~LEG]\n"
                        "FOREIGN_!MINIST! [~GOV]\n"
                        "HUMAN_RIGHTS_ACTIVISTS  [NGM~]\n"
                        "X!NOSUCH! [~GOV]\n"   /* 12 */
                        "NOCODE\n",           /* 13 */
                        &w);
    if (!d) return;
    const dict_agent *a = find_agent(d, "ATTORNEYS GENERAL");
    CHECK(a && a->n_phrases == 2 && a->side == DICT_AGENT_SUFFIX);
    a = find_agent(d, "OFFICIAL MEDIA");
    CHECK(a && a->n_phrases == 1);
    CHECK(find_agent(d, "CONGRESSES") != NULL); /* S -> ES */
    CHECK(find_agent(d, "PARTIES") != NULL);    /* Y -> IES */
    CHECK(find_agent(d, "ACTIVISTS") != NULL);  /* + S */
    a = find_agent(d, "CONGRESSWOMAN");
    CHECK(a && a->n_phrases == 3); /* one per list item, no plurals */
    a = find_agent(d, "FOREIGN MINISTRY");
    CHECK(a && a->n_phrases == 2);
    a = find_agent(d, "HUMAN RIGHTS ACTIVISTS");
    CHECK(a && a->side == DICT_AGENT_PREFIX);
    if (a) CHECK_STR(a->code, "NGM");
    CHECK(warned(&w, 12, "unknown substitution list"));
    CHECK(warned(&w, 13, "without a [code]"));
    CHECK_INT(w.n, 2);
    dict_free(d);
}

static const char PETR_VERBS[] =
    "<!-- PETRARCH VALIDATION SUITE VERBS DICTIONARY -->\n"
    "&PREPOSIT1_\n"
    "+AGAINST\n"
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+SWISS_FRANC\n"
    "+CASH_\n"
    "--- ABANDON  [345]  ---\n"
    "ABANDON    # pas\n"                                             /* 9 */
    "+ABC_DEF\n"
    "KLM_NOP_+RST [002]\n"
    "SPEED {SPEEDING SPEEDS SPED }\n"
    "- * NEW_&CURRENCY_RELATIONS [903] #  -PAS\n"
    "- * &PREPOSIT1 RESOLUTION  [102]\n"
    "<! -- a \"<!\" line does not stop dyad's pattern loading -->\n"
    "- * POLICE (TO BORDER)      [153]         # RUSH\n"
    "- * (TO {BANNED PARTIES}) $ [1722]\n"
    "- * (BEFORE COURT)          [:173]\n"
    "---  ASK   [---]  ---\n"
    "+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]\n"
    "ASK     [020]\n"
    "####### VERB PATTERNS #######\n"
    "&LATE\n"                                                        /* 23 */
    "+LATER\n"
    "--- EMPTY ---\n"                                                /* 25 */
    "- * EARLY [010]\n"                                              /* 26 */
    "######## TRANSFORMATIONS ##########\n"
    "~ a (a b ATTACK) SAY = a b 015\n"
    "#~ a (a b WILL_ATTACK) SAY = a b 138\n";

static void test_petrarch_verbs(void)
{
    warns w;
    dict *d = read_text(dict_read_petrarch_verbs, "p.verbs.txt", PETR_VERBS, &w);
    if (!d) return;
    CHECK_INT(d->n_synsets, 2);
    const dict_synset *syn = find_synset(d, "&CURRENCY"); /* plurals, not for CASH_ */
    CHECK(syn && syn->n_members == 5);
    if (syn && syn->n_members == 5) {
        CHECK(phrase_is(&syn->members[1], "DOLLARS"));
        CHECK(phrase_is(&syn->members[3], "SWISS FRANCS"));
        CHECK(phrase_is(&syn->members[4], "CASH"));
    }
    syn = find_synset(d, "&PREPOSIT1"); /* '_' on the name: no plurals */
    CHECK(syn && syn->n_members == 1);

    CHECK_INT(d->n_verbs, 6);
    const dict_verb *v = find_verb(d, "ABANDON");
    CHECK(v && v->generate_forms && v->n_patterns == 5);
    if (!v || v->n_patterns != 5) goto done;
    CHECK_STR(v->block, "ABANDON");
    CHECK_STR(v->code.code, "345");
    const dict_verb *v2 = find_verb(d, "ABC DEF");
    CHECK(v2 && v2->verb_word == 0 && v2->patterns == v->patterns);
    v2 = find_verb(d, "KLM NOP RST");
    CHECK(v2 && v2->verb_word == 2);
    if (v2) CHECK_STR(v2->code.code, "002");
    v2 = find_verb(d, "SPEED");
    CHECK(v2 && !v2->generate_forms && v2->n_forms == 3);

    const dict_pattern *p = &v->patterns[0];
    CHECK(p->seq.elems[2].kind == DICT_E_ALT && p->seq.elems[2].n_alts == 5);
    p = &v->patterns[2]; /* * POLICE (TO BORDER) */
    CHECK_INT(p->seq.n_elems, 6);
    CHECK(p->seq.elems[2].kind == DICT_E_GROUP_OPEN);
    CHECK_STR(p->seq.elems[2].word.text, "(");
    CHECK(p->seq.elems[5].kind == DICT_E_GROUP_CLOSE);
    CHECK_INT(p->origin.line, 16);
    p = &v->patterns[3]; /* * (TO {BANNED PARTIES}) $ */
    CHECK_INT(p->seq.n_elems, 9);
    CHECK_STR(p->seq.elems[3].word.text, "{");
    CHECK(p->seq.elems[8].kind == DICT_E_SOURCE);
    p = &v->patterns[4]; /* [:B]: passive only */
    CHECK(!p->code.code && p->code.flags == DICT_EC_PAIRED);
    CHECK_STR(p->code.paired, "173");

    v = find_verb(d, "ASK FOR");
    CHECK(v && v->verb_word == 0 && v->n_forms == 3 && !v->generate_forms);
    if (v) CHECK(phrase_is(&v->forms[0], "ASKED FOR"));
    if (v) CHECK_STR(v->code.code, "020");
    CHECK(warned(&w, 23, "synset after VERB PATTERNS"));
    CHECK(warned(&w, 25, "verb block without a [code]"));
    CHECK(warned(&w, 26, "pattern before any verb"));
    CHECK_INT(w.n, 3);
    CHECK_INT(d->n_transforms, 1);
    if (d->n_transforms) CHECK_STR(d->transforms[0].text, "~ a (a b ATTACK) SAY = a b 015");
done:
    dict_free(d);
}

/* PETRARCH-2's own rule, on request: no patterns after a "<!" line. */
static void test_petrarch2_comment_rule(void)
{
    warns w = {0};
    dict *d = dict_new(on_warn, &w);
    dyad_error err = {0};
    d->petrarch2_comment_rule = 1;
    CHECK_INT(dict_read_petrarch_verbs(d, write_file("rule.verbs.txt",
                                                     "--- MEET [031] ---\n"
                                                     "MEET\n"
                                                     "- * BEFORE [032]\n"
                                                     "<!-- from here on, no patterns -->\n"
                                                     "- * AFTER [033]\n"
                                                     "CONFER\n"),
                                       &err), 0);
    CHECK_INT(d->n_verbs, 2);
    CHECK(d->n_verbs == 2 && d->verbs[1].n_patterns == 1);
    dict_free(d);
}

static void test_petrarch_discards(void)
{
    warns w;
    dict *d = read_text(dict_read_petrarch_discards, "p.discards.txt",
                        "# comment\n"
                        "MONTHS LATER\n"
                        "+World Golf Championships   # pas\n"
                        "BASEBALL   \n",
                        &w);
    if (!d) return;
    CHECK_INT(d->n_discards, 3);
    if (d->n_discards == 3) {
        CHECK(phrase_is(&d->discards[1].phrase, "WORLD GOLF CHAMPIONSHIPS"));
        CHECK(d->discards[1].whole_story && !d->discards[0].whole_story);
        CHECK_INT(d->discards[2].origin.line, 4);
    }
    dict_free(d);
}

static void test_petrarch_config(void)
{
    write_file("c.verbs.txt", "--- MEET [031] ---\nMEET\n");
    write_file("c1.actors.txt", "ARNOR [ARN]\n");
    write_file("c2.actors.txt", "GONDOR [GON]\n");
    write_file("c.agents.txt", "POLICE {} [~COP]\n");
    const char *ini = write_file("PETR_config.ini",
                                 "# config\n"
                                 "[Dictionaries]\n"
                                 "verbfile_name    = c.verbs.txt\n"
                                 "actorfile_list   = c1.actors.txt, c2.actors.txt\n"
                                 "agentfile_name   = c.agents.txt\n"
                                 "issuefile_name   = ignored.txt\n"
                                 "#discardfile_name = nosuch.txt\n"
                                 "[Options]\n"
                                 "new_actor_length = 0\n"
                                 "require_dyad = True\n"
                                 "[StanfordNLP]\n"
                                 "stanford_dir = ~/x\n");
    dict *d = dict_new(NULL, NULL);
    dyad_error err = {0};
    CHECK_INT(dict_load(d, ini, &err), 0);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH2);
    CHECK(d->n_verbs == 1 && d->n_actors == 2 && d->n_agents == 1);
    CHECK_INT(d->n_options, 2);
    if (d->n_options == 2) CHECK_STR(d->options[1], "require_dyad=True");
    dict_free(d);

    ini = write_file("bad_config.ini", "[Dictionaries]\nactorfile_list = c1.actors.txt, nosuch.actors.txt\n");
    d = dict_new(NULL, NULL);
    CHECK_INT(dict_load(d, ini, &err), DYAD_EIO);
    CHECK(strstr(err.message, "bad_config.ini:2") && strstr(err.message, "nosuch.actors.txt"));
    dict_free(d);
}

/* ---- dict_load ---------------------------------------------------------- */

static void test_load_xml(void)
{
    write_file("x.verbs.txt", "--- MEET [031] ---\nMEET\n- * (WITH) + [032]\n");
    write_file("x.actors.txt", "ARNOR [ARN]\n");
    const char *xml = write_file("records.xml",
                                 "<Validation>\n<!--\n# header\n-->\n"
                                 "<Environment>\n"
                                 "    <Verbfile>x.verbs.txt</Verbfile>\n"
                                 "    <Actorfile>x.actors.txt</Actorfile>\n"
                                 "</Environment>\n"
                                 "<Sentences>\n"
                                 "<Agentfile>nosuch.txt</Agentfile>\n"
                                 "</Sentences>\n");
    dict *d = dict_new(NULL, NULL);
    dyad_error err = {0};
    CHECK_INT(dict_load(d, xml, &err), 0);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH2); /* a '(' group in a pattern */
    CHECK(d->n_verbs == 1 && d->n_actors == 1 && d->n_agents == 0);
    dict_free(d);

    write_file("y.verbs.txt", "--- MEET [031] ---\nMEET\n- * WITH + [032]\n");
    xml = write_file("records2.xml", "<Environment>\n<Actorfile>nosuch.actors.txt</Actorfile>\n</Environment>\n");
    d = dict_new(NULL, NULL);
    CHECK_INT(dict_load(d, xml, &err), DYAD_EIO);
    CHECK(strstr(err.message, "records2.xml") && strstr(err.message, "nosuch.actors.txt"));
    dict_free(d);

    xml = write_file("records1.xml", "<Environment>\n<Verbfile>y.verbs.txt</Verbfile>\n</Environment>\n");
    d = dict_new(NULL, NULL);
    CHECK_INT(dict_load(d, xml, &err), 0);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH1);
    dict_free(d);
}

static void test_load_folder_and_errors(void)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/folder", tmp_dir);
    CHECK_INT(mkdir(dir, 0700), 0);
    char path[700];
    const char *files[][2] = {
        {"b.actors.txt", "GONDOR [GON]\n"},
        {"a.actors.txt", "ARNOR [ARN]\n"},
        {"x.verbs.txt", "--- MEET [031] ---\nMEET\n"},
        {"readme.md", "not a dictionary\n"},
    };
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "folder/%s", files[i][0]);
        write_file(path, files[i][1]);
    }
    dict *d = dict_new(NULL, NULL);
    dyad_error err = {0};
    CHECK_INT(dict_load(d, dir, &err), 0);
    CHECK_INT(d->flavor, DICT_FLAVOR_DYAD);
    CHECK(d->n_actors == 2 && d->n_verbs == 1);
    if (d->n_actors == 2) CHECK_STR(d->actors[0].codes[0].code, "ARN"); /* sorted order */
    dict_free(d);

    d = dict_new(NULL, NULL);
    CHECK_INT(dict_load(d, "/nonexistent/dyad/dicts", &err), DYAD_EIO);
    CHECK(strstr(err.message, "/nonexistent/dyad/dicts") != NULL);
    CHECK_INT(dict_load(d, write_file("notes.md", "x\n"), &err), DYAD_EARG);
    CHECK_INT(dict_load(d, NULL, &err), DYAD_EARG);
    dict_free(d);
    dict_free(NULL);
}

/* ---- the peers' real dictionaries --------------------------------------- */

static char shared_dir[600];

static int have_shared(const char *test, const char *rel)
{
    char path[800];
    snprintf(path, sizeof path, "%s/%s", shared_dir, rel);
    if (access(path, R_OK) == 0) return 1;
    printf("SKIP %s: %s not found\n", test, path);
    return 0;
}

static dict *load_shared(const char *rel, warns *w, double *ms)
{
    char path[800];
    snprintf(path, sizeof path, "%s/%s", shared_dir, rel);
    memset(w, 0, sizeof *w);
    dict *d = dict_new(on_warn, w);
    dyad_error err = {0};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int rc = dict_load(d, path, &err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    *ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    CHECK_INT(rc, 0);
    if (rc) printf("  error: %s\n", err.message);
    return d;
}

static size_t unique_patterns(const dict *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_verbs; i++)
        if (!i || d->verbs[i].patterns != d->verbs[i - 1].patterns || !d->verbs[i].patterns)
            n += d->verbs[i].n_patterns;
    return n;
}

static void test_shared_tabari(void)
{
    warns w;
    double ms;
    dict *d = load_shared("peers/tabari/Validate.project", &w, &ms);
    printf("  Validate.project: %.1f ms\n", ms);
    CHECK_INT(d->flavor, DICT_FLAVOR_TABARI);
    CHECK_INT(w.n, 0);
    CHECK_INT(d->n_actors, 120);
    CHECK_INT(d->n_agents, 86);
    CHECK_INT(d->n_verbs, 283);
    CHECK_INT(d->n_synsets, 5);
    CHECK_INT(d->n_times, 12);
    CHECK_INT(d->n_nouns, 8);
    CHECK_INT(d->n_adjectives, 5);
    CHECK_INT(d->n_options, 96);
    const dict_agent *a = find_agent(d, "HUMAN RIGHTS BODY");
    CHECK(a && a->side == DICT_AGENT_PREFIX);
    a = find_agent(d, "PARLIAMENTARY OPPOSITION");
    CHECK(a && a->side == DICT_AGENT_SUFFIX);
    if (a) CHECK_STR(a->code, "OPP");
    const dict_actor *ac = find_actor(d, "STINKER");
    CHECK(ac && ac->n_phrases == 4 && ac->n_codes == 4);
    dict_free(d);
}

static void test_shared_tabari_cameo(void)
{
    warns w;
    double ms;
    dict *d = load_shared("peers/tabari/cameo/CAMEO.091003.master.verbs", &w, &ms);
    printf("  CAMEO.091003.master.verbs: %.1f ms\n", ms);
    CHECK_INT(d->n_verbs, 1216);
    /* 15,582 pattern lines; 12 are malformed ("{ WAS | WERE ]", two '*') */
    CHECK_INT(w.n, 12);
    CHECK_INT(unique_patterns(d), 15582 - 12);
    dict_free(d);
}

static void test_shared_petrarch_validate(void)
{
    warns w;
    double ms;
    dict *d = load_shared("peers/petrarch2/PETR.UnitTest.records.xml", &w, &ms);
    printf("  petrarch2 PETR.UnitTest.records.xml dictionaries: %.1f ms\n", ms);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH1); /* its verbs file has no PETRARCH-2 marks */
    CHECK_INT(w.n, 1); /* "[###]" cut at '#' as PETRARCH does */
    CHECK_INT(d->n_actors, 128);
    CHECK_INT(d->n_agents, 88);
    CHECK_INT(d->n_discards, 9);
    CHECK_INT(d->n_synsets, 17);
    CHECK_INT(unique_patterns(d), 474 - 1); /* 474 pattern lines, one "[###]" */
    const dict_actor *a = find_actor(d, "SAM GAMGEE");
    CHECK(a && a->n_codes == 6);
    if (a && a->n_codes == 6) check_block(&a->codes[2], "ORCHOB", 20100109, 20100111);
    const dict_agent *g = find_agent(d, "CONGRESSWOMEN");
    CHECK(g && g->n_phrases == 5);
    g = find_agent(d, "GOLDEN GEESE");
    CHECK(g && g->n_phrases == 2);
    dict_free(d);

    /* PETRARCH-1 writes TABARI's ';' comments and "[###]" blocks, which
     * the '#' rule cuts to "[" (5 warnings) */
    if (!have_shared("test_shared_petrarch_validate", "peers/petrarch1/PETR.UnitTest.records.xml")) return;
    d = load_shared("peers/petrarch1/PETR.UnitTest.records.xml", &w, &ms);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH1);
    CHECK_INT(w.n, 6);
    CHECK_INT(d->n_actors, 127);
    const dict_actor *sam = find_actor(d, "SAM GAMGEE");
    CHECK(sam && sam->n_codes == 6);
    dict_free(d);
}

static void test_shared_petrarch_production(void)
{
    warns w;
    double ms;
    dict *d = load_shared("peers/petrarch2/production/PETR_config.ini", &w, &ms);
    printf("  PETR_config.ini (CAMEO.2.0 + Phoenix): %.1f ms, %zu KB arena, %zu warnings\n", ms,
           d->arena.total / 1024, d->n_warnings);
    CHECK_INT(d->flavor, DICT_FLAVOR_PETRARCH2);
    CHECK_INT(d->n_synsets, 40);
    /* 4,668 pattern lines; two use undefined synsets (&WEATHER, &DEMONSTRATION) */
    CHECK_INT(unique_patterns(d), 4668 - 2);
    /* 9 "~" lines, one commented out with '#' */
    CHECK_INT(d->n_transforms, 8);
    size_t blocks = 0;
    for (size_t i = 0; i < d->n_verbs; i++)
        blocks += !i || d->verbs[i].block != d->verbs[i - 1].block;
    CHECK_INT(blocks, 397);
    CHECK_INT(d->n_options, 17);

    const dict_actor *a = find_actor(d, "EL SISI");
    CHECK(a && a->n_phrases == 7 && a->n_codes == 4);
    if (a && a->n_codes == 4) {
        check_block(&a->codes[0], "EGYMIL", 19770101, 20120811);
        check_block(&a->codes[1], "EGYGOVMIL", 20120812, 20140325);
        check_block(&a->codes[2], "EGYGOV", 20140608, 0);
        check_block(&a->codes[3], "EGYELI", 0, 0);
    }
    /* CROATIA is in two groups, with 3 + 1 code blocks: the four entries
     * PETRARCH's unit test expects */
    size_t groups = 0, codes = 0;
    for (size_t i = 0; i < d->n_actors; i++)
        for (uint32_t k = 0; k < d->actors[i].n_phrases; k++)
            if (phrase_is(&d->actors[i].phrases[k], "CROATIA")) groups++, codes += d->actors[i].n_codes;
    CHECK_INT(groups, 2);
    CHECK_INT(codes, 4);
    dict_free(d);
}

/* ---- main --------------------------------------------------------------- */

int main(void)
{
    const char *base = getenv("TMPDIR_TESTS");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/dyad-dict-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp_dir)) {
        printf("FAIL main: cannot make a temporary folder\n");
        return 1;
    }
    const char *shared = getenv("SHARED");
    snprintf(shared_dir, sizeof shared_dir, "%s", shared && *shared ? shared : "../shared");

    RUN(test_tabari_actors);
    RUN(test_tabari_actor_warnings);
    RUN(test_tabari_agents);
    RUN(test_tabari_verbs);
    RUN(test_tabari_verb_warnings);
    RUN(test_tabari_options);
    RUN(test_tabari_project);
    RUN(test_petrarch_actors);
    RUN(test_petrarch_agents);
    RUN(test_petrarch_verbs);
    RUN(test_petrarch2_comment_rule);
    RUN(test_petrarch_discards);
    RUN(test_petrarch_config);
    RUN(test_load_xml);
    RUN(test_load_folder_and_errors);
    /* the peers' files: each test runs only when its file is there */
    if (have_shared("test_shared_tabari", "peers/tabari/Validate.project")) RUN(test_shared_tabari);
    if (have_shared("test_shared_tabari_cameo", "peers/tabari/cameo/CAMEO.091003.master.verbs"))
        RUN(test_shared_tabari_cameo);
    if (have_shared("test_shared_petrarch_validate", "peers/petrarch2/PETR.UnitTest.records.xml"))
        RUN(test_shared_petrarch_validate);
    if (have_shared("test_shared_petrarch_production", "peers/petrarch2/production/PETR_config.ini"))
        RUN(test_shared_petrarch_production);

    remove_files();
    char folder[600];
    snprintf(folder, sizeof folder, "%s/folder", tmp_dir);
    rmdir(folder);
    rmdir(tmp_dir);
    return check_done();
}
