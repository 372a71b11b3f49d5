/*
 * lemma.c -- the dictionary form of an English word, for matching verbs
 * and nouns regardless of inflection: SAID -> SAY, ACCUSED -> ACCUSE,
 * TALKS -> TALK, PARTIES -> PARTY, STOPPING -> STOP, DAGOLATH'S -> DAGOLATH.
 *
 * Works on token norms (upper-case ASCII). No dictionary of stems is
 * available here, so this is a heuristic in two layers: a sorted table of
 * irregular and tricky forms (looked up by binary search), then suffix
 * rules. The hard part of the rules is whether a stripped stem wants its
 * "e" back (HOPED -> HOPE but HELPED -> HELP); the rules in stem_wants_e()
 * were checked against the common verbs of political news. TABARI and
 * PETRARCH dictionaries do not need this (they list stems and endings);
 * it is for dyad's own lemma-keyed lookups.
 */
#include "text.h"

#include <string.h>

typedef struct lemma_form {
    const char *form, *lemma; /* lemma NULL: the form is its own lemma */
} lemma_form;

/* ORDER: strcmp order; test_lemma_table checks it. */
static const lemma_form lemma_forms[] = {
    {"ADDED", "ADD"}, {"ADDING", "ADD"}, {"AGREED", "AGREE"}, {"ALLEGED", "ALLEGE"},
    {"ALLEGING", "ALLEGE"}, {"ALWAYS", NULL}, {"AM", "BE"}, {"ANALYSES", "ANALYSIS"},
    {"ANYTHING", NULL}, {"ARE", "BE"}, {"ATE", "EAT"}, {"BEATEN", "BEAT"}, {"BECAME", "BECOME"},
    {"BEEN", "BE"}, {"BEGAN", "BEGIN"}, {"BEGUN", "BEGIN"}, {"BEIJING", NULL}, {"BEING", "BE"},
    {"BIASED", "BIAS"}, {"BIASES", "BIAS"}, {"BITTEN", "BITE"}, {"BLEW", "BLOW"},
    {"BLOWN", "BLOW"}, {"BORE", "BEAR"}, {"BORN", "BEAR"}, {"BORNE", "BEAR"}, {"BOUGHT", "BUY"},
    {"BOYCOTTED", "BOYCOTT"}, {"BOYCOTTING", "BOYCOTT"}, {"BRED", "BREED"}, {"BROKE", "BREAK"},
    {"BROKEN", "BREAK"}, {"BROUGHT", "BRING"}, {"BUILT", "BUILD"}, {"BUSES", "BUS"},
    {"CAME", "COME"}, {"CAUGHT", "CATCH"}, {"CHILDREN", "CHILD"}, {"CHONGQING", NULL},
    {"CHOSE", "CHOOSE"}, {"CHOSEN", "CHOOSE"}, {"CLOTHES", NULL}, {"COMPETED", "COMPETE"},
    {"COMPETING", "COMPETE"}, {"CREATED", "CREATE"}, {"CREATING", "CREATE"},
    {"CRISES", "CRISIS"}, {"DEALT", "DEAL"}, {"DECREED", "DECREE"}, {"DID", "DO"},
    {"DIED", "DIE"}, {"DISAGREED", "DISAGREE"}, {"DOES", "DO"}, {"DONE", "DO"},
    {"DRAWN", "DRAW"}, {"DREAMT", "DREAM"}, {"DREW", "DRAW"}, {"DRIVEN", "DRIVE"},
    {"DROVE", "DRIVE"}, {"DUG", "DIG"}, {"DURING", NULL}, {"DYING", "DIE"}, {"EATEN", "EAT"},
    {"ECHOES", "ECHO"}, {"ECONOMICS", NULL}, {"EMBARGOES", "EMBARGO"}, {"EVENING", NULL},
    {"EVERYTHING", NULL}, {"EXPLORED", "EXPLORE"}, {"EXPLORING", "EXPLORE"}, {"FALLEN", "FALL"},
    {"FED", "FEED"}, {"FEET", "FOOT"}, {"FELL", "FALL"}, {"FELT", "FEEL"}, {"FLED", "FLEE"},
    {"FLEW", "FLY"}, {"FLOWN", "FLY"}, {"FLUNG", "FLING"}, {"FOCUSED", "FOCUS"},
    {"FOCUSES", "FOCUS"}, {"FOCUSING", "FOCUS"}, {"FORBADE", "FORBID"}, {"FORBIDDEN", "FORBID"},
    {"FORESAW", "FORESEE"}, {"FORESEEN", "FORESEE"}, {"FORGAVE", "FORGIVE"},
    {"FORGOT", "FORGET"}, {"FORGOTTEN", "FORGET"}, {"FOUGHT", "FIGHT"}, {"FOUND", "FIND"},
    {"FREED", "FREE"}, {"FROZE", "FREEZE"}, {"FROZEN", "FREEZE"}, {"GASES", "GAS"},
    {"GAVE", "GIVE"}, {"GEESE", "GOOSE"}, {"GIVEN", "GIVE"}, {"GOES", "GO"}, {"GONE", "GO"},
    {"GOT", "GET"}, {"GOTTEN", "GET"}, {"GREW", "GROW"}, {"GROUNDS", NULL}, {"GROWN", "GROW"},
    {"GUARANTEED", "GUARANTEE"}, {"HAD", "HAVE"}, {"HALVES", "HALF"}, {"HANGED", "HANG"},
    {"HANGING", "HANG"}, {"HAS", "HAVE"}, {"HEADQUARTERS", NULL}, {"HEARD", "HEAR"},
    {"HELD", "HOLD"}, {"HEROES", "HERO"}, {"HID", "HIDE"}, {"HIDDEN", "HIDE"},
    {"HUNDRED", NULL}, {"HUNG", "HANG"}, {"IGNORED", "IGNORE"}, {"IGNORING", "IGNORE"},
    {"INVITED", "INVITE"}, {"INVITING", "INVITE"}, {"IS", "BE"}, {"KEPT", "KEEP"},
    {"KNEW", "KNOW"}, {"KNIVES", "KNIFE"}, {"KNOWN", "KNOW"}, {"LAID", "LAY"},
    {"LEAPT", "LEAP"}, {"LEARNT", "LEARN"}, {"LED", "LEAD"}, {"LEFT", "LEAVE"},
    {"LENT", "LEND"}, {"LIED", "LIE"}, {"LIT", "LIGHT"}, {"LOST", "LOSE"}, {"LYING", "LIE"},
    {"MADE", "MAKE"}, {"MEANT", "MEAN"}, {"MEN", "MAN"}, {"MET", "MEET"}, {"MICE", "MOUSE"},
    {"MISLED", "MISLEAD"}, {"MISTAKEN", "MISTAKE"}, {"MISTOOK", "MISTAKE"}, {"MORNING", NULL},
    {"MOVIES", "MOVIE"}, {"NAKED", NULL}, {"NANJING", NULL}, {"NEWS", NULL}, {"NOTHING", NULL},
    {"OVERCAME", "OVERCOME"}, {"OVERSAW", "OVERSEE"}, {"OVERSEEN", "OVERSEE"},
    {"OVERTHREW", "OVERTHROW"}, {"OVERTHROWN", "OVERTHROW"}, {"OVERTOOK", "OVERTAKE"},
    {"OWED", "OWE"}, {"OWING", "OWE"}, {"PAID", "PAY"}, {"PEOPLE", NULL}, {"PERHAPS", NULL},
    {"POLITICS", NULL}, {"POTATOES", "POTATO"}, {"PROVEN", "PROVE"}, {"RAN", "RUN"},
    {"RANG", "RING"}, {"READ", NULL}, {"REBUILT", "REBUILD"}, {"REGARDS", NULL},
    {"RESTORED", "RESTORE"}, {"RESTORING", "RESTORE"}, {"REWRITTEN", "REWRITE"},
    {"REWROTE", "REWRITE"}, {"RIDDEN", "RIDE"}, {"RODE", "RIDE"}, {"ROSE", "RISE"},
    {"RUNG", "RING"}, {"SACRED", NULL}, {"SAID", "SAY"}, {"SANK", "SINK"}, {"SAT", "SIT"},
    {"SAW", "SEE"}, {"SEEN", "SEE"}, {"SENT", "SEND"}, {"SERIES", NULL}, {"SHAKEN", "SHAKE"},
    {"SHELVES", "SHELF"}, {"SHONE", "SHINE"}, {"SHOOK", "SHAKE"}, {"SHOT", "SHOOT"},
    {"SHOWED", "SHOW"}, {"SHOWN", "SHOW"}, {"SHRANK", "SHRINK"}, {"SLAIN", "SLAY"},
    {"SLEPT", "SLEEP"}, {"SLID", "SLIDE"}, {"SOLD", "SELL"}, {"SOMETHING", NULL},
    {"SOUGHT", "SEEK"}, {"SOWN", "SOW"}, {"SPAT", "SPIT"}, {"SPECIES", NULL},
    {"SPENT", "SPEND"}, {"SPOILT", "SPOIL"}, {"SPOKE", "SPEAK"}, {"SPOKEN", "SPEAK"},
    {"SPRANG", "SPRING"}, {"SPRUNG", "SPRING"}, {"SPUN", "SPIN"}, {"STATUSES", "STATUS"},
    {"STOLE", "STEAL"}, {"STOLEN", "STEAL"}, {"STOOD", "STAND"}, {"STRODE", "STRIDE"},
    {"STROVE", "STRIVE"}, {"STRUCK", "STRIKE"}, {"STUCK", "STICK"}, {"STUNG", "STING"},
    {"STUNK", "STINK"}, {"SUNK", "SINK"}, {"SWAM", "SWIM"}, {"SWEPT", "SWEEP"},
    {"SWORE", "SWEAR"}, {"SWORN", "SWEAR"}, {"SWUNG", "SWING"}, {"TAKEN", "TAKE"},
    {"TAUGHT", "TEACH"}, {"TEETH", "TOOTH"}, {"THANKS", NULL}, {"THIEVES", "THIEF"},
    {"THOUGHT", "THINK"}, {"THREW", "THROW"}, {"THROWN", "THROW"}, {"TIED", "TIE"},
    {"TOLD", "TELL"}, {"TOOK", "TAKE"}, {"TORE", "TEAR"}, {"TORN", "TEAR"},
    {"TORPEDOES", "TORPEDO"}, {"TROOPS", NULL}, {"TYING", "TIE"}, {"UNDERSTOOD", "UNDERSTAND"},
    {"UNDERTAKEN", "UNDERTAKE"}, {"UNDERTOOK", "UNDERTAKE"}, {"UNITED", "UNITE"},
    {"UPHELD", "UPHOLD"}, {"VETOES", "VETO"}, {"VIRUSES", "VIRUS"}, {"WAS", "BE"},
    {"WENT", "GO"}, {"WEPT", "WEEP"}, {"WERE", "BE"}, {"WICKED", NULL},
    {"WITHDRAWN", "WITHDRAW"}, {"WITHDREW", "WITHDRAW"}, {"WITHHELD", "WITHHOLD"},
    {"WIVES", "WIFE"}, {"WOKE", "WAKE"}, {"WOKEN", "WAKE"}, {"WOLVES", "WOLF"},
    {"WOMEN", "WOMAN"}, {"WON", "WIN"}, {"WORE", "WEAR"}, {"WORN", "WEAR"}, {"WOUND", "WIND"},
    {"WRITTEN", "WRITE"}, {"WROTE", "WRITE"}, {"WYOMING", NULL},
};

enum { LEMMA_FORMS = sizeof lemma_forms / sizeof lemma_forms[0], LEMMA_MAX_LEN = 64 };

static const lemma_form *lemma_lookup(const char *word)
{
    size_t lo = 0, hi = LEMMA_FORMS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(word, lemma_forms[mid].form);
        if (cmp == 0) return &lemma_forms[mid];
        if (cmp < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

int text_lemma_table_ok(void)
{
    for (size_t i = 1; i < LEMMA_FORMS; i++)
        if (strcmp(lemma_forms[i - 1].form, lemma_forms[i].form) >= 0) return 0;
    return 1;
}

static int is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

/* A vowel letter at w[i], where the U of QU counts as a consonant
 * (ACQUIRE, QUOTE). */
static int vowel_at(const char *w, size_t i)
{
    return is_vowel(w[i]) && !(w[i] == 'U' && i > 0 && w[i - 1] == 'Q');
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Groups of vowels: a rough syllable count. */
static int vowel_groups(const char *w, size_t n)
{
    int groups = 0;
    for (size_t i = 0; i < n; i++)
        if (vowel_at(w, i) && (i == 0 || !vowel_at(w, i - 1))) groups++;
    return groups;
}

/* STOPP(ED) -> STOP, CONTROLL(ED) -> CONTROL; but KILL, MISS, INSTALL stay. */
static size_t stem_undouble(const char *w, size_t n)
{
    if (n < 3 || w[n - 1] != w[n - 2] || is_vowel(w[n - 1])) return n;
    if (strchr("BDGMNPRT", w[n - 1])) return n - 1;
    if (w[n - 1] == 'L' && vowel_groups(w, n) > 1 && !ends_with(w, n, "ALL")) return n - 1;
    return n;
}

/* Endings that want an E whatever comes before: ARGUE MOVE FORCE SEIZE
 * CAUSE CHARGE JUDGE CHANGE CHALLENGE SETTLE MASSACRE NEGOTIATE EVALUATE. */
static int stem_always_e(const char *w, size_t n)
{
    char last = w[n - 1], prev = w[n - 2];
    if (last == 'U' || last == 'V' || last == 'C') return 1;
    if (last == 'Z' || last == 'S') return prev != last;
    if (last == 'G')
        return prev == 'R' || prev == 'D' || prev == 'L' || ends_with(w, n, "ANG") ||
               ends_with(w, n, "ENG");
    if (last == 'L' || last == 'R') return strchr("BCDFGKPTZ", prev) != NULL;
    return ends_with(w, n, "IAT") || ends_with(w, n, "UAT");
}

/* After one vowel (HOPE, not HEAD), by the consonant that ends the stem:
 * DEBATE NOTE EXECUTE COMPLETE DECIDE DECLARE RETIRE SECURE COMBINE
 * COMPILE CONSOLE INVOKE RESUME BECOME ESCAPE DESCRIBE ENGAGE. */
static int stem_single_vowel_e(const char *w, size_t n)
{
    char last = w[n - 1], prev = w[n - 2];
    switch (last) {
    case 'T': return prev == 'A' || prev == 'O' || prev == 'U' || ends_with(w, n, "LET");
    case 'D': return prev != 'E';
    case 'R': return prev == 'A' || prev == 'I' || prev == 'U';
    case 'N': return prev == 'I';
    case 'L': return prev == 'I' || prev == 'O' || prev == 'U';
    case 'K': return prev != 'E';
    case 'M': return prev == 'U' || (prev == 'O' && n >= 3 && w[n - 3] != 'S' && w[n - 3] != 'T');
    case 'P': return prev == 'A';
    case 'B': return prev == 'I';
    case 'G': return 1;
    default: return 0;
    }
}

/* Does a stem left by -ED or -ING want its final E back? */
static int stem_wants_e(const char *w, size_t n)
{
    if (n < 2) return 0;
    if (stem_always_e(w, n)) return 1;
    char last = w[n - 1];
    int single = vowel_at(w, n - 2) && (n < 3 || !vowel_at(w, n - 3));
    if (!single || is_vowel(last) || last == 'W' || last == 'X' || last == 'Y') return 0;
    return vowel_groups(w, n) == 1 || stem_single_vowel_e(w, n); /* HOPE VOTE NAME */
}

/* Writes the stem w[0..n) of an -ED/-ING form, undoubled or with E. */
static size_t lemma_verb_stem(const char *w, size_t n, char *out)
{
    size_t m = stem_undouble(w, n);
    memcpy(out, w, m);
    if (m == n && stem_wants_e(w, n)) out[m++] = 'E';
    return m;
}

static int has_vowel(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_vowel(w[i]) || (w[i] == 'Y' && i > 0)) return 1;
    return 0;
}

/* -S and -ES: TALKS TAXES CHURCHES MASSES PARTIES CAUSES; not NEWS CRISIS. */
static size_t lemma_plural(const char *w, size_t n, char *out)
{
    memcpy(out, w, n);
    if (ends_with(w, n, "IES")) {
        if (n <= 4) return n - 1; /* TIES LIES */
        out[n - 3] = 'Y';
        return n - 2;
    }
    if (ends_with(w, n, "SSES") || ends_with(w, n, "XES") || ends_with(w, n, "CHES") ||
        ends_with(w, n, "SHES"))
        return n - 2;
    if (ends_with(w, n, "SS") || ends_with(w, n, "US") || ends_with(w, n, "IS")) return n;
    return n - 1;
}

static size_t lemma_rules(const char *w, size_t n, char *out)
{
    if (n >= 4 && w[n - 1] == 'S') return lemma_plural(w, n, out);
    if (n >= 5 && ends_with(w, n, "IED")) {
        memcpy(out, w, n - 3);
        out[n - 3] = 'Y';
        return n - 2;
    }
    if (n >= 4 && ends_with(w, n, "ED") && !ends_with(w, n, "EED") && has_vowel(w, n - 2))
        return lemma_verb_stem(w, n - 2, out);
    if (n >= 5 && ends_with(w, n, "ING") && has_vowel(w, n - 3))
        return lemma_verb_stem(w, n - 3, out);
    memcpy(out, w, n);
    return n;
}

static int lemma_plain_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'A' || w[i] > 'Z') return 0;
    return 1;
}

size_t text_lemma(const char *word, size_t len, char *out, size_t cap)
{
    if (cap == 0) return 0;
    if (len >= 2 && word[len - 2] == '\'' && word[len - 1] == 'S') len -= 2; /* possessive */
    char buf[LEMMA_MAX_LEN + 2]; /* the rules add at most one letter */
    const char *lemma = word;
    size_t n = len;
    if (len <= LEMMA_MAX_LEN && lemma_plain_word(word, len)) {
        memcpy(buf, word, len);
        buf[len] = '\0';
        const lemma_form *f = lemma_lookup(buf);
        if (!f) {
            n = lemma_rules(word, len, buf);
            lemma = buf;
        } else if (f->lemma) {
            n = strlen(f->lemma);
            lemma = f->lemma;
        }
    }
    if (n > cap - 1) n = cap - 1;
    memcpy(out, lemma, n);
    out[n] = '\0';
    return n;
}
