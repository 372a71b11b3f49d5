/*
 * date.c -- dates as integers yyyymmdd, from the three spellings the inputs
 * use: ISO "YYYY-MM-DD", compact "YYYYMMDD" and TABARI's "YYMMDD".
 *
 * An integer date sorts, compares and hashes for free, and a calendar
 * check here (month lengths, leap years) means no later stage sees
 * 2024-02-30. TABARI's two-digit years pivot at 29: 00..29 are 20YY,
 * 30..99 are 19YY (TABARI's own rule for its validation records).
 */
#include "util/util.h"

enum { DATE_PIVOT_YY = 29 };

/* Value of n decimal digits at s, or -1 when one is not a digit. */
static int date_digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int date_days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int32_t date_make(int year, int month, int day)
{
    if (year < 1 || month < 1 || month > 12 || day < 1) return 0;
    if (day > date_days_in_month(year, month)) return 0;
    return (int32_t)year * 10000 + month * 100 + day;
}

int32_t dyad_date_parse(const char *text, size_t len)
{
    if (!text) return 0;
    if (len == 10 && text[4] == '-' && text[7] == '-')
        return date_make(date_digits(text, 4), date_digits(text + 5, 2),
                         date_digits(text + 8, 2));
    if (len == 8) return date_make(date_digits(text, 4), date_digits(text + 4, 2),
                                   date_digits(text + 6, 2));
    if (len == 6) {
        int yy = date_digits(text, 2);
        if (yy < 0) return 0;
        int year = yy <= DATE_PIVOT_YY ? 2000 + yy : 1900 + yy;
        return date_make(year, date_digits(text + 2, 2), date_digits(text + 4, 2));
    }
    return 0;
}
