/*
 * test_parse.c -- the tagger and parser: CoNLL-U reading, the transition
 * system and its oracle, the model file, and a tiny training run that must
 * fit what it saw. Checks against the UD English treebank SKIP when
 * ../shared is absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "dyad_parse.h"
#include "parse/parse.h"

static const char tiny_treebank[] =
    "# sent_id = 1\n"
    "# text = Gondor attacked Mordor.\n"
    "1\tGondor\tGondor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tMordor\tMordor\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tdid\tdo\tAUX\tVBD\t_\t3\taux\t_\t_\n"
    "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
    "3\tstop\tstop\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tarmy\tarmy\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
    "2\tnew\tnew\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
    "3\tking\tking\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n"
    "4\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "6\ttroops\ttroop\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
    "7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "8\tRohan\tRohan\tPROPN\tNNP\t_\t6\tnmod\t_\t_\n"
    "9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tit\tit\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "4\twould\twould\tAUX\tMD\t_\t2\tccomp\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

static const char *tmp_dir(void)
{
    const char *d = getenv("TMPDIR_TESTS");
    return d && *d ? d : "/tmp";
}

static void tmp_path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/test_parse_%ld_%s", tmp_dir(), (long)getpid(), name);
}

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = fwrite(text, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static void test_conllu_read(void)
{
    ud_corpus c = {0};
    dyad_error err = {0};
    CHECK_INT(ud_read_text(tiny_treebank, strlen(tiny_treebank), "tiny", &c, &err), 0);
    CHECK_INT(c.n, 4);
    if (c.n == 4) {
        CHECK_INT(c.items[0].n, 4);
        CHECK_STR(c.items[0].words[1].form, "attacked");
        CHECK_STR(c.items[0].words[1].deprel, "root");
        CHECK_INT(c.items[0].words[2].head, 2);
        CHECK_INT(c.items[1].n, 5); /* the "1-2" line is not a word */
        CHECK_STR(c.items[1].words[1].form, "n't");
        CHECK_STR(c.items[2].words[7].upos, "PROPN");
    }
    ud_corpus_free(&c);
}

static void test_conllu_bad_input(void)
{
    static const char *const bad[] = {
        "1\tGondor\tGondor\tPROPN\n\n",                               /* 4 fields */
        "2\tGondor\tGondor\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n",         /* id 2 first */
        "1\tGondor\tGondor\tPROPN\tNNP\t_\t5\troot\t_\t_\n\n",         /* head 5 of 1 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ud_corpus c = {0};
        dyad_error err = {0};
        CHECK_INT(ud_read_text(bad[i], strlen(bad[i]), "bad", &c, &err), DYAD_EFORMAT);
        CHECK(strstr(err.message, "bad:") != NULL);
        ud_corpus_free(&c);
    }
}

/* 1 when no two arcs of the gold tree cross (the root arc included). */
static int projective(const ud_sentence *s)
{
    for (uint32_t a = 1; a <= s->n; a++)
        for (uint32_t b = 1; b <= s->n; b++) {
            uint32_t l1 = a < s->words[a - 1].head ? a : s->words[a - 1].head;
            uint32_t r1 = a < s->words[a - 1].head ? s->words[a - 1].head : a;
            uint32_t l2 = b < s->words[b - 1].head ? b : s->words[b - 1].head;
            uint32_t r2 = b < s->words[b - 1].head ? s->words[b - 1].head : b;
            if (l1 < l2 && l2 < r1 && r1 < r2) return 0;
        }
    return 1;
}

/* Follows zero-cost actions from the start; 1 when the gold tree comes out
 * and every step had a zero-cost action. */
static int oracle_reproduces(const ud_sentence *s, ah_state *st)
{
    uint32_t gold[PZ_MAX_WORDS + 1], head[PZ_MAX_WORDS + 1];
    uint8_t label[PZ_MAX_WORDS + 1];
    gold[0] = 0;
    for (uint32_t i = 1; i <= s->n; i++) gold[i] = s->words[i - 1].head;
    ah_init(st, s->n, head, label);
    while (!ah_done(st)) {
        int kind = -1;
        for (int k = AH_SHIFT; k <= AH_RIGHT && kind < 0; k++)
            if (ah_valid(st, k) && ah_cost(st, k, gold) == 0) kind = k;
        if (kind < 0) return 0;
        ah_apply(st, kind, 0);
    }
    for (uint32_t i = 1; i <= s->n; i++)
        if (head[i] != gold[i]) return 0;
    return 1;
}

static void test_oracle_tiny(void)
{
    ud_corpus c = {0};
    dyad_error err = {0};
    ah_state *st = malloc(sizeof *st);
    CHECK(st != NULL);
    CHECK_INT(ud_read_text(tiny_treebank, strlen(tiny_treebank), "tiny", &c, &err), 0);
    for (size_t k = 0; st && k < c.n; k++) CHECK(oracle_reproduces(&c.items[k], st));
    free(st);
    ud_corpus_free(&c);
}

/* A wrong SHIFT over a word's head costs that arc. */
static void test_oracle_costs(void)
{
    ah_state *st = malloc(sizeof *st);
    uint32_t head[4], gold[4] = {0, 2, 0, 2}; /* 1 <- 2 -> 3 */
    uint8_t label[4];
    if (!st) return;
    ah_init(st, 3, head, label);
    ah_apply(st, AH_SHIFT, 0); /* stack root 1, buffer 2 3 */
    CHECK_INT(ah_cost(st, AH_LEFT, gold), 0);
    CHECK_INT(ah_cost(st, AH_SHIFT, gold), 2); /* 2 -> 1 and root -> 2 lost */
    CHECK(!ah_valid(st, AH_RIGHT));            /* root only at the end */
    free(st);
}

/* Arcs record their relations as sets on each side of the head, read by
 * the parser's label-set features. */
static void test_label_sets(void)
{
    ah_state *st = malloc(sizeof *st);
    uint32_t head[5];
    uint8_t label[5];
    if (!st) return;
    ah_init(st, 4, head, label);
    ah_apply(st, AH_SHIFT, 0);   /* stack root 1, buffer 2 3 4 */
    ah_apply(st, AH_LEFT, 3);    /* 1 <- 2 */
    ah_apply(st, AH_SHIFT, 0);   /* stack root 2, buffer 3 4 */
    ah_apply(st, AH_SHIFT, 0);   /* stack root 2 3, buffer 4 */
    ah_apply(st, AH_RIGHT, 70);  /* 2 -> 3, relation 70 sets bit 70 mod 64 */
    CHECK(st->left_labels[2] == 1ull << 3);
    CHECK(st->right_labels[2] == 1ull << 6);
    CHECK(st->left_labels[1] == 0 && st->right_labels[3] == 0);
    ah_init(st, 4, head, label); /* a new sentence starts with none */
    CHECK(st->left_labels[2] == 0 && st->right_labels[2] == 0);
    free(st);
}

/* The model of several trainers is the mean of their averaged weights. */
static void test_trainer_mean(void)
{
    perc_trainer p[2] = {{0}};
    perc_table t = {0};
    uint32_t row = 5;
    int32_t scores[16];
    CHECK_INT(perc_trainer_init(&p[0], 2, 8), 0);
    CHECK_INT(perc_trainer_init(&p[1], 2, 8), 0);
    CHECK_INT(perc_table_init(&t, 2, 8), 0);
    perc_trainer_update(&p[0], &row, 1, 0, 1); /* +1 / -1 from step 1 on */
    perc_trainer_update(&p[1], &row, 1, 1, 0); /* the opposite */
    p[0].step++, p[1].step++;
    perc_trainer_average(p, 1, &t);
    perc_table_score(&t, &row, 1, scores);
    CHECK(scores[0] == 32767 && scores[1] == -32767);
    perc_trainer_average(p, 2, &t); /* they cancel */
    perc_table_score(&t, &row, 1, scores);
    CHECK(scores[0] == 0 && scores[1] == 0);
    perc_trainer_update(&p[0], &row, 1, 0, 1);
    p[0].step++;
    perc_trainer_average(p, 2, &t); /* now the first trainer outweighs the second */
    perc_table_score(&t, &row, 1, scores);
    CHECK(scores[0] == 32767 && scores[1] == -32767);
    perc_table_free(&t);
    perc_trainer_free(&p[0]);
    perc_trainer_free(&p[1]);
}

static void test_oracle_treebank(void)
{
    const char *path = "../shared/treebank/ud-english-ewt/en_ewt-ud-dev.conllu";
    if (access(path, R_OK) != 0) {
        printf("SKIP test_oracle_treebank: %s absent\n", path);
        return;
    }
    ud_corpus c = {0};
    dyad_error err = {0};
    ah_state *st = malloc(sizeof *st);
    CHECK(st != NULL);
    CHECK_INT(ud_read_file(path, &c, &err), 0);
    size_t tried = 0, reproduced = 0;
    for (size_t k = 0; st && k < c.n; k++) {
        if (!projective(&c.items[k])) continue;
        tried++;
        reproduced += oracle_reproduces(&c.items[k], st);
    }
    CHECK(tried > 1500);
    CHECK_INT(reproduced, tried);
    free(st);
    ud_corpus_free(&c);
}

/* Trains on the tiny treebank; returns the model path or NULL. */
static const char *train_tiny(char *model, size_t cap, uint64_t seed)
{
    char bank[512];
    tmp_path(bank, sizeof bank, "tiny.conllu");
    tmp_path(model, cap, "tiny.model");
    if (write_file(bank, tiny_treebank, strlen(tiny_treebank)) < 0) return NULL;
    dyad_parse_train_options o = {.train_path = bank, .model_path = model, .seed = seed,
                                  .tagger_epochs = 20, .parser_epochs = 30, .row_bits = 12};
    dyad_error err = {0};
    int rc = dyad_parse_train(&o, &err);
    if (rc) printf("  training failed: %s\n", err.message);
    return rc ? NULL : model;
}

static void test_tiny_training_fits(void)
{
    char model[512], bank[512];
    CHECK(train_tiny(model, sizeof model, 1) != NULL);
    tmp_path(bank, sizeof bank, "tiny.conllu");
    dyad_error err = {0};
    dyad_parse_model *m = dyad_parse_model_load(model, &err);
    CHECK(m != NULL);
    if (!m) return;
    dyad_parse_scores sc;
    CHECK_INT(dyad_parse_eval(m, bank, &sc, &err), 0);
    CHECK_INT(sc.sentences, 4);
    CHECK_INT(sc.words, 23);
    CHECK(sc.upos == 100.0 && sc.xpos == 100.0);
    CHECK(sc.las == 100.0);
    dyad_parse_model_free(m);
}

static int read_all(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    dyad_buf b = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) dyad_buf_append(&b, chunk, got);
    fclose(f);
    *data = b.data;
    *len = b.len;
    return 0;
}

static void test_model_round_trip(void)
{
    char model[512], again[512];
    CHECK(train_tiny(model, sizeof model, 1) != NULL);
    tmp_path(again, sizeof again, "again.model");
    pz_model m;
    dyad_error err = {0};
    CHECK_INT(pz_model_load(&m, model, &err), 0);
    CHECK_INT(pz_model_save(&m, again, &err), 0);
    CHECK(m.n_tags >= 8 && m.n_labels >= 8);
    CHECK_STR(m.labels[m.root_label], "root");
    pz_model_free(&m);
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    CHECK(read_all(model, &a, &alen) == 0 && read_all(again, &b, &blen) == 0);
    CHECK(alen > 24 && alen == blen && a && b && !memcmp(a, b, alen));
    /* the same seed gives the same model, byte for byte */
    char model2[512];
    tmp_path(model2, sizeof model2, "tiny.model");
    char *c = NULL;
    size_t clen = 0;
    CHECK(train_tiny(model2, sizeof model2, 1) != NULL);
    CHECK(read_all(model2, &c, &clen) == 0 && clen == alen && c && a && !memcmp(a, c, alen));
    free(c);
    /* a damaged model is refused, not read */
    if (a && alen > 100) {
        a[alen / 2] ^= 0x55;
        write_file(again, a, alen);
        CHECK(dyad_parse_model_load(again, &err) == NULL);
        CHECK_INT(err.code, DYAD_EFORMAT);
        write_file(again, a, 30);
        CHECK(dyad_parse_model_load(again, &err) == NULL);
    }
    free(a);
    free(b);
}

static void test_parse_text(void)
{
    char model[512];
    CHECK(train_tiny(model, sizeof model, 1) != NULL);
    dyad_error err = {0};
    dyad_parse_model *m = dyad_parse_model_load(model, &err);
    dyad_parser *p = m ? dyad_parser_new(m, &err) : NULL;
    CHECK(p != NULL);
    if (!p) {
        dyad_parse_model_free(m);
        return;
    }
    const char *text = "Gondor attacked Mordor. The king didn't stop the army.";
    const dyad_parse_sentence *s;
    size_t n = 0;
    CHECK_INT(dyad_parser_text(p, text, strlen(text), &s, &n, &err), 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(s[0].n_words, 4);
        CHECK_STR(s[0].words[1].upos, "VERB");
        CHECK_STR(s[0].words[1].deprel, "root");
        CHECK_INT(s[0].words[0].head, 2);
        CHECK_INT(s[1].n_words, 8); /* didn't is did + n't */
        CHECK_STR(s[1].words[2].form, "did");
        CHECK_STR(s[1].words[3].form, "n't");
        CHECK_INT(s[1].words[3].begin, strstr(text, "n't") - text);
        CHECK_STR(s[0].words[1].lemma, "attack");
        size_t roots = 0;
        for (size_t i = 0; i < s[1].n_words; i++) roots += s[1].words[i].head == 0;
        CHECK_INT(roots, 1);
    }
    dyad_parser_free(p);
    dyad_parse_model_free(m);
}

static void remove_tmp_files(void)
{
    static const char *const names[] = {"tiny.conllu", "tiny.model", "again.model"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        tmp_path(path, sizeof path, names[i]);
        remove(path);
    }
}

int main(void)
{
    RUN(test_conllu_read);
    RUN(test_conllu_bad_input);
    RUN(test_oracle_tiny);
    RUN(test_oracle_costs);
    RUN(test_label_sets);
    RUN(test_trainer_mean);
    RUN(test_oracle_treebank);
    RUN(test_tiny_training_fits);
    RUN(test_model_round_trip);
    RUN(test_parse_text);
    remove_tmp_files();
    return check_done();
}
