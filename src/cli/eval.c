/*
 * eval.c -- `dyad eval`: how far the coder agrees with human coders.
 *
 * A gold file holds sentences, one a record, each with the events people
 * coded for it. dyad codes every sentence whole (no sentence splitting) and
 * compares what it produced with the gold events, as tuples
 * (source, target, code), at several levels of detail (the level table).
 *
 * The matching rule. Within one record, gold and produced tuples are
 * matched as multisets: a gold tuple pairs with at most one produced tuple
 * that equals it at the level scored, exact matches first, then matches
 * through the gold file's wildcards (an actor the file leaves unknown), so
 * a wildcard never takes the partner of an exact match. Pairs are true
 * positives, unpaired produced tuples false positives, unpaired gold tuples
 * false negatives. Counts are summed over the records (micro-average over
 * events) before precision, recall and F1 are taken, so a record that
 * should produce nothing ("noevents") counts through its false positives.
 *
 * The gold formats are told apart by their fields (the first record of a
 * file decides; see gold_formats[]): dyad's own, shared with the peers'
 * unittest.jsonl; the CAMEO manual's examples with PLOVER actors; and
 * sentence-level QuadClass labels (ConfliBERT), where only the quad level
 * can be scored. The confusion table pairs gold and produced events on the
 * dyad (source and target country) to show which root classes dyad takes
 * for which.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_cmds.h"

static const char eval_usage[] =
    "usage: dyad eval [options] FILE...\n"
    "\n"
    "Codes each record of a gold file (one sentence a record) and prints\n"
    "precision, recall and F1 of the events produced against the gold\n"
    "events, then a confusion table of CAMEO root classes.\n"
    "\n"
    "Levels (a level compares these parts of (source, target, code)):\n"
    "  country+root  first 3 letters of source and target, first 2 digits\n"
    "  full          whole actor codes and whole event code\n"
    "  source        first 3 letters of the source alone (its country)\n"
    "  target        first 3 letters of the target alone\n"
    "  root          the root class alone\n"
    "  quad          the QuadClass alone\n"
    "Events are matched within a record as multisets of tuples, exact\n"
    "matches first, then through the gold file's wildcards; counts are\n"
    "summed over all records (micro-average).\n"
    "\n"
    "Gold formats, detected from the fields of the first record:\n"
    "  dyad   {id, date, text, kind?, split?, events:[{source,target,code}]}\n"
    "         kind \"noevents\": nothing may be coded; records of other kinds\n"
    "         (discard, complex, option...) are skipped\n"
    "  cameo  {id, text, cameo_code, source:[{code,sector}], target:[...]}\n"
    "         every source pairs with every target; an empty side, sector\n"
    "         \"***\" or IGO/NGO without sector is a wildcard\n"
    "  quad   {text, quad_label 0-4, split}: one label a sentence, scored\n"
    "         at the quad level only, against the set of quad classes\n"
    "         produced; only the \"test\" split by default\n"
    "\n"
    "options:\n"
    "  --dicts PATH         dictionaries (default: dyad's own)\n"
    "  --model PATH         parser model (default: dyad's own, when present)\n"
    "  --shallow            code without the parse (word order only)\n"
    "  --format FORMAT      table (default) or json (one object a file)\n"
    "  --split NAME         score only records whose \"split\" is NAME;\n"
    "                       \"all\" scores every record\n"
    "  --date YYYY-MM-DD    date for records without one (default: per\n"
    "                       format, the middle of the period it covers)\n"
    "  --quad gdelt|phoenix QuadClass of a root: GDELT's (dyad's table,\n"
    "                       default) or Phoenix's (0 = roots 01-02,\n"
    "                       default for quad files, as they are labelled)\n"
    "  -v, --verbose        print each record whose events differ\n"
    "  -q, --quiet          no warnings about dictionaries\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit status: 0, 1 when some lines were rejected (each reported on\n"
    "stderr with file and line), 2 usage or fatal error.\n";

const cli_command cli_eval_command = {"eval", cli_eval,
                                      "score the coder against human-coded sentences",
                                      eval_usage};

enum {
    ACTOR_MAX = 48,           /* longest actor code kept, NUL included */
    EVENT_CODE_MAX = 8,       /* "0874" and room */
    RECORD_EVENTS_MAX = 1024, /* events compared in one record */
    LINE_MAX_BYTES = 1 << 20  /* a longer gold line is rejected */
};

/* Match quality, ordered: a level takes the worst of its parts. */
enum { MATCH_NONE = 0, MATCH_WILDCARD = 1, MATCH_EXACT = 2 };

typedef enum quad_scheme { QUAD_DEFAULT = 0, QUAD_GDELT, QUAD_PHOENIX } quad_scheme;

/* A gold actor may be "" (anyone) or end in '*' (any code it starts). */
typedef struct eval_tuple {
    char source[ACTOR_MAX], target[ACTOR_MAX];
    char code[EVENT_CODE_MAX];
    int quad; /* -1 when unknown */
} eval_tuple;

typedef struct tuple_list {
    eval_tuple *v;
    size_t n, cap;
} tuple_list;

/* One gold record; strings point into the parsed line. */
typedef struct gold_record {
    const char *id;
    char id_digits[24]; /* an integer id as text */
    int32_t date;
    const char *text;
    size_t text_len;
    tuple_list events;
} gold_record;

/* What filling a record from its JSON object can come to. */
enum { FILL_OK = 0, FILL_SKIP = 1, FILL_BAD = -1 };

typedef int (*fill_fn)(json_t *obj, gold_record *g, const char **why);

typedef struct gold_format {
    const char *name;
    const char *key;           /* the field that identifies the format */
    int32_t default_date;      /* for records without a date */
    const char *default_split; /* NULL: every record */
    quad_scheme quad;          /* how its labels map roots to quads */
    int sentence_label;        /* one quad label a record, no actors */
    fill_fn fill;
} gold_format;

typedef int (*same_fn)(const eval_tuple *gold, const eval_tuple *made);

typedef struct eval_level {
    const char *name;
    same_fn same;
    int for_labels; /* applies to sentence-label files */
} eval_level;

typedef struct level_counts {
    long gold, produced, matched;
} level_counts;

/* Classes of the confusion table: roots 1-20 (0 unknown) or quads + 1
 * (0 unknown); CLASS_NONE is a missed or spurious event. */
enum { CLASS_NONE = 21, N_CLASSES = 22 };

typedef struct eval_options {
    const char *format, *split;
    int32_t date;
    quad_scheme quad;
    int verbose, shallow;
    const char *model;
} eval_options;

typedef struct eval_run {
    dyad_coder *coder;
    const eval_options *opt;
    const gold_format *format;
    const char *split;
    quad_scheme quad;
    /* per file */
    long records, skipped, other_split, bad_lines, exact_records;
    long noevent_records, noevent_coded;
    level_counts *counts;
    long confusion[N_CLASSES][N_CLASSES];
    /* per record scratch, reused */
    tuple_list made;
    size_t *gold_pair;
    unsigned char *made_used;
    size_t scratch_cap;
} eval_run;

static const size_t NO_PAIR = (size_t)-1;

/* ---------------------------------------------------------------------
 * Tuples.
 * ------------------------------------------------------------------- */

/* A new zeroed tuple at the end of the list, or NULL at the cap. */
static eval_tuple *tuple_push(tuple_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        if (cap > RECORD_EVENTS_MAX) cap = RECORD_EVENTS_MAX;
        if (l->n == cap) return NULL;
        eval_tuple *v = realloc(l->v, cap * sizeof *v);
        if (!v) return NULL;
        l->v = v;
        l->cap = cap;
    }
    eval_tuple *t = &l->v[l->n++];
    memset(t, 0, sizeof *t);
    t->quad = -1;
    return t;
}

/* Copies `s` upper-cased into a fixed field; 0 when it does not fit. */
static int copy_code(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap) return 0;
    for (size_t i = 0; i <= n; i++)
        dst[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
    return 1;
}

/* 1-20 for a code that starts with a root, else 0. */
static int root_of(const char *code)
{
    if (code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return 0;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    return root >= 1 && root <= 20 ? root : 0;
}

/* QuadClass of a root. GDELT's comes from dyad's own CAMEO table; Phoenix
 * moved appeals and the boundaries: 0 for 01-02, 1 for 03-05, 2 for 06-08,
 * 3 for 09-13, 4 for 14-20. */
static int quad_of(const char *code, quad_scheme scheme)
{
    int root = root_of(code), quad;
    double goldstein;
    if (!root) return -1;
    if (scheme == QUAD_PHOENIX)
        return root <= 2 ? 0 : root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
    char root_code[3] = {code[0], code[1], '\0'};
    return dyad_cameo_lookup(root_code, &quad, &goldstein) ? quad : -1;
}

/* ---------------------------------------------------------------------
 * Levels: how much of a tuple must agree.
 * ------------------------------------------------------------------- */

static int worst(int a, int b) { return a < b ? a : b; }

/* How `gold` matches `made` on their first `n` letters (whole codes when
 * n is 0): "" matches anything, "ABC*" any code that starts ABC. */
static int actor_same(const char *gold, const char *made, size_t n)
{
    if (!gold[0]) return MATCH_WILDCARD;
    const char *star = strchr(gold, '*');
    size_t fixed = star ? (size_t)(star - gold) : strlen(gold);
    if (n && fixed >= n) return strncmp(gold, made, n) ? MATCH_NONE : MATCH_EXACT;
    if (star) return strncmp(gold, made, fixed) ? MATCH_NONE : MATCH_WILDCARD;
    return strcmp(gold, made) ? MATCH_NONE : MATCH_EXACT;
}

static int root_same(const eval_tuple *gold, const eval_tuple *made)
{
    int root = root_of(gold->code);
    return root && root == root_of(made->code) ? MATCH_EXACT : MATCH_NONE;
}

static int same_dyad(const eval_tuple *gold, const eval_tuple *made)
{
    return worst(actor_same(gold->source, made->source, 3),
                 actor_same(gold->target, made->target, 3));
}

static int same_source(const eval_tuple *gold, const eval_tuple *made)
{
    return actor_same(gold->source, made->source, 3);
}

static int same_target(const eval_tuple *gold, const eval_tuple *made)
{
    return actor_same(gold->target, made->target, 3);
}

static int same_country_root(const eval_tuple *gold, const eval_tuple *made)
{
    return worst(same_dyad(gold, made), root_same(gold, made));
}

static int same_full(const eval_tuple *gold, const eval_tuple *made)
{
    int code = strcmp(gold->code, made->code) ? MATCH_NONE : MATCH_EXACT;
    return worst(worst(actor_same(gold->source, made->source, 0),
                       actor_same(gold->target, made->target, 0)),
                 code);
}

static int same_quad(const eval_tuple *gold, const eval_tuple *made)
{
    return gold->quad >= 0 && gold->quad == made->quad ? MATCH_EXACT : MATCH_NONE;
}

/* ORDER LEVELS: the report prints them in this order. */
static const eval_level levels[] = {
    {"country+root", same_country_root, 0},
    {"full", same_full, 0},
    {"source", same_source, 0},
    {"target", same_target, 0},
    {"root", root_same, 0},
    {"quad", same_quad, 1},
};
enum { N_LEVELS = sizeof levels / sizeof *levels };

/* ---------------------------------------------------------------------
 * Matching.
 * ------------------------------------------------------------------- */

static int scratch_reserve(eval_run *run, size_t n_gold, size_t n_made)
{
    size_t need = n_gold > n_made ? n_gold : n_made;
    if (need <= run->scratch_cap) return 1;
    size_t *pair = realloc(run->gold_pair, need * sizeof *pair);
    if (!pair) return 0;
    run->gold_pair = pair;
    unsigned char *used = realloc(run->made_used, need);
    if (!used) return 0;
    run->made_used = used;
    run->scratch_cap = need;
    return 1;
}

static void pairs_clear(eval_run *run, size_t n_gold, size_t n_made)
{
    for (size_t i = 0; i < n_gold; i++) run->gold_pair[i] = NO_PAIR;
    if (n_made) memset(run->made_used, 0, n_made); /* NULL before the first events */
}

/* Pairs unpaired gold tuples with unpaired produced ones that `same`
 * accepts, greedily in file order: exact matches in a first pass, wildcard
 * matches in a second. Returns the number of new pairs. */
static size_t pairs_match(eval_run *run, const tuple_list *gold, const tuple_list *made,
                          same_fn same)
{
    size_t found = 0;
    for (int quality = MATCH_EXACT; quality >= MATCH_WILDCARD; quality--)
        for (size_t i = 0; i < gold->n; i++) {
            if (run->gold_pair[i] != NO_PAIR) continue;
            for (size_t j = 0; j < made->n; j++)
                if (!run->made_used[j] && same(&gold->v[i], &made->v[j]) >= quality) {
                    run->gold_pair[i] = j;
                    run->made_used[j] = 1;
                    found++;
                    break;
                }
        }
    return found;
}

/* The row or column of a tuple in the confusion table. */
static int tuple_class(const eval_run *run, const eval_tuple *t)
{
    if (run->format->sentence_label) return t->quad >= 0 ? t->quad + 1 : 0;
    return root_of(t->code);
}

/* Gold and produced events meet on the dyad, the same class preferred;
 * what is left over goes to the "none" row or column. */
static void confusion_add(eval_run *run, const tuple_list *gold, const tuple_list *made)
{
    pairs_clear(run, gold->n, made->n);
    pairs_match(run, gold, made, run->format->sentence_label ? same_quad : same_country_root);
    pairs_match(run, gold, made, same_dyad);
    for (size_t i = 0; i < gold->n; i++) {
        size_t j = run->gold_pair[i];
        int col = j == NO_PAIR ? CLASS_NONE : tuple_class(run, &made->v[j]);
        run->confusion[tuple_class(run, &gold->v[i])][col]++;
    }
    for (size_t j = 0; j < made->n; j++)
        if (!run->made_used[j]) run->confusion[CLASS_NONE][tuple_class(run, &made->v[j])]++;
}

/* ---------------------------------------------------------------------
 * Gold formats.
 * ------------------------------------------------------------------- */

static const char *json_text(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* dyad's own format, also the peers' unittest.jsonl. */
static int fill_dyad(json_t *obj, gold_record *g, const char **why)
{
    const char *kind = json_text(obj, "kind");
    if (kind && strcmp(kind, "events") && strcmp(kind, "noevents")) return FILL_SKIP;
    json_t *events = json_object_get(obj, "events"), *e;
    size_t i;
    if (events && !json_is_array(events) && !json_is_null(events)) {
        *why = "\"events\" is not an array";
        return FILL_BAD;
    }
    if (kind && !strcmp(kind, "noevents")) events = NULL;
    else if (!events) {
        *why = "no \"events\" and no \"kind\": \"noevents\"";
        return FILL_BAD;
    }
    json_array_foreach(events, i, e) {
        const char *s = json_text(e, "source"), *t = json_text(e, "target"),
                   *c = json_text(e, "code");
        eval_tuple *x = tuple_push(&g->events);
        if (!c || !x) {
            *why = !x ? "too many events" : "an event has no \"code\"";
            return FILL_BAD;
        }
        if (!copy_code(x->source, ACTOR_MAX, s ? s : "") ||
            !copy_code(x->target, ACTOR_MAX, t ? t : "") ||
            !copy_code(x->code, EVENT_CODE_MAX, c)) {
            *why = "actor or event code too long";
            return FILL_BAD;
        }
    }
    return FILL_OK;
}

/* Country codes of the CAMEO manual that are not ISO 3166 alpha-3, the
 * standard dyad's dictionaries follow. */
static const char *const legacy_countries[][2] = {
    {"JAP", "JPN"}, {"ITL", "ITA"}, {"VTN", "VNM"}, {NULL, NULL}};

/* A PLOVER actor {code, sector} as a gold actor code, "" when missing. */
static int cameo_actor(json_t *actor, char *out)
{
    const char *code = json_text(actor, "code"), *sector = json_text(actor, "sector");
    char buf[ACTOR_MAX];
    if (!code) code = "";
    for (int k = 0; legacy_countries[k][0]; k++)
        if (!strcmp(code, legacy_countries[k][0])) code = legacy_countries[k][1];
    int organisation = !strcmp(code, "IGO") || !strcmp(code, "NGO") || !strcmp(code, "IMG");
    if (!code[0]) sector = "";
    else if (!sector) sector = organisation ? "*" : ""; /* which one is not said */
    else if (!strcmp(sector, "***")) sector = "*";      /* the coders' "unknown" */
    if ((size_t)snprintf(buf, sizeof buf, "%s%s", code, sector) >= sizeof buf) return 0;
    return copy_code(out, ACTOR_MAX, buf);
}

/* The CAMEO manual's examples: every source with every target. */
static int fill_cameo(json_t *obj, gold_record *g, const char **why)
{
    const char *code = json_text(obj, "cameo_code");
    json_t *sources = json_object_get(obj, "source"), *targets = json_object_get(obj, "target");
    size_t n_src = json_array_size(sources), n_tgt = json_array_size(targets);
    if (!code || strlen(code) >= EVENT_CODE_MAX) {
        *why = "no valid \"cameo_code\"";
        return FILL_BAD;
    }
    for (size_t i = 0; i < (n_src ? n_src : 1); i++)
        for (size_t j = 0; j < (n_tgt ? n_tgt : 1); j++) {
            eval_tuple *x = tuple_push(&g->events);
            if (!x) {
                *why = "too many events";
                return FILL_BAD;
            }
            if ((n_src && !cameo_actor(json_array_get(sources, i), x->source)) ||
                (n_tgt && !cameo_actor(json_array_get(targets, j), x->target))) {
                *why = "actor code too long";
                return FILL_BAD;
            }
            copy_code(x->code, EVENT_CODE_MAX, code);
        }
    return FILL_OK;
}

/* One QuadClass label a sentence: a gold tuple with no actors. */
static int fill_quad(json_t *obj, gold_record *g, const char **why)
{
    json_t *label = json_object_get(obj, "quad_label");
    json_int_t q = json_is_integer(label) ? json_integer_value(label) : -1;
    eval_tuple *x;
    if (q < 0 || q > 4) {
        *why = "\"quad_label\" is not 0-4";
        return FILL_BAD;
    }
    if (!(x = tuple_push(&g->events))) return FILL_BAD;
    x->quad = (int)q;
    return FILL_OK;
}

/* Default dates are the middle of the period a format's text comes from,
 * so that dated leaders resolve as the coders saw them. */
static const gold_format gold_formats[] = {
    {"dyad", "events", 20200101, NULL, QUAD_GDELT, 0, fill_dyad},
    {"cameo", "cameo_code", 20000101, NULL, QUAD_GDELT, 0, fill_cameo}, /* 1990s-2000s wires */
    {"quad", "quad_label", 20180701, "test", QUAD_PHOENIX, 1, fill_quad}, /* 2017-2019 news */
};
enum { N_FORMATS = sizeof gold_formats / sizeof *gold_formats };

static const gold_format *format_detect(json_t *obj)
{
    for (int i = 0; i < N_FORMATS; i++)
        if (json_object_get(obj, gold_formats[i].key)) return &gold_formats[i];
    if (json_object_get(obj, "kind")) return &gold_formats[0]; /* a noevents record */
    return NULL;
}

/* ---------------------------------------------------------------------
 * Reading and scoring records.
 * ------------------------------------------------------------------- */

static void bad_line(eval_run *run, const char *file, long line, const char *why)
{
    cli_error("%s:%ld: %s", file, line, why);
    run->bad_lines++;
}

/* Reads a line of at most LINE_MAX_BYTES into *buf (grown as needed,
 * NUL-terminated; a NUL inside stays, for the JSON parser to reject).
 * Returns its length, -1 at the end, -2 for a longer line (read to its end
 * and dropped). Byte by byte: gold files are small. */
static long line_read(FILE *f, char **buf, size_t *cap)
{
    size_t len = 0;
    int c = 0, too_long = 0;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (len + 1 >= *cap) {
            size_t grown = *cap ? 2 * *cap : 4096;
            char *p = grown <= LINE_MAX_BYTES + 2 ? realloc(*buf, grown) : NULL;
            if (!p) {
                too_long = 1; /* keep reading to the end of the line */
                len = 0;
                continue;
            }
            *buf = p;
            *cap = grown;
        }
        (*buf)[len++] = (char)c;
    }
    if (too_long) return -2;
    if (c == EOF && !len) return -1;
    if (!*cap) return 0; /* an empty line before any text: nothing to store */
    (*buf)[len] = '\0';
    return (long)len;
}

/* The split filter: the option, else the format's default. */
static int in_split(const eval_run *run, json_t *obj)
{
    if (!run->split || !strcmp(run->split, "all")) return 1;
    const char *split = json_text(obj, "split");
    return split && !strcmp(split, run->split);
}

/* The record's id, date and text; 0 with *why when one is unusable. */
static int record_common(eval_run *run, json_t *obj, gold_record *g, const char **why)
{
    json_t *id = json_object_get(obj, "id"), *date = json_object_get(obj, "date");
    json_t *text = json_object_get(obj, "text");
    char digits[24];
    g->id = json_is_string(id) ? json_string_value(id) : "";
    if (json_is_integer(id)) {
        snprintf(g->id_digits, sizeof g->id_digits, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        g->id = g->id_digits;
    }
    g->date = run->opt->date ? run->opt->date : run->format->default_date;
    if (json_is_string(date) && json_string_length(date)) {
        g->date = dyad_date_parse(json_string_value(date), json_string_length(date));
    } else if (json_is_integer(date)) {
        int n = snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT, json_integer_value(date));
        g->date = dyad_date_parse(digits, (size_t)n);
    }
    *why = !g->date ? "invalid \"date\"" : !json_is_string(text) ? "no \"text\"" : NULL;
    if (*why) return 0;
    g->text = json_string_value(text);
    g->text_len = json_string_length(text);
    return 1;
}

/* The events dyad produces for a record; sentence labels compare with the
 * set of quad classes, not the events. */
static int record_code(eval_run *run, const gold_record *g, const char *file, long line)
{
    dyad_article a = {0};
    const dyad_result *res;
    dyad_error err = {0};
    a.id = g->id;
    a.date = g->date;
    a.text = g->text;
    a.text_len = g->text_len;
    a.file = file;
    a.line = line;
    run->made.n = 0;
    if (dyad_coder_code(run->coder, &a, &res, &err) < 0) {
        bad_line(run, file, line, err.message[0] ? err.message : dyad_strerror(err.code));
        return 0;
    }
    for (size_t i = 0; i < res->n_events; i++) {
        const dyad_event *e = &res->events[i];
        eval_tuple t = {.quad = quad_of(e->code ? e->code : "", run->quad)};
        if (run->format->sentence_label) {
            size_t k = 0;
            while (k < run->made.n && run->made.v[k].quad != t.quad) k++;
            if (k < run->made.n) continue;
        } else {
            copy_code(t.source, ACTOR_MAX, e->source ? e->source : "");
            copy_code(t.target, ACTOR_MAX, e->target ? e->target : "");
            copy_code(t.code, EVENT_CODE_MAX, e->code ? e->code : "");
        }
        eval_tuple *x = tuple_push(&run->made);
        if (!x) break; /* beyond the cap: not compared */
        *x = t;
    }
    return 1;
}

static void tuples_print(const char *label, const tuple_list *l, int sentence_label)
{
    printf("  %s", label);
    for (size_t i = 0; i < l->n; i++) {
        const eval_tuple *t = &l->v[i];
        if (sentence_label) printf(" {quad %d}", t->quad);
        else printf(" {%s %s %s}", t->source[0] ? t->source : "*",
                    t->target[0] ? t->target : "*", t->code);
    }
    printf("%s\n", l->n ? "" : " none");
}

/* Whether dyad produced exactly the gold events (or label), one to one. */
static int record_exact(eval_run *run, const tuple_list *gold, const tuple_list *made)
{
    pairs_clear(run, gold->n, made->n);
    size_t matched = pairs_match(run, gold, made,
                                 run->format->sentence_label ? same_quad : same_full);
    return matched == gold->n && matched == made->n;
}

/* Adds one record's counts at every level that applies to its format. */
static void record_score(eval_run *run, const gold_record *g, const char *file, long line)
{
    const tuple_list *gold = &g->events, *made = &run->made;
    if (!scratch_reserve(run, gold->n, made->n)) return;
    for (int l = 0; l < N_LEVELS; l++) {
        if (run->format->sentence_label && !levels[l].for_labels) continue;
        pairs_clear(run, gold->n, made->n);
        run->counts[l].matched += (long)pairs_match(run, gold, made, levels[l].same);
        run->counts[l].gold += (long)gold->n;
        run->counts[l].produced += (long)made->n;
    }
    confusion_add(run, gold, made);
    int exact = record_exact(run, gold, made);
    run->exact_records += exact;
    if (!gold->n) {
        run->noevent_records++;
        run->noevent_coded += made->n > 0;
    }
    if (run->opt->verbose && !exact) {
        printf("MISS %s (%s:%ld)\n  text: %s\n", g->id[0] ? g->id : "-", file, line, g->text);
        tuples_print("gold:", gold, run->format->sentence_label);
        tuples_print("dyad:", made, run->format->sentence_label);
    }
}

/* A record of the file's format: fill the gold, code the text, score. */
static void record_eval(eval_run *run, json_t *obj, gold_record *g, const char *file, long line)
{
    const char *why = NULL;
    int rc;
    g->events.n = 0;
    if (!in_split(run, obj)) {
        run->other_split++;
        return;
    }
    if (!record_common(run, obj, g, &why)) {
        bad_line(run, file, line, why);
        return;
    }
    if ((rc = run->format->fill(obj, g, &why)) != FILL_OK) {
        if (rc == FILL_SKIP) run->skipped++;
        else bad_line(run, file, line, why ? why : "out of memory");
        return;
    }
    for (size_t i = 0; i < g->events.n && !run->format->sentence_label; i++)
        g->events.v[i].quad = quad_of(g->events.v[i].code, run->quad);
    if (!record_code(run, g, file, line)) return;
    run->records++;
    record_score(run, g, file, line);
}

/* One line of a gold file: parse it; the first record decides the format. */
static void eval_line(eval_run *run, const char *file, long line_no, const char *line, size_t len,
                      gold_record *g)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, 0, &jerr);
    if (!json_is_object(obj)) {
        char msg[256];
        snprintf(msg, sizeof msg, "not a JSON object%s%s", obj ? "" : ": ", obj ? "" : jerr.text);
        bad_line(run, file, line_no, msg);
    } else if (!run->format && !(run->format = format_detect(obj))) {
        bad_line(run, file, line_no, "no \"events\", \"cameo_code\" or \"quad_label\" field: "
                                     "not a gold record");
    } else {
        if (!run->split) run->split = run->format->default_split;
        if (run->quad == QUAD_DEFAULT) run->quad = run->format->quad;
        record_eval(run, obj, g, file, line_no);
    }
    json_decref(obj);
}

/* ---------------------------------------------------------------------
 * Reports.
 * ------------------------------------------------------------------- */

static double ratio(long num, long den) { return den ? (double)num / (double)den : NAN; }

static double f1_of(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

static void number_print(double x)
{
    if (isnan(x)) printf("  %9s", "-");
    else printf("  %9.3f", x);
}

static const char *class_label(const eval_run *run, int c, char *buf, size_t cap)
{
    if (c == CLASS_NONE) return "none";
    if (!c) return "?";
    if (run->format->sentence_label) snprintf(buf, cap, "Q%d", c - 1);
    else snprintf(buf, cap, "%02d", c);
    return buf;
}

/* Which classes appear in the table at all (plus "none", always). */
static int class_used(const eval_run *run, int c)
{
    if (c == CLASS_NONE) return 1;
    for (int k = 0; k < N_CLASSES; k++)
        if (run->confusion[c][k] || run->confusion[k][c]) return 1;
    return 0;
}

static void confusion_print(const eval_run *run)
{
    char buf[8];
    printf("\nconfusion of %s (rows gold, columns dyad; events paired on the dyad):\n",
           run->format->sentence_label ? "QuadClasses" : "root classes");
    printf("%5s", "");
    for (int c = 0; c < N_CLASSES; c++)
        if (class_used(run, c)) printf("%5s", class_label(run, c, buf, sizeof buf));
    printf("\n");
    for (int r = 0; r < N_CLASSES; r++) {
        if (!class_used(run, r)) continue;
        printf("%5s", class_label(run, r, buf, sizeof buf));
        for (int c = 0; c < N_CLASSES; c++)
            if (class_used(run, c)) printf("%5ld", run->confusion[r][c]);
        printf("\n");
    }
}

static const char *quad_name(quad_scheme q) { return q == QUAD_PHOENIX ? "phoenix" : "gdelt"; }

static void table_print(const eval_run *run, const char *file)
{
    printf("eval: %s (%s gold, split %s, quad %s): %ld records scored, %ld skipped, "
           "%ld in other splits, %ld bad lines\n",
           file, run->format->name, run->split ? run->split : "all", quad_name(run->quad),
           run->records, run->skipped, run->other_split, run->bad_lines);
    printf("%-13s %7s %9s %8s %10s %10s %10s\n", "level", "gold", "produced", "matched",
           "precision", "recall", "F1");
    for (int l = 0; l < N_LEVELS; l++) {
        const level_counts *k = &run->counts[l];
        if (run->format->sentence_label && !levels[l].for_labels) continue;
        double p = ratio(k->matched, k->produced), r = ratio(k->matched, k->gold);
        printf("%-13s %7ld %9ld %8ld", levels[l].name, k->gold, k->produced, k->matched);
        number_print(p);
        number_print(r);
        number_print(isnan(p) || isnan(r) ? NAN : f1_of(p, r));
        printf("\n");
    }
    printf("records coded exactly as gold: %ld of %ld\n", run->exact_records, run->records);
    if (run->noevent_records)
        printf("records that should produce nothing but did: %ld of %ld\n", run->noevent_coded,
               run->noevent_records);
    confusion_print(run);
}

static json_t *json_rate(double x)
{
    return isnan(x) ? json_null() : json_real(round(x * 10000) / 10000);
}

static json_t *json_confusion(const eval_run *run)
{
    json_t *rows = json_object();
    char rbuf[8], cbuf[8];
    for (int r = 0; r < N_CLASSES; r++) {
        json_t *row = json_object();
        for (int c = 0; c < N_CLASSES; c++)
            if (run->confusion[r][c])
                json_object_set_new(row, class_label(run, c, cbuf, sizeof cbuf),
                                    json_integer(run->confusion[r][c]));
        if (json_object_size(row))
            json_object_set_new(rows, class_label(run, r, rbuf, sizeof rbuf), row);
        else json_decref(row);
    }
    return rows;
}

static void json_print(const eval_run *run, const char *file)
{
    json_t *o = json_object(), *lv = json_object();
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "format", json_string(run->format->name));
    json_object_set_new(o, "split", json_string(run->split ? run->split : "all"));
    json_object_set_new(o, "quad", json_string(quad_name(run->quad)));
    json_object_set_new(o, "records", json_integer(run->records));
    json_object_set_new(o, "skipped", json_integer(run->skipped));
    json_object_set_new(o, "other_split", json_integer(run->other_split));
    json_object_set_new(o, "bad_lines", json_integer(run->bad_lines));
    json_object_set_new(o, "exact_records", json_integer(run->exact_records));
    for (int l = 0; l < N_LEVELS; l++) {
        const level_counts *k = &run->counts[l];
        if (run->format->sentence_label && !levels[l].for_labels) continue;
        double p = ratio(k->matched, k->produced), r = ratio(k->matched, k->gold);
        json_t *one = json_pack("{sIsIsI}", "gold", (json_int_t)k->gold, "produced",
                                (json_int_t)k->produced, "matched", (json_int_t)k->matched);
        json_object_set_new(one, "precision", json_rate(p));
        json_object_set_new(one, "recall", json_rate(r));
        json_object_set_new(one, "f1", json_rate(isnan(p) || isnan(r) ? NAN : f1_of(p, r)));
        json_object_set_new(lv, levels[l].name, one);
    }
    json_object_set_new(o, "levels", lv);
    json_object_set_new(o, "confusion", json_confusion(run));
    json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
    printf("\n");
    json_decref(o);
}

/* ---------------------------------------------------------------------
 * The command.
 * ------------------------------------------------------------------- */

static void run_reset(eval_run *run)
{
    run->format = NULL;
    run->split = run->opt->split;
    run->quad = run->opt->quad;
    run->records = run->skipped = run->other_split = run->bad_lines = 0;
    run->exact_records = run->noevent_records = run->noevent_coded = 0;
    memset(run->counts, 0, N_LEVELS * sizeof *run->counts);
    memset(run->confusion, 0, sizeof run->confusion);
}

/* Scores one file and prints its report. Returns its bad lines, or -1
 * when it cannot be read. */
static long eval_file(eval_run *run, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    gold_record g = {0};
    char *buf = NULL;
    size_t cap = 0;
    long len, line_no = 0;
    if (!f) {
        cli_error("%s: cannot open", file);
        return -1;
    }
    run_reset(run);
    while ((len = line_read(f, &buf, &cap)) != -1) {
        line_no++;
        if (len == -2) {
            bad_line(run, file, line_no, "line longer than 1 MiB");
            continue;
        }
        size_t n = (size_t)len;
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) n--;
        if (n) eval_line(run, file, line_no, buf, n, &g);
    }
    if (f != stdin) fclose(f);
    free(buf);
    free(g.events.v);
    if (!run->format) run->format = &gold_formats[0]; /* empty file: an empty report */
    if (!strcmp(run->opt->format, "json")) json_print(run, file);
    else table_print(run, file);
    return run->bad_lines;
}

/* Checks an option's value against its choices; 1 when it is one. */
static int value_check(const char *option, const char *value, const char *choices)
{
    size_t n = strlen(value);
    for (const char *c = choices; *c; c += strcspn(c, "|"), c += *c == '|')
        if (!strncmp(c, value, n) && (c[n] == '|' || !c[n])) return 1;
    cli_error("%s: one of %s, not '%s'", option, choices, value);
    return 0;
}

/* One option at argv[*i]; 0 when it is wrong (reported). */
static int option_parse(int argc, char **argv, int *i, eval_options *opt, const char **dicts,
                        int *quiet)
{
    const char *arg = argv[*i], *v;
    int bad = 0;
    if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose")) opt->verbose = 1;
    else if (!strcmp(arg, "--shallow")) opt->shallow = 1;
    else if (cli_opt_value(argc, argv, i, "--model", &opt->model, &bad)) return !bad;
    else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) *quiet = 1;
    else if (cli_opt_value(argc, argv, i, "--dicts", dicts, &bad)) return !bad;
    else if (cli_opt_value(argc, argv, i, "--split", &opt->split, &bad)) return !bad;
    else if (cli_opt_value(argc, argv, i, "--format", &opt->format, &bad))
        return !bad && value_check("--format", opt->format, "table|json");
    else if (cli_opt_value(argc, argv, i, "--quad", &v, &bad)) {
        if (bad || !value_check("--quad", v, "gdelt|phoenix")) return 0;
        opt->quad = !strcmp(v, "gdelt") ? QUAD_GDELT : QUAD_PHOENIX;
    } else if (cli_opt_value(argc, argv, i, "--date", &v, &bad)) {
        if (bad) return 0;
        if (!(opt->date = dyad_date_parse(v, strlen(v)))) {
            cli_error("--date: not a date: '%s'", v);
            return 0;
        }
    } else {
        cli_error("eval: unknown option '%s' (see dyad eval --help)", arg);
        return 0;
    }
    return 1;
}

int cli_eval(int argc, char **argv)
{
    eval_options opt = {.format = "table"};
    const char *dicts_path = NULL;
    int quiet = 0, n_files = 0, status = CLI_OK, options_done = 0;
    level_counts counts[N_LEVELS];
    /* Options may stand before or after the files (as GNU tools allow);
       argv is permuted in place so the files end up in argv[1..n_files]. */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || !arg[1]) {
            argv[1 + n_files++] = argv[i];
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = 1;
            continue;
        }
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            fputs(eval_usage, stdout);
            return CLI_OK;
        }
        if (!option_parse(argc, argv, &i, &opt, &dicts_path, &quiet)) return CLI_USAGE;
    }
    if (!n_files) {
        cli_error("eval: no gold file (see dyad eval --help)");
        return CLI_USAGE;
    }
    int first = 1;
    argc = 1 + n_files;
    cli_warnings warnings = {0, quiet};
    dyad_dicts *dicts = cli_load_dicts(dicts_path, &warnings);
    if (!dicts) return CLI_USAGE;
    dyad_error err = {0};
    eval_run run = {.opt = &opt, .counts = counts};
    if (!(run.coder = dyad_coder_new(dicts, &err))) {
        cli_error("%s", err.message[0] ? err.message : dyad_strerror(err.code));
        dyad_dicts_free(dicts);
        return CLI_USAGE;
    }
    dyad_coder_set_segmenting(run.coder, 0);
    cli_parsing parse;
    if (cli_parse_attach(&parse, run.coder, opt.model, opt.shallow, quiet)) {
        dyad_coder_free(run.coder);
        dyad_dicts_free(dicts);
        return CLI_USAGE;
    }
    for (int i = first; i < argc; i++) {
        long bad = eval_file(&run, argv[i]);
        if (bad < 0) status = CLI_USAGE;
        else if (bad > 0 && status == CLI_OK) status = CLI_REJECTED;
        if (i + 1 < argc && strcmp(opt.format, "json")) printf("\n");
    }
    free(run.made.v);
    free(run.gold_pair);
    free(run.made_used);
    dyad_coder_free(run.coder);
    cli_parse_free(&parse);
    dyad_dicts_free(dicts);
    return status;
}
