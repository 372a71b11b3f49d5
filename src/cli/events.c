/*
 * events.c -- `dyad events` (stored events for reading) and `dyad export`
 * (the same stream in an interchange format: GDELT rows, CSV, JSON Lines).
 *
 * Both stream from the store's event callback; only the aligned table
 * holds rows, and only for as long as it takes to measure the columns.
 */
#include <stdlib.h>
#include <string.h>

#include "store_cmds.h"

static const char events_usage[] =
    "usage: dyad events [options]\n"
    "\n"
    "Lists stored events in date order. Events are deduplicated as in GDELT:\n"
    "the same date, source, target and code from several articles is one\n"
    "event, with its number of mentions, articles and news sources.\n"
    "\n"
    "options:\n" STORE_COMMON_USAGE STORE_FILTER_USAGE
    "  --limit N         at most N events (table: 1000 unless given)\n"
    "  --format FORMAT   table (default), csv, json\n"
    "  -h, --help        this text\n";

static const char export_usage[] =
    "usage: dyad export [options]\n"
    "\n"
    "Writes stored events for other tools.\n"
    "\n"
    "options:\n" STORE_COMMON_USAGE STORE_FILTER_USAGE
    "  --limit N         at most N events\n"
    "  --format FORMAT   jsonl (default: dyad's JSON Lines, as dyad code\n"
    "                    writes them), gdelt (GDELT 2.0 event table), csv\n"
    "  -h, --help        this text\n";

static int cli_events(int argc, char **argv);
static int cli_export(int argc, char **argv);

const cli_command cli_events_command = {"events", cli_events, "list stored events",
                                        events_usage};
const cli_command cli_export_command = {"export", cli_export,
                                        "export stored events (GDELT, CSV, JSON Lines)",
                                        export_usage};

typedef struct events_run {
    cli_table table;
    int export_format; /* -1: the table; else a dyad_output_format */
    long count;
} events_run;

static void put_date_cell(cli_table *t, int32_t d)
{
    cli_table_cell(t, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

static int events_row(void *user, const dyad_stored_event *se)
{
    events_run *run = user;
    const dyad_event *e = &se->event;
    cli_table *t = &run->table;
    run->count++;
    if (run->export_format >= 0) {
        dyad_write_event(stdout, (dyad_output_format)run->export_format, e);
        return 0;
    }
    put_date_cell(t, e->date);
    cli_table_cell(t, "%s", e->source);
    cli_table_cell(t, "%s", e->target);
    cli_table_cell(t, "%s", e->code);
    cli_table_cell(t, "%d", e->quad_class);
    if (e->has_goldstein) cli_table_cell(t, "%.1f", e->goldstein);
    else cli_table_cell(t, "%s", "");
    cli_table_cell(t, "%ld", se->num_mentions);
    cli_table_cell(t, "%ld", se->num_articles);
    cli_table_cell(t, "%ld", se->num_sources);
    cli_table_cell(t, "%s", e->article_id ? e->article_id : "");
    cli_table_cell(t, "%d", e->sentence_index);
    cli_table_cell(t, "%.*s", e->sentence ? (int)e->sentence_len : 0,
                   e->sentence ? e->sentence : "");
    return 0;
}

static const char *const event_columns[] = {
    "date", "source", "target", "code", "quad_class", "goldstein", "num_mentions",
    "num_articles", "num_sources", "article_id", "sentence_id", "text"};
static const char event_kinds[] = "ssssnnnnnsns";

/* Parses the shared options plus --limit (and --format for export). */
static int parse_events_args(int argc, char **argv, const cli_command *cmd, store_opts *o,
                             const char **export_format)
{
    int bad = 0;
    const char *limit = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, cmd);
            return -1;
        }
        if (export_format && cli_opt_value(argc, argv, &i, "--format", export_format, &bad))
            continue;
        if (cli_opt_value(argc, argv, &i, "--limit", &limit, &bad) || store_opt(o, argc, argv, &i, &bad))
            continue;
        cli_error("%s: unknown argument '%s' (see dyad %s --help)", cmd->name, argv[i], cmd->name);
        return CLI_USAGE;
    }
    if (bad) return CLI_USAGE;
    if (limit) {
        char *end;
        long n = strtol(limit, &end, 10);
        if (*end || n <= 0) {
            cli_error("%s: --limit '%s' is not a positive number", cmd->name, limit);
            return CLI_USAGE;
        }
        o->query.limit = (size_t)n;
    }
    return store_opts_finish(o, cmd->name);
}

static int run_events(const store_opts *o, events_run *run)
{
    dyad_store *s = store_opts_open(o, DYAD_STORE_READ);
    if (!s) return CLI_USAGE;
    dyad_error err = {0};
    int rc = dyad_store_events(s, &o->query, events_row, run, &err);
    if (run->export_format < 0) cli_table_finish(&run->table);
    dyad_store_close(s);
    if (rc < 0) {
        cli_error("%s", err.message);
        return CLI_USAGE;
    }
    return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}

/* The aligned table holds its rows to measure them: without --limit it
 * shows this many and says so, rather than grow with the store. */
enum { TABLE_DEFAULT_LIMIT = 1000 };

static int cli_events(int argc, char **argv)
{
    store_opts o = {0};
    int rc = parse_events_args(argc, argv, &cli_events_command, &o, NULL);
    if (rc) return rc < 0 ? CLI_OK : rc;
    int capped = o.format == STORE_TABLE && !o.query.limit;
    if (capped) o.query.limit = TABLE_DEFAULT_LIMIT;
    events_run run = {.export_format = -1};
    cli_table_init(&run.table, stdout, o.format, event_columns, event_kinds);
    rc = run_events(&o, &run);
    if (rc == CLI_OK && capped && run.count == TABLE_DEFAULT_LIMIT)
        cli_error("events: showing the first %d events (--limit N, or --format csv for all)",
                  TABLE_DEFAULT_LIMIT);
    return rc;
}

static int cli_export(int argc, char **argv)
{
    store_opts o = {0};
    const char *format = "jsonl";
    int rc = parse_events_args(argc, argv, &cli_export_command, &o, &format);
    if (rc) return rc < 0 ? CLI_OK : rc;
    events_run run = {.export_format = -1};
    if (!strcmp(format, "jsonl") || !strcmp(format, "json")) run.export_format = DYAD_OUTPUT_JSON;
    else if (!strcmp(format, "gdelt")) run.export_format = DYAD_OUTPUT_GDELT;
    else if (!strcmp(format, "csv")) cli_table_init(&run.table, stdout, STORE_CSV, event_columns, event_kinds);
    else {
        cli_error("export: unknown format '%s' (gdelt, csv, jsonl)", format);
        return CLI_USAGE;
    }
    return run_events(&o, &run);
}
