/*
 * check.c -- the conflict checker of iop-schedule check: double-booked
 * participants, staff and rooms, groups over capacity, sessions without
 * a qualified lead, staff over their hours and weeks under the
 * program's minimum, each reported once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"

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

/* By key (arg: the struct chk), then date, start and session. */
static int
rowcmp(const void *a, const void *b, void *arg)
{
	const struct chk *ck = arg;
	const struct iop_appt *x = a, *y = b;
	int c;

	if ((c = strcmp(rowkey(x, ck->key), rowkey(y, ck->key))) != 0)
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
	iop_sort(r, n, sizeof(*r), rowcmp, c);
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
	iop_sort(r, n, sizeof(*r), rowcmp, &c);
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
	iop_sort(r, n, sizeof(*r), rowcmp, &c);
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
	return total;
}
