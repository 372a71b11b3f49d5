/*
 * petrarch.c -- readers for PETRARCH-1 and PETRARCH-2 dictionaries:
 * PETR_config.ini, actors, agents (with plurals and !NAME! lists), verbs
 * (blocks, synsets, patterns, transformations) and discards.
 *
 * What is PETRARCH's own lives here: its comment rules (read_FIN_line:
 * '#' or '<!' starts a comment line, "<!-- ... -->" may span lines, the
 * rest of a line after '#' is a comment; we also cut at ';', which the
 * PETRARCH-1 files and a few CAMEO.2.0 lines use as TABARI did) and which
 * line means what. Phrases, patterns and code blocks go through dict.c with
 * DICT_STYLE_PETRARCH: whole words only, phrase words consecutive,
 * `<D` and `D1-D2` end the day before D and D2.
 *
 * One deliberate difference from PETRARCH-2: its verb reader stops loading
 * patterns after any line that starts with "<!" (so it loads none from
 * PETR.Validate.verbs.txt). dyad loads them; see dict_read_petrarch_verbs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_read.h"

static const dict_style PETR = DICT_STYLE_PETRARCH;

/* read_FIN_line's comment rules on one raw line: the text left, trimmed,
 * or NULL for nothing. `in_comment` carries a multi-line <!-- -->. */
static char *petr_clean(char *line, int *in_comment)
{
    if (*in_comment) {
        if (strstr(line, "-->")) *in_comment = 0;
        return NULL;
    }
    char *p = dict_trim(line);
    if (dict_starts(p, "<!")) {
        *in_comment = dict_starts(p, "<!--") && !strstr(p, "-->");
        return NULL;
    }
    dict_cut(p, "#;");
    p = dict_trim(p);
    return *p ? p : NULL;
}

static char *petr_next(dict_src *s, int *in_comment)
{
    char *line;
    while ((line = dict_src_next(s)))
        if ((line = petr_clean(line, in_comment))) return line;
    return NULL;
}

/* ---- actors ------------------------------------------------------------- */

int dict_read_petrarch_actors(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err), in_comment = 0;
    if (rc) return rc;
    dict_actor_build b = {0};
    char *line;
    while (rc != DYAD_ENOMEM && (line = petr_next(&s, &in_comment)))
        rc = dict_actor_line(&s, &b, line, PETR);
    if (rc != DYAD_ENOMEM) rc = dict_actor_flush(&s, &b, PETR);
    dict_actor_build_free(&b);
    return dict_src_finish(&s, rc, err);
}

/* ---- discards ----------------------------------------------------------- */

int dict_read_petrarch_discards(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err), in_comment = 0;
    if (rc) return rc;
    char *line;
    while (rc != DYAD_ENOMEM && (line = petr_next(&s, &in_comment))) {
        dict_discard dis = {0};
        dis.whole_story = line[0] == '+';
        dis.origin = dict_src_origin(&s);
        if ((rc = dict_parse_phrase(&s, line + dis.whole_story, PETR, &dis.phrase))) continue;
        dict_discard *slot = dict_push(&d->discards, &d->n_discards, &d->cap_discards, sizeof *slot);
        if (slot) *slot = dis;
        else rc = DYAD_ENOMEM;
    }
    return dict_src_finish(&s, rc, err);
}

/* ---- agents ------------------------------------------------------------- */

/* "!PERSON! = MAN, MEN, WOMAN": a substitution list. */
typedef struct petr_subst {
    char *name;  /* "!PERSON!" */
    char *items; /* "MAN, MEN, WOMAN" (arena) */
} petr_subst;

static int petr_subst_line(dict_src *s, dict_vec *substs, char *line)
{
    char *eq = strchr(line, '='), *close = strchr(line + 1, '!');
    if (!eq || !close || close > eq) {
        dict_warn(s->d, s->file, s->line, "expected !NAME! = item, item, ...");
        return DICT_SKIP;
    }
    petr_subst *sub = dict_vec_push(substs, sizeof *sub);
    if (!sub) return DYAD_ENOMEM;
    sub->name = dyad_arena_strndup(&s->d->arena, line, (size_t)(close - line + 1));
    sub->items = dyad_arena_strdup(&s->d->arena, eq + 1);
    return sub->name && sub->items ? 0 : DYAD_ENOMEM;
}

static int push_phrase(dict_src *s, dict_vec *phrases, const char *text)
{
    dict_phrase *ph = dict_vec_push(phrases, sizeof *ph);
    if (!ph) return DYAD_ENOMEM;
    int rc = dict_parse_phrase(s, text, PETR, ph);
    if (rc) phrases->n--;
    return rc;
}

/* "CONGRESS!PERSON!": one phrase per list item, spliced in, no plurals. */
static int petr_substitute(dict_src *s, const dict_vec *substs, const char *root, dict_vec *phrases)
{
    const char *mark = strchr(root, '!'), *end = mark ? strchr(mark + 1, '!') : NULL;
    const petr_subst *sub = substs->items, *found = NULL;
    for (size_t i = 0; end && i < substs->n; i++)
        if (strlen(sub[i].name) == (size_t)(end - mark + 1) && !strncmp(sub[i].name, mark, (size_t)(end - mark + 1)))
            found = &sub[i];
    if (!found) {
        dict_warn(s->d, s->file, s->line, "unknown substitution list in %s", root);
        return DICT_SKIP;
    }
    int rc = 0;
    size_t room = strlen(root) + strlen(found->items) + 1;
    char *buf = dyad_arena_alloc(&s->d->arena, room);
    if (!buf) return DYAD_ENOMEM;
    for (const char *item = found->items; !rc && *item;) {
        size_t n = strcspn(item, ",");
        const char *b = item, *e = item + n;
        while (b < e && isspace((unsigned char)*b)) b++;
        while (e > b && isspace((unsigned char)e[-1])) e--;
        snprintf(buf, room, "%.*s%.*s%s", (int)(mark - root), root, (int)(e - b), b, end + 1);
        if (e > b) rc = push_phrase(s, phrases, buf);
        item += n + (item[n] == ',');
    }
    return rc == DICT_SKIP ? 0 : rc;
}

/* The root, then its plurals: {X Y} as written, {} none, else automatic. */
static int petr_plurals(dict_src *s, char *root, char *braces, dict_vec *phrases)
{
    int rc = push_phrase(s, phrases, root);
    if (rc) return rc;
    if (braces) {
        for (char *p = braces; !rc && *(p += strspn(p, " \t"));) {
            size_t n = strcspn(p, " \t");
            char keep = p[n];
            p[n] = '\0';
            rc = push_phrase(s, phrases, p);
            p[n] = keep;
            p += n;
        }
        return rc;
    }
    size_t n = strlen(root);
    while (n && root[n - 1] == '_') root[--n] = '\0';
    char *plural = dict_plural(s->d, root);
    return plural ? push_phrase(s, phrases, plural) : DYAD_ENOMEM;
}

/* "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]" */
static int petr_agent_line(dict_src *s, const dict_vec *substs, char *line)
{
    char *code_text;
    char *body = dict_split_code(line, &code_text);
    if (!code_text) {
        dict_warn(s->d, s->file, s->line, "agent without a [code]");
        return DICT_SKIP;
    }
    const char *code;
    dict_agent_side side;
    int rc = dict_agent_code(s, code_text, &code, &side);
    if (rc) return rc;
    char *open = strchr(body, '{'), *braces = NULL;
    if (open) {
        char *close = strchr(open, '}');
        if (close) *close = '\0';
        *open = '\0';
        braces = open + 1;
    }
    char *root = dict_trim(body);
    dict_vec phrases = {0};
    rc = strchr(root, '!') ? petr_substitute(s, substs, root, &phrases)
                           : petr_plurals(s, root, braces, &phrases);
    if (!rc && phrases.n) rc = dict_add_agent(s, &phrases, code, side);
    dict_vec_free(&phrases);
    return rc;
}

int dict_read_petrarch_agents(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err), in_comment = 0;
    if (rc) return rc;
    dict_vec substs = {0};
    char *line;
    while (rc != DYAD_ENOMEM && (line = petr_next(&s, &in_comment))) {
        if (line[0] == '!' && strchr(line, '=')) rc = petr_subst_line(&s, &substs, line);
        else rc = petr_agent_line(&s, &substs, line);
    }
    dict_vec_free(&substs);
    return dict_src_finish(&s, rc, err);
}

/* ---- verbs -------------------------------------------------------------- */

typedef struct petr_verbs {
    dict_src *s;
    const char *block;      /* name of the open "--- NAME [CODE] ---" */
    dict_event_code code;   /* its default code */
    size_t first_verb;      /* index of the block's first verb */
    dict_vec patterns;      /* the block's patterns, shared by its verbs */
    dict_synset *synset;    /* the synset "+" lines go to, if any */
    int skip_members;       /* "+" lines of an ignored synset */
    int synset_plurals;
    int after_marker;       /* past "####### VERB PATTERNS": no synsets */
    int no_patterns;        /* past a "<!" line under petrarch2_comment_rule */
} petr_verbs;

/* Every verb of a block shares the block's patterns, as in PETRARCH. */
static int petr_flush_block(petr_verbs *pv)
{
    dict *d = pv->s->d;
    if (!pv->patterns.n) return 0;
    dict_pattern *shared = dict_vec_commit(d, &pv->patterns, sizeof(dict_pattern));
    if (!shared) return DYAD_ENOMEM;
    for (size_t i = pv->first_verb; i < d->n_verbs; i++) {
        d->verbs[i].patterns = shared;
        d->verbs[i].n_patterns = (uint32_t)pv->patterns.n;
    }
    pv->patterns.n = 0;
    return 0;
}

/* "---  ACCELERATE   [---]  ---" */
static int petr_block_line(petr_verbs *pv, char *line)
{
    dict_src *s = pv->s;
    int rc = petr_flush_block(pv);
    if (rc) return rc;
    pv->first_verb = s->d->n_verbs;
    memset(&pv->code, 0, sizeof pv->code);
    pv->code.flags = DICT_EC_NULL;
    char *name = line + strspn(line, "-"), *lb = strchr(name, '['), *rb = lb ? strchr(lb, ']') : NULL;
    if (!lb || !rb) {
        dict_warn(s->d, s->file, s->line, "verb block without a [code]");
        rb = NULL;
    } else {
        *lb = *rb = '\0';
        if ((rc = dict_parse_event_code(s, lb + 1, &pv->code)) == DYAD_ENOMEM) return rc;
        if (rc) pv->code.flags = DICT_EC_NULL; /* warned; the verbs code nothing */
    }
    if (!rb) name[strcspn(name, "-")] = '\0';
    name = dict_trim(name);
    dict_upper(name);
    pv->block = dyad_arena_strdup(&s->d->arena, name);
    return pv->block ? 0 : DYAD_ENOMEM;
}

/* Words in text[0..n): runs between blanks, '_' and '-'. */
static uint32_t count_words(const char *text, size_t n)
{
    uint32_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += !strchr(" \t_-", text[i]) && (i == 0 || strchr(" \t_-", text[i - 1]));
    return words;
}

/* "RE_+ARREST": the phrase without '+', and which word the '+' marked. */
static int petr_verb_phrase(dict_src *s, const char *text, dict_phrase *out, uint32_t *verb_word)
{
    char *buf = dyad_arena_alloc(&s->d->arena, strlen(text) + 1);
    size_t n = 0;
    *verb_word = 0;
    if (!buf) return DYAD_ENOMEM;
    for (const char *p = text; *p; p++) {
        if (*p == '+') *verb_word = count_words(buf, n);
        else buf[n++] = *p;
    }
    buf[n] = '\0';
    int rc = dict_parse_phrase(s, buf, PETR, out);
    if (!rc && *verb_word >= out->n_words) *verb_word = 0;
    return rc;
}

/* "{HURRIES HURRYING HURRIED}" */
static int petr_forms(dict_src *s, char *text, dict_verb *v)
{
    dict_vec forms = {0};
    uint32_t ignored;
    int rc = 0;
    for (char *p = text; !rc && *(p += strspn(p, " \t"));) {
        size_t n = strcspn(p, " \t");
        char keep = p[n];
        p[n] = '\0';
        dict_phrase *slot = dict_vec_push(&forms, sizeof *slot);
        rc = slot ? petr_verb_phrase(s, p, slot, &ignored) : DYAD_ENOMEM;
        if (rc == DICT_SKIP) forms.n--, rc = 0;
        p[n] = keep;
        p += n;
    }
    if (!rc && forms.n) {
        v->n_forms = (uint32_t)forms.n;
        if (!(v->forms = dict_vec_commit(s->d, &forms, sizeof(dict_phrase)))) rc = DYAD_ENOMEM;
    }
    dict_vec_free(&forms);
    return rc;
}

/* "SPEED {SPEEDING SPEEDS SPED } [CODE]", "+ASK_FOR {...} [020]" */
static int petr_verb_line(petr_verbs *pv, char *line)
{
    dict_src *s = pv->s;
    dict *d = s->d;
    char *code;
    char *body = dict_split_code(line, &code);
    dict_verb v = {0};
    v.origin = dict_src_origin(s);
    v.block = pv->block;
    v.code = pv->code;
    if (!pv->block) v.code.flags = DICT_EC_NULL;
    int rc;
    if (code && (rc = dict_parse_event_code(s, code, &v.code))) return rc;
    char *open = strchr(body, '{');
    v.generate_forms = open == NULL;
    if (open) {
        char *close = strchr(open, '}');
        if (close) *close = '\0';
        *open = '\0';
        if ((rc = petr_forms(s, open + 1, &v))) return rc;
    }
    if ((rc = petr_verb_phrase(s, body, &v.phrase, &v.verb_word))) return rc;
    dict_verb *slot = dict_push(&d->verbs, &d->n_verbs, &d->cap_verbs, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = v;
    return 0;
}

static int petr_transform_line(dict_src *s, const char *line)
{
    dict *d = s->d;
    dict_transform *t = dict_push(&d->transforms, &d->n_transforms, &d->cap_transforms, sizeof *t);
    if (!t) return DYAD_ENOMEM;
    t->origin = dict_src_origin(s);
    return (t->text = dyad_arena_strdup(&d->arena, line)) ? 0 : DYAD_ENOMEM;
}

static int petr_synset_line(petr_verbs *pv, char *line)
{
    dict_src *s = pv->s;
    if (pv->after_marker) {
        dict_warn(s->d, s->file, s->line, "synset after VERB PATTERNS ignored");
        pv->skip_members = 1;
        return DICT_SKIP;
    }
    size_t n = strcspn(line, " \t");
    pv->synset_plurals = s->d->flavor != DICT_FLAVOR_PETRARCH1 && line[n - 1] != '_';
    pv->synset = dict_synset_begin(s, line);
    return pv->synset ? 0 : DICT_SKIP;
}

static int petr_verbs_line(petr_verbs *pv, char *line)
{
    dict_src *s = pv->s;
    if (line[0] == '+' && pv->synset)
        return dict_synset_add(s, pv->synset, line + 1, PETR, pv->synset_plurals);
    if (line[0] == '+' && pv->skip_members) return 0;
    pv->synset = NULL;
    pv->skip_members = 0;
    if (line[0] == '&') return petr_synset_line(pv, line);
    if (dict_starts(line, "---")) return petr_block_line(pv, line);
    if (line[0] == '~') return petr_transform_line(s, line);
    if (line[0] != '-') return petr_verb_line(pv, line);
    if (pv->no_patterns) return 0;
    if (s->d->n_verbs > pv->first_verb) return dict_add_pattern(s, &pv->patterns, line, PETR);
    dict_warn(s->d, s->file, s->line, "pattern before any verb of its block");
    return DICT_SKIP;
}

/* PETRARCH-2 turns pattern loading off for the rest of the file at a line
 * starting with "<!"; dyad does not (unless d->petrarch2_comment_rule is
 * set), so that the PETRARCH validation suites run with the patterns their
 * records were written for. */
int dict_read_petrarch_verbs(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err), in_comment = 0;
    if (rc) return rc;
    petr_verbs pv = {0};
    pv.s = &s;
    pv.first_verb = d->n_verbs;
    char *line;
    while (rc != DYAD_ENOMEM && (line = dict_src_next(&s))) {
        if (line[0] == '#' && strstr(line, "VERB PATTERNS")) pv.after_marker = 1;
        if (d->petrarch2_comment_rule && dict_starts(line, "<!")) pv.no_patterns = 1;
        if ((line = petr_clean(line, &in_comment))) rc = petr_verbs_line(&pv, line);
    }
    if (rc != DYAD_ENOMEM) rc = petr_flush_block(&pv);
    dict_vec_free(&pv.patterns);
    return dict_src_finish(&s, rc, err);
}

/* ---- PETR_config.ini ---------------------------------------------------- */

static dict_reader config_reader(const char *key)
{
    static const struct {
        const char *key;
        dict_reader read;
    } readers[] = {
        {"verbfile_name", dict_read_petrarch_verbs},
        {"actorfile_list", dict_read_petrarch_actors},
        {"agentfile_name", dict_read_petrarch_agents},
        {"discardfile_name", dict_read_petrarch_discards},
    };
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
        if (!strcmp(key, readers[i].key)) return readers[i].read;
    return NULL; /* issuefile_name and others: not part of the model */
}

/* Reads each comma-separated file of `list`, resolved beside the config. */
static int config_files(dict_src *s, const char *dir, char *list, dict_reader read, dyad_error *err)
{
    dict *d = s->d;
    for (char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char keep = p[n];
        p[n] = '\0';
        char *name = dict_trim(p), *path = *name ? dict_path_join(d, dir, name) : NULL;
        int rc = 0;
        if (*name && !path) rc = dyad_fail(err, DYAD_ENOMEM, "%s:%ld: out of memory", s->file, s->line);
        else if (path)
            rc = dict_read_named(d, read, path, s->file, s->line, err);
        if (rc) return rc;
        p[n] = keep;
        p += n + (keep == ',');
    }
    return 0;
}

static int config_option(dict_src *s, const char *key, const char *value)
{
    dict *d = s->d;
    const char **slot = dict_push(&d->options, &d->n_options, &d->cap_options, sizeof *slot);
    char *text = dyad_arena_alloc(&d->arena, strlen(key) + strlen(value) + 2);
    if (!slot || !text) return DYAD_ENOMEM;
    sprintf(text, "%s=%s", key, value);
    *slot = text;
    return 0;
}

int dict_read_petrarch_config(dict *d, const char *ini_path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, ini_path, err);
    if (rc) return rc;
    d->flavor = DICT_FLAVOR_PETRARCH2;
    const char *dir = dict_dirname(d, ini_path);
    enum { OTHER, DICTIONARIES, OPTIONS } section = OTHER;
    char *line;
    while (!rc && (line = dict_src_next(&s))) {
        line = dict_trim(line);
        if (!*line || line[0] == '#' || line[0] == ';') continue;
        if (line[0] == '[') {
            section = dict_starts(line, "[Dictionaries]") ? DICTIONARIES
                      : dict_starts(line, "[Options]")    ? OPTIONS
                                                          : OTHER;
            continue;
        }
        char *eq = strchr(line, '=');
        if (!eq || section == OTHER) continue;
        *eq = '\0';
        char *key = dict_trim(line), *value = dict_trim(eq + 1);
        dict_reader read = section == DICTIONARIES ? config_reader(key) : NULL;
        if (!dir) rc = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", s.file);
        else if (read) rc = config_files(&s, dir, value, read, err);
        else if (section == OPTIONS && config_option(&s, key, value))
            rc = dyad_fail(err, DYAD_ENOMEM, "%s:%ld: out of memory", s.file, s.line);
    }
    dict_src_close(&s);
    return rc;
}
