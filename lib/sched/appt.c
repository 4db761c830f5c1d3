/*
 * appt.c -- the appointments index.  An appointments file has one row per
 * participant per appointment, so a large network's schedule runs to
 * millions of rows that repeat a few thousand ids: every string is
 * interned once in an arena (one byte of flags before it), each row is a
 * fixed struct iop_appt pointing into it, and an open-addressing table
 * of positions finds a row by the pair of interned pointers.  Loading
 * prints nothing: each bad row goes to the caller's iop_report_fn.
 *
 * Neither table is the one map (base/map.c), on measurement: the pair
 * table's key is two pointers, not bytes, and it has a 4-byte slot per
 * row (millions of rows; a map slot is 24 bytes).  The string table
 * holds only arena pointers (8 bytes a slot) and compares NUL-terminated
 * strings; through the map, loading a schedule and finding its rows cost
 * about 0.3% more instructions (callgrind, 200,000 attendance rows with
 * --schedule), so it stays.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/sched/appt.h"

#define ARENA_CHUNK	(1024 * 1024)
#define STR_SESSION	0x1	/* the string is some row's session_id */

struct chunk {
	struct chunk	*next;
	size_t		 used, cap;
	char		 data[];
};

struct iop_appts {
	struct iop_appt	*v;
	size_t		 n, cap;
	uint32_t	*slots;		/* position + 1; 0 empty */
	size_t		 nslots;
	char		**strs;		/* interned strings; NULL empty */
	size_t		 nstrs, nstrslots;
	struct chunk	*arena;
};

static const char *intern(struct iop_appts *, const char *, int);
static char	*lookup(const struct iop_appts *, const char *);
static uint64_t	 pairhash(const char *, const char *);
static int	 slot_add(struct iop_appts *, size_t);
static void	 slots_grow(struct iop_appts *, size_t);
static int	 cmp_appt(const void *, const void *);
static int	 load_row(struct iop_appts *, const struct iop_rec *,
		    struct iop_appt_cols *, struct iop_err *);
static const char *opt(const struct iop_appt_cols *, const struct iop_rec *,
		    int);
static int	 has(const struct iop_appt_cols *, const struct iop_rec *,
		    int);

enum { C_SID, C_PID, C_DATE, C_START, C_END, C_MIN, C_TYPE, C_TRACK,
	C_STAFF, C_GROUP, C_WEEK, C_TOPIC, C_ROOM, C_N };
static const char *const colnames[C_N] = { "session_id", "participant_id",
	"date", "start", "end", "minutes", "type", "track", "staff_id",
	"group_id", "week", "topic", "room" };

const char *const iop_appt_need[] = { "session_id", "participant_id",
	"date", "start", "end", NULL };

static char *
lookup(const struct iop_appts *a, const char *s)
{
	size_t i, mask;

	if (a->nstrslots == 0)
		return NULL;
	mask = a->nstrslots - 1;
	for (i = (size_t)iop_hash(s, strlen(s)) & mask; a->strs[i] != NULL;
	    i = (i + 1) & mask)
		if (strcmp(a->strs[i], s) == 0)
			return a->strs[i];
	return NULL;
}

static const char *
intern(struct iop_appts *a, const char *s, int flags)
{
	struct chunk *c;
	char *p, **old;
	size_t len, i, k, mask, oldn;

	if ((p = lookup(a, s)) != NULL) {
		p[-1] |= (char)flags;
		return p;
	}
	if ((a->nstrs + 1) * 10 >= a->nstrslots * 7) {
		old = a->strs;
		oldn = a->nstrslots;
		a->nstrslots = oldn ? oldn * 2 : 1024;
		a->strs = ecalloc(a->nstrslots, sizeof(*a->strs));
		mask = a->nstrslots - 1;
		for (k = 0; k < oldn; k++) {
			if (old[k] == NULL)
				continue;
			for (i = (size_t)iop_hash(old[k], strlen(old[k])) & mask;
			    a->strs[i] != NULL; i = (i + 1) & mask)
				;
			a->strs[i] = old[k];
		}
		free(old);
	}
	len = strlen(s);
	c = a->arena;
	if (c == NULL || c->cap - c->used < len + 2) {
		size_t cap = len + 2 > ARENA_CHUNK ? len + 2 : ARENA_CHUNK;

		c = emalloc(sizeof(*c) + cap);
		c->next = a->arena;
		c->used = 0;
		c->cap = cap;
		a->arena = c;
	}
	p = c->data + c->used;
	p[0] = (char)flags;
	memcpy(p + 1, s, len + 1);
	c->used += len + 2;
	mask = a->nstrslots - 1;
	for (i = (size_t)iop_hash(s, len) & mask; a->strs[i] != NULL;
	    i = (i + 1) & mask)
		;
	a->strs[i] = p + 1;
	a->nstrs++;
	return p + 1;
}

/* Interned strings are compared by address. */
static uint64_t
pairhash(const char *s, const char *p)
{
	uint64_t h = (uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15ULL ^
	    (uint64_t)(uintptr_t)p;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

static void
slots_grow(struct iop_appts *a, size_t want)
{
	size_t n = 1024, k;

	while (n < want)
		n *= 2;
	free(a->slots);
	a->slots = ecalloc(n, sizeof(*a->slots));
	a->nslots = n;
	for (k = 0; k < a->n; k++)
		(void)slot_add(a, k);
}

/* Index row k (the table has a free slot); -1 when its pair is there. */
static int
slot_add(struct iop_appts *a, size_t k)
{
	const struct iop_appt *p = &a->v[k], *q;
	size_t i, mask = a->nslots - 1;

	for (i = (size_t)pairhash(p->session_id, p->participant_id) & mask;
	    a->slots[i] != 0; i = (i + 1) & mask) {
		q = &a->v[a->slots[i] - 1];
		if (q->session_id == p->session_id &&
		    q->participant_id == p->participant_id)
			return -1;
	}
	a->slots[i] = (uint32_t)(k + 1);
	return 0;
}

static int
cmp_appt(const void *x, const void *y)
{
	const struct iop_appt *a = x, *b = y;
	int c;

	if (a->participant_id != b->participant_id &&
	    (c = strcmp(a->participant_id, b->participant_id)) != 0)
		return c;
	return iop_appt_cmp_when(a, b);
}

int
iop_appt_cmp_when(const struct iop_appt *a, const struct iop_appt *b)
{
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->session_id == b->session_id)
		return 0;
	return strcmp(a->session_id, b->session_id);
}

/* An optional column's value, "" when the header has none. */
static const char *
opt(const struct iop_appt_cols *c, const struct iop_rec *r, int i)
{
	return c->col[i] >= 0 ? iop_rec_get(r, (size_t)c->col[i]) : "";
}

/* Whether an optional column is there and not empty. */
static int
has(const struct iop_appt_cols *c, const struct iop_rec *r, int i)
{
	return c->col[i] >= 0 && iop_rec_len(r, (size_t)c->col[i]) > 0;
}

/*
 * The row rules of iop-records(5) APPOINTMENTS, in column order:
 * session_id and participant_id not empty, a real date, start and end
 * 24-hour times with end after start, minutes (when given) the length
 * end - start, week (when given) 1-52.
 */
int
iop_appt_parse(struct iop_appt_cols *c, const struct iop_rec *r,
    struct iop_appt *p, struct iop_err *e)
{
	long v;
	int i;

	if (c->hdr != r->hdr) {
		c->hdr = r->hdr;
		for (i = 0; i < C_N; i++)
			c->col[i] = iop_hdr_find(r->hdr, colnames[i]);
	}
	memset(p, 0, sizeof(*p));
	memset(e, 0, sizeof(*e));
	for (i = C_SID; i <= C_PID; i++)
		if (iop_rec_len(r, (size_t)c->col[i]) == 0) {
			iop_field_err(e, r, (size_t)c->col[i], colnames[i],
			    "empty");
			return -1;
		}
	if (iop_field_date(r, (size_t)c->col[C_DATE], "date", &p->date,
	    e) != 0 || iop_field_time(r, (size_t)c->col[C_START], "start",
	    &p->start, e) != 0)
		return -1;
	if (iop_time_parse_end(iop_rec_get(r, (size_t)c->col[C_END]),
	    &p->end) != 0) {
		iop_field_err(e, r, (size_t)c->col[C_END], "end",
		    "expected HH:MM (00:00-24:00)");
		return -1;
	}
	if (p->end <= p->start) {
		iop_field_err(e, r, (size_t)c->col[C_END], "end",
		    "not after 'start'");
		return -1;
	}
	p->minutes = p->end - p->start;
	if (has(c, r, C_MIN)) {
		if (iop_field_int(r, (size_t)c->col[C_MIN], "minutes", 1,
		    1440, &v, e) != 0)
			return -1;
		if (v != p->minutes) {
			iop_field_err(e, r, (size_t)c->col[C_MIN], "minutes",
			    "does not match start and end");
			return -1;
		}
	}
	if (has(c, r, C_WEEK)) {
		if (iop_field_int(r, (size_t)c->col[C_WEEK], "week", 1, 52,
		    &v, e) != 0)
			return -1;
		p->week = (int)v;
	}
	p->line = r->line;
	p->session_id = iop_rec_get(r, (size_t)c->col[C_SID]);
	p->participant_id = iop_rec_get(r, (size_t)c->col[C_PID]);
	p->type = opt(c, r, C_TYPE);
	p->track = opt(c, r, C_TRACK);
	p->staff_id = opt(c, r, C_STAFF);
	p->group_id = opt(c, r, C_GROUP);
	p->topic = opt(c, r, C_TOPIC);
	p->room = opt(c, r, C_ROOM);
	return 0;
}

void
iop_appt_own(struct iop_appt *p)
{
	p->session_id = estrdup(p->session_id);
	p->participant_id = estrdup(p->participant_id);
	p->type = estrdup(p->type);
	p->track = estrdup(p->track);
	p->staff_id = estrdup(p->staff_id);
	p->group_id = estrdup(p->group_id);
	p->topic = estrdup(p->topic);
	p->room = estrdup(p->room);
}

void
iop_appt_rows_free(struct iop_appt *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		iop_appt_clear(&v[i]);
	free(v);
}

void
iop_appt_clear(struct iop_appt *p)
{
	free((char *)(uintptr_t)p->session_id);
	free((char *)(uintptr_t)p->participant_id);
	free((char *)(uintptr_t)p->type);
	free((char *)(uintptr_t)p->track);
	free((char *)(uintptr_t)p->staff_id);
	free((char *)(uintptr_t)p->group_id);
	free((char *)(uintptr_t)p->topic);
	free((char *)(uintptr_t)p->room);
}

static int
load_row(struct iop_appts *a, const struct iop_rec *r,
    struct iop_appt_cols *c, struct iop_err *e)
{
	struct iop_appt *p;
	char *s;

	if (a->n == a->cap) {
		if (a->cap >= UINT32_MAX - 1)
			IOP_BUG("more than 4 billion appointments");
		a->cap = a->cap ? a->cap * 2 : 4096;
		a->v = ereallocarray(a->v, a->cap, sizeof(*a->v));
	}
	p = &a->v[a->n];
	if (iop_appt_parse(c, r, p, e) != 0)
		return -1;
	p->session_id = intern(a, p->session_id, 0);
	p->participant_id = intern(a, p->participant_id, 0);
	p->type = intern(a, p->type, 0);
	p->track = intern(a, p->track, 0);
	p->staff_id = intern(a, p->staff_id, 0);
	p->group_id = intern(a, p->group_id, 0);
	p->topic = intern(a, p->topic, 0);
	p->room = intern(a, p->room, 0);
	if ((a->n + 1) * 4 > a->nslots * 3)
		slots_grow(a, (a->n + 1) * 2);
	if (slot_add(a, a->n) != 0) {
		iop_seterr(e, r->src, r->line, 0, "the same session and "
		    "participant are on an earlier line; row left out");
		return -1;
	}
	s = (char *)p->session_id;
	s[-1] |= STR_SESSION;
	a->n++;
	return 0;
}

struct iop_appts *
iop_appts_load(const char *path, const struct iop_inopt *in,
    iop_report_fn *fn, void *arg, int *status)
{
	struct iop_appt_cols c = { NULL, { 0 } };
	struct iop_appts *a;
	struct iop_reader *rd;
	struct iop_rec r;
	struct iop_err e;
	char *p[1] = { (char *)path };
	int rv;

	memset(&e, 0, sizeof(e));
	if ((rd = iop_src_open(p, 1, in, fn, arg)) == NULL) {
		*status = 1;
		return NULL;
	}
	if ((rv = iop_reader_header(rd, &e)) != IOP_OK) {
		if (rv == IOP_EOF)
			iop_seterr(&e, iop_reader_name(rd), 0, 0,
			    "empty input: no appointments");
		fn(&e, arg);
		iop_reader_close(rd);
		*status = 1;
		return NULL;
	}
	if (iop_src_require(rd, iop_appt_need, fn, arg) != 0) {
		iop_reader_close(rd);
		*status = 1;
		return NULL;
	}
	a = ecalloc(1, sizeof(*a));
	iop_rec_init(&r);
	while (iop_src_next(rd, &r, fn, arg, status)) {
		memset(&e, 0, sizeof(e));
		if (load_row(a, &r, &c, &e) != 0) {
			fn(&e, arg);
			*status = 1;
		}
	}
	iop_rec_free(&r);
	iop_reader_close(rd);
	if (a->n > 1)
		qsort(a->v, a->n, sizeof(*a->v), cmp_appt);
	if (a->n < a->cap) {
		a->cap = a->n ? a->n : 1;
		a->v = ereallocarray(a->v, a->cap, sizeof(*a->v));
	}
	/* At most 3/4 full: short probes, 4 or 5 bytes a row. */
	slots_grow(a, a->n + a->n / 3 + 1);
	return a;
}

const struct iop_appt *
iop_appts_find(const struct iop_appts *a, const char *sid, const char *pid)
{
	const struct iop_appt *q;
	const char *s, *p;
	size_t i, mask;

	if (a == NULL || a->nslots == 0 || (s = lookup(a, sid)) == NULL ||
	    (p = lookup(a, pid)) == NULL)
		return NULL;
	mask = a->nslots - 1;
	for (i = (size_t)pairhash(s, p) & mask; a->slots[i] != 0;
	    i = (i + 1) & mask) {
		q = &a->v[a->slots[i] - 1];
		if (q->session_id == s && q->participant_id == p)
			return q;
	}
	return NULL;
}

int
iop_appts_has_session(const struct iop_appts *a, const char *sid)
{
	const char *s;

	return a != NULL && (s = lookup(a, sid)) != NULL &&
	    (s[-1] & STR_SESSION) != 0;
}

size_t
iop_appts_count(const struct iop_appts *a)
{
	return a != NULL ? a->n : 0;
}

const struct iop_appt *
iop_appts_at(const struct iop_appts *a, size_t i)
{
	return a != NULL && i < a->n ? &a->v[i] : NULL;
}

size_t
iop_appts_pos(const struct iop_appts *a, const struct iop_appt *p)
{
	return (size_t)(p - a->v);
}

void
iop_appts_free(struct iop_appts *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a->v);
	free(a->slots);
	free(a->strs);
	free(a);
}
