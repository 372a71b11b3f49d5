/*
 * store_opts.c -- what the store commands share: their common options and
 * the result table (aligned for a terminal, CSV, or JSON).
 *
 * Every query command prints through cli_table, so the three formats
 * agree on column names and order for every command, and a new command
 * gets all three by naming its columns.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store_cmds.h"

int store_opt(store_opts *o, int argc, char **argv, int *i, int *bad)
{
    dyad_query *q = &o->query;
    const char *a = argv[*i];
    if (!strcmp(a, "--both-ways")) q->both_ways = 1;
    else if (!strcmp(a, "--mentions")) q->all_mentions = 1;
    else
        return cli_opt_value(argc, argv, i, "--db", &o->db, bad) ||
               cli_opt_value(argc, argv, i, "--format", &o->format_name, bad) ||
               cli_opt_value(argc, argv, i, "--since", &o->since, bad) ||
               cli_opt_value(argc, argv, i, "--until", &o->until, bad) ||
               cli_opt_value(argc, argv, i, "--source", &q->source, bad) ||
               cli_opt_value(argc, argv, i, "--target", &q->target, bad) ||
               cli_opt_value(argc, argv, i, "--code", &q->code, bad) ||
               cli_opt_value(argc, argv, i, "--root", &q->root, bad) ||
               cli_opt_value(argc, argv, i, "--quad", &o->quad, bad) ||
               cli_opt_value(argc, argv, i, "--text", &q->text, bad);
    return 1;
}

static int parse_date_opt(const char *command, const char *name, const char *text,
                          int32_t *out)
{
    if (!text) return 1;
    *out = dyad_date_parse(text, strlen(text));
    if (*out) return 1;
    cli_error("%s: %s '%s' is not a date YYYY-MM-DD", command, name, text);
    return 0;
}

int store_opts_finish(store_opts *o, const char *command)
{
    if (!o->db) o->db = STORE_DEFAULT_DB;
    const char *f = o->format_name ? o->format_name : "table";
    if (!strcmp(f, "table")) o->format = STORE_TABLE;
    else if (!strcmp(f, "csv")) o->format = STORE_CSV;
    else if (!strcmp(f, "json")) o->format = STORE_JSON;
    else if (!strcmp(f, "svg") && o->allow_svg) o->format = STORE_SVG;
    else {
        cli_error("%s: unknown format '%s' (table, csv, json%s)", command, f,
                  o->allow_svg ? ", svg" : "");
        return CLI_USAGE;
    }
    if (!parse_date_opt(command, "--since", o->since, &o->query.since) ||
        !parse_date_opt(command, "--until", o->until, &o->query.until))
        return CLI_USAGE;
    if (o->quad) {
        char *end;
        long v = strtol(o->quad, &end, 10);
        if (*end || v < 1 || v > 4) {
            cli_error("%s: --quad '%s' is not a QuadClass 1-4", command, o->quad);
            return CLI_USAGE;
        }
        o->query.quad_class = (int)v;
    }
    return CLI_OK;
}

dyad_store *store_opts_open(const store_opts *o, int flags)
{
    dyad_error err = {0};
    dyad_store *s = dyad_store_open(o->db, flags, &err);
    if (!s) cli_error("%s", err.message);
    return s;
}

int store_parse_unit(const char *s, dyad_period_unit *out)
{
    static const char *const names[] = {"day", "week", "month", "year"};
    static const dyad_period_unit units[] = {DYAD_BY_DAY, DYAD_BY_WEEK, DYAD_BY_MONTH,
                                             DYAD_BY_YEAR};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(s, names[i])) {
            *out = units[i];
            return 1;
        }
    return 0;
}

/* ---------------------------------------------------------------------
 * The result table.
 * ------------------------------------------------------------------- */
void cli_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(out, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", out);
        else if (*p == '\t') fputs("\\t", out);
        else if (*p < 0x20) fprintf(out, "\\u%04x", *p);
        else putc(*p, out);
    }
    putc('"', out);
}

/* RFC 4180: quote a field holding a comma, a quote or a line break. */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"') putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}

void cli_table_init(cli_table *t, FILE *out, store_format format, const char *const *names,
                    const char *numeric)
{
    memset(t, 0, sizeof *t);
    t->out = out;
    t->format = format;
    t->names = names;
    t->numeric = numeric;
    t->n_cols = strlen(numeric);
    if (t->n_cols > CLI_TABLE_MAX_COLUMNS) t->n_cols = CLI_TABLE_MAX_COLUMNS;
    if (format == STORE_CSV) {
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c) putc(',', out);
            csv_field(out, names[c]);
        }
        putc('\n', out);
    } else if (format == STORE_JSON) {
        putc('[', out);
    }
}

static void write_row(cli_table *t, char **cells)
{
    FILE *out = t->out;
    const char *row[CLI_TABLE_MAX_COLUMNS];
    for (size_t c = 0; c < t->n_cols; c++) row[c] = cells[c] ? cells[c] : "";
    if (t->format == STORE_CSV) {
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c) putc(',', out);
            csv_field(out, row[c]);
        }
        putc('\n', out);
        return;
    }
    fputs(t->rows_written ? ",\n{" : "\n{", out);
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c) putc(',', out);
        cli_json_string(out, t->names[c]);
        putc(':', out);
        if (t->numeric[c] == 'n') fputs(*row[c] ? row[c] : "null", out);
        else cli_json_string(out, row[c]);
    }
    putc('}', out);
}

static void free_cells(cli_table *t)
{
    for (size_t i = 0; i < t->n_cells; i++) free(t->cells[i]);
    t->n_cells = 0;
}

/* A malloc'd formatted string, measured first so nothing is truncated. */
static char *format_cell(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

void cli_table_cell(cli_table *t, const char *fmt, ...)
{
    if (t->n_cells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **cells = realloc(t->cells, cap * sizeof *cells);
        if (!cells) return; /* the row comes out short rather than crash */
        t->cells = cells;
        t->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *cell = format_cell(fmt, ap);
    va_end(ap);
    t->cells[t->n_cells++] = cell ? cell : calloc(1, 1);
    if (t->format != STORE_TABLE && t->n_cells == t->n_cols) {
        write_row(t, t->cells);
        t->rows_written++;
        free_cells(t);
    }
}

/* Columns padded to their widest cell; numbers right-aligned. */
static void print_aligned(cli_table *t)
{
    size_t *width = calloc(t->n_cols, sizeof *width);
    if (!width) return;
    for (size_t c = 0; c < t->n_cols; c++) width[c] = strlen(t->names[c]);
    for (size_t i = 0; i < t->n_cells; i++) {
        size_t len = t->cells[i] ? strlen(t->cells[i]) : 0;
        if (len > width[i % t->n_cols]) width[i % t->n_cols] = len;
    }
    for (size_t i = 0; i < t->n_cells + t->n_cols; i++) {
        size_t c = i % t->n_cols;
        const char *s = i < t->n_cols ? t->names[c] : t->cells[i - t->n_cols];
        int last = c + 1 == t->n_cols;
        if (t->numeric[c] == 'n') fprintf(t->out, "%*s", (int)width[c], s ? s : "");
        else fprintf(t->out, "%-*s", last ? 0 : (int)width[c], s ? s : "");
        fputs(last ? "\n" : "  ", t->out);
    }
    free(width);
}

void cli_table_finish(cli_table *t)
{
    if (t->format == STORE_TABLE) print_aligned(t);
    else if (t->format == STORE_JSON) fputs(t->rows_written ? "\n]\n" : "]\n", t->out);
    free_cells(t);
    free(t->cells);
    t->cells = NULL;
}

long store_parse_batch(const char *command, const char *value)
{
    if (!value) return 0;
    long batch = strtol(value, NULL, 10);
    if (batch > 0) return batch;
    cli_error("%s: --batch '%s' is not a positive number", command, value);
    return -1;
}

void store_dict_version(const char *dicts_path, const dyad_dicts *d, char *buf, size_t size)
{
    dyad_dicts_stats st;
    dyad_dicts_stats_get(d, &st);
    snprintf(buf, size, "dyad %s; dicts %s; %zu actors, %zu agents, %zu verbs, %zu patterns",
             DYAD_VERSION, dicts_path ? dicts_path : "(default)", st.actors, st.agents,
             st.verbs, st.patterns);
}
