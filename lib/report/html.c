/*
 * html.c -- the HTML page of iop-report: one file with inline CSS and
 * inline SVG charts, no scripts and nothing fetched from the network, so
 * that it can be mailed, opened offline and printed.  A summary page has
 * four charts: census over time, weekly attendance rate, mean weekly
 * hours against the minimum, and outcome change by instrument.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report/html.h"
#include "lib/io/io.h"
#include "lib/report/report.h"

static void	 esc(FILE *, const char *);
static void	 table(FILE *, const struct iop_table *);
static void	 chart(FILE *, const char *, const struct iop_table *,
		    const char *, const char *, double, int);
static const struct iop_table *find(struct iop_table *const *, const char *);

static void
esc(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '&':
			fputs("&amp;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			putc(*s, fp);
			break;
		}
}

static void
table(FILE *fp, const struct iop_table *t)
{
	size_t r, c;
	int num;

	fputs("<h2>", fp);
	esc(fp, t->title);
	fputs("</h2>\n<table>\n<thead><tr>", fp);
	for (c = 0; c < t->ncols; c++) {
		fputs("<th>", fp);
		esc(fp, t->cols[c].name);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (r = 0; r < t->nrows; r++) {
		fputs("<tr>", fp);
		for (c = 0; c < t->ncols; c++) {
			num = t->cols[c].type == IOP_CT_INT ||
			    t->cols[c].type == IOP_CT_COUNT ||
			    t->cols[c].type == IOP_CT_NUM ||
			    t->cols[c].type == IOP_CT_PCT;
			fputs(num ? "<td class=\"n\">" : "<td>", fp);
			esc(fp, iop_table_get(t, r, c));
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static const struct iop_table *
find(struct iop_table *const *tabs, const char *name)
{
	size_t i;

	for (i = 0; tabs[i] != NULL; i++)
		if (strcmp(tabs[i]->name, name) == 0)
			return tabs[i];
	return NULL;
}

/*
 * A chart of column ycol against xcol (labels): a line, or bars when bars
 * is set; a dashed reference line at ref when ref >= 0.  Empty and
 * suppressed cells leave a gap.
 */
static void
chart(FILE *fp, const char *title, const struct iop_table *t,
    const char *xcol, const char *ycol, double ref, int bars)
{
	const double W = 640, H = 220, L = 48, B = 28, T = 12;
	long xc, yc;
	size_t r, n;
	double max = ref > 0 ? ref : 0, v, x, y, step;
	const char *s;
	char *end;
	int pen = 0;

	if (t == NULL || (xc = iop_table_col(t, xcol)) < 0 ||
	    (yc = iop_table_col(t, ycol)) < 0)
		return;
	n = t->nrows;
	for (r = 0; r < n; r++) {
		v = strtod(iop_table_get(t, r, (size_t)yc), NULL);
		if (v > max)
			max = v;
	}
	if (max <= 0)
		max = 1;
	step = n > 0 ? (W - L - 10) / (double)n : 0;
	fprintf(fp, "<figure><figcaption>");
	esc(fp, title);
	fprintf(fp, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\">\n", W, H, W, H);
	fprintf(fp, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "class=\"axis\"/>\n", L, H - B, W - 10, H - B);
	fprintf(fp, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "class=\"axis\"/>\n", L, T, L, H - B);
	fprintf(fp, "<text x=\"%.0f\" y=\"%.0f\" class=\"lab\" "
	    "text-anchor=\"end\">%.4g</text>\n", L - 4, T + 4, max);
	fprintf(fp, "<text x=\"%.0f\" y=\"%.0f\" class=\"lab\" "
	    "text-anchor=\"end\">0</text>\n", L - 4, H - B);
	if (ref >= 0)
		fprintf(fp, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\" class=\"ref\"/>\n", L, H - B - ref / max *
		    (H - B - T), W - 10, H - B - ref / max * (H - B - T));
	if (!bars)
		fputs("<path class=\"line\" d=\"", fp);
	for (r = 0; r < n; r++) {
		s = iop_table_get(t, r, (size_t)yc);
		v = strtod(s, &end);
		x = L + step * ((double)r + 0.5);
		y = H - B - v / max * (H - B - T);
		if (*s == '\0' || *end != '\0') {
			pen = 0;
			continue;
		}
		if (bars)
			fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" class=\"bar\"/>\n", x - step * 0.35,
			    y, step * 0.7, H - B - y);
		else
			fprintf(fp, "%s%.1f %.1f ", pen ? "L" : "M", x, y);
		pen = 1;
	}
	if (!bars)
		fputs("\"/>\n", fp);
	for (r = 0; r < n; r += n > 12 ? (n + 11) / 12 : 1) {
		fprintf(fp, "<text x=\"%.1f\" y=\"%.0f\" class=\"lab\" "
		    "text-anchor=\"middle\">", L + step * ((double)r + 0.5),
		    H - 10);
		esc(fp, iop_table_get(t, r, (size_t)xc));
		fputs("</text>\n", fp);
	}
	fputs("</svg></figure>\n", fp);
}

int
iop_html_write(FILE *fp, struct iop_table *const *tabs, const char *sub)
{
	const struct iop_table *h;
	double ref = -1;
	size_t i;
	long mc;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", fp);
	esc(fp, tabs[0]->title);
	fputs("</title>\n<style>\n"
	    "body{font:13px/1.4 system-ui,sans-serif;margin:2em;color:#222}\n"
	    "h1{font-size:20px;margin:0}h2{font-size:15px;margin:1.5em 0 .4em}\n"
	    ".sub{color:#555;margin:.2em 0 1em}\n"
	    "table{border-collapse:collapse;margin-bottom:1em}\n"
	    "th,td{border-bottom:1px solid #ccc;padding:2px 8px;"
	    "text-align:left}\n"
	    "th{background:#eee}td.n{text-align:right;"
	    "font-variant-numeric:tabular-nums}\n"
	    "figure{display:inline-block;margin:0 1em 1em 0}"
	    "figcaption{font-weight:bold}\n"
	    ".axis{stroke:#444}.ref{stroke:#c00;stroke-dasharray:4 3}\n"
	    ".line{fill:none;stroke:#2a6f97;stroke-width:2}"
	    ".bar{fill:#2a6f97}\n"
	    ".lab{font-size:10px;fill:#444}\n"
	    "@media print{body{margin:0}figure,table{break-inside:avoid}"
	    "th{background:none}}\n"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	esc(fp, tabs[0]->title);
	fputs("</h1>\n<p class=\"sub\">", fp);
	esc(fp, sub);
	fputs("</p>\n", fp);
	if (strcmp(tabs[0]->name, "summary") == 0) {
		fputs("<section class=\"charts\">\n", fp);
		chart(fp, "People in care, by week", find(tabs, "census"),
		    "week", "in_care", -1, 0);
		chart(fp, "Attendance rate, by week",
		    find(tabs, "attendance_by_week"), "week",
		    "attendance_rate", -1, 0);
		if ((h = find(tabs, "hours_by_week")) != NULL &&
		    h->nrows > 0 &&
		    (mc = iop_table_col(h, "minimum_hours")) >= 0)
			ref = strtod(iop_table_get(h, 0, (size_t)mc), NULL);
		chart(fp, "Mean weekly hours (dashed: the minimum)", h,
		    "week", "mean_hours", ref, 1);
		chart(fp, "Share improved by the threshold, by instrument",
		    find(tabs, "outcomes"), "instrument", "share_improved",
		    -1, 1);
		fputs("</section>\n", fp);
	}
	for (i = 0; tabs[i] != NULL; i++)
		table(fp, tabs[i]);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}
