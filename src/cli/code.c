/*
 * code.c -- `dyad code`: read articles, code them, write events.
 *
 * Records are streamed: read one, code it, write its events, so memory does
 * not grow with the corpus. A rejected record is reported on stderr with its
 * file and line and the run goes on; the exit status says some were.
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

static const char code_usage[] =
    "usage: dyad code [options] [FILE...]\n"
    "\n"
    "Codes events from articles in FILEs (standard input when none or '-')\n"
    "and writes one event a line.\n"
    "\n"
    "options:\n"
    "  --dicts PATH      dictionaries: a TABARI .project, a PETRARCH\n"
    "                    PETR_config.ini, or a folder (default: dyad's own)\n"
    "  --input FORMAT    auto (default), jsonl, text, petrarch, tabari\n"
    "  --format FORMAT   json (default, JSON Lines), tsv, gdelt\n"
    "  --date YYYY-MM-DD date for articles that have none\n"
    "  --whole           code each article as one sentence (no splitting)\n"
    "  --model PATH      parser model (default: dyad's own, when present)\n"
    "  --shallow         code without the parse: roles from word order alone\n"
    "  -o, --output FILE write events to FILE instead of standard output\n"
    "  -q, --quiet       no warnings about dictionaries\n"
    "  --stats           print throughput and peak memory on stderr at the end\n"
    "  -h, --help        this text\n"
    "\n"
    "Input formats: JSON Lines {\"id\",\"date\",\"text\",...}; plain text whose\n"
    "first line is 'date YYYY-MM-DD'; PETRARCH XML; TABARI text records.\n"
    "\n"
    "Exit status: 0 all records coded, 1 some records were rejected (each is\n"
    "reported on stderr with its file and line), 2 usage or fatal error.\n";

const cli_command cli_code_command = {"code", cli_code, "code events from articles", code_usage};

typedef struct code_run {
    dyad_coder *coder;
    FILE *out;
    dyad_output_format format;
    int32_t default_date;
    long articles, rejected, events, sentences;
    double text_bytes;
} code_run;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Throughput counts the text coded, not the input's markup. */
static void print_stats(const code_run *run, double seconds, double load_seconds)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (seconds <= 0) seconds = 1e-9;
    fprintf(stderr,
            "stats: dictionaries loaded in %.3f s\n"
            "stats: %ld articles, %ld sentences, %ld events, %ld rejected in %.3f s\n"
            "stats: %.0f articles/s, %.0f sentences/s, %.2f MB/s, peak RSS %.1f MB\n",
            load_seconds, run->articles, run->sentences, run->events, run->rejected, seconds,
            run->articles / seconds, run->sentences / seconds, run->text_bytes / 1e6 / seconds,
            ru.ru_maxrss / 1024.0);
}

static int parse_input_format(const char *s, dyad_input_format *out)
{
    static const struct { const char *name; dyad_input_format fmt; } names[] = {
        {"auto", DYAD_INPUT_AUTO},         {"jsonl", DYAD_INPUT_JSONL},
        {"text", DYAD_INPUT_TEXT},         {"petrarch", DYAD_INPUT_PETRARCH},
        {"tabari", DYAD_INPUT_TABARI},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(s, names[i].name)) {
            *out = names[i].fmt;
            return 1;
        }
    return 0;
}

static int parse_output_format(const char *s, dyad_output_format *out)
{
    if (!strcmp(s, "json") || !strcmp(s, "jsonl")) *out = DYAD_OUTPUT_JSON;
    else if (!strcmp(s, "tsv")) *out = DYAD_OUTPUT_TSV;
    else if (!strcmp(s, "gdelt")) *out = DYAD_OUTPUT_GDELT;
    else return 0;
    return 1;
}

static void code_one(code_run *run, const dyad_article *article)
{
    const dyad_result *res;
    if (cli_code_article(run->coder, article, run->default_date, &res) < 0) {
        run->rejected++;
        return;
    }
    run->articles++;
    run->text_bytes += (double)article->text_len;
    run->sentences += (long)res->n_sentences;
    for (size_t i = 0; i < res->n_events; i++) {
        dyad_write_event(run->out, run->format, &res->events[i]);
        run->events++;
    }
}

static int code_each(void *user, const dyad_article *article)
{
    code_one(user, article);
    return 0;
}

static int code_file(code_run *run, const char *path, dyad_input_format fmt)
{
    return cli_read_articles(path, fmt, code_each, run, &run->rejected);
}

int cli_code(int argc, char **argv)
{
    const char *dicts_path = NULL, *input = "auto", *format = "json", *date = NULL;
    const char *output = NULL, *model = NULL;
    int whole = 0, stats = 0, bad = 0, first_file = argc, shallow = 0;
    cli_parsing parse = {0};
    cli_warnings warnings = {0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli_usage(stdout, &cli_code_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--dicts", &dicts_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--input", &input, &bad) ||
            cli_opt_value(argc, argv, &i, "--format", &format, &bad) ||
            cli_opt_value(argc, argv, &i, "--date", &date, &bad) ||
            cli_opt_value(argc, argv, &i, "--output", &output, &bad) ||
            cli_opt_value(argc, argv, &i, "--model", &model, &bad) ||
            cli_opt_value(argc, argv, &i, "-o", &output, &bad))
            continue;
        if (!strcmp(a, "--whole")) whole = 1;
        else if (!strcmp(a, "--stats")) stats = 1;
        else if (!strcmp(a, "--shallow")) shallow = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) warnings.quiet = 1;
        else if (!strcmp(a, "--")) { first_file = i + 1; break; }
        else if (a[0] == '-' && a[1]) {
            cli_error("code: unknown option '%s' (see dyad code --help)", a);
            return CLI_USAGE;
        } else { first_file = i; break; }
    }
    if (bad) return CLI_USAGE;

    code_run run = {0};
    dyad_input_format in_fmt;
    if (!parse_input_format(input, &in_fmt)) {
        cli_error("code: unknown input format '%s'", input);
        return CLI_USAGE;
    }
    if (!parse_output_format(format, &run.format)) {
        cli_error("code: unknown output format '%s'", format);
        return CLI_USAGE;
    }
    if (date && !(run.default_date = dyad_date_parse(date, strlen(date)))) {
        cli_error("code: --date '%s' is not a date YYYY-MM-DD", date);
        return CLI_USAGE;
    }
    run.out = stdout;
    if (output && !(run.out = fopen(output, "w"))) {
        cli_error("code: cannot write %s", output);
        return CLI_USAGE;
    }

    int status = CLI_USAGE;
    dyad_error err = {0};
    double t0 = now_seconds();
    dyad_dicts *dicts = cli_load_dicts(dicts_path, &warnings);
    if (!dicts) goto done;
    run.coder = dyad_coder_new(dicts, &err);
    if (!run.coder) {
        cli_error("%s", err.message);
        goto done;
    }
    if (cli_parse_attach(&parse, run.coder, model, shallow, warnings.quiet)) goto done;
    double t1 = now_seconds();
    dyad_coder_set_segmenting(run.coder, !whole);
    dyad_write_header(run.out, run.format);
    status = CLI_OK;
    if (first_file >= argc) {
        if (code_file(&run, "-", in_fmt) < 0) status = CLI_USAGE;
    } else {
        for (int i = first_file; i < argc; i++)
            if (code_file(&run, argv[i], in_fmt) < 0) run.rejected++;
    }
    if (status == CLI_OK && run.rejected) status = CLI_REJECTED;
    if (stats) print_stats(&run, now_seconds() - t1, t1 - t0);
done:
    dyad_coder_free(run.coder);
    cli_parse_free(&parse);
    dyad_dicts_free(dicts);
    if (run.out && run.out != stdout && fclose(run.out) != 0) {
        cli_error("code: error writing %s", output);
        status = CLI_USAGE;
    }
    if (run.out == stdout && fflush(stdout) != 0) status = CLI_USAGE;
    return status;
}
