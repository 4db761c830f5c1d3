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
#include "lib/sched/ics.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"

#define SYNOPSIS \
"iop-schedule [generate] [-hjV] -p program.json [--from date\n" \
"           [-E appointments]] [file ...]\n" \
"       iop-schedule check [-j] -p program.json [file ...]\n" \
"       iop-schedule ics -p program.json -P id | -S id | -g id [file ...]"

enum {
	O_FROM = IOP_OPT_FIRST_FREE
};

static const struct option longopts[] = {
	{ "existing", required_argument, NULL, 'E' },
	{ "from", required_argument, NULL, O_FROM },
	{ "group", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "participant", required_argument, NULL, 'P' },
	{ "program", required_argument, NULL, 'p' },
	{ "staff", required_argument, NULL, 'S' },
	{ "version", no_argument, NULL, 'V' },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

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
	const char		*existing, *id;	/* generate; ics */
	long			 from;
	int			 who;		/* ics: 'P', 'S' or 'g' */
};

static void	 help(void);
static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);
static int	 run_generate(void *, int, char **);
static int	 run_check(void *, int, char **);
static int	 run_ics(void *, int, char **);
static void	 loadprog(struct ctx *);
static struct iop_reader *open_in(struct ctx *, char **, size_t,
		    const char *const *);
static void	 read_people(struct ctx *, char **, int);
static void	 emit(const struct iop_sappt *, size_t, void *);
static void	 on_issue(const struct iop_issue *, void *);
static struct iop_keep *keep_existing(struct ctx *, const char *, long,
		    struct iop_sched *);
static int	 cmd_generate(struct ctx *, long, const char *, char **, int);
static size_t	 read_rows(struct ctx *, char **, int, struct iop_appt **);
static void	 on_conflict(const struct iop_conflict_rep *, void *);
static int	 cmd_check(struct ctx *, char **, int);
static int	 cmd_ics(struct ctx *, int, const char *, time_t, char **,
		    int);

/* -f, -e and -s are the old spellings of --from, -E and -S. */
static const int global_opts[] = { 'p', 'j', 0 };
static const int generate_opts[] = { 'E', 'e', 'f', O_FROM, 0 };
static const int ics_opts[] = { 'g', 'P', 'S', 's', 0 };

static const struct iop_cmd cmds[] = {
	{ "generate", "[file ...]", generate_opts, run_generate },
	{ "check", "[file ...]", NULL, run_check },
	{ "ics", "[file ...]", ics_opts, run_ics },
	{ NULL, NULL, NULL, NULL }
};

static const struct iop_cmdtab cmdtab = {
	SYNOPSIS, "E:e:f:g:hjP:p:S:s:V", longopts, global_opts, cmds, &cmds[0],
	opt, ready
};

static void
help(void)
{
	printf("usage: %s\n\n", SYNOPSIS);
	fputs(
"Schedule an intensive outpatient program: every active participant's\n"
"appointments from the admission date, groups filled to capacity, staff\n"
"and rooms without double bookings.\n\n"
"Commands:\n"
"  generate (default)    generate appointments from the participant list\n"
"  check                 report conflicts in an appointments file\n"
"  ics                   write an iCalendar file (RFC 5545)\n\n"
"Options:\n"
"  -p, --program=FILE    the program definition (iop-program(5))\n"
"      --from=DATE       generate only from DATE on\n"
"  -E, --existing=FILE   with --from: keep this file's rows before DATE\n"
"  -P, --participant=ID  ics: one participant's appointments\n"
"  -S, --staff=ID        ics: one staff member's sessions\n"
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
		exit(2);
	}
}

/* Open the inputs and check their columns; exits 1 when they are bad. */
static struct iop_reader *
open_in(struct ctx *c, char **files, size_t nfiles, const char *const *need)
{
	struct iop_reader *r;
	struct iop_err e;

	r = iop_open_inputs(files, nfiles, &c->in);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(r, &e) < 0) {
		iop_report(&e);
		exit(1);
	}
	if (iop_reader_hdr(r) != NULL && iop_require(r, need) != 0)
		exit(1);
	return r;
}

/* Read the participants due appointments; a bad record fails the run. */
static void
read_people(struct ctx *c, char **files, int nfiles)
{
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_err e;
	struct iop_sperson *p;
	char *src = NULL;
	size_t i, cap = 0;

	r = open_in(c, files, (size_t)nfiles, iop_sperson_need);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status)) {
		if (c->np == cap) {
			cap = cap ? cap * 2 : 256;
			c->ps = ereallocarray(c->ps, cap, sizeof(*c->ps));
		}
		p = &c->ps[c->np];
		if (iop_sperson_parse(&c->prog, &rec, p, &e) != 0) {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		/* The reader's name changes with the input: keep a copy. */
		if (src == NULL || strcmp(src, iop_reader_name(r)) != 0) {
			src = estrdup(iop_reader_name(r));
			c->srcs = ereallocarray(c->srcs, c->nsrcs + 1,
			    sizeof(*c->srcs));
			c->srcs[c->nsrcs++] = src;
		}
		p->src = src;
		c->np++;
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	iop_sperson_sort(c->ps, c->np);
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
emit(const struct iop_sappt *a, size_t n, void *arg)
{
	struct ctx *c = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		iop_sched_apptrec(&c->prog, c->ps, &a[i], &c->rec);
		if (iop_writer_put(c->w, &c->rec) != 0) {
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
 * and the sessions already held.  NULL for an empty file.
 */
static struct iop_keep *
keep_existing(struct ctx *c, const char *file, long from,
    struct iop_sched *s)
{
	struct iop_reader *r;
	struct iop_keep *k;
	struct iop_hdr *h;
	struct iop_rec rec;
	struct iop_err e;
	char *path = (char *)(uintptr_t)file;
	size_t i;

	r = open_in(c, &path, 1, iop_sched_cols);
	if ((h = iop_reader_hdr(r)) == NULL) {
		iop_reader_close(r);
		return NULL;
	}
	for (i = 0; i < h->n; i++)
		iop_hdr_ensure(c->hdr, h->names[i]);
	k = iop_keep_new(s, &c->prog, c->ps, c->np, from, c->hdr);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status))
		if (iop_keep_row(k, &rec, &e) < 0) {
			iop_report(&e);
			c->status = 1;
		}
	iop_rec_free(&rec);
	iop_reader_close(r);
	return k;
}

static int
cmd_generate(struct ctx *c, long from, const char *existing, char **files,
    int nfiles)
{
	struct iop_sched *s;
	struct iop_keep *keep = NULL;
	struct iop_rec *kept = NULL;
	long start = 0;
	size_t k, nkept = 0, unplaced;

	read_people(c, files, nfiles);
	c->hdr = iop_hdr_new();
	for (k = 0; iop_sched_cols[k] != NULL; k++)
		iop_hdr_add(c->hdr, iop_sched_cols[k]);
	for (k = 0; k < c->np; k++)
		if (k == 0 || c->ps[k].admit < start)
			start = c->ps[k].admit;
	if (from != LONG_MIN)
		start = from;
	s = iop_sched_new(&c->prog, c->ps, c->np, start);
	if (existing != NULL &&
	    (keep = keep_existing(c, existing, start, s)) != NULL)
		kept = iop_keep_rows(keep, &nkept);
	c->w = iop_out_stdout(&c->out);
	iop_writer_header(c->w, c->hdr);
	for (k = 0; k < nkept; k++)
		if (iop_writer_put(c->w, &kept[k]) != 0)
			c->status = 1;
	iop_keep_free(keep);
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
read_rows(struct ctx *c, char **files, int nfiles, struct iop_appt **out)
{
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_appt_cols cols = { NULL, { 0 } };
	struct iop_err e;
	size_t n = 0, cap = 0;

	r = open_in(c, files, (size_t)nfiles, iop_appt_need);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*out = ereallocarray(*out, cap, sizeof(**out));
		}
		if (iop_appt_parse(&cols, &rec, &(*out)[n], &e) != 0) {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		iop_appt_own(&(*out)[n++]);
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	return n;
}

static void
on_conflict(const struct iop_conflict_rep *x, void *arg)
{
	struct ctx *c = arg;

	iop_conflict_rec(x, &c->rec);
	if (iop_writer_put(c->w, &c->rec) != 0)
		c->status = 1;
}

static int
cmd_check(struct ctx *c, char **files, int nfiles)
{
	struct iop_appt *rows = NULL;
	size_t n, k;

	n = read_rows(c, files, nfiles, &rows);
	c->hdr = iop_hdr_new();
	for (k = 0; iop_conflict_cols[k] != NULL; k++)
		iop_hdr_add(c->hdr, iop_conflict_cols[k]);
	iop_rec_init(&c->rec);
	c->rec.hdr = c->hdr;
	c->w = iop_out_stdout(&c->out);
	k = iop_sched_check(&c->prog, rows, n, on_conflict, c);
	if (k > 0) {
		iop_warnx("%zu conflict%s", k, k == 1 ? "" : "s");
		c->status = 1;
	}
	iop_appt_rows_free(rows, n);
	iop_rec_free(&c->rec);
	iop_hdr_free(c->hdr);
	return iop_finish(c->w, c->status);
}

/* One calendar: a participant's rows, or a staff member's or group's
 * sessions (each once, with the number of participants). */
static int
cmd_ics(struct ctx *c, int who, const char *id, time_t now, char **files,
    int nfiles)
{
	static const char *const whom[] = { "participant", "staff member",
	    "group" };
	enum iop_cal cal = who == 'P' ? IOP_CAL_PARTICIPANT : who == 'S' ?
	    IOP_CAL_STAFF : IOP_CAL_GROUP;
	struct iop_appt *rows = NULL;
	struct iop_buf out = { 0 };
	size_t n, bad;

	n = read_rows(c, files, nfiles, &rows);
	if ((n = iop_appt_select(rows, n, cal, id)) == 0) {
		iop_warnx("no appointments for %s '%s'", whom[cal], id);
		free(rows);
		return 1;
	}
	if (iop_ics_zone(c->prog.tz) != 0)
		iop_err(1, "setenv TZ");
	for (bad = iop_sched_ics(&c->prog, rows, n, cal, id, now, &out);
	    bad > 0; bad--) {
		iop_warnx("cannot convert a local time to UTC");
		c->status = 1;
	}
	if (fwrite(out.s, 1, out.len, stdout) != out.len)
		c->status = 1;
	iop_buf_free(&out);
	iop_appt_rows_free(rows, n);
	return iop_finish(NULL, c->status);
}

int
main(int argc, char *argv[])
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	c.from = LONG_MIN;
	return iop_cmd_main(&cmdtab, argc, argv, &c);
}

static void
opt(void *ctx, int ch, const char *arg, const char *cmd)
{
	struct ctx *c = ctx;

	(void)cmd;
	if (iop_opt_common(ch, arg, &c->in, &c->out))
		return;
	switch (ch) {
	case 'e':
		iop_deprecated("-e", "-E or --existing");
		/* FALLTHROUGH */
	case 'E':
		c->existing = arg;
		break;
	case 'f':
		iop_deprecated("-f", "--from");
		/* FALLTHROUGH */
	case O_FROM:
		c->from = iop_optdate("--from", arg);
		break;
	case 's':
		iop_deprecated("-s", "-S or --staff");
		ch = 'S';
		/* FALLTHROUGH */
	case 'g':
	case 'P':
	case 'S':
		if (c->who != 0) {
			iop_warnx("give only one of --participant, "
			    "--staff and --group");
			iop_usage(SYNOPSIS);
		}
		c->who = ch;
		c->id = arg;
		break;
	case 'h':
		help();
		break;
	case 'p':
		c->progfile = arg;
		break;
	case 'V':
		iop_version();
		break;
	default:
		iop_usage(SYNOPSIS);
	}
}

static void
ready(void *ctx, const struct iop_cmd *cmd)
{
	struct ctx *c = ctx;

	if (cmd->fn == run_ics && c->who == 0) {
		iop_warnx("ics needs --participant, --staff or --group");
		iop_usage(SYNOPSIS);
	}
	if (c->existing != NULL && c->from == LONG_MIN) {
		iop_warnx("--existing needs --from");
		iop_usage(SYNOPSIS);
	}
	loadprog(c);
}

static int
run_generate(void *ctx, int argc, char **argv)
{
	struct ctx *c = ctx;
	int rv;

	rv = cmd_generate(c, c->from, c->existing, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}

static int
run_check(void *ctx, int argc, char **argv)
{
	struct ctx *c = ctx;
	int rv;

	rv = cmd_check(c, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}

static int
run_ics(void *ctx, int argc, char **argv)
{
	struct ctx *c = ctx;
	long long now;
	int rv;

	if (iop_clock_stamp(&now) != 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")");
	rv = cmd_ics(c, c->who, c->id, (time_t)now, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}
