/*
 * dict_read.h -- what the dictionary readers share (internal to src/dict/).
 *
 * TABARI and PETRARCH dictionaries differ in comment rules, date bounds
 * and what a bare word means, but not in shape: every format is lines of
 * phrases, `[...]` code blocks and `- ... [CODE]` patterns. So there is one
 * line reader, one phrase/pattern parser and one code-block parser, each
 * told the dialect (dict_style), and the format files (tabari.c,
 * petrarch.c) keep only what is truly theirs: which line means what.
 *
 * Helpers that meet a malformed line warn through dict_warn with the
 * source's file and line and return DICT_SKIP; DYAD_ENOMEM is the only
 * error that stops a reader.
 */
#ifndef DYAD_DICT_READ_H
#define DYAD_DICT_READ_H

#include "dict/dict.h"

enum { DICT_SKIP = 1 }; /* "this line was malformed and has been warned" */

/* Limits: every growing buffer has a cap. */
enum {
    DICT_MAX_FILE = 256 << 20,   /* bytes in one dictionary file */
    DICT_MAX_WORDS = 64,         /* words in one phrase */
    DICT_MAX_ELEMS = 256,        /* elements in one pattern sequence */
    DICT_MAX_EXPANSION = 4096    /* sequences one synset expands to */
};

typedef enum dict_style {
    DICT_STYLE_TABARI = 0, /* stems, endings, `<D` inclusive, YY <= 29 */
    DICT_STYLE_PETRARCH    /* whole words, `<D` exclusive, YY <= 30 */
} dict_style;

/* ---- the line reader ---------------------------------------------------- */

typedef struct dict_src {
    dict *d;
    const char *file; /* interned name, for origins and warnings */
    char *data;       /* the whole file, split in place */
    size_t len, pos;
    long line;        /* number of the line last returned (1-based) */
} dict_src;

int dict_src_open(dict *d, dict_src *s, const char *path, dyad_error *err);
char *dict_src_next(dict_src *s); /* next line without its newline; NULL at end */
void dict_src_close(dict_src *s);
dict_origin dict_src_origin(const dict_src *s);
/* Ends a reader: closes the source and turns its last result into the
 * reader's: 0 (malformed lines were only warned about) or DYAD_ENOMEM
 * with a message naming the line. */
int dict_src_finish(dict_src *s, int rc, dyad_error *err);

/* ---- small text helpers (in place) -------------------------------------- */

char *dict_trim(char *s);
void dict_cut(char *s, const char *marks); /* ends s at the first mark */
void dict_upper(char *s);
int dict_starts(const char *s, const char *prefix);

/* A growable array of `size`-byte items, copied into the arena when done. */
typedef struct dict_vec {
    void *items;
    size_t n, cap;
} dict_vec;

void *dict_vec_push(dict_vec *v, size_t size); /* zeroed slot or NULL */
void *dict_vec_commit(dict *d, const dict_vec *v, size_t size); /* arena copy */
void dict_vec_free(dict_vec *v);

/* ---- phrases, patterns, codes ------------------------------------------ */

/* A dictionary phrase ("ARGENTIN", "AL_GORE", "HUMAN_RIGHTS_BODY"): words
 * split at blanks, '_' and '-', flags set by the style. */
int dict_parse_phrase(dict_src *s, const char *text, dict_style style,
                      dict_phrase *out);

/* A pattern body (the text between the leading '-' and the code) into a
 * sequence; synsets must already be defined. `letters` receives the
 * number of letters of its words. */
int dict_parse_pattern(dict_src *s, const char *text, dict_style style,
                       dict_seq *out, size_t *letters, int *n_verbs);

/* "[064]", "[A:B]", "[:B]", "[CCC?]", "[---]"... `text` is the inside. */
int dict_parse_event_code(dict_src *s, const char *text, dict_event_code *out);

/* Splits "BODY [CODE]  junk" into the body (returned, cut in place) and
 * the inside of the last [...] (*code, NULL when there is none). */
char *dict_split_code(char *line, char **code);

/* Adds a pattern line ("- pre * post [CODE]", comment already cut) to
 * `patterns` (a vector of dict_pattern). */
int dict_add_pattern(dict_src *s, dict_vec *patterns, const char *line,
                     dict_style style);

/* "~GOV" (suffix) or "NGO~" (prefix), blanks allowed around. */
int dict_agent_code(dict_src *s, const char *text, const char **code,
                    dict_agent_side *side);
int dict_add_agent(dict_src *s, const dict_vec *phrases, const char *code,
                   dict_agent_side side);

/* Adds an item to one of the dict's own arrays (capped). */
void *dict_push(void *items_ptr, size_t *count, size_t *cap, size_t size);

/* "ASK FOR": the words joined by blanks, cut to fit `cap`. */
void dict_phrase_text(const dict_phrase *ph, char *buf, size_t cap);

/* Dates: YYMMDD or YYYYMMDD, to yyyymmdd; 0 when invalid. */
int32_t dict_date(const char *text, size_t len, dict_style style);
int32_t dict_date_prev_day(int32_t ymd);

/* ---- actor groups (same shape in every format) -------------------------- */

typedef struct dict_actor_build {
    dict_vec phrases; /* dict_phrase */
    dict_vec codes;   /* dict_code_block */
    dict_origin origin;
    int open;
} dict_actor_build;

/* One comment-free line of an actor file: a new root, a "+synonym" or an
 * indented "[CODE DATE]" line. */
int dict_actor_line(dict_src *s, dict_actor_build *b, char *line, dict_style style);
int dict_actor_flush(dict_src *s, dict_actor_build *b, dict_style style);
void dict_actor_build_free(dict_actor_build *b);

/* ---- synsets ------------------------------------------------------------ */

dict_synset *dict_synset_find(dict *d, const char *name, size_t len);
/* Starts a synset "&NAME" (adds it to d->synsets). */
dict_synset *dict_synset_begin(dict_src *s, const char *name);
/* Adds one "+member" line; `plural` also adds its plural (PETRARCH-2). */
int dict_synset_add(dict_src *s, dict_synset *syn, const char *text,
                    dict_style style, int plural);

/* PETRARCH's make_plural_noun: Y -> IES, S -> ES, else +S. */
char *dict_plural(dict *d, const char *word);

/* Every reader has this shape. */
typedef int (*dict_reader)(dict *, const char *, dyad_error *);

/* Calls `read` on `path`, named by line `by_line` (0: unknown) of `by_file`
 * (a project, config or XML); when the file cannot be read, the error
 * names both: "Validate.project:5: x.actors: cannot open: ...". */
int dict_read_named(dict *d, dict_reader read, const char *path, const char *by_file,
                    long by_line, dyad_error *err);

/* Interns a path's directory + name: "dir/name" (arena). */
char *dict_path_join(dict *d, const char *dir, const char *name);
char *dict_dirname(dict *d, const char *path);

#endif
