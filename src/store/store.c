/*
 * store.c -- the public dyad_store: batches, article identity, dispatch.
 *
 * Everything a backend would otherwise repeat lives here. An article's key
 * is its id (or a hash of its text when it has none); its fingerprint is a
 * hash of the article and of its coding, so re-putting the same article is
 * a lookup and nothing more, and a changed article or a new coding of it
 * is detected without comparing rows. Batches are committed every
 * batch_size puts so a long ingest keeps transactions bounded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/util.h"

enum { DEFAULT_BATCH_SIZE = 500 };

struct dyad_store {
    const store_ops *ops;
    store_backend *backend;
    size_t batch_size, in_batch;
    int batch_open;
    char *dict_version;
    text_span *spans; /* sentence spans of the article being put, reused */
    size_t n_spans, spans_cap;
};

dyad_store *dyad_store_open(const char *path, int flags, dyad_error *err)
{
    if (!path || !*path) {
        dyad_fail(err, DYAD_EARG, "store: no database path given");
        return NULL;
    }
    dyad_store *s = calloc(1, sizeof *s);
    if (!s) {
        dyad_fail(err, DYAD_ENOMEM, "store: out of memory");
        return NULL;
    }
    s->ops = &store_sqlite_ops;
    s->batch_size = DEFAULT_BATCH_SIZE;
    s->backend = s->ops->open(path, flags, err);
    if (!s->backend) {
        free(s);
        return NULL;
    }
    return s;
}

void dyad_store_close(dyad_store *s)
{
    if (!s) return;
    if (s->batch_open) dyad_store_commit(s, NULL);
    s->ops->close(s->backend);
    free(s->spans);
    free(s->dict_version);
    free(s);
}

int dyad_store_begin(dyad_store *s, dyad_error *err)
{
    if (s->batch_open) return dyad_fail(err, DYAD_EARG, "store: a batch is already open");
    int rc = s->ops->begin(s->backend, err);
    if (rc < 0) return rc;
    s->batch_open = 1;
    s->in_batch = 0;
    return 0;
}

int dyad_store_commit(dyad_store *s, dyad_error *err)
{
    if (!s->batch_open) return 0;
    s->batch_open = 0;
    return s->ops->commit(s->backend, err);
}

void dyad_store_rollback(dyad_store *s)
{
    if (!s->batch_open) return;
    s->batch_open = 0;
    s->ops->rollback(s->backend);
}

void dyad_store_set_batch_size(dyad_store *s, size_t n) { s->batch_size = n ? n : 1; }

void dyad_store_set_busy_timeout(dyad_store *s, int ms)
{
    s->ops->set_busy_timeout(s->backend, ms > 0 ? ms : 0);
}

int dyad_store_bulk_begin(dyad_store *s, dyad_error *err)
{
    if (s->batch_open) return dyad_fail(err, DYAD_EARG, "store: bulk loading starts outside a batch");
    return s->ops->bulk(s->backend, 1, err);
}

int dyad_store_bulk_end(dyad_store *s, dyad_error *err)
{
    if (s->batch_open) return dyad_fail(err, DYAD_EARG, "store: bulk loading ends outside a batch");
    return s->ops->bulk(s->backend, 0, err);
}

int dyad_store_set_cache_size(dyad_store *s, size_t megabytes, dyad_error *err)
{
    return s->ops->set_cache_size(s->backend, megabytes ? megabytes : 1, err);
}

/* FNV-1a, 64 bits: not cryptographic, but a changed article colliding with
 * its own old version is not a risk worth a dependency. */
typedef struct hasher {
    uint64_t h;
} hasher;

static void hash_bytes(hasher *hs, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) hs->h = (hs->h ^ b[i]) * 1099511628211ULL;
}

/* Strings are hashed with a terminator so ("ab","c") differs from ("a","bc"),
 * and NULL differs from "". */
static void hash_str(hasher *hs, const char *s, size_t n)
{
    static const unsigned char null_mark = 0xfe, end_mark = 0xff;
    if (!s) {
        hash_bytes(hs, &null_mark, 1);
        return;
    }
    hash_bytes(hs, s, n);
    hash_bytes(hs, &end_mark, 1);
}

static void hash_cstr(hasher *hs, const char *s) { hash_str(hs, s, s ? strlen(s) : 0); }

static void hash_long(hasher *hs, long v) { hash_bytes(hs, &v, sizeof v); }

static void hash_event(hasher *hs, const dyad_event *e)
{
    hash_long(hs, e->sentence_index);
    hash_long(hs, e->date);
    hash_cstr(hs, e->source);
    hash_cstr(hs, e->target);
    hash_cstr(hs, e->code);
    hash_long(hs, e->quad_class);
    hash_long(hs, e->has_goldstein ? (long)(e->goldstein * 10) : -1000);
    hash_str(hs, e->sentence, e->sentence_len);
    const dyad_span spans[3] = {e->source_span, e->target_span, e->verb_span};
    for (int i = 0; i < 3; i++) {
        hash_long(hs, spans[i].begin);
        hash_long(hs, spans[i].end);
    }
    hash_cstr(hs, e->rule_file);
    hash_long(hs, e->rule_line);
    hash_cstr(hs, e->rule_text);
}

static void fingerprint(const dyad_article *a, const dyad_result *r, char out[17])
{
    hasher hs = {14695981039346656037ULL};
    hash_long(&hs, a->date);
    hash_cstr(&hs, a->title);
    hash_cstr(&hs, a->source);
    hash_cstr(&hs, a->url);
    hash_str(&hs, a->text, a->text_len);
    if (r) {
        hash_long(&hs, (long)r->n_sentences);
        hash_long(&hs, r->flags);
        for (size_t i = 0; i < r->n_events; i++) hash_event(&hs, &r->events[i]);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)hs.h);
}

int dyad_store_put(dyad_store *s, const dyad_article *a, const dyad_result *r,
                   dyad_error *err)
{
    if (!s->batch_open) return dyad_fail(err, DYAD_EARG, "store: put outside a batch");
    if (!a || !a->text) return dyad_fail(err, DYAD_EARG, "store: article without text");
    char key[24], print[17];
    const char *id = a->id;
    if (!id || !*id) {
        hasher hs = {14695981039346656037ULL};
        hash_str(&hs, a->text, a->text_len);
        snprintf(key, sizeof key, "fnv:%016llx", (unsigned long long)hs.h);
        id = key;
    }
    fingerprint(a, r, print);
    store_article sa = {a, r, id, print, s->dict_version, NULL, 0};
    if (r && r->n_sentences > 0) {
        /* The segmenter the coder uses splits the text again; if it finds
           the same number of sentences, every sentence is kept. */
        s->n_spans = 0;
        if (text_segment(a->text, a->text_len, &s->spans, &s->n_spans, &s->spans_cap) == 0 &&
            s->n_spans == r->n_sentences) {
            sa.sentences = s->spans;
            sa.n_sentences = s->n_spans;
        }
    }
    int rc = s->ops->put(s->backend, &sa, err);
    if (rc < 0) return rc;
    if (++s->in_batch >= s->batch_size) {
        int c = s->ops->commit(s->backend, err);
        if (c == 0) c = s->ops->begin(s->backend, err);
        if (c < 0) {
            s->batch_open = 0;
            return c;
        }
        s->in_batch = 0;
    }
    return rc;
}

int dyad_store_set_dict_version(dyad_store *s, const char *version, dyad_error *err)
{
    char *copy = version ? strdup(version) : NULL;
    if (version && !copy) return dyad_fail(err, DYAD_ENOMEM, "store: out of memory");
    free(s->dict_version);
    s->dict_version = copy;
    if (!version) return 0;
    return s->ops->set_meta(s->backend, "dict_version", version, err);
}

const char *dyad_store_dict_version(dyad_store *s)
{
    return s->ops->get_meta(s->backend, "dict_version");
}

enum { ARTICLE_PAGE = 64 };

int dyad_store_articles(dyad_store *s, dyad_article_fn fn, void *user, dyad_error *err)
{
    if (!fn) return dyad_fail(err, DYAD_EARG, "store: no article callback");
    int64_t last = 0;
    for (;;) {
        int rc = s->ops->articles(s->backend, last, ARTICLE_PAGE, &last, fn, user, err);
        if (rc < 0) return rc;
        if (rc != 1) return 0;
    }
}

int dyad_store_events(dyad_store *s, const dyad_query *q, dyad_event_fn fn, void *user,
                      dyad_error *err)
{
    dyad_query none = {0};
    return s->ops->events(s->backend, q ? q : &none, fn, user, err);
}

int dyad_store_stats_get(dyad_store *s, const dyad_query *q, dyad_store_stats *out,
                         dyad_error *err)
{
    dyad_query none = {0};
    memset(out, 0, sizeof *out);
    return s->ops->stats(s->backend, q ? q : &none, out, err);
}

int store_partners(dyad_store *s, const char *x, const dyad_query *q, size_t group_len,
                   store_partner_fn fn, void *user, dyad_error *err)
{
    dyad_query none = {0};
    return s->ops->partners(s->backend, x, q ? q : &none, group_len, fn, user, err);
}

int store_day_counts(dyad_store *s, const dyad_query *q, store_day_fn fn, void *user,
                     dyad_error *err)
{
    dyad_query none = {0};
    return s->ops->day_counts(s->backend, q ? q : &none, fn, user, err);
}
