/*
 * period.c -- calendar periods (day, ISO week, month, year) and the counts
 * kept per period.
 *
 * Dates are yyyymmdd integers everywhere in dyad; week arithmetic goes
 * through a day number (days since 1970-01-01, the proleptic Gregorian
 * algorithm popularised by Howard Hinnant) so no libc time zone or
 * time_t range ever matters.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyze/analyze.h"
#include "util/util.h"

long period_days(int32_t date)
{
    long y = date / 10000, m = date / 100 % 100, d = date % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t period_date(long days)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

void period_bounds(dyad_period_unit unit, int32_t date, int32_t *start, int32_t *end)
{
    int32_t year = date / 10000, month = date / 100 % 100;
    switch (unit) {
    case DYAD_BY_WEEK: {
        long days = period_days(date);
        long monday = days - ((days % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
        *start = period_date(monday);
        *end = period_date(monday + 6);
        return;
    }
    case DYAD_BY_MONTH: {
        *start = year * 10000 + month * 100 + 1;
        int32_t next = month == 12 ? (year + 1) * 10000 + 101 : year * 10000 + (month + 1) * 100 + 1;
        *end = period_date(period_days(next) - 1);
        return;
    }
    case DYAD_BY_YEAR:
        *start = year * 10000 + 101;
        *end = year * 10000 + 1231;
        return;
    case DYAD_BY_DAY:
    default:
        *start = *end = date;
        return;
    }
}

int32_t period_next(dyad_period_unit unit, int32_t start)
{
    int32_t s, e;
    period_bounds(unit, start, &s, &e);
    return period_date(period_days(e) + 1);
}

const char *dyad_period_label(dyad_period_unit unit, int32_t start, char *buf, size_t size)
{
    int y = (int)(start / 10000), m = (int)(start / 100 % 100), d = (int)(start % 100);
    if (unit == DYAD_BY_YEAR) snprintf(buf, size, "%04d", y);
    else if (unit == DYAD_BY_MONTH) snprintf(buf, size, "%04d-%02d", y, m);
    else snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return buf;
}

double net_coop_score(const long quad[5], long events)
{
    if (events <= 0) return 0;
    return (double)(quad[1] + quad[2] - quad[3] - quad[4]) / (double)events;
}

void period_add(dyad_period_stats *p, int quad_class, long events, double goldstein_sum,
                long n_goldstein)
{
    p->events += events;
    p->quad[quad_class >= 1 && quad_class <= 4 ? quad_class : 0] += events;
    p->goldstein_sum += goldstein_sum;
    p->n_goldstein += n_goldstein;
}

void period_finish(dyad_period_stats *p)
{
    p->goldstein_mean = p->n_goldstein ? p->goldstein_sum / (double)p->n_goldstein : 0;
    p->net_coop = net_coop_score(p->quad, p->events);
}

dyad_period_stats *period_at(period_list *l, int32_t date)
{
    int32_t start, end;
    period_bounds(l->unit, date, &start, &end);
    if (l->n && l->items[l->n - 1].start == start) return &l->items[l->n - 1];
    int32_t next = l->n ? period_next(l->unit, l->items[l->n - 1].start) : start;
    for (;;) {
        dyad_period_stats *p = dyad_grow(&l->items, &l->n, &l->cap, sizeof *p);
        if (!p) return NULL;
        period_bounds(l->unit, next, &p->start, &p->end);
        if (p->start >= start) return p;
        next = period_next(l->unit, p->start);
    }
}
