/*
 * test_read.c -- the input readers: dates, the four formats, detection,
 * bad input (each bad record rejected alone, the good ones around it
 * kept), and agreement with the peers' suites parsed to JSON (read from
 * ../shared, or $SHARED; skipped when absent).
 *
 * Inputs are written to temporary files (mkstemp under $TMPDIR_TESTS or
 * /tmp), never beside the shared data.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "dyad.h"

/* ---- helpers ------------------------------------------------------------ */

enum { MAX_TEMPS = 32 };
static char temp_paths[MAX_TEMPS][256];
static int n_temps;

/* Writes `len` bytes to a new temporary file STEM-XXXXXX.txt. */
static const char *write_temp(const char *stem, const char *data, size_t len)
{
    const char *dir = getenv("TMPDIR_TESTS");
    if (!dir || !*dir) dir = "/tmp";
    if (n_temps == MAX_TEMPS) return NULL;
    char *path = temp_paths[n_temps];
    snprintf(path, sizeof temp_paths[0], "%s/%s-XXXXXX.txt", dir, stem);
    int fd = mkstemps(path, 4);
    if (fd < 0) return NULL;
    n_temps++;
    FILE *f = fdopen(fd, "wb");
    if (!f) return NULL;
    fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

static const char *write_temp_str(const char *stem, const char *text)
{
    return write_temp(stem, text, strlen(text));
}

static void remove_temps(void)
{
    for (int i = 0; i < n_temps; i++) unlink(temp_paths[i]);
    n_temps = 0;
}

static dyad_reader *open_path(const char *path, dyad_input_format fmt)
{
    dyad_error err = {0};
    dyad_reader *r = path ? dyad_reader_open(path, fmt, &err) : NULL;
    if (!r) printf("  cannot open %s: %s\n", path ? path : "(null)", err.message);
    return r;
}

/* The next record; returns its status, the record in *a, the error in *err. */
static int next(dyad_reader *r, const dyad_article **a, dyad_error *err)
{
    *a = NULL;
    memset(err, 0, sizeof *err);
    return r ? dyad_reader_next(r, a, err) : -100;
}

/* True when the message is "PATH:LINE: ..." and contains `what`. */
static int message_is(const dyad_error *err, const char *path, long line, const char *what)
{
    char prefix[400];
    snprintf(prefix, sizeof prefix, "%s:%ld: ", path, line);
    int ok = !strncmp(err->message, prefix, strlen(prefix)) && strstr(err->message, what);
    if (!ok) printf("  message \"%s\", want \"%s...%s\"\n", err->message, prefix, what);
    return ok;
}

/* ---- dates -------------------------------------------------------------- */

static void test_date_parse(void)
{
    CHECK_INT(dyad_date_parse("2024-03-25", 10), 20240325);
    CHECK_INT(dyad_date_parse("20240325", 8), 20240325);
    CHECK_INT(dyad_date_parse("950103", 6), 19950103);
    CHECK_INT(dyad_date_parse("290101", 6), 20290101);
    CHECK_INT(dyad_date_parse("300101", 6), 19300101);
    CHECK_INT(dyad_date_parse("2024-02-29", 10), 20240229);
    CHECK_INT(dyad_date_parse("2023-02-29", 10), 0);
    CHECK_INT(dyad_date_parse("1900-02-29", 10), 0);
    CHECK_INT(dyad_date_parse("2000-02-29", 10), 20000229);
    CHECK_INT(dyad_date_parse("2024-13-01", 10), 0);
    CHECK_INT(dyad_date_parse("2024-04-31", 10), 0);
    CHECK_INT(dyad_date_parse("2024-00-10", 10), 0);
    CHECK_INT(dyad_date_parse("2024-1-10", 9), 0);
    CHECK_INT(dyad_date_parse("2024/03/25", 10), 0);
    CHECK_INT(dyad_date_parse("2024-03-25", 9), 0);
    CHECK_INT(dyad_date_parse("abcdef", 6), 0);
    CHECK_INT(dyad_date_parse("", 0), 0);
    CHECK_INT(dyad_date_parse(NULL, 10), 0);
}

/* ---- JSON Lines --------------------------------------------------------- */

static void test_jsonl_fields(void)
{
    const char *path = write_temp_str(
        "jsonl",
        "{\"id\":\"a1\",\"date\":\"2024-03-25\",\"title\":\"T\",\"text\":\"Hello \\u00e9\","
        "\"source\":\"S\",\"url\":\"http://x\",\"extra\":[1,2]}\n"
        "\n"
        "{\"id\":7,\"date\":\"19870226\",\"body\":\"Body text\"}\r\n"
        "{\"doc_id\":\"c\",\"publication_date\":\"2020-02-25T10:00:00Z\",\"content\":\"C\"}\n"
        "{\"id\":\"d\",\"date\":20240101,\"text\":\"D\"}");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_JSONL);
    if (a) {
        CHECK_STR(a->id, "a1");
        CHECK_INT(a->date, 20240325);
        CHECK_STR(a->title, "T");
        CHECK_STR(a->text, "Hello \xc3\xa9");
        CHECK_INT(a->text_len, 8);
        CHECK_STR(a->source, "S");
        CHECK_STR(a->url, "http://x");
        CHECK_STR(a->file, path);
        CHECK_INT(a->line, 1);
        CHECK_INT(a->expect, DYAD_EXPECT_NONE);
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "7");
        CHECK_INT(a->date, 19870226);
        CHECK_STR(a->text, "Body text");
        CHECK_INT(a->line, 3);
        CHECK(a->title == NULL && a->url == NULL && a->source == NULL);
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "c");
        CHECK_INT(a->date, 20200225);
        CHECK_STR(a->text, "C");
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->date, 20240101);
    CHECK_INT(next(r, &a, &err), 0);
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* Each bad line is one rejected record; the good lines between are read. */
static void test_jsonl_bad_records(void)
{
    const char good[] = "{\"id\":\"ok\",\"date\":\"2024-01-01\",\"text\":\"fine\"}\n";
    const char *bad[] = {
        "{\"id\":\"u\",\"date\":\"2024-01-01\",\"text\":\"bad \xff byte\"}\n",
        "{\"id\":\"n\",\"date\":\"2024-01-01\",\"text\":\"nul \0 byte\"}\n",
        "{\"id\":\"t\",\"date\":\"2024-01-01\",\"text\":\"trunc\n",
        "{\"id\":\"m\",\"text\":\"no date\"}\n",
        "{\"id\":\"x\",\"date\":\"2024-02-30\",\"text\":\"bad date\"}\n",
        "{\"id\":\"y\",\"date\":\"2024-02-03\"}\n",
        "{\"id\":\"e\",\"date\":\"\",\"text\":\"empty date\"}\n",
        "[1,2,3]\n",
    };
    const size_t bad_len[] = {0, 51, 0, 0, 0, 0, 0, 0};
    /* 0: not rejected; a record without a date comes back with date 0 and
       the caller decides (dyad code asks for --date). */
    const int want_code[] = {DYAD_EUTF8, DYAD_EUTF8, DYAD_EFORMAT, 0, DYAD_EDATE,
                             DYAD_EFORMAT, 0, DYAD_EFORMAT};
    const char *want_msg[] = {"invalid UTF-8 at byte 43", "NUL byte at byte 43", "malformed JSON",
                              NULL, "invalid date", "record has no text",
                              NULL, "not a JSON object"};
    enum { N_BAD = sizeof bad / sizeof bad[0] };
    char data[4096];
    size_t len = 0;
    memcpy(data, good, sizeof good - 1), len += sizeof good - 1;
    for (int i = 0; i < N_BAD; i++) {
        size_t n = bad_len[i] ? bad_len[i] : strlen(bad[i]);
        memcpy(data + len, bad[i], n), len += n;
        memcpy(data + len, good, sizeof good - 1), len += sizeof good - 1;
    }
    const char *path = write_temp("jsonl-bad", data, len);
    dyad_reader *r = open_path(path, DYAD_INPUT_JSONL);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    for (int i = 0; i < N_BAD; i++) {
        if (!want_code[i]) {
            CHECK_INT(next(r, &a, &err), 1);
            CHECK(a && a->date == 0 && a->line == 2 + 2 * i);
        } else {
            CHECK_INT(next(r, &a, &err), want_code[i]);
            CHECK_INT(err.code, want_code[i]);
            CHECK(message_is(&err, path, 2 + 2 * i, want_msg[i]));
        }
        CHECK_INT(next(r, &a, &err), 1);
        if (a) {
            CHECK_STR(a->id, "ok");
            CHECK_INT(a->line, 3 + 2 * i);
        }
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* A 50 MB line is skipped without being stored; the next line is read. */
static void test_huge_line(void)
{
    const char *dir = getenv("TMPDIR_TESTS");
    char path[256];
    snprintf(path, sizeof path, "%s/huge-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "wb");
    fputs("{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"before\"}\n", f);
    fputs("{\"id\":\"big\",\"date\":\"2024-01-01\",\"text\":\"", f);
    char block[1 << 16];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 50 * 16; i++) fwrite(block, 1, sizeof block, f); /* 50 MiB */
    fputs("\"}\n{\"id\":\"b\",\"date\":\"2024-01-02\",\"text\":\"after\"}\n", f);
    fclose(f);

    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(next(r, &a, &err), DYAD_ETOOBIG);
    CHECK(message_is(&err, path, 2, "line longer than 16 MiB"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "b");
        CHECK_INT(a->line, 3);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
    unlink(path);
}

/* A line just under the cap spans many chunks and is read whole. */
static void test_long_line_within_cap(void)
{
    size_t body = 3 << 20;
    char *data = malloc(body + 200);
    if (!data) return;
    int n = sprintf(data, "{\"id\":\"long\",\"date\":\"2024-01-01\",\"text\":\"");
    memset(data + n, 'y', body);
    n += (int)body;
    n += sprintf(data + n, "\"}\n");
    const char *path = write_temp("long", data, (size_t)n);
    free(data);
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->text_len, body);
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* ---- plain text ---------------------------------------------------------- */

static void test_text_with_date(void)
{
    const char *path = write_temp_str("seed", " date 2024-03-25 The first words.\nMore text.\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_TEXT);
    if (a) {
        CHECK_INT(a->date, 20240325);
        CHECK_STR(a->text, "The first words.\nMore text.");
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)strlen(strrchr(path, '/') + 1) - 4, strrchr(path, '/') + 1);
        CHECK_STR(a->id, id); /* the base name without ".txt" */
        CHECK_INT(a->line, 1);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

static void test_text_date_spellings(void)
{
    const char *path = write_temp_str("upper", "\n\nDATE: 20240102\nBody.\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_TEXT);
    if (a) {
        CHECK_INT(a->date, 20240102);
        CHECK_STR(a->text, "Body."); /* no empty first line */
        CHECK_INT(a->line, 3);
    }
    dyad_reader_close(r);
}

static void test_text_without_date(void)
{
    const char *path = write_temp_str("nodate", "\nGondor attacked Mordor.\n\nAgain.\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_TEXT);
    if (a) {
        CHECK_INT(a->date, 0);
        CHECK_STR(a->text, "Gondor attacked Mordor.\n\nAgain.");
        CHECK_INT(a->line, 2);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

static void test_text_bad_utf8(void)
{
    const char *path = write_temp_str("badtext", "date 2024-03-25 ok\nbad \xc3\x28 here\nmore\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_TEXT);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), DYAD_EUTF8);
    CHECK(message_is(&err, path, 2, "invalid UTF-8 at byte 5"));
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* "-" reads standard input, without seeking. */
static void test_stdin(void)
{
    const char *path = write_temp_str("stdin", "{\"id\":\"s\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n");
    if (!path || !freopen(path, "rb", stdin)) {
        CHECK(0);
        return;
    }
    dyad_reader *r = open_path("-", DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "s");
        CHECK_STR(a->file, "-");
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* A record is handed out as soon as its line has arrived on a pipe, not
 * when a whole chunk has. (Were it to wait, the test would hang: the
 * alarm turns that into a failure.) */
static void test_pipe_streams(void)
{
    int fds[2];
    if (pipe(fds)) {
        CHECK(0);
        return;
    }
    const char first[] = "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n";
    const char second[] = "{\"id\":\"b\",\"date\":\"2024-01-02\",\"text\":\"y\"}\n";
    CHECK(write(fds[1], first, sizeof first - 1) == (ssize_t)(sizeof first - 1));
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    alarm(60);
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_STR(a->id, "a");
    CHECK(write(fds[1], second, sizeof second - 1) == (ssize_t)(sizeof second - 1));
    close(fds[1]);
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_STR(a->id, "b");
    CHECK_INT(next(r, &a, &err), 0);
    alarm(0);
    dyad_reader_close(r);
    close(fds[0]);
}

static void test_open_errors(void)
{
    dyad_error err = {0};
    dyad_reader *dir = dyad_reader_open("/", DYAD_INPUT_AUTO, &err);
    if (dir) { /* opening a directory may succeed; reading it fails */
        const dyad_article *a;
        CHECK_INT(dyad_reader_next(dir, &a, &err), DYAD_EIO);
        CHECK(strstr(err.message, "read error") != NULL);
        CHECK_INT(dyad_reader_next(dir, &a, &err), 0);
        dyad_reader_close(dir);
    }
    CHECK(dyad_reader_open("/nonexistent/dir/file.jsonl", DYAD_INPUT_AUTO, &err) == NULL);
    CHECK_INT(err.code, DYAD_EIO);
    CHECK(strstr(err.message, "/nonexistent/dir/file.jsonl") != NULL);
    CHECK(dyad_reader_open_stream(NULL, "x", DYAD_INPUT_AUTO, &err) == NULL);
    CHECK_INT(err.code, DYAD_EARG);
    const dyad_article *a;
    CHECK_INT(dyad_reader_next(NULL, &a, &err), DYAD_EARG);
    dyad_reader_close(NULL);
}

/* ---- TABARI text -------------------------------------------------------- */

static const char tabari_sample[] =
    "####################\n"
    "# header comment\n"
    "\n"
    "950103  DEMO-04\n"
    "Dagolath's minister left for \n"
    "Minas Tirith on Wednesday. \n"
    "/*\\n---------\n"
    "\\n[Paired events {not a block]\n"
    "\\n{ DAG / GON / 032 } 950103\n"
    "\\n{ GON / DAG / 033 }   */\n"
    "\n"
    "between records: skipped\n"
    "970102 OPT-1\n"
    "Text of an option record.\n"
    "/*\\n{ OPTION: SET: MINIMUM WORDS = 4  */\n"
    "\n"
    "950101  SKIP-1\n"
    "Skipped text.\n"
    "/* \\n-{ARN / GON / 064  } */\n"
    "\n"
    "9513xx BAD-DATE\n"
    "Text.\n"
    "\n"
    "950101  PLUS-1\n"
    "Complex. /* {+++}\n"
    "{ A / B / 010 } */ after comment\n"
    "\n"
    "19950105 NONE-1\n"
    "No block at all.\n";

static void test_tabari_records(void)
{
    const char *path = write_temp_str("tabari", tabari_sample);
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_TABARI);
    if (a) {
        CHECK_STR(a->id, "DEMO-04");
        CHECK_INT(a->date, 19950103);
        CHECK_INT(a->line, 4);
        CHECK_STR(a->text, "Dagolath's minister left for Minas Tirith on Wednesday.");
        CHECK_INT(a->expect, DYAD_EXPECT_EVENTS);
        CHECK_INT(a->n_expected, 2);
        if (a->n_expected == 2) {
            CHECK_STR(a->expected[0].source, "DAG");
            CHECK_STR(a->expected[0].target, "GON");
            CHECK_STR(a->expected[0].code, "032");
            CHECK_INT(a->expected[0].date, 19950103);
            CHECK_STR(a->expected[1].code, "033");
            CHECK_INT(a->expected[1].date, 0);
        }
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "OPT-1");
        CHECK_INT(a->expect, DYAD_EXPECT_NONE);
        CHECK_INT(a->n_options, 1);
        if (a->n_options) CHECK_STR(a->options[0], "SET: MINIMUM WORDS = 4");
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "SKIP-1");
        CHECK_INT(a->expect, DYAD_EXPECT_SKIP);
        CHECK_INT(a->n_expected, 1);
    }
    CHECK_INT(next(r, &a, &err), DYAD_EDATE);
    CHECK(message_is(&err, path, 21, "record has no valid date '9513xx'"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "PLUS-1");
        CHECK_STR(a->text, "Complex. after comment");
        CHECK_INT(a->expect, DYAD_EXPECT_COMPLEX); /* the first block decides */
        CHECK_INT(a->n_expected, 1);
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "NONE-1");
        CHECK_INT(a->date, 19950105);
        CHECK_INT(a->expect, DYAD_EXPECT_NONE);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

static void test_tabari_bad_line(void)
{
    const char *path = write_temp_str("tabari-bad", "950101 A\nok text\n\n950101 B\nbad \xe2\x82 text\n"
                                                   "more\n\n950101 C\ngood\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_TABARI);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(next(r, &a, &err), DYAD_EUTF8);
    CHECK(message_is(&err, path, 5, "invalid UTF-8 at byte 5"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_STR(a->id, "C");
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* A 20 MB line inside a record rejects that record only. */
static void test_tabari_huge_line(void)
{
    FILE *f = tmpfile();
    if (!f) {
        CHECK(0);
        return;
    }
    fputs("950101 A\nfirst\n\n950101 B\n", f);
    char block[1 << 16];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 20 * 16; i++) fwrite(block, 1, sizeof block, f); /* 20 MiB */
    fputs("\nmore text\n\n950102 C\nlast\n", f);
    rewind(f);
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_stream(f, "huge.text", DYAD_INPUT_TABARI, &err);
    const dyad_article *a;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(next(r, &a, &err), DYAD_ETOOBIG);
    CHECK(message_is(&err, "huge.text", 5, "line longer than 16 MiB"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "C");
        CHECK_STR(a->text, "last");
        CHECK_INT(a->line, 8);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
    fclose(f);
}

/* ---- PETRARCH XML -------------------------------------------------------- */

static const char petrarch_sample[] =
    "<Validation>\n"
    "<Environment>\n"
    "  <Include>DEMO ERROR</Include>\n"
    "  <Config option=\"stop_on_error\" value=\"True\"></Config>\n"
    "</Environment>\n"
    "<Sentences>\n"
    "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
    "<Sentence date=\"19950101\" id=\"DEMO-00\" category=\"DEMO\" valid=\"true\">\n"
    "<!-- a comment <EventCoding sourcecode=\"X\"/> -->\n"
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
    "<Text>\n   Arnor   is about\n to restore &amp; ties.  \n</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"19950102\" id=\"OTHER-1\" category=\"OTHER\">\n"
    "<EventCoding noevents=\"True\"></EventCoding><Text>x</Text></Sentence>\n"
    "<Sentence date=\"19950102\" id=\"DEMO-2\" category=\"DEMO\"><Skip></Skip>"
    "<Text>y</Text></Sentence>\n"
    "<Sentence date=\"19950102\" id=\"ERR-1\" category=\"ERROR\">"
    "<EventCoding error=\"storydiscard\"/><Text>z</Text></Sentence>\n"
    "<Sentence date=\"19950102\" id=\"ERR-2\" category=\"ERROR\">"
    "<EventCoding error=\"dateline\"/><Text>z</Text></Sentence>\n"
    "<Sentence id=\"NODATE\" category=\"DEMO\"><Text>z</Text></Sentence>\n"
    "<Sentence date=\"19950103\" id=\"DEMO-3\" category=\"DEMO\">"
    "<EventCoding noevents=\"True\"/><Text>w</Text></Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

static void test_petrarch_records(void)
{
    const char *path = write_temp_str("petrarch", petrarch_sample);
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(dyad_reader_format(r), DYAD_INPUT_PETRARCH);
    if (a) {
        CHECK_STR(a->id, "DEMO-00");
        CHECK_INT(a->date, 19950101);
        CHECK_INT(a->line, 8);
        CHECK_STR(a->category, "DEMO");
        CHECK_STR(a->text, "Arnor is about to restore & ties.");
        CHECK_INT(a->expect, DYAD_EXPECT_EVENTS);
        CHECK_INT(a->n_expected, 1);
        if (a->n_expected) CHECK_STR(a->expected[0].target, "GON");
        CHECK_INT(a->n_options, 1);
        if (a->n_options) CHECK_STR(a->options[0], "require_dyad=false");
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "OTHER-1");
        CHECK_INT(a->expect, DYAD_EXPECT_SKIP); /* category not in <Include> */
        CHECK_INT(a->n_options, 0);             /* options are handed out once */
    }
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->expect, DYAD_EXPECT_SKIP); /* <Skip> */
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->expect, DYAD_EXPECT_DISCARD);
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->expect, DYAD_EXPECT_ERROR);
    CHECK_INT(next(r, &a, &err), DYAD_EDATE);
    CHECK(message_is(&err, path, 22, "record has no date"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) {
        CHECK_STR(a->id, "DEMO-3");
        CHECK_INT(a->expect, DYAD_EXPECT_NOEVENTS);
    }
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* A file cut short: the complete sentences, then one error, then the end. */
static void test_petrarch_truncated(void)
{
    const char *cut = strstr(petrarch_sample, "<Sentence date=\"19950102\" id=\"OTHER-1\"");
    size_t len = (size_t)(cut - petrarch_sample) + 40;
    const char *path = write_temp("petrarch-cut", petrarch_sample, len);
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(next(r, &a, &err), DYAD_EFORMAT);
    CHECK(message_is(&err, path, 17, "XML error"));
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

static void test_petrarch_bad_bytes(void)
{
    const char *path = write_temp_str("petrarch-utf8",
                                      "<V><Sentence date=\"19950101\" id=\"A\"><Text>ok</Text></Sentence>\n"
                                      "<Sentence date=\"19950101\" id=\"B\"><Text>bad \xff</Text>"
                                      "</Sentence></V>\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_PETRARCH);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    CHECK_INT(next(r, &a, &err), DYAD_EFORMAT);
    CHECK(message_is(&err, path, 2, "XML error"));
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* A 50 MB <Text> is rejected alone; the next sentence is read. */
static void test_petrarch_huge_text(void)
{
    FILE *f = tmpfile();
    if (!f) {
        CHECK(0);
        return;
    }
    fputs("<V><Sentence date=\"19950101\" id=\"BIG\"><Text>\n", f);
    char block[1 << 16];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 50 * 16; i++) fwrite(block, 1, sizeof block, f); /* 50 MiB */
    fputs("\n</Text></Sentence>\n<Sentence date=\"19950102\" id=\"B\"><Text>b</Text></Sentence></V>\n",
          f);
    rewind(f);
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_stream(f, "huge.xml", DYAD_INPUT_AUTO, &err);
    const dyad_article *a;
    CHECK_INT(next(r, &a, &err), DYAD_ETOOBIG);
    CHECK(message_is(&err, "huge.xml", 1, "text longer than 16 MiB"));
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_STR(a->id, "B");
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
    fclose(f);
}

/* An empty <Include> list filters nothing. */
static void test_petrarch_empty_include(void)
{
    const char *path = write_temp_str("noinclude", "<V><Environment><Include></Include></Environment>"
                                                   "<Sentence date=\"19950101\" id=\"A\" category=\"X\">"
                                                   "<Text>a</Text></Sentence></V>\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_INT(a->expect, DYAD_EXPECT_EVENTS);
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* The XML declaration's encoding is honoured; text comes out as UTF-8. */
static void test_petrarch_latin1(void)
{
    const char *path = write_temp_str("latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                                                "<V><Sentence date=\"19950101\" id=\"A\">"
                                                "<Text>caf\xe9</Text></Sentence></V>\n");
    dyad_reader *r = open_path(path, DYAD_INPUT_AUTO);
    const dyad_article *a;
    dyad_error err;
    CHECK_INT(next(r, &a, &err), 1);
    if (a) CHECK_STR(a->text, "caf\xc3\xa9");
    CHECK_INT(next(r, &a, &err), 0);
    dyad_reader_close(r);
}

/* The reader streams: a stream the caller owns, read through to the end. */
static void test_open_stream(void)
{
    FILE *f = tmpfile();
    if (!f) {
        CHECK(0);
        return;
    }
    fputs(petrarch_sample, f);
    rewind(f);
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_stream(f, "sample.xml", DYAD_INPUT_AUTO, &err);
    const dyad_article *a;
    int n = 0, rc;
    while ((rc = next(r, &a, &err)) != 0) n += rc == 1;
    CHECK_INT(n, 6);
    dyad_reader_close(r);
    CHECK(fgetc(f) == EOF); /* still open: the caller closes it */
    fclose(f);
}

/* ---- agreement with the peers' suites ----------------------------------- */

static const char *shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

/* Whitespace-insensitive text comparison. */
static int same_words(const char *x, const char *y)
{
    for (;;) {
        while (*x == ' ' || *x == '\n' || *x == '\t' || *x == '\r') x++;
        while (*y == ' ' || *y == '\n' || *y == '\t' || *y == '\r') y++;
        if (!*x || !*y) return !*x && !*y;
        while (*x && *y && *x == *y && *x != ' ' && *x != '\n' && *x != '\t' && *x != '\r') x++, y++;
        int xe = !*x || *x == ' ' || *x == '\n' || *x == '\t' || *x == '\r';
        int ye = !*y || *y == ' ' || *y == '\n' || *y == '\t' || *y == '\r';
        if (!xe || !ye) return 0;
    }
}

static dyad_expect_kind oracle_kind(json_t *rec)
{
    const char *kind = json_string_value(json_object_get(rec, "kind"));
    const char *error = json_string_value(json_object_get(rec, "error"));
    if (json_is_true(json_object_get(rec, "skip_check")) || json_object_get(rec, "petrarch1_skips"))
        return DYAD_EXPECT_SKIP;
    if (!kind) return DYAD_EXPECT_NONE;
    if (!strcmp(kind, "events")) return DYAD_EXPECT_EVENTS;
    if (!strcmp(kind, "noevents")) return DYAD_EXPECT_NOEVENTS;
    if (!strcmp(kind, "complex")) return DYAD_EXPECT_COMPLEX;
    if (!strcmp(kind, "discard")) return DYAD_EXPECT_DISCARD;
    if (!strcmp(kind, "error"))
        return error && (!strcmp(error, "sentencediscard") || !strcmp(error, "storydiscard"))
                   ? DYAD_EXPECT_DISCARD
                   : DYAD_EXPECT_ERROR;
    return DYAD_EXPECT_NONE; /* option, no-verification-block */
}

static int oracle_events_agree(json_t *rec, const dyad_article *a)
{
    json_t *events = json_object_get(rec, "events");
    if (json_array_size(events) != a->n_expected) return 0;
    for (size_t i = 0; i < a->n_expected; i++) {
        json_t *e = json_array_get(events, i);
        const char *date = json_string_value(json_object_get(e, "date"));
        if (strcmp(json_string_value(json_object_get(e, "source")), a->expected[i].source) ||
            strcmp(json_string_value(json_object_get(e, "target")), a->expected[i].target) ||
            strcmp(json_string_value(json_object_get(e, "code")), a->expected[i].code) ||
            (date ? atoi(date) : 0) != a->expected[i].date)
            return 0;
    }
    return 1;
}

/* TABARI "option": [..]; PETRARCH "config": {option: value} in file order. */
static int oracle_options_agree(json_t *rec, const dyad_article *a)
{
    json_t *opts = json_object_get(rec, "option"), *config = json_object_get(rec, "config");
    if (config) {
        size_t i = 0;
        const char *key;
        json_t *value;
        char line[256];
        if (json_object_size(config) != a->n_options) return 0;
        json_object_foreach(config, key, value) {
            snprintf(line, sizeof line, "%s=%s", key, json_string_value(value));
            if (strcmp(line, a->options[i++])) return 0;
        }
        return 1;
    }
    if (json_array_size(opts) != a->n_options) return 0;
    for (size_t i = 0; i < a->n_options; i++)
        if (strcmp(json_string_value(json_array_get(opts, i)), a->options[i])) return 0;
    return 1;
}

static int oracle_record_agrees(json_t *rec, const dyad_article *a)
{
    const char *why = NULL;
    const char *id = json_string_value(json_object_get(rec, "id"));
    const char *date = json_string_value(json_object_get(rec, "date"));
    const char *text = json_string_value(json_object_get(rec, "text"));
    const char *category = json_string_value(json_object_get(rec, "category"));
    if (!id || strcmp(id, a->id)) why = "id";
    else if (!date || atoi(date) != a->date) why = "date";
    else if (!text || !same_words(text, a->text)) why = "text";
    else if (oracle_kind(rec) != a->expect) why = "kind";
    else if (!oracle_events_agree(rec, a)) why = "events";
    else if (!oracle_options_agree(rec, a)) why = "options";
    else if (category && (!a->category || strcmp(category, a->category))) why = "category";
    if (why) printf("  %s (%s:%ld): %s differs from the oracle\n", a->id, a->file, a->line, why);
    return why == NULL;
}

/* Reads `input` and compares every record with `oracle` (JSON Lines).
 * `known` names the ids where we knowingly differ (NULL-terminated). */
static void check_against_oracle(const char *input, const char *oracle, const char *const *known,
                                 int want_records)
{
    char in_path[512], oracle_path[512];
    snprintf(in_path, sizeof in_path, "%s/peers/%s", shared_dir(), input);
    snprintf(oracle_path, sizeof oracle_path, "%s/peers/%s", shared_dir(), oracle);
    FILE *of = fopen(oracle_path, "r");
    dyad_reader *r = open_path(in_path, DYAD_INPUT_AUTO);
    CHECK(of && r);
    if (!of || !r) {
        if (of) fclose(of);
        dyad_reader_close(r);
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    int n = 0, agree = 0, allowed = 0, rc;
    const dyad_article *a;
    dyad_error err;
    while ((rc = next(r, &a, &err)) != 0) {
        if (rc < 0) {
            printf("  rejected: %s\n", err.message);
            continue;
        }
        if (getline(&line, &cap, of) <= 0) break;
        json_t *rec = json_loads(line, 0, NULL);
        n++;
        if (rec && oracle_record_agrees(rec, a)) agree++;
        else
            for (const char *const *k = known; *k; k++) allowed += !strcmp(*k, a->id);
        json_decref(rec);
    }
    CHECK(getline(&line, &cap, of) <= 0); /* no oracle record left over */
    free(line);
    fclose(of);
    dyad_reader_close(r);
    printf("  %s: %d of %d records agree with %s (%d known differences)\n", input, agree, n,
           oracle, allowed);
    CHECK_INT(n, want_records);
    CHECK_INT(agree + allowed, n);
}

static int shared_present(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/peers/tabari/validate.jsonl", shared_dir());
    if (access(path, R_OK) == 0) return 1;
    printf("SKIP %s: %s/peers not found\n", name, shared_dir());
    return 0;
}

static void test_tabari_validate_oracle(void)
{
    /* 186010029 YYYY-03: read as YYYYMMDD 18601002 (YYYY = TRUE is in force
     * there); the oracle reads 6 digits, an impossible date 2018-60-10. */
    static const char *const known[] = {"9 YYYY-03", NULL};
    check_against_oracle("tabari/Validate.text", "tabari/validate.jsonl", known, 481);
}

static void test_tabari_demo_oracle(void)
{
    static const char *const known[] = {NULL};
    check_against_oracle("tabari/TABARI.Demo.text", "tabari/demo.jsonl", known, 46);
}

static void test_petrarch1_oracle(void)
{
    static const char *const known[] = {NULL};
    check_against_oracle("petrarch1/PETR.UnitTest.records.xml", "petrarch1/unittest.jsonl", known,
                         281);
}

static void test_petrarch2_oracle(void)
{
    static const char *const known[] = {NULL};
    check_against_oracle("petrarch2/PETR.UnitTest.records.xml", "petrarch2/unittest.jsonl", known,
                         284);
}

int main(void)
{
    RUN(test_date_parse);
    RUN(test_jsonl_fields);
    RUN(test_jsonl_bad_records);
    RUN(test_huge_line);
    RUN(test_long_line_within_cap);
    RUN(test_text_with_date);
    RUN(test_text_date_spellings);
    RUN(test_text_without_date);
    RUN(test_text_bad_utf8);
    RUN(test_pipe_streams);
    RUN(test_open_errors);
    RUN(test_tabari_records);
    RUN(test_tabari_bad_line);
    RUN(test_tabari_huge_line);
    RUN(test_petrarch_records);
    RUN(test_petrarch_truncated);
    RUN(test_petrarch_bad_bytes);
    RUN(test_petrarch_huge_text);
    RUN(test_petrarch_latin1);
    RUN(test_petrarch_empty_include);
    RUN(test_open_stream);
    if (shared_present("test_tabari_validate_oracle")) {
        RUN(test_tabari_validate_oracle);
        RUN(test_tabari_demo_oracle);
        RUN(test_petrarch1_oracle);
        RUN(test_petrarch2_oracle);
    }
    RUN(test_stdin); /* last: it replaces stdin */
    remove_temps();
    return check_done();
}
