/*
 * sched.c -- the generator of iop-schedule (placement is in place.c, the
 * conflict checker in check.c).
 *
 * The generator works one day at a time in date order.  Each participant's
 * attendance days are worked out first from their admission date, their
 * phases and the closures; then, for each day and track, the people due
 * are split into groups of the program's capacity and every block, first-
 * day session and one-to-one session is given a staff member and a room
 * that are free, so that nobody is ever booked twice.  What cannot be
 * placed is handed to the caller as an issue, never dropped.  Memory grows
 * with the number of participants and with one day's appointments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"
#include "lib/sched/sched_private.h"

static void	 issue(struct iop_sched *, enum iop_issue_kind, int,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static struct cstat *cstat(struct iop_sched *, long, const char *);
static void	 attend(struct iop_sched *, int, long);
static int	 entcmp(const void *, const void *);
static int	 apptcmp(const void *, const void *);
static struct iop_sappt *newappt(struct iop_sched *);
static const char *topic(const struct iop_program *, int, size_t, long);
static void	 do_groups(struct iop_sched *, long, int, struct ent *,
		    size_t);
static void	 do_single(struct iop_sched *, long, int, const struct ent *,
		    int);
static void	 do_day(struct iop_sched *, long, struct ent *, size_t);

static void
issue(struct iop_sched *s, enum iop_issue_kind kind, int person,
    const char *fmt, ...)
{
	struct iop_issue is;
	va_list ap;

	is.kind = kind;
	is.person = person;
	va_start(ap, fmt);
	vsnprintf(is.msg, sizeof(is.msg), fmt, ap);
	va_end(ap);
	if (kind == IOP_ISSUE_UNPLACED)
		s->unplaced++;
	if (s->issue != NULL)
		s->issue(&is, s->arg);
}

static struct cstat *
cstat(struct iop_sched *s, long d, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncs; i++)
		if (s->cs[i].date == d)
			return &s->cs[i];
	s->cs = ereallocarray(s->cs, s->ncs + 1, sizeof(*s->cs));
	memset(&s->cs[s->ncs], 0, sizeof(*s->cs));
	s->cs[s->ncs].date = d;
	s->cs[s->ncs].name = name;
	return &s->cs[s->ncs++];
}

/*
 * A participant's attendance days: in each program week (seven days from
 * the admission date) the first days_per_week days on which the track
 * meets (or the phase's fixed weekdays).  A closed day still counts as
 * one of them; with makeup, it is made up on a later track day of the
 * same week that is not already taken.
 */
static void
attend(struct iop_sched *s, int i, long from)
{
	const struct iop_program *p = s->p;
	const struct iop_sperson *pe = &s->ps[i];
	const struct iop_ptrack *tr = &p->tracks[pe->track];
	const struct iop_pphase *ph;
	const struct iop_pclosure *c;
	struct ent *e;
	long ws, d, owed[7];
	int k, ph_n, chosen, nowed, first = 1, n, past = 0;
	unsigned bit;

	for (k = 1; k <= pe->weeks; k++) {
		ws = pe->admit + 7L * (k - 1);
		if (ws >= pe->end)
			break;
		/* No date after IOP_DATE_MAX is written (iop-records(5)). */
		if (ws + 6 > IOP_DATE_MAX && ws + 6 >= from && past == 0)
			past = k;
		ph = iop_program_phase(p, k, &ph_n);
		chosen = nowed = n = 0;
		for (d = ws; d < ws + 7 && d < pe->end && d <= IOP_DATE_MAX;
		    d++) {
			bit = IOP_WDAY_OF(d);
			if (!(tr->days & bit))
				continue;
			c = iop_program_closed(p, d);
			if (chosen < ph->days && (ph->wdays == 0 ||
			    (ph->wdays & bit))) {
				chosen++;
				if (c != NULL) {
					if (d >= from)
						cstat(s, d, c->name)->skipped++;
					owed[nowed++] = d;
					continue;
				}
			} else if (nowed > 0 && p->makeup && c == NULL) {
				if (d >= from)
					cstat(s, owed[0], NULL)->madeup++;
				memmove(owed, owed + 1, --nowed * sizeof(*owed));
			} else
				continue;
			if (d < from) {
				first = 0;
				n++;
				continue;
			}
			if (s->nents == s->capents) {
				s->capents = s->capents ? s->capents * 2 : 1024;
				s->ents = ereallocarray(s->ents, s->capents,
				    sizeof(*s->ents));
			}
			e = &s->ents[s->nents++];
			e->date = d;
			e->track = pe->track;
			e->person = i;
			e->week = (unsigned char)k;
			e->flags = first ? ENT_FIRST : 0;
			first = 0;
			n++;
		}
		if (n > 0 && s->ents != NULL && s->nents > 0 &&
		    s->ents[s->nents - 1].person == i &&
		    s->ents[s->nents - 1].week == k)
			s->ents[s->nents - 1].flags |= ENT_LASTWK;
		else if (n == 0 && ws >= from && ws + 7 <= pe->end &&
		    ws + 6 <= IOP_DATE_MAX) {
			issue(s, IOP_ISSUE_UNPLACED, i, "week %d of the stay: "
			    "no appointments: the program is closed on every "
			    "attendance day", k);
		}
	}
	if (past > 0 && past == k - 1)
		issue(s, IOP_ISSUE_UNPLACED, i, "week %d of the stay: not "
		    "scheduled after " IOP_DATE_LAST ", the last supported "
		    "date", past);
	else if (past > 0)
		issue(s, IOP_ISSUE_UNPLACED, i, "weeks %d to %d of the stay: "
		    "not scheduled after " IOP_DATE_LAST ", the last "
		    "supported date", past, k - 1);
}

static int
entcmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->track != y->track)
		return x->track < y->track ? -1 : 1;
	return (x->person > y->person) - (x->person < y->person);
}

static int
apptcmp(const void *a, const void *b)
{
	const struct iop_sappt *x = a, *y = b;
	int c;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if ((c = strcmp(x->sid, y->sid)) != 0)
		return c;
	return (x->person > y->person) - (x->person < y->person);
}

static struct iop_sappt *
newappt(struct iop_sched *s)
{
	if (s->nday == s->capday) {
		s->capday = s->capday ? s->capday * 2 : 256;
		s->day = ereallocarray(s->day, s->capday, sizeof(*s->day));
	}
	memset(&s->day[s->nday], 0, sizeof(*s->day));
	return &s->day[s->nday++];
}

/*
 * The topic of a block rotates with the track's meeting days, counted
 * from a fixed Monday, so it does not depend on who is scheduled or on
 * where a regeneration starts.
 */
static const char *
topic(const struct iop_program *p, int t, size_t b, long d)
{
	const struct iop_pblock *bl = &p->blocks[b];
	unsigned days = p->tracks[t].days;
	long weeks, ord;
	int wd, n = 0, before = 0;

	if (bl->ntopics == 0)
		return "";
	for (wd = 1; wd <= 7; wd++)
		if (days & IOP_WDAY_BIT(wd)) {
			n++;
			if (wd < iop_date_weekday(d))
				before++;
		}
	/*
	 * Weeks since the Monday 1970-01-05, rounded down: a date before
	 * it gives a negative count, and C's division truncates toward
	 * zero, so floor both the division and the remainder.
	 */
	weeks = d - 4 >= 0 ? (d - 4) / 7 : -((4 - d + 6) / 7);
	ord = weeks * n + before;
	ord %= (long)bl->ntopics;
	if (ord < 0)
		ord += (long)bl->ntopics;
	return bl->topics[(size_t)ord];
}

static void
sid_fmt(char *buf, size_t n, long d, int start, const char *track,
    const char *what, int num)
{
	int y, m, dd;

	iop_date_ymd(d, &y, &m, &dd);
	if (num > 0)
		snprintf(buf, n, "S%04d%02d%02d-%02d%02d-%s-G%d", y, m, dd,
		    start / 60, start % 60, track, num);
	else
		snprintf(buf, n, "S%04d%02d%02d-%02d%02d-%s-%s", y, m, dd,
		    start / 60, start % 60, track, what);
}

static void
do_groups(struct iop_sched *s, long d, int t, struct ent *m, size_t nm)
{
	const struct iop_program *p = s->p;
	const struct iop_ptrack *tr = &p->tracks[t];
	struct iop_sappt *a;
	size_t ng, g, b, i, lo, hi;
	int *lead, staff, room, why, start, size, ph;
	char ds[11], ts[6], r[120], sid[sizeof(a->sid)];

	ng = (nm + (size_t)p->capacity - 1) / (size_t)p->capacity;
	lead = emalloc(ng * sizeof(*lead));
	for (g = 0; g < ng; g++)
		lead[g] = -1;
	for (b = 0; b < p->nblocks; b++) {
		const struct iop_pblock *bl = &p->blocks[b];

		const char *tp = topic(p, t, b, d);

		start = tr->start + bl->offset;
		for (g = 0; g < ng; g++) {
			lo = g * (size_t)p->capacity;
			hi = lo + (size_t)p->capacity < nm ?
			    lo + (size_t)p->capacity : nm;
			size = (int)(hi - lo);
			why = WHY_NONE;
			if (iop_sched_place(s, d, start, bl->minutes, bl->role, size,
			    lead[g], &staff, &room, &why) != 0) {
				iop_date_fmt(d, ds);
				iop_time_fmt(start, ts);
				issue(s, IOP_ISSUE_UNPLACED, -1, "%s %s track "
				    "%s group G%zu %s (%d participant%s): not "
				    "placed: %s", ds, ts, tr->id, g + 1,
				    bl->type, size, size == 1 ? "" : "s", iop_sched_why_text(why, bl->role,
				    size, r, sizeof(r)));
				continue;
			}
			lead[g] = staff;
			sid_fmt(sid, sizeof(sid), d, start, tr->id, "",
			    (int)g + 1);
			for (i = lo; i < hi; i++) {
				a = newappt(s);
				memcpy(a->sid, sid, sizeof(sid));
				a->date = d;
				a->start = start;
				a->end = start + bl->minutes;
				a->type = bl->type;
				a->topic = tp;
				a->track = t;
				a->group = (int)g + 1;
				a->staff = staff;
				a->room = room;
				a->person = m[i].person;
				a->week = m[i].week;
				iop_program_phase(p, a->week, &ph);
				a->phase = ph;
				iop_sched_pbusy(s, a->person, d, a->start, a->end);
				s->st[a->person].minutes[a->week - 1] +=
				    bl->minutes;
			}
		}
	}
	free(lead);
}

/*
 * Place one session of kind k for the participant of entry e: first-day
 * sessions just before the track's start (assessment, then orientation),
 * everything else in the time after the day's blocks.
 */
static void
do_single(struct iop_sched *s, long d, int k, const struct ent *e, int last)
{
	const struct iop_program *p = s->p;
	const struct iop_psingle *sg = &p->single[k];
	const struct iop_ptrack *tr = &p->tracks[e->track];
	struct pstate *ps = &s->st[e->person];
	struct iop_sappt *a;
	int start, staff, room, why = WHY_NONE, pre = -1, ph;
	char r[120];

	if (k == IOP_S_ASSESS || k == IOP_S_ORIENT) {
		pre = tr->start - p->single[IOP_S_ORIENT].minutes *
		    p->single[IOP_S_ORIENT].on;
		if (k == IOP_S_ASSESS)
			pre -= sg->minutes;
	}
	start = pre >= 0 ? pre : tr->blocks_end;
	for (;;) {
		if (start + sg->minutes <= tr->end && iop_sched_pfree(s, e->person, d,
		    start, start + sg->minutes) && iop_sched_place(s, d, start,
		    sg->minutes, sg->role, 1, ps->prev[k], &staff, &room,
		    &why) == 0)
			break;
		if (start == pre)
			start = tr->blocks_end;
		else
			start += STEP;
		if (start + sg->minutes > tr->end) {
			if (!last)
				return;
			/* No date: it would give away the person's stay. */
			issue(s, IOP_ISSUE_UNPLACED, e->person, "%s session "
			    "of week %d of the stay: not placed: %s",
			    sg->type, e->week, iop_sched_why_text(why, sg->role, 1,
			    r, sizeof(r)));
			ps->pend &= ~(1u << k);
			return;
		}
	}
	a = newappt(s);
	sid_fmt(a->sid, sizeof(a->sid), d, start, tr->id,
	    p->staff[staff].id, 0);
	a->date = d;
	a->start = start;
	a->end = start + sg->minutes;
	a->type = sg->type;
	a->topic = "";
	a->track = e->track;
	a->staff = staff;
	a->room = room;
	a->person = e->person;
	a->week = e->week;
	iop_program_phase(p, a->week, &ph);
	a->phase = ph;
	iop_sched_pbusy(s, a->person, d, a->start, a->end);
	ps->minutes[a->week - 1] += sg->minutes;
	ps->prev[k] = staff;
	ps->pend &= ~(1u << k);
}

static void
do_day(struct iop_sched *s, long d, struct ent *m, size_t nm)
{
	const struct iop_program *p = s->p;
	static const int order[IOP_S_N] = { IOP_S_ASSESS, IOP_S_ORIENT,
	    IOP_S_FAMILY, IOP_S_DISCHARGE, IOP_S_INDIV };
	size_t i, j, lo;
	int k, o;

	s->mon = d - (iop_date_weekday(d) - 1);
	for (i = 0; i < p->nstaff; i++)
		s->sbusy[i].n = 0;
	for (i = 0; i < p->nrooms; i++)
		s->rbusy[i].n = 0;
	for (lo = 0; lo < nm; lo = j) {
		for (j = lo; j < nm && m[j].track == m[lo].track; j++)
			;
		do_groups(s, d, m[lo].track, m + lo, j - lo);
	}
	/* Then, person by person, what they need this week. */
	for (i = 0; i < nm; i++) {
		struct pstate *ps = &s->st[m[i].person];
		const struct iop_sperson *pe = &s->ps[m[i].person];
		unsigned want = 0;

		if (ps->week != m[i].week) {
			ps->week = m[i].week;
			for (k = IOP_S_INDIV; k <= IOP_S_DISCHARGE; k++) {
				const struct iop_psingle *sg = &p->single[k];

				if (!sg->on)
					continue;
				if (k == IOP_S_DISCHARGE ?
				    ps->week == pe->weeks : (ps->week >=
				    sg->first && (ps->week - sg->first) %
				    sg->every == 0))
					want |= 1u << k;
			}
			ps->pend = want & ~ps->seeded[ps->week - 1];
		}
		if (m[i].flags & ENT_FIRST) {
			if (p->single[IOP_S_ASSESS].on)
				ps->pend |= 1u << IOP_S_ASSESS;
			if (p->single[IOP_S_ORIENT].on)
				ps->pend |= 1u << IOP_S_ORIENT;
		}
	}
	/* The scarcest sessions first: family therapists are few. */
	for (o = 0; o < IOP_S_N; o++) {
		k = order[o];
		for (i = 0; i < nm; i++)
			if (s->st[m[i].person].pend & (1u << k))
				do_single(s, d, k, &m[i], k <= IOP_S_ORIENT ||
				    (m[i].flags & ENT_LASTWK));
	}
	qsort(s->day, s->nday, sizeof(*s->day), apptcmp);
}

struct iop_sched *
iop_sched_new(const struct iop_program *p, const struct iop_sperson *ps,
    size_t np, long from)
{
	struct iop_sched *s;
	size_t i;
	int k;

	s = ecalloc(1, sizeof(*s));
	s->p = p;
	s->ps = ps;
	s->np = np;
	s->st = ecalloc(np + 1, sizeof(*s->st));
	for (i = 0; i < np; i++) {
		s->st[i].day = -1000000;
		for (k = 0; k < IOP_S_N; k++)
			s->st[i].prev[k] = -1;
		s->st[i].minutes = ecalloc((size_t)ps[i].weeks,
		    sizeof(*s->st[i].minutes));
		s->st[i].seeded = ecalloc((size_t)ps[i].weeks,
		    sizeof(*s->st[i].seeded));
	}
	s->sbusy = ecalloc(p->nstaff, sizeof(*s->sbusy));
	s->rbusy = ecalloc(p->nrooms, sizeof(*s->rbusy));
	s->smin = ecalloc(p->nstaff, sizeof(*s->smin));
	s->smon = ecalloc(p->nstaff, sizeof(*s->smon));
	s->smask = ecalloc(p->nstaff, sizeof(*s->smask));
	s->sseed = ecalloc(p->nstaff, sizeof(*s->sseed));
	for (i = 0; i < p->nstaff; i++)
		s->smon[i] = -1000000;
	for (i = 0; i < p->nblocks; i++)
		iop_sched_rolebit(s, p->blocks[i].role);
	for (k = 0; k < IOP_S_N; k++)
		if (p->single[k].on)
			iop_sched_rolebit(s, p->single[k].role);
	s->from = from;
	s->seedmon = from - (iop_date_weekday(from) - 1);
	return s;
}

void
iop_sched_seed(struct iop_sched *s, int person, int staff, int first,
    long date, int minutes, const char *type, int week)
{
	long mon = date - (iop_date_weekday(date) - 1);
	int k;

	if (staff >= 0 && first && mon == s->seedmon)
		s->sseed[staff] += minutes;
	if (person < 0 || week < 1 || week > s->ps[person].weeks)
		return;
	s->st[person].minutes[week - 1] += minutes;
	for (k = 0; k < IOP_S_N; k++)
		if (strcmp(type, s->p->single[k].type) == 0) {
			s->st[person].seeded[week - 1] |= 1u << k;
			if (staff >= 0)
				s->st[person].prev[k] = staff;
		}
}

size_t
iop_sched_run(struct iop_sched *s, iop_emit_fn *emit, iop_issue_fn *fn,
    void *arg)
{
	const struct iop_program *p = s->p;
	long from = s->from;
	size_t i, j, lo;
	char ds[11];
	int k;
	long ws;

	s->issue = fn;
	s->arg = arg;
	for (i = 0; i < s->np; i++)
		attend(s, (int)i, from);
	if (s->nents > 0)
		qsort(s->ents, s->nents, sizeof(*s->ents), entcmp);
	for (lo = 0; lo < s->nents; lo = j) {
		for (j = lo; j < s->nents && s->ents[j].date ==
		    s->ents[lo].date; j++)
			;
		s->nday = 0;
		do_day(s, s->ents[lo].date, s->ents + lo, j - lo);
		if (s->nday > 0)
			emit(s->day, s->nday, arg);
	}
	for (i = 0; i < s->ncs; i++)
		for (j = i + 1; j < s->ncs; j++)
			if (s->cs[j].date < s->cs[i].date) {
				struct cstat t = s->cs[i];

				s->cs[i] = s->cs[j];
				s->cs[j] = t;
			}
	for (i = 0; i < s->ncs; i++) {
		const struct iop_pclosure *c = iop_program_closed(p,
		    s->cs[i].date);

		iop_date_fmt(s->cs[i].date, ds);
		issue(s, IOP_ISSUE_CLOSED, -1, "%s: closed (%s): %d "
		    "attendance day%s skipped, %d made up later in the week",
		    ds, c != NULL ? c->name : "closure", s->cs[i].skipped,
		    s->cs[i].skipped == 1 ? "" : "s", s->cs[i].madeup);
	}
	if (p->minmin > 0)
		for (i = 0; i < s->np; i++)
			for (k = 1; k <= s->ps[i].weeks; k++) {
				ws = s->ps[i].admit + 7L * (k - 1);
				if (ws + 7 > s->ps[i].end || ws + 6 < from ||
				    ws + 6 > IOP_DATE_MAX)
					continue;
				if (s->st[i].minutes[k - 1] >= p->minmin)
					continue;
				issue(s, IOP_ISSUE_UNDER, (int)i, "week %d "
				    "of the stay: %d minutes scheduled, under "
				    "the program minimum of %d", k,
				    s->st[i].minutes[k - 1], p->minmin);
			}
	return s->unplaced;
}

void
iop_sched_free(struct iop_sched *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->np; i++) {
		free(s->st[i].minutes);
		free(s->st[i].seeded);
	}
	for (i = 0; i < s->p->nstaff; i++)
		free(s->sbusy[i].v);
	for (i = 0; i < s->p->nrooms; i++)
		free(s->rbusy[i].v);
	free(s->st);
	free(s->ents);
	free(s->sbusy);
	free(s->rbusy);
	free(s->smin);
	free(s->smon);
	free(s->smask);
	free(s->sseed);
	free(s->cs);
	free(s->day);
	free(s);
}
