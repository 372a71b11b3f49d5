/*
 * test_actor_codes.c -- the CAMEO actor-code parts (build/gen/actor_table.h
 * from Debian's iso-codes and data/cameo/actors.tsv): lookups, the table's
 * order, every ISO 3166-1 alpha-3 code of the installed iso-codes file, and
 * the well-formedness check of full codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dyad.h"

static const char ISO_FILE[] = "/usr/share/iso-codes/json/iso_3166-1.json";

static void test_lookup(void)
{
    const dyad_actor_code *c = dyad_actor_get("ZWE");
    CHECK(c && c->kind == DYAD_ACTOR_COUNTRY);
    if (c) CHECK_STR(c->name, "Zimbabwe");
    c = dyad_actor_get("GOV");
    CHECK(c && c->kind == DYAD_ACTOR_ROLE);
    CHECK(dyad_actor_get("KSV") && dyad_actor_get("KSV")->kind == DYAD_ACTOR_COUNTRY);
    CHECK(dyad_actor_get("IGO") && dyad_actor_get("IGO")->kind == DYAD_ACTOR_SECTOR);
    CHECK(dyad_actor_get("UNO") && dyad_actor_get("UNO")->kind == DYAD_ACTOR_ORGANISATION);
    CHECK(dyad_actor_get("WAF") && dyad_actor_get("WAF")->kind == DYAD_ACTOR_REGION);
    CHECK(dyad_actor_get("XYZ") == NULL);
    CHECK(dyad_actor_get("ZW") == NULL);
    CHECK(dyad_actor_get("ZWEG") == NULL);
    CHECK(dyad_actor_get(NULL) == NULL);
    CHECK_STR(dyad_actor_kind_name(DYAD_ACTOR_ORGANISATION), "organisation");
    CHECK_STR(dyad_actor_kind_name((dyad_actor_kind)99), "unknown");
}

static void test_table_sorted(void)
{
    size_t n;
    const dyad_actor_code *t = dyad_actor_table(&n);
    CHECK(n > 300);
    for (size_t i = 0; i < n; i++) {
        CHECK_INT(strlen(t[i].code), 3);
        CHECK(t[i].name && t[i].name[0]);
        if (i) CHECK(strcmp(t[i - 1].code, t[i].code) < 0);
        CHECK(dyad_actor_get(t[i].code) == &t[i]);
    }
}

/* Every "alpha_3" of the installed iso-codes file is a country here: the
 * countries are taken from that file, not typed. */
static void test_every_iso_country(void)
{
    FILE *f = fopen(ISO_FILE, "r");
    if (!f) {
        printf("SKIP test_every_iso_country: %s not installed\n", ISO_FILE);
        return;
    }
    char line[512];
    int seen = 0;
    while (fgets(line, sizeof line, f)) {
        char code[4];
        const char *p = strstr(line, "\"alpha_3\": \"");
        if (!p || sscanf(p + strlen("\"alpha_3\": \""), "%3[A-Z]", code) != 1) continue;
        const dyad_actor_code *c = dyad_actor_get(code);
        CHECK(c && c->kind == DYAD_ACTOR_COUNTRY);
        seen++;
    }
    fclose(f);
    CHECK(seen >= 249);
}

static void test_full_codes(void)
{
    size_t at = 99;
    CHECK_INT(dyad_actor_code_check("ZWEGOVMIL", &at), 1);
    CHECK_INT(at, 0);
    CHECK_INT(dyad_actor_code_check("IGOUNOWFP", NULL), 1);
    CHECK_INT(dyad_actor_code_check("IGOWSTNAT", NULL), 1);
    CHECK_INT(dyad_actor_code_check("---GOV", NULL), 1);
    CHECK_INT(dyad_actor_code_check("USA", NULL), 1);
    CHECK_INT(dyad_actor_code_check("ZWEGOVXYZ", &at), 0);
    CHECK_INT(at, 6);
    CHECK_INT(dyad_actor_code_check("ZWEGO", &at), 0); /* a short last part */
    CHECK_INT(at, 3);
    CHECK_INT(dyad_actor_code_check("GOVZWE", &at), 0); /* a role cannot lead */
    CHECK_INT(at, 0);
    CHECK_INT(dyad_actor_code_check("ZWE---", &at), 0); /* "---" only first */
    CHECK_INT(at, 3);
    CHECK_INT(dyad_actor_code_check("", NULL), 0);
    CHECK_INT(dyad_actor_code_check(NULL, NULL), 0);
}

static void test_problems(void)
{
    char why[128];
    CHECK(dyad_actor_code_problem("ZWEGOVMIL", why, sizeof why) == NULL);
    CHECK_STR(dyad_actor_code_problem("ZWEGOVXYZ", why, sizeof why),
              "'XYZ' at 6 is not a CAMEO actor-code part");
    CHECK_STR(dyad_actor_code_problem("GOVZWE", why, sizeof why),
              "'GOV' is a role, which cannot start a code");
    CHECK_STR(dyad_actor_code_problem("ZWEG", why, sizeof why), "'G' at 3 is not three characters");
    CHECK_STR(dyad_actor_code_problem("ZWE---", why, sizeof why),
              "'---' (unknown actor) can only come first");
    CHECK_STR(dyad_actor_code_problem("", why, sizeof why), "empty code");
}

int main(void)
{
    RUN(test_lookup);
    RUN(test_table_sorted);
    RUN(test_every_iso_country);
    RUN(test_full_codes);
    RUN(test_problems);
    return check_done();
}
