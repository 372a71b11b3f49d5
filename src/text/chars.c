/*
 * chars.c -- what each character of news text is to the tokenizer and the
 * sentence splitter: a class (letter, digit, apostrophe, dash, ...) and an
 * upper-case ASCII "fold" (é -> E, ’ -> ', “ -> ", – -> -).
 *
 * ASCII goes through a 128-entry table that the compiler computes from one
 * readable expression (ASCII_CLASS below), so the table cannot drift from
 * its definition. '_' is a blank because TABARI text joins the words of a
 * name with it (Dol_Amroth) and dictionaries spell that as two words; '`'
 * is an apostrophe, as in Penn Treebank text (``quoted'').
 *
 * Other characters are decoded (strictly, utf8.c) and mapped by code
 * point: Latin-1 and Latin Extended-A letters fold to their base letters
 * from a string table, common Unicode punctuation and spaces fold to
 * ASCII, symbols and emoji are punctuation, and every other letter keeps
 * its UTF-8 bytes. Mojibake of curly quotes and dashes ("â€™") decodes as
 * the character meant. A byte that does not start a valid sequence is one
 * byte of blank, so any input is safe and nothing is read past `len`.
 */
#include "text.h"

#include <string.h>

#define ASCII_CLASS(c)                                                        \
    ((c) == ' ' || ((c) >= '\t' && (c) <= '\r')    ? CH_SPACE                  \
     : (c) < 0x20 || (c) == 0x7F || (c) == '_'     ? CH_SPACE                  \
     : (c) >= 'A' && (c) <= 'Z'                    ? CH_UPPER                  \
     : (c) >= 'a' && (c) <= 'z'                    ? CH_LOWER                  \
     : (c) >= '0' && (c) <= '9'                    ? CH_DIGIT                  \
     : (c) == '\'' || (c) == '`'                   ? CH_APOS                   \
     : (c) == '.'                                  ? CH_PERIOD                 \
     : (c) == '-'                                  ? CH_HYPHEN                 \
     : (c) == '"'                                  ? CH_QUOTE                  \
                                                   : CH_PUNCT)
#define C4(c) ASCII_CLASS(c), ASCII_CLASS((c) + 1), ASCII_CLASS((c) + 2), ASCII_CLASS((c) + 3)
#define C16(c) C4(c), C4((c) + 4), C4((c) + 8), C4((c) + 12)
#define C64(c) C16(c), C16((c) + 16), C16((c) + 32), C16((c) + 48)

const uint8_t text_ascii_class[128] = {C64(0), C64(64)};

/* Base letters of U+00C0..U+017F, one per code point. '*' is not a letter
 * (U+00D7 x, U+00F7 /); '2' is a two-letter fold (see chars_digraph). */
static const char latin_base[] =
    "AAAAAA2CEEEEIIII" "DNOOOOO*OUUUUY22"  /* U+00C0 */
    "AAAAAA2CEEEEIIII" "DNOOOOO*OUUUUY2Y"  /* U+00E0 */
    "AAAAAACCCCCCCCDD" "DDEEEEEEEEEEGGGG"  /* U+0100 */
    "GGGGHHHHIIIIIIII" "II22JJKKKLLLLLLL"  /* U+0120 */
    "LLLNNNNNNNNNOOOO" "OO22RRRRRRSSSSSS"  /* U+0140 */
    "SSTTTTTTUUUUUUUU" "UUUUWWYYYZZZZZZS"; /* U+0160 */

static const char *chars_digraph(uint32_t cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "AE";
    case 0xDE: case 0xFE: return "TH";
    case 0xDF: return "SS";
    case 0x132: case 0x133: return "IJ";
    default: return "OE"; /* U+0152, U+0153 */
    }
}

/* Case of U+00C0..U+017F. Latin Extended-A pairs upper/lower, but the pair
 * parity flips after U+0138 (kra) and again after U+0149 and U+0178. */
static int chars_latin_upper(uint32_t cp)
{
    if (cp < 0x100) return cp < 0xDF;
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return 0;
    if (cp == 0x178) return 1;
    if (cp < 0x138 || (cp >= 0x14A && cp < 0x178)) return (cp & 1) == 0;
    return (cp & 1) == 1;
}

static void chars_set(text_char *c, int cls, const char *fold, size_t fold_len)
{
    c->cls = (uint8_t)cls;
    c->fold_len = (uint8_t)fold_len;
    memcpy(c->fold, fold, fold_len);
}

/* Mojibake: UTF-8 punctuation read as Windows-1252 and encoded again, as
 * scraped news often has: ’ becomes "â€™" (E2 80 99: the 0x99 byte read
 * as ™), “ "â€œ", — "â€”", and a no-break space "Â " (C2 A0: Â then a
 * blank). The whole run decodes as the character that was meant, so
 * "courtâ€™s" is COURT'S. Returns 0 when s holds no such run. */
static size_t chars_mojibake(const unsigned char *s, size_t len, uint32_t cp, text_char *c)
{
    if (cp == 0xC2) { /* Â */
        size_t run = 0;
        if (len > 2 && s[2] == ' ') run = 3;
        else if (len > 3 && s[2] == 0xC2 && s[3] == 0xA0) run = 4;
        if (run) chars_set(c, CH_SPACE, " ", 1);
        return run;
    }
    static const unsigned char euro[] = {0xE2, 0x82, 0xAC};
    if (cp != 0xE2 || len < 5 || memcmp(s + 2, euro, 3) != 0) return 0; /* â€ */
    uint32_t third = 0;
    size_t size = dyad_utf8_decode(s + 5, len - 5, &third);
    switch (third) {
    case 0x2122: case 0x02DC: case 0x0161: chars_set(c, CH_APOS, "'", 1); break; /* ’ ‘ ‚ */
    case 0x0153: case 0xFFFD: case 0x9D: chars_set(c, CH_QUOTE, "\"", 1); break; /* “ ” */
    case 0x201C: chars_set(c, CH_ENDASH, "-", 1); break;
    case 0x201D: chars_set(c, CH_EMDASH, "-", 1); break;
    case 0x00A6: chars_set(c, CH_ELLIPSIS, "...", 3); break;
    case 0x00A2: chars_set(c, CH_PUNCT, "\xE2\x80\xA2", 3); break; /* • */
    default: chars_set(c, CH_QUOTE, "\"", 1); return 5; /* ” whose 0x9D was lost */
    }
    return 5 + size;
}

/* U+00C0..U+017F: a letter folded to its base, x and / (punctuation), or
 * the first letter of a run of mojibake. */
static void chars_latin(text_char *c, const unsigned char *s, size_t len, uint32_t cp)
{
    size_t run = chars_mojibake(s, len, cp, c);
    if (run) {
        c->size = (uint8_t)run;
        return;
    }
    char base = latin_base[cp - 0xC0];
    int cls = chars_latin_upper(cp) ? CH_UPPER : CH_LOWER;
    if (base == '*') { /* punctuation, with its own bytes */
        c->cls = CH_PUNCT;
        return;
    }
    if (base == '2')
        chars_set(c, cls, chars_digraph(cp), 2);
    else
        chars_set(c, cls, &base, 1);
}

/* Blocks of punctuation and symbols (general punctuation, currency,
 * arrows, maths, box drawing, dingbats, CJK punctuation, emoji): each such
 * character is a token of its own, never part of a word. */
static int chars_is_symbol(uint32_t cp)
{
    return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* Punctuation and spaces outside Latin-1 that news text actually uses. */
/* Letters beyond Latin Extended-A that news names use: Romanian S and T
 * with comma below (Ploiești, Timișoara). Combining accents (U+0300..036F,
 * "e" + U+0301) vanish, so decomposed text folds like precomposed. */
static int chars_extended(text_char *c, uint32_t cp)
{
    if (cp >= 0x300 && cp <= 0x36F) chars_set(c, CH_IGNORE, "", 0);
    else if (cp >= 0x218 && cp <= 0x21B)
        chars_set(c, cp & 1 ? CH_LOWER : CH_UPPER, cp < 0x21A ? "S" : "T", 1);
    else return 0;
    return 1;
}

static void chars_general(text_char *c, uint32_t cp)
{
    if (chars_extended(c, cp)) return;
    switch (cp) {
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0x200B:
        chars_set(c, CH_SPACE, " ", 1);
        return;
    case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        chars_set(c, CH_IGNORE, "", 0);
        return;
    case 0x2010: case 0x2011: chars_set(c, CH_HYPHEN, "-", 1); return;
    case 0x2012: case 0x2013: case 0x2212: chars_set(c, CH_ENDASH, "-", 1); return;
    case 0x2014: case 0x2015: chars_set(c, CH_EMDASH, "-", 1); return;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        chars_set(c, CH_APOS, "'", 1);
        return;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x2039: case 0x203A:
        chars_set(c, CH_QUOTE, "\"", 1);
        return;
    case 0x2026: chars_set(c, CH_ELLIPSIS, "...", 3); return;
    default: break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) chars_set(c, CH_SPACE, " ", 1);
    else if (chars_is_symbol(cp)) c->cls = CH_PUNCT;
}

static void chars_latin1_punct(text_char *c, uint32_t cp)
{
    if (cp == 0xA0) chars_set(c, CH_SPACE, " ", 1);
    else if (cp == 0xAD) chars_set(c, CH_IGNORE, "", 0);
    else if (cp == 0xAB || cp == 0xBB) chars_set(c, CH_QUOTE, "\"", 1);
    else if (cp == 0xB4) chars_set(c, CH_APOS, "'", 1);
    else c->cls = CH_PUNCT;
}

void text_char_decode(const unsigned char *s, size_t len, text_char *c)
{
    uint32_t cp;
    size_t size = dyad_utf8_decode(s, len, &cp);
    if (size == 0) { /* a bad byte is one byte of blank */
        c->size = 1;
        chars_set(c, CH_SPACE, " ", 1);
        return;
    }
    c->size = (uint8_t)size;
    if (size == 1) {
        c->cls = text_ascii_class[cp];
        c->fold_len = 1;
        c->fold[0] = (char)(c->cls == CH_LOWER ? cp - 'a' + 'A' : cp);
        return;
    }
    /* By default a character is a caseless letter kept as its own bytes. */
    chars_set(c, CH_LETTER, (const char *)s, size);
    if (cp < 0xA0) chars_set(c, CH_SPACE, " ", 1); /* C1 controls */
    else if (cp < 0xC0) chars_latin1_punct(c, cp);
    else if (cp < 0x180) chars_latin(c, s, len, cp);
    else chars_general(c, cp);
}
