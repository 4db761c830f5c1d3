/*
 * iop-schedule -- turn a program definition and the participant list into
 * appointments without double bookings; check an appointments file for
 * conflicts; write iCalendar files for a participant, staff member or
 * group.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/iop.h"
#include "lib/sched/ics.h"
#include "lib/clinic/program.h"
#include "lib/sched/sched.h"
#include "lib/cli/help.h"
#include "lib/cli/schedule.h"

#define SYNOPSIS \
"iop-schedule [generate] [-hjV] -p program.json [--from date\n" \
"           [-E appointments]] [-o file] [file ...]\n" \
"       iop-schedule check [-j] -p program.json [-o file] [file ...]\n" \
"       iop-schedule ics -p program.json -P id | -S id | -g id [-o file]\n" \
"           [file ...]"

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

static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);
static int	 run_generate(void *, int, char **);
static int	 run_check(void *, int, char **);
static int	 run_ics(void *, int, char **);
static void	 loadprog(struct iop_scli *);
static int	 cmd_generate(struct iop_scli *, long, const char *, char **, int);
static int	 cmd_check(struct iop_scli *, char **, int);
static int	 cmd_ics(struct iop_scli *, int, const char *, time_t, char **,
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
	SYNOPSIS, "E:e:f:g:hjo:P:p:S:s:V", longopts, global_opts, cmds, &cmds[0],
	opt, ready
};

static void
loadprog(struct iop_scli *c)
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

static int
cmd_generate(struct iop_scli *c, long from, const char *existing, char **files,
    int nfiles)
{
	struct iop_sched *s;
	struct iop_keep *keep = NULL;
	struct iop_rec *kept = NULL;
	long start = 0;
	size_t k, nkept = 0, unplaced;

	iop_scli_people(c, files, nfiles);
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
	    (keep = iop_scli_keep(c, existing, start, s)) != NULL)
		kept = iop_keep_rows(keep, &nkept);
	c->w = iop_out_stdout(&c->out);
	iop_writer_header(c->w, c->hdr);
	for (k = 0; k < nkept; k++)
		if (iop_writer_put(c->w, &kept[k]) != 0)
			c->status = 1;
	iop_keep_free(keep);
	iop_rec_init(&c->rec);
	c->rec.hdr = c->hdr;
	unplaced = iop_sched_run(s, iop_scli_emit, iop_scli_issue, c);
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

static int
cmd_check(struct iop_scli *c, char **files, int nfiles)
{
	struct iop_appt *rows = NULL;
	size_t n, k;

	n = iop_scli_rows(c, files, nfiles, &rows);
	c->hdr = iop_hdr_new();
	for (k = 0; iop_conflict_cols[k] != NULL; k++)
		iop_hdr_add(c->hdr, iop_conflict_cols[k]);
	iop_rec_init(&c->rec);
	c->rec.hdr = c->hdr;
	c->w = iop_out_stdout(&c->out);
	k = iop_sched_check(&c->prog, rows, n, iop_scli_conflict, c);
	if (k > 0)
		iop_warnx("%zu conflict%s", k, k == 1 ? "" : "s");
	iop_appt_rows_free(rows, n);
	iop_rec_free(&c->rec);
	iop_hdr_free(c->hdr);
	/* The conflicts are the output, not a failure of the run: -o gets
	 * them; the exit status still says they were found. */
	c->status = iop_finish(c->w, c->status);
	return k > 0 ? 1 : c->status;
}

/* One calendar: a participant's rows, or a staff member's or group's
 * sessions (each once, with the number of participants). */
static int
cmd_ics(struct iop_scli *c, int who, const char *id, time_t now, char **files,
    int nfiles)
{
	static const char *const whom[] = { "participant", "staff member",
	    "group" };
	enum iop_cal cal = who == 'P' ? IOP_CAL_PARTICIPANT : who == 'S' ?
	    IOP_CAL_STAFF : IOP_CAL_GROUP;
	struct iop_appt *rows = NULL;
	struct iop_buf out = { 0 };
	size_t n, bad;

	n = iop_scli_rows(c, files, nfiles, &rows);
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
	if (fwrite(out.s, 1, out.len, iop_out_fp(&c->out)) != out.len)
		c->status = 1;
	iop_buf_free(&out);
	iop_appt_rows_free(rows, n);
	return iop_finish(NULL, c->status);
}

int
main(int argc, char *argv[])
{
	struct iop_scli c;

	memset(&c, 0, sizeof(c));
	c.from = LONG_MIN;
	return iop_cmd_main(&cmdtab, argc, argv, &c);
}

static void
opt(void *ctx, int ch, const char *arg, const char *cmd)
{
	struct iop_scli *c = ctx;

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
		iop_help(SYNOPSIS, iop_help_schedule);
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
	struct iop_scli *c = ctx;

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
	struct iop_scli *c = ctx;
	int rv;

	rv = cmd_generate(c, c->from, c->existing, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}

static int
run_check(void *ctx, int argc, char **argv)
{
	struct iop_scli *c = ctx;
	int rv;

	rv = cmd_check(c, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}

static int
run_ics(void *ctx, int argc, char **argv)
{
	struct iop_scli *c = ctx;
	long long now;
	int rv;

	if (iop_clock_stamp(&now) != 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")");
	rv = cmd_ics(c, c->who, c->id, (time_t)now, argv, argc);
	iop_program_free(&c->prog);
	return rv;
}
