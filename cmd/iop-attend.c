/*
 * iop-attend -- attendance: record a session from the command line,
 * import sign-in sheets checked against the schedule, apply corrections
 * to one attendance file, list sessions still unrecorded and the people
 * to call in the morning.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/iop.h"
#include "lib/sched/appt.h"
#include "lib/attend/attend.h"
#include "lib/clinic/program.h"
#include "lib/cli/attend.h"
#include "lib/cli/help.h"

#define SYNOPSIS \
"iop-attend [-hHjV] [-f file] [-o file] [-s schedule] [--now time] command\n" \
"           [arg ...]\n" \
"       commands: record SESSION, import [FILE ...], missing [FILE ...],\n" \
"                 flags [FILE ...]"

enum {
	O_ABSENT = IOP_OPT_FIRST_FREE, O_AT, O_BY, O_ESTIMATE, O_EXCUSED,
	O_LATE, O_LEFT_EARLY, O_MAP, O_MIN_HOURS, O_NOTE, O_NOW,
	O_PARTICIPANTS, O_PRESENT, O_REST, O_SESSION, O_SINCE, O_TELEHEALTH,
	O_WEEK
};

static const struct option longopts[] = {
	{ "absent", required_argument, NULL, O_ABSENT },
	{ "at", required_argument, NULL, O_AT },
	{ "by", required_argument, NULL, O_BY },
	{ "consecutive", required_argument, NULL, 'c' },
	{ "estimate", no_argument, NULL, O_ESTIMATE },
	{ "excused", required_argument, NULL, O_EXCUSED },
	{ "file", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "late", required_argument, NULL, O_LATE },
	{ "left-early", required_argument, NULL, O_LEFT_EARLY },
	{ "map", required_argument, NULL, O_MAP },
	{ "min-hours", required_argument, NULL, O_MIN_HOURS },
	{ "no-header", no_argument, NULL, 'H' },
	{ "note", required_argument, NULL, O_NOTE },
	{ "now", required_argument, NULL, O_NOW },
	{ "participants", no_argument, NULL, O_PARTICIPANTS },
	{ "present", required_argument, NULL, O_PRESENT },
	{ "program", required_argument, NULL, 'p' },
	{ "rest", required_argument, NULL, O_REST },
	{ "schedule", required_argument, NULL, 's' },
	{ "session", required_argument, NULL, O_SESSION },
	{ "since", required_argument, NULL, O_SINCE },
	{ "telehealth", required_argument, NULL, O_TELEHEALTH },
	{ "version", no_argument, NULL, 'V' },
	{ "week", required_argument, NULL, O_WEEK },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);
static int	 cmd_record(void *, int, char **);
static int	 cmd_import(void *, int, char **);
static int	 cmd_missing(void *, int, char **);
static int	 cmd_flags(void *, int, char **);

static const int global_opts[] = { 'f', 'j', 'p', 's', O_NOW, 0 };
static const int record_opts[] = { 'H', O_ABSENT, O_AT, O_BY, O_ESTIMATE,
	O_EXCUSED, O_LATE, O_LEFT_EARLY, O_NOTE, O_PRESENT, O_REST,
	O_TELEHEALTH, 0 };
static const int import_opts[] = { 'H', O_AT, O_BY, O_ESTIMATE, O_MAP,
	O_SESSION, 0 };
static const int missing_opts[] = { O_PARTICIPANTS, O_SINCE, 0 };
static const int flags_opts[] = { 'c', O_MIN_HOURS, O_SINCE, O_WEEK,
	0 };

static const struct iop_cmd cmds[] = {
	{ "record", "session", record_opts, cmd_record },
	{ "import", "[file ...]", import_opts, cmd_import },
	{ "missing", "[file ...]", missing_opts, cmd_missing },
	{ "flags", "[file ...]", flags_opts, cmd_flags },
	{ NULL, NULL, NULL, NULL }
};

static const struct iop_cmdtab cmdtab = {
	SYNOPSIS, "c:f:hHjo:p:s:V", longopts, global_opts, cmds, NULL, opt, ready
};

int
main(int argc, char *argv[])
{
	struct iop_acli o;

	memset(&o, 0, sizeof(o));
	o.synopsis = SYNOPSIS;
	o.rest = -1;
	o.consecutive = 2;
	o.minmin = -1;
	return iop_cmd_main(&cmdtab, argc, argv, &o);
}

static void
opt(void *ctx, int ch, const char *arg, const char *cmd)
{
	struct iop_acli *o = ctx;
	long long ts;

	(void)cmd;
	if (iop_opt_common(ch, arg, &o->in, &o->out))
		return;
	switch (ch) {
	case 'c':
		o->consecutive = (int)iop_optnum("--consecutive", arg, 1,
		    100);
		break;
	case 'f':
		o->file = arg;
		break;
	case 'h':
		iop_help(SYNOPSIS, iop_help_attend);
		break;
	case 'H':
		o->out.flags |= IOP_WR_NOHEADER;
		break;
	case 'p':
		o->program = arg;
		break;
	case 's':
		o->schedule = arg;
		break;
	case 'V':
		iop_version();
		break;
	case O_ABSENT:
	case O_EXCUSED:
	case O_LATE:
	case O_LEFT_EARLY:
	case O_PRESENT:
	case O_TELEHEALTH:
		o->lists[ch == O_PRESENT ? IOP_AT_PRESENT :
		    ch == O_LATE ? IOP_AT_LATE : ch == O_LEFT_EARLY ?
		    IOP_AT_LEFT_EARLY : ch == O_ABSENT ? IOP_AT_ABSENT :
		    ch == O_EXCUSED ? IOP_AT_EXCUSED :
		    IOP_AT_TELEHEALTH] = arg;
		break;
	case O_AT:
		if (iop_stamp_parse(arg, &ts) != 0) {
			iop_warnx("--at: '%s' is not YYYY-MM-DDTHH:MM"
			    "[:SS]", arg);
			iop_usage(NULL);
		}
		iop_stamp_fmt(ts, strlen(arg) == 19, o->at);
		break;
	case O_BY:
		o->by = arg;
		break;
	case O_ESTIMATE:
		o->estimate = 1;
		break;
	case O_MAP:
		if (iop_colmap_add(&o->map, &o->nmap, arg) != 0) {
			iop_warnx("--map: '%s' is not FROM=TO", arg);
			iop_usage(NULL);
		}
		break;
	case O_MIN_HOURS:
		o->minmin = (int)iop_optnum("--min-hours", arg, 0,
		    IOP_PROGRAM_MAXHOURS) * 60;
		break;
	case O_NOTE:
		o->note = arg;
		break;
	case O_NOW:
		o->now = arg;
		break;
	case O_PARTICIPANTS:
		o->each = 1;
		break;
	case O_REST:
		if ((o->rest = iop_att_mark(arg)) < 0 ||
		    strchr(arg, ' ') != NULL) {
			iop_warnx("--rest: '%s' is not a status",
			    arg);
			iop_usage(NULL);
		}
		break;
	case O_SESSION:
		o->session = arg;
		break;
	case O_SINCE:
		o->since = iop_optdate("--since", arg);
		o->has_since = 1;
		break;
	case O_WEEK:
		if (iop_isoweek_parse(arg, &o->week_y,
		    &o->week_w) != 0) {
			iop_warnx("--week: '%s' is not an ISO week "
			    "(YYYY-Www)", arg);
			iop_usage(NULL);
		}
		break;
	default:
		iop_usage(SYNOPSIS);
	}
}

static void
ready(void *ctx, const struct iop_cmd *c)
{
	struct iop_acli *o = ctx;
	struct iop_program prog;
	struct iop_err e;

	/* record and import update -f in place; -o is for standard output. */
	if (o->file != NULL && o->out.path != NULL &&
	    (c->fn == cmd_record || c->fn == cmd_import)) {
		iop_warnx("-o: %s is updated in place; -o does not apply",
		    o->file);
		iop_usage(NULL);
	}
	/* The program's time zone is the clock's (now, today). */
	if (o->program != NULL) {
		memset(&e, 0, sizeof(e));
		if (iop_program_load(o->program, &prog, &e) != 0) {
			iop_report(&e);
			exit(2);
		}
		iop_clock_zone(prog.tz);
		o->progmin = prog.minmin;
		iop_program_free(&prog);
	}
	iop_acli_clock(o, o->now);
	if (o->by == NULL && (o->by = getenv("LOGNAME")) == NULL)
		o->by = getenv("USER");
}

static int
cmd_record(void *ctx, int argc, char **argv)
{
	struct iop_acli *o = ctx;
	struct iop_att_batch b;
	struct iop_att_ctx c;
	struct iop_writer *wr;
	char *dup;
	long n;
	size_t i;

	if (argc != 1) {
		iop_warnx("record: expected one session ID");
		iop_usage(SYNOPSIS);
	}
	iop_acli_schedule(o, "record");
	if (!iop_appts_has_session(o->appts, argv[0])) {
		iop_warnx("record: no session '%s' in %s", argv[0],
		    o->schedule);
		iop_appts_free(o->appts);
		return iop_finish(NULL, 1);
	}
	memset(&b, 0, sizeof(b));
	o->hdr = iop_att_hdr();
	iop_acli_ctx(&c, o);
	if ((n = iop_att_record(&b, o->hdr, &c, argv[0], o->lists, o->rest,
	    o->note, &dup, iop_acli_reject, o)) < 0) {
		iop_warnx("record: '%s' is listed twice", dup);
		iop_usage(NULL);
	}
	if (n == 0) {
		iop_warnx("record: nobody given (--present, --late, "
		    "--left-early, --absent, --excused, --telehealth, --rest)");
		iop_usage(SYNOPSIS);
	}
	/* One session is recorded whole or not at all. */
	if (o->rejected)
		iop_att_batch_free(&b);
	if (o->file != NULL || o->rejected)
		return iop_acli_emit(o, &b);
	wr = iop_out_stdout(&o->out);
	for (i = 0; i < b.n; i++)
		(void)iop_writer_put(wr, &b.rec[i]);
	o->status = iop_finish(wr, o->status);
	return iop_acli_emit(o, &b);
}

static int
cmd_import(void *ctx, int argc, char **argv)
{
	struct iop_acli *o = ctx;
	struct iop_att_batch b;
	struct iop_reader *rd;
	struct iop_writer *wr = NULL;
	struct iop_att_ctx c;
	struct iop_err e;

	iop_acli_schedule(o, "import");
	memset(&b, 0, sizeof(b));
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
	o->hdr = iop_att_hdr();
	iop_acli_ctx(&c, o);
	if (o->file == NULL)
		wr = iop_out_stdout(&o->out);
	memset(&e, 0, sizeof(e));
	if (iop_att_import(rd, &c, o->map, o->nmap, o->hdr, wr, &b,
	    iop_acli_reject, o, &e) != 0) {
		iop_report(&e);
		o->status = 1;
	} else if (wr != NULL)
		iop_writer_header(wr, o->hdr);
	iop_reader_close(rd);
	free(o->map);
	if (wr != NULL)
		o->status = iop_finish(wr, o->status);
	return iop_acli_emit(o, &b);
}

static int
cmd_missing(void *ctx, int argc, char **argv)
{
	struct iop_acli *o = ctx;
	struct iop_att_slot *s;
	struct iop_writer *wr;

	iop_acli_schedule(o, "missing");
	s = iop_acli_gather(o, argc, argv);
	if (s == NULL) {
		iop_appts_free(o->appts);
		return iop_finish(NULL, 1);
	}
	wr = iop_out_stdout(&o->out);
	iop_att_missing_write(wr, o->appts, s, o->today, o->nowmin, o->since,
	    o->each);
	free(s);
	iop_appts_free(o->appts);
	return iop_finish(wr, o->status);
}

static int
cmd_flags(void *ctx, int argc, char **argv)
{
	struct iop_acli *o = ctx;
	struct iop_att_flagopt fl;
	struct iop_att_slot *s;
	struct iop_writer *wr;

	iop_acli_schedule(o, "flags");
	if (o->minmin < 0)
		o->minmin = o->program != NULL ? o->progmin :
		    IOP_PROGRAM_MINMIN;
	memset(&fl, 0, sizeof(fl));
	fl.today = o->today;
	fl.nowmin = o->nowmin;
	fl.consecutive = o->consecutive;
	fl.since = o->has_since ? o->since : o->today - 6;
	if (o->week_y == 0)
		iop_isoweek(o->today, &o->week_y, &o->week_w);
	fl.monday = iop_isoweek_monday(o->week_y, o->week_w);
	fl.minmin = o->minmin > 0 ? o->minmin : 0;
	s = iop_acli_gather(o, argc, argv);
	if (s == NULL) {
		iop_appts_free(o->appts);
		return iop_finish(NULL, 1);
	}
	wr = iop_out_stdout(&o->out);
	iop_att_flags_write(wr, o->appts, s, &fl);
	free(s);
	iop_appts_free(o->appts);
	return iop_finish(wr, o->status);
}
