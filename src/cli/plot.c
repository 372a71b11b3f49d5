/*
 * plot.c -- a period chart as SVG: event counts as bars, a score in
 * [-1, +1] as a line, change points as dashed verticals.
 *
 * One chart shape serves `dyad dyad` (events, net cooperation) and
 * `dyad shift` (events, alignment, change points). Plain SVG 1.1 written
 * with fprintf: no dependency, opens in any browser.
 */
#include <string.h>

#include "store_cmds.h"

enum {
    SVG_WIDTH = 860, SVG_HEIGHT = 420,
    MARGIN_LEFT = 60, MARGIN_RIGHT = 60, MARGIN_TOP = 50, MARGIN_BOTTOM = 70,
    MAX_X_LABELS = 12
};

static void xml_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: putc(*s, out);
        }
    }
}

typedef struct frame {
    double left, top, width, height, step;
} frame;

/* y of a score in [-1, +1]: +1 at the top. */
static double score_y(const frame *f, double v)
{
    if (v > 1) v = 1;
    if (v < -1) v = -1;
    return f->top + (1 - v) / 2 * f->height;
}

static void draw_axes(FILE *out, const frame *f, const svg_chart *c, double max_bar)
{
    static const double ticks[] = {-1, -0.5, 0, 0.5, 1};
    for (size_t i = 0; i < sizeof ticks / sizeof *ticks; i++) {
        double y = score_y(f, ticks[i]);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                f->left, y, f->left + f->width, y, ticks[i] == 0 ? "#888" : "#e4e4e4");
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%+.1f</text>\n",
                f->left - 6, y + 4, ticks[i]);
    }
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\">%.0f</text>\n",
            f->left + f->width + 6, f->top + 4, max_bar);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\">0</text>\n",
            f->left + f->width + 6, f->top + f->height + 4);
    size_t every = c->n / MAX_X_LABELS + 1;
    for (size_t i = 0; i < c->n; i += every) {
        double x = f->left + (i + 0.5) * f->step, y = f->top + f->height + 16;
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                     "transform=\"rotate(-35 %.1f %.1f)\">", x, y, x, y);
        xml_text(out, c->labels[i]);
        fputs("</text>\n", out);
    }
}

static void draw_data(FILE *out, const frame *f, const svg_chart *c, double max_bar)
{
    for (size_t i = 0; i < c->n && max_bar > 0; i++) {
        double h = c->bars[i] / max_bar * f->height;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                     "fill=\"#c9d6e3\"/>\n",
                f->left + i * f->step + f->step * 0.1, f->top + f->height - h, f->step * 0.8, h);
    }
    fputs("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"", out);
    for (size_t i = 0; i < c->n; i++)
        fprintf(out, "%s%.1f,%.1f", i ? " " : "", f->left + (i + 0.5) * f->step,
                score_y(f, c->line[i]));
    fputs("\"/>\n", out);
    for (size_t m = 0; m < c->n_marks; m++) {
        double x = f->left + (double)c->marks[m] * f->step;
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" "
                     "stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>\n",
                x, f->top, x, f->top + f->height);
    }
}

void svg_chart_write(FILE *out, const svg_chart *c)
{
    frame f = {MARGIN_LEFT, MARGIN_TOP, SVG_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
               SVG_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, 0};
    f.step = c->n ? f.width / (double)c->n : f.width;
    double max_bar = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->bars[i] > max_bar) max_bar = c->bars[i];
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "font-family=\"sans-serif\" font-size=\"11\">\n"
                 "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            SVG_WIDTH, SVG_HEIGHT);
    fprintf(out, "<text x=\"%d\" y=\"24\" font-size=\"15\">", MARGIN_LEFT);
    xml_text(out, c->title);
    fprintf(out, "</text>\n<text x=\"%d\" y=\"40\" fill=\"#555\">line: ", MARGIN_LEFT);
    xml_text(out, c->line_name);
    fputs(" (left axis); bars: ", out);
    xml_text(out, c->bars_name);
    fputs(" (right axis)", out);
    if (c->n_marks) fputs("; dashed: change points", out);
    fputs("</text>\n", out);
    draw_axes(out, &f, c, max_bar);
    draw_data(out, &f, c, max_bar);
    fputs("</svg>\n", out);
}
