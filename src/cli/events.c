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
    "  --format FORMAT   jsonl (default: dyad's JSON Lines as dyad code writes\n"
    "                    them, plus news_source, title, url and the mention\n"
    "                    counts; dyad ingest --events reads them), gdelt (GDELT 2.0 event table, with\n"
    "                    NumMentions, NumSources, NumArticles), csv\n"
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
    FILE *row;         /* export rows are rewritten through this */
    char *row_text;
    size_t row_size;
    int failed;        /* out of memory: the export stopped */
} events_run;

static void put_date_cell(cli_table *t, int32_t d)
{
    cli_table_cell(t, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

/* Writes the library's row for one event into run->row_text; 0 when out
 * of memory (which stops the export). */
static int row_to_memory(events_run *run, const dyad_stored_event *se, dyad_output_format fmt)
{
    if (!run->row) run->row = open_memstream(&run->row_text, &run->row_size);
    if (!run->row) return 0;
    rewind(run->row);
    dyad_write_event(run->row, fmt, &se->event);
    return fflush(run->row) == 0;
}

/* GDELT's NumMentions, NumSources, NumArticles (0-based columns 31-33):
 * the library's writer knows one event, not how often the store saw it,
 * so its row is written to memory and those three fields replaced. */
enum { GDELT_NUM_MENTIONS = 31, GDELT_NUM_ARTICLES = 33 };

static int write_gdelt_counted(events_run *run, const dyad_stored_event *se)
{
    if (!row_to_memory(run, se, DYAD_OUTPUT_GDELT)) return 1;
    const long counts[3] = {se->num_mentions, se->num_sources, se->num_articles};
    const char *p = run->row_text, *end = run->row_text + ftell(run->row);
    for (int col = 0; p < end; col++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        size_t len = tab ? (size_t)(tab - p) : (size_t)(end - p);
        if (col >= GDELT_NUM_MENTIONS && col <= GDELT_NUM_ARTICLES)
            printf("%ld", counts[col - GDELT_NUM_MENTIONS]);
        else
            fwrite(p, 1, len, stdout);
        if (tab) putchar('\t');
        p += len + (tab != NULL);
    }
    return 0;
}

/* The library's JSON event, written to memory, with what the store adds
 * appended before its closing brace: the article's news source, title and
 * url (so `dyad ingest --events` can read an export back without losing
 * them) and the mention counts. */
static int write_json_extended(events_run *run, const dyad_stored_event *se)
{
    if (!row_to_memory(run, se, DYAD_OUTPUT_JSON)) return 1;
    size_t len = (size_t)ftell(run->row);
    while (len && run->row_text[len - 1] != '}') len--;
    if (!len) return 0;
    fwrite(run->row_text, 1, len - 1, stdout);
    fputs(",\"news_source\":", stdout);
    cli_json_string(stdout, se->news_source);
    fputs(",\"title\":", stdout);
    cli_json_string(stdout, se->title);
    fputs(",\"url\":", stdout);
    cli_json_string(stdout, se->event.url);
    printf(",\"num_mentions\":%ld,\"num_sources\":%ld,\"num_articles\":%ld}\n",
           se->num_mentions, se->num_sources, se->num_articles);
    return 0;
}

static int events_row(void *user, const dyad_stored_event *se)
{
    events_run *run = user;
    const dyad_event *e = &se->event;
    cli_table *t = &run->table;
    run->count++;
    if (run->export_format == DYAD_OUTPUT_GDELT) return run->failed = write_gdelt_counted(run, se);
    if (run->export_format == DYAD_OUTPUT_JSON) return run->failed = write_json_extended(run, se);
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
    if (run->row) fclose(run->row);
    free(run->row_text);
    dyad_store_close(s);
    if (rc == 0 && run->failed) {
        cli_error("export: out of memory");
        return CLI_USAGE;
    }
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
