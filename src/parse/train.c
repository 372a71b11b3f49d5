/*
 * train.c -- training the tagger and the parser from a UD treebank
 * (dyad_parse_train).
 *
 * 1. The classes: every (UPOS, XPOS) pair and every relation of the
 *    training file, numbered in order of first appearance.
 * 2. The tag dictionary: the most frequent tag of every form seen a few
 *    times (a feature of the words around), fixed for forms seen often with
 *    nearly always one tag.
 * 3. The tagger, for a number of epochs, keeping the epoch that tags the
 *    development file best.
 * 4. Jackknifing: the training file is tagged by taggers trained on the
 *    other folds, so the parser learns from tags as good (and as wrong) as
 *    it will get at run time, not from gold tags.
 * 5. The parser, with the dynamic oracle, keeping its best epoch on the
 *    development file (labelled attachment, tagged by the final tagger):
 *    the mean of PARSER_MODELS parsers that each see their own shuffles.
 *
 * Everything random comes from one seeded generator (sentence order and
 * the parser's explorations), so a seed gives the same model byte for byte.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

enum {
    DEFAULT_TAGGER_EPOCHS = 10, DEFAULT_PARSER_EPOCHS = 15, DEFAULT_ROW_BITS = 18,
    DEFAULT_PARSER_ROW_BITS = 19,
    JACKKNIFE_FOLDS = 4, PARSER_MODELS = 4, TAGDICT_MIN_COUNT = 20, LEXICON_MIN_COUNT = 3
};
static const double TAGDICT_MIN_SHARE = 0.97, PARSER_EXPLORE = 0.9;

typedef struct gold_tree {
    size_t *offset;   /* word i of sentence k is at offset[k] + i */
    uint16_t *tag, *predicted;
    uint32_t *head;
    uint8_t *label;
} gold_tree;

typedef struct trainer {
    const dyad_parse_train_options *o;
    dyad_error *err;
    pz_model m;
    ud_corpus train, dev;
    gold_tree gold;
    pz_sentence *s;
    ah_state *st;
    size_t *order;
    uint64_t rng;
} trainer;

static void progress(trainer *t, const char *fmt, ...) DYAD_PRINTF(2, 3);
static void progress(trainer *t, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    if (!t->o->progress) return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    t->o->progress(t->o->user, line);
}

/* ---- classes -------------------------------------------------------------- */

static int append_name(char ***names, uint32_t n, const char *name)
{
    char **grown = realloc(*names, (n + 1) * sizeof *grown);
    if (!grown) return DYAD_ENOMEM;
    *names = grown;
    grown[n] = strdup(name);
    return grown[n] ? 0 : DYAD_ENOMEM;
}

static int tag_class(pz_model *m, const char *upos, const char *xpos)
{
    for (uint32_t i = 0; i < m->n_tags; i++)
        if (!strcmp(m->upos[i], upos) && !strcmp(m->xpos[i], xpos)) return (int)i;
    if (m->n_tags == PZ_MAX_CLASSES || strlen(upos) > 255 || strlen(xpos) > 255) return DYAD_ETOOBIG;
    if (append_name(&m->upos, m->n_tags, upos) < 0 || append_name(&m->xpos, m->n_tags, xpos) < 0)
        return DYAD_ENOMEM;
    return (int)m->n_tags++;
}

static int label_class(pz_model *m, const char *label)
{
    for (uint32_t i = 0; i < m->n_labels; i++)
        if (!strcmp(m->labels[i], label)) return (int)i;
    if (1 + 2 * (m->n_labels + 1) > PZ_MAX_CLASSES || strlen(label) > 255) return DYAD_ETOOBIG;
    if (append_name(&m->labels, m->n_labels, label) < 0) return DYAD_ENOMEM;
    return (int)m->n_labels++;
}

static int number_gold(trainer *t)
{
    const ud_corpus *c = &t->train;
    size_t total = 0;
    gold_tree *g = &t->gold;
    g->offset = malloc((c->n + 1) * sizeof *g->offset);
    if (!g->offset) return DYAD_ENOMEM;
    for (size_t k = 0; k < c->n; k++) {
        g->offset[k] = total;
        total += c->items[k].n + 1;
    }
    g->tag = calloc(total, sizeof *g->tag);
    g->predicted = calloc(total, sizeof *g->predicted);
    g->head = calloc(total, sizeof *g->head);
    g->label = calloc(total, sizeof *g->label);
    if (!g->tag || !g->predicted || !g->head || !g->label) return DYAD_ENOMEM;
    for (size_t k = 0; k < c->n; k++)
        for (uint32_t i = 1; i <= c->items[k].n; i++) {
            const ud_word *w = &c->items[k].words[i - 1];
            int tag = tag_class(&t->m, w->upos, w->xpos), label = label_class(&t->m, w->deprel);
            if (tag < 0) return tag;
            if (label < 0) return label;
            g->tag[g->offset[k] + i] = (uint16_t)tag;
            g->head[g->offset[k] + i] = w->head;
            g->label[g->offset[k] + i] = (uint8_t)label;
        }
    int root = label_class(&t->m, "root");
    if (root < 0) return root;
    t->m.root_label = (uint32_t)root;
    pz_model_index(&t->m);
    return 0;
}

/* ---- tag dictionary -------------------------------------------------------- */

typedef struct form_tag {
    uint64_t hash;
    uint32_t tag;
} form_tag;

static int form_tag_cmp(const void *a, const void *b)
{
    const form_tag *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return (x->tag > y->tag) - (x->tag < y->tag);
}

/* Adds the run pairs[0..n) (one form) when one tag has the share needed. */
static int consider_form(pz_model *m, const form_tag *pairs, size_t n, int may_fix)
{
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && pairs[j].tag == pairs[i].tag) j++;
        if (j - i > best_count) best_count = j - i, best = i;
        i = j;
    }
    if (n < LEXICON_MIN_COUNT) return 0;
    int fixed = may_fix && n >= TAGDICT_MIN_COUNT && (double)best_count >= TAGDICT_MIN_SHARE * (double)n;
    return pz_tagdict_add(m, pairs[best].hash, pairs[best].tag, fixed);
}

/* Adds the most frequent tag of each form (lower-cased when `lower`). */
static int add_forms(trainer *t, form_tag *pairs, int lower)
{
    size_t n = 0;
    for (size_t k = 0; k < t->train.n; k++)
        for (uint32_t i = 1; i <= t->train.items[k].n; i++) {
            const char *form = t->train.items[k].words[i - 1].form;
            pairs[n].hash = lower ? pz_hash_lower(form, strlen(form)) : pz_hash_bytes(form, strlen(form), 0);
            pairs[n++].tag = t->gold.tag[t->gold.offset[k] + i];
        }
    qsort(pairs, n, sizeof *pairs, form_tag_cmp);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        while (j < n && pairs[j].hash == pairs[i].hash) j++;
        rc = consider_form(&t->m, pairs + i, j - i, !lower);
        i = j;
    }
    return rc;
}

static int build_tagdict(trainer *t)
{
    size_t total = 0;
    for (size_t k = 0; k < t->train.n; k++) total += t->train.items[k].n;
    form_tag *pairs = malloc((total ? total : 1) * sizeof *pairs);
    if (!pairs) return DYAD_ENOMEM;
    int rc = add_forms(t, pairs, 0);
    if (rc == 0) rc = add_forms(t, pairs, 1);
    free(pairs);
    return rc;
}

/* ---- sentences ---------------------------------------------------------- */

static void load_sentence(pz_sentence *s, const ud_sentence *u)
{
    const char *forms[PZ_MAX_WORDS];
    uint32_t lens[PZ_MAX_WORDS];
    for (uint32_t i = 0; i < u->n; i++) {
        forms[i] = u->words[i].form;
        size_t len = strlen(forms[i]);
        lens[i] = (uint32_t)(len > PZ_MAX_WORD_BYTES ? PZ_MAX_WORD_BYTES : len);
    }
    pz_sentence_set(s, forms, lens, u->n);
}

/* Puts the sentences k with keep(k) in t->order, shuffled; returns how many. */
static size_t shuffled_order(trainer *t, int fold)
{
    size_t n = 0;
    for (size_t k = 0; k < t->train.n; k++)
        if (fold < 0 || (int)(k % JACKKNIFE_FOLDS) != fold) t->order[n++] = k;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(pz_rand(&t->rng) % i), tmp = t->order[i - 1];
        t->order[i - 1] = t->order[j];
        t->order[j] = tmp;
    }
    return n;
}

static double dev_tag_accuracy(trainer *t)
{
    size_t right = 0, words = 0;
    for (size_t k = 0; k < t->dev.n; k++) {
        const ud_sentence *u = &t->dev.items[k];
        load_sentence(t->s, u);
        tagger_tag(&t->m, t->s);
        for (uint32_t i = 1; i <= u->n; i++)
            right += !strcmp(t->m.upos[t->s->tag[i]], u->words[i - 1].upos) &&
                     !strcmp(t->m.xpos[t->s->tag[i]], u->words[i - 1].xpos);
        words += u->n;
    }
    return words ? 100.0 * (double)right / (double)words : 0;
}

/* ---- the tagger -------------------------------------------------------------- */

static size_t table_bytes(const perc_table *p)
{
    return ((size_t)1 << p->row_bits) * p->stride * sizeof *p->w;
}

/* Trains the tagger on every fold but `fold` (-1: all) for `epochs`, leaving
 * in t->m.tagger the epoch best on dev (when there is one and fold < 0).
 * Returns the epochs that best took, or a negative status. */
static int train_tagger(trainer *t, int fold, int epochs)
{
    perc_trainer p = {0};
    int16_t *best = NULL;
    double best_acc = -1;
    int best_epoch = epochs;
    int select = fold < 0 && t->dev.n > 0;
    if (perc_trainer_init(&p, t->m.n_tags, t->m.tagger.row_bits) < 0 ||
        (select && !(best = malloc(table_bytes(&t->m.tagger))))) {
        perc_trainer_free(&p);
        return DYAD_ENOMEM;
    }
    for (int e = 1; e <= epochs; e++) {
        size_t n = shuffled_order(t, fold), right = 0, words = 0;
        for (size_t i = 0; i < n; i++) {
            size_t k = t->order[i];
            load_sentence(t->s, &t->train.items[k]);
            right += tagger_train_sentence(&t->m, &p, t->s, t->gold.tag + t->gold.offset[k]);
            words += t->train.items[k].n;
        }
        perc_trainer_average(&p, 1, &t->m.tagger);
        if (!select) continue;
        double acc = dev_tag_accuracy(t);
        progress(t, "tagger epoch %d: train %.2f%% dev %.2f%%", e, 100.0 * (double)right / (double)words, acc);
        if (acc > best_acc) {
            best_acc = acc, best_epoch = e;
            memcpy(best, t->m.tagger.w, table_bytes(&t->m.tagger));
        }
    }
    if (select) memcpy(t->m.tagger.w, best, table_bytes(&t->m.tagger));
    free(best);
    perc_trainer_free(&p);
    return best_epoch;
}

/* Tags each fold with a tagger that never saw it, into gold.predicted. */
static int jackknife(trainer *t, int epochs)
{
    for (int fold = 0; fold < JACKKNIFE_FOLDS; fold++) {
        int rc = train_tagger(t, fold, epochs);
        if (rc < 0) return rc;
        size_t right = 0, words = 0;
        for (size_t k = (size_t)fold; k < t->train.n; k += JACKKNIFE_FOLDS) {
            load_sentence(t->s, &t->train.items[k]);
            tagger_tag(&t->m, t->s);
            for (uint32_t i = 1; i <= t->s->n; i++) {
                size_t at = t->gold.offset[k] + i;
                t->gold.predicted[at] = t->s->tag[i];
                right += t->s->tag[i] == t->gold.tag[at];
            }
            words += t->s->n;
        }
        progress(t, "jackknife fold %d: %.2f%% tags right", fold + 1,
                 words ? 100.0 * (double)right / (double)words : 0.0);
    }
    return 0;
}

/* ---- the parser ------------------------------------------------------------ */

/* PARSER_MODELS parsers learn side by side, each from its own shuffles and
 * explorations, and the model is the mean of their weights: for a linear
 * model that is the ensemble that adds their scores, at the cost of one. */
static int train_parser(trainer *t, int epochs)
{
    perc_trainer p[PARSER_MODELS] = {{0}};
    int16_t *best = malloc(table_bytes(&t->m.parser));
    double best_las = -1;
    int rc = best ? 0 : DYAD_ENOMEM;
    for (int j = 0; j < PARSER_MODELS && rc == 0; j++)
        rc = perc_trainer_init(&p[j], 1 + 2 * t->m.n_labels, t->m.parser.row_bits);
    for (int e = 1; e <= epochs && rc == 0; e++) {
        size_t right = 0, words = 0;
        for (int j = 0; j < PARSER_MODELS; j++) {
            size_t n = shuffled_order(t, -1);
            for (size_t i = 0; i < n; i++) {
                size_t k = t->order[i], at = t->gold.offset[k];
                load_sentence(t->s, &t->train.items[k]);
                memcpy(t->s->tag, t->gold.predicted + at, (t->s->n + 1) * sizeof *t->s->tag);
                right += depparse_train_sentence(&t->m, &p[j], t->s, t->st, t->gold.head + at,
                                                 t->gold.label + at, e > 1 ? PARSER_EXPLORE : 0,
                                                 &t->rng);
                words += t->s->n;
            }
        }
        perc_trainer_average(p, PARSER_MODELS, &t->m.parser);
        dyad_parse_scores sc = {0};
        if (t->dev.n && pz_eval_corpus(&t->m, &t->dev, &sc, t->err) == 0) {
            progress(t, "parser epoch %d: train UAS %.2f%% dev UAS %.2f%% LAS %.2f%%", e,
                     100.0 * (double)right / (double)words, sc.uas, sc.las);
        }
        if (!t->dev.n || sc.las > best_las) {
            best_las = sc.las;
            memcpy(best, t->m.parser.w, table_bytes(&t->m.parser));
        }
    }
    if (rc == 0) memcpy(t->m.parser.w, best, table_bytes(&t->m.parser));
    free(best);
    for (int j = 0; j < PARSER_MODELS; j++) perc_trainer_free(&p[j]);
    return rc;
}

/* ---- the driver ------------------------------------------------------------- */

static int prepare(trainer *t)
{
    const dyad_parse_train_options *o = t->o;
    int rc = ud_read_file(o->train_path, &t->train, t->err);
    if (rc == 0 && o->dev_path) rc = ud_read_file(o->dev_path, &t->dev, t->err);
    if (rc < 0) return rc;
    if (t->train.n == 0) return dyad_fail(t->err, DYAD_EFORMAT, "%s: no sentences", o->train_path);
    t->s = malloc(sizeof *t->s);
    t->st = malloc(sizeof *t->st);
    t->order = malloc(t->train.n * sizeof *t->order);
    if (!t->s || !t->st || !t->order || number_gold(t) < 0 || build_tagdict(t) < 0)
        return dyad_fail(t->err, DYAD_ENOMEM, "out of memory (or more than %d classes)", PZ_MAX_CLASSES);
    /* the parser has more feature combinations to tell apart than the tagger */
    uint32_t bits = o->row_bits ? (uint32_t)o->row_bits : DEFAULT_ROW_BITS;
    uint32_t parser_bits = o->parser_row_bits ? (uint32_t)o->parser_row_bits
                         : o->row_bits ? bits : DEFAULT_PARSER_ROW_BITS;
    if (perc_table_init(&t->m.tagger, t->m.n_tags, bits) < 0 ||
        perc_table_init(&t->m.parser, 1 + 2 * t->m.n_labels, parser_bits) < 0)
        return dyad_fail(t->err, DYAD_ENOMEM, "out of memory for 2^%u rows", parser_bits);
    progress(t, "%zu training sentences, %u tags, %u relations, %u dictionary words", t->train.n,
             t->m.n_tags, t->m.n_labels, t->m.tagdict_used);
    return 0;
}

static int train_all(trainer *t)
{
    int tagger_epochs = t->o->tagger_epochs > 0 ? t->o->tagger_epochs : DEFAULT_TAGGER_EPOCHS;
    int parser_epochs = t->o->parser_epochs > 0 ? t->o->parser_epochs : DEFAULT_PARSER_EPOCHS;
    int rc = prepare(t);
    if (rc < 0) return rc;
    /* Too few sentences to fold: the parser learns from gold tags. */
    int fold = t->train.n >= JACKKNIFE_FOLDS * 2;
    int best_epochs = train_tagger(t, -1, tagger_epochs);
    if (best_epochs < 0) return dyad_fail(t->err, best_epochs, "out of memory");
    size_t bytes = table_bytes(&t->m.tagger);
    int16_t *final_tagger = malloc(bytes);
    if (!final_tagger) return dyad_fail(t->err, DYAD_ENOMEM, "out of memory");
    memcpy(final_tagger, t->m.tagger.w, bytes);
    if (fold) rc = jackknife(t, best_epochs);
    else {
        size_t total = t->gold.offset[t->train.n - 1] + t->train.items[t->train.n - 1].n + 1;
        memcpy(t->gold.predicted, t->gold.tag, total * sizeof *t->gold.tag);
    }
    memcpy(t->m.tagger.w, final_tagger, bytes);
    free(final_tagger);
    if (rc < 0) return dyad_fail(t->err, rc, "out of memory");
    if ((rc = train_parser(t, parser_epochs)) < 0) return dyad_fail(t->err, rc, "out of memory");
    return pz_model_save(&t->m, t->o->model_path, t->err);
}

int dyad_parse_train(const dyad_parse_train_options *opts, dyad_error *err)
{
    if (!opts || !opts->train_path || !opts->model_path)
        return dyad_fail(err, DYAD_EARG, "training needs a training file and a model path");
    if ((opts->row_bits && (opts->row_bits < 10 || opts->row_bits > 22)) ||
        (opts->parser_row_bits && (opts->parser_row_bits < 10 || opts->parser_row_bits > 22)))
        return dyad_fail(err, DYAD_EARG, "row bits must be in 10..22");
    trainer t = {.o = opts, .err = err, .rng = opts->seed ^ 0x6a09e667f3bcc909ull};
    int rc = train_all(&t);
    ud_corpus_free(&t.train);
    ud_corpus_free(&t.dev);
    free(t.gold.offset);
    free(t.gold.tag);
    free(t.gold.predicted);
    free(t.gold.head);
    free(t.gold.label);
    free(t.s);
    free(t.st);
    free(t.order);
    pz_model_free(&t.m);
    return rc;
}
