/*
 * test_text.c -- the text layer: tokens, sentences, UTF-8, lemmas. Cases
 * are tables of input and expected output (tokens' norms joined by spaces,
 * sentences joined by " | ", lemmas), so adding a case is adding a line.
 * Invariants (spans inside the input, ordered, trimmed; norms within
 * their bound) are checked on generated text too. The seed article is read
 * from $SHARED or ../shared and the test is skipped when it is absent.
 */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ---- tokens ----------------------------------------------------------- */

typedef struct text_case {
    const char *in, *want;
} text_case;

static const text_case token_cases[] = {
    {"", ""},
    {"   \t\n ", ""},
    {"Hello world", "HELLO WORLD"},
    {"Zimbabwe resists US pressure.", "ZIMBABWE RESISTS US PRESSURE ."},
    /* possessives and apostrophes */
    {"Dagolath's first Deputy", "DAGOLATH'S FIRST DEPUTY"},
    {"Zimbabwe\xE2\x80\x99s strategic pivot", "ZIMBABWE'S STRATEGIC PIVOT"},
    {"They don't know", "THEY DON'T KNOW"},
    {"O'Brien said", "O'BRIEN SAID"},
    {"the countries' leaders", "THE COUNTRIES LEADERS"},
    {"a crop dusters' airstrip", "A CROP DUSTERS AIRSTRIP"},
    {"'quoted' words", "' QUOTED ' WORDS"},
    {"the '90s", "THE ' 90S"},
    {"in the 1990s and 1990's", "IN THE 1990S AND 1990'S"},
    /* abbreviations */
    {"the U.S. and U.K. said", "THE U.S. AND U.K. SAID"},
    {"The first U.S armoured", "THE FIRST U.S. ARMOURED"},
    {"the U.N.", "THE U.N."},
    {"U.S.-led forces", "U.S. LED FORCES"},
    {"the U.S.'s plan and the U.N.\xE2\x80\x99s", "THE U.S.'S PLAN AND THE U.N.'S"},
    {"Gen.'s men", "GEN.'S MEN"},
    {"the U.S.' plan", "THE U.S. ' PLAN"},
    {"e.g. this", "E.G. THIS"},
    {"Mr. Smith met Gen. Lee", "MR. SMITH MET GEN. LEE"},
    {"on Jan. 5 and Sept. 11", "ON JAN. 5 AND SEPT. 11"},
    {"John F. Kennedy", "JOHN F. KENNEDY"},
    {"he bought Apple Inc.", "HE BOUGHT APPLE INC ."},
    {"Plan B.", "PLAN B ."},
    {"Sarajevo.Bosnians greeted", "SARAJEVO . BOSNIANS GREETED"},
    {"he said so. ", "HE SAID SO ."},
    /* numbers */
    {"800 troops", "800 TROOPS"},
    {"1,500 people and 3.5 percent", "1,500 PEOPLE AND 3.5 PERCENT"},
    {"killed 200,000 people.", "KILLED 200,000 PEOPLE ."},
    {"1,234,567.89", "1,234,567.89"},
    {"items 3,4 and 5", "ITEMS 3 , 4 AND 5"},
    {"$5 or 10% more", "$ 5 OR 10 % MORE"},
    {"the 3rd and 15th", "THE 3RD AND 15TH"},
    {"$1.5bn and 2,000km", "$ 1.5 BN AND 2,000 KM"},
    {"a G7 summit", "A G7 SUMMIT"},
    /* hyphens and dashes */
    {"Russia-Zimbabwe relations", "RUSSIA ZIMBABWE RELATIONS"},
    {"Russia\xE2\x80\x93Zimbabwe relations", "RUSSIA ZIMBABWE RELATIONS"},
    {"a 10-year plan", "A 10 YEAR PLAN"},
    {"COVID-19 cases", "COVID 19 CASES"},
    {"peace -- away", "PEACE -- AWAY"},
    {"start--peace", "START -- PEACE"},
    {"USAid representatives\xE2\x80\x94" "a move", "USAID REPRESENTATIVES - A MOVE"},
    {"yes - no", "YES - NO"},
    {"-5 degrees", "- 5 DEGREES"},
    {"3-1/2 years", "3 1 / 2 YEARS"},
    /* punctuation and quotes */
    {"\"We will,\" he said; (maybe) [not]!?",
     "\" WE WILL , \" HE SAID ; ( MAYBE ) [ NOT ] ! ?"},
    {"\xE2\x80\x9CPeace\xE2\x80\x9D now", "\" PEACE \" NOW"},
    {"\xC2\xABPaix\xC2\xBB", "\" PAIX \""},
    {"wait... what\xE2\x80\xA6", "WAIT ... WHAT ..."},
    {"non\xC2\xA0" "breaking", "NON BREAKING"},
    {"the Prince of Dol_Amroth.", "THE PRINCE OF DOL AMROTH ."},
    {"said:`` A lot '' and `one'", "SAID : \" A LOT \" AND ' ONE '"},
    {"don`t", "DON'T"},
    {"Zim\xC2\xAD" "babwe", "ZIMBABWE"},
    /* accents and other scripts */
    {"Caf\xC3\xA9 in S\xC3\xA3o Paulo", "CAFE IN SAO PAULO"},
    {"\xC3\x89lys\xC3\xA9" "e Stra\xC3\x9F" "e", "ELYSEE STRASSE"},
    {"\xC5\x81\xC3\xB3" "d\xC5\xBA Erdo\xC4\x9F" "an", "LODZ ERDOGAN"},
    {"\xC3\x86thelred 5\xC3\x97" "3", "AETHELRED 5 \xC3\x97 3"},
    {"Cafe\xCC\x81 in Timi\xC8\x99oara", "CAFE IN TIMISOARA"},
    {"\xC8\x9A" "ara", "TARA"},
    {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 says",
     "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 SAYS"},
    {"peace\xE2\x9C\x8C\xF0\x9F\x98\x80now \xE2\x82\xAC" "5",
     "PEACE \xE2\x9C\x8C \xF0\x9F\x98\x80 NOW \xE2\x82\xAC 5"},
    /* mojibake: UTF-8 punctuation read as Windows-1252 */
    {"the court\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s decision", "THE COURT'S DECISION"},
    {"\xC3\xA2\xE2\x82\xAC\xC5\x93why?\xC3\xA2\xE2\x82\xAC\xEF\xBF\xBD he",
     "\" WHY ? \" HE"},
    {"viz \xC3\xA2\xE2\x82\xAC\xE2\x80\x9D symbolic", "VIZ - SYMBOLIC"},
    {"stories\xC3\x82 narendra", "STORIES NARENDRA"},
    {"p\xC3\xA2t\xC3\xA9 \xC3\xA2\xE2\x82", "PATE A"}, /* truncated: not mojibake */
    /* invalid UTF-8 is blank */
    {"bad\xFF" "byte", "BAD BYTE"},
    {"cut \xE2\x80", "CUT"},
    {"\x80\x80" "x\xC0\xAF" "y", "X Y"},
    {"surrogate\xED\xA0\x80" "s", "SURROGATE S"},
    {"nul\0" "byte", "NUL"}, /* strlen stops at NUL: see test_token_nul */
};

/* A case: an input and the expected output of one of the join functions
 * below, which render a result as one string. */
typedef const char *(*join_fn)(const char *s, size_t len, char *buf, size_t cap);

/* Runs every case through join; a failing case prints its index and input. */
static void check_cases(const text_case *cases, size_t n, join_fn join)
{
    char buf[1024];
    for (size_t i = 0; i < n; i++) {
        const char *got = join(cases[i].in, strlen(cases[i].in), buf, sizeof buf);
        if (strcmp(got, cases[i].want) != 0) printf("  case %zu: \"%s\"\n", i, cases[i].in);
        CHECK_STR(got, cases[i].want);
    }
}

#define CHECK_CASES(cases, join) check_cases(cases, sizeof cases / sizeof cases[0], join)

/* Appends a piece to buf; 0 when it does not fit. */
static int join_put(char *buf, size_t cap, size_t *used, const char *sep, const char *s,
                    size_t len)
{
    int w = snprintf(buf + *used, cap - *used, "%s%.*s", *used ? sep : "", (int)len, s);
    if (w < 0 || (size_t)w >= cap - *used) return 0;
    *used += (size_t)w;
    return 1;
}

/* The norms of s, joined by single spaces. */
static const char *join_tokens(const char *s, size_t len, char *buf, size_t cap)
{
    text_tokens t = {0};
    size_t used = 0;
    const char *out = text_tokenize(s, len, &t) != 0 ? "(error)" : buf;
    buf[0] = '\0';
    for (size_t i = 0; i < t.n && out == buf; i++)
        if (!join_put(buf, cap, &used, " ", t.items[i].norm, t.items[i].norm_len))
            out = "(overflow)";
    text_tokens_free(&t);
    return out;
}

static void test_token_table(void) { CHECK_CASES(token_cases, join_tokens); }

static const text_token *find_token(const text_tokens *t, const char *norm)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].norm, norm) == 0) return &t->items[i];
    return NULL;
}

static void test_token_flags(void)
{
    text_tokens t = {0};
    const char *s = "The NATO-led U.S. force met Russia-Zimbabwe talks, iPhone I";
    CHECK_INT(text_tokenize(s, strlen(s), &t), 0);
    const text_token *the = find_token(&t, "THE"), *nato = find_token(&t, "NATO"),
                     *led = find_token(&t, "LED"), *us = find_token(&t, "U.S."),
                     *force = find_token(&t, "FORCE"), *zim = find_token(&t, "ZIMBABWE"),
                     *iphone = find_token(&t, "IPHONE"), *i = find_token(&t, "I");
    CHECK(the && nato && led && us && force && zim && iphone && i);
    if (!(the && nato && led && us && force && zim && iphone && i)) goto done;
    CHECK_INT(the->flags, TOK_CAPITALIZED | TOK_SENTENCE_START);
    CHECK_INT(nato->flags, TOK_CAPITALIZED | TOK_ALLCAPS);
    CHECK_INT(led->flags, TOK_HYPHENATED);
    CHECK_INT(us->flags, TOK_CAPITALIZED | TOK_ALLCAPS);
    CHECK_INT(force->flags, 0);
    CHECK_INT(zim->flags, TOK_CAPITALIZED | TOK_HYPHENATED);
    CHECK_INT(iphone->flags, 0);
    CHECK_INT(i->flags, TOK_CAPITALIZED);
    CHECK_INT(t.items[t.n - 2].kind, TOK_WORD);
    CHECK_INT(find_token(&t, ",")->kind, TOK_PUNCT);
done:
    text_tokens_free(&t);
}

static void test_token_offsets(void)
{
    text_tokens t = {0};
    const char *s = " Zimbabwe\xE2\x80\x99s 1,500 U.S. troops\xE2\x80\x94" "countries' x.";
    CHECK_INT(text_tokenize(s, strlen(s), &t), 0);
    CHECK_INT(t.n, 8);
    if (t.n != 8) goto done;
    static const char *const spans[] = {"Zimbabwe\xE2\x80\x99s", "1,500", "U.S.", "troops",
                                        "\xE2\x80\x94", "countries", "x", "."};
    for (size_t i = 0; i < 8; i++) {
        const text_token *k = &t.items[i];
        CHECK(k->begin <= k->end && k->end <= strlen(s));
        CHECK_INT(k->end - k->begin, strlen(spans[i]));
        CHECK(memcmp(s + k->begin, spans[i], strlen(spans[i])) == 0);
        CHECK_INT(k->norm_len, strlen(k->norm));
    }
    CHECK_INT(t.items[1].kind, TOK_NUMBER);
done:
    text_tokens_free(&t);
}

static void test_token_nul(void)
{
    char buf[64];
    CHECK_STR(join_tokens("nul\0byte", 8, buf, sizeof buf), "NUL BYTE");
}

/* Reuse: the second call replaces the first, and the array is not
 * reallocated once it is big enough. */
static void test_token_reuse(void)
{
    text_tokens t = {0};
    const char *a = "one two three four five six seven eight nine ten", *b = "eleven";
    CHECK_INT(text_tokenize(a, strlen(a), &t), 0);
    text_token *items = t.items;
    CHECK_INT(t.n, 10);
    CHECK_INT(text_tokenize(b, strlen(b), &t), 0);
    CHECK_INT(t.n, 1);
    CHECK(t.items == items);
    CHECK_STR(t.items[0].norm, "ELEVEN");
    CHECK_INT(t.items[0].flags & TOK_SENTENCE_START, TOK_SENTENCE_START);
    text_tokens_clear(&t);
    CHECK_INT(t.n, 0);
    text_tokens_free(&t);
    text_tokens_free(&t); /* twice is fine */
}

/* Every byte value and every truncation of a mixed string: no crash, no
 * read past len (the ASan build checks), offsets inside the input. */
static void test_token_fuzz(void)
{
    text_tokens t = {0};
    unsigned char all[256];
    for (int i = 0; i < 256; i++) all[i] = (unsigned char)i;
    CHECK_INT(text_tokenize((const char *)all, sizeof all, &t), 0);
    const char *mix = "U.S.\xE2\x80\x99s 1,5\xC3-\xE2\x80\x94'a' Mr.\xF0\x9F\x98\x80 3.";
    size_t len = strlen(mix);
    for (size_t cut = 0; cut <= len; cut++) {
        char *copy = malloc(cut ? cut : 1); /* exact size, so ASan sees overreads */
        memcpy(copy, mix, cut);
        CHECK_INT(text_tokenize(copy, cut, &t), 0);
        for (size_t i = 0; i < t.n; i++) CHECK(t.items[i].end <= cut);
        free(copy);
    }
    text_tokens_free(&t);
}

static void test_token_long(void)
{
    size_t len = (1u << 20) + 4096;
    char *s = malloc(len);
    for (size_t i = 0; i < len; i++) s[i] = "ab. -'\xC3\xA9,9"[i % 11];
    text_tokens t = {0};
    CHECK_INT(text_tokenize(s, len, &t), 0);
    CHECK(t.n > 100000);
    CHECK(t.items[t.n - 1].end <= (1u << 20)); /* the cap */
    free(s);
    text_tokens_free(&t);
}

/* ---- sentences -------------------------------------------------------- */

static const text_case segment_cases[] = {
    {"", ""},
    {"  \n\n ", ""},
    {"One. Two.", "One. | Two."},
    {"No terminal", "No terminal"},
    {"  Padded sentence.   ", "Padded sentence."},
    {"Is it? Yes! Fine.", "Is it? | Yes! | Fine."},
    {"He left. 800 stayed.", "He left. | 800 stayed."},
    {"he left. and so", "he left. and so"},
    /* abbreviations and titles */
    {"Mr. Smith met Gen. Lee. They talked.", "Mr. Smith met Gen. Lee. | They talked."},
    {"Mrs. Jones, Dr. Who and Lt. Col. Smith came.",
     "Mrs. Jones, Dr. Who and Lt. Col. Smith came."},
    {"On Jan. 5 and Sept. 11 it rained.", "On Jan. 5 and Sept. 11 it rained."},
    {"Sen. Kerry and Rep. Pelosi and Gov. Brown met Prof. Sachs.",
     "Sen. Kerry and Rep. Pelosi and Gov. Brown met Prof. Sachs."},
    {"The U.S. President spoke.", "The U.S. President spoke."},
    {"Troops left the U.S. The war ended.", "Troops left the U.S. | The war ended."},
    {"The U.N. Security Council and the E.U. Commission met.",
     "The U.N. Security Council and the E.U. Commission met."},
    {"John F. Kennedy was shot.", "John F. Kennedy was shot."},
    {"He chose Plan B. But it failed.", "He chose Plan B. | But it failed."},
    {"He works at Apple Inc. Microsoft hired him.", "He works at Apple Inc. Microsoft hired him."},
    {"He works at Apple Inc. The firm grew.", "He works at Apple Inc. | The firm grew."},
    {"Ranked No. 1 in the world.", "Ranked No. 1 in the world."},
    {"It was e.g. fine.", "It was e.g. fine."},
    /* numbers and ellipses */
    {"Inflation was 3.5 percent. Prices rose.", "Inflation was 3.5 percent. | Prices rose."},
    {"The U.S.-led force left.", "The U.S.-led force left."},
    {"Well... maybe not.", "Well... maybe not."},
    {"He waited... The end.", "He waited... | The end."},
    {"He waited\xE2\x80\xA6 The end.", "He waited\xE2\x80\xA6 | The end."},
    /* quotes and brackets belong to the sentence they close */
    {"\"We will fight.\" The minister left.", "\"We will fight.\" | The minister left."},
    {"\xE2\x80\x9CWe will.\xE2\x80\x9D He left.", "\xE2\x80\x9CWe will.\xE2\x80\x9D | He left."},
    {"(He left.) They stayed.", "(He left.) | They stayed."},
    {"\"Why?\" he asked.", "\"Why?\" he asked."},
    {"He said: \"Go.\" \"Now!\" she cried.", "He said: \"Go.\" | \"Now!\" she cried."},
    {"It is \xE2\x80\x9Cthe\xE2\x80\x9D Thing", "It is \xE2\x80\x9Cthe\xE2\x80\x9D Thing"},
    {"PONCHATOULA, La. -- Deputies came.", "PONCHATOULA, La. -- Deputies came."},
    {"(Click here for source. ) Next one.", "(Click here for source. ) Next one."},
    {"Hmm. . . Right.", "Hmm. . . | Right."},
    {"A void. :) Fine.", "A void. :) Fine."},
    {"Flights resumed. ** Air Mauritius - Suspended.",
     "Flights resumed. | ** Air Mauritius - Suspended."},
    /* lines: wrapped text joins, a blank line always ends a sentence */
    {"Dagolath's first Deputy left for \nMinas Tirith on Wednesday.",
     "Dagolath's first Deputy left for \nMinas Tirith on Wednesday."},
    {"A Heading\n\nThe text. More text.\n\n  Next Heading  \n \nBody",
     "A Heading | The text. | More text. | Next Heading | Body"},
    {"Line one\r\n\r\nLine two", "Line one | Line two"},
    {"for Oct/Dec.\n    Buyers were the U.S.", "for Oct/Dec. | Buyers were the U.S."},
    {"from Larsen Co.\n\tDean also said", "from Larsen Co. | Dean also said"},
    {"said Mr.\nSmith", "said Mr.\nSmith"},
    {"Ends with a space\xC2\xA0", "Ends with a space"},
    {"Thin space\xE2\x80\x89\n\xFF", "Thin space"},
    {"Stray\xA0\xA0", "Stray"},
    {"Emoji \xF0\x9F\x98\x80", "Emoji \xF0\x9F\x98\x80"},
};

/* The sentences of s, joined by " | ". */
static const char *join_sentences(const char *s, size_t len, char *buf, size_t cap)
{
    text_span *spans = NULL;
    size_t n = 0, n_cap = 0, used = 0;
    const char *out = text_segment(s, len, &spans, &n, &n_cap) != 0 ? "(error)" : buf;
    buf[0] = '\0';
    for (size_t i = 0; i < n && out == buf; i++)
        if (!join_put(buf, cap, &used, " | ", s + spans[i].begin, spans[i].end - spans[i].begin))
            out = "(overflow)";
    free(spans);
    return out;
}

static void test_segment_table(void) { CHECK_CASES(segment_cases, join_sentences); }

/* Appends: a second call adds to what the first left. */
static void test_segment_appends(void)
{
    text_span *spans = NULL;
    size_t n = 0, cap = 0;
    CHECK_INT(text_segment("One. Two.", 9, &spans, &n, &cap), 0);
    CHECK_INT(text_segment("Three. Four.", 12, &spans, &n, &cap), 0);
    CHECK_INT(n, 4);
    if (n == 4) CHECK_INT(spans[3].begin, 7);
    free(spans);
}

/* Lower-cased archives: no capitals to find starts with, so any letter
 * may start a sentence; abbreviations still hold. */
static void test_segment_caseless(void)
{
    const char *text =
        "lucknow: the vishwa hindu parishad on thursday gave a call for a bandh. "
        "the organization said it would abide by the court's decision on the issue. "
        "mr. singh said one lakh ram sevaks would begin the task from march 15. "
        "he added that the ruling of the court should come soon and expressed confidence.";
    char buf[1024];
    CHECK_STR(join_sentences(text, strlen(text), buf, sizeof buf),
              "lucknow: the vishwa hindu parishad on thursday gave a call for a bandh. | "
              "the organization said it would abide by the court's decision on the issue. | "
              "mr. singh said one lakh ram sevaks would begin the task from march 15. | "
              "he added that the ruling of the court should come soon and expressed confidence.");
    /* The same sentences with a capital here and there are not caseless. */
    const char *cased = "He left. the rest stayed. It was over.";
    CHECK_STR(join_sentences(cased, strlen(cased), buf, sizeof buf),
              "He left. the rest stayed. | It was over.");
}

/* The shared test data, at $SHARED or ../shared from the repository. */
static const char *shared_path(const char *rel, char *buf, size_t cap)
{
    const char *dir = getenv("SHARED");
    snprintf(buf, cap, "%s/%s", dir && *dir ? dir : "../shared", rel);
    return buf;
}

#define SEED_ARTICLE "examples/seed-2024-03-25.txt"

static char *read_shared(const char *rel, size_t *len)
{
    char path[1024];
    FILE *f = fopen(shared_path(rel, path, sizeof path), "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static int have_shared(const char *rel, const char *test)
{
    char path[1024];
    FILE *f = fopen(shared_path(rel, path, sizeof path), "rb");
    if (f) fclose(f);
    else printf("SKIP %s: %s not found\n", test, path);
    return f != NULL;
}

/* The seed article: three headings and 16 sentences. */
static void test_segment_seed(void)
{
    size_t len;
    char *text = read_shared(SEED_ARTICLE, &len);
    CHECK(text != NULL);
    if (!text) return;
    text_span *spans = NULL;
    size_t n = 0, cap = 0;
    CHECK_INT(text_segment(text, len, &spans, &n, &cap), 0);
    CHECK_INT(n, 19);
    static const char *const headings[] = {"Zimbabwe's Strategic Pivot",
                                           "Deepening Russia-Zimbabwe Relations",
                                           "Future Trajectories and Bilateral Visits"};
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        size_t span_len = spans[i].end - spans[i].begin;
        for (size_t h = 0; h < 3; h++)
            if (span_len == strlen(headings[h]) &&
                memcmp(text + spans[i].begin, headings[h], span_len) == 0)
                found++;
        CHECK(span_len > 0 && !strchr(" \n", text[spans[i].begin]));
    }
    CHECK_INT(found, 3);
    free(spans);
    free(text);
}

static void test_segment_cap(void)
{
    size_t len = TEXT_MAX_SENTENCE_BYTES + 100;
    char *s = malloc(len);
    for (size_t i = 0; i < len; i++) s[i] = "ab \xC3\xA9"[i % 5];
    text_span *spans = NULL;
    size_t n = 0, cap = 0;
    CHECK_INT(text_segment(s, len, &spans, &n, &cap), 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK(spans[0].end - spans[0].begin <= TEXT_MAX_SENTENCE_BYTES);
        CHECK_INT(spans[1].end, len);
    }
    free(spans);
    free(s);
}

static void test_segment_fuzz(void)
{
    const char *mix = "Mr. A.\xE2\x80\x9D  B?!\n\n\xC3 U.S. The\xE2\x80\xA6 X. 3.5\r\n";
    size_t len = strlen(mix);
    for (size_t cut = 0; cut <= len; cut++) {
        char *copy = malloc(cut ? cut : 1);
        memcpy(copy, mix, cut);
        text_span *spans = NULL;
        size_t n = 0, cap = 0;
        CHECK_INT(text_segment(copy, cut, &spans, &n, &cap), 0);
        for (size_t i = 0; i < n; i++)
            CHECK(spans[i].begin < spans[i].end && spans[i].end <= cut);
        for (size_t i = 1; i < n; i++) CHECK(spans[i - 1].end <= spans[i].begin);
        free(spans);
        free(copy);
    }
}

/* ---- random text: invariants of both passes -------------------------- */

static const char *const random_pieces[] = {
    "U.S.", ".", " ", "\n", "\n\n", "\xE2\x80\x99", "\xE2", "\x80", "Mr.", "'s", "-", "--",
    "3.5", "1,500", "\"", "\xC3\xA9", "\xE2\x80\xA6", "A", "b", "?", "!", ")", "(",
    "\xF0\x9F\x98\x80", "\xC3", "'", "``", "Gen", "The", "x", "\t", "\xC2\xA0", "_", "...",
};

static int spans_ok(const char *s, size_t len, const text_span *sp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (sp[i].begin >= sp[i].end || sp[i].end > len) return 0;
        if (i && sp[i - 1].end > sp[i].begin) return 0;
        if (s[sp[i].begin] == ' ' || s[sp[i].end - 1] == ' ' || s[sp[i].end - 1] == '\n') return 0;
    }
    return 1;
}

/* Also checks the bound text_tokenize sizes its norm buffer by: a norm is
 * at most one byte longer than its source. */
static int tokens_ok(size_t len, const text_tokens *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const text_token *k = &t->items[i];
        if (k->begin >= k->end || k->end > len || strlen(k->norm) != k->norm_len) return 0;
        if (k->norm_len > k->end - k->begin + 1) return 0;
        if (i && t->items[i - 1].end > k->begin) return 0;
        if ((i == 0) != ((k->flags & TOK_SENTENCE_START) != 0)) return 0;
    }
    return 1;
}

static void test_text_random(void)
{
    uint32_t seed = 12345;
    size_t npieces = sizeof random_pieces / sizeof random_pieces[0];
    text_tokens t = {0};
    int bad = 0;
    for (int round = 0; round < 3000; round++) {
        char buf[512];
        size_t len = 0;
        for (int k = 0; k < 40; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = random_pieces[(seed >> 16) % npieces];
            size_t plen = strlen(piece);
            memcpy(buf + len, piece, plen);
            len += plen;
        }
        char *copy = malloc(len); /* exact size, so ASan sees overreads */
        memcpy(copy, buf, len);
        text_span *spans = NULL;
        size_t n = 0, cap = 0;
        bad += text_segment(copy, len, &spans, &n, &cap) != 0 || !spans_ok(copy, len, spans, n);
        for (size_t i = 0; i < n; i++) {
            bad += text_tokenize(copy + spans[i].begin, spans[i].end - spans[i].begin, &t) != 0;
            bad += !tokens_ok(spans[i].end - spans[i].begin, &t);
        }
        free(spans);
        free(copy);
    }
    CHECK_INT(bad, 0);
    text_tokens_free(&t);
}

/* ---- UTF-8 ------------------------------------------------------------ */

typedef struct utf8_case {
    const char *in;
    size_t len;
    int valid;
    size_t bad;
} utf8_case;

#define U8(s, valid, bad) {s, sizeof(s) - 1, valid, bad}

static const utf8_case utf8_cases[] = {
    U8("", 1, 0),
    U8("plain ASCII text that is longer than eight bytes", 1, 0),
    U8("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80", 1, 0),
    U8("\xEF\xBF\xBF \xF4\x8F\xBF\xBF", 1, 0),    /* U+FFFF, U+10FFFF */
    U8("\xED\x9F\xBF \xEE\x80\x80", 1, 0),        /* around the surrogates */
    U8("abcdefgh\x80", 0, 8),                     /* stray continuation */
    U8("abc\xC0\xAF", 0, 3),                      /* overlong '/' */
    U8("abc\xC1\xBF", 0, 3),                      /* overlong */
    U8("\xE0\x80\xAF", 0, 0),                     /* overlong, 3 bytes */
    U8("\xF0\x80\x80\xAF", 0, 0),                 /* overlong, 4 bytes */
    U8("ok \xED\xA0\x80", 0, 3),                  /* U+D800 */
    U8("ok \xED\xBF\xBF", 0, 3),                  /* U+DFFF */
    U8("\xF4\x90\x80\x80", 0, 0),                 /* U+110000 */
    U8("\xF5\x80\x80\x80", 0, 0),
    U8("\xFF", 0, 0),
    U8("abcdefghij\xE2\x80", 0, 10),              /* truncated at the end */
    U8("\xE2\x80 x", 0, 0),                       /* truncated inside */
    U8("\xC3\xA9\xC3", 0, 2),
    U8("12345678\0abc", 0, 8),                    /* NUL */
    U8("\0", 0, 0),
};

static void test_utf8_table(void)
{
    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        const utf8_case *c = &utf8_cases[i];
        size_t bad = 12345;
        int got = dyad_utf8_valid(c->in, c->len, &bad);
        if (got != c->valid || (!got && bad != c->bad)) printf("  case %zu\n", i);
        CHECK_INT(got, c->valid);
        if (!c->valid) CHECK_INT(bad, c->bad);
    }
    CHECK_INT(dyad_utf8_valid("\xFF", 1, NULL), 0); /* bad may be NULL */
}

/* Agrees with a slow reference decoder on every 1- and 2-byte input and on
 * every 3-byte input that starts with a lead byte. */
static int utf8_reference(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        size_t size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
        if (size == 0 || i + size > len || b == 0) return 0;
        uint32_t cp = size == 1 ? b : (uint32_t)(b & (0x7F >> size));
        for (size_t k = 1; k < size; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[size] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += size;
    }
    return 1;
}

static void test_utf8_exhaustive(void)
{
    unsigned char s[3];
    int mismatches = 0;
    for (unsigned a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        mismatches += dyad_utf8_valid((char *)s, 1, NULL) != utf8_reference(s, 1);
        for (unsigned b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            mismatches += dyad_utf8_valid((char *)s, 2, NULL) != utf8_reference(s, 2);
            if (a < 0xE0) continue;
            for (unsigned c = 0; c < 256; c++) {
                s[2] = (unsigned char)c;
                mismatches += dyad_utf8_valid((char *)s, 3, NULL) != utf8_reference(s, 3);
            }
        }
    }
    CHECK_INT(mismatches, 0);
}

/* ---- lemmas ----------------------------------------------------------- */

static const text_case lemma_cases[] = {
    /* irregular */
    {"SAID", "SAY"}, {"MET", "MEET"}, {"WAS", "BE"}, {"WITHDREW", "WITHDRAW"},
    {"OVERTHROWN", "OVERTHROW"}, {"WOMEN", "WOMAN"}, {"FLED", "FLEE"}, {"LED", "LEAD"},
    /* possessive */
    {"GONDOR'S", "GONDOR"}, {"STATE'S", "STATE"},
    /* -S -ES -IES */
    {"TALKS", "TALK"}, {"TAXES", "TAX"}, {"CHURCHES", "CHURCH"}, {"MASSES", "MASS"},
    {"CAUSES", "CAUSE"}, {"SEIZES", "SEIZE"}, {"PARTIES", "PARTY"}, {"TIES", "TIE"},
    {"DAYS", "DAY"}, {"FOES", "FOE"}, {"HEROES", "HERO"}, {"STATUS", "STATUS"},
    {"CRISIS", "CRISIS"}, {"NEWS", "NEWS"}, {"ITS", "ITS"}, {"THIS", "THIS"},
    {"CONGRESS", "CONGRESS"},
    /* -ED: undoubled, E restored or not */
    {"STOPPED", "STOP"}, {"COMMITTED", "COMMIT"}, {"CANCELLED", "CANCEL"},
    {"KILLED", "KILL"}, {"INSTALLED", "INSTALL"}, {"ADDED", "ADD"}, {"MISSED", "MISS"},
    {"HOPED", "HOPE"}, {"HELPED", "HELP"}, {"ACCUSED", "ACCUSE"}, {"NEGOTIATED", "NEGOTIATE"},
    {"TREATED", "TREAT"}, {"STATED", "STATE"}, {"QUOTED", "QUOTE"}, {"ACQUIRED", "ACQUIRE"},
    {"SETTLED", "SETTLE"}, {"MASSACRED", "MASSACRE"}, {"CHARGED", "CHARGE"},
    {"ENGAGED", "ENGAGE"}, {"BELONGED", "BELONG"}, {"VISITED", "VISIT"},
    {"DECIDED", "DECIDE"}, {"NEEDED", "NEED"}, {"RAIDED", "RAID"}, {"DECLARED", "DECLARE"},
    {"ENTERED", "ENTER"}, {"CAPTURED", "CAPTURE"}, {"COMBINED", "COMBINE"},
    {"OPENED", "OPEN"}, {"INVOKED", "INVOKE"}, {"ATTACKED", "ATTACK"}, {"RESUMED", "RESUME"},
    {"WELCOMED", "WELCOME"}, {"ESCAPED", "ESCAPE"}, {"DEVELOPED", "DEVELOP"},
    {"ARGUED", "ARGUE"}, {"MOVED", "MOVE"}, {"FORCED", "FORCE"}, {"DESCRIBED", "DESCRIBE"},
    {"COMPLETED", "COMPLETE"}, {"TARGETED", "TARGET"}, {"DENIED", "DENY"},
    {"PLAYED", "PLAY"}, {"VOWED", "VOW"}, {"AGREED", "AGREE"}, {"BOYCOTTED", "BOYCOTT"},
    /* -ING */
    {"STOPPING", "STOP"}, {"NEGOTIATING", "NEGOTIATE"}, {"USING", "USE"}, {"DOING", "DO"},
    {"SEEING", "SEE"}, {"MAKING", "MAKE"}, {"BECOMING", "BECOME"}, {"BOMBING", "BOMB"},
    {"CHALLENGING", "CHALLENGE"}, {"DYING", "DIE"},
    /* words that only look inflected */
    {"RED", "RED"}, {"SHED", "SHED"}, {"HUNDRED", "HUNDRED"}, {"SPEED", "SPEED"},
    {"KING", "KING"}, {"BRING", "BRING"}, {"THING", "THING"}, {"DURING", "DURING"},
    {"BEIJING", "BEIJING"},
    /* not words: unchanged */
    {"U.S.", "U.S."}, {"1,500", "1,500"}, {"ISN'T", "ISN'T"}, {"", ""}, {"S", "S"},
};

/* The lemma of s, checking the returned length on the way. */
static const char *join_lemma(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = text_lemma(s, len, buf, cap);
    return n == strlen(buf) ? buf : "(wrong length)";
}

static void test_lemma_table(void)
{
    CHECK(text_lemma_table_ok());
    CHECK_CASES(lemma_cases, join_lemma);
}

static void test_lemma_bounds(void)
{
    char out[4];
    CHECK_INT(text_lemma("NEGOTIATED", 10, out, sizeof out), 3); /* cut to cap - 1 */
    CHECK_STR(out, "NEG");
    char long_word[200], big[256];
    memset(long_word, 'A', sizeof long_word);
    CHECK_INT(text_lemma(long_word, sizeof long_word, big, sizeof big), sizeof long_word);
    CHECK_INT(text_lemma("TALKS", 5, out, 1), 0);
    CHECK_STR(out, "");
}

int main(void)
{
    RUN(test_token_table);
    RUN(test_token_flags);
    RUN(test_token_offsets);
    RUN(test_token_nul);
    RUN(test_token_reuse);
    RUN(test_token_fuzz);
    RUN(test_token_long);
    RUN(test_segment_table);
    RUN(test_segment_appends);
    RUN(test_segment_caseless);
    if (have_shared(SEED_ARTICLE, "test_segment_seed")) RUN(test_segment_seed);
    RUN(test_segment_cap);
    RUN(test_segment_fuzz);
    RUN(test_text_random);
    RUN(test_utf8_table);
    RUN(test_utf8_exhaustive);
    RUN(test_lemma_table);
    RUN(test_lemma_bounds);
    return check_done();
}
