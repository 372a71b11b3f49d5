/*
 * cameo.c -- CAMEO event-code facts: name, Goldstein value, QuadClass and
 * PLOVER event type and mode for each of the 311 CAMEO 1.1b3 codes.
 *
 * The facts live in data/cameo/codes.tsv (see data/cameo/README.md for their
 * sources); scripts/gen-cameo_table checks that file and turns it into the
 * sorted static array of build/gen/cameo_table.h, so there is no table typed
 * into C here and nothing to load or free at run time: lookups are a binary
 * search over constant data, safe from any thread.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "cameo_table.h"

static int compare_code(const void *key, const void *entry)
{
    return strcmp(key, ((const dyad_cameo_code *)entry)->code);
}

const dyad_cameo_code *dyad_cameo_get(const char *code)
{
    if (!code) return NULL;
    return bsearch(code, cameo_table, CAMEO_TABLE_LEN, sizeof *cameo_table, compare_code);
}

const dyad_cameo_code *dyad_cameo_table(size_t *n)
{
    if (n) *n = CAMEO_TABLE_LEN;
    return cameo_table;
}

/* The root entry of a code that is all digits, or NULL. An unknown code
 * such as "0215" still tells its QuadClass through its root "02". */
static const dyad_cameo_code *root_of(const char *code)
{
    size_t len = strlen(code);
    if (len < 2) return NULL;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)code[i])) return NULL;
    char root[3] = {code[0], code[1], '\0'};
    return dyad_cameo_get(root);
}

int dyad_cameo_lookup(const char *code, int *quad_class, double *goldstein)
{
    if (quad_class) *quad_class = 0;
    if (goldstein) *goldstein = 0;
    if (!code) return 0;
    const dyad_cameo_code *entry = dyad_cameo_get(code);
    if (!entry) {
        const dyad_cameo_code *root = root_of(code);
        if (root && quad_class) *quad_class = root->quad_class;
        return 0;
    }
    if (quad_class) *quad_class = entry->quad_class;
    if (goldstein) *goldstein = entry->goldstein;
    return 1;
}
