/*
 * dyad.c -- `dyad dyad X Y`: how X and Y get along over time, one row per
 * period (events by QuadClass, Goldstein sum and mean, net cooperation).
 */
#include <stdlib.h>
#include <string.h>

#include "store_cmds.h"

static const char dyad_usage[] =
    "usage: dyad dyad X Y [options]\n"
    "\n"
    "The events of source X towards target Y (actor code prefixes) per\n"
    "period: counts by QuadClass (verbal/material cooperation, verbal/\n"
    "material conflict), Goldstein sum and mean, and the net cooperation\n"
    "score (coop - conflict) / events, from -1 to +1. Periods without events\n"
    "between the first and the last are listed with zeros.\n"
    "\n"
    "options:\n"
    "  --by UNIT         day, week (ISO, labelled by its Monday), month\n"
    "                    (default), year\n"
    "  --both-ways       Y towards X as well\n" STORE_COMMON_USAGE
    "  --code, --root, --quad, --text, --mentions   as for dyad events\n"
    "  --format FORMAT   table (default), csv, json (an array, one object\n"
    "                    per period), svg (a chart: events, net cooperation)\n"
    "  -h, --help        this text\n";

static int cli_dyad(int argc, char **argv);
const cli_command cli_dyad_command = {"dyad", cli_dyad, "a dyad's relations over time",
                                      dyad_usage};

static const char *const columns[] = {
    "period", "events", "verbal_coop", "material_coop", "verbal_conflict",
    "material_conflict", "goldstein_sum", "goldstein_mean", "net_coop"};

static void print_series(const dyad_series *series, store_format format)
{
    cli_table t;
    cli_table_init(&t, stdout, format, columns, "snnnnnnnn");
    for (size_t i = 0; i < series->n_periods; i++) {
        const dyad_period_stats *p = &series->periods[i];
        char label[16];
        cli_table_cell(&t, "%s", dyad_period_label(series->unit, p->start, label, sizeof label));
        cli_table_cell(&t, "%ld", p->events);
        for (int q = 1; q <= 4; q++) cli_table_cell(&t, "%ld", p->quad[q]);
        cli_table_cell(&t, "%.1f", p->goldstein_sum);
        cli_table_cell(&t, "%.2f", p->goldstein_mean);
        cli_table_cell(&t, "%.3f", p->net_coop);
    }
    cli_table_finish(&t);
}

typedef char period_label[16];

static int plot_series(const dyad_series *series, const char *x, const char *y, int both)
{
    size_t n = series->n_periods;
    period_label *text = calloc(n ? n : 1, sizeof *text);
    const char **labels = calloc(n ? n : 1, sizeof *labels);
    double *bars = calloc(n ? n : 1, sizeof *bars), *line = calloc(n ? n : 1, sizeof *line);
    int ok = text && labels && bars && line;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            labels[i] = dyad_period_label(series->unit, series->periods[i].start, text[i],
                                          sizeof text[i]);
            bars[i] = (double)series->periods[i].events;
            line[i] = series->periods[i].net_coop;
        }
        char title[160];
        snprintf(title, sizeof title, "%s %s %s", x, both ? "<->" : "->", y);
        svg_chart chart = {title, labels, n, bars, "events", line, "net cooperation", NULL, 0};
        svg_chart_write(stdout, &chart);
    } else {
        cli_error("dyad: out of memory");
    }
    free(text);
    free(labels);
    free(bars);
    free(line);
    return ok;
}

static int cli_dyad(int argc, char **argv)
{
    store_opts o = {.allow_svg = 1};
    const char *by = "month", *actors[2] = {NULL, NULL};
    int bad = 0, n_actors = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, &cli_dyad_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--by", &by, &bad) || store_opt(&o, argc, argv, &i, &bad))
            continue;
        if (argv[i][0] != '-' && n_actors < 2) {
            actors[n_actors++] = argv[i];
            continue;
        }
        cli_error("dyad: unexpected argument '%s' (see dyad dyad --help)", argv[i]);
        return CLI_USAGE;
    }
    if (bad) return CLI_USAGE;
    dyad_period_unit unit;
    if (n_actors != 2) {
        cli_error("dyad: two actor codes are needed: dyad dyad X Y");
        return CLI_USAGE;
    }
    if (!store_parse_unit(by, &unit)) {
        cli_error("dyad: --by '%s' is not day, week, month or year", by);
        return CLI_USAGE;
    }
    if (store_opts_finish(&o, "dyad") != CLI_OK) return CLI_USAGE;
    dyad_store *s = store_opts_open(&o, DYAD_STORE_READ);
    if (!s) return CLI_USAGE;
    dyad_series *series = NULL;
    dyad_error err = {0};
    int rc = dyad_analyze_dyad(s, actors[0], actors[1], o.query.both_ways, unit, &o.query,
                               &series, &err);
    dyad_store_close(s);
    if (rc < 0) {
        cli_error("%s", err.message);
        return CLI_USAGE;
    }
    int ok = 1;
    if (o.format == STORE_SVG) ok = plot_series(series, actors[0], actors[1], o.query.both_ways);
    else print_series(series, o.format);
    dyad_series_free(series);
    return ok && fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}
