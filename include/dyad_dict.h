/*
 * dyad_dict.h -- tools for dictionary maintainers: lint a dictionary set
 * and convert it between formats.
 *
 * Both read dictionaries the way dyad_dicts_load does (a TABARI .project,
 * a PETRARCH-1/2 PETR_config.ini or validation XML, dyad's folder, or single
 * dictionary files), into the same model the coder compiles, so that what
 * they report is what the coder sees.
 *
 * Messages go to a dyad_warn_fn with the dictionary file and line they are
 * about; they are valid only during the call. Include after dyad.h.
 */
#ifndef DYAD_DICT_H_PUBLIC
#define DYAD_DICT_H_PUBLIC

#include "dyad.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Lints the dictionaries named by paths[0..n_paths), loaded together as one
 * set (n_paths == 0: dyad's defaults, as dyad_dicts_load(NULL)). Reports,
 * sorted by file and line: malformed lines (the readers' warnings), event
 * codes not in dyad's CAMEO table, actor codes not made of known parts
 * (dyad_actor_code_check), a phrase in two actor or agent groups (or a
 * verb in two blocks) with different codes, date windows of one actor that
 * overlap with different codes or follow an undated block, and patterns
 * that can never win (a repeat of, or shadowed by, an earlier pattern of
 * the same verb block). Returns the number of findings (0: clean) or a
 * negative dyad_status when a path cannot be read at all (err says why). */
long dyad_dict_check(const char *const *paths, size_t n_paths, dyad_warn_fn report,
                     void *user, dyad_error *err);

typedef enum dyad_dict_format {
    DYAD_DICT_DYAD = 0,  /* dyad's folder: dyad.actors.txt, dyad.agents.txt,
                            dyad.verbs.txt, dyad.discards.txt (data/README.md) */
    DYAD_DICT_PETRARCH2  /* PETRARCH-2: PETR_config.ini naming
                            PETR.actors.txt, PETR.agents.txt, PETR.verbs.txt,
                            PETR.discards.txt, and its [Options] */
} dyad_dict_format;

/* Writes the dictionaries of `path` (NULL: dyad's defaults) into the folder
 * `out_dir` (created when missing; the files are replaced) in `format`.
 * Every entry the target cannot express as read (TABARI stems and endings,
 * words allowed between a phrase's words, time shifts, options...) is
 * reported to `warn` with its source file and line, and written as close as
 * the format allows or left out, as the message says. Malformed source
 * lines are reported too. Returns the number of such reports, or a
 * negative dyad_status (err says why). */
long dyad_dict_convert(const char *path, dyad_dict_format format, const char *out_dir,
                       dyad_warn_fn warn, void *user, dyad_error *err);

#ifdef __cplusplus
}
#endif

#endif
