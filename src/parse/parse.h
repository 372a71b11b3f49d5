/*
 * parse.h -- dyad's own English tagger and dependency parser, internal.
 *
 * The pipeline for one sentence: words (pz_sentence) -> tagger.c gives each
 * word one class that is a (UPOS, XPOS) pair -> depparse.c, a greedy
 * arc-hybrid transition parser (arc_hybrid.c), gives heads and relations.
 * Both are averaged perceptrons over hashed features (perceptron.c): a
 * feature is a 64-bit hash that picks one row of a fixed-size table, and a
 * row holds one weight per class, so scoring a word is adding a few dozen
 * contiguous rows. model.c reads and writes the trained model; conllu.c
 * reads the Universal Dependencies treebanks it is trained from.
 *
 * Word i of a sentence is index i (1..n); index 0 is the artificial root.
 */
#ifndef DYAD_PARSE_H
#define DYAD_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "dyad_parse.h"
#include "util/util.h"

/* Longest sentence the models take; longer input is cut into pieces. */
enum { PZ_MAX_WORDS = 1024, PZ_MAX_WORD_BYTES = 256 };

/* ---- CoNLL-U (conllu.c) --------------------------------------------- */

typedef struct ud_word {
    const char *form, *lemma, *upos, *xpos, *deprel;
    uint32_t head; /* 0: the root */
} ud_word;

typedef struct ud_sentence {
    ud_word *words; /* words[0..n): word i+1 of the sentence */
    uint32_t n;
} ud_sentence;

typedef struct ud_corpus {
    ud_sentence *items;
    size_t n, cap;
    dyad_arena arena; /* every string and word array */
} ud_corpus;

/* Reads the basic words of a CoNLL-U file (multi-word token lines and empty
 * nodes are skipped). Appends to `c` (zeroed first). `name` labels errors.
 * Returns 0 or a negative status with err naming the file and line. */
int ud_read_text(const char *text, size_t len, const char *name, ud_corpus *c,
                 dyad_error *err);
int ud_read_file(const char *path, ud_corpus *c, dyad_error *err);
void ud_corpus_free(ud_corpus *c);

/* ---- hashing ---------------------------------------------------------- */

static inline uint64_t pz_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 31);
}

uint64_t pz_hash_bytes(const char *s, size_t len, uint64_t seed);
/* The key of a lower-cased form in the tag dictionary (never an exact one's). */
uint64_t pz_hash_lower(const char *s, size_t len);

/* ---- averaged perceptron over hashed rows (perceptron.c) ------------- */

enum { PZ_MAX_CLASSES = 255, PZ_MAX_FEATURES = 128 };

/* The trained, quantised table that tagging and parsing read. */
enum { PERC_BLOCK = 16 }; /* classes a row is padded to a multiple of */

typedef struct perc_table {
    uint32_t n_classes, row_bits;
    uint32_t stride; /* n_classes rounded up to PERC_BLOCK: the adds vectorise */
    int16_t *w;      /* (1 << row_bits) rows of stride weights */
} perc_table;

/* The table while training: current weights and the sums for averaging
 * (acc holds sum of step * delta, so the average is w - acc / step). */
typedef struct perc_trainer {
    uint32_t n_classes, row_bits;
    int32_t *w;
    int64_t *acc;
    int64_t step;
} perc_trainer;

static inline uint32_t perc_row(uint64_t feature, uint32_t row_bits)
{
    return (uint32_t)(pz_mix(feature, 0x51ed27) >> (64 - row_bits));
}

int perc_table_init(perc_table *t, uint32_t n_classes, uint32_t row_bits);
void perc_table_free(perc_table *t);
/* scores[c] = sum of the rows' weights for class c; scores holds stride. */
void perc_table_score(const perc_table *t, const uint32_t *rows, size_t n_rows, int32_t *scores);

int perc_trainer_init(perc_trainer *p, uint32_t n_classes, uint32_t row_bits);
void perc_trainer_free(perc_trainer *p);
void perc_trainer_score(const perc_trainer *p, const uint32_t *rows, size_t n_rows,
                        int32_t *scores);
/* Moves the rows toward `good` and away from `bad`. */
void perc_trainer_update(perc_trainer *p, const uint32_t *rows, size_t n_rows, int good,
                         int bad);
/* Writes the mean of the averaged weights of p[0..n), scaled into int16,
 * into `out` (same shape). */
void perc_trainer_average(const perc_trainer *p, size_t n, perc_table *out);

/* ---- the model (model.c) -------------------------------------------- */

typedef struct pz_tagdict_entry {
    uint64_t word_hash; /* pz_hash_bytes of the exact form; 0: empty slot */
    uint16_t tag;       /* the form's most frequent tag */
    uint8_t fixed;      /* 1: nearly always that tag, the classifier is skipped */
} pz_tagdict_entry;

typedef struct pz_model {
    uint32_t n_tags;    /* classes of the tagger: (UPOS, XPOS) pairs */
    char **upos, **xpos;
    uint32_t n_labels;  /* dependency relations; the parser has 1 + 2 * n_labels */
    char **labels;
    uint32_t root_label;
    uint8_t coarse[PZ_MAX_CLASSES]; /* tag -> a number for its UPOS alone */
    pz_tagdict_entry *tagdict; /* open addressing, tagdict_size a power of 2 */
    uint32_t tagdict_size, tagdict_used;
    perc_table tagger, parser;
} pz_model;

/* Fills the tables derived from the names (coarse). */
void pz_model_index(pz_model *m);
int pz_model_save(const pz_model *m, const char *path, dyad_error *err);
int pz_model_load(pz_model *m, const char *path, dyad_error *err);
void pz_model_free(pz_model *m);
/* The entry of an exact form, or NULL. */
const pz_tagdict_entry *pz_tagdict_find(const pz_model *m, uint64_t word_hash);
int pz_tagdict_add(pz_model *m, uint64_t word_hash, uint32_t tag, int fixed);

/* ---- a sentence as the models see it ---------------------------------- */

typedef struct pz_sentence {
    uint32_t n;
    const char *form[PZ_MAX_WORDS + 1];
    uint32_t form_len[PZ_MAX_WORDS + 1];
    uint64_t exact[PZ_MAX_WORDS + 1]; /* hash of the form as written */
    uint64_t lower[PZ_MAX_WORDS + 1]; /* pz_hash_lower of the form */
    uint64_t suffix[PZ_MAX_WORDS + 1];/* its last three bytes, lower-cased */
    uint16_t tag[PZ_MAX_WORDS + 1];   /* tagger output */
    uint32_t head[PZ_MAX_WORDS + 1];  /* parser output */
    uint8_t label[PZ_MAX_WORDS + 1];
} pz_sentence;

/* Sets words 1..n from forms and computes their hashes. n <= PZ_MAX_WORDS. */
void pz_sentence_set(pz_sentence *s, const char *const *forms, const uint32_t *lens, uint32_t n);

/* ---- tagger (tagger.c) ------------------------------------------------ */

void tagger_tag(const pz_model *m, pz_sentence *s);
/* One training pass over a sentence whose gold classes are `gold`
 * (indexed 1..n); returns the number of words tagged right. */
uint32_t tagger_train_sentence(const pz_model *m, perc_trainer *p, pz_sentence *s,
                               const uint16_t *gold);

/* ---- transition system (arc_hybrid.c) -------------------------------- */

enum { AH_SHIFT = 0, AH_LEFT = 1, AH_RIGHT = 2 };

typedef struct ah_state {
    uint32_t n;      /* words; the buffer holds b..n */
    uint32_t b;      /* front of the buffer, n + 1 when empty */
    uint32_t stack[PZ_MAX_WORDS + 1];
    uint32_t depth;  /* stack[0] is the root */
    uint32_t *head;  /* the sentence's head and label arrays */
    uint8_t *label;
    /* for features: leftmost and rightmost children, child counts */
    uint32_t left1[PZ_MAX_WORDS + 2], left2[PZ_MAX_WORDS + 2];
    uint32_t right1[PZ_MAX_WORDS + 2], right2[PZ_MAX_WORDS + 2];
    uint8_t n_left[PZ_MAX_WORDS + 2], n_right[PZ_MAX_WORDS + 2];
    /* the relations of the children on each side, one bit per label mod 64 */
    uint64_t left_labels[PZ_MAX_WORDS + 2], right_labels[PZ_MAX_WORDS + 2];
} ah_state;

/* An action with its label is one class: 0 shift, 1 + 2l left, 2 + 2l right. */
static inline int ah_kind(int cls) { return cls == 0 ? AH_SHIFT : (cls - 1) % 2 + 1; }
static inline int ah_label(int cls) { return cls == 0 ? 0 : (cls - 1) / 2; }
static inline int ah_class(int kind, int label)
{
    return kind == AH_SHIFT ? 0 : 1 + 2 * label + (kind - 1);
}

void ah_init(ah_state *st, uint32_t n, uint32_t *head, uint8_t *label);
int ah_done(const ah_state *st);
int ah_valid(const ah_state *st, int kind);
void ah_apply(ah_state *st, int kind, int label);
/* Gold arcs lost by taking `kind` now (the dynamic oracle of Goldberg and
 * Nivre 2013); exact for projective gold trees. */
int ah_cost(const ah_state *st, int kind, const uint32_t *gold_head);

/* ---- parser (depparse.c) --------------------------------------------- */

/* Parses a tagged sentence: fills s->head and s->label, one root. */
void depparse_parse(const pz_model *m, pz_sentence *s, ah_state *st);
/* One training pass with the dynamic oracle; `explore` in [0,1) is the
 * chance of following a wrong prediction; rng is the caller's state.
 * Returns the words whose gold head was reached. */
uint32_t depparse_train_sentence(const pz_model *m, perc_trainer *p, pz_sentence *s,
                                 ah_state *st, const uint32_t *gold_head,
                                 const uint8_t *gold_label, double explore, uint64_t *rng);

/* ---- evaluation (api.c) and training (train.c) ------------------------ */

/* Tags and parses the gold words of `c` and scores the result. */
int pz_eval_corpus(const pz_model *m, const ud_corpus *c, dyad_parse_scores *scores,
                   dyad_error *err);

static inline uint64_t pz_rand(uint64_t *state)
{
    uint64_t x = *state += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

#endif
