/*
 * plot_cmd.c -- `dyad plot`: the timelines of `dyad dyad` and `dyad shift`
 * drawn to an SVG file.
 *
 * The charts themselves come from those commands' `--format svg` (plot.c
 * draws them); this command only gives them the shape users look for,
 * `dyad plot dyad X Y -o FILE.svg`, so there is one chart code path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_cmds.h"

static const char plot_usage[] =
    "usage: dyad plot dyad X Y [options] -o FILE.svg\n"
    "       dyad plot shift X --between A B [options] -o FILE.svg\n"
    "\n"
    "Draws a timeline as a clean, labelled SVG file that opens in any browser:\n"
    "  dyad    events of X towards Y per period (bars) and the net cooperation\n"
    "          score (line)\n"
    "  shift   events of X with A or B per period (bars), the alignment index\n"
    "          (line) and the change points (dashed)\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   the SVG file to write (required)\n"
    "  every option of `dyad dyad` or `dyad shift` (--db, --by, --since,\n"
    "  --until, --both-ways, ...), except --format\n";

static int plot_run(int argc, char **argv);

const cli_command cli_plot_command = {"plot", plot_run, "draw a dyad or shift timeline as SVG",
                                      plot_usage};

int plot_run(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        cli_usage(argc < 2 ? stderr : stdout, &cli_plot_command);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    const cli_command *chart = !strcmp(argv[1], "dyad")    ? &cli_dyad_command
                               : !strcmp(argv[1], "shift") ? &cli_shift_command
                                                           : NULL;
    if (!chart) {
        cli_error("plot: what to draw: 'dyad' or 'shift', not '%s'", argv[1]);
        return CLI_USAGE;
    }
    /* The chart command's own argv: its options, minus -o, plus svg. */
    char **args = calloc((size_t)argc + 3, sizeof *args);
    if (!args) return CLI_USAGE;
    const char *output = NULL;
    int n = 0, bad = 0;
    args[n++] = argv[1];
    for (int i = 2; i < argc; i++) {
        if (cli_opt_value(argc, argv, &i, "--output", &output, &bad) ||
            cli_opt_value(argc, argv, &i, "-o", &output, &bad))
            continue;
        if (!strncmp(argv[i], "--format", 8)) {
            cli_error("plot: the format is SVG; --format is not an option here");
            bad = 1;
        }
        args[n++] = argv[i];
    }
    args[n++] = "--format";
    args[n++] = "svg";
    if (!bad && !output) cli_error("plot: the SVG file to write is needed: -o FILE.svg");
    int status = CLI_USAGE;
    if (!bad && output) {
        fflush(stdout);
        if (!freopen(output, "w", stdout)) {
            cli_error("plot: cannot write %s", output);
        } else {
            status = chart->run(n, args);
            if (fclose(stdout) != 0 && status == CLI_OK) {
                cli_error("plot: error writing %s", output);
                status = CLI_USAGE;
            }
            if (status != CLI_OK) unlink(output); /* no half-drawn chart */
        }
    }
    free(args);
    return status;
}
