/*
 * write.c -- events out: JSON Lines, TSV and GDELT 2.0 event-table rows.
 *
 * Writers take a FILE* the caller owns; they format straight into it with
 * no intermediate tree, since output speed bounds the whole pipeline.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

static void put_json_string(FILE *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (c < 0x20) {
                fputs("\\u00", out);
                putc(hex[c >> 4], out);
                putc(hex[c & 15], out);
            } else {
                putc(c, out);
            }
        }
    }
    putc('"', out);
}

static void put_json_cstr(FILE *out, const char *s)
{
    if (s) put_json_string(out, s, strlen(s));
    else fputs("null", out);
}

/* Tabs and newlines would break a TSV row: they become spaces. */
static void put_tsv_string(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        putc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, out);
    }
}

static void put_tsv_cstr(FILE *out, const char *s)
{
    if (s) put_tsv_string(out, s, strlen(s));
}

static void put_date(FILE *out, int32_t date)
{
    fprintf(out, "%04d-%02d-%02d", (int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100));
}

static void put_json_span(FILE *out, const char *name, dyad_span s)
{
    fprintf(out, "\"%s\":", name);
    if (s.begin < 0) fputs("null", out);
    else fprintf(out, "[%d,%d]", (int)s.begin, (int)s.end);
}

static void write_json(FILE *out, const dyad_event *e)
{
    fputs("{\"article_id\":", out);
    put_json_cstr(out, e->article_id);
    fprintf(out, ",\"sentence_id\":%d,\"date\":", e->sentence_index);
    if (e->date) {
        putc('"', out);
        put_date(out, e->date);
        putc('"', out);
    } else {
        fputs("null", out);
    }
    fputs(",\"source\":", out);
    put_json_cstr(out, e->source);
    fputs(",\"target\":", out);
    put_json_cstr(out, e->target);
    fputs(",\"code\":", out);
    put_json_cstr(out, e->code);
    fputs(",\"root_code\":", out);
    put_json_cstr(out, e->root_code);
    fputs(",\"quad_class\":", out);
    if (e->quad_class) fprintf(out, "%d", e->quad_class);
    else fputs("null", out);
    fputs(",\"goldstein\":", out);
    if (e->has_goldstein) fprintf(out, "%.1f", e->goldstein);
    else fputs("null", out);
    const dyad_cameo_code *cameo = e->code ? dyad_cameo_get(e->code) : NULL;
    fputs(",\"plover_event\":", out);
    put_json_cstr(out, cameo ? cameo->plover_event : NULL);
    if (cameo && cameo->plover_mode) {
        fputs(",\"plover_mode\":", out);
        put_json_cstr(out, cameo->plover_mode);
    }
    fputs(",\"text\":", out);
    put_json_string(out, e->sentence, e->sentence_len);
    fputs(",\"evidence\":{", out);
    put_json_span(out, "source", e->source_span);
    putc(',', out);
    put_json_span(out, "target", e->target_span);
    putc(',', out);
    put_json_span(out, "verb", e->verb_span);
    fputs(",\"rule\":{\"file\":", out);
    put_json_cstr(out, e->rule_file);
    fprintf(out, ",\"line\":%ld,\"text\":", e->rule_line);
    put_json_cstr(out, e->rule_text);
    fputs("}}}\n", out);
}

static const char tsv_header[] =
    "article_id\tsentence_id\tdate\tsource\ttarget\tcode\troot_code\tquad_class\t"
    "goldstein\tsource_span\ttarget_span\tverb_span\trule_file\trule_line\trule_text\ttext\n";

static void put_tsv_span(FILE *out, dyad_span s)
{
    if (s.begin >= 0) fprintf(out, "%d-%d", (int)s.begin, (int)s.end);
    putc('\t', out);
}

static void write_tsv(FILE *out, const dyad_event *e)
{
    put_tsv_cstr(out, e->article_id);
    fprintf(out, "\t%d\t", e->sentence_index);
    if (e->date) put_date(out, e->date);
    putc('\t', out);
    put_tsv_cstr(out, e->source);
    putc('\t', out);
    put_tsv_cstr(out, e->target);
    putc('\t', out);
    put_tsv_cstr(out, e->code);
    fprintf(out, "\t%s\t", e->root_code);
    if (e->quad_class) fprintf(out, "%d", e->quad_class);
    putc('\t', out);
    if (e->has_goldstein) fprintf(out, "%.1f", e->goldstein);
    putc('\t', out);
    put_tsv_span(out, e->source_span);
    put_tsv_span(out, e->target_span);
    put_tsv_span(out, e->verb_span);
    put_tsv_cstr(out, e->rule_file);
    fprintf(out, "\t%ld\t", e->rule_line);
    put_tsv_cstr(out, e->rule_text);
    putc('\t', out);
    put_tsv_string(out, e->sentence, e->sentence_len);
    putc('\n', out);
}

/* GDELT has no id of ours to reuse: a stable 63-bit FNV-1a hash of what
 * identifies the event keeps ids reproducible across runs. */
static uint64_t event_id(const dyad_event *e)
{
    uint64_t h = 1469598103934665603ULL;
    const char *parts[4] = {e->article_id, e->source, e->target, e->code};
    for (int p = 0; p < 4; p++) {
        for (const char *s = parts[p] ? parts[p] : ""; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    h = (h ^ (uint64_t)e->sentence_index) * 1099511628211ULL;
    return h & 0x7fffffffffffffffULL;
}

/* CAMEO actor codes start with a country when the first three letters are
 * not one of the non-state prefixes. */
static int has_country(const char *code)
{
    static const char *const non_state[] = {"IGO", "NGO", "IMG", "MNC", "UIS", "INS", "REB", "---"};
    if (!code || strlen(code) < 3) return 0;
    for (size_t i = 0; i < sizeof non_state / sizeof *non_state; i++)
        if (!strncmp(code, non_state[i], 3)) return 0;
    return 1;
}

static void put_gdelt_actor(FILE *out, const char *code)
{
    /* Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
       Religion2Code, Type1Code, Type2Code, Type3Code */
    const char *c = code ? code : "";
    size_t len = strlen(c);
    int country = has_country(c);
    fprintf(out, "%s\t\t", c);
    if (country) fprintf(out, "%.3s", c);
    fputs("\t\t\t\t\t", out);
    size_t first_type = country ? 3 : 0;
    for (int t = 0; t < 3; t++) {
        size_t at = first_type + (size_t)t * 3;
        if (at + 3 <= len) fprintf(out, "%.3s", c + at);
        putc('\t', out);
    }
}

static void write_gdelt(FILE *out, const dyad_event *e)
{
    int32_t d = e->date;
    int year = d / 10000, month = d / 100 % 100, day = d % 100;
    fprintf(out, "%" PRIu64 "\t", event_id(e));
    if (d) fprintf(out, "%08d\t%04d%02d\t%04d\t%.4f\t", (int)d, year, month, year,
                   year + ((month - 1) * 30 + day) / 365.0);
    else fputs("\t\t\t\t", out);
    put_gdelt_actor(out, e->source);
    put_gdelt_actor(out, e->target);
    /* IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass,
       GoldsteinScale, NumMentions, NumSources, NumArticles, AvgTone */
    const char *code = e->code ? e->code : "";
    fprintf(out, "%d\t%s\t%.3s\t%s\t", e->sentence_index == 0, code, code, e->root_code);
    if (e->quad_class) fprintf(out, "%d", e->quad_class);
    putc('\t', out);
    if (e->has_goldstein) fprintf(out, "%.1f", e->goldstein);
    fputs("\t1\t1\t1\t", out);
    /* AvgTone, three geo blocks of 8 columns, DATEADDED: empty; SOURCEURL */
    for (int i = 0; i < 1 + 24 + 1; i++) putc('\t', out);
    put_tsv_cstr(out, e->url);
    putc('\n', out);
}

int dyad_write_header(FILE *out, dyad_output_format fmt)
{
    if (fmt == DYAD_OUTPUT_TSV && fputs(tsv_header, out) == EOF) return DYAD_EIO;
    return 0;
}

int dyad_write_event(FILE *out, dyad_output_format fmt, const dyad_event *e)
{
    switch (fmt) {
    case DYAD_OUTPUT_JSON: write_json(out, e); break;
    case DYAD_OUTPUT_TSV: write_tsv(out, e); break;
    case DYAD_OUTPUT_GDELT: write_gdelt(out, e); break;
    default: return DYAD_EARG;
    }
    return ferror(out) ? DYAD_EIO : 0;
}
