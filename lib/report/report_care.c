/*
 * report_care.c -- the reports on the course of care, each a table built
 * from the counters of report.c: completion (how stays ended), outcomes
 * (first and latest screening totals against the minimal important
 * difference, lib/fit/instr.h) and risk (falling attendance, lapsing
 * authorizations).  iop-report(1) documents the definitions.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"
#include "lib/report/report.h"
#include "lib/report/report_tab.h"

/* ---- completion -------------------------------------------------------- */

enum { K_INCARE, K_COMPLETED, K_STEPPED, K_TRANSFERRED, K_EARLY };

/* How a stay ended by --as-of; *reason the early-discharge reason. */
static int
outcome(const struct iop_rdata *d, const struct iop_rperson *p, int *reason)
{
	*reason = -1;
	if (p->end > d->p.asof)
		return K_INCARE;
	switch (p->status) {
	case IOP_ST_COMPLETED:
		return K_COMPLETED;
	case IOP_ST_STEPPED_DOWN:
		return K_STEPPED;
	case IOP_ST_TRANSFERRED:
		return K_TRANSFERRED;
	default:
		*reason = iop_enum_parse(p->dreason,
		    iop_discharge_reason_names, 0);
		if (*reason == 0)
			return K_COMPLETED;
		if (*reason < 0)
			*reason = 4;	/* other */
		return K_EARLY;
	}
}

/* Sorts person indexes; arg is the struct iop_rdata. */
static int
compcmp(const void *a, const void *b, void *arg)
{
	const struct iop_rdata *d = arg;
	const struct iop_rperson *x = &d->pp[*(const size_t *)a];
	const struct iop_rperson *y = &d->pp[*(const size_t *)b];
	int c;

	if ((c = strcmp(x->dim[IOP_DIM_TRACK], y->dim[IOP_DIM_TRACK])) != 0)
		return c;
	if (x->adm != y->adm) {
		int xy, xm, xd, yy, ym, yd;

		iop_date_ymd(x->adm, &xy, &xm, &xd);
		iop_date_ymd(y->adm, &yy, &ym, &yd);
		if (xy != yy || xm != ym)
			return xy * 12 + xm < yy * 12 + ym ? -1 : 1;
	}
	return strcmp(x->id, y->id);
}

static void
comp_row(struct iop_table *t, const struct iop_rdata *d, const char *track,
    const char *month, const size_t *ix, size_t n)
{
	long k[5] = { 0 }, rs[5] = { 0 }, ended;
	double *los;
	size_t i, nl = 0, r;
	int reason, o;

	los = ecalloc(n + 1, sizeof(*los));
	for (i = 0; i < n; i++) {
		o = outcome(d, &d->pp[ix[i]], &reason);
		k[o]++;
		if (o == K_EARLY)
			rs[reason]++;
		if (o != K_INCARE)
			los[nl++] = (double)(d->pp[ix[i]].end -
			    d->pp[ix[i]].adm);
	}
	qsort(los, nl, sizeof(*los), iop_rtab_dblcmp);
	ended = (long)n - k[K_INCARE];
	r = iop_table_row(t);
	iop_table_set(t, r, CO_TRACK, track);
	iop_table_set(t, r, CO_MONTH, month);
	iop_table_setl(t, r, CO_ADMITTED, (long)n);
	for (i = 0; i < 5; i++)
		iop_table_setl(t, r, CO_IN_CARE + i, k[i]);
	for (i = 1; i < 5; i++)
		iop_table_setl(t, r, CO_AGAINST_ADVICE - 1 + i, rs[i]);
	iop_table_setpct(t, r, CO_RATE, (double)k[K_COMPLETED],
	    (double)ended);
	if (nl > 0) {
		iop_table_setd(t, r, CO_LOS_MEDIAN,
		    iop_quantile(los, nl, 0.5));
		iop_table_setd(t, r, CO_LOS_Q1, iop_quantile(los, nl, 0.25));
		iop_table_setd(t, r, CO_LOS_Q3, iop_quantile(los, nl, 0.75));
	}
	free(los);
}

struct iop_table *
iop_report_completion(struct iop_rdata *d)
{
	static const struct iop_tcol cols[] = {
		[CO_TRACK] = { "track", IOP_CT_STR },
		[CO_MONTH] = { "admission_month", IOP_CT_STR },
		[CO_ADMITTED] = { "admitted", IOP_CT_COUNT },
		[CO_IN_CARE] = { "in_care", IOP_CT_COUNT },
		[CO_COMPLETED] = { "completed", IOP_CT_COUNT },
		[CO_STEPPED] = { "stepped_down", IOP_CT_COUNT },
		[CO_TRANSFERRED] = { "transferred", IOP_CT_COUNT },
		[CO_EARLY] = { "discharged_early", IOP_CT_COUNT },
		[CO_AGAINST_ADVICE] = { "left_against_advice", IOP_CT_COUNT },
		[CO_NON_ATTENDANCE] = { "non_attendance", IOP_CT_COUNT },
		[CO_HIGHER_LEVEL] = { "higher_level_of_care", IOP_CT_COUNT },
		[CO_OTHER] = { "other_reason", IOP_CT_COUNT },
		[CO_RATE] = { "completion_rate", IOP_CT_PCT },
		[CO_LOS_MEDIAN] = { "los_median_days", IOP_CT_NUM },
		[CO_LOS_Q1] = { "los_q1_days", IOP_CT_NUM },
		[CO_LOS_Q3] = { "los_q3_days", IOP_CT_NUM }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	size_t *ix, n = 0, i, j;
	char m0[16], m1[16];
	int y, m, dd;

	t = iop_table_new("completion", "Completion and length of stay",
	    cols, CO_N, 1);
	ix = ecalloc(d->n + 1, sizeof(*ix));
	for (i = 0; i < d->n; i++) {
		p = &d->pp[i];
		if (p->known && p->adm >= d->p.from && p->adm <= iop_rtab_lastday(d))
			ix[n++] = i;
	}
	iop_sort(ix, n, sizeof(*ix), compcmp, (void *)d);
	for (i = 0; i < n; i = j) {
		p = &d->pp[ix[i]];
		iop_date_ymd(p->adm, &y, &m, &dd);
		snprintf(m0, sizeof(m0), "%04d-%02d", y % 10000, m % 100);
		for (j = i + 1; j < n; j++) {
			iop_date_ymd(d->pp[ix[j]].adm, &y, &m, &dd);
			snprintf(m1, sizeof(m1), "%04d-%02d", y % 10000,
			    m % 100);
			if (strcmp(d->pp[ix[j]].dim[IOP_DIM_TRACK],
			    p->dim[IOP_DIM_TRACK]) != 0 || strcmp(m0, m1) != 0)
				break;
		}
		comp_row(t, d, p->dim[IOP_DIM_TRACK], m0, ix + i, j - i);
	}
	comp_row(t, d, "all", "all", ix, n);
	free(ix);
	return t;
}

/* ---- outcomes ---------------------------------------------------------- */

struct iop_table *
iop_report_outcomes(struct iop_rdata *d)
{
	enum {
		OU_ID, OU_INSTRUMENT, OU_SCREENINGS, OU_FIRST_DATE,
		OU_FIRST_TOTAL, OU_LATEST_DATE, OU_LATEST_TOTAL, OU_CHANGE,
		OU_THRESHOLD, OU_IMPROVED, OU_WORSENED, OU_N
	};
	static const struct iop_tcol cols[] = {
		[OU_ID] = { "participant_id", IOP_CT_ID },
		[OU_INSTRUMENT] = { "instrument", IOP_CT_STR },
		[OU_SCREENINGS] = { "screenings", IOP_CT_INT },
		[OU_FIRST_DATE] = { "first_date", IOP_CT_DATE },
		[OU_FIRST_TOTAL] = { "first_total", IOP_CT_INT },
		[OU_LATEST_DATE] = { "latest_date", IOP_CT_DATE },
		[OU_LATEST_TOTAL] = { "latest_total", IOP_CT_INT },
		[OU_CHANGE] = { "change", IOP_CT_INT },
		[OU_THRESHOLD] = { "threshold", IOP_CT_INT },
		[OU_IMPROVED] = { "improved", IOP_CT_BOOL },
		[OU_WORSENED] = { "worsened", IOP_CT_BOOL }
	};
	static const struct iop_tcol acols[] = {
		[OA_INSTRUMENT] = { "instrument", IOP_CT_STR },
		[OA_THRESHOLD] = { "threshold", IOP_CT_INT },
		[OA_PEOPLE] = { "people", IOP_CT_COUNT },
		[OA_IMPROVED] = { "improved", IOP_CT_COUNT },
		[OA_UNCHANGED] = { "unchanged", IOP_CT_COUNT },
		[OA_WORSENED] = { "worsened", IOP_CT_COUNT },
		[OA_SHARE_IMPROVED] = { "share_improved", IOP_CT_PCT },
		[OA_MEAN_FIRST] = { "mean_first", IOP_CT_NUM },
		[OA_MEAN_LATEST] = { "mean_latest", IOP_CT_NUM },
		[OA_MEAN_CHANGE] = { "mean_change", IOP_CT_NUM }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	const struct iop_rscore *s;
	size_t *ix, i, k, r;
	long n, imp, wor;
	double f, l;
	int agg = d->p.by[0] == IOP_DIM_INSTRUMENT, ch;

	t = agg ? iop_table_new("outcomes", "Outcomes by instrument", acols,
	    OA_N, 1) : iop_table_new("outcomes", "Outcomes", cols, OU_N, 0);
	ix = iop_rdata_sorted(d);
	for (k = 0; k < IOP_NINSTR && agg; k++) {
		n = imp = wor = 0;
		f = l = 0;
		for (i = 0; i < d->n; i++) {
			s = &d->pp[i].sc[k];
			if (s->n < 2 || s->d1 == s->d0)
				continue;
			n++;
			f += s->v0;
			l += s->v1;
			imp += s->v1 - s->v0 <= -iop_instr[k].mid;
			wor += s->v1 - s->v0 >= iop_instr[k].mid;
		}
		r = iop_table_row(t);
		iop_table_set(t, r, OA_INSTRUMENT, iop_instr[k].key);
		iop_table_setl(t, r, OA_THRESHOLD, iop_instr[k].mid);
		iop_table_setl(t, r, OA_PEOPLE, n);
		iop_table_setl(t, r, OA_IMPROVED, imp);
		iop_table_setl(t, r, OA_UNCHANGED, n - imp - wor);
		iop_table_setl(t, r, OA_WORSENED, wor);
		iop_table_setpct(t, r, OA_SHARE_IMPROVED, (double)imp,
		    (double)n);
		if (n > 0) {
			iop_table_setd(t, r, OA_MEAN_FIRST, f / (double)n);
			iop_table_setd(t, r, OA_MEAN_LATEST, l / (double)n);
			iop_table_setd(t, r, OA_MEAN_CHANGE,
			    (l - f) / (double)n);
		}
	}
	for (i = 0; i < d->n && !agg; i++) {
		p = &d->pp[ix[i]];
		for (k = 0; k < IOP_NINSTR; k++) {
			s = &p->sc[k];
			if (s->n == 0)
				continue;
			ch = s->v1 - s->v0;
			r = iop_table_row(t);
			iop_table_set(t, r, OU_ID, p->id);
			iop_table_set(t, r, OU_INSTRUMENT, iop_instr[k].key);
			iop_table_setl(t, r, OU_SCREENINGS, s->n);
			iop_table_setdate(t, r, OU_FIRST_DATE, s->d0);
			iop_table_setl(t, r, OU_FIRST_TOTAL, s->v0);
			iop_table_setdate(t, r, OU_LATEST_DATE, s->d1);
			iop_table_setl(t, r, OU_LATEST_TOTAL, s->v1);
			iop_table_setl(t, r, OU_CHANGE, ch);
			iop_table_setl(t, r, OU_THRESHOLD, iop_instr[k].mid);
			iop_table_set(t, r, OU_IMPROVED,
			    ch <= -iop_instr[k].mid ? "true" : "false");
			iop_table_set(t, r, OU_WORSENED,
			    ch >= iop_instr[k].mid ? "true" : "false");
		}
	}
	free(ix);
	return t;
}

/* ---- risk -------------------------------------------------------------- */

/* Attended share of the sessions of weeks w0..w1 that were not excused. */
static double
rate(const struct iop_rperson *p, long w0, long w1, int *ok)
{
	const struct iop_rcell *c;
	double a = 0, s = 0;
	long w;

	for (w = w0; w <= w1; w++)
		if ((c = iop_rperson_getcell(p, w)) != NULL) {
			a += c->c.present + c->c.late + c->c.left + c->c.tele;
			s += (double)c->c.sched - c->c.excused;
		}
	*ok = s > 0;
	return s > 0 ? a / s : 0;
}

struct iop_table *
iop_report_risk(struct iop_rdata *d)
{
	enum {
		RI_ID, RI_TRACK, RI_RATE_LAST, RI_RATE_BEFORE, RI_MISSED,
		RI_LAST_ATTENDED, RI_AUTH_ALERT, RI_REASONS, RI_N
	};
	static const struct iop_tcol cols[] = {
		[RI_ID] = { "participant_id", IOP_CT_ID },
		[RI_TRACK] = { "track", IOP_CT_STR },
		[RI_RATE_LAST] = { "rate_last_2_weeks", IOP_CT_PCT },
		[RI_RATE_BEFORE] = { "rate_2_weeks_before", IOP_CT_PCT },
		[RI_MISSED] = { "missed_days_in_row", IOP_CT_INT },
		[RI_LAST_ATTENDED] = { "last_attended", IOP_CT_DATE },
		[RI_AUTH_ALERT] = { "auth_alert", IOP_CT_STR },
		[RI_REASONS] = { "reasons", IOP_CT_LIST }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	const struct iop_rcell *c;
	struct iop_buf why = { 0 };
	const char *al;
	size_t *ix, i, k, r;
	long w, day, last, used, left;
	double r1, r0, pace;
	int ok1, ok0, missed, wd;

	t = iop_table_new("risk", "People at risk", cols, RI_N, 0);
	ix = iop_rdata_sorted(d);
	w = iop_rweek(d->p.asof);
	for (i = 0; i < d->n; i++) {
		p = &d->pp[ix[i]];
		if (!iop_rperson_incare(p, d->p.asof))
			continue;
		iop_buf_reset(&why);
		r1 = rate(p, w - 1, w, &ok1);
		r0 = rate(p, w - 3, w - 2, &ok0);
		if (ok1 && ok0 && r1 < r0 - 0.2)
			iop_buf_adds(&why, ";attendance_falling");
		missed = 0;
		last = LONG_MIN;
		for (day = d->p.asof; day >= p->adm && day > d->p.asof - 366;
		    day--) {
			if ((c = iop_rperson_getcell(p, iop_rweek(day))) ==
			    NULL)
				continue;
			wd = iop_date_weekday(day) - 1;
			if (c->attday & IOP_WDAY_BIT(wd + 1)) {
				last = day;
				break;
			}
			if (c->absday & IOP_WDAY_BIT(wd + 1))
				missed++;
		}
		if (missed >= d->p.missed)
			iop_buf_printf(&why, ";missed_%d_in_row", missed);
		for (k = 0; k < IOP_NINSTR; k++)
			if (p->sc[k].n >= 2 && p->sc[k].v1 - p->sc[k].v0 >=
			    iop_instr[k].mid)
				iop_buf_printf(&why, ";%s_worse",
				    iop_instr[k].key);
		al = "";
		if (p->auth_days >= 0 || p->auth_end != LONG_MAX)
			al = iop_rtab_auth_alert(d, p, &used, &left, &pace);
		if (*al != '\0')
			iop_buf_printf(&why, ";auth_%s", al);
		if (why.len == 0)
			continue;
		r = iop_table_row(t);
		iop_table_set(t, r, RI_ID, p->id);
		iop_table_set(t, r, RI_TRACK, p->dim[IOP_DIM_TRACK]);
		if (ok1)
			iop_table_setpct(t, r, RI_RATE_LAST, r1, 1);
		if (ok0)
			iop_table_setpct(t, r, RI_RATE_BEFORE, r0, 1);
		iop_table_setl(t, r, RI_MISSED, missed);
		if (last != LONG_MIN)
			iop_table_setdate(t, r, RI_LAST_ATTENDED, last);
		iop_table_set(t, r, RI_AUTH_ALERT, al);
		iop_table_set(t, r, RI_REASONS, why.s + 1);
	}
	iop_buf_free(&why);
	free(ix);
	return t;
}

