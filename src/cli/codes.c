/*
 * codes.c -- `dyad codes` lists dyad's CAMEO table (event codes, or with
 * --actors the actor-code parts); `dyad explain CODE` shows one event code
 * in its place in the hierarchy.
 *
 * Both read the table through the public API (dyad_cameo_table,
 * dyad_cameo_get, dyad_actor_table): the facts live in data/cameo/ (and
 * Debian's iso-codes for countries) and nowhere else.
 * The hierarchy is implicit in the codes -- a code's parent is the code one
 * digit shorter -- so it is computed here rather than stored.
 */
#include <stdlib.h>
#include <string.h>

#include "codes.h"

static const char codes_usage[] =
    "usage: dyad codes [--format table|json|tsv] [--root NN | --actors]\n"
    "\n"
    "Lists dyad's CAMEO event codes (CAMEO 1.1b3: 20 roots, 311 codes) with\n"
    "their Goldstein value, QuadClass and PLOVER event type and mode; with\n"
    "--actors, the parts CAMEO actor codes are made of (ZWE + GOV + MIL).\n"
    "\n"
    "options:\n"
    "  --format FORMAT   table (default: aligned columns, names indented by\n"
    "                    level), json (JSON Lines, one code a line), tsv (the\n"
    "                    columns of data/cameo/codes.tsv, with a header)\n"
    "  --root NN         only the codes under root NN (01..20)\n"
    "  --actors          the actor-code parts instead: ISO 3166-1 countries\n"
    "                    (from Debian's iso-codes) and data/cameo/actors.tsv\n"
    "                    (regions, sectors, organisations, roles, religions);\n"
    "                    tsv prints the columns code, kind, name\n"
    "  -h, --help        this text\n"
    "\n"
    "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal\n"
    "conflict, 4 material conflict (GDELT's mapping of the roots).\n";

static const char explain_usage[] =
    "usage: dyad explain CODE...\n"
    "\n"
    "Explains CAMEO event codes: name, Goldstein value, QuadClass, PLOVER\n"
    "event type and mode, root, parent and child codes. A CODE that is not\n"
    "all digits is an actor code (ZWEGOVMIL, IGOUNOWFP): its parts are\n"
    "explained (see dyad codes --actors).\n"
    "\n"
    "Exit status: 0 when every CODE is known, 1 when one is not (reported on\n"
    "stderr), 2 usage error.\n";

const cli_command cli_codes_command = {"codes", cli_codes, "list the CAMEO event codes",
                                       codes_usage};
const cli_command cli_explain_command = {"explain", cli_explain,
                                         "explain a CAMEO event or actor code", explain_usage};

enum { ROOT_LEN = 2, MAX_CODE_LEN = 4 };

static const char *quad_meaning(int quad_class)
{
    static const char *const meanings[] = {"unknown", "verbal cooperation",
                                           "material cooperation", "verbal conflict",
                                           "material conflict"};
    return quad_class >= 1 && quad_class <= 4 ? meanings[quad_class] : meanings[0];
}

static const char *or_dash(const char *s) { return s ? s : "-"; }

/* ---- dyad codes ---------------------------------------------------------- */

typedef enum codes_format { FORMAT_TABLE, FORMAT_JSON, FORMAT_TSV } codes_format;

static int parse_codes_format(const char *s, codes_format *out)
{
    if (!strcmp(s, "table")) *out = FORMAT_TABLE;
    else if (!strcmp(s, "json") || !strcmp(s, "jsonl")) *out = FORMAT_JSON;
    else if (!strcmp(s, "tsv")) *out = FORMAT_TSV;
    else return 0;
    return 1;
}

/* "3", "03" -> "03" in `out`; 0 unless it names one of dyad's roots. */
static int parse_root(const char *s, char out[ROOT_LEN + 1])
{
    size_t len = strlen(s);
    if (len < 1 || len > ROOT_LEN || strspn(s, "0123456789") != len) return 0;
    snprintf(out, ROOT_LEN + 1, "%02d", atoi(s));
    return dyad_cameo_get(out) != NULL;
}

static int in_root(const dyad_cameo_code *c, const char *root)
{
    return !root || !strncmp(c->code, root, ROOT_LEN);
}

static void write_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(out, "\\%c", ch);
        else if (ch < 0x20) fprintf(out, "\\u%04x", ch);
        else fputc(ch, out);
    }
    fputc('"', out);
}

static void write_json(FILE *out, const dyad_cameo_code *c)
{
    fputs("{\"code\":", out);
    write_json_string(out, c->code);
    fputs(",\"name\":", out);
    write_json_string(out, c->name);
    fprintf(out, ",\"goldstein\":%.1f,\"quad_class\":%d,\"plover_event\":", c->goldstein,
            c->quad_class);
    write_json_string(out, c->plover_event);
    fputs(",\"plover_mode\":", out);
    write_json_string(out, c->plover_mode);
    fputs("}\n", out);
}

static void write_tsv(FILE *out, const dyad_cameo_code *c)
{
    fprintf(out, "%s\t%s\t%.1f\t%d\t%s\t%s\n", c->code, c->name, c->goldstein, c->quad_class,
            c->plover_event ? c->plover_event : "", c->plover_mode ? c->plover_mode : "");
}

/* Column widths of the table format, measured on the rows it will print. */
typedef struct table_widths {
    int event, mode;
} table_widths;

static table_widths measure(const dyad_cameo_code *t, size_t n, const char *root)
{
    table_widths w = {(int)strlen("PLOVER"), (int)strlen("MODE")};
    for (size_t i = 0; i < n; i++) {
        if (!in_root(&t[i], root)) continue;
        int event = (int)strlen(or_dash(t[i].plover_event));
        int mode = (int)strlen(or_dash(t[i].plover_mode));
        if (event > w.event) w.event = event;
        if (mode > w.mode) w.mode = mode;
    }
    return w;
}

/* The name comes last, indented two spaces a level, so that the hierarchy
 * shows and no column has to be as wide as the longest name. */
static void write_table_row(FILE *out, const dyad_cameo_code *c, table_widths w)
{
    int indent = 2 * (int)(strlen(c->code) - ROOT_LEN);
    fprintf(out, "%-4s  %9.1f  %4d  %-*s  %-*s  %*s%s\n", c->code, c->goldstein,
            c->quad_class, w.event, or_dash(c->plover_event), w.mode,
            or_dash(c->plover_mode), indent, "", c->name);
}

static void list_codes(FILE *out, codes_format format, const char *root)
{
    size_t n;
    const dyad_cameo_code *t = dyad_cameo_table(&n);
    table_widths w = measure(t, n, root);
    if (format == FORMAT_TSV)
        fputs("code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n", out);
    if (format == FORMAT_TABLE)
        fprintf(out, "%-4s  %9s  %4s  %-*s  %-*s  %s\n", "CODE", "GOLDSTEIN", "QUAD", w.event,
                "PLOVER", w.mode, "MODE", "NAME");
    for (size_t i = 0; i < n; i++) {
        if (!in_root(&t[i], root)) continue;
        if (format == FORMAT_JSON) write_json(out, &t[i]);
        else if (format == FORMAT_TSV) write_tsv(out, &t[i]);
        else write_table_row(out, &t[i], w);
    }
}

/* ---- dyad codes --actors ------------------------------------------------- */

static void list_actors(FILE *out, codes_format format)
{
    size_t n;
    const dyad_actor_code *t = dyad_actor_table(&n);
    if (format == FORMAT_TSV) fputs("code\tkind\tname\n", out);
    if (format == FORMAT_TABLE) fprintf(out, "%-4s  %-12s  %s\n", "CODE", "KIND", "NAME");
    for (size_t i = 0; i < n; i++) {
        const char *kind = dyad_actor_kind_name(t[i].kind);
        if (format == FORMAT_TSV) {
            fprintf(out, "%s\t%s\t%s\n", t[i].code, kind, t[i].name);
        } else if (format == FORMAT_TABLE) {
            fprintf(out, "%-4s  %-12s  %s\n", t[i].code, kind, t[i].name);
        } else {
            fputs("{\"code\":", out);
            write_json_string(out, t[i].code);
            fputs(",\"kind\":", out);
            write_json_string(out, kind);
            fputs(",\"name\":", out);
            write_json_string(out, t[i].name);
            fputs("}\n", out);
        }
    }
}

int cli_codes(int argc, char **argv)
{
    const char *format_name = "table", *root_arg = NULL;
    int bad = 0, actors = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_usage(stdout, &cli_codes_command);
            return CLI_OK;
        }
        if (cli_opt_value(argc, argv, &i, "--format", &format_name, &bad) ||
            cli_opt_value(argc, argv, &i, "--root", &root_arg, &bad))
            continue;
        if (!strcmp(argv[i], "--actors")) {
            actors = 1;
            continue;
        }
        cli_error("codes: unexpected argument '%s' (see dyad codes --help)", argv[i]);
        return CLI_USAGE;
    }
    if (bad) return CLI_USAGE;
    codes_format format;
    if (!parse_codes_format(format_name, &format)) {
        cli_error("codes: unknown format '%s' (table, json or tsv)", format_name);
        return CLI_USAGE;
    }
    if (actors && root_arg) {
        cli_error("codes: --root applies to event codes, not to --actors");
        return CLI_USAGE;
    }
    char root[ROOT_LEN + 1];
    if (root_arg && !parse_root(root_arg, root)) {
        cli_error("codes: --root '%s' is not a CAMEO root 01..20", root_arg);
        return CLI_USAGE;
    }
    if (actors) list_actors(stdout, format);
    else list_codes(stdout, format, root_arg ? root : NULL);
    return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}

/* ---- dyad explain -------------------------------------------------------- */

/* The entry of the first `len` characters of `code`, e.g. its root. */
static const dyad_cameo_code *get_prefix(const char *code, size_t len)
{
    char prefix[MAX_CODE_LEN + 1];
    if (len > MAX_CODE_LEN || len > strlen(code)) return NULL;
    memcpy(prefix, code, len);
    prefix[len] = '\0';
    return dyad_cameo_get(prefix);
}

static void print_related(const char *label, const dyad_cameo_code *c)
{
    if (c) printf("  %-10s  %-4s  %s\n", label, c->code, c->name);
    else printf("  %-10s  none\n", label);
}

/* Children are the codes one digit longer that start with `code`. */
static void print_children(const dyad_cameo_code *parent)
{
    size_t n, len = strlen(parent->code);
    const dyad_cameo_code *t = dyad_cameo_table(&n);
    const char *label = "children";
    for (size_t i = 0; i < n; i++) {
        if (strlen(t[i].code) != len + 1 || strncmp(t[i].code, parent->code, len)) continue;
        print_related(label, &t[i]);
        label = "";
    }
    if (*label) print_related(label, NULL);
}

static void explain_code(const dyad_cameo_code *c)
{
    size_t len = strlen(c->code);
    printf("%s  %s\n", c->code, c->name);
    printf("  %-10s  %.1f\n", "Goldstein", c->goldstein);
    printf("  %-10s  %d (%s)\n", "QuadClass", c->quad_class, quad_meaning(c->quad_class));
    if (!c->plover_event) printf("  %-10s  none\n", "PLOVER");
    else if (!c->plover_mode) printf("  %-10s  %s\n", "PLOVER", c->plover_event);
    else printf("  %-10s  %s, mode %s\n", "PLOVER", c->plover_event, c->plover_mode);
    print_related("root", get_prefix(c->code, ROOT_LEN));
    print_related("parent", len > ROOT_LEN ? get_prefix(c->code, len - 1) : NULL);
    print_children(c);
}

/* "ZWEGOVMIL": each three-character part with its kind and name. */
static int explain_actor(const char *code)
{
    char why[128];
    size_t len = strlen(code);
    if (dyad_actor_code_problem(code, why, sizeof why)) {
        cli_error("explain: '%s' is not a CAMEO actor code: %s (see dyad codes --actors)", code,
                  why);
        return 0;
    }
    printf("%s  actor code\n", code);
    for (size_t at = 0; at < len; at += 3) {
        char part[4] = {code[at], code[at + 1], code[at + 2], 0};
        const dyad_actor_code *c = dyad_actor_get(part);
        if (c) printf("  %-3s  %-12s  %s\n", part, dyad_actor_kind_name(c->kind), c->name);
        else printf("  %-3s  %-12s  %s\n", part, "unknown", "any actor (unknown)");
    }
    return 1;
}

static void report_unknown(const char *code)
{
    const dyad_cameo_code *root = NULL;
    if (strspn(code, "0123456789") == strlen(code)) root = get_prefix(code, ROOT_LEN);
    if (root)
        cli_error("explain: unknown CAMEO code '%s' (its root %s is '%s'; see dyad codes "
                  "--root %s)", code, root->code, root->name, root->code);
    else
        cli_error("explain: unknown CAMEO code '%s' (see dyad codes)", code);
}

int cli_explain(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        cli_usage(stdout, &cli_explain_command);
        return CLI_OK;
    }
    if (argc > 1 && !strcmp(argv[1], "--")) first = 2;
    else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
        cli_error("explain: unknown option '%s' (see dyad explain --help)", argv[1]);
        return CLI_USAGE;
    }
    if (first >= argc) {
        cli_usage(stderr, &cli_explain_command);
        return CLI_USAGE;
    }
    int status = CLI_OK, printed = 0;
    for (int i = first; i < argc; i++) {
        const dyad_cameo_code *c = dyad_cameo_get(argv[i]);
        if (!c && strspn(argv[i], "0123456789") != strlen(argv[i])) {
            if (printed && dyad_actor_code_check(argv[i], NULL)) putchar('\n');
            if (explain_actor(argv[i])) printed++;
            else status = CLI_REJECTED;
            continue;
        }
        if (!c) {
            report_unknown(argv[i]);
            status = CLI_REJECTED;
            continue;
        }
        if (printed++) putchar('\n');
        explain_code(c);
    }
    if (fflush(stdout) != 0) status = CLI_USAGE;
    return status;
}
