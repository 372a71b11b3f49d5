/*
 * ingest.c -- `dyad ingest`: code articles and keep them in the store.
 *
 * Articles stream from the readers through the coder into the store, one
 * at a time; the store commits in bounded batches, so memory and the
 * transaction size do not grow with the corpus, and a re-run over the same
 * files writes nothing new. With --events the input is events already
 * coded (dyad code's JSON Lines, possibly from another machine or another
 * dictionary): consecutive events of one article_id become one article.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_cmds.h"

static const char ingest_usage[] =
    "usage: dyad ingest [options] FILE...\n"
    "\n"
    "Codes the articles in FILEs ('-': standard input) and stores them with\n"
    "their sentences and events. Re-ingesting an article stores nothing\n"
    "twice; an article whose text or coding changed replaces its old events.\n"
    "\n"
    "options:\n"
    "  --db PATH         the store (default ./" STORE_DEFAULT_DB "), created if missing\n"
    "  --dicts PATH      dictionaries, as for dyad code (default: dyad's own)\n"
    "  --dict-version S  the dictionary version to record (default: built from\n"
    "                    the dictionary path and its counts)\n"
    "  --input FORMAT    auto (default), jsonl, text, petrarch, tabari\n"
    "  --date YYYY-MM-DD date for articles that have none\n"
    "  --events          FILEs hold coded events (dyad code --format json,\n"
    "                    dyad export): consecutive lines with one article_id\n"
    "                    are one article; no coding is done\n"
    "  --batch N         articles per transaction (default 500)\n"
    "  -q, --quiet       no summary, no warnings\n"
    "  -v, --verbose     a line per file\n"
    "  -h, --help        this text\n"
    "\n"
    "Progress goes to standard error when it is a terminal.\n"
    "Exit status: 0 all stored, 1 some records were rejected, 2 usage or a\n"
    "fatal error (the batch in progress is rolled back).\n";

static int cli_ingest(int argc, char **argv);
const cli_command cli_ingest_command = {"ingest", cli_ingest, "code articles into the event store",
                                        ingest_usage};

enum { PROGRESS_EVERY = 256, MAX_IMPORT_EVENTS = 10000 };

typedef struct ingest_run {
    dyad_store *store;
    dyad_coder *coder;
    int32_t default_date;
    int quiet, verbose, progress;
    long articles, events, rejected, by_outcome[3]; /* indexed by DYAD_PUT_* */
    int fatal;
} ingest_run;

static void show_progress(const ingest_run *run)
{
    if (run->progress && run->articles % PROGRESS_EVERY == 0)
        fprintf(stderr, "\ringest: %ld articles, %ld events", run->articles, run->events);
}

/* Stores one coded article; a store failure ends the run. */
static void store_one(ingest_run *run, const dyad_article *a, const dyad_result *r)
{
    dyad_error err = {0};
    int rc = dyad_store_put(run->store, a, r, &err);
    if (rc < 0) {
        cli_error("%s:%ld: %s", a->file ? a->file : "-", a->line, err.message);
        run->fatal = 1;
        return;
    }
    run->by_outcome[rc]++;
    run->articles++;
    run->events += r ? (long)r->n_events : 0;
    show_progress(run);
}

static void code_and_store(ingest_run *run, const dyad_article *article)
{
    const dyad_result *res;
    if (cli_code_article(run->coder, article, run->default_date, &res) < 0) {
        run->rejected++;
        return;
    }
    dyad_article dated = *article;
    if (!dated.date) dated.date = run->default_date;
    store_one(run, &dated, res);
}

static int ingest_each(void *user, const dyad_article *article)
{
    ingest_run *run = user;
    code_and_store(run, article);
    return run->fatal;
}

static void ingest_articles(ingest_run *run, const char *path, dyad_input_format fmt)
{
    if (cli_read_articles(path, fmt, ingest_each, run, &run->rejected) < 0) run->rejected++;
}

/* ---------------------------------------------------------------------
 * --events: JSON Lines events grouped back into articles.
 * ------------------------------------------------------------------- */
typedef struct import_group {
    json_t *lines[MAX_IMPORT_EVENTS];
    dyad_event events[MAX_IMPORT_EVENTS];
    size_t n;
    const char *file;
    long first_line;
} import_group;

static const char *jstr(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static dyad_span jspan(json_t *evidence, const char *key)
{
    json_t *pair = json_object_get(evidence, key);
    dyad_span s = {-1, -1};
    if (json_is_array(pair) && json_array_size(pair) == 2) {
        s.begin = (int32_t)json_integer_value(json_array_get(pair, 0));
        s.end = (int32_t)json_integer_value(json_array_get(pair, 1));
    }
    return s;
}

/* Fills an event from one line; 0 when a required field is missing. */
static int event_from_json(json_t *o, dyad_event *e)
{
    memset(e, 0, sizeof *e);
    const char *date = jstr(o, "date");
    e->article_id = jstr(o, "article_id");
    e->source = jstr(o, "source");
    e->target = jstr(o, "target");
    e->code = jstr(o, "code");
    if (!e->article_id || !date || !e->source || !e->target || !e->code) return 0;
    if (!(e->date = dyad_date_parse(date, strlen(date)))) return 0;
    e->url = jstr(o, "url");
    json_int_t index = json_integer_value(json_object_get(o, "sentence_id"));
    e->sentence_index = index > 0 && index < INT32_MAX ? (int)index : 0;
    const char *root = jstr(o, "root_code");
    memcpy(e->root_code, root ? root : e->code, strnlen(root ? root : e->code, 2));
    e->quad_class = (int)json_integer_value(json_object_get(o, "quad_class"));
    json_t *g = json_object_get(o, "goldstein");
    e->has_goldstein = json_is_number(g);
    e->goldstein = json_number_value(g);
    e->sentence = jstr(o, "text");
    e->sentence_len = e->sentence ? strlen(e->sentence) : 0;
    json_t *ev = json_object_get(o, "evidence");
    e->source_span = jspan(ev, "source");
    e->target_span = jspan(ev, "target");
    e->verb_span = jspan(ev, "verb");
    json_t *rule = json_object_get(ev, "rule"); /* where dyad code writes it */
    if (!rule) rule = json_object_get(o, "rule");
    e->rule_file = jstr(rule, "file");
    e->rule_line = (long)json_integer_value(json_object_get(rule, "line"));
    e->rule_text = jstr(rule, "text");
    return 1;
}

/* The article's text is what the events show of it: their sentences. */
static char *join_sentences(const import_group *g, size_t *n_sentences)
{
    size_t len = 1;
    int max_index = -1;
    for (size_t i = 0; i < g->n; i++) {
        len += g->events[i].sentence_len + 1;
        if (g->events[i].sentence_index > max_index) max_index = g->events[i].sentence_index;
    }
    *n_sentences = (size_t)(max_index + 1);
    char *text = malloc(len), *p = text;
    if (!text) return NULL;
    for (size_t i = 0; i < g->n; i++) {
        const dyad_event *e = &g->events[i];
        int repeat = 0; /* one copy of a sentence with several events */
        for (size_t j = 0; j < i && !repeat; j++) repeat = g->events[j].sentence_index == e->sentence_index;
        if (repeat || !e->sentence) continue;
        if (p != text) *p++ = ' ';
        memcpy(p, e->sentence, e->sentence_len);
        p += e->sentence_len;
    }
    *p = 0;
    return text;
}

static void flush_group(ingest_run *run, import_group *g)
{
    if (!g->n) return;
    size_t n_sentences;
    char *text = join_sentences(g, &n_sentences);
    if (text) {
        json_t *first = g->lines[0];
        dyad_article a = {0};
        a.id = g->events[0].article_id;
        a.date = g->events[0].date;
        a.title = jstr(first, "title");
        a.text = text;
        a.text_len = strlen(text);
        a.source = jstr(first, "news_source");
        a.url = jstr(first, "url");
        a.file = g->file;
        a.line = g->first_line;
        dyad_result r = {g->events, g->n, n_sentences, 0, NULL};
        store_one(run, &a, &r);
    } else {
        cli_error("ingest: out of memory");
        run->fatal = 1;
    }
    free(text);
    for (size_t i = 0; i < g->n; i++) json_decref(g->lines[i]);
    g->n = 0;
}

static void import_line(ingest_run *run, import_group *g, const char *file, long line_no,
                        const char *line)
{
    json_error_t jerr;
    json_t *o = json_loads(line, 0, &jerr);
    dyad_event e;
    if (!o || !json_is_object(o) || !event_from_json(o, &e)) {
        cli_error("%s:%ld: not an event (needs article_id, date YYYY-MM-DD, source, target, "
                  "code)", file, line_no);
        json_decref(o);
        run->rejected++;
        return;
    }
    int same_article = g->n && !strcmp(e.article_id, g->events[0].article_id);
    if (same_article && g->n == MAX_IMPORT_EVENTS) {
        /* Flushing here would store the rest as a new version of the
           article, replacing the first part. */
        cli_error("%s:%ld: article '%s' has more than %d events; the rest are skipped", file,
                  line_no, e.article_id, MAX_IMPORT_EVENTS);
        json_decref(o);
        run->rejected++;
        return;
    }
    if (g->n && !same_article) flush_group(run, g);
    if (!g->n) {
        g->file = file;
        g->first_line = line_no;
    }
    g->lines[g->n] = o;
    g->events[g->n++] = e;
}

static void ingest_events(ingest_run *run, const char *path)
{
    FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!in) {
        cli_error("ingest: cannot read %s", path);
        run->rejected++;
        return;
    }
    import_group *g = calloc(1, sizeof *g);
    char *line = NULL;
    size_t cap = 0;
    long line_no = 0;
    while (g && !run->fatal && getline(&line, &cap, in) > 0) {
        line_no++;
        if (line[strspn(line, " \t\r\n")]) import_line(run, g, path, line_no, line);
    }
    if (!g) {
        cli_error("ingest: out of memory");
        run->fatal = 1;
    } else {
        if (!run->fatal) flush_group(run, g);
        for (size_t i = 0; i < g->n; i++) json_decref(g->lines[i]);
    }
    free(g);
    free(line);
    if (in != stdin) fclose(in);
}

/* ---------------------------------------------------------------------
 * The command.
 * ------------------------------------------------------------------- */
static int parse_input_format(const char *s, dyad_input_format *out)
{
    static const char *const names[] = {"auto", "jsonl", "text", "petrarch", "tabari"};
    static const dyad_input_format formats[] = {DYAD_INPUT_AUTO, DYAD_INPUT_JSONL,
                                                DYAD_INPUT_TEXT, DYAD_INPUT_PETRARCH,
                                                DYAD_INPUT_TABARI};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(s, names[i])) {
            *out = formats[i];
            return 1;
        }
    return 0;
}

typedef struct ingest_args {
    const char *db, *dicts, *dict_version, *input, *date, *batch;
    int events, first_file;
    cli_warnings warnings;
} ingest_args;

/* Returns -1 after --help, else a CLI status. */
static int parse_args(int argc, char **argv, ingest_args *a, ingest_run *run)
{
    int bad = 0;
    a->first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            cli_usage(stdout, &cli_ingest_command);
            return -1;
        }
        if (cli_opt_value(argc, argv, &i, "--db", &a->db, &bad) ||
            cli_opt_value(argc, argv, &i, "--dicts", &a->dicts, &bad) ||
            cli_opt_value(argc, argv, &i, "--dict-version", &a->dict_version, &bad) ||
            cli_opt_value(argc, argv, &i, "--input", &a->input, &bad) ||
            cli_opt_value(argc, argv, &i, "--date", &a->date, &bad) ||
            cli_opt_value(argc, argv, &i, "--batch", &a->batch, &bad))
            continue;
        if (!strcmp(s, "--events")) a->events = 1;
        else if (!strcmp(s, "-q") || !strcmp(s, "--quiet")) run->quiet = a->warnings.quiet = 1;
        else if (!strcmp(s, "-v") || !strcmp(s, "--verbose")) run->verbose = 1;
        else if (!strcmp(s, "--")) { a->first_file = i + 1; break; }
        else if (s[0] == '-' && s[1]) {
            cli_error("ingest: unknown option '%s' (see dyad ingest --help)", s);
            return CLI_USAGE;
        } else { a->first_file = i; break; }
    }
    if (bad) return CLI_USAGE;
    if (a->first_file >= argc) {
        cli_error("ingest: no input files (use '-' for standard input)");
        return CLI_USAGE;
    }
    if (a->date && !(run->default_date = dyad_date_parse(a->date, strlen(a->date)))) {
        cli_error("ingest: --date '%s' is not a date YYYY-MM-DD", a->date);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static void summary(const ingest_run *run, const char *db)
{
    if (run->progress) fputc('\n', stderr);
    if (run->quiet) return;
    fprintf(stderr,
            "ingest: %ld articles (%ld new, %ld replaced, %ld unchanged), %ld events, "
            "%ld rejected, in %s\n",
            run->articles, run->by_outcome[DYAD_PUT_NEW], run->by_outcome[DYAD_PUT_REPLACED],
            run->by_outcome[DYAD_PUT_UNCHANGED], run->events, run->rejected, db);
}

/* Opens the coder side: dictionaries, coder, the version to record. */
static dyad_dicts *open_coder(const ingest_args *a, ingest_run *run, char *version, size_t size)
{
    cli_warnings w = a->warnings;
    dyad_dicts *dicts = cli_load_dicts(a->dicts, &w);
    if (!dicts) return NULL;
    dyad_error err = {0};
    run->coder = dyad_coder_new(dicts, &err);
    if (!run->coder) {
        cli_error("%s", err.message);
        dyad_dicts_free(dicts);
        return NULL;
    }
    store_dict_version(a->dicts, dicts, version, size);
    return dicts;
}

static int cli_ingest(int argc, char **argv)
{
    ingest_args a = {0};
    ingest_run run = {0};
    int rc = parse_args(argc, argv, &a, &run);
    if (rc) return rc < 0 ? CLI_OK : rc;
    dyad_input_format fmt = DYAD_INPUT_AUTO;
    if (a.input && !parse_input_format(a.input, &fmt)) {
        cli_error("ingest: unknown input format '%s'", a.input);
        return CLI_USAGE;
    }
    long batch = store_parse_batch("ingest", a.batch);
    if (batch < 0) return CLI_USAGE;
    if (!a.db) a.db = STORE_DEFAULT_DB;
    char version[512] = "";
    dyad_dicts *dicts = NULL;
    if (!a.events && !(dicts = open_coder(&a, &run, version, sizeof version))) return CLI_USAGE;
    dyad_error err = {0};
    run.store = dyad_store_open(a.db, DYAD_STORE_WRITE, &err);
    int status = CLI_USAGE;
    if (!run.store) {
        cli_error("%s", err.message);
        goto done;
    }
    if (batch) dyad_store_set_batch_size(run.store, (size_t)batch);
    const char *v = a.dict_version ? a.dict_version : version[0] ? version : NULL;
    if ((v && dyad_store_set_dict_version(run.store, v, &err) < 0) ||
        dyad_store_begin(run.store, &err) < 0) {
        cli_error("%s", err.message);
        goto done;
    }
    run.progress = !run.quiet && isatty(STDERR_FILENO);
    for (int i = a.first_file; i < argc && !run.fatal; i++) {
        long before = run.articles;
        if (a.events) ingest_events(&run, argv[i]);
        else ingest_articles(&run, argv[i], fmt);
        if (run.verbose && !run.quiet)
            fprintf(stderr, "ingest: %s: %ld articles\n", argv[i], run.articles - before);
    }
    if (run.fatal) {
        dyad_store_rollback(run.store);
    } else if (dyad_store_commit(run.store, &err) < 0) {
        cli_error("%s", err.message);
        run.fatal = 1;
    }
    summary(&run, a.db);
    status = run.fatal ? CLI_USAGE : run.rejected ? CLI_REJECTED : CLI_OK;
done:
    dyad_store_close(run.store);
    dyad_coder_free(run.coder);
    dyad_dicts_free(dicts);
    return status;
}
