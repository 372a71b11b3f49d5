/*
 * abbrev.c -- the words after which a period does not (always) end a
 * sentence: titles, months, company suffixes. Shared by the tokenizer, which
 * keeps the period on the word ("MR.", "JAN."), and the sentence splitter.
 *
 * The list is small and only consulted when a word is followed by a period,
 * about once per sentence, so a linear scan over short strings is enough; a
 * hash would cost more to read than it saves.
 */
#include "text.h"

#include <string.h>

typedef struct abbrev {
    const char *word; /* upper case, no period */
    uint8_t kind;     /* text_abbrev_kind */
} abbrev;

static const abbrev abbrevs[] = {
    /* titles: a name always follows */
    {"MR", ABBREV_TITLE}, {"MRS", ABBREV_TITLE}, {"MS", ABBREV_TITLE},
    {"DR", ABBREV_TITLE}, {"GEN", ABBREV_TITLE}, {"GENS", ABBREV_TITLE},
    {"LT", ABBREV_TITLE}, {"COL", ABBREV_TITLE}, {"MAJ", ABBREV_TITLE},
    {"CAPT", ABBREV_TITLE}, {"CPT", ABBREV_TITLE}, {"SGT", ABBREV_TITLE},
    {"CPL", ABBREV_TITLE}, {"PVT", ABBREV_TITLE}, {"ADM", ABBREV_TITLE},
    {"CMDR", ABBREV_TITLE}, {"CDR", ABBREV_TITLE}, {"SEN", ABBREV_TITLE},
    {"SENS", ABBREV_TITLE}, {"REP", ABBREV_TITLE}, {"REPS", ABBREV_TITLE},
    {"GOV", ABBREV_TITLE}, {"PRES", ABBREV_TITLE}, {"PROF", ABBREV_TITLE},
    {"REV", ABBREV_TITLE}, {"HON", ABBREV_TITLE}, {"ST", ABBREV_TITLE},
    {"MT", ABBREV_TITLE}, {"FT", ABBREV_TITLE}, {"SGTS", ABBREV_TITLE},
    {"VS", ABBREV_TITLE},
    /* months: a day or a year follows */
    {"JAN", ABBREV_TITLE}, {"FEB", ABBREV_TITLE}, {"MAR", ABBREV_TITLE},
    {"APR", ABBREV_TITLE}, {"JUN", ABBREV_TITLE}, {"JUL", ABBREV_TITLE},
    {"AUG", ABBREV_TITLE}, {"SEP", ABBREV_TITLE}, {"SEPT", ABBREV_TITLE},
    {"OCT", ABBREV_TITLE}, {"NOV", ABBREV_TITLE}, {"DEC", ABBREV_TITLE},
    /* may also end a sentence */
    {"JR", ABBREV_AMBIGUOUS}, {"SR", ABBREV_AMBIGUOUS},
    {"INC", ABBREV_AMBIGUOUS}, {"CORP", ABBREV_AMBIGUOUS},
    {"CO", ABBREV_AMBIGUOUS}, {"LTD", ABBREV_AMBIGUOUS},
    {"BROS", ABBREV_AMBIGUOUS}, {"PLC", ABBREV_AMBIGUOUS},
    {"ETC", ABBREV_AMBIGUOUS}, {"GOVT", ABBREV_AMBIGUOUS},
    {"DEPT", ABBREV_AMBIGUOUS}, {"APPROX", ABBREV_AMBIGUOUS},
    {"NO", ABBREV_AMBIGUOUS}, {"NOS", ABBREV_AMBIGUOUS},
};

enum { ABBREV_MAX_LEN = 6 };

int text_abbrev(const char *word, size_t len)
{
    if (len == 0 || len > ABBREV_MAX_LEN) return ABBREV_NONE;
    char up[ABBREV_MAX_LEN + 1];
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        up[i] = (char)(text_ascii_alpha(c) ? c & ~0x20 : c);
    }
    up[len] = '\0';
    for (size_t i = 0; i < sizeof abbrevs / sizeof abbrevs[0]; i++)
        if (abbrevs[i].word[0] == up[0] && strcmp(abbrevs[i].word, up) == 0)
            return abbrevs[i].kind;
    return ABBREV_NONE;
}
