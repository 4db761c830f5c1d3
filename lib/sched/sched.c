/*
 * sched.c -- the generator and the conflict checker of iop-schedule.
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

#define PBUSY_MAX	24
#define STEP		10	/* minutes between candidate start times */

enum {
	WHY_NONE = 0,
	WHY_NOROLE,	/* nobody with the role works then */
	WHY_STAFF,	/* all of them busy or at their hours */
	WHY_NOROOM,	/* no room is big enough */
	WHY_ROOM	/* all big enough rooms are taken */
};

struct ival {
	int		 s, e;
};

struct busy {
	struct ival	*v;
	size_t		 n, cap;
};

/* One attendance day of one participant. */
struct ent {
	long		 date;
	int		 track;
	int		 person;
	unsigned char	 week;
	unsigned char	 flags;
};
#define ENT_FIRST	0x1	/* the participant's first day */
#define ENT_LASTWK	0x2	/* the last attendance day of its week */

struct pstate {
	long		 day;
	int		 nb;
	struct ival	 b[PBUSY_MAX];
	int		 week;
	unsigned	 pend;		/* bits of IOP_S_* still to place */
	int		 prev[IOP_S_N];
	int		*minutes;	/* per program week */
	unsigned	*seeded;	/* per program week: IOP_S_* bits kept */
};

struct cstat {
	long		 date;
	const char	*name;
	int		 skipped, madeup;
};

struct iop_sched {
	const struct iop_program *p;
	const struct iop_sperson	*ps;
	size_t			 np;
	struct pstate		*st;
	struct ent		*ents;
	size_t			 nents, capents;
	struct busy		*sbusy;		/* per staff, today */
	struct busy		*rbusy;		/* per room, today */
	int			*smin;		/* staff minutes this ISO week */
	long			*smon;		/* the Monday smin is for */
	int			*sseed;		/* seeded minutes, week of from */
	long			 seedmon;
	long			 from;
	struct cstat		*cs;
	size_t			 ncs;
	struct iop_sappt		*day;
	size_t			 nday, capday;
	iop_issue_fn		*issue;
	void			*arg;
	size_t			 unplaced;
	const char		*roles[32];	/* roles sessions need */
	size_t			 nroles;
	unsigned		*smask;		/* per staff: role bits */
	long			 mon;		/* Monday of the day at work */
};

static int	 overlaps(const struct busy *, int, int);
static void	 busy_add(struct busy *, int, int);
static int	 pfree(struct iop_sched *, int, long, int, int);
static void	 pbusy(struct iop_sched *, int, long, int, int);
static int	 staffmin(struct iop_sched *, int);
static unsigned	 rolebit(struct iop_sched *, const char *);
static int	 place(struct iop_sched *, long, int, int, const char *, int,
		    int, int *, int *, int *);
static const char *why_text(int, const char *, int, char *, size_t);
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

static int
overlaps(const struct busy *b, int s, int e)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (s < b->v[i].e && b->v[i].s < e)
			return 1;
	return 0;
}

static void
busy_add(struct busy *b, int s, int e)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		b->v = ereallocarray(b->v, b->cap, sizeof(*b->v));
	}
	b->v[b->n].s = s;
	b->v[b->n].e = e;
	b->n++;
}

static int
pfree(struct iop_sched *s, int i, long d, int a, int b)
{
	struct pstate *p = &s->st[i];
	int k;

	if (p->day != d)
		return 1;
	for (k = 0; k < p->nb; k++)
		if (a < p->b[k].e && p->b[k].s < b)
			return 0;
	return p->nb < PBUSY_MAX;
}

static void
pbusy(struct iop_sched *s, int i, long d, int a, int b)
{
	struct pstate *p = &s->st[i];

	if (p->day != d) {
		p->day = d;
		p->nb = 0;
	}
	if (p->nb < PBUSY_MAX) {
		p->b[p->nb].s = a;
		p->b[p->nb].e = b;
		p->nb++;
	}
}

/* Minutes staff member k is booked in the ISO week of the day at work. */
static int
staffmin(struct iop_sched *s, int k)
{
	long mon = s->mon;

	if (s->smon[k] != mon) {
		s->smon[k] = mon;
		s->smin[k] = mon == s->seedmon ? s->sseed[k] : 0;
	}
	return s->smin[k];
}

/*
 * Find a staff member with the role and a room for size people, both
 * free from start for minutes on day d.  prefer is tried first (the same
 * counselor as last time); otherwise the least booked this week wins, and
 * the smallest room that fits.  Returns 0, or -1 with *why set.
 */
static int
place(struct iop_sched *s, long d, int start, int minutes, const char *role,
    int size, int prefer, int *staff, int *room, int *why)
{
	const struct iop_program *p = s->p;
	unsigned wd = IOP_WDAY(d);
	int end = start + minutes, best = -1, bm = 0, bx = 0, k, m, x;
	int role_ok = 0;
	unsigned rb = rolebit(s, role);
	size_t i;

	for (i = 0; i < p->nstaff; i++) {
		const struct iop_pstaff *st = &p->staff[i];

		k = (int)i;
		if (!(st->days & wd) || st->start > start || st->end < end ||
		    (s->smask[k] & rb) != rb)
			continue;
		role_ok = 1;
		m = staffmin(s, k);
		if (m + minutes > st->maxmin || overlaps(&s->sbusy[k], start,
		    end))
			continue;
		if (k == prefer) {
			best = k;
			break;
		}
		/* Keep people with other roles free for them. */
		x = iop_popcount(s->smask[k] & ~rb);
		if (best < 0 || x < bx || (x == bx && m < bm)) {
			best = k;
			bm = m;
			bx = x;
		}
	}
	if (best < 0) {
		if (*why < WHY_STAFF)
			*why = role_ok ? WHY_STAFF : WHY_NOROLE;
		return -1;
	}
	*room = -1;
	role_ok = 0;
	for (i = 0; i < p->nrooms; i++) {
		if (p->rooms[i].cap < size)
			continue;
		role_ok = 1;
		if (overlaps(&s->rbusy[i], start, end))
			continue;
		if (*room < 0 || p->rooms[i].cap < p->rooms[*room].cap)
			*room = (int)i;
	}
	if (*room < 0) {
		*why = role_ok ? WHY_ROOM : WHY_NOROOM;
		return -1;
	}
	*staff = best;
	busy_add(&s->sbusy[best], start, end);
	busy_add(&s->rbusy[*room], start, end);
	s->smin[best] += minutes;
	return 0;
}

/* The bit of a role (0 for any staff); roles are few and known early. */
static unsigned
rolebit(struct iop_sched *s, const char *role)
{
	size_t i;

	if (role == NULL)
		return 0;
	for (i = 0; i < s->nroles; i++)
		if (s->roles[i] == role)
			return 1u << i;
	for (i = 0; i < s->nroles; i++)
		if (strcmp(s->roles[i], role) == 0)
			return 1u << i;
	if (s->nroles == 32)
		IOP_BUG("more than 32 roles");
	s->roles[s->nroles] = role;
	for (i = 0; i < s->p->nstaff; i++)
		if (iop_staff_has(&s->p->staff[i], role))
			s->smask[i] |= 1u << s->nroles;
	return 1u << s->nroles++;
}

static const char *
why_text(int why, const char *role, int size, char *buf, size_t n)
{
	switch (why) {
	case WHY_NOROLE:
		snprintf(buf, n, "no staff with role %s works at that time",
		    role != NULL ? role : "any");
		break;
	case WHY_STAFF:
		snprintf(buf, n, "every staff member%s%s is busy or at their "
		    "weekly hours", role != NULL ? " with role " : "",
		    role != NULL ? role : "");
		break;
	case WHY_NOROOM:
		snprintf(buf, n, "no room holds %d", size);
		break;
	case WHY_ROOM:
		snprintf(buf, n, "every room that holds %d is taken", size);
		break;
	default:
		snprintf(buf, n, "no time left in the track's day");
		break;
	}
	return buf;
}

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
			bit = IOP_WDAY(d);
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
		if (days & (1u << wd)) {
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
			if (place(s, d, start, bl->minutes, bl->role, size,
			    lead[g], &staff, &room, &why) != 0) {
				iop_date_fmt(d, ds);
				iop_time_fmt(start, ts);
				issue(s, IOP_ISSUE_UNPLACED, -1, "%s %s track "
				    "%s group G%zu %s (%d participant%s): not "
				    "placed: %s", ds, ts, tr->id, g + 1,
				    bl->type, size, size == 1 ? "" : "s", why_text(why, bl->role,
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
				pbusy(s, a->person, d, a->start, a->end);
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
		if (start + sg->minutes <= tr->end && pfree(s, e->person, d,
		    start, start + sg->minutes) && place(s, d, start,
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
			    sg->type, e->week, why_text(why, sg->role, 1,
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
	pbusy(s, a->person, d, a->start, a->end);
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
		rolebit(s, p->blocks[i].role);
	for (k = 0; k < IOP_S_N; k++)
		if (p->single[k].on)
			rolebit(s, p->single[k].role);
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

/* ---- the checker -------------------------------------------------------- */

const char *const iop_conflict_names[] = { "participant_double_booked",
    "staff_double_booked", "room_double_booked", "over_capacity",
    "no_qualified_lead", "staff_over_hours", "week_under_minimum", NULL };

struct chk {
	const struct iop_program *p;
	struct iop_conflict_rep	*v;
	size_t			 n, cap;
	int			 key;	/* for rowcmp */
};

static struct chk *chk_ctx;

static const char *
rowkey(const struct iop_appt *r, int key)
{
	switch (key) {
	case IOP_C_PARTICIPANT:
		return r->participant_id;
	case IOP_C_STAFF:
		return r->staff_id;
	case IOP_C_ROOM:
		return r->room;
	default:
		return r->session_id;
	}
}

/* By key, then date, start and session. */
static int
rowcmp(const void *a, const void *b)
{
	const struct iop_appt *x = a, *y = b;
	int c;

	if ((c = strcmp(rowkey(x, chk_ctx->key), rowkey(y, chk_ctx->key))) != 0)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if ((c = strcmp(x->session_id, y->session_id)) != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* By participant, week and date. */
static int
weekcmp(const void *a, const void *b)
{
	const struct iop_appt *x = a, *y = b;
	int c;

	if ((c = strcmp(x->participant_id, y->participant_id)) != 0)
		return c;
	if (x->week != y->week)
		return x->week < y->week ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int
repcmp(const void *a, const void *b)
{
	const struct iop_conflict_rep *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->other > y->other) - (x->other < y->other);
}

static struct iop_conflict_rep *
conflict(struct chk *c, enum iop_conflict k, const struct iop_appt *r,
    const struct iop_appt *o, const char *fmt, ...)
{
	struct iop_conflict_rep *x;
	va_list ap;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = ereallocarray(c->v, c->cap, sizeof(*c->v));
	}
	x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->kind = k;
	x->line = r->line;
	x->other = o != NULL ? o->line : 0;
	x->sid = r->session_id;
	x->pid = k == IOP_C_PARTICIPANT || k == IOP_C_UNDER ?
	    r->participant_id : "";
	x->staff = k == IOP_C_STAFF || k == IOP_C_LEAD || k == IOP_C_HOURS ?
	    r->staff_id : "";
	x->room = k == IOP_C_ROOM || k == IOP_C_CAPACITY ? r->room : "";
	x->date = r->date;
	x->start = r->start;
	va_start(ap, fmt);
	vsnprintf(x->detail, sizeof(x->detail), fmt, ap);
	va_end(ap);
	return x;
}

/*
 * Double bookings of one kind of resource: rows sorted by resource, date
 * and start; rows of one session are one booking.  Each row that starts
 * before the latest-ending earlier booking of another session ends is a
 * conflict with that booking.
 */
static void
chk_double(struct chk *c, struct iop_appt *r, size_t n, int key)
{
	const struct iop_appt *prev = NULL;
	const char *k;
	size_t i;

	c->key = key;
	chk_ctx = c;
	qsort(r, n, sizeof(*r), rowcmp);
	for (i = 0; i < n; i++) {
		k = rowkey(&r[i], key);
		if (*k == '\0')
			continue;
		if (prev == NULL || strcmp(rowkey(prev, key), k) != 0 ||
		    prev->date != r[i].date) {
			prev = &r[i];
			continue;
		}
		if (strcmp(prev->session_id, r[i].session_id) == 0) {
			if (key == IOP_C_PARTICIPANT)
				conflict(c, key, &r[i], prev, "listed twice in "
				    "the same session");
			continue;
		}
		if (r[i].start < prev->end)
			conflict(c, key, &r[i], prev, "overlaps session %s",
			    prev->session_id);
		if (r[i].end > prev->end)
			prev = &r[i];
	}
}

size_t
iop_sched_check(const struct iop_program *p, struct iop_appt *r, size_t n,
    iop_conflict_fn *fn, void *arg)
{
	struct chk c;
	const char *role;
	size_t i, j, cnt, total;
	long s, mon, room;
	char ds[11];

	memset(&c, 0, sizeof(c));
	c.p = p;
	chk_double(&c, r, n, IOP_C_PARTICIPANT);
	chk_double(&c, r, n, IOP_C_STAFF);
	chk_double(&c, r, n, IOP_C_ROOM);

	/* Per session: size against capacity, and the lead's role. */
	c.key = -1;
	chk_ctx = &c;
	qsort(r, n, sizeof(*r), rowcmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(r[j].session_id,
		    r[i].session_id) == 0; j++)
			;
		cnt = j - i;
		if (*r[i].group_id != '\0' && cnt > (size_t)p->capacity)
			conflict(&c, IOP_C_CAPACITY, &r[i], NULL, "%zu "
			    "participants in a group of at most %d", cnt,
			    p->capacity);
		else if ((room = iop_program_room(p, r[i].room)) >= 0 &&
		    cnt > (size_t)p->rooms[room].cap)
			conflict(&c, IOP_C_CAPACITY, &r[i], NULL, "%zu "
			    "participants in a room for %d", cnt,
			    p->rooms[room].cap);
		role = iop_program_role(p, r[i].type);
		if (role == NULL || *role == '\0')
			continue;
		if (*r[i].staff_id == '\0')
			conflict(&c, IOP_C_LEAD, &r[i], NULL, "%s session "
			    "without staff (needs role %s)", r[i].type, role);
		else if ((s = iop_program_staff(p, r[i].staff_id)) < 0)
			conflict(&c, IOP_C_LEAD, &r[i], NULL, "staff member "
			    "is not in the program definition");
		else if (!iop_staff_has(&p->staff[s], role))
			conflict(&c, IOP_C_LEAD, &r[i], NULL, "%s session "
			    "led by staff without role %s", r[i].type, role);
	}

	/* Staff hours per ISO week, each session once. */
	c.key = IOP_C_STAFF;
	qsort(r, n, sizeof(*r), rowcmp);
	for (i = 0; i < n; i = j) {
		mon = r[i].date - (iop_date_weekday(r[i].date) - 1);
		s = iop_program_staff(p, r[i].staff_id);
		total = 0;
		for (j = i; j < n && strcmp(r[j].staff_id, r[i].staff_id) == 0 &&
		    r[j].date - (iop_date_weekday(r[j].date) - 1) == mon;
		    j++) {
			if (j > i && strcmp(r[j].session_id,
			    r[j - 1].session_id) == 0)
				continue;
			total += (size_t)(r[j].end - r[j].start);
			if (s >= 0 && total > (size_t)p->staff[s].maxmin &&
			    total - (size_t)(r[j].end - r[j].start) <=
			    (size_t)p->staff[s].maxmin) {
				iop_date_fmt(mon, ds);
				conflict(&c, IOP_C_HOURS, &r[j], NULL, "more "
				    "than %d hours in the week of %s",
				    p->staff[s].maxmin / 60, ds);
			}
		}
	}

	/* Participants' weeks against the program's minimum. */
	qsort(r, n, sizeof(*r), weekcmp);
	for (i = 0; i < n && p->minmin > 0; i = j) {
		total = 0;
		for (j = i; j < n && strcmp(r[j].participant_id,
		    r[i].participant_id) == 0 &&
		    r[j].week == r[i].week; j++)
			total += (size_t)(r[j].end - r[j].start);
		if (*r[i].participant_id != '\0' && r[i].week > 0 &&
		    total < (size_t)p->minmin)
			conflict(&c, IOP_C_UNDER, &r[i], NULL, "week %d: %zu "
			    "minutes, under the program minimum of %d",
			    r[i].week, total, p->minmin);
	}

	if (c.n > 0)
		qsort(c.v, c.n, sizeof(*c.v), repcmp);
	for (i = 0; i < c.n; i++)
		fn(&c.v[i], arg);
	total = c.n;
	free(c.v);
	chk_ctx = NULL;
	return total;
}
