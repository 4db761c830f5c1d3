/*
 * report_out.c -- the tables that reports produce, their de-identification
 * and their plain outputs: CSV and JSON Lines through the record writer
 * (so --crlf, --bom and --spreadsheet behave as everywhere in iop), and an
 * aligned text table for a terminal.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report/deid.h"
#include "lib/io/io.h"
#include "lib/report/report.h"

static int	 suppressible(const char *);
static size_t	 u8width(const char *);

struct iop_table *
iop_table_new(const char *name, const char *title,
    const struct iop_tcol *cols, size_t ncols, int aggregate)
{
	struct iop_table *t;

	t = ecalloc(1, sizeof(*t));
	t->name = name;
	t->title = title;
	t->cols = cols;
	t->ncols = ncols;
	t->aggregate = aggregate;
	return t;
}

void
iop_table_free(struct iop_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t);
}

size_t
iop_table_row(struct iop_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cell = ereallocarray(t->cell, t->cap * t->ncols,
		    sizeof(*t->cell));
	}
	memset(t->cell + t->nrows * t->ncols, 0, t->ncols * sizeof(*t->cell));
	return t->nrows++;
}

void
iop_table_set(struct iop_table *t, size_t r, size_t c, const char *s)
{
	char **p = &t->cell[r * t->ncols + c];

	free(*p);
	*p = s != NULL ? estrdup(s) : NULL;
}

void
iop_table_setf(struct iop_table *t, size_t r, size_t c, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	iop_table_set(t, r, c, buf);
}

void
iop_table_setl(struct iop_table *t, size_t r, size_t c, long v)
{
	iop_table_setf(t, r, c, "%ld", v);
}

/* Two decimals, without trailing zeros ("9", "7.5", "2.25"). */
void
iop_table_setd(struct iop_table *t, size_t r, size_t c, double v)
{
	char buf[64];
	size_t n;

	if (isnan(v))
		return;
	snprintf(buf, sizeof(buf), "%.2f", v);
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	iop_table_set(t, r, c, buf);
}

void
iop_table_setdate(struct iop_table *t, size_t r, size_t c, long d)
{
	char buf[11];

	iop_date_fmt(d, buf);
	iop_table_set(t, r, c, buf);
}

void
iop_table_setweek(struct iop_table *t, size_t r, size_t c, long d)
{
	char buf[9];

	iop_isoweek_fmt(d, buf);
	iop_table_set(t, r, c, buf);
}

/* A share num/den with three decimals; empty when den is 0. */
void
iop_table_setpct(struct iop_table *t, size_t r, size_t c, double num,
    double den)
{
	if (den > 0)
		iop_table_setf(t, r, c, "%.3f", num / den);
}

const char *
iop_table_get(const struct iop_table *t, size_t r, size_t c)
{
	const char *s = t->cell[r * t->ncols + c];

	return s != NULL ? s : "";
}

long
iop_table_col(const struct iop_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* A count from 1 to 10. */
static int
suppressible(const char *s)
{
	long v;
	const char *why;

	if (s == NULL || iop_int_parse(s, 0, 2147483647L, &v, &why) != 0)
		return 0;
	return v >= 1 && v <= 10;
}

/* What rowcmp needs: the table and the column to sort its rows by. */
struct sortctx {
	const struct iop_table	*t;
	size_t			 c;
};

static int
rowcmp(const void *a, const void *b, void *arg)
{
	const struct sortctx *x = arg;
	size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
	int c;

	c = strcmp(iop_table_get(x->t, ra, x->c), iop_table_get(x->t, rb,
	    x->c));
	if (c != 0)
		return c;
	return ra < rb ? -1 : ra > rb;
}

void
iop_table_deid(struct iop_table *t, const struct iop_deid *k)
{
	char code[IOP_DEID_LEN], **cells;
	struct sortctx sx;
	size_t r, c, *ix;
	long idc = -1;
	int any;

	for (c = 0; c < t->ncols; c++) {
		if (t->cols[c].type != IOP_CT_ID)
			continue;
		if (idc < 0)
			idc = (long)c;
		for (r = 0; r < t->nrows; r++) {
			char **p = &t->cell[r * t->ncols + c];

			if (*p == NULL || **p == '\0')
				continue;
			iop_deid_code(k, *p, strlen(*p), code);
			free(*p);
			*p = estrdup(code);
		}
	}
	/* Rows in ID order would give the order of admission away. */
	if (idc >= 0 && t->nrows > 1) {
		ix = ecalloc(t->nrows, sizeof(*ix));
		for (r = 0; r < t->nrows; r++)
			ix[r] = r;
		sx.t = t;
		sx.c = (size_t)idc;
		iop_sort(ix, t->nrows, sizeof(*ix), rowcmp, &sx);
		cells = ecalloc(t->nrows * t->ncols, sizeof(*cells));
		for (r = 0; r < t->nrows; r++)
			memcpy(cells + r * t->ncols, t->cell + ix[r] *
			    t->ncols, t->ncols * sizeof(*cells));
		free(t->cell);
		t->cell = cells;
		t->cap = t->nrows;
		free(ix);
	}
	if (!t->aggregate)
		return;
	for (r = 0; r < t->nrows; r++) {
		any = 0;
		for (c = 0; c < t->ncols; c++)
			if (t->cols[c].type == IOP_CT_COUNT &&
			    suppressible(t->cell[r * t->ncols + c])) {
				iop_table_set(t, r, c, IOP_SUPPRESSED);
				any = 1;
			}
		if (!any)
			continue;
		for (c = 0; c < t->ncols; c++)
			if (t->cols[c].type == IOP_CT_NUM ||
			    t->cols[c].type == IOP_CT_PCT)
				iop_table_set(t, r, c, NULL);
	}
}

int
iop_table_write(FILE *fp, const struct iop_table *t, enum iop_rfmt f,
    int flags)
{
	struct iop_writer *w;
	struct iop_hdr *h;
	struct iop_rec rec;
	enum iop_kind k;
	size_t r, c;
	const char *s;
	int rv = 0;

	h = iop_hdr_new();
	for (c = 0; c < t->ncols; c++)
		iop_hdr_add(h, t->cols[c].name);
	w = iop_writer_new(fp, f == IOP_RF_JSONL ? IOP_FMT_JSONL :
	    IOP_FMT_CSV, flags);
	if (f != IOP_RF_JSONL && iop_writer_header(w, h) != 0)
		rv = -1;
	iop_rec_init(&rec);
	rec.hdr = h;
	for (r = 0; r < t->nrows && rv == 0; r++) {
		iop_rec_clear(&rec);
		for (c = 0; c < t->ncols; c++) {
			s = iop_table_get(t, r, c);
			switch (t->cols[c].type) {
			case IOP_CT_INT:
			case IOP_CT_COUNT:
			case IOP_CT_NUM:
			case IOP_CT_PCT:
				k = strcmp(s, IOP_SUPPRESSED) == 0 ?
				    IOP_K_STR : IOP_K_NUM;
				break;
			case IOP_CT_BOOL:
				k = IOP_K_BOOL;
				break;
			case IOP_CT_LIST:
				k = IOP_K_LIST;
				break;
			case IOP_CT_STR:
			case IOP_CT_ID:
			case IOP_CT_DATE:
			case IOP_CT_WEEK:
			default:
				k = *s == '\0' ? IOP_K_NULL : IOP_K_STR;
				break;
			}
			iop_rec_push(&rec, s, strlen(s), k);
		}
		if (iop_writer_put(w, &rec) != 0)
			rv = -1;
	}
	iop_rec_free(&rec);
	if (iop_writer_close(w) != 0)
		rv = -1;
	iop_hdr_free(h);
	return rv;
}

/* Display width: UTF-8 characters (report cells are mostly ASCII). */
static size_t
u8width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
iop_table_text(FILE *fp, const struct iop_table *t)
{
	size_t *w, r, c, k, n;
	const char *s;
	int num;

	w = ecalloc(t->ncols, sizeof(*w));
	for (c = 0; c < t->ncols; c++) {
		w[c] = u8width(t->cols[c].name);
		for (r = 0; r < t->nrows; r++)
			if ((n = u8width(iop_table_get(t, r, c))) > w[c])
				w[c] = n;
	}
	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			s = r == 0 ? t->cols[c].name :
			    iop_table_get(t, r - 1, c);
			num = r > 0 && (t->cols[c].type == IOP_CT_INT ||
			    t->cols[c].type == IOP_CT_COUNT ||
			    t->cols[c].type == IOP_CT_NUM ||
			    t->cols[c].type == IOP_CT_PCT);
			n = u8width(s);
			if (num)
				for (k = n; k < w[c]; k++)
					putc(' ', fp);
			fputs(s, fp);
			if (c + 1 < t->ncols)
				for (k = num ? w[c] : n; k < w[c] + 2; k++)
					putc(' ', fp);
		}
		putc('\n', fp);
		if (r == 0) {
			for (c = 0; c < t->ncols; c++) {
				for (k = 0; k < w[c]; k++)
					putc('-', fp);
				if (c + 1 < t->ncols)
					fputs("  ", fp);
			}
			putc('\n', fp);
		}
	}
	free(w);
	return ferror(fp) ? -1 : 0;
}
