/* coder.c -- placeholder until the coder lands. */
#include <string.h>
#include "util/util.h"

dyad_dicts *dyad_dicts_load(const char *path, dyad_warn_fn warn, void *user, dyad_error *err)
{ (void)path; (void)warn; (void)user; dyad_fail(err, DYAD_EARG, "dictionaries not built yet"); return NULL; }
void dyad_dicts_free(dyad_dicts *d) { (void)d; }
void dyad_dicts_stats_get(const dyad_dicts *d, dyad_dicts_stats *out) { (void)d; memset(out, 0, sizeof *out); }
dyad_coder *dyad_coder_new(const dyad_dicts *d, dyad_error *err) { (void)d; dyad_fail(err, DYAD_EARG, "coder not built yet"); return NULL; }
void dyad_coder_free(dyad_coder *c) { (void)c; }
int dyad_coder_set_option(dyad_coder *c, const char *line, dyad_error *err) { (void)c; (void)line; (void)err; return 0; }
void dyad_coder_set_segmenting(dyad_coder *c, int on) { (void)c; (void)on; }
int dyad_coder_code(dyad_coder *c, const dyad_article *a, const dyad_result **out, dyad_error *err)
{ (void)c; (void)a; (void)out; return dyad_fail(err, DYAD_EARG, "coder not built yet"); }
