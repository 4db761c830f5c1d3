/*
 * attendio.c -- attendance records in and out: one session's records
 * built from lists of participants (iop-attend record), sign-in sheets
 * read and checked row by row (import), and the missing and flags lists
 * written as records.  Nothing here prints a diagnostic: rejected records
 * and read errors go to the caller's function.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/sched/appt.h"
#include "lib/attend/attend.h"

/* One iop_att_record call. */
struct session {
	struct iop_att_batch		*b;
	struct iop_hdr			*h;
	const struct iop_att_ctx	*c;
	const char			*sid, *note;
	char				**seen;
	size_t				 nseen;
	iop_report_fn			*fn;
	void				*arg;
};

/* What a list callback writes with. */
struct out {
	struct iop_writer	*wr;
	struct iop_rec		 r;
	int			 each;		/* missing: per participant */
	int			 minmin;	/* flags */
};

static int	 record_one(struct session *, const char *, int, const char *,
		    char **);
static void	 out_open(struct out *, struct iop_writer *, struct iop_hdr *);
static void	 out_close(struct out *, struct iop_hdr *);
static void	 put_appt(struct iop_rec *, const struct iop_appt *, int);
static void	 missing_cb(const struct iop_appt *, size_t, size_t,
		    const struct iop_appt *const *, size_t, void *);
static void	 flag_cb(const struct iop_att_flagrep *, void *);

/* Check one participant's record; -1 (and *dup) if already named. */
static int
record_one(struct session *s, const char *pid, int st, const char *min,
    char **dup)
{
	struct iop_rec r;
	struct iop_err e;
	const struct iop_appt *a;
	char label[96];
	size_t i;

	for (i = 0; i < s->nseen; i++)
		if (strcmp(s->seen[i], pid) == 0) {
			*dup = estrdup(pid);
			return -1;
		}
	s->seen = ereallocarray(s->seen, s->nseen + 1, sizeof(*s->seen));
	s->seen[s->nseen++] = estrdup(pid);
	iop_rec_init(&r);
	iop_att_fill(&r, s->h, s->sid, pid, st, min, s->note);
	snprintf(label, sizeof(label), "record '%s'", pid);
	r.src = label;
	memset(&e, 0, sizeof(e));
	if ((a = iop_att_check(&r, s->c, &e)) == NULL)
		s->fn(&e, s->arg);
	else {
		r.src = NULL;
		iop_att_batch_add(s->b, &r, a);
	}
	iop_rec_free(&r);
	return 0;
}

long
iop_att_record(struct iop_att_batch *b, struct iop_hdr *h,
    const struct iop_att_ctx *c, const char *sid, const char *const *lists,
    int rest, const char *note, char **dup, iop_report_fn *fn,
    void *arg)
{
	struct session s;
	const struct iop_appt *a;
	char *list, *tok, *save, *eq;
	size_t i, k;
	long rv = 0;
	int st;

	memset(&s, 0, sizeof(s));
	s.b = b;
	s.h = h;
	s.c = c;
	s.sid = sid;
	s.note = note;
	s.fn = fn;
	s.arg = arg;
	for (st = 0; rv == 0 && st < IOP_AT_N; st++) {
		if (lists[st] == NULL)
			continue;
		list = estrdup(lists[st]);
		for (tok = strtok_r(list, ",", &save); rv == 0 && tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if ((eq = strchr(tok, '=')) != NULL)
				*eq++ = '\0';
			iop_str_squeeze(tok);
			rv = record_one(&s, tok, st, eq, dup);
		}
		free(list);
	}
	/* rest: everyone booked who was not named. */
	for (i = 0; rv == 0 && rest >= 0 && i < iop_appts_count(c->appts);
	    i++) {
		a = iop_appts_at(c->appts, i);
		if (strcmp(a->session_id, sid) != 0)
			continue;
		for (k = 0; k < s.nseen; k++)
			if (strcmp(s.seen[k], a->participant_id) == 0)
				break;
		if (k == s.nseen)
			rv = record_one(&s, a->participant_id, rest, NULL, dup);
	}
	for (i = 0; i < s.nseen; i++)
		free(s.seen[i]);
	free(s.seen);
	return rv != 0 ? -1 : (long)s.nseen;
}

int
iop_att_import(struct iop_reader *rd, const struct iop_att_ctx *c,
    char *const *maps, size_t nmap, struct iop_hdr *h, struct iop_writer *wr,
    struct iop_att_batch *b, iop_report_fn *fn, void *arg,
    struct iop_err *e)
{
	struct iop_att_ctx cc;
	struct iop_rec r, nr;
	const struct iop_appt *a;
	size_t *src;
	long *map;
	int rv;

	if ((rv = iop_reader_header(rd, e)) != IOP_OK) {
		if (rv == IOP_EOF)
			iop_seterr(e, iop_reader_name(rd), 0, 0,
			    "empty input: no sign-in sheet");
		return -1;
	}
	map = ecalloc(iop_reader_hdr(rd)->n + 1, sizeof(*map));
	src = ecalloc(iop_reader_hdr(rd)->n + IOP_A_NCOLS, sizeof(*src));
	if (iop_att_sheet(maps, nmap, iop_reader_hdr(rd), h, map, src,
	    c->session != NULL, e) != 0) {
		e->file = iop_reader_name(rd);
		free(map);
		free(src);
		return -1;
	}
	cc = *c;
	cc.no_status = src[IOP_A_STATUS] == 0;
	cc.src = src;
	iop_rec_init(&r);
	iop_rec_init(&nr);
	for (;;) {
		memset(e, 0, sizeof(*e));
		if ((rv = iop_reader_next(rd, &r, e)) == IOP_EOF)
			break;
		if (rv != IOP_OK) {
			fn(e, arg);
			continue;
		}
		if (!iop_att_row(&nr, h, &r, map))
			continue;
		if ((a = iop_att_check(&nr, &cc, e)) == NULL)
			fn(e, arg);
		else if (wr != NULL)
			(void)iop_writer_put(wr, &nr);
		else
			iop_att_batch_add(b, &nr, a);
	}
	memset(e, 0, sizeof(*e));
	iop_rec_free(&r);
	iop_rec_free(&nr);
	free(map);
	free(src);
	return 0;
}

static void
out_open(struct out *o, struct iop_writer *wr, struct iop_hdr *h)
{
	memset(o, 0, sizeof(*o));
	o->wr = wr;
	iop_rec_init(&o->r);
	o->r.hdr = h;
}

/* The header goes out even when no record did. */
static void
out_close(struct out *o, struct iop_hdr *h)
{
	iop_writer_header(o->wr, h);
	iop_rec_free(&o->r);
	iop_hdr_free(h);
}

static void
put_appt(struct iop_rec *r, const struct iop_appt *a, int pid)
{
	char d[11], t[6];

	iop_rec_clear(r);
	iop_rec_push(r, a->session_id, strlen(a->session_id), IOP_K_STR);
	if (pid)
		iop_rec_push(r, a->participant_id, strlen(a->participant_id),
		    IOP_K_STR);
	iop_date_fmt(a->date, d);
	iop_rec_push(r, d, 10, IOP_K_STR);
	iop_time_fmt(a->start, t);
	iop_rec_push(r, t, 5, IOP_K_STR);
	iop_time_fmt(a->end, t);
	iop_rec_push(r, t, 5, IOP_K_STR);
	iop_rec_push(r, a->type, strlen(a->type), IOP_K_STR);
	iop_rec_push(r, a->staff_id, strlen(a->staff_id), IOP_K_STR);
}

static void
missing_cb(const struct iop_appt *a, size_t booked, size_t rec,
    const struct iop_appt *const *miss, size_t nmiss, void *arg)
{
	struct out *o = arg;
	size_t i;

	for (i = 0; o->each && i < nmiss; i++) {
		put_appt(&o->r, miss[i], 1);
		(void)iop_writer_put(o->wr, &o->r);
	}
	if (o->each)
		return;
	put_appt(&o->r, a, 0);
	iop_rec_setf(&o->r, 6, "%zu", booked);
	iop_rec_setf(&o->r, 7, "%zu", rec);
	iop_rec_setf(&o->r, 8, "%zu", nmiss);
	for (i = 6; i < 9; i++)
		iop_rec_set_kind(&o->r, i, IOP_K_NUM);
	(void)iop_writer_put(o->wr, &o->r);
}

void
iop_att_missing_write(struct iop_writer *wr, const struct iop_appts *ap,
    const struct iop_att_slot *s, long today, int nowmin, long since,
    int each)
{
	static const char *const cols[] = { "session_id", "participant_id",
	    "date", "start", "end", "type", "staff_id", "booked", "recorded",
	    "missing", NULL };
	struct iop_hdr *h;
	struct out o;
	size_t i;

	h = iop_hdr_new();
	for (i = 0; cols[i] != NULL; i++)
		if (each ? i < 7 : i != 1)
			iop_hdr_add(h, cols[i]);
	out_open(&o, wr, h);
	o.each = each;
	iop_att_missing(ap, s, today, nowmin, since, missing_cb, &o);
	out_close(&o, h);
}

static void
flag_cb(const struct iop_att_flagrep *f, void *arg)
{
	struct out *o = arg;
	struct iop_rec *r = &o->r;
	const char *pid = f->appt->participant_id, *what;
	char d[11], buf[200];

	what = iop_att_flag_names[f->kind];
	iop_att_flag_detail(f, o->minmin, buf, sizeof(buf));
	iop_rec_clear(r);
	iop_rec_push(r, pid, strlen(pid), IOP_K_STR);
	iop_rec_push(r, what, strlen(what), IOP_K_STR);
	iop_date_fmt(f->date, d);
	iop_rec_push(r, d, 10, IOP_K_STR);
	if (f->kind == IOP_FLAG_INDIVIDUAL)
		iop_rec_push(r, f->appt->session_id,
		    strlen(f->appt->session_id), IOP_K_STR);
	else
		iop_rec_push(r, "", 0, IOP_K_STR);
	iop_rec_push(r, buf, strlen(buf), IOP_K_STR);
	(void)iop_writer_put(o->wr, r);
}

void
iop_att_flags_write(struct iop_writer *wr, const struct iop_appts *ap,
    const struct iop_att_slot *s, const struct iop_att_flagopt *fl)
{
	static const char *const cols[] = { "participant_id", "flag", "date",
	    "session_id", "detail", NULL };
	struct iop_hdr *h;
	struct out o;
	size_t i;

	h = iop_hdr_new();
	for (i = 0; cols[i] != NULL; i++)
		iop_hdr_add(h, cols[i]);
	out_open(&o, wr, h);
	o.minmin = fl->minmin;
	iop_att_flags(ap, s, fl, flag_cb, &o);
	out_close(&o, h);
}
