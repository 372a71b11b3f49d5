/*
 * actor_codes.c -- the parts CAMEO actor codes are made of ("ZWE", "GOV",
 * "IGO", "UNO", ...) and the check that a full code is built from them.
 *
 * Like cameo.c, nothing is typed here: scripts/gen-actor_table merges the
 * ISO 3166-1 countries of Debian's iso-codes with data/cameo/actors.tsv into
 * the sorted constant array of build/gen/actor_table.h. Lookups are a binary
 * search over constant data, safe from any thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "actor_table.h"

enum { PART_LEN = 3 };

static int compare_part(const void *key, const void *entry)
{
    return strcmp(key, ((const dyad_actor_code *)entry)->code);
}

const dyad_actor_code *dyad_actor_get(const char *part)
{
    if (!part || strlen(part) != PART_LEN) return NULL;
    return bsearch(part, actor_table, ACTOR_TABLE_LEN, sizeof *actor_table, compare_part);
}

const dyad_actor_code *dyad_actor_table(size_t *n)
{
    if (n) *n = ACTOR_TABLE_LEN;
    return actor_table;
}

const char *dyad_actor_kind_name(dyad_actor_kind kind)
{
    /* ORDER dyad_actor_kind: the words scripts/gen-actor_table reads. */
    static const char *const names[] = {"unknown", "country", "region", "sector",
                                        "organisation", "role", "religion"};
    return kind >= DYAD_ACTOR_COUNTRY && kind <= DYAD_ACTOR_RELIGION ? names[kind] : names[0];
}

/* A role or religion qualifies an actor; it cannot be the actor. */
static int may_start(const dyad_actor_code *c)
{
    return c->kind != DYAD_ACTOR_ROLE && c->kind != DYAD_ACTOR_RELIGION;
}

int dyad_actor_code_check(const char *code, size_t *bad_at)
{
    size_t len = code ? strlen(code) : 0, at = 0;
    if (bad_at) *bad_at = 0;
    if (!len) return 0;
    for (; at < len; at += PART_LEN) {
        char part[PART_LEN + 1] = {0};
        if (len - at < PART_LEN) break;
        memcpy(part, code + at, PART_LEN);
        if (at == 0 && !strcmp(part, "---")) continue;
        const dyad_actor_code *c = dyad_actor_get(part);
        if (!c || (at == 0 && !may_start(c))) break;
    }
    if (at >= len) return 1;
    if (bad_at) *bad_at = at;
    return 0;
}

const char *dyad_actor_code_problem(const char *code, char *buf, size_t cap)
{
    size_t at;
    if (dyad_actor_code_check(code, &at) || !buf || !cap) return NULL;
    const char *part = code ? code + at : "";
    char first[PART_LEN + 1] = {0};
    if (!*part) snprintf(buf, cap, "empty code");
    else if (strlen(part) < PART_LEN)
        snprintf(buf, cap, "'%s' at %zu is not three characters", part, at);
    else if (!strncmp(part, "---", PART_LEN))
        snprintf(buf, cap, "'---' (unknown actor) can only come first");
    else if (at == 0 && dyad_actor_get(memcpy(first, part, PART_LEN)))
        snprintf(buf, cap, "'%s' is a %s, which cannot start a code", first,
                 dyad_actor_kind_name(dyad_actor_get(first)->kind));
    else snprintf(buf, cap, "'%.3s' at %zu is not a CAMEO actor-code part", part, at);
    return buf;
}
