/*
 * tabari.c -- readers for TABARI's dictionaries: .project, .actors,
 * .agents, .verbs (with <SYNSETS> and <TIME>) and .options.
 *
 * Only what is TABARI's own lives here: its comment rules ('#' or '/'
 * starts a comment line, ';' a trailing comment, a "~FINISH" line ends the
 * file), its <SECTION> tags and which line means what. Phrases, patterns,
 * code blocks and synsets go through the shared parser in dict.c with
 * DICT_STYLE_TABARI: a word without a trailing '_' is a stem, the last word
 * of a dictionary phrase takes the regular endings, and date bounds are
 * inclusive as the manual says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_read.h"

static const dict_style TAB = DICT_STYLE_TABARI;

/* The next meaningful line (comments cut, trimmed), or NULL at the end of
 * the file or at "~FINISH". */
static char *tab_next(dict_src *s)
{
    char *line;
    while ((line = dict_src_next(s))) {
        if (line[0] == '~') return NULL; /* ~FINISH, ~~FINISH, ~~~~~ */
        if (line[0] == '#' || line[0] == '/') continue;
        dict_cut(line, ";");
        line = dict_trim(line);
        if (*line) return line;
    }
    return NULL;
}

/* ---- actors ------------------------------------------------------------- */

static int add_word_list(dict_src *s, const char *line, dict_phrase **items, size_t *n,
                         size_t *cap)
{
    dict_phrase ph;
    int rc = dict_parse_phrase(s, line, TAB, &ph);
    if (rc) return rc;
    dict_phrase *slot = dict_push(items, n, cap, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = ph;
    return 0;
}

int dict_read_tabari_actors(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err);
    if (rc) return rc;
    dict_actor_build b = {0};
    enum { NONE, NOUN, ADJECTIVE } section = NONE;
    char *line;
    while (rc != DYAD_ENOMEM && (line = tab_next(&s))) {
        if (!strcmp(line, "<NOUN>")) section = NOUN;
        else if (!strcmp(line, "<ADJECTIVE>")) section = ADJECTIVE;
        else if (!strcmp(line, "</NOUN>") || !strcmp(line, "</ADJECTIVE>")) section = NONE;
        else if (section == NOUN) rc = add_word_list(&s, line, &d->nouns, &d->n_nouns, &d->cap_nouns);
        else if (section == ADJECTIVE)
            rc = add_word_list(&s, line, &d->adjectives, &d->n_adjectives, &d->cap_adjectives);
        else rc = dict_actor_line(&s, &b, line, TAB);
    }
    if (rc != DYAD_ENOMEM) rc = dict_actor_flush(&s, &b, TAB);
    dict_actor_build_free(&b);
    return dict_src_finish(&s, rc, err);
}

/* ---- agents ------------------------------------------------------------- */

/* "AMBASSADOR_  [ ~GOV]" */
static int tab_agent_line(dict_src *s, char *line)
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
    dict_vec phrases = {0};
    dict_phrase *ph = dict_vec_push(&phrases, sizeof *ph);
    rc = ph ? dict_parse_phrase(s, body, TAB, ph) : DYAD_ENOMEM;
    if (!rc) rc = dict_add_agent(s, &phrases, code, side);
    dict_vec_free(&phrases);
    return rc;
}

int dict_read_tabari_agents(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err);
    if (rc) return rc;
    char *line;
    while (rc != DYAD_ENOMEM && (line = tab_next(&s))) {
        if (line[0] == '<') continue; /* <NOUN>-style section tags carry no agents */
        rc = tab_agent_line(&s, line);
    }
    return dict_src_finish(&s, rc, err);
}

/* ---- verbs -------------------------------------------------------------- */

typedef struct tab_verbs {
    dict_src *s;
    size_t verb;          /* index of the current verb + 1; 0: none yet */
    dict_vec patterns;    /* of the current verb */
    dict_synset *synset;  /* in <SYNSETS>: the open one */
    dict_phrase time;     /* in <TIME>: the last time phrase */
} tab_verbs;

static int tab_flush_verb(tab_verbs *tv)
{
    dict *d = tv->s->d;
    if (!tv->verb || !tv->patterns.n) return 0;
    dict_verb *v = &d->verbs[tv->verb - 1];
    v->n_patterns = (uint32_t)tv->patterns.n;
    v->patterns = dict_vec_commit(d, &tv->patterns, sizeof(dict_pattern));
    tv->patterns.n = 0;
    return v->patterns ? 0 : DYAD_ENOMEM;
}

/* "BREAK_ [1717]" */
static int tab_verb_line(tab_verbs *tv, char *line)
{
    dict_src *s = tv->s;
    dict *d = s->d;
    int rc = tab_flush_verb(tv);
    if (rc) return rc;
    tv->verb = 0;
    char *code;
    char *body = dict_split_code(line, &code);
    dict_verb v = {0};
    v.origin = dict_src_origin(s);
    if ((rc = dict_parse_phrase(s, body, TAB, &v.phrase))) return rc;
    if (!code) {
        dict_warn(d, s->file, s->line, "verb without a [code]; taken as [---]");
        v.code.flags = DICT_EC_NULL;
    } else if ((rc = dict_parse_event_code(s, code, &v.code))) {
        return rc;
    }
    v.generate_forms = !(v.phrase.words[v.phrase.n_words - 1].flags & DICT_W_NOENDINGS);
    dict_verb *slot = dict_push(&d->verbs, &d->n_verbs, &d->cap_verbs, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = v;
    tv->verb = d->n_verbs;
    return 0;
}

/* "{ BROKE_ BROKEN_ BROKEN_DOWN_ }": irregular forms of the current verb. */
static int tab_forms_line(tab_verbs *tv, char *line)
{
    dict_src *s = tv->s;
    dict *d = s->d;
    char *close = strchr(line, '}');
    if (!tv->verb || !close) {
        dict_warn(d, s->file, s->line, !tv->verb ? "forms before any verb" : "missing '}'");
        return DICT_SKIP;
    }
    *close = '\0';
    dict_verb *v = &d->verbs[tv->verb - 1];
    dict_vec forms = {0};
    int rc = 0;
    for (uint32_t i = 0; !rc && i < v->n_forms; i++) {
        dict_phrase *slot = dict_vec_push(&forms, sizeof *slot);
        if (slot) *slot = v->forms[i];
        else rc = DYAD_ENOMEM;
    }
    for (char *p = line + 1; !rc && *(p += strspn(p, " \t"));) {
        size_t n = strcspn(p, " \t");
        char keep = p[n];
        p[n] = '\0';
        dict_phrase *slot = dict_vec_push(&forms, sizeof *slot);
        rc = slot ? dict_parse_phrase(s, p, TAB, slot) : DYAD_ENOMEM;
        if (rc == DICT_SKIP) forms.n--, rc = 0;
        p[n] = keep;
        p += n;
    }
    if (!rc && forms.n) {
        v->n_forms = (uint32_t)forms.n;
        if (!(v->forms = dict_vec_commit(d, &forms, sizeof(dict_phrase)))) rc = DYAD_ENOMEM;
    }
    dict_vec_free(&forms);
    return rc;
}

/* A <TIME> shift: "[-7]", "[+1]", "[###]", "[+++]", "[- - -]". */
static int tab_shift(dict_src *s, const char *code, dict_time_shift *t)
{
    char buf[16];
    size_t n = 0;
    for (; *code && n + 1 < sizeof buf; code++)
        if (*code != ' ' && *code != '\t') buf[n++] = *code;
    buf[n] = '\0';
    char *end;
    long days = strtol(buf, &end, 10);
    if (!strcmp(buf, "###")) t->discard = 1;
    else if (!strcmp(buf, "+++")) t->complex = 1;
    else if (strcmp(buf, "---") && (!n || *end || days < -36500 || days > 36500)) {
        dict_warn(s->d, s->file, s->line, "time shift [%s] is not a number of days", buf);
        return DICT_SKIP;
    } else if (strcmp(buf, "---")) t->days = (int)days;
    return 0;
}

/* "LAST_WEEK [-7]" or, under it, "- * AND A WEEK [+8]". */
static int tab_time_line(tab_verbs *tv, char *line)
{
    dict_src *s = tv->s;
    dict *d = s->d;
    char *code;
    char *body = dict_split_code(line, &code);
    dict_time_shift t = {0};
    t.origin = dict_src_origin(s);
    int rc, n_verbs = 0;
    if (!code) {
        dict_warn(d, s->file, s->line, "time phrase without a [shift]");
        return DICT_SKIP;
    }
    if ((rc = tab_shift(s, code, &t))) return rc;
    if (body[0] == '-') {
        if (!tv->time.n_words) {
            dict_warn(d, s->file, s->line, "time pattern before any time phrase");
            return DICT_SKIP;
        }
        t.phrase = tv->time;
        rc = dict_parse_pattern(s, body + 1, TAB, &t.context, NULL, &n_verbs);
        if (!rc && n_verbs != 1) {
            dict_warn(d, s->file, s->line, "time pattern needs exactly one '*'");
            rc = DICT_SKIP;
        }
    } else if (!(rc = dict_parse_phrase(s, body, TAB, &t.phrase))) {
        tv->time = t.phrase;
    }
    if (rc) return rc;
    dict_time_shift *slot = dict_push(&d->times, &d->n_times, &d->cap_times, sizeof *slot);
    if (!slot) return DYAD_ENOMEM;
    *slot = t;
    return 0;
}

static int tab_synset_line(tab_verbs *tv, char *line)
{
    dict_src *s = tv->s;
    if (line[0] == '&') {
        tv->synset = dict_synset_begin(s, line);
        return tv->synset ? 0 : DICT_SKIP;
    }
    if (line[0] != '+' || !tv->synset) {
        dict_warn(s->d, s->file, s->line, "expected &SYNSET or +member in <SYNSETS>");
        return DICT_SKIP;
    }
    return dict_synset_add(s, tv->synset, line + 1, TAB, 0);
}

static int tab_verbs_line(tab_verbs *tv, char *line)
{
    dict_src *s = tv->s;
    if (line[0] == '-') {
        if (tv->verb) return dict_add_pattern(s, &tv->patterns, line, TAB);
        dict_warn(s->d, s->file, s->line, "pattern before any verb");
        return DICT_SKIP;
    }
    if (line[0] == '{') return tab_forms_line(tv, line);
    return tab_verb_line(tv, line);
}

int dict_read_tabari_verbs(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err);
    if (rc) return rc;
    tab_verbs tv = {&s, 0, {0}, NULL, {0}};
    enum { VERBS, SYNSETS, TIME } section = VERBS;
    char *line;
    while (rc != DYAD_ENOMEM && (line = tab_next(&s))) {
        if (!strcmp(line, "<SYNSETS>")) section = SYNSETS;
        else if (!strcmp(line, "<TIME>")) section = TIME;
        else if (!strcmp(line, "</SYNSETS>") || !strcmp(line, "</TIME>")) section = VERBS;
        else if (section == SYNSETS) rc = tab_synset_line(&tv, line);
        else if (section == TIME) rc = tab_time_line(&tv, line);
        else rc = tab_verbs_line(&tv, line);
    }
    if (rc != DYAD_ENOMEM) rc = tab_flush_verb(&tv);
    dict_vec_free(&tv.patterns);
    return dict_src_finish(&s, rc, err);
}

/* ---- options ------------------------------------------------------------ */

/* Every non-comment line, as written: the coder applies them. */
int dict_read_tabari_options(dict *d, const char *path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, path, err);
    if (rc) return rc;
    char *line;
    while (!rc && (line = dict_src_next(&s))) {
        if (line[0] == '~') break;
        line = dict_trim(line);
        if (!*line || line[0] == '/' || line[0] == '#') continue;
        const char **slot = dict_push(&d->options, &d->n_options, &d->cap_options, sizeof *slot);
        if (!slot || !(*slot = dyad_arena_strdup(&d->arena, line))) rc = DYAD_ENOMEM;
    }
    return dict_src_finish(&s, rc, err);
}

/* ---- project ------------------------------------------------------------ */

static dict_reader project_reader(const char *tag)
{
    static const struct {
        const char *tag;
        dict_reader read;
    } readers[] = {
        {"<actorsfile>", dict_read_tabari_actors},
        {"<agentsfile>", dict_read_tabari_agents},
        {"<verbsfile>", dict_read_tabari_verbs},
        {"<optionsfile>", dict_read_tabari_options},
    };
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
        if (dict_starts(tag, readers[i].tag)) return readers[i].read;
    return NULL; /* <textfile>, <eventfile>, <session ...>: not dictionaries */
}

/* "<actorsfile> TABARI.Demo.actors": each dictionary the project names,
 * resolved beside the project, read in the order written. */
int dict_read_tabari_project(dict *d, const char *project_path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, project_path, err);
    if (rc) return rc;
    d->flavor = DICT_FLAVOR_TABARI;
    const char *dir = dict_dirname(d, project_path);
    char *line;
    while (!rc && (line = dict_src_next(&s))) {
        line = dict_trim(line);
        dict_reader read = project_reader(line);
        if (!read) continue;
        char *name = dict_trim(strchr(line, '>') + 1);
        char *path = dir ? dict_path_join(d, dir, name) : NULL;
        if (!path) {
            rc = dyad_fail(err, DYAD_ENOMEM, "%s:%ld: out of memory", s.file, s.line);
        } else if (!*name) {
            dict_warn(d, s.file, s.line, "dictionary tag without a file name");
        } else {
            rc = dict_read_named(d, read, path, s.file, s.line, err);
        }
    }
    dict_src_close(&s);
    return rc;
}
