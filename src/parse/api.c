/*
 * api.c -- the public face of the tagger and parser (dyad_parse.h): loading
 * a model, parsing raw text or given words, CoNLL-U output and evaluation.
 *
 * Raw text goes through dyad's own sentence splitter and tokenizer
 * (src/text), then clitics are split off as the treebank does ("don't" ->
 * do n't, "Iran's" -> Iran 's), because the models were trained on UD
 * words. A dyad_parser holds every per-call buffer, reused from call to
 * call, so steady-state parsing does not allocate.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "parse.h"
#include "text/text.h"

/* Words one call may return, in all its sentences (about 2 GB of text). */
enum { PARSE_MAX_WORDS = 1 << 26, LEMMA_MAX = 128 };

struct dyad_parse_model {
    pz_model m;
};

struct dyad_parser {
    const dyad_parse_model *model;
    pz_sentence *sent;
    ah_state *state;
    text_tokens tokens;
    text_span *spans;
    size_t n_spans, cap_spans;
    dyad_parse_word *words; /* every word of the call */
    size_t n_words, cap_words;
    dyad_parse_sentence *sentences;
    size_t n_sentences, cap_sentences;
    size_t *first_word; /* of each sentence, in words: words may still move */
    size_t cap_first;
    dyad_arena strings; /* lemmas and forms of the call */
    /* the current piece: forms and their text offsets */
    const char *forms[PZ_MAX_WORDS];
    uint32_t lens[PZ_MAX_WORDS], begins[PZ_MAX_WORDS];
    uint32_t n_piece;
};

dyad_parse_model *dyad_parse_model_load(const char *path, dyad_error *err)
{
    char buf[4096];
    if (!path) {
        const char *dir = getenv("DYAD_DATA");
#ifdef DYAD_DATADIR
        if (!dir || !*dir) dir = DYAD_DATADIR;
#endif
        if (!dir) dir = "data";
        snprintf(buf, sizeof buf, "%s/model/en_ewt.model", dir);
        path = buf;
    }
    dyad_parse_model *pm = calloc(1, sizeof *pm);
    if (!pm) {
        dyad_fail(err, DYAD_ENOMEM, "out of memory");
        return NULL;
    }
    if (pz_model_load(&pm->m, path, err) < 0) {
        free(pm);
        return NULL;
    }
    return pm;
}

void dyad_parse_model_free(dyad_parse_model *m)
{
    if (!m) return;
    pz_model_free(&m->m);
    free(m);
}

dyad_parser *dyad_parser_new(const dyad_parse_model *model, dyad_error *err)
{
    dyad_parser *p = calloc(1, sizeof *p);
    if (p) {
        p->model = model;
        p->sent = malloc(sizeof *p->sent);
        p->state = malloc(sizeof *p->state);
    }
    if (!p || !p->sent || !p->state) {
        dyad_parser_free(p);
        dyad_fail(err, DYAD_ENOMEM, "out of memory");
        return NULL;
    }
    return p;
}

void dyad_parser_free(dyad_parser *p)
{
    if (!p) return;
    free(p->sent);
    free(p->state);
    text_tokens_free(&p->tokens);
    free(p->spans);
    free(p->words);
    free(p->sentences);
    free(p->first_word);
    dyad_arena_free(&p->strings);
    free(p);
}

/* Lower-case lemma of a word tagged `upos`: proper nouns, numbers and
 * punctuation keep their form; text_lemma wants upper-case norms. */
static const char *lemma_of(dyad_parser *p, const char *form, size_t len, const char *upos)
{
    if (!strcmp(upos, "PROPN") || !strcmp(upos, "PUNCT") || !strcmp(upos, "NUM") ||
        !strcmp(upos, "SYM") || len >= LEMMA_MAX)
        return dyad_arena_strndup(&p->strings, form, len);
    char upper[LEMMA_MAX], out[LEMMA_MAX];
    for (size_t i = 0; i < len; i++)
        upper[i] = (form[i] >= 'a' && form[i] <= 'z') ? (char)(form[i] - 32) : form[i];
    size_t n = text_lemma(upper, len, out, sizeof out);
    for (size_t i = 0; i < n; i++)
        if (out[i] >= 'A' && out[i] <= 'Z') out[i] = (char)(out[i] + 32);
    return dyad_arena_strndup(&p->strings, out, n);
}

/* Tags and parses the current piece and appends it as a sentence. */
static int flush_piece(dyad_parser *p, int with_offsets, dyad_error *err)
{
    const pz_model *m = &p->model->m;
    uint32_t n = p->n_piece;
    if (n == 0) return 0;
    if (p->n_words + n > PARSE_MAX_WORDS)
        return dyad_fail(err, DYAD_ETOOBIG, "more than %d words in one call", PARSE_MAX_WORDS);
    pz_sentence_set(p->sent, p->forms, p->lens, n);
    tagger_tag(m, p->sent);
    depparse_parse(m, p->sent, p->state);
    size_t n_first = p->n_sentences;
    size_t *first = dyad_grow(&p->first_word, &n_first, &p->cap_first, sizeof *first);
    dyad_parse_sentence *s = first ? dyad_grow(&p->sentences, &p->n_sentences, &p->cap_sentences, sizeof *s) : NULL;
    if (!s) return dyad_fail(err, DYAD_ENOMEM, "out of memory");
    *first = p->n_words;
    s->n_words = n;
    for (uint32_t i = 1; i <= n; i++) {
        dyad_parse_word *w = dyad_grow(&p->words, &p->n_words, &p->cap_words, sizeof *w);
        if (!w) return dyad_fail(err, DYAD_ENOMEM, "out of memory");
        uint16_t tag = p->sent->tag[i];
        w->form = dyad_arena_strndup(&p->strings, p->forms[i - 1], p->lens[i - 1]);
        w->upos = m->upos[tag];
        w->xpos = m->xpos[tag];
        w->lemma = lemma_of(p, p->forms[i - 1], p->lens[i - 1], w->upos);
        w->deprel = m->labels[p->sent->label[i]];
        w->head = p->sent->head[i];
        if (with_offsets) {
            w->begin = p->begins[i - 1];
            w->end = p->begins[i - 1] + p->lens[i - 1];
        }
        if (!w->form || !w->lemma) return dyad_fail(err, DYAD_ENOMEM, "out of memory");
    }
    if (with_offsets) {
        s->begin = p->begins[0];
        s->end = p->begins[n - 1] + p->lens[n - 1];
    }
    p->n_piece = 0;
    return 0;
}

static int add_form(dyad_parser *p, const char *form, size_t len, uint32_t begin, int with_offsets,
                    dyad_error *err)
{
    if (p->n_piece == PZ_MAX_WORDS) {
        int rc = flush_piece(p, with_offsets, err);
        if (rc < 0) return rc;
    }
    if (len > PZ_MAX_WORD_BYTES) len = PZ_MAX_WORD_BYTES; /* the models read no further */
    p->forms[p->n_piece] = form;
    p->lens[p->n_piece] = (uint32_t)len;
    p->begins[p->n_piece++] = begin;
    return 0;
}

static void begin_call(dyad_parser *p)
{
    p->n_words = p->n_sentences = 0;
    p->n_piece = 0;
    dyad_arena_reset(&p->strings);
}

static void end_call(dyad_parser *p)
{
    for (size_t i = 0; i < p->n_sentences; i++) p->sentences[i].words = p->words + p->first_word[i];
}

/* Length of a clitic the treebank splits off the end of w ("n't", "'s",
 * "'ll", with ' or a right single quote), or 0. */
static size_t clitic_length(const char *w, size_t len)
{
    static const char *const endings[] = {"n't", "'s", "'re", "'ve", "'ll", "'m", "'d"};
    for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
        const char *end = endings[e];
        size_t apos = (size_t)(strchr(end, '\'') - end), tail = strlen(end) - apos - 1;
        for (int curly = 0; curly < 2; curly++) {
            size_t alen = curly ? 3 : 1, total = apos + alen + tail;
            if (len <= total) continue;
            const char *s = w + len - total;
            if (strncasecmp(s, end, apos)) continue;
            if (curly ? memcmp(s + apos, "\xe2\x80\x99", 3) : s[apos] != '\'') continue;
            if (!strncasecmp(s + apos + alen, end + apos + 1, tail)) return total;
        }
    }
    return 0;
}

static int add_token(dyad_parser *p, const char *text, uint32_t begin, uint32_t end,
                     dyad_error *err)
{
    size_t len = end - begin, clitic = clitic_length(text + begin, len);
    int rc = add_form(p, text + begin, len - clitic, begin, 1, err);
    if (rc == 0 && clitic)
        rc = add_form(p, text + end - clitic, clitic, (uint32_t)(end - clitic), 1, err);
    return rc;
}

int dyad_parser_text(dyad_parser *p, const char *text, size_t len,
                     const dyad_parse_sentence **out, size_t *n, dyad_error *err)
{
    begin_call(p);
    p->n_spans = 0;
    int rc = text_segment(text, len, &p->spans, &p->n_spans, &p->cap_spans);
    if (rc < 0) return dyad_fail(err, rc, "cannot split the text: %s", dyad_strerror(rc));
    for (size_t i = 0; i < p->n_spans && rc == 0; i++) {
        const char *s = text + p->spans[i].begin;
        rc = text_tokenize(s, p->spans[i].end - p->spans[i].begin, &p->tokens);
        if (rc < 0) return dyad_fail(err, rc, "cannot tokenise: %s", dyad_strerror(rc));
        for (size_t t = 0; t < p->tokens.n && rc == 0; t++)
            rc = add_token(p, text, p->spans[i].begin + p->tokens.items[t].begin,
                           p->spans[i].begin + p->tokens.items[t].end, err);
        if (rc == 0) rc = flush_piece(p, 1, err);
    }
    end_call(p);
    *out = p->sentences;
    *n = rc < 0 ? 0 : p->n_sentences;
    return rc;
}

int dyad_parser_words(dyad_parser *p, const char *const *forms, const size_t *lens, size_t n,
                      const dyad_parse_sentence **out, dyad_error *err)
{
    begin_call(p);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = add_form(p, forms[i], lens[i], 0, 0, err);
    if (rc == 0) rc = flush_piece(p, 0, err);
    end_call(p);
    *out = p->n_sentences ? p->sentences : NULL;
    return rc;
}

/* Sentences longer than the limit come back in pieces; CoNLL-U wants one
 * tree, so callers of dyad_parser_words usually pass n <= 1024. */
int dyad_parse_write_conllu(FILE *out, const dyad_parse_sentence *s, const char *text)
{
    if (text) fprintf(out, "# text = %s\n", text);
    for (size_t i = 0; i < s->n_words; i++) {
        const dyad_parse_word *w = &s->words[i];
        fprintf(out, "%zu\t%s\t%s\t%s\t%s\t_\t%u\t%s\t_\t_\n", i + 1, w->form, w->lemma, w->upos,
                w->xpos, w->head, w->deprel);
    }
    return fputc('\n', out) == EOF || ferror(out) ? DYAD_EIO : 0;
}

/* Processor time of this thread, not the wall clock: speed is per core, and
 * a busy machine would otherwise halve it. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tags and parses one gold sentence in `s` and counts agreements. */
static void eval_sentence(const pz_model *m, const ud_sentence *gold, pz_sentence *s,
                          ah_state *st, size_t counts[4], double *seconds)
{
    const char *forms[PZ_MAX_WORDS];
    uint32_t lens[PZ_MAX_WORDS];
    for (uint32_t i = 0; i < gold->n; i++) {
        forms[i] = gold->words[i].form;
        lens[i] = (uint32_t)strlen(forms[i]);
        if (lens[i] > PZ_MAX_WORD_BYTES) lens[i] = PZ_MAX_WORD_BYTES;
    }
    double t0 = now_seconds();
    pz_sentence_set(s, forms, lens, gold->n);
    tagger_tag(m, s);
    depparse_parse(m, s, st);
    *seconds += now_seconds() - t0;
    for (uint32_t i = 1; i <= gold->n; i++) {
        const ud_word *g = &gold->words[i - 1];
        int head_ok = s->head[i] == g->head;
        counts[0] += !strcmp(m->upos[s->tag[i]], g->upos);
        counts[1] += !strcmp(m->xpos[s->tag[i]], g->xpos);
        counts[2] += head_ok;
        counts[3] += head_ok && !strcmp(m->labels[s->label[i]], g->deprel);
    }
}

int pz_eval_corpus(const pz_model *m, const ud_corpus *c, dyad_parse_scores *scores,
                   dyad_error *err)
{
    pz_sentence *s = malloc(sizeof *s);
    ah_state *st = malloc(sizeof *st);
    size_t counts[4] = {0};
    memset(scores, 0, sizeof *scores);
    if (!s || !st) {
        free(s);
        free(st);
        return dyad_fail(err, DYAD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->n; i++) {
        eval_sentence(m, &c->items[i], s, st, counts, &scores->seconds);
        scores->words += c->items[i].n;
    }
    scores->sentences = c->n;
    double w = scores->words ? (double)scores->words : 1;
    scores->upos = 100.0 * (double)counts[0] / w;
    scores->xpos = 100.0 * (double)counts[1] / w;
    scores->uas = 100.0 * (double)counts[2] / w;
    scores->las = 100.0 * (double)counts[3] / w;
    free(s);
    free(st);
    return 0;
}

int dyad_parse_eval(const dyad_parse_model *m, const char *conllu_path, dyad_parse_scores *scores,
                    dyad_error *err)
{
    ud_corpus c = {0};
    int rc = ud_read_file(conllu_path, &c, err);
    if (rc == 0) rc = pz_eval_corpus(&m->m, &c, scores, err);
    ud_corpus_free(&c);
    return rc;
}
