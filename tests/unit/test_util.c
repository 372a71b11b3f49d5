/* test_util.c -- arenas, buffers, growable arrays, error table, writers. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "util/util.h"

static void test_buf_grows_and_terminates(void)
{
    dyad_buf b = {0};
    for (int i = 0; i < 1000; i++) CHECK_INT(dyad_buf_printf(&b, "%d,", i % 10), 0);
    CHECK_INT(b.len, 2000);
    CHECK_INT(b.data[b.len], '\0');
    CHECK(!strncmp(b.data, "0,1,2,", 6));
    dyad_buf_clear(&b);
    CHECK_INT(b.len, 0);
    CHECK_STR(b.data, "");
    dyad_buf_free(&b);
}

static void test_arena_keeps_pointers(void)
{
    dyad_arena a = {0};
    char *first = dyad_arena_strdup(&a, "first");
    for (int i = 0; i < 10000; i++) CHECK(dyad_arena_alloc(&a, 100) != NULL);
    CHECK_STR(first, "first");
    void *big = dyad_arena_alloc(&a, 1 << 20);
    CHECK(big != NULL);
    CHECK(((uintptr_t)big % _Alignof(max_align_t)) == 0);
    dyad_arena_reset(&a);
    CHECK(dyad_arena_strndup(&a, "abcdef", 3) != NULL);
    dyad_arena_free(&a);
    CHECK(a.head == NULL);
}

static void test_grow_zeroes_slots(void)
{
    int *items = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        int *slot = dyad_grow(&items, &n, &cap, sizeof *items);
        CHECK(slot != NULL);
        CHECK_INT(*slot, 0);
        *slot = i;
    }
    CHECK_INT(n, 100);
    CHECK_INT(items[99], 99);
    free(items);
}

static void test_mul_overflow(void)
{
    size_t out = 0;
    CHECK(dyad_mul_ok(1000, 1000, &out));
    CHECK_INT(out, 1000000);
    CHECK(!dyad_mul_ok(SIZE_MAX / 2, 3, &out));
}

static void test_error_table(void)
{
    CHECK_STR(dyad_strerror(DYAD_OK), "success");
    CHECK_STR(dyad_strerror(DYAD_EUTF8), "invalid UTF-8");
    CHECK_STR(dyad_strerror(12345), "unknown error");
    dyad_error err;
    CHECK_INT(dyad_fail(&err, DYAD_EFORMAT, "%s:%d: bad", "f.txt", 3), DYAD_EFORMAT);
    CHECK_STR(err.message, "f.txt:3: bad");
    CHECK_INT(dyad_fail(NULL, DYAD_EIO, "ignored"), DYAD_EIO);
}

static void test_cameo_roots(void)
{
    int quad;
    double g;
    CHECK_INT(dyad_cameo_lookup("190", &quad, &g), 1);
    CHECK_INT(quad, 4);
    CHECK(fabs(g + 10.0) < 1e-9);
    CHECK_INT(dyad_cameo_lookup("0871", &quad, &g), 1);
    CHECK_INT(quad, 2);
    CHECK_INT(dyad_cameo_lookup("0879", &quad, &g), 0); /* unknown code, known root */
    CHECK_INT(quad, 2);
    CHECK_INT(dyad_cameo_lookup("99", &quad, &g), 0);
    CHECK_INT(quad, 0);
    CHECK_INT(dyad_cameo_lookup("x1", &quad, &g), 0);
}

static char *write_to_string(dyad_output_format fmt, const dyad_event *e)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    dyad_write_event(f, fmt, e);
    fclose(f);
    return text;
}

static void test_json_writer_escapes(void)
{
    static const char sentence[] = "He said \"no\"\tthen\nleft\x01";
    dyad_event e = {.article_id = "a1", .sentence_index = 2, .date = 20240325,
                    .source = "ZWE", .target = "USA", .code = "111", .root_code = "11",
                    .quad_class = 3, .sentence = sentence, .sentence_len = sizeof sentence - 1,
                    .source_span = {0, 2}, .target_span = {-1, -1}, .verb_span = {3, 7},
                    .rule_file = "v.txt", .rule_line = 9, .rule_text = "RESIST"};
    char *s = write_to_string(DYAD_OUTPUT_JSON, &e);
    CHECK_STR(s, "{\"article_id\":\"a1\",\"sentence_id\":2,\"date\":\"2024-03-25\","
                 "\"source\":\"ZWE\",\"target\":\"USA\",\"code\":\"111\",\"root_code\":\"11\","
                 "\"quad_class\":3,\"goldstein\":null,\"plover_event\":\"ACCUSE\",\"plover_mode\":\"disapprove\","
                 "\"text\":\"He said \\\"no\\\"\\tthen\\nleft\\u0001\","
                 "\"evidence\":{\"source\":[0,2],\"target\":null,\"verb\":[3,7],"
                 "\"rule\":{\"file\":\"v.txt\",\"line\":9,\"text\":\"RESIST\"}}}\n");
    free(s);
}

static void test_gdelt_has_61_columns(void)
{
    dyad_event e = {.article_id = "a1", .url = "http://x", .date = 20240325, .source = "ZWEGOV",
                    .target = "IGOUNO", .code = "0871", .root_code = "08", .quad_class = 2,
                    .sentence = "x", .sentence_len = 1};
    char *s = write_to_string(DYAD_OUTPUT_GDELT, &e);
    int tabs = 0;
    for (char *p = s; *p; p++) tabs += *p == '\t';
    CHECK_INT(tabs, 60);
    CHECK(strstr(s, "\tZWEGOV\t\tZWE\t\t\t\t\tGOV\t\t\t") != NULL);
    CHECK(strstr(s, "\t0871\t087\t08\t2\t") != NULL);
    CHECK(strstr(s, "\thttp://x\n") != NULL);
    free(s);
}

int main(void)
{
    RUN(test_buf_grows_and_terminates);
    RUN(test_arena_keeps_pointers);
    RUN(test_grow_zeroes_slots);
    RUN(test_mul_overflow);
    RUN(test_error_table);
    RUN(test_cameo_roots);
    RUN(test_json_writer_escapes);
    RUN(test_gdelt_has_61_columns);
    return check_done();
}
