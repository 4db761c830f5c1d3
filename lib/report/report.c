/*
 * report.c -- the data behind iop-report: the participant list, the
 * attendance stream, the schedule and the screenings, read into one
 * record per person holding counters per ISO week (struct iop_rcell) and
 * first/latest screening totals, plus counters per value of the --by
 * dimensions.  Attendance is streamed: nothing is kept per row.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/sched/appt.h"
#include "lib/attend/attend.h"
#include "lib/io/io.h"
#include "lib/clinic/person.h"
#include "lib/clinic/stay.h"
#include "lib/report/report.h"


const char *const iop_dim_names[IOP_DIM_N + 1] = {
	"none", "participant", "week", "track", "group", "staff", "type",
	"payer", "level", "status", "focus", "instrument", NULL
};

static void	 count_add(struct iop_rcount *, int, long);
static struct iop_ragg *agg_get(struct iop_rdata *, const char *,
		    const char *);
static const char *dimval(struct iop_rdata *, int, struct iop_rperson *,
		    long, const struct iop_appt *, char *);
static long	 col(const struct iop_hdr *, const char *);
static int	 begin(struct iop_reader *, const char *const *,
		    iop_report_fn *, void *, int *);
static int	 next_rec(struct iop_reader *, struct iop_rec *,
		    struct iop_err *, iop_report_fn *, void *, int *);

long
iop_rweek(long day)
{
	long x = day + 3;

	return x >= 0 ? x / 7 : -((-x + 6) / 7);
}

long
iop_rmonday(long wk)
{
	return wk * 7 - 3;
}

struct iop_rdata *
iop_rdata_new(const struct iop_rparams *p)
{
	struct iop_rdata *d;

	d = ecalloc(1, sizeof(*d));
	d->p = *p;
	d->wmin = LONG_MAX;
	d->wmax = LONG_MIN;
	return d;
}

void
iop_rdata_free(struct iop_rdata *d)
{
	size_t i, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->pp[i].id);
		for (k = 0; k < IOP_DIM_N; k++)
			free(d->pp[i].dim[k]);
		free(d->pp[i].dreason);
		free(d->pp[i].auth_id);
		free(d->pp[i].cells);
	}
	for (i = 0; i < d->nagg; i++)
		free(d->agg[i].val[0]);
	if (d->appts != NULL)
		iop_appts_free(d->appts);
	free(d->agg);
	iop_map_free(&d->amap);
	iop_buf_free(&d->akey);
	free(d->pp);
	iop_map_free(&d->pmap);
	free(d);
}

/* The person with this ID; created (unknown to the list) when asked. */
struct iop_rperson *
iop_rdata_person(struct iop_rdata *d, const char *id, int create)
{
	struct iop_rperson *p;
	size_t i, n = strlen(id);

	if ((i = iop_map_get(&d->pmap, id, n)) != IOP_MAP_NONE)
		return &d->pp[i];
	if (!create)
		return NULL;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->pp = ereallocarray(d->pp, d->cap, sizeof(*d->pp));
	}
	p = &d->pp[d->n];
	memset(p, 0, sizeof(*p));
	p->id = estrdup(id);
	p->status = -1;
	p->adm = LONG_MIN;
	p->end = LONG_MAX;
	p->auth_start = LONG_MIN;
	p->auth_end = LONG_MAX;
	p->auth_days = -1;
	(void)iop_map_put(&d->pmap, p->id, n, d->n++);
	return p;
}

/*
 * The first cell whose week is not before wk (ncells when none): the
 * cells are kept sorted, one for each week that has data, so memory
 * follows the data and not the span of weeks between the first and last.
 */
static size_t
cell_at(const struct iop_rperson *p, long wk)
{
	size_t lo = 0, hi = p->ncells, mid;

	/* Attendance usually arrives in date order: try the end first. */
	if (hi > 0 && p->cells[hi - 1].wk < wk)
		return hi;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->cells[mid].wk < wk)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct iop_rcell *
iop_rperson_cell(struct iop_rperson *p, long wk)
{
	size_t k = cell_at(p, wk);

	if (k < p->ncells && p->cells[k].wk == wk)
		return &p->cells[k];
	if (p->ncells == p->capcells) {
		p->capcells = p->capcells ? p->capcells * 2 : 4;
		p->cells = ereallocarray(p->cells, p->capcells,
		    sizeof(*p->cells));
	}
	memmove(p->cells + k + 1, p->cells + k, (p->ncells - k) *
	    sizeof(*p->cells));
	memset(&p->cells[k], 0, sizeof(p->cells[k]));
	p->cells[k].wk = wk;
	p->ncells++;
	return &p->cells[k];
}

const struct iop_rcell *
iop_rperson_getcell(const struct iop_rperson *p, long wk)
{
	size_t k = cell_at(p, wk);

	return k < p->ncells && p->cells[k].wk == wk ? &p->cells[k] : NULL;
}

int
iop_rperson_incare(const struct iop_rperson *p, long day)
{
	return p->known && p->adm <= day && day < p->end;
}

static int
idcmp(const void *a, const void *b, void *arg)
{
	const struct iop_rdata *d = arg;

	return strcmp(d->pp[*(const size_t *)a].id,
	    d->pp[*(const size_t *)b].id);
}

/* Insertion-merge sort: qsort_r is not POSIX. */
size_t *
iop_rdata_sorted(const struct iop_rdata *d)
{
	size_t *ix, *tmp, i, w, lo, mid, hi, a, b, k;

	ix = ecalloc(d->n + 1, sizeof(*ix));
	tmp = ecalloc(d->n + 1, sizeof(*tmp));
	for (i = 0; i < d->n; i++)
		ix[i] = i;
	for (w = 1; w < d->n; w *= 2) {
		for (lo = 0; lo < d->n; lo += 2 * w) {
			mid = lo + w < d->n ? lo + w : d->n;
			hi = lo + 2 * w < d->n ? lo + 2 * w : d->n;
			a = lo;
			b = mid;
			k = lo;
			while (a < mid || b < hi)
				tmp[k++] = (b >= hi || (a < mid &&
				    idcmp(&ix[a], &ix[b], (void *)d) <= 0)) ?
				    ix[a++] : ix[b++];
		}
		memcpy(ix, tmp, d->n * sizeof(*ix));
	}
	free(tmp);
	return ix;
}

static long
col(const struct iop_hdr *h, const char *name)
{
	return h != NULL ? iop_hdr_find(h, name) : -1;
}

/*
 * Read the header and check the required columns (io/source.c: an input
 * that cannot be read is reported, counted in *bad, and the next one is
 * tried): 1 to go on, 0 when no input has a header, -1 after a report.
 */
static int
begin(struct iop_reader *rd, const char *const *need, iop_report_fn *report,
    void *arg, int *bad)
{
	int st = 0;

	if (iop_src_header(rd, report, arg, &st) != 0)
		return st ? -1 : 0;
	*bad += st;
	return iop_src_require(rd, need, report, arg) == 0 ? 1 : -1;
}

/*
 * The next record: 1, or 0 at the end.  Records that cannot be read are
 * reported and counted in *bad, and reading goes on with the next input
 * (io/source.c); *e is cleared for the caller's checks.
 */
static int
next_rec(struct iop_reader *rd, struct iop_rec *r, struct iop_err *e,
    iop_report_fn *report, void *arg, int *bad)
{
	int st = 0, rv;

	memset(e, 0, sizeof(*e));
	rv = iop_src_next(rd, r, report, arg, &st);
	*bad += st;
	return rv;
}

int
iop_rdata_people(struct iop_rdata *d, struct iop_reader *rd,
    iop_report_fn *report, void *arg)
{
	struct iop_person ix;
	struct iop_stay s;
	struct iop_rec r;
	struct iop_err e;
	struct iop_rperson *p;
	int rv, bad = 0;

	d->have_people = 1;
	if ((rv = begin(rd, iop_stay_need, report, arg, &bad)) <= 0)
		return rv;
	iop_person_index(&ix, iop_reader_hdr(rd));
	iop_rec_init(&r);
	while (next_rec(rd, &r, &e, report, arg, &bad)) {
		if (iop_stay_parse(&r, &ix, &s, &e) != 0)
			goto reject;
		if (iop_rdata_person(d, s.id, 0) != NULL) {
			iop_field_err(&e, &r, (size_t)ix.col[IOP_P_ID],
			    "participant_id",
			    "appears twice in the participant list");
			goto reject;
		}
		p = iop_rdata_person(d, s.id, 1);
		p->known = 1;
		p->status = s.status;
		p->adm = s.adm;
		p->end = s.end;
		p->auth_start = s.auth_start;
		p->auth_end = s.auth_end;
		p->auth_days = s.auth_days;
		p->dim[IOP_DIM_TRACK] = estrdup(s.track);
		p->dim[IOP_DIM_PAYER] = estrdup(s.payer);
		p->dim[IOP_DIM_LEVEL] = estrdup(s.level);
		p->dim[IOP_DIM_FOCUS] = estrdup(s.focus);
		p->dim[IOP_DIM_STATUS] = estrdup(iop_status_names[s.status]);
		p->dreason = estrdup(s.dreason);
		p->auth_id = estrdup(s.auth_id);
		continue;
reject:
		report(&e, arg);
		bad++;
	}
	iop_rec_free(&r);
	return bad;
}

static void
count_add(struct iop_rcount *c, int st, long min)
{
	c->recorded++;
	switch (st) {
	case IOP_AT_PRESENT:
		c->present++;
		break;
	case IOP_AT_LATE:
		c->late++;
		break;
	case IOP_AT_LEFT_EARLY:
		c->left++;
		break;
	case IOP_AT_ABSENT:
		c->absent++;
		break;
	case IOP_AT_EXCUSED:
		c->excused++;
		break;
	default:
		c->tele++;
		break;
	}
	if (iop_att_attended(st))
		c->minutes += (uint64_t)min;
}

static struct iop_ragg *
agg_get(struct iop_rdata *d, const char *a, const char *b)
{
	struct iop_ragg *g;
	size_t i, la = strlen(a), lb = strlen(b);
	char kb[128];
	const char *k = kb;

	/* The key is "a\0b"; dimension values are short, no allocation. */
	if (lb == 0)
		k = a;		/* "a\0" is a's own bytes and its NUL */
	else if (la + lb + 2 <= sizeof(kb)) {
		memcpy(kb, a, la + 1);
		memcpy(kb + la + 1, b, lb + 1);
	} else {
		iop_buf_reset(&d->akey);
		iop_buf_add(&d->akey, a, la + 1);
		iop_buf_add(&d->akey, b, lb);
		k = d->akey.s;
	}
	/* The key without its final NUL (kept in val[0] all the same). */
	if ((i = iop_map_get(&d->amap, k, la + lb + 1)) != IOP_MAP_NONE)
		return &d->agg[i];
	if (d->nagg == d->capagg) {
		d->capagg = d->capagg ? d->capagg * 2 : 64;
		d->agg = ereallocarray(d->agg, d->capagg, sizeof(*d->agg));
	}
	g = &d->agg[d->nagg];
	memset(g, 0, sizeof(*g));
	g->val[0] = emalloc(la + lb + 2);
	memcpy(g->val[0], k, la + lb + 1);
	g->val[0][la + lb + 1] = '\0';
	g->val[1] = g->val[0] + la + 1;
	(void)iop_map_put(&d->amap, g->val[0], la + lb + 1, d->nagg++);
	return g;
}

/*
 * The value of a dimension for one session: a is its appointment in the
 * schedule (type, track, staff and group), or NULL.
 */
static const char *
dimval(struct iop_rdata *d, int dim, struct iop_rperson *p, long day,
    const struct iop_appt *a, char *wbuf)
{
	(void)d;
	switch (dim) {
	case IOP_DIM_PARTICIPANT:
		return p->id;
	case IOP_DIM_WEEK:
		iop_isoweek_fmt(day, wbuf);
		return wbuf;
	case IOP_DIM_TRACK:
		if (a != NULL && a->track[0] != '\0')
			return a->track;
		return p->dim[IOP_DIM_TRACK] ? p->dim[IOP_DIM_TRACK] : "";
	case IOP_DIM_TYPE:
		return a != NULL ? a->type : "";
	case IOP_DIM_STAFF:
		return a != NULL ? a->staff_id : "";
	case IOP_DIM_GROUP:
		return a != NULL ? a->group_id : "";
	case IOP_DIM_NONE:
		return "";
	default:
		return p->dim[dim] ? p->dim[dim] : "";
	}
}

static void
agg_count(struct iop_rdata *d, struct iop_rperson *p, long day,
    const struct iop_appt *a, int st, long min, long smin)
{
	char w0[9], w1[9];
	struct iop_ragg *g;

	if (d->p.by[0] == IOP_DIM_NONE)
		return;
	g = agg_get(d, dimval(d, d->p.by[0], p, day, a, w0),
	    dimval(d, d->p.by[1], p, day, a, w1));
	if (st >= 0)
		count_add(&g->c, st, min);
	else {
		g->c.sched++;
		g->c.sched_min += (uint64_t)smin;
	}
}

int
iop_rdata_attendance(struct iop_rdata *d, struct iop_reader *rd,
    iop_report_fn *report, void *arg)
{
	static const char *const need[] = { "participant_id", "date",
	    "status", NULL };
	struct iop_rec r;
	struct iop_err e;
	struct iop_rperson *p = NULL;
	struct iop_rcell *c;
	const struct iop_hdr *lasthdr = NULL;
	long cc[6] = { -1, -1, -1, -1, -1, -1 }, day, min, rec, wk, to;
	int rv, bad = 0, st, wd;
	const struct iop_appt *a;

	if ((rv = begin(rd, need, report, arg, &bad)) <= 0)
		return rv;
	to = d->p.to < d->p.asof ? d->p.to : d->p.asof;
	iop_rec_init(&r);
	while (next_rec(rd, &r, &e, report, arg, &bad)) {
		/* Columns are looked up once per header (files may differ). */
		if (r.hdr == lasthdr)
			goto cols;
		lasthdr = r.hdr;
		cc[0] = col(r.hdr, "participant_id");
		cc[1] = col(r.hdr, "date");
		cc[2] = col(r.hdr, "status");
		cc[3] = col(r.hdr, "minutes");
		cc[4] = col(r.hdr, "recorded_at");
		cc[5] = col(r.hdr, "session_id");
cols:
		if (iop_field_date(&r, (size_t)cc[1], "date", &day, &e) != 0)
			goto reject;
		if (day < d->p.from || day > to)
			continue;
		/* Corrections recorded after --as-of are not yet known. */
		if (cc[4] >= 0 && iop_rec_len(&r, (size_t)cc[4]) > 0) {
			const char *why;
			long long ts;

			if (iop_stamp_check(iop_rec_get(&r, (size_t)cc[4]),
			    &ts, &why) != 0) {
				iop_field_err(&e, &r, (size_t)cc[4],
				    "recorded_at", "%s", why);
				goto reject;
			}
			rec = (long)(ts / 86400);
			if (ts < 0 && ts % 86400 != 0)
				rec--;
			if (rec > d->p.asof)
				continue;
		}
		if ((st = iop_enum_parse(iop_rec_get(&r, (size_t)cc[2]),
		    iop_att_status_names, 0)) < 0) {
			iop_field_enum(&r, (size_t)cc[2], "status",
			    iop_att_status_names, &st, &e);
			goto reject;
		}
		min = 0;
		if (cc[3] >= 0 && iop_rec_get(&r, (size_t)cc[3])[0] != '\0' &&
		    iop_field_int(&r, (size_t)cc[3], "minutes", 0, 1440, &min,
		    &e) != 0)
			goto reject;
		if (iop_rec_get(&r, (size_t)cc[0])[0] == '\0') {
			iop_field_err(&e, &r, (size_t)cc[0], "participant_id",
			    "must not be empty");
			goto reject;
		}
		/* Rows come grouped by person: reuse the last lookup. */
		if (p == NULL || strcmp(p->id, iop_rec_get(&r,
		    (size_t)cc[0])) != 0)
			p = iop_rdata_person(d, iop_rec_get(&r, (size_t)cc[0]),
			    !d->have_people);
		if (p == NULL) {
			iop_field_err(&e, &r, (size_t)cc[0], "participant_id",
			    "not in the participant list");
			goto reject;
		}
		a = d->appts != NULL && cc[5] >= 0 ? iop_appts_find(d->appts,
		    iop_rec_get(&r, (size_t)cc[5]), p->id) : NULL;
		wk = iop_rweek(day);
		if (wk < d->wmin)
			d->wmin = wk;
		if (wk > d->wmax)
			d->wmax = wk;
		c = iop_rperson_cell(p, wk);
		count_add(&c->c, st, min);
		wd = iop_date_weekday(day) - 1;
		if (st == IOP_AT_ABSENT)
			c->absday |= IOP_WDAY_BIT(wd + 1);
		else if (iop_att_attended(st)) {
			c->attday |= IOP_WDAY_BIT(wd + 1);
			c->daymin[wd] = (uint16_t)(c->daymin[wd] + min > 65535 ?
			    65535 : c->daymin[wd] + min);
		}
		if (d->appts == NULL) {
			c->c.sched++;
			agg_count(d, p, day, a, -1, 0, 0);
		}
		agg_count(d, p, day, a, st, min, 0);
		continue;
reject:
		report(&e, arg);
		bad++;
	}
	iop_rec_free(&r);
	return bad;
}

int
iop_rdata_has_schedule(const struct iop_rdata *d)
{
	return d->appts != NULL;
}

/*
 * The schedule gives what was planned: every appointment in the period
 * counts as scheduled (with its minutes) for its person and week.
 */
int
iop_rdata_schedule(struct iop_rdata *d, const char *path,
    const struct iop_inopt *in, iop_report_fn *report, void *arg, int *status)
{
	const struct iop_appt *a;
	struct iop_rperson *p;
	struct iop_rcell *c;
	long to;
	size_t i, n;

	if ((d->appts = iop_appts_load(path, in, report, arg, status)) == NULL)
		return -1;
	to = d->p.to < d->p.asof ? d->p.to : d->p.asof;
	n = iop_appts_count(d->appts);
	for (i = 0; i < n; i++) {
		a = iop_appts_at(d->appts, i);
		if (a->date < d->p.from || a->date > to)
			continue;
		if ((p = iop_rdata_person(d, a->participant_id,
		    !d->have_people)) == NULL)
			continue;
		c = iop_rperson_cell(p, iop_rweek(a->date));
		c->c.sched++;
		c->c.sched_min += (uint64_t)a->minutes;
		agg_count(d, p, a->date, a, -1, 0, a->minutes);
	}
	return 0;
}

int
iop_rdata_screenings(struct iop_rdata *d, struct iop_reader *rd,
    iop_report_fn *report, void *arg)
{
	static const char *const need[] = { "participant_id", "screened_on",
	    NULL };
	struct iop_rec r;
	struct iop_err e;
	struct iop_rperson *p;
	struct iop_rscore *s;
	const char *why;
	long cid, cdt, ct[IOP_NINSTR], day, v, to;
	size_t k;
	int rv, bad = 0;

	d->have_screen = 1;
	if ((rv = begin(rd, need, report, arg, &bad)) <= 0)
		return rv;
	cid = col(iop_reader_hdr(rd), "participant_id");
	cdt = col(iop_reader_hdr(rd), "screened_on");
	for (k = 0; k < IOP_NINSTR; k++)
		ct[k] = col(iop_reader_hdr(rd), iop_instr[k].total);
	to = d->p.to < d->p.asof ? d->p.to : d->p.asof;
	iop_rec_init(&r);
	while (next_rec(rd, &r, &e, report, arg, &bad)) {
		/* A referral not yet enrolled has no participant ID. */
		if (iop_rec_get(&r, (size_t)cid)[0] == '\0')
			continue;
		if (iop_field_date(&r, (size_t)cdt, "screened_on", &day,
		    &e) != 0)
			goto reject;
		if (day > to)
			continue;
		for (k = 0; k < IOP_NINSTR; k++)
			if (ct[k] >= 0 && iop_rec_get(&r, (size_t)ct[k])[0] !=
			    '\0' && iop_field_int(&r, (size_t)ct[k],
			    iop_instr[k].total, 0, iop_instr[k].max, &v,
			    &e) != 0)
				goto reject;
		if ((p = iop_rdata_person(d, iop_rec_get(&r, (size_t)cid),
		    !d->have_people)) == NULL) {
			iop_field_err(&e, &r, (size_t)cid, "participant_id",
			    "not in the participant list");
			goto reject;
		}
		for (k = 0; k < IOP_NINSTR; k++) {
			if (ct[k] < 0 || iop_rec_get(&r, (size_t)ct[k])[0] ==
			    '\0')
				continue;
			iop_int_parse(iop_rec_get(&r, (size_t)ct[k]), 0,
			    iop_instr[k].max, &v, &why);
			s = &p->sc[k];
			if (s->n == 0 || day < s->d0) {
				s->d0 = day;
				s->v0 = (int)v;
			}
			if (s->n == 0 || day >= s->d1) {
				s->d1 = day;
				s->v1 = (int)v;
			}
			s->n++;
		}
		continue;
reject:
		report(&e, arg);
		bad++;
	}
	iop_rec_free(&r);
	return bad;
}

double
iop_quantile(const double *x, size_t n, double q)
{
	double h;
	size_t i;

	if (n == 0)
		return 0;
	h = (double)(n - 1) * q;
	i = (size_t)h;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - (double)i) * (x[i + 1] - x[i]);
}
