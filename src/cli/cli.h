/*
 * cli.h -- what the subcommands share. The CLI is a client of the library:
 * it includes only dyad.h and this header.
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "dyad.h"

/* Exit statuses of every subcommand. */
enum {
    CLI_OK = 0,       /* all good */
    CLI_REJECTED = 1, /* finished, but some records were rejected / failed */
    CLI_USAGE = 2     /* bad arguments or a fatal error */
};

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;   /* full --help text */
} cli_command;

int cli_code(int argc, char **argv);
int cli_validate(int argc, char **argv);

extern const cli_command cli_code_command;
extern const cli_command cli_validate_command;

/* "dyad: message" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* dyad_warn_fn that prints "dyad: FILE:LINE: message" and counts. */
typedef struct cli_warnings {
    long count;
    int quiet;
} cli_warnings;
void cli_warn(void *user, const char *file, long line, const char *message);

/* Option parsing: returns 1 and sets *value when argv[*i] is --name VALUE or
 * --name=VALUE (advancing *i), 0 otherwise; a missing VALUE is reported and
 * sets *bad. */
int cli_opt_value(int argc, char **argv, int *i, const char *name,
                  const char **value, int *bad);

/* Prints a command's usage to `out`. */
void cli_usage(FILE *out, const cli_command *cmd);

/* Codes one article, dated `default_date` when it has none. On failure
 * (no date at all, or the coder's error) reports it on stderr with the
 * article's file and line and returns -1; else 0 and *out as
 * dyad_coder_code gives it. */
int cli_code_article(dyad_coder *coder, const dyad_article *article, int32_t default_date,
                     const dyad_result **out);

/* Reads every article of `path` and hands each to `each` (which returns
 * nonzero to stop). A rejected record is reported on stderr and counted in
 * *rejected; reading goes on unless the stream itself failed. Returns -1
 * when the file cannot be opened (reported), else 0. */
typedef int (*cli_article_fn)(void *user, const dyad_article *article);
int cli_read_articles(const char *path, dyad_input_format format, cli_article_fn each,
                      void *user, long *rejected);

/* The parser a coder reads sentences with (dyad_coder_set_parser). */
typedef struct cli_parsing {
    dyad_parse_model *model;
    dyad_parser *parser;
} cli_parsing;

/* Unless shallow or the coder follows a peer's rules, loads the model
 * (NULL: the default one) and sets its parser on coder. A missing default model leaves the coder shallow with a
 * note on stderr (unless quiet); a model that was named and cannot load is
 * reported and returns -1. Free with cli_parse_free after the coder. */
int cli_parse_attach(cli_parsing *p, dyad_coder *coder, const char *model_path, int shallow,
                     int quiet);
void cli_parse_free(cli_parsing *p);

/* Loads dictionaries, reporting malformed lines through cli_warn. */
dyad_dicts *cli_load_dicts(const char *path, cli_warnings *w);

#endif
