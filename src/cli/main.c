/*
 * main.c -- the `dyad` command: dispatch to one subcommand per file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "store_cmds.h"
#include "eval_cmds.h"
#include "parse_cmds.h"
#include "dict_cmds.h"

static const cli_command *const commands[] = {
    &cli_code_command,
    &cli_validate_command,
    &cli_codes_command,
    &cli_explain_command,
    &cli_ingest_command,
    &cli_events_command,
    &cli_dyad_command,
    &cli_partners_command,
    &cli_shift_command,
    &cli_stats_command,
    &cli_export_command,
    &cli_plot_command,
    &cli_recode_command,
    &cli_eval_command,
    &cli_parse_command,
    &cli_train_parser_command,
    &cli_dict_command,
};
enum { N_COMMANDS = sizeof commands / sizeof *commands };

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_warn(void *user, const char *file, long line, const char *message)
{
    cli_warnings *w = user;
    if (w) w->count++;
    if (w && w->quiet) return;
    if (file && line > 0) cli_error("%s:%ld: %s", file, line, message);
    else if (file) cli_error("%s: %s", file, message);
    else cli_error("%s", message);
}

int cli_opt_value(int argc, char **argv, int *i, const char *name,
                  const char **value, int *bad)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0) return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0') return 0;
    if (*i + 1 >= argc) {
        cli_error("option %s needs a value", name);
        *bad = 1;
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

void cli_usage(FILE *out, const cli_command *cmd) { fputs(cmd->usage, out); }

dyad_dicts *cli_load_dicts(const char *path, cli_warnings *w)
{
    dyad_error err = {0};
    dyad_dicts *d = dyad_dicts_load(path, cli_warn, w, &err);
    if (!d) cli_error("%s", err.message[0] ? err.message : dyad_strerror(err.code));
    return d;
}

int cli_parse_attach(cli_parsing *p, dyad_coder *coder, const char *model_path, int shallow,
                     int quiet)
{
    memset(p, 0, sizeof *p);
    if (shallow || !dyad_coder_wants_parser(coder)) return 0;
    dyad_error err = {0};
    if (!(p->model = dyad_parse_model_load(model_path, &err))) {
        if (model_path) {
            cli_error("%s", err.message);
            return -1;
        }
        if (!quiet) cli_error("note: %s; coding without the parse (--shallow)", err.message);
        return 0;
    }
    if (!(p->parser = dyad_parser_new(p->model, &err))) {
        cli_error("%s", err.message);
        cli_parse_free(p);
        return -1;
    }
    dyad_coder_set_parser(coder, p->parser);
    return 0;
}

void cli_parse_free(cli_parsing *p)
{
    dyad_parser_free(p->parser);
    dyad_parse_model_free(p->model);
    memset(p, 0, sizeof *p);
}

int cli_code_article(dyad_coder *coder, const dyad_article *article, int32_t default_date,
                     const dyad_result **out)
{
    dyad_article dated = *article;
    if (!dated.date) dated.date = default_date;
    if (!dated.date) {
        cli_error("%s:%ld: article '%s' has no date (give one with --date YYYY-MM-DD)",
                  article->file, article->line, article->id);
        return -1;
    }
    dyad_error err = {0};
    if (dyad_coder_code(coder, &dated, out, &err) < 0) {
        cli_error("%s:%ld: %s", article->file, article->line, err.message);
        return -1;
    }
    return 0;
}

int cli_read_articles(const char *path, dyad_input_format format, cli_article_fn each,
                      void *user, long *rejected)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open(path, format, &err);
    if (!r) {
        cli_error("%s", err.message);
        return -1;
    }
    for (;;) {
        const dyad_article *a;
        int rc = dyad_reader_next(r, &a, &err);
        if (rc == 0) break;
        if (rc < 0) {
            cli_error("%s", err.message);
            (*rejected)++;
            if (rc == DYAD_EIO) break; /* the stream itself failed */
            continue;
        }
        if (each(user, a)) break;
    }
    dyad_reader_close(r);
    return 0;
}

static void usage(FILE *out)
{
    fputs("usage: dyad COMMAND [options] [args]\n\n"
          "dyad codes political events (who did what to whom, when) from news text.\n\n"
          "commands:\n", out);
    for (int i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\n  dyad COMMAND --help   the options of a command\n"
          "  dyad --version        the version\n", out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        if (argc > 2) {
            for (int i = 0; i < N_COMMANDS; i++)
                if (!strcmp(argv[2], commands[i]->name)) {
                    cli_usage(stdout, commands[i]);
                    return CLI_OK;
                }
        }
        usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return CLI_OK;
    }
    for (int i = 0; i < N_COMMANDS; i++)
        if (!strcmp(name, commands[i]->name)) return commands[i]->run(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see dyad --help)", name);
    return CLI_USAGE;
}
