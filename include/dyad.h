/*
 * dyad.h -- the public API of libdyad, a political event-data engine.
 *
 * Pipeline: read articles (dyad_reader) -> code them with dictionaries
 * (dyad_dicts, dyad_coder) -> events (dyad_event) -> write them.
 *
 * Conventions that hold for the whole API:
 *  - Handles are opaque; each type has a _new/_open and a _free/_close.
 *    Every _free accepts NULL.
 *  - Functions that can fail take a caller-owned `dyad_error *err` (may be
 *    NULL) and return NULL or a negative dyad_status. The library never
 *    prints, never exits and never aborts on bad input.
 *  - Pointers returned inside structs (strings, arrays) are owned by the
 *    handle that produced them and stay valid until the next call on that
 *    handle, unless a function says otherwise.
 *  - A compiled dyad_dicts is immutable: several coders (one per thread) may
 *    share it.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ---------------------------------------------------------------------
 * Errors. One table, 0 for success, never renumbered (ORDER DYAD_STATUS).
 * ------------------------------------------------------------------- */
#define DYAD_STATUS_LIST(X)                                                \
    X(DYAD_OK, 0, "success")                                               \
    X(DYAD_ENOMEM, -1, "out of memory")                                    \
    X(DYAD_EIO, -2, "input/output error")                                  \
    X(DYAD_EFORMAT, -3, "malformed input")                                 \
    X(DYAD_EUTF8, -4, "invalid UTF-8")                                     \
    X(DYAD_EDATE, -5, "missing or invalid date")                           \
    X(DYAD_ETOOBIG, -6, "input exceeds a size limit")                      \
    X(DYAD_EDICT, -7, "malformed dictionary")                              \
    X(DYAD_EARG, -8, "invalid argument")                                   \
    X(DYAD_ENOTFOUND, -9, "not found")

typedef enum dyad_status {
#define DYAD_X_ENUM(name, value, text) name = value,
    DYAD_STATUS_LIST(DYAD_X_ENUM)
#undef DYAD_X_ENUM
} dyad_status;

/* Filled by a failing call. `message` names the file and line where it can. */
typedef struct dyad_error {
    int code;           /* a dyad_status */
    char message[512];
} dyad_error;

/* Static text for a status code; never NULL. */
const char *dyad_strerror(int code);

/* Called for problems that do not stop the work (a malformed dictionary
 * line, a rejected record): `file` and `line` locate it (line 0: unknown). */
typedef void (*dyad_warn_fn)(void *user, const char *file, long line,
                             const char *message);

/* ---------------------------------------------------------------------
 * Dates are integers yyyymmdd (20240325); 0 means "no date".
 * ------------------------------------------------------------------- */

/* Parses "YYYY-MM-DD", "YYYYMMDD" or TABARI's "YYMMDD" (YY <= 29 is 20YY).
 * Returns the date or 0 when `text[0..len)` is not a valid calendar date. */
int32_t dyad_date_parse(const char *text, size_t len);

/* ---------------------------------------------------------------------
 * Reading articles.
 * ------------------------------------------------------------------- */
typedef enum dyad_input_format {
    DYAD_INPUT_AUTO = 0, /* detected from the content */
    DYAD_INPUT_JSONL,    /* {"id","date","title"?,"text","source"?,"url"?} */
    DYAD_INPUT_TEXT,     /* first word "date", then YYYY-MM-DD, then text */
    DYAD_INPUT_PETRARCH, /* PETRARCH XML <Sentence date= id=><Text>... */
    DYAD_INPUT_TABARI    /* TABARI text records "YYMMDD ID" + lines */
} dyad_input_format;

/* What a validation record expects (TABARI and PETRARCH suites). */
typedef enum dyad_expect_kind {
    DYAD_EXPECT_NONE = 0, /* ordinary article: nothing to check */
    DYAD_EXPECT_EVENTS,   /* exactly the listed events */
    DYAD_EXPECT_NOEVENTS, /* nothing may be coded */
    DYAD_EXPECT_COMPLEX,  /* TABARI {+++}: flagged complex */
    DYAD_EXPECT_DISCARD,  /* TABARI {###}, PETRARCH sentence/story discard */
    DYAD_EXPECT_ERROR,    /* PETRARCH error="..." other than discards */
    DYAD_EXPECT_SKIP      /* the file says: do not check this record */
} dyad_expect_kind;

typedef struct dyad_expected_event {
    const char *source, *target, *code;
    int32_t date; /* 0 when the record gives none */
} dyad_expected_event;

typedef struct dyad_article {
    const char *id;     /* never NULL; "" when the input had none */
    int32_t date;       /* yyyymmdd; 0 when the record had none */
    const char *title;  /* NULL when absent */
    const char *text;   /* the body, UTF-8, NUL-terminated */
    size_t text_len;
    const char *source; /* NULL when absent */
    const char *url;    /* NULL when absent */
    const char *file;   /* the input's name, "-" for stdin */
    long line;          /* line where the record starts (1-based) */

    /* Validation records only. */
    dyad_expect_kind expect;
    const dyad_expected_event *expected;
    size_t n_expected;
    const char *const *options; /* option lines to apply before coding */
    size_t n_options;
    const char *category;       /* PETRARCH category, else NULL */
} dyad_article;

typedef struct dyad_reader dyad_reader;

/* Opens `path` ("-" or NULL: stdin). Caller closes with dyad_reader_close. */
dyad_reader *dyad_reader_open(const char *path, dyad_input_format format,
                              dyad_error *err);
/* Reads from an open stream the caller keeps owning; `name` labels errors. */
dyad_reader *dyad_reader_open_stream(FILE *stream, const char *name,
                                     dyad_input_format format,
                                     dyad_error *err);
void dyad_reader_close(dyad_reader *r);

/* The next record. Returns 1 and sets *out (valid until the next call),
 * 0 at end of input, or a negative status for a rejected record: err names
 * file, line and reason, and the next call goes on with the next record. */
int dyad_reader_next(dyad_reader *r, const dyad_article **out,
                     dyad_error *err);

/* The format in use (known after the first dyad_reader_next). */
dyad_input_format dyad_reader_format(const dyad_reader *r);

/* ---------------------------------------------------------------------
 * Dictionaries.
 * ------------------------------------------------------------------- */
typedef struct dyad_dicts dyad_dicts;

/* Loads dictionaries from `path`: a TABARI .project, a PETRARCH
 * PETR_config.ini, a PETRARCH validation XML (its <Environment>), or a
 * folder; NULL loads dyad's own defaults (the folder named by the
 * environment variable DYAD_DATA, else the data/ folder dyad was built
 * with). Malformed lines go to `warn` and
 * loading goes on. Caller frees with dyad_dicts_free. */
dyad_dicts *dyad_dicts_load(const char *path, dyad_warn_fn warn, void *user,
                            dyad_error *err);
void dyad_dicts_free(dyad_dicts *d);

/* Counts for reports: actor phrases, agent phrases, verbs, patterns. */
typedef struct dyad_dicts_stats {
    size_t actors, agents, verbs, patterns, synsets, discards;
} dyad_dicts_stats;
void dyad_dicts_stats_get(const dyad_dicts *d, dyad_dicts_stats *out);

/* CAMEO lookups: fills quad class (1-4, 0 unknown) and Goldstein value
 * (returns 0 when the code is unknown, 1 when known). */
int dyad_cameo_lookup(const char *code, int *quad_class, double *goldstein);

/* One CAMEO event code of dyad's table (data/cameo/), in static storage. */
typedef struct dyad_cameo_code {
    const char *code;         /* "0211" */
    const char *name;         /* "Appeal for economic cooperation" */
    double goldstein;         /* -10..+10 */
    int quad_class;           /* 1 verbal coop., 2 material coop.,
                                 3 verbal conflict, 4 material conflict */
    const char *plover_event; /* PLOVER event type, e.g. "AGREE"; NULL if none */
    const char *plover_mode;  /* PLOVER mode, or NULL */
} dyad_cameo_code;

/* The entry for `code`, or NULL when dyad's table does not know it. */
const dyad_cameo_code *dyad_cameo_get(const char *code);
/* The whole table in code order; *n receives its length. */
const dyad_cameo_code *dyad_cameo_table(size_t *n);

/* CAMEO actor codes are made of three-character parts: "ZWEGOVMIL" is
 * Zimbabwe + government + military, "IGOUNOWFP" IGO + UN + World Food
 * Programme. Countries are ISO 3166-1 alpha-3, taken from Debian's
 * iso-codes at build time; the other parts are data/cameo/actors.tsv. */
typedef enum dyad_actor_kind {
    DYAD_ACTOR_COUNTRY = 1,  /* "ZWE", and "KSV" (Kosovo, no ISO code) */
    DYAD_ACTOR_REGION,       /* "AFR", "WAF", "MEA" */
    DYAD_ACTOR_SECTOR,       /* "IGO", "NGO", "IMG", "MNC" */
    DYAD_ACTOR_ORGANISATION, /* "UNO", "NAT", "WFP" */
    DYAD_ACTOR_ROLE,         /* "GOV", "MIL", "REB" */
    DYAD_ACTOR_RELIGION      /* "MOS", "CHR" */
} dyad_actor_kind;

typedef struct dyad_actor_code {
    const char *code; /* three characters */
    dyad_actor_kind kind;
    const char *name; /* "Zimbabwe", "government" */
} dyad_actor_code;

/* The entry of one part ("GOV"), or NULL. Static storage, like the table. */
const dyad_actor_code *dyad_actor_get(const char *part);
/* Every part in code order; *n receives the length. */
const dyad_actor_code *dyad_actor_table(size_t *n);
/* "country", "region", ...: the kind's name in data/cameo/actors.tsv. */
const char *dyad_actor_kind_name(dyad_actor_kind kind);
/* 1 when `code` is a well-formed full actor code: three-character parts,
 * each in the table, the first not a role or religion; "---" (unknown
 * actor) may stand first ("---GOV"). Else 0, and *bad_at (when not NULL)
 * receives the offset of the first bad part. */
int dyad_actor_code_check(const char *code, size_t *bad_at);
/* Why `code` is not well formed ("'XYZ' at 6 is not a CAMEO actor-code
 * part"), written into buf[0..cap); returns buf, or NULL when it is. */
const char *dyad_actor_code_problem(const char *code, char *buf, size_t cap);

/* ---------------------------------------------------------------------
 * Coding.
 * ------------------------------------------------------------------- */
typedef struct dyad_span {
    int32_t begin, end; /* byte offsets into the event's sentence; -1: none */
} dyad_span;

typedef struct dyad_event {
    const char *article_id;
    const char *url;        /* the article's, or NULL */
    int sentence_index;     /* 0-based index of the sentence in the article */
    int32_t date;           /* yyyymmdd, after time shifts */
    const char *source;     /* full CAMEO actor code, e.g. "ZWEGOV" */
    const char *target;
    const char *code;       /* CAMEO event code, e.g. "111" */
    char root_code[3];      /* first two digits */
    int quad_class;         /* 1-4; 0 when unknown */
    double goldstein;       /* valid when has_goldstein */
    int has_goldstein;
    const char *sentence;   /* the sentence text (not NUL-terminated) */
    size_t sentence_len;
    dyad_span source_span, target_span, verb_span;
    const char *rule_file;  /* dictionary file of the rule that fired */
    long rule_line;
    const char *rule_text;  /* the pattern or verb line as written */
    const char *dep_path;   /* how the parse linked source, verb and target
                               ("nsubj<met>obj"), NULL: by word order */
} dyad_event;

/* Per-article outcome flags. */
enum {
    DYAD_RESULT_DISCARD = 1, /* a [###] phrase or a discard list hit */
    DYAD_RESULT_COMPLEX = 2  /* a [+++] phrase or complexity limit */
};

typedef struct dyad_result {
    const dyad_event *events;
    size_t n_events;
    size_t n_sentences;
    int flags;              /* DYAD_RESULT_* */
    const char *why;        /* reason for the flags, or NULL */
} dyad_result;

typedef struct dyad_coder dyad_coder;

/* A coder over shared dictionaries; `d` must outlive it. */
dyad_coder *dyad_coder_new(const dyad_dicts *d, dyad_error *err);
void dyad_coder_free(dyad_coder *c);

/* Applies one option line in TABARI options-file syntax, e.g.
 * "SET: TIME SHIFT = FALSE" or "SET: CONVERT AGENT = TRUE", or a PETRARCH
 * option "name=value". Unknown options return DYAD_EARG. */
int dyad_coder_set_option(dyad_coder *c, const char *line, dyad_error *err);

/* Split the article into sentences (the default), or code its text as one
 * sentence (validation records). */
void dyad_coder_set_segmenting(dyad_coder *c, int on);

/* Codes one article. *out is valid until the next call on this coder. */
int dyad_coder_code(dyad_coder *c, const dyad_article *a,
                    const dyad_result **out, dyad_error *err);

/* ---------------------------------------------------------------------
 * Writing events.
 * ------------------------------------------------------------------- */
typedef enum dyad_output_format {
    DYAD_OUTPUT_JSON = 0, /* JSON Lines, one event a line */
    DYAD_OUTPUT_TSV,      /* header line, then one event a line */
    DYAD_OUTPUT_GDELT     /* GDELT 2.0 event table, 61 columns, no header */
} dyad_output_format;

/* Writes the header line of a format (only TSV has one). */
int dyad_write_header(FILE *out, dyad_output_format fmt);
/* Writes one event. Returns 0 or DYAD_EIO. */
int dyad_write_event(FILE *out, dyad_output_format fmt, const dyad_event *e);

#ifdef __cplusplus
}
#endif

#include "dyad_store.h" /* the event store and the analyst's questions */
#include "dyad_parse.h" /* the English tagger and dependency parser */
#include "dyad_dict.h"  /* lint and convert dictionaries */

#endif /* DYAD_H */
