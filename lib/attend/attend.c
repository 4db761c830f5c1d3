/*
 * attend.c -- the attendance record: statuses and the marks sign-in
 * sheets use for them, the sheet's column names, the check of one row
 * against the schedule, and the two passes that apply a batch of
 * records to an attendance file.  The passes keep one slot per
 * appointment, never the file's records, so memory follows the schedule
 * and the batch.  Nothing here prints: iop_att_apply and iop_att_gather
 * hand each problem to the caller's iop_report_fn.
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

#define FROM_BATCH	(1ULL << 63)

const char *const iop_att_status_names[] = { "present", "late",
	"left_early", "absent", "excused", "telehealth", NULL };

const char *const iop_att_flag_names[] = { "consecutive_absences",
	"missed_individual", "under_weekly_hours", NULL };

/* What iop-attend -f requires of the file it updates. */
static const char *const kind_cols[] = { "session_id", "participant_id",
	"status", "recorded_at", NULL };
const struct iop_filekind iop_filekind_attendance = { "an attendance file",
	kind_cols };

const char *const iop_att_cols[] = { "session_id", "participant_id",
	"date", "status", "minutes", "recorded_at", "recorded_by", "note",
	NULL };

/* Marks, as enumeration keys (iop_str_key), and what they mean. */
static const struct {
	const char	*mark;
	int		 status;
} marks[] = {
	{ "p", IOP_AT_PRESENT }, { "x", IOP_AT_PRESENT },
	{ "y", IOP_AT_PRESENT }, { "yes", IOP_AT_PRESENT },
	{ "present", IOP_AT_PRESENT }, { "here", IOP_AT_PRESENT },
	{ "1", IOP_AT_PRESENT }, { "true", IOP_AT_PRESENT },
	{ "\xe2\x9c\x93", IOP_AT_PRESENT }, { "\xe2\x9c\x94", IOP_AT_PRESENT },
	{ "a", IOP_AT_ABSENT }, { "n", IOP_AT_ABSENT },
	{ "no", IOP_AT_ABSENT }, { "absent", IOP_AT_ABSENT },
	{ "0", IOP_AT_ABSENT }, { "", IOP_AT_ABSENT },
	{ "false", IOP_AT_ABSENT }, { "no_show", IOP_AT_ABSENT },
	{ "l", IOP_AT_LATE }, { "late", IOP_AT_LATE },
	{ "le", IOP_AT_LEFT_EARLY }, { "left_early", IOP_AT_LEFT_EARLY },
	{ "e", IOP_AT_EXCUSED }, { "excused", IOP_AT_EXCUSED },
	{ "t", IOP_AT_TELEHEALTH }, { "tele", IOP_AT_TELEHEALTH },
	{ "telehealth", IOP_AT_TELEHEALTH }, { "virtual", IOP_AT_TELEHEALTH },
	{ "video", IOP_AT_TELEHEALTH },
	{ NULL, 0 }
};

/* Sign-in sheet column names (as keys) and the field they give. */
static const char *const aliases[][2] = {
	{ "session", "session_id" }, { "sessionid", "session_id" },
	{ "session_code", "session_id" }, { "class", "session_id" },
	{ "meeting", "session_id" }, { "group_session", "session_id" },
	{ "participant", "participant_id" }, { "id", "participant_id" },
	{ "client", "participant_id" }, { "client_id", "participant_id" },
	{ "patient", "participant_id" }, { "patient_id", "participant_id" },
	{ "member_id", "participant_id" }, { "mrn", "participant_id" },
	{ "session_date", "date" }, { "attendance_date", "date" },
	{ "day", "date" },
	{ "mark", "status" }, { "attendance", "status" },
	{ "attended", "status" }, { "present", "status" },
	{ "here", "status" }, { "signed_in", "status" }, { "sign_in", "status" },
	{ "mins", "minutes" }, { "minutes_attended", "minutes" },
	{ "duration", "minutes" }, { "time_attended", "minutes" },
	{ "timestamp", "recorded_at" }, { "submitted_at", "recorded_at" },
	{ "entered_at", "recorded_at" },
	{ "staff", "recorded_by" }, { "counselor", "recorded_by" },
	{ "facilitator", "recorded_by" }, { "entered_by", "recorded_by" },
	{ "signed_by", "recorded_by" }, { "taken_by", "recorded_by" },
	{ "notes", "note" }, { "comment", "note" }, { "comments", "note" },
	{ "remarks", "note" },
	{ NULL, NULL }
};

struct slot {
	long long	ts;
	uint64_t	who;	/* old record + 1, or FROM_BATCH | index */
	int		future;	/* who is an old record in the future */
};

static int	 digits(const char *, int);
static void	 trim_field(struct iop_rec *, size_t);
static void	 remap(struct iop_rec *, struct iop_hdr *,
		    const struct iop_rec *, const long *);
static void	 bad(struct iop_err *, const struct iop_rec *,
		    const struct iop_att_ctx *, size_t, const char *);
static void	 put_batch(struct iop_writer *, struct iop_rec *,
		    struct iop_hdr *, const struct iop_rec *, const long *);

int
iop_att_mark(const char *s)
{
	char key[32];
	size_t i;

	if (strlen(s) >= sizeof(key))
		return -1;
	memcpy(key, s, strlen(s) + 1);
	iop_str_key(key);
	for (i = 0; marks[i].mark != NULL; i++)
		if (strcmp(key, marks[i].mark) == 0)
			return marks[i].status;
	return -1;
}

int
iop_att_attended(int st)
{
	return st == IOP_AT_PRESENT || st == IOP_AT_LATE ||
	    st == IOP_AT_LEFT_EARLY || st == IOP_AT_TELEHEALTH;
}

int
iop_att_estimate(int st, int minutes)
{
	if (st == IOP_AT_LATE)
		return minutes > 30 ? minutes - 15 : minutes / 2;
	return minutes / 2;
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int
iop_stamp_parse(const char *s, long long *out)
{
	char d[11];
	long day;
	int h, m, sec = 0;
	size_t n = strlen(s);

	if ((n != 16 && n != 19) || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':' || (n == 19 && s[16] != ':'))
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (iop_date_parse(d, &day) != 0 || (h = digits(s + 11, 2)) < 0 ||
	    h > 23 || (m = digits(s + 14, 2)) < 0 || m > 59 ||
	    (n == 19 && ((sec = digits(s + 17, 2)) < 0 || sec > 60)))
		return -1;
	*out = (long long)day * 86400 + h * 3600 + m * 60 + sec;
	return 0;
}

/* LLONG_MIN when the clock cannot be read (then nothing passes). */
long long
iop_stamp_limit(void)
{
	long long now;

	/* IOP_TODAY pins the day: no time on it is in the future. */
	if (iop_clock_now(&now) < 0)
		return LLONG_MIN;
	return now + IOP_STAMP_SKEW * 60;
}

int
iop_stamp_check(const char *s, long long *out, const char **why)
{
	if (iop_stamp_parse(s, out) != 0) {
		*why = "expected YYYY-MM-DDTHH:MM[:SS]";
		return -1;
	}
	if (iop_stamp_limit() == LLONG_MIN) {
		*why = "cannot be checked: the clock cannot be read";
		return -1;
	}
	if (*out > iop_stamp_limit()) {
		*why = "in the future (later than now plus 10 minutes)";
		return -1;
	}
	return 0;
}

void
iop_stamp_fmt(long long t, int secs, char out[20])
{
	long day = (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	int r = (int)(t - (long long)day * 86400), v[3], i;

	iop_date_fmt(day, out);
	v[0] = r / 3600;
	v[1] = r / 60 % 60;
	v[2] = r % 60;
	out[10] = 'T';
	for (i = 0; i < (secs ? 3 : 2); i++) {
		out[11 + 3 * i] = (char)('0' + v[i] / 10);
		out[12 + 3 * i] = (char)('0' + v[i] % 10);
		out[13 + 3 * i] = i < (secs ? 2 : 1) ? ':' : '\0';
	}
}

int
iop_att_map(char *const *maps, size_t nmap, const struct iop_hdr *in,
    struct iop_hdr *out, long *map, struct iop_err *e)
{
	return iop_colmap_apply(maps, nmap, iop_att_cols, aliases, in, out, 1,
	    map, e) == 0 ? 0 : -1;
}

/* Spreadsheets pad ids and marks with spaces. */
static void
trim_field(struct iop_rec *r, size_t i)
{
	const char *v = iop_rec_get(r, i);
	size_t n = strlen(v);
	char *c;

	if (n == 0 || (v[0] != ' ' && v[0] != '\t' && v[n - 1] != ' ' &&
	    v[n - 1] != '\t'))
		return;
	c = estrdup(v);
	iop_str_squeeze(c);
	iop_rec_set(r, i, c);
	free(c);
}

static void
bad(struct iop_err *e, const struct iop_rec *r, const struct iop_att_ctx *c,
    size_t j, const char *msg)
{
	iop_seterr(e, r->src, r->line, c->src != NULL ? c->src[j] : 0,
	    "field '%s': %s", iop_att_cols[j], msg);
}

const struct iop_appt *
iop_att_check(struct iop_rec *r, const struct iop_att_ctx *c,
    struct iop_err *e)
{
	const struct iop_appt *a;
	const char *v, *why;
	char buf[20];
	long d, m;
	long long ts;
	int st;
	size_t j;

	for (j = 0; j < IOP_A_RECORDED_BY; j++)
		trim_field(r, j);
	if (*iop_rec_get(r, IOP_A_SESSION) == '\0' && c->session != NULL)
		iop_rec_set(r, IOP_A_SESSION, c->session);
	for (j = IOP_A_SESSION; j <= IOP_A_PARTICIPANT; j++)
		if (*iop_rec_get(r, j) == '\0') {
			bad(e, r, c, j, "empty");
			return NULL;
		}
	if (!iop_appts_has_session(c->appts, iop_rec_get(r, IOP_A_SESSION))) {
		bad(e, r, c, IOP_A_SESSION, "no such session in the schedule");
		return NULL;
	}
	if ((a = iop_appts_find(c->appts, iop_rec_get(r, IOP_A_SESSION),
	    iop_rec_get(r, IOP_A_PARTICIPANT))) == NULL) {
		bad(e, r, c, IOP_A_PARTICIPANT,
		    "not booked into this session");
		return NULL;
	}
	v = iop_rec_get(r, IOP_A_DATE);
	if (*v != '\0') {
		if (iop_date_parse(v, &d) != 0) {
			bad(e, r, c, IOP_A_DATE, "expected YYYY-MM-DD (a real "
			    "calendar date)");
			return NULL;
		}
		if (d != a->date) {
			bad(e, r, c, IOP_A_DATE, "not the date of the session");
			return NULL;
		}
	}
	if (a->date > c->today) {
		bad(e, r, c, *iop_rec_get(r, IOP_A_DATE) != '\0' ?
		    IOP_A_DATE : IOP_A_SESSION, "attendance dated in the "
		    "future (the session is after today)");
		return NULL;
	}
	st = c->no_status ? IOP_AT_PRESENT :
	    iop_att_mark(iop_rec_get(r, IOP_A_STATUS));
	if (st < 0) {
		bad(e, r, c, IOP_A_STATUS, "not an attendance mark (see "
		    "iop-attend(1))");
		return NULL;
	}
	v = iop_rec_get(r, IOP_A_MINUTES);
	if (*v != '\0') {
		if (iop_int_parse(v, 0, 1440, &m, &why) != 0) {
			bad(e, r, c, IOP_A_MINUTES, "expected a whole number "
			    "of minutes");
			return NULL;
		}
		if (m > a->minutes) {
			bad(e, r, c, IOP_A_MINUTES, "longer than the session");
			return NULL;
		}
		if (m > 0 && (st == IOP_AT_ABSENT || st == IOP_AT_EXCUSED)) {
			bad(e, r, c, IOP_A_MINUTES, "must be 0 or empty for "
			    "absent or excused");
			return NULL;
		}
	} else if (st == IOP_AT_PRESENT || st == IOP_AT_TELEHEALTH)
		m = a->minutes;
	else if (st == IOP_AT_ABSENT || st == IOP_AT_EXCUSED)
		m = 0;
	else if (c->estimate)
		m = iop_att_estimate(st, a->minutes);
	else {
		bad(e, r, c, IOP_A_MINUTES, "required for late and left_early "
		    "(or use --estimate)");
		return NULL;
	}
	v = iop_rec_get(r, IOP_A_RECORDED_AT);
	if (*v == '\0' && c->at != NULL)
		v = c->at;
	if (*v != '\0') {
		/* The default (--at, or now) is checked like a cell. */
		if (iop_stamp_check(v, &ts, &why) != 0) {
			bad(e, r, c, IOP_A_RECORDED_AT, why);
			return NULL;
		}
		iop_stamp_fmt(ts, strlen(v) == 19, buf);
		iop_rec_set(r, IOP_A_RECORDED_AT, buf);
	}
	if (*iop_rec_get(r, IOP_A_RECORDED_BY) == '\0' && c->by != NULL)
		iop_rec_set(r, IOP_A_RECORDED_BY, c->by);
	iop_date_fmt(a->date, buf);
	iop_rec_set(r, IOP_A_DATE, buf);
	iop_rec_set(r, IOP_A_STATUS, iop_att_status_names[st]);
	iop_rec_setf(r, IOP_A_MINUTES, "%ld", m);
	iop_rec_set_kind(r, IOP_A_MINUTES, IOP_K_NUM);
	return a;
}

int
iop_att_sheet(char *const *maps, size_t nmap, const struct iop_hdr *in,
    struct iop_hdr *out, long *map, size_t *src, int has_session,
    struct iop_err *e)
{
	size_t i;

	if (iop_att_map(maps, nmap, in, out, map, e) != 0)
		return -1;
	for (i = 0; i < in->n; i++)
		src[map[i]] = i + 1;
	if (src[IOP_A_PARTICIPANT] == 0 || (src[IOP_A_SESSION] == 0 &&
	    !has_session)) {
		iop_seterr(e, NULL, 1, 0, "missing required column '%s' (or "
		    "--map a column to it%s)", src[IOP_A_PARTICIPANT] == 0 ?
		    "participant_id" : "session_id",
		    src[IOP_A_PARTICIPANT] == 0 ? "" : ", or give --session");
		return -1;
	}
	return 0;
}

/* Field i of r as field map[i] of o, a record in header h. */
static void
remap(struct iop_rec *o, struct iop_hdr *h, const struct iop_rec *r,
    const long *map)
{
	size_t i;

	iop_rec_clear(o);
	o->hdr = h;
	iop_rec_fit(o);
	for (i = 0; i < r->n; i++)
		iop_rec_setn(o, (size_t)map[i], iop_rec_get(r, i),
		    iop_rec_len(r, i), iop_rec_kind(r, i));
}

int
iop_att_row(struct iop_rec *o, struct iop_hdr *h, const struct iop_rec *r,
    const long *map)
{
	size_t i;
	int blank = 1;

	/* Spreadsheets export trailing rows of empty cells. */
	for (i = 0; i < r->n && blank; i++)
		blank = strspn(iop_rec_get(r, i), " \t") == iop_rec_len(r, i);
	if (blank)
		return 0;
	remap(o, h, r, map);
	o->line = r->line;
	o->src = r->src;
	return 1;
}

struct iop_hdr *
iop_att_hdr(void)
{
	struct iop_hdr *h = iop_hdr_new();
	size_t i;

	for (i = 0; iop_att_cols[i] != NULL; i++)
		iop_hdr_add(h, iop_att_cols[i]);
	return h;
}

void
iop_att_fill(struct iop_rec *r, struct iop_hdr *h, const char *sid,
    const char *pid, int st, const char *minutes, const char *note)
{
	iop_rec_clear(r);
	r->hdr = h;
	iop_rec_fit(r);
	iop_rec_set(r, IOP_A_SESSION, sid);
	iop_rec_set(r, IOP_A_PARTICIPANT, pid);
	iop_rec_set(r, IOP_A_STATUS, iop_att_status_names[st]);
	iop_rec_set(r, IOP_A_MINUTES, minutes != NULL ? minutes : "");
	iop_rec_set(r, IOP_A_NOTE, note != NULL ? note : "");
}

void
iop_att_batch_add(struct iop_att_batch *b, const struct iop_rec *r,
    const struct iop_appt *a)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->rec = ereallocarray(b->rec, b->cap, sizeof(*b->rec));
		b->appt = ereallocarray(b->appt, b->cap, sizeof(*b->appt));
	}
	iop_rec_init(&b->rec[b->n]);
	iop_rec_copy(&b->rec[b->n], r);
	iop_rec_compact(&b->rec[b->n]);
	b->appt[b->n++] = a;
}

void
iop_att_batch_free(struct iop_att_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		iop_rec_free(&b->rec[i]);
	free(b->rec);
	free(b->appt);
	memset(b, 0, sizeof(*b));
}

/* An attendance file's recorded_at that is not good. */
void
iop_att_bad_stamp(const struct iop_rec *r, long tc, const char *why,
    iop_report_fn *fn, void *arg)
{
	iop_reportf(fn, arg, r->src, r->line, (size_t)tc + 1,
	    "field 'recorded_at': %s", why);
}

const struct iop_appt *
iop_att_rec_appt(const struct iop_appts *a, const struct iop_rec *r, long sc, long pc)
{
	return iop_appts_find(a, iop_rec_get(r, (size_t)sc),
	    iop_rec_get(r, (size_t)pc));
}

static void
put_batch(struct iop_writer *wr, struct iop_rec *o, struct iop_hdr *h,
    const struct iop_rec *b, const long *bmap)
{
	remap(o, h, b, bmap);
	(void)iop_writer_put(wr, o);
}

int
iop_att_apply(const char *path, const struct iop_att_batch *bt,
    const struct iop_appts *appts, const struct iop_inopt *in,
    const struct iop_outopt *out, iop_report_fn *fn, void *arg)
{
	const struct iop_rec *batch = bt->rec;
	const struct iop_appt *const *bappt = bt->appt;
	size_t n = bt->n;
	struct iop_update *u;
	struct iop_reader *rd = NULL;
	struct iop_writer *wr;
	struct iop_hdr *h;
	struct iop_rec r, o;
	struct iop_err e;
	struct slot *s;
	const struct iop_appt *a;
	enum iop_fmt fmt = out->fmt;
	unsigned char *placed;
	long sc = -1, pc = -1, tc = -1, *bmap;
	long long ts;
	uint64_t k, w;
	size_t b, i, pos;
	int fd, rv, status = 0, old = 0;

	memset(&e, 0, sizeof(e));
	if ((u = iop_update_begin(path, IOP_UPD_CREATE, &e)) == NULL) {
		fn(&e, arg);
		return 1;
	}
	s = ecalloc(iop_appts_count(appts) + 1, sizeof(*s));
	iop_rec_init(&r);
	iop_rec_init(&o);
	h = iop_hdr_new();
	/* Pass 1: the latest record of each appointment in the file. */
	if ((fd = iop_update_oldfd(u)) >= 0) {
		rd = iop_reader_fdopen(fd, path, in->fmt,
		    in->flags, &e);
		rv = iop_reader_header(rd, &e);
		if (rv == IOP_OK) {
			old = 1;
			iop_hdr_free(h);
			h = iop_hdr_dup(iop_reader_hdr(rd));
			fmt = iop_reader_fmt(rd);
			sc = iop_hdr_find(h, "session_id");
			pc = iop_hdr_find(h, "participant_id");
			tc = iop_hdr_find(h, "recorded_at");
		} else if (rv != IOP_EOF) {
			fn(&e, arg);
			status = 1;
		}
		if (status == 0 &&
		    iop_filekind_check(&iop_filekind_attendance, h, path, &e) != 0) {
			fn(&e, arg);
			iop_reader_close(rd);
			status = 1;
			goto out;
		}
		for (k = 0; old && status == 0 && iop_src_next(rd, &r, fn,
		    arg, &status); k++) {
			if ((a = iop_att_rec_appt(appts, &r, sc, pc)) == NULL)
				continue;
			if (iop_stamp_parse(iop_rec_get(&r, (size_t)tc),
			    &ts) != 0) {
				iop_att_bad_stamp(&r, tc, "expected "
				    "YYYY-MM-DDTHH:MM[:SS]", fn, arg);
				status = 1;
				continue;
			}
			pos = iop_appts_pos(appts, a);
			/*
			 * A row in the future (written before they were
			 * refused) is kept so that the file can be read,
			 * but any correction in the batch beats it.
			 */
			if (s[pos].who == 0 || ts >= s[pos].ts) {
				s[pos].ts = ts;
				s[pos].who = k + 1;
				s[pos].future = ts > iop_stamp_limit();
			}
		}
		iop_reader_close(rd);
		if (status != 0) {
			iop_reportf(fn, arg, path, 0, 0, "not updated: it has "
			    "records that cannot be read");
			goto out;
		}
	}
	for (i = 0; iop_att_cols[i] != NULL; i++)
		iop_hdr_ensure(h, iop_att_cols[i]);
	bmap = ecalloc(n > 0 ? batch[0].hdr->n : 1, sizeof(*bmap));
	for (i = 0; n > 0 && i < batch[0].hdr->n; i++)
		bmap[i] = (long)iop_hdr_ensure(h, batch[0].hdr->names[i]);
	/*
	 * The batch comes after the file: it wins ties, and beats a row
	 * of the file that is in the future.
	 */
	for (b = 0; b < n; b++) {
		(void)iop_stamp_parse(iop_rec_get(&batch[b],
		    IOP_A_RECORDED_AT), &ts);
		pos = iop_appts_pos(appts, bappt[b]);
		if (s[pos].who == 0 || ts >= s[pos].ts || s[pos].future) {
			s[pos].ts = ts;
			s[pos].who = FROM_BATCH | b;
			s[pos].future = 0;
		}
	}
	placed = ecalloc(n + 1, 1);
	wr = iop_writer_new(iop_update_out(u), fmt, out->flags &
	    ~IOP_WR_NOHEADER);
	/* Pass 2: the file again, each appointment's winner in its place. */
	if (old) {
		rd = iop_reader_fdopen(iop_update_oldfd(u), path, in->fmt,
		    in->flags, &e);
		for (k = 0; iop_src_next(rd, &r, fn, arg, &status); k++) {
			r.hdr = h;
			iop_rec_fit(&r);
			if ((a = iop_att_rec_appt(appts, &r, sc, pc)) == NULL) {
				(void)iop_writer_put(wr, &r);
				continue;
			}
			w = s[iop_appts_pos(appts, a)].who;
			if (w == k + 1)
				(void)iop_writer_put(wr, &r);
			else if ((w & FROM_BATCH) &&
			    !placed[w & ~FROM_BATCH]) {
				b = (size_t)(w & ~FROM_BATCH);
				put_batch(wr, &o, h, &batch[b], bmap);
				placed[b] = 1;
			}
		}
		iop_reader_close(rd);
	}
	/* New keys in batch order, each where its first record was. */
	for (b = 0; b < n; b++) {
		w = s[iop_appts_pos(appts, bappt[b])].who;
		if ((w & FROM_BATCH) && !placed[w & ~FROM_BATCH]) {
			i = (size_t)(w & ~FROM_BATCH);
			put_batch(wr, &o, h, &batch[i], bmap);
			placed[i] = 1;
		}
	}
	iop_writer_header(wr, h);
	if (iop_writer_close(wr) != 0) {
		iop_reportf(fn, arg, path, 0, 0, "write error; the file is "
		    "unchanged");
		status = 1;
	}
	free(placed);
	free(bmap);
	if (status == 0) {
		/* Commit releases the update, whatever happens. */
		if (iop_update_commit(u, &e) != 0) {
			fn(&e, arg);
			status = 1;
		}
		u = NULL;
	}
out:
	iop_update_abort(u);
	iop_rec_free(&r);
	iop_rec_free(&o);
	iop_hdr_free(h);
	free(s);
	return status;
}
