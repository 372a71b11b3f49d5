/*
 * cameo.c -- CAMEO event-code facts: QuadClass and Goldstein value.
 *
 * Until dyad's full CAMEO table lands (the dictionaries issue) the facts come
 * from the 20 root classes: every code takes its root's QuadClass, and only
 * a root code itself (two digits, or a three-digit code ending in 0 that
 * restates the root) gets the root's Goldstein value.
 */
#include <ctype.h>
#include <string.h>

#include "util/util.h"

typedef struct cameo_root {
    int quad_class;
    double goldstein;
} cameo_root;

/* Index = root class 1..20 (ORDER CAMEO ROOT). Goldstein values are those
 * of the CAMEO 1.1b3 codebook for the root codes 01..20. */
static const cameo_root roots[21] = {
    {0, 0},
    {1, 0.0},   /* 01 make public statement */
    {1, 3.0},   /* 02 appeal */
    {1, 4.0},   /* 03 express intent to cooperate */
    {1, 1.0},   /* 04 consult */
    {1, 3.5},   /* 05 engage in diplomatic cooperation */
    {2, 6.0},   /* 06 engage in material cooperation */
    {2, 7.0},   /* 07 provide aid */
    {2, 5.0},   /* 08 yield */
    {3, -2.0},  /* 09 investigate */
    {3, -5.0},  /* 10 demand */
    {3, -2.0},  /* 11 disapprove */
    {3, -4.0},  /* 12 reject */
    {3, -6.0},  /* 13 threaten */
    {3, -6.5},  /* 14 protest */
    {4, -7.2},  /* 15 exhibit force posture */
    {4, -4.0},  /* 16 reduce relations */
    {4, -7.0},  /* 17 coerce */
    {4, -9.0},  /* 18 assault */
    {4, -10.0}, /* 19 fight */
    {4, -10.0}, /* 20 use unconventional mass violence */
};

int dyad_cameo_lookup(const char *code, int *quad_class, double *goldstein)
{
    if (quad_class) *quad_class = 0;
    if (goldstein) *goldstein = 0;
    if (!code || !isdigit((unsigned char)code[0]) || !isdigit((unsigned char)code[1]))
        return 0;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root < 1 || root > 20) return 0;
    if (quad_class) *quad_class = roots[root].quad_class;
    size_t len = strlen(code);
    int is_root = len == 2 || (len == 3 && code[2] == '0');
    if (!is_root) return 0;
    if (goldstein) *goldstein = roots[root].goldstein;
    return 1;
}
