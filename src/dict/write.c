/*
 * write.c -- writes a dictionary model in dyad's own format (the data/
 * folder: four files in PETRARCH-2 syntax) or as a PETRARCH-2 set with its
 * PETR_config.ini.
 *
 * The writer works from the model, not from the source text, so whatever
 * the engine reads (TABARI, PETRARCH-1/2, dyad) can be written, and a dyad
 * folder written from a dyad folder comes out byte for byte the same (a
 * fixed point: a first conversion drops comments and normalises spacing and
 * joins, nothing the coder sees). Agents' plurals, verb forms and synset members
 * are written out in full wherever the reader would not make the same ones,
 * and synsets are written as synsets, so that pattern lengths -- which
 * decide which pattern wins -- do not change.
 *
 * What PETRARCH-2's syntax cannot say -- TABARI's stems and automatic
 * endings, words allowed between a phrase's words, time shifts, noun and
 * adjective lists, coder options -- is reported with the entry's source
 * file and line (dict_warn) and written as the message says, never dropped
 * in silence.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dict/dict_read.h"
#include "dict/dict_maint.h"

/* ---- text of model pieces ------------------------------------------------ */

int dict_code_text(const dict_event_code *c, dyad_buf *out)
{
    if (c->flags & DICT_EC_NULL) return dyad_buf_puts(out, "---");
    if (c->flags & DICT_EC_DISCARD) return dyad_buf_puts(out, "###");
    if (c->flags & DICT_EC_COMPLEX) return dyad_buf_puts(out, "+++");
    const char *mark = c->flags & DICT_EC_SUBORDINATE ? "?" : c->flags & DICT_EC_DOMINANT ? "!" : "";
    return dyad_buf_printf(out, "%s%s%s%s", c->code ? c->code : "", c->code ? mark : "",
                           c->paired ? ":" : "", c->paired ? c->paired : "");
}

/* The day after yyyymmdd: mktime normalises "the 32nd" (noon avoids DST). */
static int32_t next_day(int32_t ymd)
{
    struct tm tm = {0};
    tm.tm_year = ymd / 10000 - 1900;
    tm.tm_mon = ymd / 100 % 100 - 1;
    tm.tm_mday = ymd % 100 + 1;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    if (mktime(&tm) == (time_t)-1) return ymd;
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

int dict_window_text(int32_t from, int32_t to, dict_style style, dyad_buf *out)
{
    int32_t end = style == DICT_STYLE_TABARI ? to : next_day(to);
    if (from && to) return dyad_buf_printf(out, "%d-%d", (int)from, (int)end);
    if (from) return dyad_buf_printf(out, ">%d", (int)from);
    if (to) return dyad_buf_printf(out, "<%d", (int)end);
    return 0;
}

const dict_synset *dict_synset_of(const dict *d, const dict_seq *alts)
{
    for (size_t i = 0; i < d->n_synsets; i++)
        if (d->synsets[i].alts == alts) return &d->synsets[i];
    return NULL;
}

static int elem_adjacent(const dict_elem *e)
{
    return e->kind == DICT_E_WORD ? (e->word.flags & DICT_W_ADJACENT) != 0
                                  : e->adjacent || (e->word.flags & DICT_W_ADJACENT);
}

static int elem_text(const dict *d, const dict_elem *e, int joins, dyad_buf *out)
{
    static const char markers[] = {[DICT_E_VERB] = '*', [DICT_E_SOURCE] = '$',
                                   [DICT_E_TARGET] = '+', [DICT_E_BOTH] = '%',
                                   [DICT_E_SKIP] = '^'};
    if (e->kind == DICT_E_WORD || e->kind == DICT_E_GROUP_OPEN || e->kind == DICT_E_GROUP_CLOSE)
        return dyad_buf_puts(out, e->word.text ? e->word.text : "");
    if (e->kind != DICT_E_ALT) return dyad_buf_putc(out, markers[e->kind]);
    const dict_synset *syn = dict_synset_of(d, e->alts);
    if (syn) return dyad_buf_puts(out, syn->name);
    int rc = dyad_buf_puts(out, "{ ");
    for (uint32_t a = 0; !rc && a < e->n_alts; a++) {
        if (a) rc = dyad_buf_puts(out, " | ");
        if (!rc) rc = dict_seq_text(d, &e->alts[a], joins, out);
    }
    return rc ? rc : dyad_buf_puts(out, " }");
}

int dict_seq_text(const dict *d, const dict_seq *seq, int joins, dyad_buf *out)
{
    int rc = 0;
    for (uint32_t i = 0; !rc && i < seq->n_elems; i++) {
        if (i) rc = dyad_buf_putc(out, joins && elem_adjacent(&seq->elems[i - 1]) ? '_' : ' ');
        if (!rc) rc = elem_text(d, &seq->elems[i], joins, out);
    }
    return rc;
}

/* ---- what PETRARCH-2's syntax cannot say ---------------------------------- */

enum { LOSS_STEM = 1, LOSS_ENDINGS = 2, LOSS_GAP = 4 };

/* Characters the PETRARCH readers take as syntax wherever they stand: '#'
 * and ';' start comments, '!' a substitution list, brackets and braces
 * codes and forms. A phrase with one of them cannot be written. */
static const char UNWRITABLE[] = "#;![]{}";

static int phrase_writable(const dict_phrase *ph)
{
    for (uint32_t i = 0; i < ph->n_words; i++)
        if (strpbrk(ph->words[i].text, UNWRITABLE)) return 0;
    return 1;
}

static void report_unwritable(dict *d, dict_origin o, const char *what, const dict_phrase *ph)
{
    char text[256];
    dict_phrase_text(ph, text, sizeof text);
    dict_warn(d, o.file, o.line, "%s \"%s\" left out: a word holds one of %s, which the PETRARCH"
              " readers take as syntax", what, text, UNWRITABLE);
}

/* `endings_at`: the word dyad's coder gives the regular endings to when it
 * reads PETRARCH syntax (the last word of an actor or agent, the verb word
 * of a verb with regular forms), or -1; endings elsewhere are lost. */
static unsigned phrase_losses(const dict_phrase *ph, long endings_at)
{
    unsigned loss = 0;
    for (uint32_t i = 0; i < ph->n_words; i++) {
        uint8_t f = ph->words[i].flags;
        if (f & DICT_W_STEM) loss |= LOSS_STEM;
        if ((f & DICT_W_ENDINGS) && (long)i != endings_at) loss |= LOSS_ENDINGS;
        if (i + 1 < ph->n_words && !(f & DICT_W_ADJACENT)) loss |= LOSS_GAP;
    }
    return loss;
}

static long last_word(const dict_phrase *ph) { return (long)ph->n_words - 1; }

static unsigned seq_losses(const dict_seq *seq)
{
    unsigned loss = 0;
    for (uint32_t i = 0; i < seq->n_elems; i++) {
        const dict_elem *e = &seq->elems[i];
        if (e->kind == DICT_E_WORD && (e->word.flags & DICT_W_STEM)) loss |= LOSS_STEM;
        for (uint32_t a = 0; e->kind == DICT_E_ALT && a < e->n_alts; a++)
            loss |= seq_losses(&e->alts[a]);
    }
    return loss;
}

static void report_losses(dict *d, dict_origin o, const char *what, unsigned loss)
{
    if (!loss) return;
    dict_warn(d, o.file, o.line, "%s: %s%s%s%s%s (PETRARCH-2 syntax has none)", what,
              loss & LOSS_STEM ? "stems written as whole words" : "",
              loss & LOSS_STEM && loss & ~LOSS_STEM ? "; " : "",
              loss & LOSS_ENDINGS ? "automatic endings dropped" : "",
              loss & LOSS_ENDINGS && loss & LOSS_GAP ? "; " : "",
              loss & LOSS_GAP ? "words allowed between its words written as consecutive" : "");
}

/* ---- the writer ------------------------------------------------------------ */

typedef struct writer {
    dict *d;
    FILE *f;
    dyad_buf text; /* scratch for one entry */
    int oom;
} writer;

static void put_buf(writer *w, int rc)
{
    if (rc) w->oom = 1;
    else fputs(w->text.data ? w->text.data : "", w->f);
    dyad_buf_clear(&w->text);
}

/* "ASK_FOR"; with a mark, '+' before the inflected word of a longer verb. */
static int phrase_text(const dict_phrase *ph, long mark, dyad_buf *out)
{
    int rc = 0;
    for (uint32_t i = 0; !rc && i < ph->n_words; i++) {
        if (i) rc = dyad_buf_putc(out, '_');
        if (!rc && mark == (long)i && ph->n_words > 1) rc = dyad_buf_putc(out, '+');
        if (!rc) rc = dyad_buf_puts(out, ph->words[i].text);
    }
    return rc;
}

static void put_phrase(writer *w, const dict_phrase *ph, long mark)
{
    put_buf(w, phrase_text(ph, mark, &w->text));
}

/* ---- actors ---------------------------------------------------------------- */

/* PETRARCH reads "[###]" as "[" and a comment: a discard code cannot be
 * written. A group that is only [###] becomes discard phrases (the same
 * effect: the sentence is dropped when the phrase is seen); a dated [###]
 * block is left out. */
static int is_discard_code(const char *code) { return !strcmp(code, "###"); }

static int discard_only(const dict_actor *a)
{
    return a->n_codes == 1 && is_discard_code(a->codes[0].code) && !a->codes[0].from &&
           !a->codes[0].to;
}

/* One "[CODE/CODE2 window]" from the lead block at codes[i]; returns the
 * index after its compound followers. */
static uint32_t put_code_block(writer *w, const dict_actor *a, uint32_t i)
{
    const dict_code_block *lead = &a->codes[i];
    if (is_discard_code(lead->code)) {
        dict_warn(w->d, a->origin.file, a->origin.line, "discard code [###] in a date window "
                  "left out (PETRARCH-2 syntax reads '#' as a comment)");
        for (i++; i < a->n_codes && (a->codes[i].flags & DICT_CB_COMPOUND); i++) continue;
        return i;
    }
    int rc = dyad_buf_printf(&w->text, "[%s", lead->code);
    for (i++; !rc && i < a->n_codes && (a->codes[i].flags & DICT_CB_COMPOUND); i++)
        rc = dyad_buf_printf(&w->text, "/%s", a->codes[i].code);
    if (!rc && (lead->from || lead->to)) rc = dyad_buf_putc(&w->text, ' ');
    if (!rc) rc = dict_window_text(lead->from, lead->to, DICT_STYLE_PETRARCH, &w->text);
    if (!rc) rc = dyad_buf_putc(&w->text, ']');
    put_buf(w, rc);
    return i;
}

/* The index of the group's one written block when it is undated (it goes
 * on the root line), else -1 (blocks go on indented lines). */
static long single_undated_block(const dict_actor *a)
{
    long found = -1;
    for (uint32_t i = 0; i < a->n_codes; i++) {
        if ((a->codes[i].flags & DICT_CB_COMPOUND) || is_discard_code(a->codes[i].code)) continue;
        if (found >= 0 || a->codes[i].from || a->codes[i].to) return -1;
        found = (long)i;
    }
    return found;
}

static void write_actor(writer *w, const dict_actor *a)
{
    unsigned loss = 0;
    long single = single_undated_block(a);
    if (discard_only(a)) return; /* see write_discards */
    for (uint32_t p = 0; p < a->n_phrases; p++) {
        if (!phrase_writable(&a->phrases[p])) {
            report_unwritable(w->d, a->origin, "actor phrase", &a->phrases[p]);
            if (!p) return;
            continue;
        }
        loss |= phrase_losses(&a->phrases[p], last_word(&a->phrases[p]));
        if (p) fputc('+', w->f);
        put_phrase(w, &a->phrases[p], -1);
        if (!p && single >= 0) {
            fputs("  ", w->f);
            put_code_block(w, a, (uint32_t)single);
        }
        fputc('\n', w->f);
    }
    for (uint32_t i = 0; single < 0 && i < a->n_codes;) {
        if (is_discard_code(a->codes[i].code)) {
            i = put_code_block(w, a, i);
            continue;
        }
        fputc('\t', w->f);
        i = put_code_block(w, a, i);
        fputc('\n', w->f);
    }
    report_losses(w->d, a->origin, "actor", loss);
}

/* ---- agents ---------------------------------------------------------------- */

/* Is `plural` what the PETRARCH reader would make of `root` by itself? */
static int auto_plural(writer *w, const dict_phrase *root, const dict_phrase *plural)
{
    dyad_buf root_text = {0}, plural_text = {0};
    int same = 0;
    if (!phrase_text(root, -1, &root_text) && !phrase_text(plural, -1, &plural_text)) {
        char *made = dict_plural(w->d, root_text.data);
        same = made && !strcmp(made, plural_text.data);
    }
    dyad_buf_free(&root_text);
    dyad_buf_free(&plural_text);
    return same;
}

static void write_agent(writer *w, const dict_agent *a)
{
    unsigned loss = 0;
    for (uint32_t p = 0; p < a->n_phrases; p++) {
        if (!phrase_writable(&a->phrases[p])) {
            report_unwritable(w->d, a->origin, "agent", &a->phrases[p]);
            return;
        }
        loss |= phrase_losses(&a->phrases[p], last_word(&a->phrases[p]));
    }
    put_phrase(w, &a->phrases[0], -1);
    if (!(a->n_phrases == 2 && auto_plural(w, &a->phrases[0], &a->phrases[1]))) {
        fputs(" {", w->f);
        for (uint32_t p = 1; p < a->n_phrases; p++) {
            if (p > 1) fputc(' ', w->f);
            put_phrase(w, &a->phrases[p], -1);
        }
        fputc('}', w->f);
    }
    if (a->side == DICT_AGENT_PREFIX) fprintf(w->f, " [%s~]\n", a->code);
    else fprintf(w->f, " [~%s]\n", a->code);
    report_losses(w->d, a->origin, "agent", loss);
}

/* ---- verbs ------------------------------------------------------------------ */

static void put_code(writer *w, const dict_event_code *c)
{
    static const dict_event_code null_code = {NULL, NULL, DICT_EC_NULL};
    fputc('[', w->f);
    put_buf(w, dict_code_text(c->flags & DICT_EC_DISCARD ? &null_code : c, &w->text));
    fputc(']', w->f);
}

static void report_discard_code(writer *w, dict_origin o, const char *what)
{
    dict_warn(w->d, o.file, o.line, "discard code [###] of this %s written as [---]%s (PETRARCH-2 "
              "syntax reads '#' as a comment)", what,
              strcmp(what, "verb") ? "" : ", and the verb as a discard phrase");
}

static int same_code(const dict_event_code *a, const dict_event_code *b)
{
    return a->flags == b->flags && !strcmp(a->code ? a->code : "", b->code ? b->code : "") &&
           !strcmp(a->paired ? a->paired : "", b->paired ? b->paired : "");
}

/* Synsets first, each member written out: "&NAME_" takes no plurals, so
 * the members read back are exactly these. */
static void write_synsets(writer *w)
{
    for (size_t i = 0; i < w->d->n_synsets; i++) {
        const dict_synset *syn = &w->d->synsets[i];
        if (dict_synset_find(w->d, syn->name + 1, strlen(syn->name + 1)) != syn)
            dict_warn(w->d, syn->origin.file, syn->origin.line,
                      "synset %s defined again later: the patterns written before the later "
                      "one now read the later one", syn->name);
        fprintf(w->f, "%s_\n", syn->name);
        for (uint32_t m = 0; m < syn->n_members; m++) {
            report_losses(w->d, syn->origin, "synset member", seq_losses(&syn->alts[m]));
            fputc('+', w->f);
            put_buf(w, dict_seq_text(w->d, &syn->alts[m], 1, &w->text));
            fputc('\n', w->f);
        }
    }
}

static void write_pattern(writer *w, const dict_pattern *p)
{
    if (p->code.flags & DICT_EC_DISCARD) report_discard_code(w, p->origin, "pattern");
    fputs("- ", w->f);
    put_buf(w, dict_seq_text(w->d, &p->seq, 1, &w->text));
    fputs("  ", w->f);
    put_code(w, &p->code);
    fputc('\n', w->f);
    report_losses(w->d, p->origin, "pattern", seq_losses(&p->seq));
}

static void write_verb(writer *w, const dict_verb *v, const dict_event_code *block_code)
{
    if (!phrase_writable(&v->phrase)) {
        report_unwritable(w->d, v->origin, "verb", &v->phrase);
        return;
    }
    if (v->code.flags & DICT_EC_DISCARD) report_discard_code(w, v->origin, "verb");
    put_phrase(w, &v->phrase, v->verb_word);
    if (v->n_forms || !v->generate_forms) {
        fputs(" {", w->f);
        for (uint32_t i = 0; i < v->n_forms; i++) {
            if (i) fputc(' ', w->f);
            put_phrase(w, &v->forms[i], v->forms[i].n_words == v->phrase.n_words ? (long)v->verb_word : -1);
        }
        fputc('}', w->f);
    }
    if (!same_code(&v->code, block_code)) {
        fputc(' ', w->f);
        put_code(w, &v->code);
    }
    fputc('\n', w->f);
    unsigned loss = phrase_losses(&v->phrase, v->generate_forms ? (long)v->verb_word : -1);
    for (uint32_t i = 0; i < v->n_forms; i++) loss |= phrase_losses(&v->forms[i], -1);
    report_losses(w->d, v->origin, "verb", loss);
}

/* A block is a run of verbs with one name and one pattern array; a TABARI
 * verb (no block) is a block of its own, named after the verb. */
static int starts_block(const dict *d, size_t i)
{
    const dict_verb *v = &d->verbs[i], *prev = i ? &d->verbs[i - 1] : NULL;
    return !prev || !v->block || !prev->block || strcmp(v->block, prev->block) ||
           v->patterns != prev->patterns;
}

/* A folder of *.txt dictionaries is coded with dyad's rules unless its
 * verbs file says otherwise in one of these comment lines (comments, so
 * PETRARCH still reads the file; its own "####### VERB PATTERNS" line is
 * a comment that means something too). Only the PETRARCH rules can be
 * asked for: TABARI's need stems that PETRARCH syntax cannot write. */
static const struct {
    const char *line;
    dict_flavor flavor;
} rules_lines[] = {
    {"# rules: PETRARCH-1", DICT_FLAVOR_PETRARCH1},
    {"# rules: PETRARCH-2", DICT_FLAVOR_PETRARCH2},
};

dict_flavor dict_file_rules(const char *path, dict_flavor flavor)
{
    static const char suffix[] = ".verbs.txt";
    size_t n = strlen(path);
    if (flavor != DICT_FLAVOR_DYAD || n < sizeof suffix ||
        strcmp(path + n - (sizeof suffix - 1), suffix))
        return flavor;
    FILE *f = fopen(path, "r");
    char line[256];
    /* The line belongs to the header: the comments before the first entry. */
    while (f && fgets(line, sizeof line, f) && (line[0] == '#' || line[0] == '\n'))
        for (size_t k = 0; k < sizeof rules_lines / sizeof *rules_lines; k++)
            if (!strncmp(line, rules_lines[k].line, strlen(rules_lines[k].line)))
                flavor = rules_lines[k].flavor;
    if (f) fclose(f);
    return flavor;
}

static void write_verbs(writer *w)
{
    dict *d = w->d;
    for (size_t k = 0; k < sizeof rules_lines / sizeof *rules_lines; k++)
        if (d->flavor == rules_lines[k].flavor)
            fprintf(w->f, "%s (dyad codes this folder with that peer's rules, as the source)\n\n",
                    rules_lines[k].line);
    write_synsets(w);
    fputs("\n####### VERB PATTERNS #######\n", w->f);
    const dict_event_code *block_code = NULL;
    for (size_t i = 0; i < d->n_verbs; i++) {
        const dict_verb *v = &d->verbs[i];
        if (starts_block(d, i)) {
            fputs("\n--- ", w->f);
            if (v->block) fputs(v->block, w->f);
            else put_phrase(w, &v->phrase, -1);
            fputc(' ', w->f);
            put_code(w, &v->code);
            fputs(" ---\n", w->f);
            block_code = &v->code;
        }
        write_verb(w, v, block_code);
        int last = i + 1 == d->n_verbs || starts_block(d, i + 1);
        for (uint32_t p = 0; last && p < v->n_patterns; p++) write_pattern(w, &v->patterns[p]);
    }
    if (d->n_transforms) fputs("\n", w->f);
    for (size_t i = 0; i < d->n_transforms; i++) fprintf(w->f, "%s\n", d->transforms[i].text);
}

/* ---- discards and what has no place ----------------------------------------- */

static void put_discard(writer *w, const dict_phrase *ph, int whole_story, dict_origin o)
{
    if (!phrase_writable(ph)) {
        report_unwritable(w->d, o, "discard", ph);
        return;
    }
    if (whole_story) fputc('+', w->f);
    put_phrase(w, ph, -1);
    fputc('\n', w->f);
    report_losses(w->d, o, "discard", phrase_losses(ph, -1));
}

/* The discards, then the actor groups and verbs coded [###]. */
static void write_discards(writer *w)
{
    const dict *d = w->d;
    for (size_t i = 0; i < d->n_discards; i++)
        put_discard(w, &d->discards[i].phrase, d->discards[i].whole_story, d->discards[i].origin);
    for (size_t i = 0; i < d->n_actors; i++)
        for (uint32_t p = 0; discard_only(&d->actors[i]) && p < d->actors[i].n_phrases; p++)
            put_discard(w, &d->actors[i].phrases[p], 0, d->actors[i].origin);
    for (size_t i = 0; i < d->n_verbs; i++) {
        const dict_verb *v = &d->verbs[i];
        if (!(v->code.flags & DICT_EC_DISCARD) || !phrase_writable(&v->phrase)) continue;
        put_discard(w, &v->phrase, 0, v->origin);
        for (uint32_t f = 0; f < v->n_forms; f++) put_discard(w, &v->forms[f], 0, v->origin);
    }
}

static void report_unwritten(dict *d, dyad_dict_format format)
{
    for (size_t i = 0; i < d->n_times; i++)
        dict_warn(d, d->times[i].origin.file, d->times[i].origin.line,
                  "time shift not written (PETRARCH-2 syntax has no time phrases)");
    const char *file = d->n_verbs ? d->verbs[0].origin.file : NULL;
    if (d->n_nouns || d->n_adjectives)
        dict_warn(d, file, 0, "%zu nouns and %zu adjectives not written (PETRARCH-2 syntax has no "
                  "word lists)", d->n_nouns, d->n_adjectives);
    int options_fit = format == DYAD_DICT_PETRARCH2 && d->flavor != DICT_FLAVOR_TABARI;
    for (size_t i = 0; !options_fit && i < d->n_options; i++)
        dict_warn(d, NULL, 0, "option \"%s\" not written (%s)", d->options[i],
                  format == DYAD_DICT_DYAD ? "a dyad folder has no options"
                                           : "a TABARI option, not a PETRARCH-2 one");
}

/* ---- files ------------------------------------------------------------------- */

typedef void (*section_fn)(writer *w);

static void write_actors(writer *w)
{
    for (size_t i = 0; i < w->d->n_actors; i++) write_actor(w, &w->d->actors[i]);
}

static void write_agents(writer *w)
{
    for (size_t i = 0; i < w->d->n_agents; i++) write_agent(w, &w->d->agents[i]);
}

static int write_file(dict *d, const char *dir, const char *name, const char *what,
                      section_fn section, dyad_error *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return dyad_fail(err, DYAD_EARG, "%s: path too long", dir);
    writer w = {d, fopen(path, "w"), {0}, 0};
    if (!w.f) return dyad_fail(err, DYAD_EIO, "%s: cannot write: %s", path, strerror(errno));
    fprintf(w.f, "# %s -- %s, written by dyad dict convert\n\n", name, what);
    section(&w);
    dyad_buf_free(&w.text);
    int bad = ferror(w.f) | fclose(w.f);
    if (w.oom) return dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", path);
    return bad ? dyad_fail(err, DYAD_EIO, "%s: write failed", path) : 0;
}

static int write_config(dict *d, const char *dir, const char *const names[4], dyad_error *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/PETR_config.ini", dir) >= (int)sizeof path)
        return dyad_fail(err, DYAD_EARG, "%s: path too long", dir);
    FILE *f = fopen(path, "w");
    if (!f) return dyad_fail(err, DYAD_EIO, "%s: cannot write: %s", path, strerror(errno));
    fprintf(f, "# PETR_config.ini -- written by dyad dict convert\n\n[Dictionaries]\n"
               "verbfile_name    = %s\nactorfile_list   = %s\nagentfile_name   = %s\n"
               "discardfile_name = %s\n\n[Options]\n", names[2], names[0], names[1], names[3]);
    for (size_t i = 0; d->flavor != DICT_FLAVOR_TABARI && i < d->n_options; i++)
        fprintf(f, "%s\n", d->options[i]);
    int bad = ferror(f) | fclose(f);
    return bad ? dyad_fail(err, DYAD_EIO, "%s: write failed", path) : 0;
}

int dict_write(dict *d, dyad_dict_format format, const char *dir, dyad_error *err)
{
    static const char *const dyad_names[4] = {"dyad.actors.txt", "dyad.agents.txt",
                                              "dyad.verbs.txt", "dyad.discards.txt"};
    static const char *const petr_names[4] = {"PETR.actors.txt", "PETR.agents.txt",
                                              "PETR.verbs.txt", "PETR.discards.txt"};
    static const struct {
        const char *what;
        section_fn section;
    } files[4] = {{"actors", write_actors}, {"agents", write_agents},
                  {"verbs and patterns", write_verbs}, {"discards", write_discards}};
    const char *const *names = format == DYAD_DICT_PETRARCH2 ? petr_names : dyad_names;
    if (mkdir(dir, 0777) && errno != EEXIST)
        return dyad_fail(err, DYAD_EIO, "%s: cannot create folder: %s", dir, strerror(errno));
    int rc = 0;
    for (int i = 0; !rc && i < 4; i++)
        rc = write_file(d, dir, names[i], files[i].what, files[i].section, err);
    if (!rc && format == DYAD_DICT_PETRARCH2) rc = write_config(d, dir, names, err);
    if (!rc) report_unwritten(d, format);
    return rc;
}
