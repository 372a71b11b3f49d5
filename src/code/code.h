/*
 * code.h -- the coding engine's insides, shared by the files of src/code/.
 *
 * Compile once, scan many. index.c turns the dictionary model (dict.h) into
 * a matching index: every dictionary word is interned in a character trie,
 * so a sentence token is mapped to all the dictionary words it can stand for
 * (exact, stem prefix, regular ending) by one walk; phrases are listed under
 * their first word, longest first; pattern elements carry word ids instead
 * of strings. The index is immutable after compilation and shared by every
 * coder.
 *
 * A coder (coder.c) owns per-sentence scratch: the token array, the hits of
 * each token, the tagged items and actor groups. actors.c tags a sentence
 * (actors, agents, verbs, compounds, deleted comma clauses), patterns.c
 * matches verb patterns around a verb, coder.c turns clauses into events,
 * options.c reads TABARI and PETRARCH option lines.
 */
#ifndef DYAD_CODE_H
#define DYAD_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "dict/dict.h"
#include "text/text.h"
#include "util/util.h"

/* ---- the compiled index (index.c) ---------------------------------------- */

/* How a token matched a dictionary word (bits). */
enum code_hit_kind {
    HIT_EXACT = 1,    /* token == word */
    HIT_PREFIX = 2,   /* word is a proper prefix of the token (stems) */
    HIT_VERB_END = 4, /* token = word + S ED ES EN ING (or D after E) */
    HIT_NOUN_END = 8, /* token = word + S ES 'S ' */
    HIT_POSSESSIVE = 16 /* token = word + 'S ' S' (with HIT_NOUN_END) */
};

typedef struct code_hit {
    uint32_t word; /* vocabulary id */
    uint8_t kind;  /* code_hit_kind bits */
} code_hit;

typedef struct code_word {
    uint32_t id;   /* vocabulary id */
    uint8_t flags; /* dict_word_flags */
} code_word;

typedef struct code_elem code_elem;
typedef struct code_seq {
    code_elem *elems;
    uint32_t n;
} code_seq;

struct code_elem {
    uint8_t kind;     /* dict_elem_kind */
    uint8_t adjacent; /* the next element must follow at once */
    code_word w;      /* DICT_E_WORD */
    code_seq *alts;   /* DICT_E_ALT */
    uint32_t n_alts;
};

/* A set of word ids as a 1024-bit Bloom filter: a sentence's words, the
 * words a pattern needs. A pattern whose words are not all in the sentence
 * is not tried. */
enum { CODE_BLOOM_WORDS = 16 };
typedef struct code_bloom {
    uint64_t bits[CODE_BLOOM_WORDS];
} code_bloom;

static inline uint32_t code_bloom_bit(uint32_t id) { return (id * 2654435761u) >> 22; }

static inline void code_bloom_add(code_bloom *b, uint32_t id)
{
    uint32_t h = code_bloom_bit(id); /* 10 bits */
    b->bits[h >> 6] |= (uint64_t)1 << (h & 63);
}

static inline int code_bloom_has(const code_bloom *b, uint32_t bit)
{
    return (b->bits[bit >> 6] >> (bit & 63)) & 1;
}

/* The Bloom bits of the words a pattern needs (its words outside { | }),
 * at most CODE_NEED_MAX of them: a filter, so fewer is still correct. */
enum { CODE_NEED_MAX = 6 };

/* A pattern split at its verb: `upper` before '*', `lower` after. */
typedef struct code_pattern {
    code_seq upper, lower;
    uint8_t verb_adjacent;  /* lower[0] follows the verb at once */
    uint8_t has_actor;      /* uses $ + or %: no passive switching */
    uint8_t complex;        /* src->code has DICT_EC_COMPLEX, kept here so the
                               pattern loop does not reach into src */
    uint32_t letters;       /* length for ordering, as TABARI counts it */
    uint16_t need[CODE_NEED_MAX]; /* see CODE_NEED_MAX */
    uint8_t n_need;
    const dict_pattern *src;
} code_pattern;

typedef enum code_kind {
    CK_ACTOR = 0, /* phrase kinds, in tie-break order */
    CK_AGENT,
    CK_VERB,
    CK_TIME,
    CK_NOUN,
    CK_ADJ,
    CK_DISCARD,
    CK_COUNT
} code_kind;

typedef struct code_phrase {
    code_word *words;
    uint32_t n;
    uint8_t kind;     /* code_kind */
    uint32_t entry;   /* index into the dict's array of that kind */
    uint32_t order;   /* file order, for ties */
    uint32_t letters; /* letters of its words: LEADER beats LEAD */
} code_phrase;

typedef struct code_verb {
    const char *text;       /* the verb as written, for evidence */
    code_pattern *patterns; /* longest first */
    uint32_t n_patterns;
} code_verb;

typedef struct code_tnode code_tnode;
typedef struct code_fnode code_fnode;
typedef struct code_iname code_iname;

typedef struct code_index {
    dyad_arena arena;
    code_tnode *nodes;       /* the trie while it is built */
    size_t n_nodes, cap_nodes;
    uint32_t root[256];      /* first level of the trie, 0 = none */
    uint32_t *edges;         /* (parent, char) -> child while built; see index.c */
    uint32_t edge_mask;
    size_t n_edges;
    code_iname *names;       /* text -> id while built; see index.c */
    uint32_t name_mask;
    size_t n_names;
    code_fnode *frozen;      /* the trie once built: children contiguous */
    uint32_t frozen_root[256];
    uint32_t n_words;        /* vocabulary size */
    int has_stems;           /* some word is a stem: bare prefix hits count */
    code_phrase *phrases;
    size_t n_phrases, cap_phrases;
    uint32_t *by_first;      /* phrase indexes grouped by first word */
    uint32_t *first_start;   /* n_words + 1 offsets into by_first (and by_pair) */
    /* The same phrases grouped by first word and then second word (one-word
     * phrases last), longest first within: contiguous phrases are looked up
     * by the word pair they start with. by_pair_second[k] is the second
     * word of by_pair[k], or UINT32_MAX. */
    uint32_t *by_pair, *by_pair_second;
    code_verb *verbs;        /* parallel to dict.verbs */
} code_index;

int code_index_build(code_index *x, const dict *d, dyad_error *err);
void code_index_free(code_index *x);

/* Appends to `out` (capacity `cap`) the words `tok` can stand for; returns
 * how many were written (never more than cap). */
size_t code_index_hits(const code_index *x, const char *tok, size_t len,
                       code_hit *out, size_t cap);

/* Does a token with these hits match dictionary word `w`? `ends` is the
 * set of HIT_*_END kinds the context accepts on a word with endings. */
int code_word_match(const code_word *w, const code_hit *hits, size_t n_hits,
                    unsigned ends);

/* ---- the compiled dictionaries (coder.c) --------------------------------- */

struct dyad_dicts {
    dict *model;
    code_index index;
};

/* Compiles a filled model into shareable dictionaries; takes ownership of
 * `model` (freed on failure too). dyad_dicts_load is dict_load + this. */
dyad_dicts *code_dicts_compile(dict *model, dyad_error *err);

/* ---- one sentence (actors.c) --------------------------------------------- */

typedef enum code_tok_class {
    TC_WORD = 0,
    TC_DET,      /* THE A AN */
    TC_CONJ,     /* AND OR NOR BUT */
    TC_PRON,     /* HE SHE IT THEY HIM HER THEM */
    TC_COMMA,    /* , ; */
    TC_FORMER,   /* FORMER */
    TC_PASSIVE,  /* WAS WERE BEEN BE IS ARE BEING */
    TC_BY,       /* BY */
    TC_LINK      /* OF IN FROM: an agent may reach an actor across it */
} code_tok_class;

typedef enum code_item_kind {
    IT_NONE = 0, /* a plain word, or a token inside another item */
    IT_ACTOR,
    IT_AGENT,
    IT_VERB,
    IT_TIME,
    IT_NOUN,
    IT_ADJ
} code_item_kind;

/* One token of the sentence as the coder sees it. */
typedef struct code_tok {
    const text_token *t;
    uint32_t hit, n_hits;  /* range in coder.hits */
    uint8_t cls;           /* code_tok_class */
    uint8_t deleted;       /* inside an eliminated comma clause */
    uint8_t comma_in_list; /* a comma that belongs to a compound */
    uint8_t conj_bound;    /* a conjunction that bounds clauses */
    uint8_t anaphor;       /* "the country": its referent's country (TC_PRON) */
    int32_t item;          /* item that owns this token, or -1 */
} code_tok;

/* A posting: word `word` can be read at live token `tok`. The postings of a
 * sentence are chained by word hash in both token orders, so a pattern word
 * jumps to the places it occurs, nearest first, instead of trying every
 * token of the clause. */
typedef struct code_post {
    uint32_t word;
    int32_t tok;
    int32_t next[2]; /* [0]: next by descending token, [1]: ascending; -1 ends */
} code_post;

/* An actor code with the tokens that gave it. */
typedef struct code_member {
    const char *code;
    const char *root;      /* the dictionary's code, before agents */
    uint32_t first, last;
    uint8_t complex;       /* [+++] */
} code_member;

/* A tagged phrase: actor, agent, verb... `first..last` are token indexes
 * (gaps inside belong to other items). Actors own members[mem..mem+n_mem). */
typedef struct code_item {
    uint8_t kind;     /* code_item_kind */
    uint8_t noun;     /* a verb demoted to noun (determiner, capitals) */
    uint32_t first, last;
    uint32_t phrase;  /* index.phrases */
    uint32_t mem, n_mem;
} code_item;

/* Actors joined by conjunctions or list commas: one source or target. */
typedef struct code_group {
    uint32_t first, last; /* tokens */
    uint32_t mem, n_mem;  /* members */
} code_group;

/* ---- options (coder.c) --------------------------------------------------- */

typedef enum code_by {
    CODE_BY_CLAUSE = 0, /* the first coded verb of each clause (TABARI default) */
    CODE_BY_SENTENCE,   /* the first event of the sentence */
    CODE_BY_ALL         /* every verb */
} code_by;

enum { CODE_MAX_CODE = 32 };

typedef struct code_opts {
    int min_words;           /* SET: MINIMUM WORDS; shorter sentences code nothing */
    int time_shift;          /* SET: TIME SHIFT */
    int convert_agent;       /* SET: CONVERT AGENT: a lone agent is an actor */
    int max_verbs, max_conj; /* COMPLEX: VERBS[n] CONJ[n]; 0 = no limit */
    int no_actor_prior;      /* COMPLEX: NOACTPRIOR */
    int comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    int comma_on;            /* COMMA: OFF turns clause elimination off */
    int code_by;             /* code_by */
    char default_source[CODE_MAX_CODE], default_target[CODE_MAX_CODE];
    int default_prior, default_after; /* DEFAULT: ... PRIOR / AFTER */
    int forward;             /* FORWARD: pronouns reach the previous record */
    int require_dyad;        /* PETRARCH require_dyad: no event without a target */
    int new_actor_length;    /* PETRARCH: a subject or object of at most this many
                                words that no dictionary knows is coded as its text */
} code_opts;

/* options.c: the defaults for a dictionary's flavor. */
void code_opts_default(code_opts *o, const dict *d);

/* ---- the coder ------------------------------------------------------------- */

/* Caps: a sentence longer than this many tokens is flagged complex rather
 * than coded (TABARI does the same with its MAX_LEX). */
enum {
    CODE_MAX_TOKENS = 1024,
    CODE_MAX_HITS = 32,        /* dictionary words one token can stand for */
    CODE_MAX_EVENTS = 4096,    /* events of one article */
    CODE_MAX_PHRASE_WORDS = 64, /* longer phrases never match */
    CODE_MAX_SKIPPED = 8       /* ^ elements in one pattern that are honoured */
};

/* A token's hits depend on its text alone, and news repeats its words: the
 * coder keeps the hits of recent tokens in a direct-mapped cache, so most
 * tokens skip the trie walk (actors.c). Short tokens with few hits only. */
enum { CODE_HIT_CACHE_SLOTS = 4096, CODE_HIT_CACHE_KEY = 22, CODE_HIT_CACHE_HITS = 4 };
typedef struct code_hit_cache {
    char key[CODE_HIT_CACHE_KEY];
    uint8_t len;      /* 0 = empty */
    uint8_t n;        /* hits */
    code_hit hits[CODE_HIT_CACHE_HITS];
} code_hit_cache;

/* One parse word, its head an index into coder.deps (-1: the root). */
typedef struct code_dep {
    const dyad_parse_word *word;
    int32_t head;
} code_dep;

struct dyad_coder {
    const dyad_dicts *dicts;
    code_hit_cache *hit_cache; /* CODE_HIT_CACHE_SLOTS */
    code_opts opt;
    int segmenting;

    /* one sentence */
    const char *text;        /* the sentence */
    size_t text_len;
    int32_t date;            /* the article's date, then time-shifted */
    int flags;               /* DYAD_RESULT_* found in this sentence */
    int story_discard;       /* a PETRARCH '+' discard: the whole article goes */
    const char *why;
    int all_caps;
    code_bloom bloom;        /* the words the sentence's tokens can be */
    text_tokens toks;
    code_tok *tok;       size_t n_tok, cap_tok;
    code_hit *hits;      size_t n_hits, cap_hits;
    code_item *items;    size_t n_items, cap_items;
    code_member *mem;    size_t n_mem, cap_mem;
    code_group *groups;  size_t n_groups, cap_groups;
    int32_t *group_at_first, *group_at_last; /* per token, -1; in group_at */
    int32_t *group_at;   size_t cap_group_at;
    code_post *post;     size_t n_post, cap_post;
    int32_t *post_head;  size_t cap_post_head;    /* 2 chains per hash slot */
    uint32_t post_mask;
    uint32_t *commas_before; size_t cap_commas;   /* clause commas in [0, i) */
    dyad_arena scratch;      /* merged actor codes; reset per article */

    /* one article */
    const dyad_article *article;
    int sentence_index;
    dyad_event *events;  size_t n_events, cap_events;
    uint8_t *ev_flags;   size_t cap_ev_flags; /* per event: DICT_EC_* of its code */

    /* Pronoun forwarding: the first actor of the previous sentence, while
     * the story (the article id less its last "-part") stays the same. */
    char forward_code[CODE_MAX_CODE];
    char forward_story[64];
    text_span *spans;    size_t n_spans, cap_spans;
    dyad_result result;

    /* The sentence's parse (deps.c), when a parser is set: words with
     * global heads, and per token the word it starts in (-1). */
    dyad_parser *parser;
    int prepared;        /* this sentence was parsed and its lone agents owned */
    const char *dep_path; /* how the parse linked the verb being coded */
    code_dep *deps;      size_t n_dep, cap_deps;
    int32_t *tok_dep;    size_t cap_tok_dep;
};

/* actors.c: lone agents take the country of an actor before them (dyad's
 * rules); 0 or DYAD_ENOMEM. */
int code_lone_agents(dyad_coder *c);

/* deps.c: parses the sentence when a parser is set (else n_dep = 0);
 * 0 or DYAD_ENOMEM. A sentence the parser rejects is coded shallow. */
int code_deps_parse(dyad_coder *c);

/* deps.c: source and target groups of verb v from the parse, -1 where the
 * parse names none; path: the relations that linked them, or "". */
/* deps.c: what the words over a verb make of its act: negated ("did not
 * expel"), only intended ("plans to", "may"), demanded of someone ("the US
 * pressured Zimbabwe to cut ties") or asked for ("urged X to"). For a
 * demand or an appeal, source and target are the groups that demand and
 * are asked (-1); cue is the word that decided. */
enum { CODE_MOOD_PLAIN, CODE_MOOD_NEGATED, CODE_MOOD_INTENT, CODE_MOOD_DEMAND, CODE_MOOD_APPEAL };
typedef struct code_mood {
    int kind;
    int32_t source, target;
    const char *cue;
} code_mood;
void code_deps_mood(const dyad_coder *c, const code_item *v, code_mood *m);
const char *code_deps_recode(int kind, const char *code);

enum { CODE_DEP_PATH = 96 };
void code_deps_roles(const dyad_coder *c, const code_item *v, int32_t *source, int32_t *target,
                     char path[CODE_DEP_PATH]);

/* deps.c: is group g, by the parse, only where the clause happens? */
int code_deps_is_place(const dyad_coder *c, int32_t g);

/* actors.c: the sentence c->text[0..text_len) into tokens, items and actor
 * groups. Returns 0, DYAD_ENOMEM, or 1 when the sentence is not to be
 * coded (too short, discarded, complex: see c->flags). */
int code_analyze(dyad_coder *c);

/* PETRARCH's new actors: the noun phrase no dictionary knows that is the
 * subject (after = 0: the clause [lo, verb) whole) or the object (after =
 * 1: after the verb and a preposition) of verb v, as a member whose code is
 * its text in quotes ("THE MINISTRY OF MAGIC"), kept in c->scratch. Returns
 * 1 and fills *out, 0 when there is none or it is longer than
 * opt.new_actor_length words, DYAD_ENOMEM. */
int code_new_actor(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi, int after,
                   code_member *out);

/* Token helpers shared with patterns.c. */
static inline int code_live(const dyad_coder *c, int32_t i)
{
    return i >= 0 && (size_t)i < c->n_tok && !c->tok[i].deleted;
}
int32_t code_next_live(const dyad_coder *c, int32_t i, int dir);
int code_tok_word(const dyad_coder *c, int32_t i, const code_word *w, unsigned ends);
/* The first posting of the chain that holds `word` (other words share the
 * chain: check post.word), in ascending or descending token order; -1. */
static inline uint32_t code_post_slot(const dyad_coder *c, uint32_t word)
{
    return (word * 2654435761u) & c->post_mask;
}
static inline int code_post_first(const dyad_coder *c, uint32_t word, int ascending)
{
    return c->post_head[2 * code_post_slot(c, word) + (ascending != 0)];
}

/* patterns.c: the code of verb item `v` in the clause [lo, hi]: the longest
 * matching pattern, else the verb's own code. */
typedef struct code_verb_result {
    const dict_event_code *code;
    const char *rule_text;
    const dict_origin *origin;
    int32_t source, target;     /* groups set by $ + %, -1 */
    int32_t skipped[CODE_MAX_SKIPPED]; /* groups passed over by ^ */
    int n_skipped;
    int both;                   /* % matched: source == target compound */
    int from_pattern;
    uint8_t has_actor;
} code_verb_result;

int code_verb_match(dyad_coder *c, const code_item *v, int32_t lo, int32_t hi,
                    code_verb_result *out);

#endif
