/*
 * place.c -- placement for the generator: who and what is busy when
 * (participants, staff, rooms), the staff's weekly hours and roles, and
 * the search for a start time with a free qualified staff member and a
 * big enough free room; why_text says why nothing was found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"
#include "lib/sched/sched_private.h"

static int	 overlaps(const struct busy *, int, int);
static void	 busy_add(struct busy *, int, int);
static int	 staffmin(struct iop_sched *, int);

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

int
iop_sched_pfree(struct iop_sched *s, int i, long d, int a, int b)
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

void
iop_sched_pbusy(struct iop_sched *s, int i, long d, int a, int b)
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
int
iop_sched_place(struct iop_sched *s, long d, int start, int minutes, const char *role,
    int size, int prefer, int *staff, int *room, int *why)
{
	const struct iop_program *p = s->p;
	unsigned wd = IOP_WDAY_OF(d);
	int end = start + minutes, best = -1, bm = 0, bx = 0, k, m, x;
	int role_ok = 0;
	unsigned rb = iop_sched_rolebit(s, role);
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
unsigned
iop_sched_rolebit(struct iop_sched *s, const char *role)
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

const char *
iop_sched_why_text(int why, const char *role, int size, char *buf, size_t n)
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
