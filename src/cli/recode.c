/*
 * recode.c -- `dyad recode`: code the stored articles again after a
 * dictionary change, from the text kept in the store, without the input
 * files.
 *
 * Each article goes back through dyad_store_put, the path ingest uses: an
 * article whose coding did not change writes nothing, one whose coding
 * changed has its sentences and events replaced. The store reads the
 * articles a page at a time and commits in bounded batches.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_cmds.h"

static const char recode_usage[] =
    "usage: dyad recode [options]\n"
    "\n"
    "Codes every article in the store again with the dictionaries given and\n"
    "replaces the events of the articles whose coding changed. The articles'\n"
    "text comes from the store; the input files are not needed.\n"
    "\n"
    "options:\n"
    "  --db PATH         the store (default ./" STORE_DEFAULT_DB ")\n"
    "  --dicts PATH      dictionaries, as for dyad code (default: dyad's own)\n"
    "  --dict-version S  the dictionary version to record (default: built from\n"
    "                    the dictionary path and its counts)\n"
    "  --batch N         articles per transaction (default 500)\n"
    "  -q, --quiet       no summary, no warnings\n"
    "  -h, --help        this text\n"
    "\n"
    "Exit status: 0 all recoded, 1 some articles could not be coded (they keep\n"
    "their old events), 2 usage or a fatal error (the batch in progress is\n"
    "rolled back).\n";

static int cli_recode(int argc, char **argv);
const cli_command cli_recode_command = {"recode", cli_recode,
                                        "code the stored articles again (new dictionaries)",
                                        recode_usage};

typedef struct recode_run {
    dyad_store *store;
    dyad_coder *coder;
    const char *db;
    long articles, events, rejected, by_outcome[3]; /* indexed by DYAD_PUT_* */
    int fatal;
} recode_run;

static int recode_each(void *user, const dyad_article *stored)
{
    recode_run *run = user;
    dyad_article a = *stored;
    a.file = run->db;
    a.line = 0;
    const dyad_result *res;
    if (cli_code_article(run->coder, &a, 0, &res) < 0) {
        run->rejected++;
        return 0;
    }
    dyad_error err = {0};
    int rc = dyad_store_put(run->store, &a, res, &err);
    if (rc < 0) {
        cli_error("%s: article '%s': %s", run->db, a.id, err.message);
        run->fatal = 1;
        return 1;
    }
    run->by_outcome[rc]++;
    run->articles++;
    run->events += (long)res->n_events;
    return 0;
}

typedef struct recode_args {
    const char *db, *dicts, *dict_version, *batch;
    cli_warnings warnings;
} recode_args;

/* Returns -1 after --help, else a CLI status. */
static int parse_args(int argc, char **argv, recode_args *a)
{
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            cli_usage(stdout, &cli_recode_command);
            return -1;
        }
        if (cli_opt_value(argc, argv, &i, "--db", &a->db, &bad) ||
            cli_opt_value(argc, argv, &i, "--dicts", &a->dicts, &bad) ||
            cli_opt_value(argc, argv, &i, "--dict-version", &a->dict_version, &bad) ||
            cli_opt_value(argc, argv, &i, "--batch", &a->batch, &bad))
            continue;
        if (!strcmp(s, "-q") || !strcmp(s, "--quiet")) {
            a->warnings.quiet = 1;
        } else {
            cli_error("recode: unexpected argument '%s' (see dyad recode --help)", s);
            return CLI_USAGE;
        }
    }
    return bad ? CLI_USAGE : CLI_OK;
}

static int cli_recode(int argc, char **argv)
{
    recode_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? CLI_OK : rc;
    long batch = store_parse_batch("recode", a.batch);
    if (batch < 0) return CLI_USAGE;
    recode_run run = {0};
    run.db = a.db ? a.db : STORE_DEFAULT_DB;
    if (access(run.db, F_OK) != 0) { /* opening for writing would create it */
        cli_error("recode: %s: no such store (dyad ingest makes one)", run.db);
        return CLI_USAGE;
    }
    cli_warnings w = a.warnings;
    dyad_dicts *dicts = cli_load_dicts(a.dicts, &w);
    if (!dicts) return CLI_USAGE;
    int status = CLI_USAGE;
    dyad_error err = {0};
    run.coder = dyad_coder_new(dicts, &err);
    if (!run.coder) {
        cli_error("%s", err.message);
        goto done;
    }
    dyad_coder_set_segmenting(run.coder, 1);
    run.store = dyad_store_open(run.db, DYAD_STORE_WRITE, &err);
    if (!run.store) {
        cli_error("%s", err.message);
        goto done;
    }
    if (batch) dyad_store_set_batch_size(run.store, (size_t)batch);
    char version[512];
    if (a.dict_version) snprintf(version, sizeof version, "%s", a.dict_version);
    else store_dict_version(a.dicts, dicts, version, sizeof version);
    if (dyad_store_set_dict_version(run.store, version, &err) < 0 ||
        dyad_store_begin(run.store, &err) < 0) {
        cli_error("%s", err.message);
        goto done;
    }
    if (dyad_store_articles(run.store, recode_each, &run, &err) < 0) {
        cli_error("%s", err.message);
        run.fatal = 1;
    }
    if (run.fatal) {
        dyad_store_rollback(run.store);
    } else if (dyad_store_commit(run.store, &err) < 0) {
        cli_error("%s", err.message);
        run.fatal = 1;
    }
    if (!a.warnings.quiet)
        fprintf(stderr,
                "recode: %ld articles (%ld changed, %ld unchanged), %ld events, %ld rejected, "
                "in %s\n",
                run.articles, run.by_outcome[DYAD_PUT_REPLACED] + run.by_outcome[DYAD_PUT_NEW],
                run.by_outcome[DYAD_PUT_UNCHANGED], run.events, run.rejected, run.db);
    status = run.fatal ? CLI_USAGE : run.rejected ? CLI_REJECTED : CLI_OK;
done:
    dyad_store_close(run.store);
    dyad_coder_free(run.coder);
    dyad_dicts_free(dicts);
    return status;
}
