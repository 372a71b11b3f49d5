/*
 * test_dict_maint.c -- the pieces dyad dict convert and dict check write:
 * date windows back into PETRARCH's exclusive-end form (month, year and
 * leap-day ends) or TABARI's inclusive one, event codes with their marks,
 * and the public calls' errors.
 */
#include "check.h"
#include "dyad.h"
#include "dict/dict_maint.h"

static const char *window(dyad_buf *b, int32_t from, int32_t to)
{
    dyad_buf_clear(b);
    CHECK_INT(dict_window_text(from, to, DICT_STYLE_PETRARCH, b), 0);
    return b->data ? b->data : "";
}

static void test_windows(void)
{
    dyad_buf b = {0};
    CHECK_STR(window(&b, 0, 0), "");
    CHECK_STR(window(&b, 20171124, 0), ">20171124");
    CHECK_STR(window(&b, 0, 20231231), "<20240101");
    CHECK_STR(window(&b, 20141212, 20171105), "20141212-20171106");
    CHECK_STR(window(&b, 20240101, 20240228), "20240101-20240229");
    CHECK_STR(window(&b, 20230101, 20230228), "20230101-20230301");
    CHECK_STR(window(&b, 20000101, 20000131), "20000101-20000201");
    dyad_buf_clear(&b); /* TABARI's ends are inclusive: written as they are */
    CHECK_INT(dict_window_text(20141212, 20171105, DICT_STYLE_TABARI, &b), 0);
    CHECK_STR(b.data, "20141212-20171105");
    dyad_buf_free(&b);
}

static const char *code(dyad_buf *b, const char *c, const char *paired, uint8_t flags)
{
    dict_event_code ec = {c, paired, flags};
    dyad_buf_clear(b);
    CHECK_INT(dict_code_text(&ec, b), 0);
    return b->data ? b->data : "";
}

static void test_codes(void)
{
    dyad_buf b = {0};
    CHECK_STR(code(&b, "064", NULL, 0), "064");
    CHECK_STR(code(&b, NULL, NULL, DICT_EC_NULL), "---");
    CHECK_STR(code(&b, NULL, NULL, DICT_EC_DISCARD), "###");
    CHECK_STR(code(&b, NULL, NULL, DICT_EC_COMPLEX), "+++");
    CHECK_STR(code(&b, "031", NULL, DICT_EC_DOMINANT), "031!");
    CHECK_STR(code(&b, "0874", NULL, DICT_EC_SUBORDINATE), "0874?");
    CHECK_STR(code(&b, "032", "033", DICT_EC_PAIRED), "032:033");
    CHECK_STR(code(&b, NULL, "062", DICT_EC_PAIRED), ":062");
    dyad_buf_free(&b);
}

/* The public calls fail with a status and a message, never a crash. */
static void test_api_errors(void)
{
    dyad_error err = {0};
    const char *missing = "tests/data/no-such-dictionary";
    CHECK(dyad_dict_check(&missing, 1, NULL, NULL, &err) < 0);
    CHECK(strstr(err.message, "no-such-dictionary") != NULL);
    memset(&err, 0, sizeof err);
    CHECK_INT(dyad_dict_convert("tests/data/dict-clean", DYAD_DICT_DYAD, NULL, NULL, NULL, &err),
              DYAD_EARG);
    CHECK_INT(dyad_dict_convert("tests/data/dict-clean", (dyad_dict_format)7, "x", NULL, NULL,
                                &err), DYAD_EARG);
    CHECK(dyad_dict_check(&missing, 1, NULL, NULL, NULL) < 0); /* err may be NULL */
}

static int count_findings(const char *path)
{
    dyad_error err = {0};
    return (int)dyad_dict_check(&path, 1, NULL, NULL, &err);
}

/* Run from the repository root, as tests/run.sh does. */
static void test_check_counts(void)
{
    CHECK_INT(count_findings("tests/data/dict-clean"), 0);
    CHECK(count_findings("tests/data/dict-check") > 0);
}

int main(void)
{
    RUN(test_windows);
    RUN(test_codes);
    RUN(test_api_errors);
    RUN(test_check_counts);
    return check_done();
}
