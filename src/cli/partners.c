/*
 * partners.c -- `dyad partners X`: who X deals with, most events first,
 * then most cooperative first.
 */
#include <stdlib.h>
#include <string.h>

#include "store_cmds.h"

static const char partners_usage[] =
    "usage: dyad partners X [options]\n"
    "\n"
    "The partners of actor X (a code prefix): events with X on one side and\n"
    "not on the other, either direction. Two rankings: by number of events,\n"
    "and by mean Goldstein value (partners with at least --min events).\n"
    "\n"
    "options:\n"
    "  --top N           at most N partners in each ranking (default 10)\n"
    "  --min N           events a partner needs to be ranked by Goldstein\n"
    "                    (default 3)\n"
    "  --country         group partners by their first three letters\n" STORE_COMMON_USAGE
    "  --code, --root, --quad, --text, --mentions   as for dyad events\n"
    "  --format FORMAT   table (default), csv, json\n"
    "  -h, --help        this text\n";

static int cli_partners(int argc, char **argv);
const cli_command cli_partners_command = {"partners", cli_partners,
                                          "an actor's partners, by volume and tone",
                                          partners_usage};

static const char *const columns[] = {
    "ranking", "rank", "partner", "events", "verbal_coop", "material_coop", "verbal_conflict",
    "material_conflict", "goldstein_mean", "net_coop"};

static void add_rows(cli_table *t, const char *ranking, const dyad_partner *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cli_table_cell(t, "%s", ranking);
        cli_table_cell(t, "%zu", i + 1);
        cli_table_cell(t, "%s", p[i].actor);
        cli_table_cell(t, "%ld", p[i].events);
        for (int q = 1; q <= 4; q++) cli_table_cell(t, "%ld", p[i].quad[q]);
        cli_table_cell(t, "%.2f", p[i].goldstein_mean);
        cli_table_cell(t, "%.3f", p[i].net_coop);
    }
}

static int parse_count(const char *name, const char *text, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*end || v < 0) {
        cli_error("partners: %s '%s' is not a number", name, text);
        return 0;
    }
    *out = v;
    return 1;
}

static int cli_partners(int argc, char **argv)
{
    store_opts o = {0};
    const char *actor = NULL, *top_text = "10", *min_text = "3";
    int bad = 0, country = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, &cli_partners_command);
            return CLI_OK;
        }
        if (!strcmp(argv[i], "--country")) {
            country = 1;
            continue;
        }
        if (cli_opt_value(argc, argv, &i, "--top", &top_text, &bad) ||
            cli_opt_value(argc, argv, &i, "--min", &min_text, &bad) ||
            store_opt(&o, argc, argv, &i, &bad))
            continue;
        if (argv[i][0] != '-' && !actor) {
            actor = argv[i];
            continue;
        }
        cli_error("partners: unexpected argument '%s' (see dyad partners --help)", argv[i]);
        return CLI_USAGE;
    }
    long top, min_events;
    if (bad || !parse_count("--top", top_text, &top) || !parse_count("--min", min_text, &min_events))
        return CLI_USAGE;
    if (!actor) {
        cli_error("partners: an actor code is needed: dyad partners X");
        return CLI_USAGE;
    }
    if (store_opts_finish(&o, "partners") != CLI_OK) return CLI_USAGE;
    dyad_store *s = store_opts_open(&o, DYAD_STORE_READ);
    if (!s) return CLI_USAGE;
    dyad_partners *p = NULL;
    dyad_error err = {0};
    int rc = dyad_analyze_partners(s, actor, &o.query, (size_t)top, country ? 3 : 0, min_events,
                                   &p, &err);
    dyad_store_close(s);
    if (rc < 0) {
        cli_error("%s", err.message);
        return CLI_USAGE;
    }
    cli_table t;
    cli_table_init(&t, stdout, o.format, columns, "snsnnnnnnn");
    add_rows(&t, "volume", p->by_volume, p->n_by_volume);
    add_rows(&t, "goldstein", p->by_goldstein, p->n_by_goldstein);
    cli_table_finish(&t);
    dyad_partners_free(p);
    return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}
