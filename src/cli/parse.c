/*
 * parse.c -- `dyad parse` and `dyad train-parser`: dyad's English tagger
 * and dependency parser from the command line.
 *
 * `dyad parse` reads text a paragraph (up to a blank line) at a time, so
 * memory stays bounded by the longest paragraph (capped, then cut at a
 * line), and writes CoNLL-U. `dyad parse --eval` scores the model on the
 * gold words of a CoNLL-U file with one line of percentages and speed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad_parse.h"
#include "parse_cmds.h"

enum { PARAGRAPH_MAX = 4 << 20 };

static const char parse_usage[] =
    "usage: dyad parse [--model MODEL] [FILE]\n"
    "       dyad parse [--model MODEL] --eval FILE.conllu\n"
    "\n"
    "Splits English text from FILE (standard input when none or '-') into\n"
    "sentences and words, tags them (UPOS and Penn XPOS) and parses them into\n"
    "Universal Dependencies trees, written as CoNLL-U.\n"
    "\n"
    "options:\n"
    "  --model MODEL  the model file (default: data/model/en_ewt.model)\n"
    "  --eval FILE    parse the gold words of a CoNLL-U file and print\n"
    "                 'eval: UPOS a XPOS b UAS c LAS d sentences/s e'\n"
    "                 (percentages; e per second of processor time)\n"
    "  -h, --help     this text\n";

static const char train_usage[] =
    "usage: dyad train-parser --train FILE --dev FILE -o MODEL [options]\n"
    "\n"
    "Trains the tagger and the parser from Universal Dependencies CoNLL-U\n"
    "files (the model keeps the epochs best on --dev) and writes MODEL.\n"
    "The same seed and files give the same model.\n"
    "\n"
    "options:\n"
    "  --train FILE          training treebank (CoNLL-U)\n"
    "  --dev FILE            development treebank, for choosing epochs\n"
    "  -o, --output MODEL    the model file to write\n"
    "  --seed N              random seed (default 1)\n"
    "  --epochs N            parser epochs (default 15)\n"
    "  --tagger-epochs N     tagger epochs (default 10)\n"
    "  --bits N              log2 of the rows of the weight tables (default:\n"
    "                        18 for the tagger, 19 for the parser)\n"
    "  --parser-bits N       the parser's alone\n"
    "  -q, --quiet           no progress lines\n"
    "  -h, --help            this text\n";

const cli_command cli_parse_command = {"parse", cli_parse, "tag and parse English text into CoNLL-U",
                                       parse_usage};
const cli_command cli_train_parser_command = {"train-parser", cli_train_parser,
                                              "train the tagger and parser from a treebank",
                                              train_usage};

/* The sentence's text on one line, for the "# text" comment. */
static void write_sentence(FILE *out, const dyad_parse_sentence *s, const char *text, long id)
{
    fprintf(out, "# sent_id = %ld\n# text = ", id);
    for (uint32_t i = s->begin; i < s->end; i++)
        fputc(text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i], out);
    fputc('\n', out);
    dyad_parse_write_conllu(out, s, NULL);
}

static int parse_paragraph(dyad_parser *p, const char *text, size_t len, long *id)
{
    const dyad_parse_sentence *s;
    size_t n;
    dyad_error err = {0};
    if (dyad_parser_text(p, text, len, &s, &n, &err) < 0) {
        cli_error("parse: %s", err.message);
        return -1;
    }
    for (size_t i = 0; i < n; i++) write_sentence(stdout, &s[i], text, ++*id);
    return 0;
}

static int is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n') return 0;
    return 1;
}

static int parse_stream(dyad_parser *p, FILE *in)
{
    char *line = NULL, *para = NULL;
    size_t line_cap = 0, len = 0, cap = 0;
    ssize_t got;
    long id = 0;
    int rc = 0;
    while (rc == 0 && (got = getline(&line, &line_cap, in)) >= 0) {
        int blank = is_blank(line, (size_t)got);
        if ((blank || len + (size_t)got > PARAGRAPH_MAX) && len) {
            rc = parse_paragraph(p, para, len, &id);
            len = 0;
        }
        if (blank) continue;
        if ((size_t)got > PARAGRAPH_MAX) got = PARAGRAPH_MAX; /* one huge line: cut */
        if (len + (size_t)got + 1 > cap) {
            size_t want = (len + (size_t)got + 1) * 2;
            char *grown = realloc(para, want);
            if (!grown) {
                cli_error("parse: out of memory");
                rc = -1;
                break;
            }
            para = grown, cap = want;
        }
        memcpy(para + len, line, (size_t)got);
        len += (size_t)got;
    }
    if (rc == 0 && len) rc = parse_paragraph(p, para, len, &id);
    free(line);
    free(para);
    return rc;
}

static int run_eval(const dyad_parse_model *m, const char *path)
{
    dyad_parse_scores sc;
    dyad_error err = {0};
    if (dyad_parse_eval(m, path, &sc, &err) < 0) {
        cli_error("parse: %s", err.message);
        return CLI_USAGE;
    }
    printf("eval: UPOS %.2f XPOS %.2f UAS %.2f LAS %.2f sentences/s %.0f\n", sc.upos, sc.xpos,
           sc.uas, sc.las, sc.seconds > 0 ? (double)sc.sentences / sc.seconds : 0.0);
    return CLI_OK;
}

static int run_parse(const dyad_parse_model *m, const char *path)
{
    dyad_error err = {0};
    FILE *in = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
    if (!in) {
        cli_error("parse: %s: %s", path, strerror(errno));
        return CLI_USAGE;
    }
    dyad_parser *p = dyad_parser_new(m, &err);
    int rc = p ? parse_stream(p, in) : -1;
    if (!p) cli_error("parse: %s", err.message);
    dyad_parser_free(p);
    if (in != stdin) fclose(in);
    if (fflush(stdout) != 0) rc = -1;
    return rc < 0 ? CLI_USAGE : CLI_OK;
}

int cli_parse(int argc, char **argv)
{
    const char *model_path = NULL, *eval_path = NULL, *file = NULL;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli_usage(stdout, &cli_parse_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--model", &model_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--eval", &eval_path, &bad))
            continue;
        if (a[0] == '-' && a[1]) {
            cli_error("parse: unknown option '%s' (see dyad parse --help)", a);
            return CLI_USAGE;
        }
        if (file) {
            cli_error("parse: one input file at most");
            return CLI_USAGE;
        }
        file = a;
    }
    if (bad) return CLI_USAGE;
    dyad_error err = {0};
    dyad_parse_model *m = dyad_parse_model_load(model_path, &err);
    if (!m) {
        cli_error("parse: %s", err.message);
        return CLI_USAGE;
    }
    int status = eval_path ? run_eval(m, eval_path) : run_parse(m, file);
    dyad_parse_model_free(m);
    return status;
}

static void print_progress(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "train-parser: %s\n", line);
}

static int parse_count(const char *text, const char *name, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || end == text || v < lo || v > hi) {
        cli_error("train-parser: %s must be a number in %ld..%ld", name, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_train_parser(int argc, char **argv)
{
    const char *seed = "1", *epochs = "0", *tagger_epochs = "0", *bits = "0", *parser_bits = "0";
    dyad_parse_train_options o = {0};
    int bad = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli_usage(stdout, &cli_train_parser_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--train", &o.train_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--dev", &o.dev_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--output", &o.model_path, &bad) ||
            cli_opt_value(argc, argv, &i, "-o", &o.model_path, &bad) ||
            cli_opt_value(argc, argv, &i, "--seed", &seed, &bad) ||
            cli_opt_value(argc, argv, &i, "--epochs", &epochs, &bad) ||
            cli_opt_value(argc, argv, &i, "--tagger-epochs", &tagger_epochs, &bad) ||
            cli_opt_value(argc, argv, &i, "--bits", &bits, &bad) ||
            cli_opt_value(argc, argv, &i, "--parser-bits", &parser_bits, &bad))
            continue;
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) quiet = 1;
        else {
            cli_error("train-parser: unknown argument '%s' (see dyad train-parser --help)", a);
            return CLI_USAGE;
        }
    }
    if (bad) return CLI_USAGE;
    if (!o.train_path || !o.model_path) {
        cli_error("train-parser: --train and -o are required");
        return CLI_USAGE;
    }
    long v;
    if (parse_count(seed, "--seed", 0, 2147483647L, &v) < 0) return CLI_USAGE;
    o.seed = (uint64_t)v;
    if (parse_count(epochs, "--epochs", 0, 1000, &v) < 0) return CLI_USAGE;
    o.parser_epochs = (int)v;
    if (parse_count(tagger_epochs, "--tagger-epochs", 0, 1000, &v) < 0) return CLI_USAGE;
    o.tagger_epochs = (int)v;
    if (parse_count(bits, "--bits", 0, 22, &v) < 0) return CLI_USAGE;
    o.row_bits = (int)v;
    if (parse_count(parser_bits, "--parser-bits", 0, 22, &v) < 0) return CLI_USAGE;
    o.parser_row_bits = (int)v;
    if (!quiet) o.progress = print_progress;
    dyad_error err = {0};
    if (dyad_parse_train(&o, &err) < 0) {
        cli_error("train-parser: %s", err.message);
        return CLI_USAGE;
    }
    return CLI_OK;
}
