/*
 * iop-report -- what the program did: census, attendance, weekly hours,
 * billable days, authorizations, completion, outcomes, people at risk and
 * a director's summary, from the flat files, as CSV, JSON Lines, a
 * terminal table, a self-contained HTML page or an Excel workbook.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "lib/cli/report.h"
#include "lib/iop.h"
#include "lib/clinic/program.h"
#include "lib/report/report.h"

#define SYNOPSIS \
"iop-report report [-hjV] [--deidentify] [--spreadsheet] [--as-of date]\n" \
"       [--by dim[,dim]] [--format fmt] [--from date] [--to date]\n" \
"       [-o file] [--participants file] [-p program.json] [-s schedule]\n" \
"       [--screenings file] [attendance ...]"

/* What a report reads and allows. */
#define R_ATT		0x01	/* reads attendance */
#define R_SCREEN	0x02	/* reads screenings */
#define R_PEOPLE	0x04	/* needs --participants */

enum rep {
	REP_CENSUS, REP_ATTENDANCE, REP_HOURS, REP_BILLING, REP_AUTH,
	REP_COMPLETION, REP_OUTCOMES, REP_RISK, REP_SUMMARY
};

static const struct report {
	const char	*name;
	enum rep	 rep;
	int		 flags;
} reports[] = {
	{ "attendance", REP_ATTENDANCE, R_ATT },
	{ "authorizations", REP_AUTH, R_ATT | R_PEOPLE },
	{ "billing", REP_BILLING, R_ATT },
	{ "census", REP_CENSUS, R_PEOPLE },
	{ "completion", REP_COMPLETION, R_PEOPLE },
	{ "hours", REP_HOURS, R_ATT },
	{ "outcomes", REP_OUTCOMES, R_SCREEN },
	{ "risk", REP_RISK, R_ATT | R_PEOPLE },
	{ "summary", REP_SUMMARY, R_ATT | R_PEOPLE },
	{ NULL, 0, 0 }
};

enum {
	O_AS_OF = IOP_OPT_FIRST_FREE, O_BILLABLE, O_BY, O_DEID, O_FORMAT,
	O_FROM, O_KEYFILE, O_MIN_HOURS, O_MISSED, O_PEOPLE,
	O_SCREENINGS, O_SPREADSHEET, O_TO, O_WITHIN
};

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "billable-minutes", required_argument, NULL, O_BILLABLE },
	{ "by", required_argument, NULL, O_BY },
	{ "deidentify", no_argument, NULL, O_DEID },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "from", required_argument, NULL, O_FROM },
	{ "help", no_argument, NULL, 'h' },
	{ "key-file", required_argument, NULL, O_KEYFILE },
	{ "min-hours", required_argument, NULL, O_MIN_HOURS },
	{ "missed", required_argument, NULL, O_MISSED },
	{ "participants", required_argument, NULL, O_PEOPLE },
	{ "program", required_argument, NULL, 'p' },
	{ "schedule", required_argument, NULL, 's' },
	{ "screenings", required_argument, NULL, O_SCREENINGS },
	{ "spreadsheet", no_argument, NULL, O_SPREADSHEET },
	{ "to", required_argument, NULL, O_TO },
	{ "version", no_argument, NULL, 'V' },
	{ "within", required_argument, NULL, O_WITHIN },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char *const fmt_names[] = { "csv", "jsonl", "table", "html",
    "xlsx", NULL };

struct opts {
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	struct iop_rparams	 p;
	int			 fmt, deid, hasasof;
	const char		*people, *program, *schedule, *screenings;
	const char		*keyfile;
	int			 minhours, billmin;
	const struct report	*rp;
};

static void	 help(void);
static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);
static void	 check(struct opts *);
static int	 run(void *, int, char **);

/*
 * Period, output and program are every report's; each report takes the
 * inputs it reads (the participant list is optional where it is not
 * needed: it checks IDs and gives the breakdowns by track and payer).
 */
static const int global_opts[] = { 'j', 'o', 'p', O_AS_OF, O_DEID,
    O_FORMAT, O_FROM, O_KEYFILE, O_SPREADSHEET, O_TO, 0 };
static const int att_opts[] = { 's', O_BY, O_PEOPLE, 0 };
static const int hours_opts[] = { 's', O_MIN_HOURS, O_PEOPLE, 0 };
static const int billing_opts[] = { 's', O_BILLABLE, O_PEOPLE, 0 };
static const int auth_opts[] = { 's', O_BILLABLE, O_PEOPLE, O_WITHIN, 0 };
static const int census_opts[] = { O_BY, O_PEOPLE, 0 };
static const int people_opts[] = { O_PEOPLE, 0 };
static const int outcomes_opts[] = { O_BY, O_PEOPLE, O_SCREENINGS, 0 };
static const int risk_opts[] = { 's', O_BILLABLE, O_MIN_HOURS, O_MISSED,
    O_PEOPLE, O_SCREENINGS, O_WITHIN, 0 };

static const struct iop_cmd cmds[] = {
	{ "attendance", "[attendance ...]", att_opts, run },
	{ "authorizations", "[attendance ...]", auth_opts, run },
	{ "billing", "[attendance ...]", billing_opts, run },
	{ "census", "", census_opts, run },
	{ "completion", "", people_opts, run },
	{ "hours", "[attendance ...]", hours_opts, run },
	{ "outcomes", "", outcomes_opts, run },
	{ "risk", "[attendance ...]", risk_opts, run },
	{ "summary", "[attendance ...]", risk_opts, run },
	{ NULL, NULL, NULL, NULL }
};

static const struct iop_cmdtab cmdtab = {
	SYNOPSIS, "hjo:p:s:V", longopts, global_opts, cmds, NULL, opt, ready
};

int
main(int argc, char *argv[])
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	o.p.from = LONG_MIN;
	o.p.to = LONG_MAX;
	o.p.within = 7;
	o.p.missed = 2;
	o.minhours = o.billmin = -1;
	return iop_cmd_main(&cmdtab, argc, argv, &o);
}

static void
opt(void *ctx, int ch, const char *arg, const char *cmd)
{
	struct opts *o = ctx;

	(void)cmd;
	if (iop_opt_common(ch, arg, &o->in, &o->out))
		return;
	switch (ch) {
	case 'h':
		help();
		break;
	case 'V':
		iop_version();
		break;
	case O_AS_OF:
		o->p.asof = iop_optdate("--as-of", arg);
		o->hasasof = 1;
		break;
	case O_BILLABLE:
		o->billmin = (int)iop_optnum("--billable-minutes", arg, 1,
		    1440);
		break;
	case O_BY:
		iop_rcli_by(o->p.by, arg);
		break;
	case O_DEID:
		o->deid = 1;
		break;
	case O_FORMAT:
		if ((o->fmt = iop_enum_parse(arg, fmt_names, 0)) < 0) {
			iop_warnx("--format: '%s' is not csv, jsonl, "
			    "table, html or xlsx", arg);
			iop_usage(NULL);
		}
		break;
	case O_FROM:
		o->p.from = iop_optdate("--from", arg);
		break;
	case O_KEYFILE:
		o->keyfile = arg;
		break;
	case O_MIN_HOURS:
		o->minhours = (int)iop_optnum("--min-hours", arg, 0,
		    IOP_PROGRAM_MAXHOURS);
		break;
	case O_MISSED:
		o->p.missed = (int)iop_optnum("--missed", arg, 1, 60);
		break;
	case O_PEOPLE:
		o->people = arg;
		break;
	case 'p':
		o->program = arg;
		break;
	case 's':
		o->schedule = arg;
		break;
	case O_SCREENINGS:
		o->screenings = arg;
		break;
	case O_SPREADSHEET:
		o->out.flags |= IOP_WR_SPREADSHEET;
		break;
	case O_TO:
		o->p.to = iop_optdate("--to", arg);
		break;
	case O_WITHIN:
		o->p.within = (int)iop_optnum("--within", arg, 0, 365);
		break;
	default:
		iop_usage(SYNOPSIS);
	}
}

static void
ready(void *ctx, const struct iop_cmd *c)
{
	struct opts *o = ctx;

	for (o->rp = reports; strcmp(o->rp->name, c->name) != 0; o->rp++)
		continue;
	/* JSON Lines by -j as in every iop program, or by --format. */
	if (o->out.fmt == IOP_FMT_JSONL && o->fmt == IOP_RF_CSV)
		o->fmt = IOP_RF_JSONL;
	check(o);
	iop_rcli_program(o->program, o->minhours, o->billmin, &o->p);
	if (!o->hasasof)
		o->p.asof = iop_opttoday();
}

/* What the options say together; a usage error when they disagree. */
static void
check(struct opts *o)
{
	const struct report *rp = o->rp;

	if (o->p.from != LONG_MIN && o->p.to != LONG_MAX && o->p.from > o->p.to) {
		iop_warnx("--from is after --to");
		iop_usage(NULL);
	}
	if ((rp->flags & R_PEOPLE) && o->people == NULL) {
		iop_warnx("the %s report needs --participants", rp->name);
		iop_usage(NULL);
	}
	if ((rp->flags & R_SCREEN) && o->screenings == NULL) {
		iop_warnx("the %s report needs --screenings", rp->name);
		iop_usage(NULL);
	}
	if (o->fmt == IOP_RF_XLSX && o->out.path == NULL) {
		iop_warnx("--format xlsx needs -o file");
		iop_usage(NULL);
	}
	if ((o->p.by[0] == IOP_DIM_GROUP || o->p.by[0] == IOP_DIM_STAFF ||
	    o->p.by[0] == IOP_DIM_TYPE || o->p.by[1] == IOP_DIM_GROUP ||
	    o->p.by[1] == IOP_DIM_STAFF || o->p.by[1] == IOP_DIM_TYPE) &&
	    o->schedule == NULL) {
		iop_warnx("--by group, staff or type needs --schedule");
		iop_usage(NULL);
	}
	if (rp->rep == REP_ATTENDANCE && o->p.by[0] == IOP_DIM_NONE)
		o->p.by[0] = IOP_DIM_PARTICIPANT;
	if (rp->rep == REP_OUTCOMES && o->p.by[0] != IOP_DIM_NONE &&
	    o->p.by[0] != IOP_DIM_INSTRUMENT) {
		iop_warnx("--by: outcomes are broken down by instrument only");
		iop_usage(NULL);
	}
	if (rp->rep == REP_CENSUS && (o->p.by[1] != IOP_DIM_NONE ||
	    (o->p.by[0] != IOP_DIM_NONE && o->p.by[0] < IOP_DIM_TRACK) ||
	    o->p.by[0] == IOP_DIM_GROUP || o->p.by[0] == IOP_DIM_STAFF ||
	    o->p.by[0] == IOP_DIM_TYPE || o->p.by[0] == IOP_DIM_INSTRUMENT)) {
		iop_warnx("--by: census is broken down by one of track, "
		    "payer, level, status or focus");
		iop_usage(NULL);
	}
}

static int
run(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	const struct report *rp = o->rp;
	struct iop_rcli_out ro;
	struct iop_rdata *d;
	struct iop_table **tabs, *one[2] = { NULL, NULL };
	struct iop_deid key;
	int status = 0, i;

	if (!(rp->flags & R_ATT) && argc > 0) {
		iop_warnx("the %s report reads no attendance", rp->name);
		iop_usage(NULL);
	}
	if (o->deid)
		iop_rcli_deid_key(o->keyfile, &key);
	d = iop_rdata_new(&o->p);
	/* Without the participant list no report of it makes sense. */
	if (o->people != NULL && (status |= iop_rcli_read(d, o->people, NULL,
	    0, &o->in, iop_rdata_people)) != 0 && d->n == 0) {
		iop_rdata_free(d);
		return 1;
	}
	if (o->schedule != NULL &&
	    iop_rdata_schedule(d, o->schedule, &o->in, iop_report_cb, NULL,
	    &status) != 0) {
		iop_warnx("%s: the schedule cannot be read (this build has "
		    "no lib/sched/appt.h)", o->schedule);
		status = 1;
	}
	if (o->screenings != NULL)
		status |= iop_rcli_read(d, o->screenings, NULL, 0, &o->in,
		    iop_rdata_screenings);
	if (rp->flags & R_ATT)
		status |= iop_rcli_read(d, NULL, argv, (size_t)argc, &o->in,
		    iop_rdata_attendance);
	tabs = one;
	switch (rp->rep) {
	case REP_CENSUS:
		one[0] = iop_report_census(d);
		break;
	case REP_ATTENDANCE:
		one[0] = iop_report_attendance(d);
		break;
	case REP_HOURS:
		one[0] = iop_report_hours(d, 0);
		break;
	case REP_BILLING:
		one[0] = iop_report_billing(d);
		break;
	case REP_AUTH:
		one[0] = iop_report_authorizations(d);
		break;
	case REP_COMPLETION:
		one[0] = iop_report_completion(d);
		break;
	case REP_OUTCOMES:
		one[0] = iop_report_outcomes(d);
		break;
	case REP_RISK:
		one[0] = iop_report_risk(d);
		break;
	case REP_SUMMARY:
		tabs = iop_report_summary(d);
		break;
	}
	for (i = 0; tabs[i] != NULL; i++)
		if (o->deid)
			iop_table_deid(tabs[i], &key);
	ro.fmt = o->fmt;
	ro.flags = o->out.flags;
	ro.deid = o->deid;
	ro.out = &o->out;
	ro.p = &o->p;
	status = iop_rcli_output(&ro, tabs, status);
	for (i = 0; tabs[i] != NULL; i++)
		iop_table_free(tabs[i]);
	if (tabs != one)
		free(tabs);
	iop_rdata_free(d);
	return status;
}

static void
help(void)
{
	iop_rcli_help(SYNOPSIS);
}


