/*
 * options.c -- the coder's options, set from option lines as TABARI's
 * .options files and PETRARCH's configuration write them.
 *
 * TABARI options are commands ("SET: MINIMUM WORDS = 4", "COMPLEX:
 * VERBS[5] CONJ[4] NOACTPRIOR", "COMMA: MIN = 4 MAX = 6", "DEFAULT: SOURCE
 * [X] PRIOR"), PETRARCH's "name=value". A line is upper-cased once, parsed
 * into a copy of the options and committed only when it parsed, so a bad
 * line changes nothing. Lines that only concern output or bookkeeping
 * (LABEL:, OUTPUT:, SET: VERB USAGE...) are accepted and ignored; anything
 * else unknown is DYAD_EARG, because ignoring an option that changes coding
 * would silently code differently from the peer that wrote it.
 */
#include "code.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TABARI's defaults. The comma bounds are the ones its validation suite
 * restores with "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255
 * BMAX = 0" (an initial clause is never eliminated); the minimum sentence
 * length is the least that fits its MINWRD records. */
enum {
    TABARI_MIN_WORDS = 5,
    TABARI_COMMA_MIN = 2,
    TABARI_COMMA_MAX = 10,
    TABARI_COMMA_NEVER = 255
};

/* Comma clauses and a minimum length are TABARI heuristics: with other
 * dictionaries they are off until an option turns them on. Time shifts
 * apply when the dictionaries have any (TABARI does the same). */
void code_opts_default(code_opts *o, const dict *d)
{
    int tabari = d->flavor == DICT_FLAVOR_TABARI;
    memset(o, 0, sizeof *o);
    o->min_words = tabari ? TABARI_MIN_WORDS : 0;
    o->time_shift = d->n_times > 0;
    o->comma_on = tabari;
    o->comma_min = o->comma_emin = TABARI_COMMA_MIN;
    o->comma_max = o->comma_emax = TABARI_COMMA_MAX;
    o->comma_bmin = TABARI_COMMA_NEVER;
    o->comma_bmax = 0;
    o->code_by = CODE_BY_CLAUSE;
    o->require_dyad = 1;
}

enum { OPT_MAX_LINE = 512 };

/* The value after "NAME =" in an upper-cased option line. */
static const char *opt_after(const char *s, const char *name)
{
    const char *p = strstr(s, name);
    if (!p) return NULL;
    p += strlen(name);
    while (*p == ' ' || *p == '=') p++;
    return p;
}

static int opt_bool(const char *v, int *out)
{
    if (!strncmp(v, "TRUE", 4) || !strncmp(v, "ON", 2) || !strncmp(v, "1", 1)) *out = 1;
    else if (!strncmp(v, "FALSE", 5) || !strncmp(v, "OFF", 3) || !strncmp(v, "0", 1)) *out = 0;
    else return 0;
    return 1;
}

/* "VERBS[5]" in a COMPLEX: line. */
static int opt_bracket(const char *s, const char *name)
{
    const char *p = strstr(s, name);
    return p ? atoi(p + strlen(name)) : 0;
}

static int opt_set(code_opts *o, const char *s)
{
    const char *v;
    if ((v = opt_after(s, "TIME SHIFT"))) return opt_bool(v, &o->time_shift);
    if ((v = opt_after(s, "CONVERT AGENT"))) return opt_bool(v, &o->convert_agent);
    if ((v = opt_after(s, "MINIMUM WORDS"))) {
        o->min_words = atoi(v);
        return o->min_words >= 0;
    }
    if (strstr(s, "CODE BY SENTENCE")) return o->code_by = CODE_BY_SENTENCE, 1;
    if (strstr(s, "CODE BY CLAUSE")) return o->code_by = CODE_BY_CLAUSE, 1;
    if (strstr(s, "CODE ALL")) return o->code_by = CODE_BY_ALL, 1;
    /* Settings about reading, output and bookkeeping: nothing to code. */
    static const char *const harmless[] = {"YYYY", "SKIP RECORDS", "USAGE", "LABEL",
                                           "DUP WARNING", "FBIS", "ALLCAPS", "CHECK DOMINANT"};
    for (size_t i = 0; i < sizeof harmless / sizeof harmless[0]; i++)
        if (strstr(s, harmless[i])) return 1;
    return 0;
}

static int opt_comma(code_opts *o, const char *s)
{
    static const struct { const char *name; size_t off; } keys[] = {
        {" EMIN", offsetof(code_opts, comma_emin)}, {" EMAX", offsetof(code_opts, comma_emax)},
        {" BMIN", offsetof(code_opts, comma_bmin)}, {" BMAX", offsetof(code_opts, comma_bmax)},
        {" MIN", offsetof(code_opts, comma_min)},   {" MAX", offsetof(code_opts, comma_max)},
    };
    if (strstr(s, "OFF")) return o->comma_on = 0, 1;
    o->comma_on = 1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *p = s;
        /* " MIN" also occurs inside " EMIN": take the occurrence that is whole. */
        while ((p = strstr(p, keys[i].name)) && p[strlen(keys[i].name)] != ' ' &&
               p[strlen(keys[i].name)] != '=')
            p++;
        if (p) *(int *)((char *)o + keys[i].off) = atoi(opt_after(p, keys[i].name));
    }
    return 1;
}

static void opt_code(const char *s, const char *key, char *out)
{
    const char *p = strstr(s, key);
    if (!p || !(p = strchr(p, '['))) return;
    size_t n = strcspn(p + 1, "]");
    if (n >= CODE_MAX_CODE) n = CODE_MAX_CODE - 1;
    memcpy(out, p + 1, n);
    out[n] = '\0';
}

static int opt_default(code_opts *o, const char *s)
{
    if (strstr(s, "OFF")) {
        o->default_source[0] = o->default_target[0] = '\0';
        return 1;
    }
    opt_code(s, "SOURCE", o->default_source);
    opt_code(s, "TARGET", o->default_target);
    o->default_prior = strstr(s, "PRIOR") != NULL;
    o->default_after = strstr(s, "AFTER") != NULL;
    return 1;
}

static int opt_complex(code_opts *o, const char *s)
{
    o->max_verbs = opt_bracket(s, "VERBS[");
    o->max_conj = opt_bracket(s, "CONJ[");
    o->no_actor_prior = strstr(s, "NOACTPRIOR") != NULL;
    return 1;
}

/* PETRARCH's "name=value" options: require_dyad, and those that do not
 * change dyad's coding. */
static int opt_petrarch(code_opts *o, const char *s)
{
    const char *v = opt_after(s, "REQUIRE_DYAD");
    if (v && !strncmp(s, "REQUIRE_DYAD", 12)) return opt_bool(v, &o->require_dyad);
    if (!strncmp(s, "COMMA_", 6)) { /* "COMMA_EMAX=6" is TABARI's "COMMA: EMAX = 6" */
        char line[OPT_MAX_LINE];
        snprintf(line, sizeof line, " %s", s + 6);
        return opt_comma(o, line);
    }
    if ((v = opt_after(s, "NEW_ACTOR_LENGTH")) && !strncmp(s, "NEW_ACTOR_LENGTH", 16)) {
        o->new_actor_length = atoi(v);
        return o->new_actor_length >= 0;
    }
    static const char *const known[] = {"STOP_ON_ERROR",
                                        "WRITE_ACTOR_ROOT", "WRITE_ACTOR_TEXT",
                                        "WRITE_EVENT_TEXT", "CODE_BY_SENTENCE",
                                        "DEBUG", "PRONOUN"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strncmp(s, known[i], strlen(known[i]))) return 1;
    return 0;
}

static int opt_apply(code_opts *o, const char *s)
{
    static const char *const ignored[] = {"OUTPUT:", "LABEL:", "ISSUES:", "REPLACE:"};
    if (!*s || s[0] == '#' || !strncmp(s, "//", 2)) return 1;
    if (!strncmp(s, "SET:", 4)) return opt_set(o, s + 4);
    if (!strncmp(s, "COMPLEX:", 8)) return opt_complex(o, s + 8);
    if (!strncmp(s, "COMMA:", 6)) return opt_comma(o, s + 6);
    if (!strncmp(s, "DEFAULT:", 8)) return opt_default(o, s + 8);
    if (!strncmp(s, "FORWARD:", 8)) return o->forward = !strstr(s, " OFF"), 1;
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        if (!strncmp(s, ignored[i], strlen(ignored[i]))) return 1;
    return strchr(s, '=') && opt_petrarch(o, s);
}

int dyad_coder_set_option(dyad_coder *c, const char *line, dyad_error *err)
{
    char s[OPT_MAX_LINE];
    if (!c || !line) return dyad_fail(err, DYAD_EARG, "dyad_coder_set_option: no coder or line");
    while (isspace((unsigned char)*line)) line++;
    size_t n = strlen(line);
    if (n >= sizeof s) return dyad_fail(err, DYAD_EARG, "option line too long: %.40s...", line);
    for (size_t i = 0; i <= n; i++) s[i] = (char)toupper((unsigned char)line[i]);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    code_opts o = c->opt;
    if (!opt_apply(&o, s)) return dyad_fail(err, DYAD_EARG, "unknown option: %s", line);
    c->opt = o;
    return 0;
}
