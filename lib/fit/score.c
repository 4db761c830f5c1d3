/*
 * score.c -- the instruments scored from item answers: every answer
 * checked against its range (instr.h), the published missing-item rules
 * (PHQ-9 proration, the AUDIT skip pattern), and the screening
 * questions checked against their vocabularies.  An invalid answer is
 * reported, listed and then treated as missing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/fit/fit.h"
#include "lib/fit/fit_private.h"
#include "lib/fit/instr.h"
#include "lib/io/io.h"

const char *const iop_fit_withdrawal_names[] = {
	"none", "low", "moderate", "severe", NULL
};

const struct iop_fit_sq iop_fit_sqs[IOP_FIT_NSQ] = {
	{ "step_down", SQ_BOOL },
	{ "needs_24h_supervision", SQ_BOOL },
	{ "withdrawal_risk", SQ_WITHDRAWAL },
	{ "medically_unstable", SQ_BOOL },
	{ "safe_home", SQ_BOOL },
	{ "obligations", SQ_BOOL },
	{ "willing", SQ_WILLING },
	{ "co_occurring", SQ_BOOL },
};

static void	 score(struct iop_fit *, int);
static void	 set_score(struct iop_fit_score *, int, int, int);
static void	 bad_answer(struct iop_fit *, long, const char *,
		    iop_report_fn *, void *,
		    const char *, ...) __attribute__((format(printf, 6, 7)));

/* ---- scoring ---------------------------------------------------------- */

static void
set_score(struct iop_fit_score *sc, int inst, int status, int total)
{
	sc->status = status;
	sc->total = total;
	switch (status) {
	case IOP_SC_OK:
	case IOP_SC_PRORATED:
		sc->band = iop_instr_band(inst, total);
		break;
	case IOP_SC_INCOMPLETE:
		sc->band = "incomplete";
		break;
	case IOP_SC_INVALID:
		sc->band = "invalid";
		break;
	default:
		sc->band = NULL;
		break;
	}
}

static void
bad_answer(struct iop_fit *f, long col, const char *name,
    iop_report_fn *report, void *arg,
    const char *fmt, ...)
{
	struct iop_err e;
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	iop_field_err(&e, f->rec, (size_t)col, name, "%s", msg);
	if (report != NULL)
		report(&e, arg);
	f->bad[col] = 1;
	f->res->nerr++;
	iop_fit_list_add(&f->res->invalid, "", name);
}

/*
 * Score one item set from f->ans (already validated).  The published
 * missing-item rules: PHQ-9 is prorated when one or two items are blank;
 * AUDIT items 2-8 may be blank when item 1 is 0, items 4-8 when items 2
 * and 3 are both 0 (the WHO skip pattern).  Otherwise a blank answer makes
 * the instrument incomplete.
 */
static void
score(struct iop_fit *f, int s)
{
	struct iop_fit_score *sc = f->res->sc;
	int *a = f->ans[s], n = iop_instr[s].nitems, k, sum = 0, got = 0;
	int blank = 0;
	int inval = 0, skip_from = n, sumc = 0, blankc = 0;

	for (k = 0; k < n; k++) {
		if (a[k] == -2)
			inval = 1;
		else if (a[k] == -1)
			blank++;
		else {
			got++;
			sum += a[k];
		}
	}
	sc[s].answered = got;
	if (s == IOP_IN_AUDIT)
		sc[IOP_IN_AUDITC].answered = (a[0] >= 0) + (a[1] >= 0) +
		    (a[2] >= 0);
	if (!f->present[s] || (got == 0 && !inval)) {
		set_score(&sc[s], s, IOP_SC_ABSENT, 0);
		if (s == IOP_IN_AUDIT)
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC,
			    IOP_SC_ABSENT, 0);
		return;
	}
	if (s == IOP_IN_AUDIT) {
		/* Items 9 and 10 are never skipped. */
		if (a[0] == 0)
			skip_from = 1;
		else if (a[1] == 0 && a[2] == 0)
			skip_from = 3;
		blank = 0;
		for (k = 0; k < n; k++)
			if (a[k] == -1 && !(k >= skip_from && k <= 7))
				blank++;
		for (k = 0; k < 3; k++) {
			if (a[k] >= 0)
				sumc += a[k];
			else if (a[k] == -1 && !(k >= skip_from))
				blankc++;
		}
		if (a[0] == -2 || a[1] == -2 || a[2] == -2)
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC,
			    IOP_SC_INVALID, 0);
		else
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC, blankc > 0 ?
			    IOP_SC_INCOMPLETE : IOP_SC_OK, sumc);
	}
	if (inval)
		set_score(&sc[s], s, IOP_SC_INVALID, 0);
	else if (blank == 0)
		set_score(&sc[s], s, IOP_SC_OK, sum);
	else if (blank <= iop_instr[s].prorate)
		/* sum * items / answered, rounded half up. */
		set_score(&sc[s], s, IOP_SC_PRORATED,
		    (sum * n * 2 + got) / (2 * got));
	else
		set_score(&sc[s], s,
		    IOP_SC_INCOMPLETE, 0);
}

/*
 * Check every answer of f->rec and score the instruments; each invalid
 * answer is passed to report().
 */
void
iop_fit_answers(struct iop_fit *f,
    iop_report_fn *report, void *arg)
{
	const struct iop_rec *rec = f->rec;
	const struct iop_instr *in;
	const char *v, *name;
	size_t i;
	long col;
	int s, k, x;

	/* Answers, each checked against its instrument's range. */
	for (s = 0; s < IOP_IN_NITEMS; s++) {
		for (k = 0; k < iop_instr[s].nitems; k++) {
			f->ans[s][k] = -1;
			if ((col = f->item[s][k]) < 0 ||
			    iop_rec_len(rec, (size_t)col) == 0)
				continue;
			v = iop_rec_get(rec, (size_t)col);
			name = f->iname[s][k];
			in = &iop_instr[s];
			if (in->yesno) {
				if (iop_fit_bool_parse(v, &x) == 0)
					f->ans[s][k] = x;
				else {
					f->ans[s][k] = -2;
					bad_answer(f, col, name, report, arg,
					    "expected yes or no");
				}
				continue;
			}
			if (in->even_from > 0 && k + 1 >= in->even_from) {
				if (iop_fit_item_parse(v, in->itemmax, &x) ==
				    0 && x % 2 == 0)
					f->ans[s][k] = x;
				else {
					f->ans[s][k] = -2;
					bad_answer(f, col, name, report, arg,
					    "expected 0, 2 or 4");
				}
				continue;
			}
			if (iop_fit_item_parse(v, in->itemmax, &x) == 0)
				f->ans[s][k] = x;
			else {
				f->ans[s][k] = -2;
				bad_answer(f, col, name, report, arg,
				    "expected a whole number 0-%d",
				    in->itemmax);
			}
		}
	}
	/* A reverse-scored item (DAST-10 3, "always able to stop"). */
	for (s = 0; s < IOP_IN_NITEMS; s++) {
		k = iop_instr[s].reversed - 1;
		if (k >= 0 && f->ans[s][k] >= 0)
			f->ans[s][k] = !f->ans[s][k];
		score(f, s);
		if (k >= 0 && f->ans[s][k] >= 0)
			f->ans[s][k] = !f->ans[s][k];
	}
	for (i = 0; i < IOP_FIT_NSQ; i++) {
		if ((col = f->sq[i]) < 0 || iop_rec_len(rec, (size_t)col) == 0)
			continue;
		v = iop_rec_get(rec, (size_t)col);
		switch (iop_fit_sqs[i].type) {
		case SQ_BOOL:
			if (iop_fit_bool_parse(v, &x) != 0)
				bad_answer(f, col, iop_fit_sqs[i].name, report, arg,
				    "expected yes or no (also true/false, y/n, "
				    "1/0)");
			break;
		case SQ_WITHDRAWAL:
			if (iop_enum_parse(v, iop_fit_withdrawal_names, 0) < 0)
				bad_answer(f, col, iop_fit_sqs[i].name, report, arg,
				    "expected none, low, moderate or severe");
			break;
		case SQ_WILLING:
			if (iop_bool_parse(v, &x) != 0 &&
			    iop_enum_parse(v, (const char *const[]){ "unsure",
			    NULL }, 0) < 0)
				bad_answer(f, col, iop_fit_sqs[i].name, report, arg,
				    "expected yes, unsure or no");
			break;
		default:
			IOP_BUG("unknown screening question type");
		}
	}
}

int
iop_fit_bool_parse(const char *s, int *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		*out = s[0] == 'y';
		return 0;
	}
	return iop_bool_parse(s, out);
}


/* Blanks a spreadsheet or a hand-typed answer leaves around a number. */
static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

int
iop_fit_item_parse(const char *s, int max, int *out)
{
	const char *e;
	int v = 0, digits = 0;

	while (blank(*s))
		s++;
	/* At most two digits: answers are 0-4, and no overflow. */
	for (; *s >= '0' && *s <= '9'; s++)
		if (++digits > 2)
			return -1;
		else
			v = v * 10 + (*s - '0');
	if (digits == 0)
		return -1;
	if (*s == '.') {
		for (e = s + 1; *e == '0'; e++)
			;
		if (e == s + 1)
			return -1;
		s = e;
	}
	while (blank(*s))
		s++;
	if (*s != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

enum iop_si
iop_fit_si_parse(const char *s)
{
	int v;

	if (s == NULL || *s == '\0')
		return IOP_SI_BLANK;
	if (iop_fit_item_parse(s, iop_instr[IOP_IN_PHQ9].itemmax, &v) != 0) {
		/* Only blanks is a blank answer too. */
		while (blank(*s))
			s++;
		return *s == '\0' ? IOP_SI_BLANK : IOP_SI_UNVERIFIED;
	}
	return v > 0 ? IOP_SI_POSITIVE : IOP_SI_NONE;
}
