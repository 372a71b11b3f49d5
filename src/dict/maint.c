/*
 * maint.c -- the public face of the dictionary maintainers' tools:
 * dyad_dict_check and dyad_dict_convert load a set the way the coder does,
 * run check.c or write.c over the model, and hand every message to the
 * caller sorted by file and line.
 *
 * Messages are collected rather than passed straight on because they come
 * from two passes (the readers while loading, then the check or the
 * writer) and a maintainer reads them file by file, top to bottom.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dict/dict_maint.h"

#ifndef DYAD_DATADIR
#define DYAD_DATADIR "data"
#endif

typedef struct message {
    char *file;   /* NULL: about the whole set */
    long line;
    size_t order; /* arrival, to keep one line's messages in order */
    char *text;
} message;

typedef struct collector {
    message *items;
    size_t n, cap;
    int oom;
} collector;

static void collect(void *user, const char *file, long line, const char *text)
{
    collector *c = user;
    message *m = c->oom ? NULL : dyad_grow(&c->items, &c->n, &c->cap, sizeof *m);
    if (!m) {
        c->oom = 1;
        return;
    }
    m->file = file ? strdup(file) : NULL;
    m->line = line;
    m->order = c->n - 1;
    m->text = strdup(text ? text : "");
    if ((file && !m->file) || !m->text) c->oom = 1;
}

/* Messages about the whole set (no file) come last. */
static int compare_messages(const void *a, const void *b)
{
    const message *x = a, *y = b;
    if (!x->file != !y->file) return x->file ? -1 : 1;
    int c = x->file ? strcmp(x->file, y->file) : 0;
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Sorts, hands on and frees the messages; returns how many. */
static long deliver(collector *c, dyad_warn_fn report, void *user)
{
    if (c->n) qsort(c->items, c->n, sizeof *c->items, compare_messages);
    for (size_t i = 0; i < c->n; i++) {
        if (report) report(user, c->items[i].file, c->items[i].line, c->items[i].text);
        free(c->items[i].file);
        free(c->items[i].text);
    }
    free(c->items);
    return (long)c->n;
}

/* dyad's own dictionaries: $DYAD_DATA, else the data/ folder of the build. */
const char *dict_default_path(dyad_error *err)
{
    const char *path = getenv("DYAD_DATA");
    if (!path || !*path) path = DYAD_DATADIR;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        dyad_fail(err, DYAD_ENOTFOUND,
                  "%s: no dictionary folder there (set DYAD_DATA, or name the dictionaries)", path);
        return NULL;
    }
    return path;
}

/* Loads every path into one model that reports to `c`. */
static dict *load_all(const char *const *paths, size_t n_paths, collector *c, dyad_error *err)
{
    const char *fallback = NULL;
    if (!n_paths) {
        if (!(fallback = dict_default_path(err))) return NULL;
        paths = &fallback;
        n_paths = 1;
    }
    dict *d = dict_new(collect, c);
    if (!d) {
        dyad_fail(err, DYAD_ENOMEM, "loading dictionaries: out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n_paths; i++)
        if (dict_load(d, paths[i], err)) {
            dict_free(d);
            return NULL;
        }
    return d;
}

static long finish(dict *d, collector *c, int rc, dyad_warn_fn report, void *user, dyad_error *err)
{
    dict_free(d);
    long n = deliver(c, rc ? NULL : report, user);
    if (rc) return rc;
    if (c->oom) return dyad_fail(err, DYAD_ENOMEM, "dictionary messages: out of memory");
    return n;
}

long dyad_dict_check(const char *const *paths, size_t n_paths, dyad_warn_fn report, void *user,
                     dyad_error *err)
{
    collector c = {0};
    dict *d = load_all(paths, n_paths, &c, err);
    int rc = d ? dict_check(d, err) : err ? err->code : DYAD_EDICT;
    if (!d && !rc) rc = DYAD_EDICT;
    return finish(d, &c, rc, report, user, err);
}

long dyad_dict_convert(const char *path, dyad_dict_format format, const char *out_dir,
                       dyad_warn_fn warn, void *user, dyad_error *err)
{
    collector c = {0};
    if (!out_dir || (format != DYAD_DICT_DYAD && format != DYAD_DICT_PETRARCH2))
        return dyad_fail(err, DYAD_EARG, "dict convert: no output folder or unknown format");
    dict *d = load_all(path ? &path : NULL, path ? 1 : 0, &c, err);
    int rc = d ? dict_write(d, format, out_dir, err) : err ? err->code : DYAD_EDICT;
    if (!d && !rc) rc = DYAD_EDICT;
    return finish(d, &c, rc, warn, user, err);
}
