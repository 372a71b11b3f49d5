/*
 * tagger.c -- the part-of-speech tagger: a greedy left-to-right averaged
 * perceptron whose classes are (UPOS, XPOS) pairs, so one decision gives
 * both tag sets consistently.
 *
 * Features are the usual ones for English (Collins 2002; Honnibal's
 * "A good part-of-speech tagger in about 200 lines"): the word, its
 * lower-cased form, prefixes and suffixes, its shape, the words around it
 * and the two tags already chosen to its left. Frequent words that nearly
 * always take one tag (the, of, said) are looked up in the model's tag
 * dictionary and skip the classifier: about half the words of news.
 */
#include <string.h>

#include "parse.h"

enum { TAG_NONE = 0xffff }; /* the tag left of the first word */

/* Feature templates (ORDER TAGGER_FEATURES: changing it needs retraining). */
enum {
    TF_BIAS = 1, TF_LOWER, TF_EXACT, TF_SUFFIX, TF_PREFIX = TF_SUFFIX + 4, TF_SHAPE = TF_PREFIX + 3,
    TF_PREV_WORD, TF_NEXT_WORD, TF_PREV2_WORD, TF_NEXT2_WORD, TF_PREV_TAG, TF_PREV2_TAG,
    TF_PREV_TAGS, TF_PREV_TAG_WORD, TF_PREV_SUFFIX, TF_NEXT_SUFFIX, TF_FIRST_EXACT,
    TF_PREV_WORD_WORD, TF_WORD_NEXT_WORD, TF_FLAGS, TF_NEXT_LIKELY, TF_NEXT2_LIKELY,
    TF_LIKELY, TF_PREV_TAG_NEXT_LIKELY, TF_PREV_SHAPE, TF_NEXT_SHAPE
};

static unsigned char lower_ascii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static uint64_t hash_lower(const char *s, size_t len, uint64_t seed);
uint64_t pz_hash_lower(const char *s, size_t len) { return hash_lower(s, len, 0x10e1); }

static uint64_t hash_lower(const char *s, size_t len, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= lower_ascii((unsigned char)s[i]);
        h *= 0x100000001b3ull;
    }
    return h ? h : 1;
}

void pz_sentence_set(pz_sentence *s, const char *const *forms, const uint32_t *lens, uint32_t n)
{
    s->n = n;
    s->form[0] = "";
    s->form_len[0] = 0;
    s->exact[0] = s->lower[0] = 0;
    for (uint32_t i = 1; i <= n; i++) {
        s->form[i] = forms[i - 1];
        s->form_len[i] = lens[i - 1];
        s->exact[i] = pz_hash_bytes(forms[i - 1], lens[i - 1], 0);
        s->lower[i] = pz_hash_lower(forms[i - 1], lens[i - 1]);
        s->suffix[i] = hash_lower(forms[i - 1] + (lens[i - 1] > 3 ? lens[i - 1] - 3 : 0),
                                  lens[i - 1] > 3 ? 3 : lens[i - 1], 3);
        s->tag[i] = 0;
        s->head[i] = 0;
        s->label[i] = 0;
    }
}

/* Xxxx, dd, x-x: letters, digits, the rest as they are, runs cut at 2. */
static uint64_t shape_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char prev = 0;
    int run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char k = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
               : (c >= '0' && c <= '9') ? 'd' : (c >= 0x80) ? 'u' : (char)c;
        run = (k == prev) ? run + 1 : 0;
        prev = k;
        if (run >= 2) continue;
        h ^= (unsigned char)k;
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t flags_of(const char *s, size_t len)
{
    uint64_t f = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '-') f |= 1;
        else if (c >= '0' && c <= '9') f |= 2;
        else if (c >= 'A' && c <= 'Z') f |= 4;
        else if (c == '.') f |= 8;
    }
    return f;
}

static uint64_t suffix(const pz_sentence *s, uint32_t i, uint32_t k)
{
    if (i < 1 || i > s->n) return 0x5eed;
    uint32_t len = s->form_len[i], take = len < k ? len : k;
    return hash_lower(s->form[i] + len - take, take, k);
}

static uint64_t word_at(const pz_sentence *s, long i)
{
    if (i < 1) return 0x57a27;
    if (i > (long)s->n) return 0xe2d;
    return s->lower[i];
}

static uint32_t tag_at(const pz_sentence *s, long i) { return i < 1 ? TAG_NONE : s->tag[i]; }

/* The most frequent tag of the word at i in training, for words not yet
 * tagged (right of the current one): the context the greedy order hides. */
static uint32_t likely_at(const pz_model *m, const pz_sentence *s, long i)
{
    if (i > (long)s->n) return TAG_NONE - 1;
    const pz_tagdict_entry *e = pz_tagdict_find(m, s->exact[i]);
    if (!e) e = pz_tagdict_find(m, s->lower[i]);
    return e ? e->tag : TAG_NONE - 2;
}

static uint64_t shape_at(const pz_sentence *s, long i)
{
    return i < 1 || i > (long)s->n ? 0x5a9e : shape_hash(s->form[i], s->form_len[i]);
}

/* The feature rows of word i, tags left of it already set. */
static size_t tagger_features(const pz_model *m, const pz_sentence *s, uint32_t i, uint32_t row_bits, uint32_t *rows)
{
    uint64_t f[PZ_MAX_FEATURES];
    size_t n = 0;
    const char *w = s->form[i];
    uint32_t len = s->form_len[i];
    uint64_t t1 = tag_at(s, (long)i - 1), t2 = tag_at(s, (long)i - 2);
    f[n++] = pz_mix(TF_BIAS, 0);
    f[n++] = pz_mix(TF_LOWER, s->lower[i]);
    f[n++] = pz_mix(TF_EXACT, s->exact[i]);
    for (uint32_t k = 1; k <= 4 && k <= len; k++) f[n++] = pz_mix(TF_SUFFIX + k - 1, suffix(s, i, k));
    for (uint32_t k = 1; k <= 3 && k <= len; k++)
        f[n++] = pz_mix(TF_PREFIX + k - 1, hash_lower(w, k, k));
    f[n++] = pz_mix(TF_SHAPE, shape_hash(w, len));
    f[n++] = pz_mix(TF_PREV_WORD, word_at(s, (long)i - 1));
    f[n++] = pz_mix(TF_NEXT_WORD, word_at(s, (long)i + 1));
    f[n++] = pz_mix(TF_PREV2_WORD, word_at(s, (long)i - 2));
    f[n++] = pz_mix(TF_NEXT2_WORD, word_at(s, (long)i + 2));
    f[n++] = pz_mix(TF_PREV_TAG, t1);
    f[n++] = pz_mix(TF_PREV2_TAG, t2);
    f[n++] = pz_mix(pz_mix(TF_PREV_TAGS, t1), t2);
    f[n++] = pz_mix(pz_mix(TF_PREV_TAG_WORD, t1), s->lower[i]);
    f[n++] = pz_mix(TF_PREV_SUFFIX, i > 1 ? s->suffix[i - 1] : 0x5eed);
    f[n++] = pz_mix(TF_NEXT_SUFFIX, i < s->n ? s->suffix[i + 1] : 0x5eed);
    if (i == 1) f[n++] = pz_mix(TF_FIRST_EXACT, s->exact[i]);
    f[n++] = pz_mix(pz_mix(TF_PREV_WORD_WORD, word_at(s, (long)i - 1)), s->lower[i]);
    f[n++] = pz_mix(pz_mix(TF_WORD_NEXT_WORD, s->lower[i]), word_at(s, (long)i + 1));
    f[n++] = pz_mix(TF_FLAGS, flags_of(w, len));
    uint64_t next = likely_at(m, s, (long)i + 1);
    f[n++] = pz_mix(TF_NEXT_LIKELY, next);
    f[n++] = pz_mix(TF_NEXT2_LIKELY, likely_at(m, s, (long)i + 2));
    f[n++] = pz_mix(TF_LIKELY, likely_at(m, s, (long)i));
    f[n++] = pz_mix(pz_mix(TF_PREV_TAG_NEXT_LIKELY, t1), next);
    f[n++] = pz_mix(pz_mix(TF_PREV_SHAPE, shape_at(s, (long)i - 1)), shape_hash(w, len));
    f[n++] = pz_mix(pz_mix(TF_NEXT_SHAPE, shape_at(s, (long)i + 1)), shape_hash(w, len));
    for (size_t k = 0; k < n; k++) rows[k] = perc_row(f[k], row_bits);
    return n;
}

static int argmax(const int32_t *scores, uint32_t n)
{
    int best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (scores[c] > scores[best]) best = (int)c;
    return best;
}

void tagger_tag(const pz_model *m, pz_sentence *s)
{
    uint32_t rows[PZ_MAX_FEATURES];
    int32_t scores[PZ_MAX_CLASSES + PERC_BLOCK];
    for (uint32_t i = 1; i <= s->n; i++) {
        const pz_tagdict_entry *e = pz_tagdict_find(m, s->exact[i]);
        if (e && e->fixed) {
            s->tag[i] = e->tag;
            continue;
        }
        size_t nf = tagger_features(m, s, i, m->tagger.row_bits, rows);
        perc_table_score(&m->tagger, rows, nf, scores);
        s->tag[i] = (uint16_t)argmax(scores, m->n_tags);
    }
}

uint32_t tagger_train_sentence(const pz_model *m, perc_trainer *p, pz_sentence *s,
                               const uint16_t *gold)
{
    uint32_t rows[PZ_MAX_FEATURES], right = 0;
    int32_t scores[PZ_MAX_CLASSES + PERC_BLOCK];
    for (uint32_t i = 1; i <= s->n; i++) {
        const pz_tagdict_entry *e = pz_tagdict_find(m, s->exact[i]);
        if (e && e->fixed) {
            s->tag[i] = e->tag;
            right += e->tag == gold[i];
            continue;
        }
        size_t nf = tagger_features(m, s, i, p->row_bits, rows);
        perc_trainer_score(p, rows, nf, scores);
        int guess = argmax(scores, p->n_classes);
        if (guess != gold[i]) perc_trainer_update(p, rows, nf, gold[i], guess);
        p->step++;
        right += guess == gold[i];
        s->tag[i] = (uint16_t)guess; /* greedy: later words see the guess */
    }
    return right;
}
