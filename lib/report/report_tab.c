/*
 * report_tab.c -- the reports of iop-report, each a table built from the
 * per-person, per-week counters of report.c: census, attendance, hours,
 * billing, authorizations and the summary (the care reports --
 * completion, outcomes, risk -- are in report_care.c).  The definitions here are
 * the ones iop-report(1) documents; change both together.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"
#include "lib/report/report.h"
#include "lib/report/report_tab.h"


static void	 span(const struct iop_rdata *, long *, long *);
static int	 billable_days(const struct iop_rdata *,
		    const struct iop_rperson *, long, long, int *);
static int	 strpcmp(const void *, const void *);

/* The last day reported: --to, but never after --as-of. */
long
iop_rtab_lastday(const struct iop_rdata *d)
{
	return MIN(d->p.to, d->p.asof);
}

/* The weeks reported: --from (or the first week with data) to lastday. */
static void
span(const struct iop_rdata *d, long *lo, long *hi)
{
	size_t i;

	*hi = iop_rweek(iop_rtab_lastday(d));
	if (d->p.from != LONG_MIN) {
		*lo = iop_rweek(d->p.from);
		return;
	}
	*lo = d->wmin;
	for (i = 0; i < d->n; i++)
		if (d->pp[i].ncells > 0 && d->pp[i].cells[0].wk < *lo)
			*lo = d->pp[i].cells[0].wk;
	if (*lo == LONG_MAX)
		*lo = *hi;
}

int
iop_rtab_dblcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Billable days of a person between two days (inclusive). */
static int
billable_days(const struct iop_rdata *d, const struct iop_rperson *p,
    long from, long to, int *attended)
{
	const struct iop_rcell *c;
	long day;
	int n = 0, a = 0, wd;

	for (day = from; day <= to; day++) {
		if ((c = iop_rperson_getcell(p, iop_rweek(day))) == NULL) {
			day = iop_rmonday(iop_rweek(day)) + 6;
			continue;
		}
		wd = iop_date_weekday(day) - 1;
		if (c->daymin[wd] >= d->p.billmin)
			n++;
		if (c->attday & IOP_WDAY_BIT(wd + 1))
			a++;
	}
	if (attended != NULL)
		*attended = a;
	return n;
}

/* ---- census ------------------------------------------------------------ */

/*
 * The census columns; without a dimension CE_DIM is left out and the
 * columns after it move one to the left.
 */
enum {
	CE_WEEK, CE_WEEK_START, CE_DIM, CE_IN_CARE, CE_ADMISSIONS,
	CE_DISCHARGES, CE_N
};

struct iop_table *
iop_report_census(struct iop_rdata *d)
{
	static struct iop_tcol cols[] = {
		[CE_WEEK] = { "week", IOP_CT_WEEK },
		[CE_WEEK_START] = { "week_start", IOP_CT_DATE },
		[CE_DIM] = { "", IOP_CT_STR },
		[CE_IN_CARE] = { "in_care", IOP_CT_COUNT },
		[CE_ADMISSIONS] = { "admissions", IOP_CT_COUNT },
		[CE_DISCHARGES] = { "discharges", IOP_CT_COUNT }
	};
	static struct iop_tcol cols1[CE_N - 1];
	struct iop_table *t;
	const struct iop_rperson *p;
	char **vals;
	size_t nv = 0, i, v, r, sh;
	long wlo, whi, w, mon, sun, on;
	int dim = d->p.by[0], in, ad, di;
	const char *pv;

	span(d, &wlo, &whi);
	if (dim == IOP_DIM_NONE) {
		memcpy(cols1, cols, CE_DIM * sizeof(cols[0]));
		memcpy(cols1 + CE_DIM, cols + CE_DIM + 1,
		    (CE_N - CE_DIM - 1) * sizeof(cols[0]));
		t = iop_table_new("census", "Census", cols1, CE_N - 1, 1);
	} else {
		cols[CE_DIM].name = dim == IOP_DIM_LEVEL ? "level_of_care" :
		    iop_dim_names[dim];
		t = iop_table_new("census", "Census", cols, CE_N, 1);
	}
	sh = dim == IOP_DIM_NONE;
	vals = ecalloc(d->n + 2, sizeof(*vals));
	if (dim == IOP_DIM_NONE)
		vals[nv++] = "";
	else {
		for (i = 0; i < d->n; i++)
			if (d->pp[i].known && d->pp[i].dim[dim] != NULL)
				vals[nv++] = d->pp[i].dim[dim];
		if (dim == IOP_DIM_STATUS)
			vals[nv++] = (char *)"active";
		qsort(vals, nv, sizeof(*vals), strpcmp);
		for (i = v = 0; i < nv; i++)
			if (v == 0 || strcmp(vals[v - 1], vals[i]) != 0)
				vals[v++] = vals[i];
		nv = v;
	}
	for (w = wlo; w <= whi; w++) {
		mon = iop_rmonday(w);
		sun = mon + 6;
		on = MIN(sun, d->p.asof);
		for (v = 0; v < nv; v++) {
			in = ad = di = 0;
			for (i = 0; i < d->n; i++) {
				p = &d->pp[i];
				if (!p->known)
					continue;
				pv = dim == IOP_DIM_NONE ? "" :
				    dim == IOP_DIM_STATUS ? "active" :
				    p->dim[dim];
				if (strcmp(pv, vals[v]) == 0) {
					in += iop_rperson_incare(p, on);
					ad += p->adm >= mon && p->adm <= on;
				}
				if (dim == IOP_DIM_STATUS)
					pv = p->dim[dim];
				if (strcmp(pv, vals[v]) == 0)
					di += p->end >= mon && p->end <= on;
			}
			if (dim == IOP_DIM_STATUS && in + ad + di == 0)
				continue;
			r = iop_table_row(t);
			iop_table_setweek(t, r, CE_WEEK, mon);
			iop_table_setdate(t, r, CE_WEEK_START, mon);
			if (dim != IOP_DIM_NONE)
				iop_table_set(t, r, CE_DIM, vals[v]);
			iop_table_setl(t, r, CE_IN_CARE - sh, in);
			iop_table_setl(t, r, CE_ADMISSIONS - sh, ad);
			iop_table_setl(t, r, CE_DISCHARGES - sh, di);
		}
	}
	free(vals);
	return t;
}

/* ---- attendance -------------------------------------------------------- */

/* Sorts aggregate indexes; arg is the aggregates. */
static int
aggcmp(const void *a, const void *b, void *arg)
{
	const struct iop_ragg *agg = arg;
	const struct iop_ragg *x = &agg[*(const size_t *)a];
	const struct iop_ragg *y = &agg[*(const size_t *)b];
	int c;

	if ((c = strcmp(x->val[0], y->val[0])) != 0)
		return c;
	return strcmp(x->val[1], y->val[1]);
}

/*
 * The count columns of the attendance tables, after their leading
 * dimension columns: column base + AT_X.
 */
enum {
	AT_SCHEDULED, AT_RECORDED, AT_ATTENDED, AT_PRESENT, AT_LATE,
	AT_LEFT_EARLY, AT_TELEHEALTH, AT_ABSENT, AT_EXCUSED, AT_RATE,
	AT_MINUTES, AT_HOURS, AT_SCHEDULED_MINUTES, AT_N
};

static void
count_cols(struct iop_table *t, size_t r, size_t base,
    const struct iop_rcount *c, int sched)
{
	long att = (long)(c->present + c->late + c->left + c->tele);

	iop_table_setl(t, r, base + AT_SCHEDULED, (long)c->sched);
	iop_table_setl(t, r, base + AT_RECORDED, (long)c->recorded);
	iop_table_setl(t, r, base + AT_ATTENDED, att);
	iop_table_setl(t, r, base + AT_PRESENT, (long)c->present);
	iop_table_setl(t, r, base + AT_LATE, (long)c->late);
	iop_table_setl(t, r, base + AT_LEFT_EARLY, (long)c->left);
	iop_table_setl(t, r, base + AT_TELEHEALTH, (long)c->tele);
	iop_table_setl(t, r, base + AT_ABSENT, (long)c->absent);
	iop_table_setl(t, r, base + AT_EXCUSED, (long)c->excused);
	iop_table_setpct(t, r, base + AT_RATE, (double)att,
	    (double)c->sched - (double)c->excused);
	iop_table_setl(t, r, base + AT_MINUTES, (long)c->minutes);
	iop_table_setd(t, r, base + AT_HOURS, (double)c->minutes / 60.0);
	if (sched)
		iop_table_setl(t, r, base + AT_SCHEDULED_MINUTES,
		    (long)c->sched_min);
}

static const struct iop_tcol att_counts[] = {
	[AT_SCHEDULED] = { "scheduled", IOP_CT_COUNT },
	[AT_RECORDED] = { "recorded", IOP_CT_COUNT },
	[AT_ATTENDED] = { "attended", IOP_CT_COUNT },
	[AT_PRESENT] = { "present", IOP_CT_COUNT },
	[AT_LATE] = { "late", IOP_CT_COUNT },
	[AT_LEFT_EARLY] = { "left_early", IOP_CT_COUNT },
	[AT_TELEHEALTH] = { "telehealth", IOP_CT_COUNT },
	[AT_ABSENT] = { "absent", IOP_CT_COUNT },
	[AT_EXCUSED] = { "excused", IOP_CT_COUNT },
	[AT_RATE] = { "attendance_rate", IOP_CT_PCT },
	[AT_MINUTES] = { "minutes", IOP_CT_INT },
	[AT_HOURS] = { "hours", IOP_CT_NUM },
	[AT_SCHEDULED_MINUTES] = { "scheduled_minutes", IOP_CT_INT }
};

/* Attendance: up to two dimension columns (--by, d->p.by[]), the counts. */
#define AT_MAXDIM	2

struct iop_table *
iop_report_attendance(struct iop_rdata *d)
{
	static struct iop_tcol cols[AT_MAXDIM + AT_N];
	struct iop_table *t;
	size_t i, k, nd, r, *ix;
	int agg = 1, dim;

	for (nd = 0; nd < AT_MAXDIM && d->p.by[nd] != IOP_DIM_NONE; nd++) {
		dim = d->p.by[nd];
		cols[nd].name = dim == IOP_DIM_PARTICIPANT ? "participant_id" :
		    dim == IOP_DIM_GROUP ? "group_id" : dim == IOP_DIM_STAFF ?
		    "staff_id" : dim == IOP_DIM_LEVEL ? "level_of_care" :
		    iop_dim_names[dim];
		cols[nd].type = dim == IOP_DIM_PARTICIPANT ? IOP_CT_ID :
		    dim == IOP_DIM_WEEK ? IOP_CT_WEEK : IOP_CT_STR;
		if (dim == IOP_DIM_PARTICIPANT)
			agg = 0;
	}
	memcpy(cols + nd, att_counts, sizeof(att_counts));
	t = iop_table_new("attendance", "Attendance", cols, nd + AT_N, agg);
	ix = ecalloc(d->nagg + 1, sizeof(*ix));
	for (i = 0; i < d->nagg; i++)
		ix[i] = i;
	iop_sort(ix, d->nagg, sizeof(*ix), aggcmp, d->agg);
	for (i = 0; i < d->nagg; i++) {
		r = iop_table_row(t);
		for (k = 0; k < nd; k++)
			iop_table_set(t, r, k, d->agg[ix[i]].val[k]);
		count_cols(t, r, nd, &d->agg[ix[i]].c,
		    iop_rdata_has_schedule(d));
	}
	free(ix);
	return t;
}

/* ---- hours ------------------------------------------------------------- */

/* The hours report, a row a person-week, and hours_by_week, a row a week. */
enum {
	HR_ID, HR_WEEK, HR_WEEK_START, HR_SESSIONS, HR_MINUTES, HR_HOURS,
	HR_MINIMUM, HR_SHORTFALL, HR_MET, HR_PARTIAL, HR_N
};
enum {
	HW_WEEK, HW_WEEK_START, HW_PEOPLE, HW_MET, HW_SHARE_MET,
	HW_MEAN_HOURS, HW_MINIMUM, HW_N
};

/*
 * Each person's weeks: the weeks in care within the period, and any other
 * week of the period with attendance.  With byweek, one aggregate row a
 * week instead (for the summary).
 */
struct iop_table *
iop_report_hours(struct iop_rdata *d, int byweek)
{
	static const struct iop_tcol cols[] = {
		[HR_ID] = { "participant_id", IOP_CT_ID },
		[HR_WEEK] = { "week", IOP_CT_WEEK },
		[HR_WEEK_START] = { "week_start", IOP_CT_DATE },
		[HR_SESSIONS] = { "sessions_attended", IOP_CT_INT },
		[HR_MINUTES] = { "minutes", IOP_CT_INT },
		[HR_HOURS] = { "hours", IOP_CT_NUM },
		[HR_MINIMUM] = { "minimum_hours", IOP_CT_NUM },
		[HR_SHORTFALL] = { "shortfall_hours", IOP_CT_NUM },
		[HR_MET] = { "met_minimum", IOP_CT_BOOL },
		[HR_PARTIAL] = { "partial_week", IOP_CT_BOOL }
	};
	static const struct iop_tcol wcols[] = {
		[HW_WEEK] = { "week", IOP_CT_WEEK },
		[HW_WEEK_START] = { "week_start", IOP_CT_DATE },
		[HW_PEOPLE] = { "people", IOP_CT_COUNT },
		[HW_MET] = { "met_minimum", IOP_CT_COUNT },
		[HW_SHARE_MET] = { "share_met", IOP_CT_PCT },
		[HW_MEAN_HOURS] = { "mean_hours", IOP_CT_NUM },
		[HW_MINIMUM] = { "minimum_hours", IOP_CT_NUM }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	const struct iop_rcell *c;
	size_t *ix, i, r;
	long wlo, whi, lo, hi, w, mon, cw, nw;
	long *wp = NULL, *wm = NULL;
	double *wh = NULL, h;
	int incare, partial;

	span(d, &wlo, &whi);
	nw = whi >= wlo ? whi - wlo + 1 : 0;
	if (byweek) {
		t = iop_table_new("hours_by_week", "Hours by week", wcols,
		    HW_N, 1);
		wp = ecalloc((size_t)nw + 1, sizeof(*wp));
		wm = ecalloc((size_t)nw + 1, sizeof(*wm));
		wh = ecalloc((size_t)nw + 1, sizeof(*wh));
	} else
		t = iop_table_new("hours", "Weekly hours", cols, HR_N, 0);
	ix = iop_rdata_sorted(d);
	for (i = 0; i < d->n; i++) {
		p = &d->pp[ix[i]];
		lo = whi + 1;
		hi = wlo - 1;
		if (p->known) {
			lo = MAX(wlo, iop_rweek(p->adm));
			hi = p->end == LONG_MAX ? whi :
			    MIN(whi, iop_rweek(p->end - 1));
		}
		for (cw = 0; cw < (long)p->ncells; cw++)
			if (p->cells[cw].c.minutes > 0 &&
			    p->cells[cw].wk >= wlo && p->cells[cw].wk <= whi) {
				lo = MIN(lo, p->cells[cw].wk);
				hi = MAX(hi, p->cells[cw].wk);
			}
		for (w = lo; w <= hi; w++) {
			mon = iop_rmonday(w);
			c = iop_rperson_getcell(p, w);
			incare = p->known && p->adm <= mon + 6 && p->end > mon;
			if (!incare && (c == NULL || c->c.minutes == 0))
				continue;
			h = c != NULL ? (double)c->c.minutes / 60.0 : 0;
			partial = !incare || p->adm > mon ||
			    p->end <= mon + 6 || d->p.asof < mon + 6;
			if (byweek) {
				wp[w - wlo]++;
				wm[w - wlo] += h * 60 >= d->p.minmin;
				wh[w - wlo] += h;
				continue;
			}
			r = iop_table_row(t);
			iop_table_set(t, r, HR_ID, p->id);
			iop_table_setweek(t, r, HR_WEEK, mon);
			iop_table_setdate(t, r, HR_WEEK_START, mon);
			iop_table_setl(t, r, HR_SESSIONS, c != NULL ?
			    (long)(c->c.present + c->c.late + c->c.left +
			    c->c.tele) : 0);
			iop_table_setl(t, r, HR_MINUTES, c != NULL ?
			    (long)c->c.minutes : 0);
			iop_table_setd(t, r, HR_HOURS, h);
			iop_table_setd(t, r, HR_MINIMUM, d->p.minmin / 60.0);
			iop_table_setd(t, r, HR_SHORTFALL,
			    MAX(0, d->p.minmin / 60.0 - h));
			iop_table_set(t, r, HR_MET, h * 60 >= d->p.minmin ?
			    "true" : "false");
			iop_table_set(t, r, HR_PARTIAL, partial ?
			    "true" : "false");
		}
	}
	if (byweek) {
		for (w = 0; w < nw; w++) {
			r = iop_table_row(t);
			iop_table_setweek(t, r, HW_WEEK, iop_rmonday(wlo + w));
			iop_table_setdate(t, r, HW_WEEK_START,
			    iop_rmonday(wlo + w));
			iop_table_setl(t, r, HW_PEOPLE, wp[w]);
			iop_table_setl(t, r, HW_MET, wm[w]);
			iop_table_setpct(t, r, HW_SHARE_MET, (double)wm[w],
			    (double)wp[w]);
			if (wp[w] > 0)
				iop_table_setd(t, r, HW_MEAN_HOURS,
				    wh[w] / (double)wp[w]);
			iop_table_setd(t, r, HW_MINIMUM, d->p.minmin / 60.0);
		}
		free(wp);
		free(wm);
		free(wh);
	}
	free(ix);
	return t;
}

/* ---- billing ----------------------------------------------------------- */

/* Sorts person indexes by payer; arg is the struct iop_rdata. */
static int
paycmp(const void *a, const void *b, void *arg)
{
	const struct iop_rdata *d = arg;
	const struct iop_rperson *x = &d->pp[*(const size_t *)a];
	const struct iop_rperson *y = &d->pp[*(const size_t *)b];
	const char *px = x->dim[IOP_DIM_PAYER] ? x->dim[IOP_DIM_PAYER] : "";
	const char *py = y->dim[IOP_DIM_PAYER] ? y->dim[IOP_DIM_PAYER] : "";
	int c;

	if ((c = strcmp(px, py)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

struct iop_table *
iop_report_billing(struct iop_rdata *d)
{
	enum {
		BI_PAYER, BI_ID, BI_WEEK, BI_WEEK_START, BI_ATTENDED,
		BI_BILLABLE, BI_MINUTES, BI_N
	};
	static const struct iop_tcol cols[] = {
		[BI_PAYER] = { "payer", IOP_CT_STR },
		[BI_ID] = { "participant_id", IOP_CT_ID },
		[BI_WEEK] = { "week", IOP_CT_WEEK },
		[BI_WEEK_START] = { "week_start", IOP_CT_DATE },
		[BI_ATTENDED] = { "attended_days", IOP_CT_INT },
		[BI_BILLABLE] = { "billable_days", IOP_CT_INT },
		[BI_MINUTES] = { "minutes", IOP_CT_INT }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	const struct iop_rcell *c;
	size_t *ix, i, k, r;
	long wlo, whi, w, mon, lo, hi;
	int att, bill;

	span(d, &wlo, &whi);
	t = iop_table_new("billing", "Billable days", cols, BI_N, 0);
	ix = iop_rdata_sorted(d);
	iop_sort(ix, d->n, sizeof(*ix), paycmp, d);
	for (i = 0; i < d->n; i++) {
		p = &d->pp[ix[i]];
		for (k = 0; k < p->ncells; k++) {
			c = &p->cells[k];
			w = c->wk;
			if (w < wlo || w > whi || c->attday == 0)
				continue;
			mon = iop_rmonday(w);
			lo = MAX(mon, d->p.from);
			hi = MIN(mon + 6, iop_rtab_lastday(d));
			bill = billable_days(d, p, lo, hi, &att);
			r = iop_table_row(t);
			iop_table_set(t, r, BI_PAYER, p->dim[IOP_DIM_PAYER]);
			iop_table_set(t, r, BI_ID, p->id);
			iop_table_setweek(t, r, BI_WEEK, mon);
			iop_table_setdate(t, r, BI_WEEK_START, mon);
			iop_table_setl(t, r, BI_ATTENDED, att);
			iop_table_setl(t, r, BI_BILLABLE, bill);
			iop_table_setl(t, r, BI_MINUTES, (long)c->c.minutes);
		}
	}
	free(ix);
	return t;
}

/* ---- authorizations ---------------------------------------------------- */

/*
 * Days used are billable days from the start of the authorization (or the
 * admission) to its end or --as-of; the pace is the billable days of the
 * last 14 days, a week.
 */
const char *
iop_rtab_auth_alert(const struct iop_rdata *d, const struct iop_rperson *p,
    long *used, long *left, double *pace)
{
	long a0, a1;

	a0 = p->auth_start != LONG_MIN ? p->auth_start : p->adm;
	a1 = MIN(p->auth_end, d->p.asof);
	*used = a1 >= a0 ? billable_days(d, p, a0, a1, NULL) : 0;
	*left = p->auth_days >= 0 ? p->auth_days - *used : LONG_MAX;
	*pace = billable_days(d, p, d->p.asof - 13, d->p.asof, NULL) / 2.0;
	if (p->auth_end < d->p.asof)
		return "expired";
	if (*left <= 0)
		return "exhausted";
	if (p->auth_end != LONG_MAX && p->auth_end - d->p.asof <= d->p.within)
		return "ends_soon";
	if (*left != LONG_MAX && *left <= *pace / 7.0 * d->p.within)
		return "running_out";
	return "";
}

enum {
	AU_ID, AU_PAYER, AU_AUTH_ID, AU_START, AU_END, AU_DAYS, AU_USED,
	AU_REMAINING, AU_TO_END, AU_PACE, AU_ALERT, AU_N
};

struct iop_table *
iop_report_authorizations(struct iop_rdata *d)
{
	static const struct iop_tcol cols[] = {
		[AU_ID] = { "participant_id", IOP_CT_ID },
		[AU_PAYER] = { "payer", IOP_CT_STR },
		[AU_AUTH_ID] = { "auth_id", IOP_CT_STR },
		[AU_START] = { "auth_start", IOP_CT_DATE },
		[AU_END] = { "auth_end", IOP_CT_DATE },
		[AU_DAYS] = { "auth_days", IOP_CT_INT },
		[AU_USED] = { "used_days", IOP_CT_INT },
		[AU_REMAINING] = { "remaining_days", IOP_CT_INT },
		[AU_TO_END] = { "days_to_end", IOP_CT_INT },
		[AU_PACE] = { "billable_days_per_week", IOP_CT_NUM },
		[AU_ALERT] = { "alert", IOP_CT_STR }
	};
	struct iop_table *t;
	const struct iop_rperson *p;
	const char *al;
	size_t *ix, i, r;
	long used, left;
	double pace;

	t = iop_table_new("authorizations", "Authorizations", cols, AU_N, 0);
	ix = iop_rdata_sorted(d);
	for (i = 0; i < d->n; i++) {
		p = &d->pp[ix[i]];
		if (!iop_rperson_incare(p, d->p.asof) || (p->auth_days < 0 &&
		    p->auth_end == LONG_MAX))
			continue;
		al = iop_rtab_auth_alert(d, p, &used, &left, &pace);
		r = iop_table_row(t);
		iop_table_set(t, r, AU_ID, p->id);
		iop_table_set(t, r, AU_PAYER, p->dim[IOP_DIM_PAYER]);
		iop_table_set(t, r, AU_AUTH_ID, p->auth_id);
		if (p->auth_start != LONG_MIN)
			iop_table_setdate(t, r, AU_START, p->auth_start);
		if (p->auth_end != LONG_MAX) {
			iop_table_setdate(t, r, AU_END, p->auth_end);
			iop_table_setl(t, r, AU_TO_END,
			    p->auth_end - d->p.asof);
		}
		if (p->auth_days >= 0) {
			iop_table_setl(t, r, AU_DAYS, p->auth_days);
			iop_table_setl(t, r, AU_REMAINING, left);
		}
		iop_table_setl(t, r, AU_USED, used);
		iop_table_setd(t, r, AU_PACE, pace);
		iop_table_set(t, r, AU_ALERT, al);
	}
	free(ix);
	return t;
}

/* ---- summary ----------------------------------------------------------- */

enum { SU_SECTION, SU_MEASURE, SU_COUNT, SU_VALUE, SU_BASE, SU_N };

static void
sumrow(struct iop_table *t, const char *sec, const char *what, long count,
    double value, long base)
{
	size_t r = iop_table_row(t);

	iop_table_set(t, r, SU_SECTION, sec);
	iop_table_set(t, r, SU_MEASURE, what);
	if (count >= 0)
		iop_table_setl(t, r, SU_COUNT, count);
	if (!isnan(value))
		iop_table_setd(t, r, SU_VALUE, value);
	if (base >= 0)
		iop_table_setl(t, r, SU_BASE, base);
}

/* Attendance a week, from the per-person counters. */
static struct iop_table *
weekly_attendance(struct iop_rdata *d, struct iop_rcount *tot)
{
	enum { AW_WEEK, AW_WEEK_START, AW_COUNTS };
	static struct iop_tcol cols[AW_COUNTS + AT_N] = {
		[AW_WEEK] = { "week", IOP_CT_WEEK },
		[AW_WEEK_START] = { "week_start", IOP_CT_DATE }
	};
	struct iop_table *t;
	struct iop_rcount c;
	const struct iop_rcell *x;
	size_t i, r;
	long wlo, whi, w;

	memcpy(cols + AW_COUNTS, att_counts, sizeof(att_counts));
	t = iop_table_new("attendance_by_week", "Attendance by week", cols,
	    AW_COUNTS + AT_N, 1);
	span(d, &wlo, &whi);
	memset(tot, 0, sizeof(*tot));
	for (w = wlo; w <= whi; w++) {
		memset(&c, 0, sizeof(c));
		for (i = 0; i < d->n; i++) {
			if ((x = iop_rperson_getcell(&d->pp[i], w)) == NULL)
				continue;
			c.sched += x->c.sched;
			c.recorded += x->c.recorded;
			c.present += x->c.present;
			c.late += x->c.late;
			c.left += x->c.left;
			c.tele += x->c.tele;
			c.absent += x->c.absent;
			c.excused += x->c.excused;
			c.minutes += x->c.minutes;
			c.sched_min += x->c.sched_min;
		}
		r = iop_table_row(t);
		iop_table_setweek(t, r, AW_WEEK, iop_rmonday(w));
		iop_table_setdate(t, r, AW_WEEK_START, iop_rmonday(w));
		count_cols(t, r, AW_COUNTS, &c, iop_rdata_has_schedule(d));
		tot->sched += c.sched;
		tot->present += c.present + c.late + c.left + c.tele;
		tot->excused += c.excused;
		tot->minutes += c.minutes;
	}
	return t;
}

static long
num(const struct iop_table *t, size_t r, const char *col)
{
	long c = iop_table_col(t, col);

	return c < 0 ? 0 : atol(iop_table_get(t, r, (size_t)c));
}

struct iop_table **
iop_report_summary(struct iop_rdata *d)
{
	static const struct iop_tcol cols[] = {
		[SU_SECTION] = { "section", IOP_CT_STR },
		[SU_MEASURE] = { "measure", IOP_CT_STR },
		[SU_COUNT] = { "count", IOP_CT_COUNT },
		[SU_VALUE] = { "value", IOP_CT_NUM },
		[SU_BASE] = { "base", IOP_CT_COUNT }
	};
	struct iop_table **all, *t, *x;
	struct iop_rcount tot;
	size_t i, r;
	long in = 0, ad = 0, di = 0, pw = 0, met = 0, bill = 0, n, al = 0;
	double hrs = 0;
	int saveby = d->p.by[0];

	all = ecalloc(6, sizeof(*all));
	t = all[0] = iop_table_new("summary", "Program summary", cols, SU_N,
	    1);
	d->p.by[0] = IOP_DIM_NONE;
	all[1] = iop_report_census(d);
	all[2] = weekly_attendance(d, &tot);
	all[3] = iop_report_hours(d, 1);
	d->p.by[0] = IOP_DIM_INSTRUMENT;
	all[4] = iop_report_outcomes(d);
	d->p.by[0] = saveby;

	for (i = 0; i < d->n; i++) {
		const struct iop_rperson *p = &d->pp[i];

		in += iop_rperson_incare(p, d->p.asof);
		ad += p->known && p->adm >= d->p.from && p->adm <= iop_rtab_lastday(d);
		di += p->known && p->end >= d->p.from && p->end <= iop_rtab_lastday(d);
	}
	sumrow(t, "census", "in_care_on_as_of", in, NAN, -1);
	sumrow(t, "census", "admissions", ad, NAN, -1);
	sumrow(t, "census", "discharges", di, NAN, -1);
	sumrow(t, "attendance", "sessions_scheduled", (long)tot.sched, NAN,
	    -1);
	sumrow(t, "attendance", "sessions_attended", (long)tot.present, NAN,
	    -1);
	sumrow(t, "attendance", "attendance_rate", -1, tot.sched >
	    tot.excused ? (double)tot.present / (double)(tot.sched -
	    tot.excused) : NAN, (long)(tot.sched - tot.excused));
	sumrow(t, "attendance", "hours_attended", -1,
	    (double)tot.minutes / 60.0, -1);
	for (r = 0; r < all[3]->nrows; r++) {
		n = num(all[3], r, "people");
		pw += n;
		met += num(all[3], r, "met_minimum");
		hrs += atof(iop_table_get(all[3], r, HW_MEAN_HOURS)) *
		    (double)n;
	}
	sumrow(t, "hours", "person_weeks", pw, NAN, -1);
	sumrow(t, "hours", "person_weeks_meeting_minimum", met, NAN, -1);
	sumrow(t, "hours", "share_meeting_minimum", -1, pw > 0 ?
	    (double)met / (double)pw : NAN, pw);
	sumrow(t, "hours", "mean_weekly_hours", -1, pw > 0 ? hrs /
	    (double)pw : NAN, pw);
	/*
	 * Without --from, from the first week with attendance; with no
	 * attendance at all wmin is still its LONG_MAX sentinel and there
	 * is nothing to bill (the sentinel is never turned into a date).
	 */
	if (d->p.from != LONG_MIN || d->wmin != LONG_MAX)
		for (i = 0; i < d->n; i++)
			bill += billable_days(d, &d->pp[i],
			    d->p.from == LONG_MIN ? iop_rmonday(d->wmin) :
			    d->p.from, iop_rtab_lastday(d), NULL);
	sumrow(t, "billing", "billable_days", bill, NAN, -1);
	x = iop_report_completion(d);
	r = x->nrows - 1;
	n = num(x, r, "admitted") - num(x, r, "in_care");
	sumrow(t, "completion", "stays_ended", n, NAN, -1);
	sumrow(t, "completion", "completed", num(x, r, "completed"), NAN, -1);
	sumrow(t, "completion", "completion_rate", -1, n > 0 ?
	    atof(iop_table_get(x, r, CO_RATE)) : NAN, n);
	sumrow(t, "completion", "los_median_days", -1, n > 0 ?
	    atof(iop_table_get(x, r, CO_LOS_MEDIAN)) : NAN, n);
	iop_table_free(x);
	for (r = 0; r < all[4]->nrows; r++) {
		char what[64];

		n = num(all[4], r, "people");
		snprintf(what, sizeof(what), "%s_share_improved",
		    iop_table_get(all[4], r, OA_INSTRUMENT));
		sumrow(t, "outcomes", what, -1, n > 0 ?
		    atof(iop_table_get(all[4], r, OA_SHARE_IMPROVED)) : NAN,
		    n);
	}
	x = iop_report_authorizations(d);
	for (r = 0; r < x->nrows; r++)
		al += *iop_table_get(x, r, AU_ALERT) != '\0';
	sumrow(t, "authorizations", "alerts", al, NAN, -1);
	iop_table_free(x);
	x = iop_report_risk(d);
	sumrow(t, "risk", "people_at_risk", (long)x->nrows, NAN, -1);
	iop_table_free(x);
	return all;
}
