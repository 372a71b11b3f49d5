/*
 * store_cmds.h -- the commands over the event store (ingest, events,
 * export, dyad, partners, shift, stats) and what they share: the common
 * options (--db, --since, --until, --format and the event filters) and a
 * result table printed aligned, as CSV or as JSON.
 */
#ifndef DYAD_CLI_STORE_CMDS_H
#define DYAD_CLI_STORE_CMDS_H

#include "cli.h"
#include "dyad_store.h"

extern const cli_command cli_ingest_command;
extern const cli_command cli_events_command;
extern const cli_command cli_export_command;
extern const cli_command cli_dyad_command;
extern const cli_command cli_partners_command;
extern const cli_command cli_shift_command;
extern const cli_command cli_stats_command;
extern const cli_command cli_plot_command;
extern const cli_command cli_recode_command;

#define STORE_DEFAULT_DB "dyad.db"

/* Help text for the options every store command takes. */
#define STORE_COMMON_USAGE                                                      \
    "  --db PATH         the store (default ./" STORE_DEFAULT_DB ")\n"           \
    "  --since DATE      only events on or after DATE (YYYY-MM-DD)\n"            \
    "  --until DATE      only events on or before DATE\n"
#define STORE_FILTER_USAGE                                                      \
    "  --source CODE     source actor code prefix (USA matches USAGOV)\n"        \
    "  --target CODE     target actor code prefix\n"                             \
    "  --both-ways       also source and target swapped\n"                       \
    "  --code CODE       CAMEO event code, exactly\n"                            \
    "  --root NN         CAMEO root code (two digits)\n"                         \
    "  --quad N          QuadClass 1-4\n"                                        \
    "  --text QUERY      full-text search of the events' sentences (FTS5)\n"     \
    "  --mentions        every mention, not deduplicated events\n"

typedef enum store_format { STORE_TABLE, STORE_CSV, STORE_JSON, STORE_SVG } store_format;

typedef struct store_opts {
    const char *db;
    const char *format_name;
    store_format format;
    const char *since, *until, *quad;
    int allow_svg;       /* set by commands that can draw a chart */
    dyad_query query;
} store_opts;

/* Consumes argv[*i] when it is a common option (1), else 0; a missing
 * value sets *bad. */
int store_opt(store_opts *o, int argc, char **argv, int *i, int *bad);
/* Checks and converts the values given; CLI_OK or CLI_USAGE (reported). */
int store_opts_finish(store_opts *o, const char *command);
/* Opens the store, reporting failures. */
dyad_store *store_opts_open(const store_opts *o, int flags);
/* Parses day|week|month|year. */
int store_parse_unit(const char *s, dyad_period_unit *out);

/* --batch N of `command`: 0 when absent, -1 (reported) when not a positive
 * number, else N. */
long store_parse_batch(const char *command, const char *value);

/* The dictionary version recorded in the store when the user gives none:
 * dyad's version, the dictionaries' path and their counts, so a changed
 * dictionary shows up as a different string. */
void store_dict_version(const char *dicts_path, const dyad_dicts *d, char *buf, size_t size);

enum { CLI_TABLE_MAX_COLUMNS = 32 };

/* A result table. Rows are written at once in CSV and JSON; the aligned
 * table is held until the end to measure its columns. */
typedef struct cli_table {
    FILE *out;
    store_format format;
    const char *const *names;
    const char *numeric; /* one char per column: 'n' numeric, 's' text */
    size_t n_cols;
    char **cells;        /* table format: all rows; else the current row */
    size_t n_cells, cap;
    size_t rows_written;
} cli_table;

void cli_table_init(cli_table *t, FILE *out, store_format format, const char *const *names,
                    const char *numeric);
/* Appends the next cell of the current row (printf-style). */
void cli_table_cell(cli_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Ends the output (JSON's closing bracket, the aligned table) and frees. */
void cli_table_finish(cli_table *t);

/* A JSON string literal of s (NULL: null). */
void cli_json_string(FILE *out, const char *s);

/* A chart of periods (plot.c): bars (counts, right axis), a line (a score
 * in [-1, +1], left axis) and dashed change points before marks[i]. */
typedef struct svg_chart {
    const char *title;
    const char *const *labels; /* one per period */
    size_t n;
    const double *bars;
    const char *bars_name;
    const double *line;
    const char *line_name;
    const size_t *marks;
    size_t n_marks;
} svg_chart;
void svg_chart_write(FILE *out, const svg_chart *c);

#endif
