/*
 * shift.c -- `dyad shift X --between A B`: does X lean towards A or B,
 * period by period, where does that change, and which events drove it.
 */
#include <stdlib.h>
#include <string.h>

#include "store_cmds.h"

static const char shift_usage[] =
    "usage: dyad shift X --between A B [options]\n"
    "\n"
    "The alignment of X between A and B per period:\n"
    "    alignment = (net_coop(X<->A) - net_coop(X<->B)) / 2\n"
    "from -1 (X sides with B) to +1 (X sides with A); net_coop is\n"
    "(coop - conflict) / events over events either way, 0 without events.\n"
    "Change points are found by binary segmentation with a CUSUM mean-shift\n"
    "test (see dyad_store.h); each lists the events of its first period that\n"
    "moved the alignment, strongest Goldstein value first.\n"
    "\n"
    "options:\n"
    "  --between A B     the two partners (required)\n"
    "  --by UNIT         day, week, month (default), year\n" STORE_COMMON_USAGE
    "  --code, --root, --quad, --text, --mentions   as for dyad events\n"
    "  --format FORMAT   table (default: periods, then change points with\n"
    "                    their events), csv (periods; change_statistic set on\n"
    "                    the first period after a change), json ({\"periods\":\n"
    "                    [...], \"changes\": [...]}), svg (a chart)\n"
    "  -h, --help        this text\n";

static int cli_shift(int argc, char **argv);
const cli_command cli_shift_command = {"shift", cli_shift,
                                       "alignment of X between A and B, change points",
                                       shift_usage};

static const char *const columns[] = {"period", "events_a", "events_b", "net_a", "net_b",
                                      "alignment", "change_statistic"};

static const dyad_change_point *change_at(const dyad_shift *sh, size_t period)
{
    for (size_t i = 0; i < sh->n_changes; i++)
        if (sh->changes[i].period == period) return &sh->changes[i];
    return NULL;
}

static void print_periods(const dyad_shift *sh, store_format format)
{
    cli_table t;
    cli_table_init(&t, stdout, format, columns, "snnnnnn");
    for (size_t k = 0; k < sh->n_periods; k++) {
        const dyad_shift_period *p = &sh->periods[k];
        const dyad_change_point *c = change_at(sh, k);
        char label[16];
        cli_table_cell(&t, "%s", dyad_period_label(sh->unit, p->start, label, sizeof label));
        cli_table_cell(&t, "%ld", p->events_a);
        cli_table_cell(&t, "%ld", p->events_b);
        cli_table_cell(&t, "%.3f", p->net_a);
        cli_table_cell(&t, "%.3f", p->net_b);
        cli_table_cell(&t, "%.3f", p->alignment);
        if (c) cli_table_cell(&t, "%.1f", c->statistic);
        else cli_table_cell(&t, "%s", "");
    }
    cli_table_finish(&t);
}

static void print_changes_text(const dyad_shift *sh)
{
    for (size_t i = 0; i < sh->n_changes; i++) {
        const dyad_change_point *c = &sh->changes[i];
        char label[16];
        dyad_period_label(sh->unit, sh->periods[c->period].start, label, sizeof label);
        printf("\nchange at %s: alignment %.3f -> %.3f (T = %.1f), driven by:\n", label,
               c->before, c->after, c->statistic);
        for (size_t j = 0; j < c->n_drivers; j++) {
            const dyad_shift_driver *d = &c->drivers[j];
            printf("  %04d-%02d-%02d  %s -> %s  %s  %+.1f  [%s]  %s\n", (int)(d->date / 10000),
                   (int)(d->date / 100 % 100), (int)(d->date % 100), d->source, d->target,
                   d->code, d->goldstein, d->article_id ? d->article_id : "",
                   d->sentence ? d->sentence : "");
        }
    }
}

static void print_changes_json(const dyad_shift *sh)
{
    fputs(",\"changes\":[", stdout);
    for (size_t i = 0; i < sh->n_changes; i++) {
        const dyad_change_point *c = &sh->changes[i];
        char label[16];
        dyad_period_label(sh->unit, sh->periods[c->period].start, label, sizeof label);
        printf("%s{\"period\":\"%s\",\"before\":%.3f,\"after\":%.3f,\"statistic\":%.2f,"
               "\"drivers\":[", i ? "," : "", label, c->before, c->after, c->statistic);
        for (size_t j = 0; j < c->n_drivers; j++) {
            const dyad_shift_driver *d = &c->drivers[j];
            printf("%s{\"date\":\"%04d-%02d-%02d\",\"source\":", j ? "," : "",
                   (int)(d->date / 10000), (int)(d->date / 100 % 100), (int)(d->date % 100));
            cli_json_string(stdout, d->source);
            fputs(",\"target\":", stdout);
            cli_json_string(stdout, d->target);
            fputs(",\"code\":", stdout);
            cli_json_string(stdout, d->code);
            printf(",\"quad_class\":%d,\"goldstein\":%.1f,\"with\":\"%s\",\"article_id\":",
                   d->quad_class, d->goldstein, d->with_a ? "a" : "b");
            cli_json_string(stdout, d->article_id);
            fputs(",\"text\":", stdout);
            cli_json_string(stdout, d->sentence);
            putc('}', stdout);
        }
        fputs("]}", stdout);
    }
    fputs("]}\n", stdout);
}

typedef char period_label[16];

static int plot_shift(const dyad_shift *sh, const char *x, const char *a, const char *b)
{
    size_t n = sh->n_periods, m = sh->n_changes;
    period_label *text = calloc(n ? n : 1, sizeof *text);
    const char **labels = calloc(n ? n : 1, sizeof *labels);
    double *bars = calloc(n ? n : 1, sizeof *bars), *line = calloc(n ? n : 1, sizeof *line);
    size_t *marks = calloc(m ? m : 1, sizeof *marks);
    int ok = text && labels && bars && line && marks;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            labels[i] = dyad_period_label(sh->unit, sh->periods[i].start, text[i], sizeof text[i]);
            bars[i] = (double)(sh->periods[i].events_a + sh->periods[i].events_b);
            line[i] = sh->periods[i].alignment;
        }
        for (size_t i = 0; i < m; i++) marks[i] = sh->changes[i].period;
        char title[200];
        snprintf(title, sizeof title, "%s between %s (+1) and %s (-1)", x, a, b);
        svg_chart chart = {title, labels, n, bars, "events with either", line, "alignment",
                           marks, m};
        svg_chart_write(stdout, &chart);
    } else {
        cli_error("shift: out of memory");
    }
    free(text);
    free(labels);
    free(bars);
    free(line);
    free(marks);
    return ok;
}

static int cli_shift(int argc, char **argv)
{
    store_opts o = {.allow_svg = 1};
    const char *by = "month", *actor = NULL, *a = NULL, *b = NULL;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, &cli_shift_command);
            return CLI_OK;
        }
        if (!strcmp(argv[i], "--between")) {
            if (i + 2 >= argc) {
                cli_error("shift: --between needs two actor codes");
                return CLI_USAGE;
            }
            a = argv[++i];
            b = argv[++i];
            continue;
        }
        if (cli_opt_value(argc, argv, &i, "--by", &by, &bad) || store_opt(&o, argc, argv, &i, &bad))
            continue;
        if (argv[i][0] != '-' && !actor) {
            actor = argv[i];
            continue;
        }
        cli_error("shift: unexpected argument '%s' (see dyad shift --help)", argv[i]);
        return CLI_USAGE;
    }
    if (bad) return CLI_USAGE;
    dyad_period_unit unit;
    if (!actor || !a) {
        cli_error("shift: usage: dyad shift X --between A B");
        return CLI_USAGE;
    }
    if (!store_parse_unit(by, &unit)) {
        cli_error("shift: --by '%s' is not day, week, month or year", by);
        return CLI_USAGE;
    }
    if (store_opts_finish(&o, "shift") != CLI_OK) return CLI_USAGE;
    dyad_store *s = store_opts_open(&o, DYAD_STORE_READ);
    if (!s) return CLI_USAGE;
    dyad_shift *sh = NULL;
    dyad_error err = {0};
    int rc = dyad_analyze_shift(s, actor, a, b, unit, &o.query, &sh, &err);
    dyad_store_close(s);
    if (rc < 0) {
        cli_error("%s", err.message);
        return CLI_USAGE;
    }
    int ok = 1;
    if (o.format == STORE_SVG) {
        ok = plot_shift(sh, actor, a, b);
    } else {
        if (o.format == STORE_JSON) fputs("{\"periods\":", stdout);
        print_periods(sh, o.format);
        if (o.format == STORE_JSON) print_changes_json(sh);
        else if (o.format == STORE_TABLE) print_changes_text(sh);
    }
    dyad_shift_free(sh);
    return ok && fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}
