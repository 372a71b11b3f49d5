/*
 * dict.h -- the dictionary model: what every dictionary reader produces and
 * what the coder compiles into its matching index.
 *
 * The model is a plain, readable picture of the files: phrases as arrays of
 * words with their matching flags, code blocks with date ranges, verbs with
 * their patterns. Readers (tabari.c, petrarch.c) only parse; they never
 * decide how matching is done. The coder (src/code/) compiles this model
 * once into token-id tries, so a reader can stay simple and a faster
 * matcher never touches a reader.
 *
 * All memory (strings and arrays of entries) belongs to the dict and is
 * freed by dict_free(). Strings are upper case, with '_' and '-' joins
 * already turned into separate words.
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"
#include "util/util.h"

/* ---- words and phrases ------------------------------------------------ */

enum dict_word_flags {
    DICT_W_STEM = 1,       /* prefix match: TABARI word with no trailing '_' */
    DICT_W_NOENDINGS = 2,  /* TABARI '=': exactly this word, no S/ED/ING... */
    DICT_W_ADJACENT = 4,   /* the next element must follow immediately */
    DICT_W_ENDINGS = 8     /* accept regular endings (S 'S ED ES EN ING) */
};

typedef struct dict_word {
    const char *text; /* upper case, e.g. "ARGENTIN" */
    uint8_t flags;    /* dict_word_flags */
} dict_word;

/* How the readers set the flags (decided by the dictionary engineer):
 *  - TABARI: a word not written with a trailing '_' (or '=') is a STEM;
 *    '_' or '-' between two words sets ADJACENT on the first; a blank lets
 *    other words come between; "XXX~ YYY" is STEM|ADJACENT; '=' gives
 *    NOENDINGS. ENDINGS is set on the last word of dictionary phrases
 *    (actors, agents, verbs, verb forms, nouns, time phrases) unless '=';
 *    never on pattern words (a pattern word without '_' is a stem anyway).
 *  - PETRARCH-1/2: no STEM, no ENDINGS. Dictionary phrases (actors,
 *    agents, discards, verbs, synset members) match as consecutive words,
 *    so every word but the last has ADJACENT, blank or '_' alike. Inside
 *    patterns, '_' sets ADJACENT and a blank does not, as in TABARI. */

typedef struct dict_phrase {
    dict_word *words;
    uint32_t n_words;
} dict_phrase;

/* Where an entry came from, for evidence and error messages. */
typedef struct dict_origin {
    const char *file; /* shared string, owned by the dict */
    uint32_t line;
} dict_origin;

/* ---- actors ----------------------------------------------------------- */

/* A code valid in a date window: from <= date <= to (0 = open end).
 * Readers convert each format's bounds to this inclusive form. */
typedef struct dict_code_block {
    const char *code;   /* "ZWEGOV", "---" null, "###" discard, "+++" complex;
                           compound codes such as "GME/GMW" are split by the
                           reader into several blocks with the same dates and
                           DICT_CB_COMPOUND set on all but the first */
    int32_t from, to;   /* yyyymmdd or 0 */
    uint8_t flags;
} dict_code_block;

enum { DICT_CB_COMPOUND = 1 };

/* One group of synonymous phrases sharing a list of code blocks. The first
 * block whose window holds the sentence date applies. */
typedef struct dict_actor {
    dict_phrase *phrases;
    uint32_t n_phrases;
    dict_code_block *codes; /* n_codes may be 0: a group written with no
                               code (warned; PETRARCH keeps such phrases) */
    uint32_t n_codes;
    dict_origin origin;
} dict_actor;
/* Readers: TABARI adds an explicit [---] block after a last block that has
 * a date restriction (the manual's implicit default); PETRARCH does not. A
 * phrase written in several groups stays in several groups (PETRARCH
 * appends the codes in file order: the coder should do the same). */

/* ---- agents ----------------------------------------------------------- */

typedef enum dict_agent_side {
    DICT_AGENT_SUFFIX = 0, /* "~GOV": ISR + GOV = ISRGOV */
    DICT_AGENT_PREFIX      /* "NGO~": NGO + ISR = NGOISR */
} dict_agent_side;

typedef struct dict_agent {
    dict_phrase *phrases;  /* the phrase and its plurals, already expanded */
    uint32_t n_phrases;
    const char *code;      /* without the '~', e.g. "GOV" */
    dict_agent_side side;
    dict_origin origin;
} dict_agent;

/* ---- verbs and patterns ----------------------------------------------- */

enum dict_code_flags {
    DICT_EC_NULL = 1,        /* [---] */
    DICT_EC_DISCARD = 2,     /* [###] */
    DICT_EC_COMPLEX = 4,     /* [+++] */
    DICT_EC_SUBORDINATE = 8, /* [CCC?] kept only if nothing else is coded */
    DICT_EC_DOMINANT = 16,   /* [CCC!] */
    DICT_EC_PAIRED = 32      /* [A:B]: B is coded target -> source */
};

typedef struct dict_event_code {
    const char *code;    /* "064"; NULL for null/discard/complex, or for a
                            PETRARCH passive-only "[:B]" */
    const char *paired;  /* B of [A:B], else NULL. "[:B]" is code NULL,
                            paired "B", flags DICT_EC_PAIRED */
    uint8_t flags;
} dict_event_code;

typedef enum dict_elem_kind {
    DICT_E_WORD = 0, /* a word (see word.flags) */
    DICT_E_VERB,     /* '*': where the verb stands */
    DICT_E_SOURCE,   /* '$' */
    DICT_E_TARGET,   /* '+' */
    DICT_E_BOTH,     /* '%': compound actor, source and target */
    DICT_E_SKIP,     /* '^': skip one actor */
    DICT_E_ALT,      /* { a | b | c }: one of several sequences */
    DICT_E_GROUP_OPEN, /* PETRARCH-2 '(' prepositional phrase, '{' noun */
    DICT_E_GROUP_CLOSE /* phrase; the coder may treat them as gaps.
                          word.text tells the kind: "(" / ")" or "{" / "}".
                          Groups are flat markers inside the sequence (a
                          PETRARCH '{...}' holding '|' is a DICT_E_ALT) */
} dict_elem_kind;

typedef struct dict_elem dict_elem;
typedef struct dict_seq {
    dict_elem *elems;
    uint32_t n_elems;
} dict_seq;

struct dict_elem {
    dict_elem_kind kind;
    dict_word word;     /* DICT_E_WORD; flags may include DICT_W_ADJACENT */
    dict_seq *alts;     /* DICT_E_ALT: n_alts sequences */
    uint32_t n_alts;
    uint8_t adjacent;   /* ALT/actor marker: next element follows at once */
};

/* "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS [111]":
 * one sequence with exactly one DICT_E_VERB element. Synsets are already
 * expanded into DICT_E_ALT by the reader. */
typedef struct dict_pattern {
    dict_seq seq;
    dict_event_code code;
    size_t letters;     /* TABARI's length: letters only; longest first
                           (letters of the words and &SYNSET names as
                           written, all alternatives counted) */
    const char *text;   /* the line as written (comment cut), for evidence */
    dict_origin origin;
} dict_pattern;

typedef struct dict_verb {
    dict_phrase phrase;     /* the verb as written ("BREAK", "ASK FOR") */
    uint32_t verb_word;     /* index in phrase of the inflected word
                               (PETRARCH-2 '+ASK_FOR': 0) */
    dict_phrase *forms;     /* irregular / listed forms ({BROKE BROKEN}) */
    uint32_t n_forms;
    int generate_forms;     /* regular S/ED/ING forms apply */
    dict_event_code code;   /* the verb's own code (block default applied) */
    dict_pattern *patterns; /* PETRARCH: every verb of a "--- NAME ---"
                               block points to the block's one array (same
                               pointer): compile each distinct array once */
    uint32_t n_patterns;
    const char *block;      /* PETRARCH block name, else NULL */
    dict_origin origin;
} dict_verb;

/* ---- other lists ------------------------------------------------------ */

typedef struct dict_synset {
    const char *name;      /* "&TIETYPES" */
    dict_phrase *members;  /* expanded (nested synsets inlined) */
    uint32_t n_members;
    dict_origin origin;
    /* (readers) The same n_members members as pattern sequences, which is
     * what a pattern's DICT_E_ALT for "&NAME" points to: members[i] holds
     * the words of alts[i]; an alt may also hold actor markers (TABARI
     * "+PESO_$"). PETRARCH-2 plurals are members of their own. */
    dict_seq *alts;
} dict_synset;

typedef struct dict_time_shift {
    dict_phrase phrase;    /* LAST_WEEK */
    int days;              /* -7 */
    int discard;           /* [###] */
    dict_origin origin;
    /* (readers) TABARI [+++] under <TIME>: flag the record as complex. */
    int complex;
    /* (readers) TABARI "- * AND A WEEK [+8]" under a time phrase: the shift
     * applies only in this context, where DICT_E_VERB stands for the
     * phrase. n_elems == 0 for the bare phrase. */
    dict_seq context;
} dict_time_shift;

typedef struct dict_discard {
    dict_phrase phrase;
    int whole_story;       /* PETRARCH '+': discard the story */
    dict_origin origin;
} dict_discard;

typedef struct dict_transform {
    const char *text;      /* PETRARCH-2 transformation line as written */
    dict_origin origin;
} dict_transform;

/* ---- the whole set ---------------------------------------------------- */

/* Set by dict_load: TABARI for a .project or TABARI files; DYAD for a
 * folder of *.txt dictionaries (PETRARCH-2's rules, but pronouns and "the
 * country" refer back); PETRARCH2 for a PETR_config.ini or a lone PETRARCH
 * file; for a PETRARCH XML, PETRARCH2 when its verbs file has PETRARCH-2's
 * marks ("####### VERB PATTERNS" or a '(' group in a pattern), else
 * PETRARCH1 (both peers' validation suites). Readers called directly leave
 * it alone; PETRARCH readers then read PETRARCH-2 rules (synset plurals). */
typedef enum dict_flavor {
    DICT_FLAVOR_DYAD = 0,
    DICT_FLAVOR_TABARI,
    DICT_FLAVOR_PETRARCH1,
    DICT_FLAVOR_PETRARCH2
} dict_flavor;

typedef struct dict {
    dyad_arena arena;       /* every string and array below */
    dict_flavor flavor;

    dict_actor *actors;     size_t n_actors, cap_actors;
    dict_agent *agents;     size_t n_agents, cap_agents;
    dict_verb *verbs;       size_t n_verbs, cap_verbs;
    dict_synset *synsets;   size_t n_synsets, cap_synsets;
    dict_time_shift *times; size_t n_times, cap_times;
    dict_discard *discards; size_t n_discards, cap_discards;
    dict_transform *transforms; size_t n_transforms, cap_transforms;

    /* TABARI <NOUN> and <ADJECTIVE> sections, and similar word lists. */
    dict_phrase *nouns;      size_t n_nouns, cap_nouns;
    dict_phrase *adjectives; size_t n_adjectives, cap_adjectives;

    /* Option lines to apply to every coder (TABARI .options, PETRARCH
     * [Options]), in file order, as written. */
    const char **options;   size_t n_options, cap_options;

    size_t n_warnings;      /* malformed lines reported while loading */
    /* (readers) Set before loading to read PETRARCH-2 verbs exactly as
     * PETRARCH-2 does: a line starting "<!" turns off pattern loading for
     * the rest of the file (so PETR.Validate.verbs.txt gives no patterns).
     * 0, the default: dyad loads the patterns. */
    int petrarch2_comment_rule;
    dyad_warn_fn warn;
    void *warn_user;
} dict;

/* Lifecycle. dict_new returns NULL on OOM; dict_free accepts NULL. */
dict *dict_new(dyad_warn_fn warn, void *user);
void dict_free(dict *d);

/* Report a malformed line and go on (counts it in n_warnings). */
void dict_warn(dict *d, const char *file, long line, const char *fmt, ...)
    DYAD_PRINTF(4, 5);

/* Interns a file name for dict_origin. */
const char *dict_file_name(dict *d, const char *path);

/* Loads what `path` names into `d`: a TABARI .project, a PETRARCH
 * PETR_config.ini, a PETRARCH XML file with an <Environment> block, or a
 * folder (dyad's own layout: *.actors.txt, *.agents.txt, *.verbs.txt,
 * *.discards.txt in PETRARCH-2 format, and TABARI files by extension).
 * Relative names inside a project/config resolve beside that file. */
int dict_load(dict *d, const char *path, dyad_error *err);

/* Readers add to `d`; each returns 0, or a negative dyad_status when the
 * file cannot be read at all (malformed lines are only warned about). */
int dict_read_tabari_project(dict *d, const char *project_path, dyad_error *err);
int dict_read_tabari_actors(dict *d, const char *path, dyad_error *err);
int dict_read_tabari_agents(dict *d, const char *path, dyad_error *err);
int dict_read_tabari_verbs(dict *d, const char *path, dyad_error *err);
int dict_read_tabari_options(dict *d, const char *path, dyad_error *err);

int dict_read_petrarch_config(dict *d, const char *ini_path, dyad_error *err);
int dict_read_petrarch_actors(dict *d, const char *path, dyad_error *err);
int dict_read_petrarch_agents(dict *d, const char *path, dyad_error *err);
int dict_read_petrarch_verbs(dict *d, const char *path, dyad_error *err);
int dict_read_petrarch_discards(dict *d, const char *path, dyad_error *err);

#endif
