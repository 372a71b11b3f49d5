/*
 * validate.c -- `dyad validate`: run a peer's validation suite unchanged.
 *
 * A TABARI .project names its dictionaries and its validation text; a
 * PETRARCH unit-test XML names its dictionaries in <Environment>. Every
 * record is coded from its raw text as one sentence and compared with what
 * the record expects. Events are compared as multisets of
 * (source, target, code): TABARI's checker compares the same three fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char validate_usage[] =
    "usage: dyad validate [options] FILE\n"
    "\n"
    "Runs a validation suite: FILE is a TABARI .project (its <textfile> holds\n"
    "the records) or a PETRARCH unit-test XML (its <Environment> names the\n"
    "dictionaries, looked up beside it). Prints each mismatch with the\n"
    "expected and produced events, then one line\n"
    "  validate: N passed, N failed, N skipped\n"
    "\n"
    "options:\n"
    "  --dicts PATH        other dictionaries than the ones FILE names\n"
    "  --all               TABARI: go on past FINAL-01, the end of the\n"
    "                      standard suite, into the records written to break\n"
    "                      coders\n"
    "  --expect-passed N   exit 1 unless at least N records passed\n"
    "  --model PATH        parser model (default: dyad's own, when present)\n"
    "  --shallow           code without the parse: roles from word order alone\n"
    "  -v, --verbose       print passing records too\n"
    "  -q, --quiet         print only the summary line\n"
    "  -h, --help          this text\n"
    "\n"
    "Exit status: 0 when no record failed (or at least N passed with\n"
    "--expect-passed), 1 otherwise, 2 usage or fatal error.\n";

const cli_command cli_validate_command = {"validate", cli_validate,
                                          "run a TABARI or PETRARCH validation suite",
                                          validate_usage};

typedef struct validate_run {
    dyad_coder *coder;
    int verbose, quiet;
    long passed, failed, skipped;
} validate_run;

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* The validation text a TABARI project names: "<textfile> NAME", resolved
 * beside the project. Caller frees. */
static char *tabari_text_file(const char *project)
{
    FILE *f = fopen(project, "r");
    if (!f) return NULL;
    char line[4096], *found = NULL;
    while (!found && fgets(line, sizeof line, f)) {
        char *p = strstr(line, "<textfile>");
        if (!p) continue;
        p += strlen("<textfile>");
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t\r\n");
        if (!n) continue;
        const char *slash = strrchr(project, '/');
        size_t dir = slash ? (size_t)(slash - project) + 1 : 0;
        found = malloc(dir + n + 1);
        if (!found) break;
        memcpy(found, project, dir);
        memcpy(found + dir, p, n);
        found[dir + n] = '\0';
    }
    fclose(f);
    return found;
}

static int same_event(const dyad_expected_event *x, const dyad_event *e)
{
    return !strcmp(x->source ? x->source : "", e->source ? e->source : "") &&
           !strcmp(x->target ? x->target : "", e->target ? e->target : "") &&
           !strcmp(x->code ? x->code : "", e->code ? e->code : "");
}

/* Multiset equality of expected and produced events. */
static int events_match(const dyad_article *a, const dyad_result *res)
{
    if (a->n_expected != res->n_events) return 0;
    enum { MAX_CHECKED = 256 };
    unsigned char used[MAX_CHECKED] = {0};
    if (res->n_events > MAX_CHECKED) return 0;
    for (size_t i = 0; i < a->n_expected; i++) {
        size_t j = 0;
        while (j < res->n_events && (used[j] || !same_event(&a->expected[i], &res->events[j]))) j++;
        if (j == res->n_events) return 0;
        used[j] = 1;
    }
    return 1;
}

static int record_passes(const dyad_article *a, const dyad_result *res)
{
    switch (a->expect) {
    case DYAD_EXPECT_EVENTS: return !res->flags && events_match(a, res);
    case DYAD_EXPECT_NOEVENTS:
    case DYAD_EXPECT_ERROR: return res->n_events == 0;
    case DYAD_EXPECT_COMPLEX: return (res->flags & DYAD_RESULT_COMPLEX) != 0;
    case DYAD_EXPECT_DISCARD: return (res->flags & DYAD_RESULT_DISCARD) != 0;
    default: return 1;
    }
}

static const char *expect_name(dyad_expect_kind k)
{
    switch (k) {
    case DYAD_EXPECT_NOEVENTS: return "no events";
    case DYAD_EXPECT_COMPLEX: return "complex";
    case DYAD_EXPECT_DISCARD: return "discard";
    case DYAD_EXPECT_ERROR: return "error (no events)";
    default: return "";
    }
}

static void print_record(const dyad_article *a, const dyad_result *res, int passed)
{
    printf("%s %s (%s:%ld)\n", passed ? "PASS" : "FAIL", a->id, a->file, a->line);
    if (passed) return;
    printf("  text:     %s\n", a->text);
    if (a->expect == DYAD_EXPECT_EVENTS) {
        printf("  expected:");
        for (size_t i = 0; i < a->n_expected; i++)
            printf(" {%s %s %s}", a->expected[i].source, a->expected[i].target, a->expected[i].code);
        printf("\n");
    } else {
        printf("  expected: %s\n", expect_name(a->expect));
    }
    printf("  produced:");
    for (size_t i = 0; i < res->n_events; i++)
        printf(" {%s %s %s}", res->events[i].source, res->events[i].target, res->events[i].code);
    if (res->flags & DYAD_RESULT_COMPLEX) printf(" [complex]");
    if (res->flags & DYAD_RESULT_DISCARD) printf(" [discard]");
    if (res->why) printf(" (%s)", res->why);
    printf("\n");
}

static void apply_options(validate_run *run, const dyad_article *a)
{
    for (size_t i = 0; i < a->n_options; i++) {
        dyad_error err = {0};
        if (dyad_coder_set_option(run->coder, a->options[i], &err) < 0 && !run->quiet)
            printf("note: %s:%ld: option '%s' not applied: %s\n", a->file, a->line,
                   a->options[i], err.message);
    }
}

static void validate_record(validate_run *run, const dyad_article *a)
{
    apply_options(run, a);
    if (a->expect == DYAD_EXPECT_NONE) return;  /* option or comment record */
    if (a->expect == DYAD_EXPECT_SKIP) {
        run->skipped++;
        return;
    }
    const dyad_result *res;
    dyad_error err = {0};
    int passed;
    static const dyad_result empty = {0};
    if (dyad_coder_code(run->coder, a, &res, &err) < 0) {
        if (!run->quiet) printf("note: %s:%ld: %s: %s\n", a->file, a->line, a->id, err.message);
        res = &empty;
    }
    passed = record_passes(a, res);
    if (passed) run->passed++;
    else run->failed++;
    if (!run->quiet && (run->verbose || !passed)) print_record(a, res, passed);
}

int cli_validate(int argc, char **argv)
{
    const char *dicts_path = NULL, *file = NULL, *expect = NULL;
    int all = 0, bad = 0;
    validate_run run = {0};
    cli_warnings warnings = {0, 0};
    const char *model = NULL;
    int shallow = 0;
    cli_parsing parse = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli_usage(stdout, &cli_validate_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--dicts", &dicts_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--expect-passed", &expect, &bad) ||
            cli_opt_value(argc, argv, &i, "--model", &model, &bad))
            continue;
        if (!strcmp(a, "--all")) all = 1;
        else if (!strcmp(a, "--shallow")) shallow = 1;
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) run.verbose = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) run.quiet = warnings.quiet = 1;
        else if (a[0] == '-' && a[1]) {
            cli_error("validate: unknown option '%s' (see dyad validate --help)", a);
            return CLI_USAGE;
        } else if (!file) file = a;
        else {
            cli_error("validate: one suite at a time");
            return CLI_USAGE;
        }
    }
    if (bad) return CLI_USAGE;
    if (!file) {
        cli_usage(stderr, &cli_validate_command);
        return CLI_USAGE;
    }

    int is_tabari = has_suffix(file, ".project");
    char *records = is_tabari ? tabari_text_file(file) : NULL;
    if (is_tabari && !records) {
        cli_error("validate: %s names no <textfile>", file);
        return CLI_USAGE;
    }
    int status = CLI_USAGE;
    dyad_error err = {0};
    dyad_reader *reader = NULL;
    dyad_dicts *dicts = cli_load_dicts(dicts_path ? dicts_path : file, &warnings);
    if (!dicts) goto done;
    if (!(run.coder = dyad_coder_new(dicts, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    dyad_coder_set_segmenting(run.coder, 0);
    if (cli_parse_attach(&parse, run.coder, model, shallow, run.quiet)) goto done;
    reader = dyad_reader_open(is_tabari ? records : file,
                              is_tabari ? DYAD_INPUT_TABARI : DYAD_INPUT_PETRARCH, &err);
    if (!reader) {
        cli_error("%s", err.message);
        goto done;
    }
    long rejected = 0;
    for (;;) {
        const dyad_article *a;
        int rc = dyad_reader_next(reader, &a, &err);
        if (rc == 0) break;
        if (rc < 0) {
            printf("note: rejected: %s\n", err.message);
            rejected++;
            if (rc == DYAD_EIO) break;
            continue;
        }
        validate_record(&run, a);
        if (is_tabari && !all && !strcmp(a->id, "FINAL-01")) break;
    }
    if (rejected) printf("note: %ld records rejected by the reader\n", rejected);
    printf("validate: %ld passed, %ld failed, %ld skipped\n", run.passed, run.failed, run.skipped);
    if (expect) status = run.passed >= atol(expect) ? CLI_OK : CLI_REJECTED;
    else status = run.failed ? CLI_REJECTED : CLI_OK;
done:
    dyad_reader_close(reader);
    dyad_coder_free(run.coder);
    cli_parse_free(&parse);
    dyad_dicts_free(dicts);
    free(records);
    return status;
}
