/*
 * write.c -- events out: JSON Lines, TSV and GDELT 2.0 event-table rows.
 *
 * Writers take a FILE* the caller owns; they format straight into it with
 * no intermediate tree, since output speed bounds the whole pipeline. So an
 * event locks the stream once (flockfile) and writes through the unlocked
 * calls; strings go out in runs between the bytes to escape (a 256-entry
 * table), numbers without printf where they are plain.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

/* Bytes a JSON string cannot hold as they are: controls, '"' and '\\'. */
static const uint8_t json_escaped[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1,  ['\\'] = 1,
};

/* A decimal without printf for the common non-negative case. */
static void put_long(FILE *out, long v)
{
    if (v < 0) {
        fprintf(out, "%ld", v);
        return;
    }
    char digits[24], *p = digits + sizeof digits;
    unsigned long u = (unsigned long)v;
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    fwrite(p, 1, (size_t)(digits + sizeof digits - p), out);
}

static void put_json_string(FILE *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    putc_unlocked('"', out);
    for (size_t i = 0; i < len; i++) {
        size_t run = i;
        while (run < len && !json_escaped[(unsigned char)s[run]]) run++;
        if (run > i) fwrite(s + i, 1, run - i, out);
        if (run == len) break;
        i = run;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            fputs("\\u00", out); /* c < 0x20: json_escaped holds no other */
            putc_unlocked(hex[c >> 4], out);
            putc_unlocked(hex[c & 15], out);
        }
    }
    putc_unlocked('"', out);
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
    if (date < 0 || date > 99991231) {
        fprintf(out, "%04d-%02d-%02d", (int)(date / 10000), (int)(date / 100 % 100),
                (int)(date % 100));
        return;
    }
    int y = (int)(date / 10000), m = (int)(date / 100 % 100), d = (int)(date % 100);
    char b[10] = {(char)('0' + y / 1000),     (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                  (char)('0' + y % 10),       '-',
                  (char)('0' + m / 10),       (char)('0' + m % 10),       '-',
                  (char)('0' + d / 10),       (char)('0' + d % 10)};
    fwrite(b, 1, sizeof b, out);
}

static void put_json_span(FILE *out, const char *name, dyad_span s)
{
    putc_unlocked('"', out);
    fputs(name, out);
    fputs("\":", out);
    if (s.begin < 0) {
        fputs("null", out);
        return;
    }
    putc_unlocked('[', out);
    put_long(out, (long)(int)s.begin);
    putc_unlocked(',', out);
    put_long(out, (long)(int)s.end);
    putc_unlocked(']', out);
}

static void write_json(FILE *out, const dyad_event *e)
{
    fputs("{\"article_id\":", out);
    put_json_cstr(out, e->article_id);
    fputs(",\"sentence_id\":", out);
    put_long(out, (long)e->sentence_index);
    fputs(",\"date\":", out);
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
    if (e->quad_class) put_long(out, (long)e->quad_class);
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
    fputs(",\"line\":", out);
    put_long(out, e->rule_line);
    fputs(",\"text\":", out);
    put_json_cstr(out, e->rule_text);
    putc('}', out);
    if (e->dep_path) {
        fputs(",\"path\":", out);
        put_json_cstr(out, e->dep_path);
    }
    fputs("}}\n", out);
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
    if (fmt != DYAD_OUTPUT_JSON && fmt != DYAD_OUTPUT_TSV && fmt != DYAD_OUTPUT_GDELT)
        return DYAD_EARG;
    flockfile(out); /* one event, one lock: the writers use the _unlocked calls */
    switch (fmt) {
    case DYAD_OUTPUT_JSON: write_json(out, e); break;
    case DYAD_OUTPUT_TSV: write_tsv(out, e); break;
    default: write_gdelt(out, e); break;
    }
    int failed = ferror(out);
    funlockfile(out);
    return failed ? DYAD_EIO : 0;
}
