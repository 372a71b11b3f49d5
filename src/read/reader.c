/* reader.c -- placeholder until the readers land. */
#include "util/util.h"

int32_t dyad_date_parse(const char *text, size_t len) { (void)text; (void)len; return 0; }
dyad_reader *dyad_reader_open(const char *path, dyad_input_format format, dyad_error *err)
{ (void)path; (void)format; dyad_fail(err, DYAD_EARG, "readers not built yet"); return NULL; }
dyad_reader *dyad_reader_open_stream(FILE *stream, const char *name, dyad_input_format format, dyad_error *err)
{ (void)stream; (void)name; (void)format; dyad_fail(err, DYAD_EARG, "readers not built yet"); return NULL; }
void dyad_reader_close(dyad_reader *r) { (void)r; }
int dyad_reader_next(dyad_reader *r, const dyad_article **out, dyad_error *err) { (void)r; (void)out; (void)err; return 0; }
dyad_input_format dyad_reader_format(const dyad_reader *r) { (void)r; return DYAD_INPUT_AUTO; }
