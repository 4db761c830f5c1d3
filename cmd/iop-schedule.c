/*
 * iop-schedule -- turn a program definition and the participant list into
 * appointments without double bookings; check an appointments file for
 * conflicts; write iCalendar files for a participant, staff member or
 * group.
 */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/iop.h"
#include "lib/ics.h"
#include "lib/person.h"
#include "lib/program.h"
#include "lib/sched.h"

#define SYNOPSIS \
"iop-schedule [-hjV] -p program.json [-f date -e appointments] [file ...]\n" \
"       iop-schedule check [-j] -p program.json [file ...]\n" \
"       iop-schedule ics -p program.json -P id | -s id | -g id [file ...]"

enum {
	O_GROUP = IOP_OPT_FIRST_FREE, O_PARTICIPANT, O_STAFF
};

static const struct option longopts[] = {
	{ "existing", required_argument, NULL, 'e' },
	{ "from", required_argument, NULL, 'f' },
	{ "group", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "participant", required_argument, NULL, 'P' },
	{ "program", required_argument, NULL, 'p' },
	{ "staff", required_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* The appointment columns, in output order. */
enum { A_SID, A_PID, A_DATE, A_START, A_END, A_MIN, A_TYPE, A_TOPIC,
	A_GROUP, A_TRACK, A_STAFF, A_ROOM, A_WEEK, A_PHASE, A_N };
static const char *const acols[A_N + 1] = { "session_id", "participant_id",
    "date", "start", "end", "minutes", "type", "topic", "group_id", "track",
    "staff_id", "room", "week", "phase", NULL };

struct ctx {
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	const char		*progfile;
	struct iop_program	 prog;
	struct iop_sperson	*ps;
	size_t			 np;
	struct iop_writer	*w;
	struct iop_hdr		*hdr;
	struct iop_rec		 rec;
	char			**srcs;		/* input names, for messages */
	size_t			 nsrcs;
	int			 status;
};

static void	 help(void);
static long	 optdate(const char *, const char *);
static void	 loadprog(struct ctx *);
static int	 pcmp(const void *, const void *);
static long	 pfind(const struct ctx *, const char *);
static void	 read_people(struct ctx *, char **, int);
static void	 emit(const struct iop_appt *, size_t, void *);
static void	 on_issue(const struct iop_issue *, void *);
static long	 keep_existing(struct ctx *, const char *, long,
		    struct iop_sched *, struct iop_rec **);
static int	 cmd_generate(struct ctx *, long, const char *, char **, int);
static size_t	 read_rows(struct ctx *, char **, int, struct iop_crow **);
static void	 on_conflict(const struct iop_conflict_rep *, void *);
static int	 cmd_check(struct ctx *, char **, int);
static const char *typename(const char *, char *, size_t);
static int	 cmd_ics(struct ctx *, int, const char *, char **, int);
static void	 free_rows(struct iop_crow *, size_t);
static int	 rowcmp_time(const void *, const void *);

static void
help(void)
{
	printf("usage: %s\n\n", SYNOPSIS);
	fputs(
"Schedule an intensive outpatient program: every active participant's\n"
"appointments from the admission date, groups filled to capacity, staff\n"
"and rooms without double bookings.\n\n"
"Commands:\n"
"  (none)                generate appointments from the participant list\n"
"  check                 report conflicts in an appointments file\n"
"  ics                   write an iCalendar file (RFC 5545)\n\n"
"Options:\n"
"  -p, --program=FILE    the program definition (iop-program(5))\n"
"  -f, --from=DATE       generate only from DATE on\n"
"  -e, --existing=FILE   with --from: keep this file's rows before DATE\n"
"  -P, --participant=ID  ics: one participant's appointments\n"
"  -s, --staff=ID        ics: one staff member's sessions\n"
"  -g, --group=ID        ics: one group's sessions (e.g. morning-G1)\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n", stdout);
	fputs(IOP_OUT_HELP, stdout);
	fputs("\nExample:\n"
"  iop-schedule -p program.json participants.csv > appointments.csv\n"
"  iop-schedule ics -p program.json -P P0007 appointments.csv > P0007.ics\n",
	    stdout);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

static long
optdate(const char *opt, const char *arg)
{
	long d;

	if (iop_date_parse(arg, &d) != 0) {
		iop_warnx("%s: '%s' is not a date YYYY-MM-DD", opt, arg);
		iop_usage(SYNOPSIS);
	}
	return d;
}

static void
loadprog(struct ctx *c)
{
	struct iop_err e;

	memset(&e, 0, sizeof(e));
	if (c->progfile == NULL) {
		iop_warnx("the program definition is required (-p file)");
		iop_usage(SYNOPSIS);
	}
	if (iop_program_load(c->progfile, &c->prog, &e) != 0) {
		iop_report(&e);
		exit(1);
	}
}

static int
pcmp(const void *a, const void *b)
{
	return strcmp(((const struct iop_sperson *)a)->id,
	    ((const struct iop_sperson *)b)->id);
}

static long
pfind(const struct ctx *c, const char *id)
{
	struct iop_sperson k, *f;

	k.id = (char *)(uintptr_t)id;
	if (c->np == 0)
		return -1;
	f = bsearch(&k, c->ps, c->np, sizeof(k), pcmp);
	return f != NULL ? f - c->ps : -1;
}

/* Read the participants due appointments; a bad record fails the run. */
static void
read_people(struct ctx *c, char **files, int nfiles)
{
	static const char *const need[] = { "participant_id", "track",
	    "admission_date", NULL };
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_err e;
	struct iop_sperson *p;
	long ci, ct, ca, cw, cs, cd, v, sd;
	char *src = NULL;
	int st;
	size_t i, cap = 0;

	r = iop_open_inputs(files, (size_t)nfiles, &c->in);
	iop_rec_init(&rec);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(r, &e) < 0) {
		iop_report(&e);
		exit(1);
	}
	if (iop_reader_hdr(r) != NULL && iop_require(r, need) != 0)
		exit(1);
	while (iop_read(r, &rec, &c->status)) {
		ci = iop_hdr_find(rec.hdr, "participant_id");
		ct = iop_hdr_find(rec.hdr, "track");
		ca = iop_hdr_find(rec.hdr, "admission_date");
		cw = iop_hdr_find(rec.hdr, "planned_weeks");
		cs = iop_hdr_find(rec.hdr, "status");
		cd = iop_hdr_find(rec.hdr, "status_date");
		memset(&e, 0, sizeof(e));
		if (c->np == cap) {
			cap = cap ? cap * 2 : 256;
			c->ps = ereallocarray(c->ps, cap, sizeof(*c->ps));
		}
		p = &c->ps[c->np];
		memset(p, 0, sizeof(*p));
		p->line = rec.line;
		if (src == NULL || strcmp(src, iop_reader_name(r)) != 0) {
			src = estrdup(iop_reader_name(r));
			c->srcs = ereallocarray(c->srcs, c->nsrcs + 1,
			    sizeof(*c->srcs));
			c->srcs[c->nsrcs++] = src;
		}
		p->src = src;
		p->weeks = c->prog.weeks;
		st = IOP_ST_ACTIVE;
		if (iop_rec_len(&rec, (size_t)ci) == 0)
			iop_field_err(&e, &rec, (size_t)ci, "participant_id",
			    "missing");
		else if ((p->track = (int)iop_program_track(&c->prog,
		    iop_rec_get(&rec, (size_t)ct))) < 0)
			iop_field_err(&e, &rec, (size_t)ct, "track", "not a "
			    "track of the program definition");
		else if (iop_field_date(&rec, (size_t)ca, "admission_date",
		    &p->admit, &e) != 0)
			;
		else if (cw >= 0 && iop_rec_len(&rec, (size_t)cw) > 0 &&
		    iop_field_int(&rec, (size_t)cw, "planned_weeks", 1, 52,
		    &v, &e) == 0)
			p->weeks = (int)v;
		if (e.msg[0] == '\0' && cs >= 0 && iop_rec_len(&rec,
		    (size_t)cs) > 0)
			iop_field_enum(&rec, (size_t)cs, "status",
			    iop_status_names, &st, &e);
		p->end = p->admit + 7L * p->weeks;
		if (e.msg[0] == '\0' && st != IOP_ST_ACTIVE) {
			if (cd < 0 || iop_rec_len(&rec, (size_t)cd) == 0)
				iop_seterr(&e, rec.src, rec.line, 0, "status "
				    "is not active but status_date is missing");
			else if (iop_field_date(&rec, (size_t)cd,
			    "status_date", &sd, &e) == 0 && sd < p->end) {
				p->end = sd;
				p->cut = 1;
			}
		}
		if (e.msg[0] != '\0') {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		p->id = estrdup(iop_rec_get(&rec, (size_t)ci));
		c->np++;
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	if (c->np > 0)
		qsort(c->ps, c->np, sizeof(*c->ps), pcmp);
	for (i = 1; i < c->np; i++)
		if (strcmp(c->ps[i].id, c->ps[i - 1].id) == 0) {
			p = c->ps[i].line > c->ps[i - 1].line ? &c->ps[i] :
			    &c->ps[i - 1];
			iop_warnx_at(p->src, p->line, 0, "participant_id "
			    "repeats an earlier record; not scheduled twice");
			c->status = 1;
		}
}

static void
emit(const struct iop_appt *a, size_t n, void *arg)
{
	struct ctx *c = arg;
	const struct iop_program *p = &c->prog;
	struct iop_rec *r = &c->rec;
	char ds[11], t1[6], t2[6], num[3][16], grp[48];
	size_t i, k;

	for (i = 0; i < n; i++, a++) {
		iop_date_fmt(a->date, ds);
		iop_time_fmt(a->start, t1);
		iop_time_fmt(a->end, t2);
		snprintf(num[0], sizeof(num[0]), "%d", a->end - a->start);
		snprintf(num[1], sizeof(num[1]), "%d", a->week);
		snprintf(num[2], sizeof(num[2]), "%d", a->phase);
		grp[0] = '\0';
		if (a->group > 0)
			snprintf(grp, sizeof(grp), "%s-G%d",
			    p->tracks[a->track].id, a->group);
		{
			const char *v[A_N] = { a->sid, c->ps[a->person].id,
			    ds, t1, t2, num[0], a->type, a->topic, grp,
			    p->tracks[a->track].id, p->staff[a->staff].id,
			    p->rooms[a->room].id, num[1], num[2] };

			iop_rec_clear(r);
			for (k = 0; k < A_N; k++)
				iop_rec_push(r, v[k], strlen(v[k]), k == A_MIN ||
				    k == A_WEEK || k == A_PHASE ? IOP_K_NUM :
				    IOP_K_STR);
		}
		iop_rec_fit(r);
		if (iop_writer_put(c->w, r) != 0) {
			c->status = 1;
			return;
		}
	}
}

static void
on_issue(const struct iop_issue *is, void *arg)
{
	struct ctx *c = arg;
	const struct iop_sperson *p;

	if (is->person >= 0) {
		p = &c->ps[is->person];
		iop_warnx_at(p->src, p->line, 0, "%s", is->msg);
	} else
		iop_warnx_at(c->progfile, 0, 0, "%s", is->msg);
}

/*
 * Keep the rows of an earlier schedule that come before from: they are
 * copied out unchanged and count toward staff hours, participants' weeks
 * and the sessions already held.  Returns the number kept.
 */
static long
keep_existing(struct ctx *c, const char *file, long from,
    struct iop_sched *s, struct iop_rec **out)
{
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_err e;
	long col[A_N], d, wk, n = 0, cap = 0, staff, mon;
	int t0, t1, first;
	size_t i, nsid = 0;
	char **sids = NULL;
	char *path = (char *)(uintptr_t)file;

	r = iop_open_inputs(&path, 1, &c->in);
	iop_rec_init(&rec);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(r, &e) < 0) {
		iop_report(&e);
		exit(1);
	}
	if (iop_reader_hdr(r) == NULL)
		return 0;
	if (iop_require(r, acols) != 0)
		exit(1);
	for (i = 0; i < A_N; i++)
		col[i] = iop_hdr_find(iop_reader_hdr(r), acols[i]);
	for (i = 0; i < iop_reader_hdr(r)->n; i++)
		iop_hdr_ensure(c->hdr, iop_reader_hdr(r)->names[i]);
	mon = from - (iop_date_weekday(from) - 1);
	while (iop_read(r, &rec, &c->status)) {
		memset(&e, 0, sizeof(e));
		if (iop_field_date(&rec, (size_t)col[A_DATE], "date", &d,
		    &e) != 0 || iop_field_time(&rec, (size_t)col[A_START],
		    "start", &t0, &e) != 0 || iop_time_parse_end(iop_rec_get(
		    &rec, (size_t)col[A_END]), &t1) != 0 || t1 < t0) {
			if (e.msg[0] == '\0')
				iop_field_err(&e, &rec, (size_t)col[A_END],
				    "end", "expected a 24-hour time HH:MM "
				    "after start");
			iop_report(&e);
			c->status = 1;
			continue;
		}
		if (d >= from)
			continue;
		if (iop_int_parse(iop_rec_get(&rec, (size_t)col[A_WEEK]), 1,
		    52, &wk, &(const char *){ NULL }) != 0)
			wk = 0;
		staff = iop_program_staff(&c->prog, iop_rec_get(&rec,
		    (size_t)col[A_STAFF]));
		first = 1;
		if (d >= mon && staff >= 0) {
			/* Count each session once toward staff hours. */
			for (i = 0; i < nsid; i++)
				if (strcmp(sids[i], iop_rec_get(&rec,
				    (size_t)col[A_SID])) == 0)
					break;
			if (i < nsid)
				first = 0;
			else {
				sids = ereallocarray(sids, nsid + 1,
				    sizeof(*sids));
				sids[nsid++] = estrdup(iop_rec_get(&rec,
				    (size_t)col[A_SID]));
			}
		}
		iop_sched_seed(s, (int)pfind(c, iop_rec_get(&rec,
		    (size_t)col[A_PID])), (int)staff, first, d, t1 - t0,
		    iop_rec_get(&rec, (size_t)col[A_TYPE]), (int)wk);
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = ereallocarray(*out, (size_t)cap, sizeof(**out));
		}
		iop_rec_init(&(*out)[n]);
		iop_rec_clear(&(*out)[n]);
		for (i = 0; i < c->hdr->n; i++) {
			long k = iop_hdr_find(rec.hdr, c->hdr->names[i]);

			iop_rec_push(&(*out)[n], k >= 0 ? iop_rec_get(&rec,
			    (size_t)k) : "", k >= 0 ? iop_rec_len(&rec,
			    (size_t)k) : 0, k >= 0 ? iop_rec_kind(&rec,
			    (size_t)k) : IOP_K_STR);
		}
		n++;
	}
	for (i = 0; i < nsid; i++)
		free(sids[i]);
	free(sids);
	iop_rec_free(&rec);
	iop_reader_close(r);
	return n;
}

static int
cmd_generate(struct ctx *c, long from, const char *existing, char **files,
    int nfiles)
{
	struct iop_sched *s;
	struct iop_rec *kept = NULL;
	long nkept = 0, i, start = 0;
	size_t k, unplaced;

	read_people(c, files, nfiles);
	c->hdr = iop_hdr_new();
	for (k = 0; k < A_N; k++)
		iop_hdr_add(c->hdr, acols[k]);
	for (k = 0; k < c->np; k++)
		if (k == 0 || c->ps[k].admit < start)
			start = c->ps[k].admit;
	if (from != LONG_MIN)
		start = from;
	s = iop_sched_new(&c->prog, c->ps, c->np, start);
	if (existing != NULL)
		nkept = keep_existing(c, existing, start, s, &kept);
	c->w = iop_out_stdout(&c->out);
	iop_writer_header(c->w, c->hdr);
	for (i = 0; i < nkept; i++) {
		kept[i].hdr = c->hdr;
		if (iop_writer_put(c->w, &kept[i]) != 0)
			c->status = 1;
		iop_rec_free(&kept[i]);
	}
	free(kept);
	iop_rec_init(&c->rec);
	c->rec.hdr = c->hdr;
	unplaced = iop_sched_run(s, emit, on_issue, c);
	if (unplaced > 0) {
		iop_warnx("%zu appointment%s could not be placed", unplaced,
		    unplaced == 1 ? "" : "s");
		c->status = 1;
	}
	iop_sched_free(s);
	iop_rec_free(&c->rec);
	for (k = 0; k < c->np; k++)
		free(c->ps[k].id);
	free(c->ps);
	for (k = 0; k < c->nsrcs; k++)
		free(c->srcs[k]);
	free(c->srcs);
	iop_hdr_free(c->hdr);
	return iop_finish(c->w, c->status);
}

/* Read an appointments file for check and ics; bad rows are reported. */
static size_t
read_rows(struct ctx *c, char **files, int nfiles, struct iop_crow **out)
{
	static const char *const need[] = { "session_id", "participant_id",
	    "date", "start", "end", "type", NULL };
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_err e;
	struct iop_crow *w;
	long col[A_N], v;
	size_t n = 0, cap = 0, i;

	r = iop_open_inputs(files, (size_t)nfiles, &c->in);
	iop_rec_init(&rec);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(r, &e) < 0) {
		iop_report(&e);
		exit(1);
	}
	if (iop_reader_hdr(r) != NULL && iop_require(r, need) != 0)
		exit(1);
	while (iop_read(r, &rec, &c->status)) {
		for (i = 0; i < A_N; i++)
			col[i] = iop_hdr_find(rec.hdr, acols[i]);
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*out = ereallocarray(*out, cap, sizeof(**out));
		}
		w = &(*out)[n];
		memset(w, 0, sizeof(*w));
		memset(&e, 0, sizeof(e));
		if (iop_field_date(&rec, (size_t)col[A_DATE], "date", &w->date,
		    &e) != 0 || iop_field_time(&rec, (size_t)col[A_START],
		    "start", &w->start, &e) != 0)
			;
		else if (iop_time_parse_end(iop_rec_get(&rec,
		    (size_t)col[A_END]), &w->end) != 0 || w->end <= w->start)
			iop_field_err(&e, &rec, (size_t)col[A_END], "end",
			    "expected a 24-hour time HH:MM after start");
		else if (iop_rec_len(&rec, (size_t)col[A_SID]) == 0)
			iop_field_err(&e, &rec, (size_t)col[A_SID],
			    "session_id", "missing");
		else if (col[A_WEEK] >= 0 && iop_rec_len(&rec,
		    (size_t)col[A_WEEK]) > 0 && iop_field_int(&rec,
		    (size_t)col[A_WEEK], "week", 1, 52, &v, &e) == 0)
			w->week = (int)v;
		if (e.msg[0] != '\0') {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		w->line = rec.line;
		w->sid = estrdup(iop_rec_get(&rec, (size_t)col[A_SID]));
		w->pid = estrdup(iop_rec_get(&rec, (size_t)col[A_PID]));
		w->type = estrdup(iop_rec_get(&rec, (size_t)col[A_TYPE]));
		w->topic = estrdup(col[A_TOPIC] < 0 ? "" : iop_rec_get(&rec,
		    (size_t)col[A_TOPIC]));
		w->group = estrdup(col[A_GROUP] < 0 ? "" : iop_rec_get(&rec,
		    (size_t)col[A_GROUP]));
		w->staff = estrdup(col[A_STAFF] < 0 ? "" : iop_rec_get(&rec,
		    (size_t)col[A_STAFF]));
		w->room = estrdup(col[A_ROOM] < 0 ? "" : iop_rec_get(&rec,
		    (size_t)col[A_ROOM]));
		n++;
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	return n;
}

static void
free_rows(struct iop_crow *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)(uintptr_t)v[i].sid);
		free((char *)(uintptr_t)v[i].pid);
		free((char *)(uintptr_t)v[i].type);
		free((char *)(uintptr_t)v[i].topic);
		free((char *)(uintptr_t)v[i].group);
		free((char *)(uintptr_t)v[i].staff);
		free((char *)(uintptr_t)v[i].room);
	}
	free(v);
}

static void
on_conflict(const struct iop_conflict_rep *x, void *arg)
{
	struct ctx *c = arg;
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
	iop_rec_clear(&c->rec);
	for (k = 0; k < 10; k++)
		iop_rec_push(&c->rec, v[k], strlen(v[k]), k == 1 || (k == 2 &&
		    x->other > 0) ? IOP_K_NUM : IOP_K_STR);
	if (iop_writer_put(c->w, &c->rec) != 0)
		c->status = 1;
}

static int
cmd_check(struct ctx *c, char **files, int nfiles)
{
	static const char *const cols[] = { "conflict", "line", "other_line",
	    "date", "start", "session_id", "participant_id", "staff_id",
	    "room", "detail", NULL };
	struct iop_crow *rows = NULL;
	size_t n, k;

	n = read_rows(c, files, nfiles, &rows);
	c->hdr = iop_hdr_new();
	for (k = 0; cols[k] != NULL; k++)
		iop_hdr_add(c->hdr, cols[k]);
	iop_rec_init(&c->rec);
	c->rec.hdr = c->hdr;
	c->w = iop_out_stdout(&c->out);
	k = iop_sched_check(&c->prog, rows, n, on_conflict, c);
	if (k > 0) {
		iop_warnx("%zu conflict%s", k, k == 1 ? "" : "s");
		c->status = 1;
	}
	free_rows(rows, n);
	iop_rec_free(&c->rec);
	iop_hdr_free(c->hdr);
	return iop_finish(c->w, c->status);
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
	const struct iop_crow *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->sid, y->sid);
}

/* One calendar: a participant's rows, or a staff member's or group's
 * sessions (each once, with the number of participants). */
static int
cmd_ics(struct ctx *c, int who, const char *id, char **files, int nfiles)
{
	struct iop_crow *rows = NULL, *x;
	struct iop_ics_event ev;
	struct iop_buf b = { 0 }, sum = { 0 }, desc = { 0 }, uid = { 0 };
	size_t n, i, j, m = 0;
	const char *env = getenv("IOP_TODAY");
	long st, rm, today;
	char tb[64];

	n = read_rows(c, files, nfiles, &rows);
	for (i = 0; i < n; i++) {
		const char *k = who == 'P' ? rows[i].pid : who == 's' ?
		    rows[i].staff : rows[i].group;

		if (strcmp(k, id) == 0)
			rows[m++] = rows[i];
		else {
			rows[i].line = 0;
			free_rows(memcpy(emalloc(sizeof(*rows)), &rows[i],
			    sizeof(*rows)), 1);
		}
	}
	if (m == 0) {
		iop_warnx("no appointments for %s '%s'", who == 'P' ?
		    "participant" : who == 's' ? "staff member" : "group", id);
		free(rows);
		return 1;
	}
	qsort(rows, m, sizeof(*rows), rowcmp_time);
	if (iop_ics_zone(c->prog.tz) != 0)
		iop_err(1, "setenv TZ");
	memset(&ev, 0, sizeof(ev));
	if (env != NULL && *env != '\0' && iop_today(&today) == 0)
		ev.stamp = (time_t)today * 86400;
	else
		ev.stamp = time(NULL);
	iop_buf_printf(&b, "%s: %s", c->prog.name, id);
	iop_ics_begin(&sum, b.s);
	for (i = 0; i < m; i = j) {
		x = &rows[i];
		for (j = i + 1; j < m && who != 'P' &&
		    strcmp(rows[j].sid, x->sid) == 0; j++)
			;
		iop_buf_reset(&b);
		iop_buf_reset(&desc);
		iop_buf_reset(&uid);
		iop_buf_adds(&b, typename(x->type, tb, sizeof(tb)));
		if (*x->topic != '\0')
			iop_buf_printf(&b, ": %s", x->topic);
		if (*x->group != '\0')
			iop_buf_printf(&b, " (%s)", x->group);
		else if (who != 'P')
			iop_buf_printf(&b, ": %s", x->pid);
		st = iop_program_staff(&c->prog, x->staff);
		rm = iop_program_room(&c->prog, x->room);
		iop_buf_printf(&desc, "Session %s", x->sid);
		if (who != 'P' && *x->group != '\0')
			iop_buf_printf(&desc, "\n%zu participant%s", j - i,
			    j - i == 1 ? "" : "s");
		if (st >= 0)
			iop_buf_printf(&desc, "\nStaff: %s",
			    c->prog.staff[st].name);
		if (x->week > 0 && who == 'P')
			iop_buf_printf(&desc, "\nProgram week %d", x->week);
		iop_buf_printf(&uid, "%s@%s.iop", x->sid, c->prog.id);
		if (iop_ics_utc(x->date, x->start, &ev.start) != 0 ||
		    iop_ics_utc(x->date, x->end, &ev.end) != 0) {
			iop_warnx("cannot convert a local time to UTC");
			c->status = 1;
			continue;
		}
		ev.uid = uid.s;
		ev.summary = b.s;
		ev.description = desc.s;
		ev.location = rm >= 0 ? (c->prog.rooms[rm].name != NULL ?
		    c->prog.rooms[rm].name : c->prog.rooms[rm].id) : x->room;
		iop_ics_event(&sum, &ev);
	}
	iop_ics_end(&sum);
	if (fwrite(sum.s, 1, sum.len, stdout) != sum.len)
		c->status = 1;
	iop_buf_free(&b);
	iop_buf_free(&sum);
	iop_buf_free(&desc);
	iop_buf_free(&uid);
	free_rows(rows, m);
	return iop_finish(NULL, c->status);
}

int
main(int argc, char *argv[])
{
	struct ctx c;
	const char *existing = NULL, *id = NULL;
	long from = LONG_MIN;
	int ch, mode = 0, who = 0;

	iop_setprogname(argv[0]);
	/* getopt names the program by argv[0]: make it the short name. */
	argv[0] = (char *)iop_getprogname();
	memset(&c, 0, sizeof(c));
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		mode = 'c';
	else if (argc > 1 && strcmp(argv[1], "ics") == 0)
		mode = 'i';
	if (mode != 0) {
		argv++;
		argc--;
	}
	while ((ch = getopt_long(argc, argv, "e:f:g:hjP:p:s:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			existing = optarg;
			break;
		case 'f':
			from = optdate("--from", optarg);
			break;
		case 'g':
		case 'P':
		case 's':
			if (who != 0) {
				iop_warnx("give only one of --participant, "
				    "--staff and --group");
				iop_usage(SYNOPSIS);
			}
			who = ch;
			id = optarg;
			break;
		case 'h':
			help();
			break;
		case 'p':
			c.progfile = optarg;
			break;
		case 'V':
			iop_version();
			break;
		default:
			if (iop_opt_common(ch, optarg, &c.in, &c.out))
				break;
			iop_usage(SYNOPSIS);
		}
	}
	argc -= optind;
	argv += optind;
	if ((mode == 'i') != (who != 0)) {
		iop_warnx(mode == 'i' ? "ics needs --participant, --staff or "
		    "--group" : "--participant, --staff and --group are for "
		    "ics");
		iop_usage(SYNOPSIS);
	}
	if ((mode != 0 && (from != LONG_MIN || existing != NULL)) ||
	    (existing != NULL && from == LONG_MIN)) {
		iop_warnx("--existing needs --from, and both are for "
		    "generating");
		iop_usage(SYNOPSIS);
	}
	loadprog(&c);
	if (mode == 'c')
		ch = cmd_check(&c, argv, argc);
	else if (mode == 'i')
		ch = cmd_ics(&c, who, id, argv, argc);
	else
		ch = cmd_generate(&c, from, existing, argv, argc);
	iop_program_free(&c.prog);
	return ch;
}
