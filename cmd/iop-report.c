/*
 * iop-report -- what the program did: census, attendance, weekly hours,
 * billable days, authorizations, completion, outcomes, people at risk and
 * a director's summary, from the flat files, as CSV, JSON Lines, a
 * terminal table, a self-contained HTML page or an Excel workbook.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "lib/report/deid.h"
#include "lib/report/html.h"
#include "lib/iop.h"
#include "lib/clinic/program.h"
#include "lib/report/report.h"
#include "lib/report/xlsx.h"

#define SYNOPSIS \
"iop-report report [-hjV] [--deidentify] [--spreadsheet] [--as-of date]\n" \
"       [--by dim[,dim]] [--format fmt] [--from date] [--to date]\n" \
"       [-o file] [--participants file] [--program file] [--schedule file]\n" \
"       [--screenings file] [attendance ...]"

/* What a report reads and allows. */
#define R_ATT		0x01	/* reads attendance */
#define R_SCREEN	0x02	/* reads screenings */
#define R_PEOPLE	0x04	/* needs --participants */
#define R_BY		0x08	/* takes --by */

enum rep {
	REP_CENSUS, REP_ATTENDANCE, REP_HOURS, REP_BILLING, REP_AUTH,
	REP_COMPLETION, REP_OUTCOMES, REP_RISK, REP_SUMMARY
};

static const struct report {
	const char	*name;
	enum rep	 rep;
	int		 flags;
} reports[] = {
	{ "attendance", REP_ATTENDANCE, R_ATT | R_BY },
	{ "authorizations", REP_AUTH, R_ATT | R_PEOPLE },
	{ "billing", REP_BILLING, R_ATT },
	{ "census", REP_CENSUS, R_PEOPLE | R_BY },
	{ "completion", REP_COMPLETION, R_PEOPLE },
	{ "hours", REP_HOURS, R_ATT },
	{ "outcomes", REP_OUTCOMES, R_SCREEN | R_BY },
	{ "risk", REP_RISK, R_ATT | R_PEOPLE },
	{ "summary", REP_SUMMARY, R_ATT | R_PEOPLE },
	{ NULL, 0, 0 }
};

enum {
	O_AS_OF = IOP_OPT_FIRST_FREE, O_BILLABLE, O_BY, O_DEID, O_FORMAT,
	O_FROM, O_KEYFILE, O_MIN_HOURS, O_MISSED, O_PEOPLE, O_PROGRAM,
	O_SCHEDULE, O_SCREENINGS, O_SPREADSHEET, O_TO, O_WITHIN
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
	{ "output", required_argument, NULL, 'o' },
	{ "participants", required_argument, NULL, O_PEOPLE },
	{ "program", required_argument, NULL, O_PROGRAM },
	{ "schedule", required_argument, NULL, O_SCHEDULE },
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
	const char		*output, *keyfile;
	int			 minhours, billmin;
};

static void	 help(void);
static long	 optnum(const char *, const char *, long, long);
static void	 optby(struct opts *, const char *);
static void	 program(struct opts *);
static void	 deid_key(const struct opts *, struct iop_deid *);
static void	 report_cb(const struct iop_err *, void *);
static int	 readfile(struct iop_rdata *, const char *, char *const *,
		    size_t, const struct iop_inopt *,
		    int (*)(struct iop_rdata *, struct iop_reader *,
		    iop_report_fn *, void *));
static int	 output(const struct opts *, struct iop_table **);

int
main(int argc, char *argv[])
{
	struct opts o;
	struct iop_rdata *d;
	struct iop_table **tabs, *one[2] = { NULL, NULL };
	struct iop_deid key;
	const struct report *rp;
	int ch, status = 0, i;

	iop_setprogname(argv[0]);
	/* getopt names the program by argv[0]: make it the short name. */
	argv[0] = (char *)iop_getprogname();
	memset(&o, 0, sizeof(o));
	o.p.from = LONG_MIN;
	o.p.to = LONG_MAX;
	o.p.within = 7;
	o.p.missed = 2;
	o.minhours = o.billmin = -1;
	while ((ch = getopt_long(argc, argv, "hjo:V", longopts, NULL)) !=
	    -1) {
		if (iop_opt_common(ch, optarg, &o.in, &o.out))
			continue;
		switch (ch) {
		case 'h':
			help();
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'V':
			iop_version();
			break;
		case O_AS_OF:
			o.p.asof = iop_optdate("--as-of", optarg);
			o.hasasof = 1;
			break;
		case O_BILLABLE:
			o.billmin = (int)optnum("--billable-minutes", optarg, 1,
			    1440);
			break;
		case O_BY:
			optby(&o, optarg);
			break;
		case O_DEID:
			o.deid = 1;
			break;
		case O_FORMAT:
			if ((o.fmt = iop_enum_parse(optarg, fmt_names, 0)) < 0) {
				iop_warnx("--format: '%s' is not csv, jsonl, "
				    "table, html or xlsx", optarg);
				iop_usage(NULL);
			}
			break;
		case O_FROM:
			o.p.from = iop_optdate("--from", optarg);
			break;
		case O_KEYFILE:
			o.keyfile = optarg;
			break;
		case O_MIN_HOURS:
			o.minhours = (int)optnum("--min-hours", optarg, 0, 60);
			break;
		case O_MISSED:
			o.p.missed = (int)optnum("--missed", optarg, 1, 60);
			break;
		case O_PEOPLE:
			o.people = optarg;
			break;
		case O_PROGRAM:
			o.program = optarg;
			break;
		case O_SCHEDULE:
			o.schedule = optarg;
			break;
		case O_SCREENINGS:
			o.screenings = optarg;
			break;
		case O_SPREADSHEET:
			o.out.flags |= IOP_WR_SPREADSHEET;
			break;
		case O_TO:
			o.p.to = iop_optdate("--to", optarg);
			break;
		case O_WITHIN:
			o.p.within = (int)optnum("--within", optarg, 0, 365);
			break;
		default:
			iop_usage(SYNOPSIS);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		iop_warnx("no report given");
		iop_usage(SYNOPSIS);
	}
	for (rp = reports; rp->name != NULL; rp++)
		if (strcmp(rp->name, argv[0]) == 0)
			break;
	if (rp->name == NULL) {
		iop_warnx("unknown report '%s'", argv[0]);
		iop_usage(SYNOPSIS);
	}
	argc--;
	argv++;
	/* JSON Lines by -j as in every iop program, or by --format. */
	if (o.out.fmt == IOP_FMT_JSONL && o.fmt == IOP_RF_CSV)
		o.fmt = IOP_RF_JSONL;
	if (!o.hasasof)
		o.p.asof = iop_opttoday();
	if (o.p.from != LONG_MIN && o.p.to != LONG_MAX && o.p.from > o.p.to) {
		iop_warnx("--from is after --to");
		iop_usage(NULL);
	}
	if (o.p.by[0] != IOP_DIM_NONE && !(rp->flags & R_BY)) {
		iop_warnx("--by: the %s report has no breakdown", rp->name);
		iop_usage(NULL);
	}
	if ((rp->flags & R_PEOPLE) && o.people == NULL) {
		iop_warnx("the %s report needs --participants", rp->name);
		iop_usage(NULL);
	}
	if ((rp->flags & R_SCREEN) && o.screenings == NULL) {
		iop_warnx("the %s report needs --screenings", rp->name);
		iop_usage(NULL);
	}
	if (o.fmt == IOP_RF_XLSX && o.output == NULL) {
		iop_warnx("--format xlsx needs -o file");
		iop_usage(NULL);
	}
	if ((o.p.by[0] == IOP_DIM_GROUP || o.p.by[0] == IOP_DIM_STAFF ||
	    o.p.by[0] == IOP_DIM_TYPE || o.p.by[1] == IOP_DIM_GROUP ||
	    o.p.by[1] == IOP_DIM_STAFF || o.p.by[1] == IOP_DIM_TYPE) &&
	    o.schedule == NULL) {
		iop_warnx("--by group, staff or type needs --schedule");
		iop_usage(NULL);
	}
	if (rp->rep == REP_ATTENDANCE && o.p.by[0] == IOP_DIM_NONE)
		o.p.by[0] = IOP_DIM_PARTICIPANT;
	if (rp->rep == REP_OUTCOMES && o.p.by[0] != IOP_DIM_NONE &&
	    o.p.by[0] != IOP_DIM_INSTRUMENT) {
		iop_warnx("--by: outcomes are broken down by instrument only");
		iop_usage(NULL);
	}
	if (rp->rep == REP_CENSUS && (o.p.by[1] != IOP_DIM_NONE ||
	    (o.p.by[0] != IOP_DIM_NONE && o.p.by[0] < IOP_DIM_TRACK) ||
	    o.p.by[0] == IOP_DIM_GROUP || o.p.by[0] == IOP_DIM_STAFF ||
	    o.p.by[0] == IOP_DIM_TYPE || o.p.by[0] == IOP_DIM_INSTRUMENT)) {
		iop_warnx("--by: census is broken down by one of track, "
		    "payer, level, status or focus");
		iop_usage(NULL);
	}
	if (o.deid)
		deid_key(&o, &key);
	program(&o);

	d = iop_rdata_new(&o.p);
	/* Without the participant list no report of it makes sense. */
	if (o.people != NULL && (status |= readfile(d, o.people, NULL, 0,
	    &o.in, iop_rdata_people)) != 0 && d->n == 0) {
		iop_rdata_free(d);
		return 1;
	}
	if (o.schedule != NULL && (rp->flags & R_ATT) &&
	    iop_rdata_schedule(d, o.schedule, &o.in, report_cb, NULL,
	    &status) != 0) {
		iop_warnx("%s: the schedule cannot be read (this build has "
		    "no lib/sched/appt.h)", o.schedule);
		status = 1;
	}
	if (o.screenings != NULL && (rp->flags & (R_SCREEN | R_PEOPLE)))
		status |= readfile(d, o.screenings, NULL, 0, &o.in,
		    iop_rdata_screenings);
	if (rp->flags & R_ATT)
		status |= readfile(d, NULL, argv, (size_t)argc, &o.in,
		    iop_rdata_attendance);
	else if (argc > 0) {
		iop_warnx("the %s report reads no attendance", rp->name);
		iop_usage(NULL);
	}

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
		if (o.deid)
			iop_table_deid(tabs[i], &key);
	if (output(&o, tabs) != 0)
		status = 1;
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
	printf("usage: %s\n\n", SYNOPSIS);
	fputs(
"Report what an intensive outpatient program did, from its flat files.\n"
"\n"
"Reports:\n"
"  census          people in care, admissions, discharges a week\n"
"  attendance      sessions scheduled and attended, rate and minutes\n"
"  hours           attended hours a person and ISO week against the minimum\n"
"  billing         billable days a person and week, by payer\n"
"  authorizations  authorized days used and left; alerts\n"
"  completion      completed or discharged early, length of stay\n"
"  outcomes        first and latest PHQ-9, GAD-7, AUDIT, DAST-10 totals\n"
"  risk            falling attendance, missed days, worse scores, lapsing\n"
"                  authorizations\n"
"  summary         the director's one-page view\n"
"\n"
"Inputs (attendance on standard input or as files):\n"
"      --participants=FILE  the participant list (iop-enroll)\n"
"      --schedule=FILE      appointments (iop-schedule)\n"
"      --screenings=FILE    scored screenings (iop-fit)\n"
"      --program=FILE       program definition (min_weekly_hours,\n"
"                           billable_minutes)\n"
"\n"
"Period and rules:\n"
"      --from=DATE, --to=DATE  the period (inclusive)\n"
"      --as-of=DATE     what was known on DATE (default: today)\n"
"      --by=DIM[,DIM]   attendance: participant, week, track, group,\n"
"                       staff, type, payer, level, focus; census: track,\n"
"                       payer, level, status, focus; outcomes: instrument\n"
"      --min-hours=N    weekly minimum (default: program, else 9)\n"
"      --billable-minutes=N  minutes that make a billable day (default:\n"
"                       program, else 180)\n"
"      --within=N       days ahead for authorization alerts (7)\n"
"      --missed=N       missed days in a row that flag risk (2)\n"
"\n"
"Output:\n"
"      --format=F       csv, jsonl, table, html or xlsx (needs -o)\n"
"  -o, --output=FILE    write FILE instead of standard output\n"
"      --spreadsheet    prefix ' to CSV cells a spreadsheet would run\n"
"      --deidentify     keyed codes for IDs, counts 1-10 suppressed\n"
"      --key-file=FILE  the de-identification key (or IOP_DEID_KEY)\n"
IOP_OUT_HELP
"  -h, --help           print this help\n"
"  -V, --version        print the version\n"
"\n"
"Example:\n"
"  iop-report hours --program program.json --participants people.csv \\\n"
"      --from 2026-11-30 --to 2026-12-06 --format table < attendance.csv\n",
	    stdout);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

static long
optnum(const char *opt, const char *arg, long min, long max)
{
	const char *why;
	long v;

	v = (long)iop_strtonum(arg, min, max, &why);
	if (why != NULL) {
		iop_warnx("%s: '%s' %s (allowed %ld-%ld)", opt, arg, why, min,
		    max);
		iop_usage(NULL);
	}
	return v;
}

static void
optby(struct opts *o, const char *arg)
{
	char buf[64], *s, *c;
	int i = 0, dim;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (s = buf; s != NULL && i < 3; s = c, i++) {
		if ((c = strchr(s, ',')) != NULL)
			*c++ = '\0';
		dim = iop_enum_parse(s, iop_dim_names, 0);
		if (i == 2 || dim <= IOP_DIM_NONE) {
			iop_warnx("--by: '%s' is not one or two of "
			    "participant, week, track, group, staff, type, "
			    "payer, level, status, focus, instrument", arg);
			iop_usage(NULL);
		}
		o->p.by[i] = dim;
	}
}

/*
 * The two figures iop-report takes from the program definition, loaded
 * and checked whole by lib/clinic/program.c: a definition iop-schedule
 * accepts is accepted here, and only such a one.  Without one, the
 * defaults of iop-program(5).
 */
static void
program(struct opts *o)
{
	struct iop_program prog;
	struct iop_err e;
	int mm = IOP_PROGRAM_MINMIN, bm = IOP_PROGRAM_BILLMIN;

	if (o->program != NULL) {
		memset(&e, 0, sizeof(e));
		if (iop_program_load(o->program, &prog, &e) != 0) {
			iop_report(&e);
			exit(1);
		}
		mm = prog.minmin;
		bm = prog.billmin;
		iop_program_free(&prog);
	}
	o->p.minmin = o->minhours >= 0 ? o->minhours * 60 : mm;
	o->p.billmin = o->billmin >= 0 ? o->billmin : bm;
}

static void
deid_key(const struct opts *o, struct iop_deid *k)
{
	char buf[4096];
	const char *env;
	size_t n = 0;
	FILE *fp;

	if (o->keyfile != NULL) {
		if ((fp = fopen(o->keyfile, "r")) == NULL)
			iop_err(1, "%s", o->keyfile);
		n = fread(buf, 1, sizeof(buf), fp);
		if (ferror(fp))
			iop_err(1, "%s", o->keyfile);
		fclose(fp);
	} else if ((env = getenv("IOP_DEID_KEY")) != NULL) {
		n = strlen(env);
		if (n > sizeof(buf))
			n = sizeof(buf);
		memcpy(buf, env, n);
	} else {
		iop_warnx("--deidentify needs a key: --key-file or "
		    "IOP_DEID_KEY");
		iop_usage(NULL);
	}
	if (iop_deid_init(k, buf, n) != 0) {
		iop_warnx("the de-identification key must have at least %d "
		    "bytes", IOP_DEID_MINKEY);
		iop_usage(NULL);
	}
	memset(buf, 0, sizeof(buf));
}

static void
report_cb(const struct iop_err *e, void *arg)
{
	(void)arg;
	iop_report(e);
}

static int
readfile(struct iop_rdata *d, const char *path, char *const *paths,
    size_t n, const struct iop_inopt *in,
    int (*fn)(struct iop_rdata *, struct iop_reader *, iop_report_fn *,
    void *))
{
	struct iop_reader *r;
	struct iop_err e;
	char *one[1];
	int rv;

	memset(&e, 0, sizeof(e));
	if (path != NULL) {
		one[0] = (char *)path;
		paths = one;
		n = 1;
	}
	if ((r = iop_reader_open(paths, n, in->fmt, in->flags, &e)) == NULL) {
		iop_report(&e);
		return 1;
	}
	rv = fn(d, r, report_cb, NULL);
	iop_reader_close(r);
	return rv != 0;
}

/*
 * The report to standard output, or to -o FILE through a safe update:
 * written beside it and renamed (0600, or the mode and group of the file
 * it replaces), never through a symbolic link; a FIFO or device directly.
 */
static int
output(const struct opts *o, struct iop_table **tabs)
{
	struct iop_update *u = NULL;
	struct iop_err e;
	char sub[256], f[11], t[11], a[11];
	FILE *fp = stdout;
	int rv;

	memset(&e, 0, sizeof(e));
	if (o->output != NULL) {
		u = iop_update_begin(o->output, IOP_UPD_CREATE |
		    IOP_UPD_OUTPUT, &e);
		if (u == NULL) {
			iop_report(&e);
			return 1;
		}
		fp = iop_update_out(u);
	}
	switch (o->fmt) {
	case IOP_RF_XLSX:
		/* libxlsxwriter opens the temporary by name itself. */
		rv = iop_xlsx_write(iop_update_path(u), o->output, tabs, &e);
		break;
	case IOP_RF_TABLE:
		rv = iop_table_text(fp, tabs[0]);
		break;
	case IOP_RF_HTML:
		iop_date_fmt(o->p.from, f);
		iop_date_fmt(o->p.to < o->p.asof ? o->p.to : o->p.asof, t);
		iop_date_fmt(o->p.asof, a);
		snprintf(sub, sizeof(sub), "%s%s to %s, as of %s; minimum %g "
		    "hours a week; a billable day is %d minutes%s",
		    o->p.from == LONG_MIN ? "From the first record" :
		    "From ", o->p.from == LONG_MIN ? "" : f, t, a,
		    o->p.minmin / 60.0, o->p.billmin, o->deid ?
		    "; de-identified" : "");
		rv = iop_html_write(fp, tabs, sub);
		break;
	default:
		rv = iop_table_write(fp, tabs[0], o->fmt, o->out.flags);
		break;
	}
	if (u == NULL)
		return iop_finish(NULL, rv != 0 ? 1 : 0);
	if (rv != 0) {
		if (o->fmt == IOP_RF_XLSX)
			iop_report(&e);
		else
			iop_warnx("%s: write error", o->output);
		iop_update_abort(u);
		return 1;
	}
	if (iop_update_commit(u, &e) != 0) {
		iop_report(&e);
		return 1;
	}
	return iop_finish(NULL, 0);
}
