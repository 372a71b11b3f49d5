/*
 * dyad_parse.h -- dyad's English part-of-speech tagger and dependency
 * parser: raw text or tokens in, CoNLL-U style words out (Universal
 * Dependencies UPOS, Penn XPOS, heads and relations).
 *
 * The conventions of dyad.h hold. A dyad_parse_model is immutable once
 * loaded: several dyad_parsers (one per thread) may share it. A parser owns
 * the scratch of one sentence at a time and never allocates per word.
 */
#ifndef DYAD_PARSE_API_H
#define DYAD_PARSE_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dyad.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dyad_parse_model dyad_parse_model;
typedef struct dyad_parser dyad_parser;

/* Loads a model written by dyad_parse_train. NULL path: the default model,
 * model/en_ewt.model under $DYAD_DATA or the data folder dyad was built
 * with. Free with dyad_parse_model_free. */
dyad_parse_model *dyad_parse_model_load(const char *path, dyad_error *err);
void dyad_parse_model_free(dyad_parse_model *m);

/* One word of a parsed sentence. Index i of the array is word i + 1. */
typedef struct dyad_parse_word {
    const char *form;   /* as in the text */
    const char *lemma;  /* lower case, from text_lemma; the form for PROPN */
    const char *upos;   /* NOUN, VERB, PROPN, ... */
    const char *xpos;   /* NN, VBD, NNP, ... */
    const char *deprel; /* nsubj, obj, root, ... */
    uint32_t head;      /* 0: the root of the sentence */
    uint32_t begin, end;/* byte offsets in the text; 0, 0 for given tokens */
} dyad_parse_word;

typedef struct dyad_parse_sentence {
    const dyad_parse_word *words;
    size_t n_words;
    uint32_t begin, end; /* byte offsets in the text */
} dyad_parse_sentence;

/* A parser reading `model`, which must outlive it. NULL on failure. */
dyad_parser *dyad_parser_new(const dyad_parse_model *model, dyad_error *err);
void dyad_parser_free(dyad_parser *p);

/* Splits text[0..len) into sentences and words, tags and parses them.
 * Sets *out to n sentences, valid until the next call on `p`.
 * Returns 0 or a negative status. */
int dyad_parser_text(dyad_parser *p, const char *text, size_t len,
                     const dyad_parse_sentence **out, size_t *n, dyad_error *err);

/* Tags and parses one sentence given as words (forms[i] of lens[i]
 * bytes). Sentences longer than the parser's limit (1024 words) are
 * parsed in pieces. *out is valid until the next call on `p`. */
int dyad_parser_words(dyad_parser *p, const char *const *forms, const size_t *lens,
                      size_t n, const dyad_parse_sentence **out, dyad_error *err);

/* Writes one sentence as CoNLL-U (a "# text" line when text is not NULL,
 * one line per word, a blank line). Returns 0 or DYAD_EIO. */
int dyad_parse_write_conllu(FILE *out, const dyad_parse_sentence *s, const char *text);

/* Accuracy on a CoNLL-U file, parsing its gold words. Percentages over
 * all words, punctuation included (as the CoNLL 2018 shared task). */
typedef struct dyad_parse_scores {
    size_t sentences, words;
    double upos, xpos, uas, las;
    double seconds; /* tagging and parsing only */
} dyad_parse_scores;

int dyad_parse_eval(const dyad_parse_model *m, const char *conllu_path,
                    dyad_parse_scores *scores, dyad_error *err);

/* Training from CoNLL-U. Deterministic for a seed. */
typedef struct dyad_parse_train_options {
    const char *train_path, *dev_path; /* dev may be NULL: last epoch kept */
    const char *model_path;            /* written at the end */
    uint64_t seed;
    int tagger_epochs, parser_epochs;  /* 0: defaults */
    int row_bits;                      /* log2 rows per table; 0: default 18 */
    int parser_row_bits;               /* the parser's alone; 0: default 19 */
    /* Called with one line of progress (no newline) when not NULL. */
    void (*progress)(void *user, const char *line);
    void *user;
} dyad_parse_train_options;

int dyad_parse_train(const dyad_parse_train_options *opts, dyad_error *err);

/* Coding with the parse: coder c reads each sentence's dependencies for
 * its verbs' sources and targets (who is the subject, the object, the
 * agent of a passive, which actor is only a place) before falling back to
 * word order. p (NULL: off, the default) must outlive its use; a parser
 * serves one coder at a time. Only dyad's own rules read the parse: with
 * TABARI's or PETRARCH's dictionaries the coder follows that peer's rules
 * (their validation suites define them), and dyad_coder_wants_parser
 * says 0. Returns 0 or DYAD_EARG. */
int dyad_coder_set_parser(dyad_coder *c, dyad_parser *p);
int dyad_coder_wants_parser(const dyad_coder *c);

#ifdef __cplusplus
}
#endif

#endif
