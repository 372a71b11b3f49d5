/*
 * stats.c -- `dyad stats`: what a store holds.
 */
#include <string.h>

#include "store_cmds.h"

static const char stats_usage[] =
    "usage: dyad stats [options]\n"
    "\n"
    "Counts articles, sentences and events (mentions and deduplicated), the\n"
    "events' date range, the dictionary version and the most frequent codes.\n"
    "With --since/--until, articles and sentences are those dated in the\n"
    "range; filters apply to the events.\n"
    "\n"
    "options:\n" STORE_COMMON_USAGE STORE_FILTER_USAGE
    "  --format FORMAT   table (default), csv (one name,value per line),\n"
    "                    json (one object)\n"
    "  -h, --help        this text\n";

static int cli_stats(int argc, char **argv);
const cli_command cli_stats_command = {"stats", cli_stats, "what the event store holds",
                                       stats_usage};

static void date_text(int32_t d, char *buf, size_t size)
{
    if (d) snprintf(buf, size, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
    else buf[0] = 0;
}

static void print_json(const dyad_store_stats *st, const char *first, const char *last,
                       const char *dicts)
{
    printf("{\"articles\":%ld,\"sentences\":%ld,\"events\":%ld,\"unique_events\":%ld,"
           "\"first_date\":", st->articles, st->sentences, st->events, st->unique_events);
    cli_json_string(stdout, *first ? first : NULL);
    fputs(",\"last_date\":", stdout);
    cli_json_string(stdout, *last ? last : NULL);
    fputs(",\"dict_version\":", stdout);
    cli_json_string(stdout, dicts);
    fputs(",\"top_codes\":[", stdout);
    for (size_t i = 0; i < st->n_top_codes; i++) {
        fputs(i ? ",{\"code\":" : "{\"code\":", stdout);
        cli_json_string(stdout, st->top_codes[i].code);
        printf(",\"events\":%ld}", st->top_codes[i].count);
    }
    fputs("]}\n", stdout);
}

/* Table and CSV: name, value rows, then the top codes as rows too. */
static void print_rows(store_format format, const dyad_store_stats *st, const char *first,
                       const char *last, const char *dicts)
{
    static const char *const names[] = {"name", "value"};
    cli_table t;
    cli_table_init(&t, stdout, format, names, "ss");
    const struct { const char *name; long value; } counts[] = {
        {"articles", st->articles}, {"sentences", st->sentences},
        {"events", st->events},     {"unique_events", st->unique_events},
    };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        cli_table_cell(&t, "%s", counts[i].name);
        cli_table_cell(&t, "%ld", counts[i].value);
    }
    cli_table_cell(&t, "first_date");
    cli_table_cell(&t, "%s", first);
    cli_table_cell(&t, "last_date");
    cli_table_cell(&t, "%s", last);
    cli_table_cell(&t, "dict_version");
    cli_table_cell(&t, "%s", dicts ? dicts : "");
    for (size_t i = 0; i < st->n_top_codes; i++) {
        const dyad_cameo_code *c = dyad_cameo_get(st->top_codes[i].code);
        cli_table_cell(&t, "code %s", st->top_codes[i].code);
        cli_table_cell(&t, "%ld%s%s", st->top_codes[i].count, c ? "  " : "", c ? c->name : "");
    }
    cli_table_finish(&t);
}

static int cli_stats(int argc, char **argv)
{
    store_opts o = {0};
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, &cli_stats_command);
            return CLI_OK;
        }
        if (store_opt(&o, argc, argv, &i, &bad)) continue;
        cli_error("stats: unknown argument '%s' (see dyad stats --help)", argv[i]);
        return CLI_USAGE;
    }
    if (bad || store_opts_finish(&o, "stats") != CLI_OK) return CLI_USAGE;
    dyad_store *s = store_opts_open(&o, DYAD_STORE_READ);
    if (!s) return CLI_USAGE;
    dyad_store_stats st;
    dyad_error err = {0};
    int rc = dyad_store_stats_get(s, &o.query, &st, &err);
    if (rc < 0) {
        cli_error("%s", err.message);
        dyad_store_close(s);
        return CLI_USAGE;
    }
    char first[16], last[16];
    date_text(st.first_date, first, sizeof first);
    date_text(st.last_date, last, sizeof last);
    const char *dicts = dyad_store_dict_version(s);
    if (o.format == STORE_JSON) print_json(&st, first, last, dicts);
    else print_rows(o.format, &st, first, last, dicts);
    dyad_store_close(s);
    return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}
