/*
 * dict.c -- `dyad dict check` lints dictionaries, `dyad dict convert`
 * writes them in dyad's or PETRARCH-2's format. Both are thin: the work is
 * the library's (dyad_dict_check, dyad_dict_convert); this file parses
 * options and prints what comes back.
 */
#include <string.h>

#include "dict_cmds.h"

static const char dict_usage[] =
    "usage: dyad dict check [--dicts PATH | FILE...]\n"
    "       dyad dict convert --to dyad|petrarch2 [--dicts PATH] -o OUTDIR [-q]\n"
    "\n"
    "Tools for dictionary maintainers. Dictionaries are read as dyad code reads\n"
    "them: a TABARI .project, a PETRARCH PETR_config.ini or validation XML, a\n"
    "dyad folder, or single dictionary files; default: dyad's own (data/).\n"
    "\n"
    "check: prints one line FILE:LINE: message per finding, sorted: malformed\n"
    "  lines, event codes not in the CAMEO table (dyad codes), actor and agent\n"
    "  codes not made of known parts (dyad codes --actors), a phrase in two\n"
    "  actor or agent groups or two verb blocks with different codes, date\n"
    "  windows of one actor that overlap with different codes or come after an\n"
    "  undated block, and patterns that can never win (the same as, or\n"
    "  shadowed by, an earlier pattern of the same verb block). FILEs are\n"
    "  checked together as one set. Exit status: 0 clean, 1 findings, 2 usage\n"
    "  or unreadable dictionaries.\n"
    "\n"
    "convert: writes the set into OUTDIR (created if missing; files replaced):\n"
    "  --to dyad       dyad.actors.txt, dyad.agents.txt, dyad.verbs.txt,\n"
    "                  dyad.discards.txt (data/README.md describes them); from\n"
    "                  a PETRARCH-1 set, the verbs file asks for its rules\n"
    "                  (# rules: PETRARCH-1)\n"
    "  --to petrarch2  PETR.actors.txt, PETR.agents.txt, PETR.verbs.txt,\n"
    "                  PETR.discards.txt and a PETR_config.ini naming them\n"
    "  Whatever the target cannot express (TABARI stems and endings, words\n"
    "  allowed between a phrase's words, time shifts, options) is reported on\n"
    "  stderr as FILE:LINE: of the source; -q prints only the count. Exit\n"
    "  status: 0 written, 2 usage or error.\n";

const cli_command cli_dict_command = {"dict", cli_dict, "check or convert dictionaries",
                                      dict_usage};

/* A finding on stdout: it is what `dict check` produces. */
static void print_finding(void *user, const char *file, long line, const char *message)
{
    (void)user;
    if (file && line > 0) printf("%s:%ld: %s\n", file, line, message);
    else if (file) printf("%s: %s\n", file, message);
    else printf("%s\n", message);
}

static int is_help(const char *arg) { return !strcmp(arg, "-h") || !strcmp(arg, "--help"); }

static int dict_check(int argc, char **argv)
{
    const char *dicts = NULL;
    const char **files = (const char **)argv + 1;
    size_t n_files = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_opt_value(argc, argv, &i, "--dicts", &dicts, &bad)) continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("dict check: unknown option '%s' (see dyad dict --help)", argv[i]);
            return CLI_USAGE;
        }
        files[n_files++] = argv[i]; /* argv is ours to reorder */
    }
    if (bad) return CLI_USAGE;
    if (dicts && n_files) {
        cli_error("dict check: give --dicts PATH or FILEs, not both");
        return CLI_USAGE;
    }
    if (dicts) {
        files = &dicts;
        n_files = 1;
    }
    dyad_error err = {0};
    long n = dyad_dict_check(files, n_files, print_finding, NULL, &err);
    if (fflush(stdout) != 0) return CLI_USAGE;
    if (n < 0) {
        cli_error("%s", err.message[0] ? err.message : dyad_strerror((int)n));
        return CLI_USAGE;
    }
    fprintf(stderr, "dict check: %ld finding%s\n", n, n == 1 ? "" : "s");
    return n ? CLI_REJECTED : CLI_OK;
}

static int dict_convert(int argc, char **argv)
{
    const char *dicts = NULL, *to = NULL, *out = NULL;
    int bad = 0;
    cli_warnings w = {0, 0};
    for (int i = 1; i < argc; i++) {
        if (cli_opt_value(argc, argv, &i, "--dicts", &dicts, &bad) ||
            cli_opt_value(argc, argv, &i, "--to", &to, &bad) ||
            cli_opt_value(argc, argv, &i, "-o", &out, &bad))
            continue;
        if (!strcmp(argv[i], "-q")) {
            w.quiet = 1;
            continue;
        }
        cli_error("dict convert: unexpected argument '%s' (see dyad dict --help)", argv[i]);
        return CLI_USAGE;
    }
    if (bad) return CLI_USAGE;
    dyad_dict_format format;
    if (!to || !out) {
        cli_error("dict convert: --to and -o are required (see dyad dict --help)");
        return CLI_USAGE;
    }
    if (!strcmp(to, "dyad")) format = DYAD_DICT_DYAD;
    else if (!strcmp(to, "petrarch2")) format = DYAD_DICT_PETRARCH2;
    else {
        cli_error("dict convert: unknown format '%s' (dyad or petrarch2)", to);
        return CLI_USAGE;
    }
    dyad_error err = {0};
    long n = dyad_dict_convert(dicts, format, out, cli_warn, &w, &err);
    if (n < 0) {
        cli_error("%s", err.message[0] ? err.message : dyad_strerror((int)n));
        return CLI_USAGE;
    }
    fprintf(stderr, "dict convert: wrote %s format to %s; %ld message%s (entries not expressible "
            "or malformed)\n", to, out, n, n == 1 ? "" : "s");
    return CLI_OK;
}

int cli_dict(int argc, char **argv)
{
    if (argc < 2 || is_help(argv[1])) {
        cli_usage(argc < 2 ? stderr : stdout, &cli_dict_command);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    for (int i = 2; i < argc; i++)
        if (is_help(argv[i])) {
            cli_usage(stdout, &cli_dict_command);
            return CLI_OK;
        }
    if (!strcmp(argv[1], "check")) return dict_check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "convert")) return dict_convert(argc - 1, argv + 1);
    cli_error("dict: unknown subcommand '%s' (check or convert)", argv[1]);
    return CLI_USAGE;
}
