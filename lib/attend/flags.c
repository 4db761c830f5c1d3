/*
 * flags.c -- what the attendance file says against the schedule: the
 * latest record of each appointment (iop_att_gather), the sessions over
 * and not recorded (missing), and the people to call (flags: consecutive
 * absences, weeks under the minimum).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/io/io.h"
#include "lib/sched/appt.h"
#include "lib/attend/attend.h"
#include "lib/attend/attend_private.h"

static int	 cmp_session(const void *, const void *);
static void	 hours(char *, size_t, int);
static void	 flag_one(const struct iop_appts *, const struct iop_att_slot *,
		    size_t, size_t, const struct iop_att_flagopt *,
		    iop_att_flag_fn *, void *);

struct iop_att_slot *
iop_att_slots_new(const struct iop_appts *a)
{
	struct iop_att_slot *s;
	size_t i, n = iop_appts_count(a);

	s = ecalloc(n + 1, sizeof(*s));
	for (i = 0; i < n; i++) {
		s[i].ts = LLONG_MIN;
		s[i].status = -1;
	}
	return s;
}

void
iop_att_gather(struct iop_reader *rd, const struct iop_appts *appts,
    struct iop_att_slot *s, size_t *orphans, iop_report_fn *fn, void *arg,
    int *status)
{
	static const char *const need[] = { "session_id", "participant_id",
	    "status", NULL };
	const struct iop_appt *a;
	struct iop_rec r;
	struct iop_err e;
	long sc, pc, stc, mc, tc, m;
	long long ts;
	size_t pos;
	int st, rv;
	const char *why;

	memset(&e, 0, sizeof(e));
	if ((rv = iop_reader_header(rd, &e)) != IOP_OK) {
		if (rv != IOP_EOF) {
			fn(&e, arg);
			*status = 1;
		}
		return;
	}
	if (iop_src_require(rd, need, fn, arg) != 0) {
		*status = 1;
		return;
	}
	sc = iop_hdr_find(iop_reader_hdr(rd), "session_id");
	pc = iop_hdr_find(iop_reader_hdr(rd), "participant_id");
	stc = iop_hdr_find(iop_reader_hdr(rd), "status");
	mc = iop_hdr_find(iop_reader_hdr(rd), "minutes");
	tc = iop_hdr_find(iop_reader_hdr(rd), "recorded_at");
	iop_rec_init(&r);
	while (iop_src_next(rd, &r, fn, arg, status)) {
		if ((a = iop_att_rec_appt(appts, &r, sc, pc)) == NULL) {
			(*orphans)++;
			continue;
		}
		if ((st = iop_att_mark(iop_rec_get(&r, (size_t)stc))) < 0 ||
		    *iop_rec_get(&r, (size_t)stc) == '\0') {
			iop_reportf(fn, arg, r.src, r.line, (size_t)stc + 1,
			    "field 'status': not an attendance status");
			*status = 1;
			continue;
		}
		ts = LLONG_MIN + 1;
		if (tc >= 0 && *iop_rec_get(&r, (size_t)tc) != '\0' &&
		    iop_stamp_check(iop_rec_get(&r, (size_t)tc), &ts,
		    &why) != 0) {
			iop_att_bad_stamp(&r, tc, why, fn, arg);
			*status = 1;
			continue;
		}
		m = iop_att_attended(st) ? a->minutes : 0;
		if (mc >= 0 && *iop_rec_get(&r, (size_t)mc) != '\0' &&
		    iop_int_parse(iop_rec_get(&r, (size_t)mc), 0, a->minutes,
		    &m, &why) != 0) {
			iop_reportf(fn, arg, r.src, r.line, (size_t)mc + 1,
			    "field 'minutes': %s (0 to the session's length)",
			    why);
			*status = 1;
			continue;
		}
		pos = iop_appts_pos(appts, a);
		if (ts >= s[pos].ts) {
			s[pos].ts = ts;
			s[pos].status = (signed char)st;
			s[pos].minutes = (int)m;
		}
	}
	iop_rec_free(&r);
}

int
iop_att_over(const struct iop_appt *a, long today, int nowmin)
{
	return a->date < today || (a->date == today && a->end <= nowmin);
}

static int
cmp_session(const void *x, const void *y)
{
	const struct iop_appt *a = *(const struct iop_appt *const *)x;
	const struct iop_appt *b = *(const struct iop_appt *const *)y;
	int c;

	if ((c = iop_appt_cmp_when(a, b)) != 0)
		return c;
	return strcmp(a->participant_id, b->participant_id);
}

void
iop_att_missing(const struct iop_appts *ap, const struct iop_att_slot *s,
    long today, int nowmin, long since, iop_att_missing_fn *fn, void *arg)
{
	const struct iop_appt **v, **miss, *a;
	size_t i, j, n = 0, nv = iop_appts_count(ap), nmiss;

	v = ecalloc(nv + 1, sizeof(*v));
	miss = ecalloc(nv + 1, sizeof(*miss));
	for (i = 0; i < nv; i++) {
		a = iop_appts_at(ap, i);
		if (iop_att_over(a, today, nowmin) && a->date >= since)
			v[n++] = a;
	}
	qsort(v, n, sizeof(*v), cmp_session);
	for (i = 0; i < n; i = j) {
		nmiss = 0;
		for (j = i; j < n && v[j]->session_id == v[i]->session_id; j++)
			if (s[iop_appts_pos(ap, v[j])].status < 0)
				miss[nmiss++] = v[j];
		if (nmiss > 0)
			fn(v[i], j - i, j - i - nmiss, miss, nmiss, arg);
	}
	free(v);
	free(miss);
}

/*
 * One participant's appointments [i, j).  A program day counts as missed
 * when an appointment of it that is over was absent and none was
 * attended; excused days and days with nothing recorded neither break
 * nor extend the run.
 */
static void
flag_one(const struct iop_appts *ap, const struct iop_att_slot *s,
    size_t i, size_t j, const struct iop_att_flagopt *o,
    iop_att_flag_fn *fn, void *arg)
{
	struct iop_att_flagrep f;
	const struct iop_appt *a;
	size_t k, q;
	int att, absent, sched = 0;

	memset(&f, 0, sizeof(f));
	f.appt = iop_appts_at(ap, i);
	for (k = i; k < j; k = q) {
		att = absent = 0;
		a = iop_appts_at(ap, k);
		for (q = k; q < j && iop_appts_at(ap, q)->date == a->date;
		    q++) {
			if (!iop_att_over(iop_appts_at(ap, q), o->today,
			    o->nowmin))
				continue;
			att |= s[q].status >= 0 && iop_att_attended(s[q].status);
			absent |= s[q].status == IOP_AT_ABSENT;
		}
		if (att)
			f.days = 0;
		else if (absent) {
			if (f.days++ == 0)
				f.first = a->date;
			f.date = a->date;
		}
	}
	if (f.days >= o->consecutive) {
		f.kind = IOP_FLAG_CONSECUTIVE;
		fn(&f, arg);
	}
	for (k = i; k < j; k++) {
		a = iop_appts_at(ap, k);
		if (strcmp(a->type, "individual") == 0 &&
		    s[k].status == IOP_AT_ABSENT && a->date >= o->since &&
		    a->date <= o->today) {
			f.kind = IOP_FLAG_INDIVIDUAL;
			f.appt = a;
			f.date = a->date;
			fn(&f, arg);
		}
	}
	f.appt = iop_appts_at(ap, i);
	for (k = i; k < j; k++) {
		a = iop_appts_at(ap, k);
		if (a->date < o->monday || a->date > o->monday + 6)
			continue;
		sched += a->minutes;
		if (s[k].status >= 0 && iop_att_attended(s[k].status))
			f.attended += s[k].minutes;
		else if (s[k].status < 0 &&
		    !iop_att_over(a, o->today, o->nowmin))
			f.remaining += a->minutes;
	}
	/* A week scheduled under the minimum is the schedule's problem. */
	if (o->minmin > 0 && sched >= o->minmin &&
	    f.attended + f.remaining < o->minmin) {
		f.kind = IOP_FLAG_HOURS;
		f.date = o->monday;
		fn(&f, arg);
	}
}

void
iop_att_flags(const struct iop_appts *ap, const struct iop_att_slot *s,
    const struct iop_att_flagopt *o, iop_att_flag_fn *fn, void *arg)
{
	size_t i, j, n = iop_appts_count(ap);

	for (i = 0; i < n; i = j) {
		for (j = i; j < n && iop_appts_at(ap, j)->participant_id ==
		    iop_appts_at(ap, i)->participant_id; j++)
			;
		flag_one(ap, s, i, j, o, fn, arg);
	}
}

static void
hours(char *buf, size_t size, int min)
{
	int t = (min * 10 + 30) / 60;

	if (t % 10 == 0)
		snprintf(buf, size, "%d", t / 10);
	else
		snprintf(buf, size, "%d.%d", t / 10, t % 10);
}

void
iop_att_flag_detail(const struct iop_att_flagrep *f, int minmin, char *buf,
    size_t size)
{
	char d[11], wk[9], h1[16], h2[16], h3[16];

	switch (f->kind) {
	case IOP_FLAG_CONSECUTIVE:
		iop_date_fmt(f->first, d);
		snprintf(buf, size, "missed %d program days in a row since %s",
		    f->days, d);
		break;
	case IOP_FLAG_INDIVIDUAL:
		snprintf(buf, size, "absent from an individual session");
		break;
	case IOP_FLAG_HOURS:
		iop_isoweek_fmt(f->date, wk);
		hours(h1, sizeof(h1), f->attended);
		hours(h2, sizeof(h2), minmin);
		hours(h3, sizeof(h3), f->remaining);
		snprintf(buf, size, "%s: attended %s h of the %s h weekly "
		    "minimum%s%s%s", wk, h1, h2, f->remaining ? "; " : "",
		    f->remaining ? h3 : "", f->remaining ?
		    " h still scheduled" : "");
		break;
	}
}
