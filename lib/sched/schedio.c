/*
 * schedio.c -- the records of iop-schedule: a row of the participant list
 * turned into a participant to schedule, an appointment or a conflict
 * turned into an output row, the rows of an earlier schedule kept before
 * --from, and the calendar of one participant, staff member or group.
 * A row of an appointments file is read by appt.c's iop_appt_parse.
 * Nothing here prints: a bad row comes back in a struct iop_err for the
 * command to report, and the command keeps the read loop.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/io/io.h"
#include "lib/sched/ics.h"
#include "lib/clinic/person.h"
#include "lib/clinic/stay.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"

/* The appointment columns, in output order (iop_sched_cols). */
enum { A_SID, A_PID, A_DATE, A_START, A_END, A_MIN, A_TYPE, A_TOPIC,
	A_GROUP, A_TRACK, A_STAFF, A_ROOM, A_WEEK, A_PHASE, A_N };

const char *const iop_sched_cols[A_N + 1] = { "session_id",
    "participant_id", "date", "start", "end", "minutes", "type", "topic",
    "group_id", "track", "staff_id", "room", "week", "phase", NULL };

const char *const iop_sperson_need[] = { "participant_id", "track",
    "admission_date", NULL };

const char *const iop_conflict_cols[] = { "conflict", "line", "other_line",
    "date", "start", "session_id", "participant_id", "staff_id", "room",
    "detail", NULL };

struct iop_keep {
	struct iop_sched		*s;
	const struct iop_program	*prog;
	const struct iop_sperson	*ps;
	size_t				 np;
	struct iop_hdr			*hdr;
	long				 from;
	long				 mon;	/* Monday of from's week */
	char				**sids;	/* sessions counted this week */
	size_t				 nsid;
	struct iop_rec			*rows;
	size_t				 n, cap;
};

static int	 pcmp(const void *, const void *);
static const char *typename(const char *, char *, size_t);
static int	 rowcmp_time(const void *, const void *);

static int
pcmp(const void *a, const void *b)
{
	return strcmp(((const struct iop_sperson *)a)->id,
	    ((const struct iop_sperson *)b)->id);
}

int
iop_sperson_parse(const struct iop_program *prog, const struct iop_rec *rec,
    struct iop_sperson *p, struct iop_err *e)
{
	struct iop_person ix;
	struct iop_stay s;

	memset(p, 0, sizeof(*p));
	p->line = rec->line;
	iop_person_index(&ix, rec->hdr);
	if (iop_stay_parse(rec, &ix, &s, e) != 0)
		return -1;
	if ((p->track = (int)iop_program_track(prog, s.track)) < 0) {
		iop_field_err(e, rec, (size_t)ix.col[IOP_P_TRACK], "track",
		    "not a track of the program definition");
		return -1;
	}
	p->admit = s.adm;
	p->weeks = s.weeks > 0 ? s.weeks : prog->weeks;
	p->end = iop_stay_planned_end(&s, prog->weeks);
	p->cut = p->end < p->admit + 7L * p->weeks;
	p->id = estrdup(s.id);
	return 0;
}

void
iop_sperson_sort(struct iop_sperson *ps, size_t n)
{
	if (n > 0)
		qsort(ps, n, sizeof(*ps), pcmp);
}

long
iop_sperson_find(const struct iop_sperson *ps, size_t n, const char *id)
{
	struct iop_sperson k;
	const struct iop_sperson *f;

	k.id = (char *)(uintptr_t)id;
	if (n == 0)
		return -1;
	f = bsearch(&k, ps, n, sizeof(k), pcmp);
	return f != NULL ? f - ps : -1;
}

void
iop_sched_apptrec(const struct iop_program *p, const struct iop_sperson *ps,
    const struct iop_sappt *a, struct iop_rec *r)
{
	char ds[11], t1[6], t2[6], num[3][16], grp[48];
	const char *v[A_N];
	size_t k;

	iop_date_fmt(a->date, ds);
	iop_time_fmt(a->start, t1);
	iop_time_fmt(a->end, t2);
	snprintf(num[0], sizeof(num[0]), "%d", a->end - a->start);
	snprintf(num[1], sizeof(num[1]), "%d", a->week);
	snprintf(num[2], sizeof(num[2]), "%d", a->phase);
	grp[0] = '\0';
	if (a->group > 0)
		snprintf(grp, sizeof(grp), "%s-G%d", p->tracks[a->track].id,
		    a->group);
	v[A_SID] = a->sid;
	v[A_PID] = ps[a->person].id;
	v[A_DATE] = ds;
	v[A_START] = t1;
	v[A_END] = t2;
	v[A_MIN] = num[0];
	v[A_TYPE] = a->type;
	v[A_TOPIC] = a->topic;
	v[A_GROUP] = grp;
	v[A_TRACK] = p->tracks[a->track].id;
	v[A_STAFF] = p->staff[a->staff].id;
	v[A_ROOM] = p->rooms[a->room].id;
	v[A_WEEK] = num[1];
	v[A_PHASE] = num[2];
	iop_rec_clear(r);
	for (k = 0; k < A_N; k++)
		iop_rec_push(r, v[k], strlen(v[k]), k == A_MIN ||
		    k == A_WEEK || k == A_PHASE ? IOP_K_NUM : IOP_K_STR);
	iop_rec_fit(r);
}

struct iop_keep *
iop_keep_new(struct iop_sched *s, const struct iop_program *prog,
    const struct iop_sperson *ps, size_t np, long from, struct iop_hdr *hdr)
{
	struct iop_keep *k;

	k = ecalloc(1, sizeof(*k));
	k->s = s;
	k->prog = prog;
	k->ps = ps;
	k->np = np;
	k->hdr = hdr;
	k->from = from;
	k->mon = from - (iop_date_weekday(from) - 1);
	return k;
}

int
iop_keep_row(struct iop_keep *k, const struct iop_rec *rec,
    struct iop_err *e)
{
	struct iop_rec *o;
	long col[A_N], d, wk, staff, c;
	int t0, t1, first;
	size_t i;

	for (i = 0; i < A_N; i++)
		col[i] = iop_hdr_find(rec->hdr, iop_sched_cols[i]);
	memset(e, 0, sizeof(*e));
	if (iop_field_date(rec, (size_t)col[A_DATE], "date", &d, e) != 0 ||
	    iop_field_time(rec, (size_t)col[A_START], "start", &t0, e) != 0 ||
	    iop_time_parse_end(iop_rec_get(rec, (size_t)col[A_END]),
	    &t1) != 0 || t1 < t0) {
		if (e->msg[0] == '\0')
			iop_field_err(e, rec, (size_t)col[A_END], "end",
			    "expected a 24-hour time HH:MM after start");
		return -1;
	}
	if (d >= k->from)
		return 0;
	if (iop_int_parse(iop_rec_get(rec, (size_t)col[A_WEEK]), 1, 52, &wk,
	    &(const char *){ NULL }) != 0)
		wk = 0;
	staff = iop_program_staff(k->prog, iop_rec_get(rec,
	    (size_t)col[A_STAFF]));
	first = 1;
	if (d >= k->mon && staff >= 0) {
		/* Count each session once toward staff hours. */
		for (i = 0; i < k->nsid; i++)
			if (strcmp(k->sids[i], iop_rec_get(rec,
			    (size_t)col[A_SID])) == 0)
				break;
		if (i < k->nsid)
			first = 0;
		else {
			k->sids = ereallocarray(k->sids, k->nsid + 1,
			    sizeof(*k->sids));
			k->sids[k->nsid++] = estrdup(iop_rec_get(rec,
			    (size_t)col[A_SID]));
		}
	}
	iop_sched_seed(k->s, (int)iop_sperson_find(k->ps, k->np,
	    iop_rec_get(rec, (size_t)col[A_PID])), (int)staff, first, d,
	    t1 - t0, iop_rec_get(rec, (size_t)col[A_TYPE]), (int)wk);
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->rows = ereallocarray(k->rows, k->cap, sizeof(*k->rows));
	}
	o = &k->rows[k->n++];
	iop_rec_init(o);
	for (i = 0; i < k->hdr->n; i++) {
		c = iop_hdr_find(rec->hdr, k->hdr->names[i]);
		iop_rec_push(o, c >= 0 ? iop_rec_get(rec, (size_t)c) : "",
		    c >= 0 ? iop_rec_len(rec, (size_t)c) : 0, c >= 0 ?
		    iop_rec_kind(rec, (size_t)c) : IOP_K_STR);
	}
	o->hdr = k->hdr;
	return 1;
}

struct iop_rec *
iop_keep_rows(struct iop_keep *k, size_t *n)
{
	*n = k->n;
	return k->rows;
}

void
iop_keep_free(struct iop_keep *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->n; i++)
		iop_rec_free(&k->rows[i]);
	free(k->rows);
	for (i = 0; i < k->nsid; i++)
		free(k->sids[i]);
	free(k->sids);
	free(k);
}

void
iop_conflict_rec(const struct iop_conflict_rep *x, struct iop_rec *r)
{
	char line[24], other[24], ds[11], ts[6];
	const char *v[10];
	size_t k;

	snprintf(line, sizeof(line), "%zu", x->line);
	other[0] = '\0';
	if (x->other > 0)
		snprintf(other, sizeof(other), "%zu", x->other);
	iop_date_fmt(x->date, ds);
	iop_time_fmt(x->start, ts);
	v[0] = iop_conflict_names[x->kind];
	v[1] = line;
	v[2] = other;
	v[3] = ds;
	v[4] = ts;
	v[5] = x->sid;
	v[6] = x->pid;
	v[7] = x->staff;
	v[8] = x->room;
	v[9] = x->detail;
	iop_rec_clear(r);
	for (k = 0; k < 10; k++)
		iop_rec_push(r, v[k], strlen(v[k]), k == 1 || (k == 2 &&
		    x->other > 0) ? IOP_K_NUM : IOP_K_STR);
}

size_t
iop_appt_select(struct iop_appt *rows, size_t n, enum iop_cal who,
    const char *id)
{
	size_t i, m = 0;
	const char *k;

	for (i = 0; i < n; i++) {
		k = who == IOP_CAL_PARTICIPANT ? rows[i].participant_id :
		    who == IOP_CAL_STAFF ? rows[i].staff_id : rows[i].group_id;
		if (strcmp(k, id) == 0)
			rows[m++] = rows[i];
		else
			iop_appt_clear(&rows[i]);
	}
	return m;
}

static const char *
typename(const char *type, char *buf, size_t n)
{
	static const char *const names[][2] = {
		{ "group_therapy", "Group therapy" },
		{ "life_skills", "Life skills" },
		{ "relapse_prevention", "Relapse prevention" },
		{ "individual", "Individual counseling" },
		{ "family", "Family therapy" },
		{ "assessment", "Initial assessment" },
		{ "orientation", "Orientation" },
		{ "discharge_planning", "Discharge planning" }
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(type, names[i][0]) == 0)
			return names[i][1];
	snprintf(buf, n, "%s", type);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '_')
			buf[i] = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

static int
rowcmp_time(const void *a, const void *b)
{
	return iop_appt_cmp_when(a, b);
}

/*
 * A participant's calendar has one event per row; a staff member's or a
 * group's has each session once, with the number of participants.
 */
size_t
iop_sched_ics(const struct iop_program *p, struct iop_appt *rows, size_t m,
    enum iop_cal who, const char *id, time_t stamp, struct iop_buf *cal)
{
	struct iop_ics_event ev;
	struct iop_buf b = { 0 }, desc = { 0 }, uid = { 0 };
	const struct iop_appt *x;
	size_t i, j, bad = 0;
	long st, rm;
	char tb[64];

	if (m > 0)
		qsort(rows, m, sizeof(*rows), rowcmp_time);
	memset(&ev, 0, sizeof(ev));
	ev.stamp = stamp;
	iop_buf_printf(&b, "%s: %s", p->name, id);
	iop_ics_begin(cal, b.s);
	for (i = 0; i < m; i = j) {
		x = &rows[i];
		for (j = i + 1; j < m && who != IOP_CAL_PARTICIPANT &&
		    strcmp(rows[j].session_id, x->session_id) == 0; j++)
			;
		iop_buf_reset(&b);
		iop_buf_reset(&desc);
		iop_buf_reset(&uid);
		iop_buf_adds(&b, typename(x->type, tb, sizeof(tb)));
		if (*x->topic != '\0')
			iop_buf_printf(&b, ": %s", x->topic);
		if (*x->group_id != '\0')
			iop_buf_printf(&b, " (%s)", x->group_id);
		else if (who != IOP_CAL_PARTICIPANT)
			iop_buf_printf(&b, ": %s", x->participant_id);
		st = iop_program_staff(p, x->staff_id);
		rm = iop_program_room(p, x->room);
		iop_buf_printf(&desc, "Session %s", x->session_id);
		if (who != IOP_CAL_PARTICIPANT && *x->group_id != '\0')
			iop_buf_printf(&desc, "\n%zu participant%s", j - i,
			    j - i == 1 ? "" : "s");
		if (st >= 0)
			iop_buf_printf(&desc, "\nStaff: %s", p->staff[st].name);
		if (x->week > 0 && who == IOP_CAL_PARTICIPANT)
			iop_buf_printf(&desc, "\nProgram week %d", x->week);
		iop_buf_printf(&uid, "%s@%s.iop", x->session_id, p->id);
		if (iop_ics_utc(x->date, x->start, &ev.start) != 0 ||
		    iop_ics_utc(x->date, x->end, &ev.end) != 0) {
			bad++;
			continue;
		}
		ev.uid = uid.s;
		ev.summary = b.s;
		ev.description = desc.s;
		ev.location = rm >= 0 ? (p->rooms[rm].name != NULL ?
		    p->rooms[rm].name : p->rooms[rm].id) : x->room;
		iop_ics_event(cal, &ev);
	}
	iop_ics_end(cal);
	iop_buf_free(&b);
	iop_buf_free(&desc);
	iop_buf_free(&uid);
	return bad;
}
