/*
 * dict_maint.h -- what the dictionary maintainers' tools share (internal to
 * src/dict/): check.c lints a loaded model, write.c writes one in dyad's or
 * PETRARCH-2's format, maint.c is their public face (dyad_dict_check,
 * dyad_dict_convert).
 *
 * Both report through dict_warn, like the readers, so that a finding, a
 * malformed line and a feature lost in conversion reach the caller the same
 * way: file, line, message.
 */
#ifndef DYAD_DICT_MAINT_H
#define DYAD_DICT_MAINT_H

#include "dict/dict_read.h" /* dict_style */

/* ---- text of model pieces, as the PETRARCH-2 syntax writes them (write.c) */

/* The inside of "[...]": "064", "---", "###", "+++", "064?", "A:B", ":B". */
int dict_code_text(const dict_event_code *c, dyad_buf *out);

/* A date window as an actor code block writes it: "", ">20171124",
 * "<20171106", "20141212-20171106": the end is the day after `to` in
 * PETRARCH's style, `to` itself in TABARI's. */
int dict_window_text(int32_t from, int32_t to, dict_style style, dyad_buf *out);

/* A pattern sequence: "* TALKS_WITH + &TIETYPES { A | B }". With joins 0
 * the '_' joins of its own elements are written as blanks, which makes a
 * key for "the same words in the same order". */
int dict_seq_text(const dict *d, const dict_seq *seq, int joins, dyad_buf *out);

/* The synset whose members `alts` are (what a DICT_E_ALT of "&NAME" points
 * to), or NULL for a written { a | b }. */
const dict_synset *dict_synset_of(const dict *d, const dict_seq *alts);

/* Writes `d` into the folder `dir` in `format`; what the format cannot
 * express is reported through dict_warn. 0 or a negative dyad_status. */
int dict_write(dict *d, dyad_dict_format format, const char *dir, dyad_error *err);

/* The rules a dyad folder's file asks to be coded with: PETRARCH-1 or -2
 * when `path` is a *.verbs.txt whose header has the line "# rules:
 * PETRARCH-1" or "# rules: PETRARCH-2" and `flavor` is DYAD (a folder's
 * default), else `flavor`. */
dict_flavor dict_file_rules(const char *path, dict_flavor flavor);

/* ---- lint (check.c) ------------------------------------------------------ */

/* Reports every finding about `d` through dict_warn. 0 or DYAD_ENOMEM. */
int dict_check(dict *d, dyad_error *err);

/* ---- defaults (maint.c) --------------------------------------------------- */

/* dyad's own dictionary folder: $DYAD_DATA, else the data/ folder of the
 * build; NULL (err set) when that is not a folder. */
const char *dict_default_path(dyad_error *err);

#endif
