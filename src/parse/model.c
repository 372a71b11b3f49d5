/*
 * model.c -- the tagger and parser model file, and the tag dictionary.
 *
 * Format (version 2), all integers little-endian:
 *
 *   magic    8 bytes "DYADPARS"
 *   version  u32 = 2, which also names the feature templates of tagger.c and
 *            depparse.c: a model trained with other features is refused
 *   tags     u32 n, then n pairs of strings (UPOS, XPOS)
 *   labels   u32 n, n strings, u32 index of "root"
 *   tagdict  u32 n, then n entries (u64 word hash, u16 most frequent tag,
 *            u8 1 when the tagger takes that tag without scoring)
 *   tagger   table
 *   parser   table
 *   check    u64 FNV-1a hash of every byte before it
 *
 * A string is a u8 length and its bytes. A table is u32 classes, u32
 * row_bits, then for each of the 1 << row_bits rows a u8 count and that many
 * (u8 class, i16 weight) pairs: the weights are mostly zero, so storing the
 * nonzero ones keeps the file small while memory holds dense rows for
 * speed. The file is read whole (it is capped at MODEL_MAX_BYTES) and every
 * count is checked against the bytes left, so a damaged file is an error,
 * never a crash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static const char model_magic[8] = {'D', 'Y', 'A', 'D', 'P', 'A', 'R', 'S'};
enum { MODEL_VERSION = 2, MODEL_MAX_BYTES = 64 << 20, TAGDICT_MAX = 1 << 20 };

/* ---- tag dictionary ----------------------------------------------------- */

const pz_tagdict_entry *pz_tagdict_find(const pz_model *m, uint64_t word_hash)
{
    if (!m->tagdict_size) return NULL;
    uint32_t mask = m->tagdict_size - 1;
    for (uint32_t i = (uint32_t)word_hash & mask;; i = (i + 1) & mask) {
        if (m->tagdict[i].word_hash == word_hash) return &m->tagdict[i];
        if (m->tagdict[i].word_hash == 0) return NULL;
    }
}

static int tagdict_reserve(pz_model *m, uint32_t want)
{
    uint32_t size = 64;
    while (size < want * 2) size *= 2;
    if (size <= m->tagdict_size) return 0;
    pz_tagdict_entry *old = m->tagdict;
    uint32_t old_size = m->tagdict_size;
    m->tagdict = calloc(size, sizeof *m->tagdict);
    if (!m->tagdict) {
        m->tagdict = old;
        return DYAD_ENOMEM;
    }
    m->tagdict_size = size;
    m->tagdict_used = 0;
    for (uint32_t i = 0; i < old_size; i++)
        if (old[i].word_hash) pz_tagdict_add(m, old[i].word_hash, old[i].tag, old[i].fixed);
    free(old);
    return 0;
}

int pz_tagdict_add(pz_model *m, uint64_t word_hash, uint32_t tag, int fixed)
{
    if (m->tagdict_used >= TAGDICT_MAX) return DYAD_ETOOBIG;
    if (tagdict_reserve(m, m->tagdict_used + 1) < 0) return DYAD_ENOMEM;
    uint32_t mask = m->tagdict_size - 1, i = (uint32_t)word_hash & mask;
    while (m->tagdict[i].word_hash && m->tagdict[i].word_hash != word_hash) i = (i + 1) & mask;
    if (!m->tagdict[i].word_hash) m->tagdict_used++;
    m->tagdict[i].word_hash = word_hash;
    m->tagdict[i].tag = (uint16_t)tag;
    m->tagdict[i].fixed = fixed != 0;
    return 0;
}

static void free_strings(char **s, uint32_t n)
{
    if (!s) return;
    for (uint32_t i = 0; i < n; i++) free(s[i]);
    free(s);
}

void pz_model_free(pz_model *m)
{
    if (!m) return;
    free_strings(m->upos, m->n_tags);
    free_strings(m->xpos, m->n_tags);
    free_strings(m->labels, m->n_labels);
    free(m->tagdict);
    perc_table_free(&m->tagger);
    perc_table_free(&m->parser);
    memset(m, 0, sizeof *m);
}

void pz_model_index(pz_model *m)
{
    for (uint32_t i = 0; i < m->n_tags; i++) {
        uint32_t j = 0;
        while (strcmp(m->upos[j], m->upos[i])) j++;
        m->coarse[i] = (uint8_t)j; /* the first tag with this UPOS */
    }
}

/* ---- writing ------------------------------------------------------------ */

static int put_uint(dyad_buf *b, uint64_t v, int bytes)
{
    char c[8];
    for (int i = 0; i < bytes; i++) c[i] = (char)(v >> (8 * i));
    return dyad_buf_append(b, c, (size_t)bytes);
}

static int put_string(dyad_buf *b, const char *s)
{
    size_t len = strlen(s);
    if (len > 255) return DYAD_ETOOBIG;
    if (put_uint(b, len, 1) < 0) return DYAD_ENOMEM;
    return dyad_buf_append(b, s, len);
}

static int put_table(dyad_buf *b, const perc_table *t)
{
    int rc = put_uint(b, t->n_classes, 4) | put_uint(b, t->row_bits, 4);
    size_t rows = (size_t)1 << t->row_bits;
    for (size_t r = 0; r < rows && rc == 0; r++) {
        const int16_t *w = t->w + r * t->stride;
        uint32_t count = 0;
        for (uint32_t c = 0; c < t->n_classes; c++) count += w[c] != 0;
        rc |= put_uint(b, count, 1);
        for (uint32_t c = 0; c < t->n_classes && rc == 0; c++)
            if (w[c]) rc |= put_uint(b, c, 1) | put_uint(b, (uint16_t)w[c], 2);
    }
    return rc;
}

static int model_encode(const pz_model *m, dyad_buf *b)
{
    int rc = dyad_buf_append(b, model_magic, sizeof model_magic) | put_uint(b, MODEL_VERSION, 4);
    rc |= put_uint(b, m->n_tags, 4);
    for (uint32_t i = 0; i < m->n_tags; i++) rc |= put_string(b, m->upos[i]) | put_string(b, m->xpos[i]);
    rc |= put_uint(b, m->n_labels, 4);
    for (uint32_t i = 0; i < m->n_labels; i++) rc |= put_string(b, m->labels[i]);
    rc |= put_uint(b, m->root_label, 4) | put_uint(b, m->tagdict_used, 4);
    for (uint32_t i = 0; i < m->tagdict_size; i++)
        if (m->tagdict[i].word_hash)
            rc |= put_uint(b, m->tagdict[i].word_hash, 8) | put_uint(b, m->tagdict[i].tag, 2) |
                  put_uint(b, m->tagdict[i].fixed, 1);
    rc |= put_table(b, &m->tagger) | put_table(b, &m->parser);
    if (rc == 0) rc = put_uint(b, pz_hash_bytes(b->data, b->len, 0), 8);
    return rc;
}

int pz_model_save(const pz_model *m, const char *path, dyad_error *err)
{
    dyad_buf b = {0};
    if (model_encode(m, &b) != 0) {
        dyad_buf_free(&b);
        return dyad_fail(err, DYAD_ENOMEM, "%s: cannot encode the model", path);
    }
    FILE *f = fopen(path, "wb");
    int rc = 0;
    if (!f) rc = dyad_fail(err, DYAD_EIO, "%s: %s", path, strerror(errno));
    else {
        if (fwrite(b.data, 1, b.len, f) != b.len) rc = DYAD_EIO;
        if (fclose(f) != 0) rc = DYAD_EIO;
        if (rc) dyad_fail(err, DYAD_EIO, "%s: write error", path);
    }
    dyad_buf_free(&b);
    return rc;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct cursor {
    const unsigned char *p, *end;
    int bad;
} cursor;

static uint64_t get_uint(cursor *c, int bytes)
{
    uint64_t v = 0;
    if (c->end - c->p < bytes) {
        c->bad = 1;
        return 0;
    }
    for (int i = 0; i < bytes; i++) v |= (uint64_t)c->p[i] << (8 * i);
    c->p += bytes;
    return v;
}

static char *get_string(cursor *c)
{
    size_t len = (size_t)get_uint(c, 1);
    if (c->bad || (size_t)(c->end - c->p) < len) {
        c->bad = 1;
        return NULL;
    }
    char *s = malloc(len + 1);
    if (!s) {
        c->bad = 1;
        return NULL;
    }
    memcpy(s, c->p, len);
    s[len] = 0;
    c->p += len;
    return s;
}

static char **get_strings(cursor *c, uint32_t n)
{
    char **s = calloc(n ? n : 1, sizeof *s);
    if (!s) c->bad = 1;
    for (uint32_t i = 0; s && i < n && !c->bad; i++) s[i] = get_string(c);
    return s;
}

static void get_table(cursor *c, perc_table *t)
{
    uint32_t nc = (uint32_t)get_uint(c, 4), bits = (uint32_t)get_uint(c, 4);
    if (c->bad || perc_table_init(t, nc, bits) != 0) {
        c->bad = 1;
        return;
    }
    size_t rows = (size_t)1 << bits;
    for (size_t r = 0; r < rows && !c->bad; r++) {
        uint32_t count = (uint32_t)get_uint(c, 1);
        for (uint32_t k = 0; k < count && !c->bad; k++) {
            uint32_t cls = (uint32_t)get_uint(c, 1);
            int16_t w = (int16_t)(uint16_t)get_uint(c, 2);
            if (cls >= nc) c->bad = 1;
            else t->w[r * t->stride + cls] = w;
        }
    }
}

static int model_decode(pz_model *m, const unsigned char *data, size_t len)
{
    if (len < 24 || memcmp(data, model_magic, sizeof model_magic)) return DYAD_EFORMAT;
    cursor c = {data, data + len - 8, 0};
    cursor sum = {data + len - 8, data + len, 0};
    if (get_uint(&sum, 8) != pz_hash_bytes((const char *)data, len - 8, 0)) return DYAD_EFORMAT;
    c.p += sizeof model_magic;
    if (get_uint(&c, 4) != MODEL_VERSION) return DYAD_EFORMAT;
    m->n_tags = (uint32_t)get_uint(&c, 4);
    if (m->n_tags == 0 || m->n_tags > PZ_MAX_CLASSES) return DYAD_EFORMAT;
    m->upos = calloc(m->n_tags, sizeof *m->upos);
    m->xpos = calloc(m->n_tags, sizeof *m->xpos);
    if (!m->upos || !m->xpos) return DYAD_ENOMEM;
    for (uint32_t i = 0; i < m->n_tags && !c.bad; i++) {
        m->upos[i] = get_string(&c);
        m->xpos[i] = get_string(&c);
    }
    m->n_labels = (uint32_t)get_uint(&c, 4);
    if (m->n_labels == 0 || 1 + 2 * (uint64_t)m->n_labels > PZ_MAX_CLASSES) return DYAD_EFORMAT;
    m->labels = get_strings(&c, m->n_labels);
    m->root_label = (uint32_t)get_uint(&c, 4);
    uint32_t n_dict = (uint32_t)get_uint(&c, 4);
    if (c.bad || m->root_label >= m->n_labels || n_dict > TAGDICT_MAX) return DYAD_EFORMAT;
    if (tagdict_reserve(m, n_dict) < 0) return DYAD_ENOMEM;
    for (uint32_t i = 0; i < n_dict && !c.bad; i++) {
        uint64_t h = get_uint(&c, 8);
        uint32_t tag = (uint32_t)get_uint(&c, 2), fixed = (uint32_t)get_uint(&c, 1);
        if (h == 0 || tag >= m->n_tags || fixed > 1) c.bad = 1;
        else pz_tagdict_add(m, h, tag, (int)fixed);
    }
    get_table(&c, &m->tagger);
    get_table(&c, &m->parser);
    if (c.bad || c.p != c.end || m->tagger.n_classes != m->n_tags ||
        m->parser.n_classes != 1 + 2 * m->n_labels)
        return DYAD_EFORMAT;
    for (uint32_t i = 0; i < m->n_tags; i++)
        if (!m->upos[i] || !m->xpos[i]) return DYAD_EFORMAT;
    for (uint32_t i = 0; i < m->n_labels; i++)
        if (!m->labels[i]) return DYAD_EFORMAT;
    pz_model_index(m);
    return 0;
}

/* The whole file, when it is at most MODEL_MAX_BYTES. */
static int read_whole(FILE *f, unsigned char **data, size_t *len)
{
    long size;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        return DYAD_EIO;
    if (size > MODEL_MAX_BYTES) return DYAD_ETOOBIG;
    *data = malloc(size ? (size_t)size : 1);
    if (!*data) return DYAD_ENOMEM;
    *len = fread(*data, 1, (size_t)size, f);
    return *len == (size_t)size ? 0 : DYAD_EIO;
}

int pz_model_load(pz_model *m, const char *path, dyad_error *err)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    if (!f) return dyad_fail(err, DYAD_EIO, "%s: %s", path, strerror(errno));
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = read_whole(f, &data, &len);
    fclose(f);
    if (rc == 0) rc = model_decode(m, data, len);
    free(data);
    if (rc == 0) return 0;
    pz_model_free(m);
    return dyad_fail(err, rc, "%s: %s", path,
                     rc == DYAD_EFORMAT ? "not a dyad parser model (or damaged)" : dyad_strerror(rc));
}
