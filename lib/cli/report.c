/*
 * report.c -- iop-report's printing glue: the de-identification key, the
 * inputs read and reported, and the report written in the chosen format
 * to standard output or through a safe update to -o FILE.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"
#include "lib/cli/report.h"
#include "lib/clinic/program.h"
#include "lib/report/deid.h"
#include "lib/report/html.h"
#include "lib/report/xlsx.h"


void
iop_rcli_help(const char *synopsis)
{
	printf("usage: %s\n\n", synopsis);
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
"  -s, --schedule=FILE      appointments (iop-schedule)\n"
"      --screenings=FILE    scored screenings (iop-fit)\n"
"  -p, --program=FILE       program definition (min_weekly_hours,\n"
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

void
iop_rcli_deid_key(const char *keyfile, struct iop_deid *k)
{
	char buf[4096];
	const char *env;
	size_t n = 0;
	FILE *fp;

	if (keyfile != NULL) {
		if ((fp = fopen(keyfile, "r")) == NULL)
			iop_err(1, "%s", keyfile);
		n = fread(buf, 1, sizeof(buf), fp);
		if (ferror(fp))
			iop_err(1, "%s", keyfile);
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

int
iop_rcli_read(struct iop_rdata *d, const char *path, char *const *paths,
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
	rv = fn(d, r, iop_report_cb, NULL);
	iop_reader_close(r);
	return rv != 0;
}

/*
 * The report to standard output, or to -o FILE (iop_out_fp), put in
 * place by iop_finish only when the run succeeded.
 */
int
iop_rcli_output(const struct iop_rcli_out *o, struct iop_table **tabs,
    int status)
{
	struct iop_err e;
	char sub[256], f[11], t[11], a[11];
	FILE *fp;
	int rv;

	memset(&e, 0, sizeof(e));
	fp = iop_out_fp(o->out);
	switch (o->fmt) {
	case IOP_RF_XLSX:
		/* libxlsxwriter opens the temporary by name itself. */
		if ((rv = iop_xlsx_write(iop_out_path(), o->out->path, tabs,
		    &e)) != 0)
			iop_report(&e);
		break;
	case IOP_RF_TABLE:
		rv = iop_table_text(fp, tabs[0]);
		break;
	case IOP_RF_HTML:
		iop_date_fmt(o->p->from, f);
		iop_date_fmt(o->p->to < o->p->asof ? o->p->to : o->p->asof, t);
		iop_date_fmt(o->p->asof, a);
		snprintf(sub, sizeof(sub), "%s%s to %s, as of %s; minimum %g "
		    "hours a week; a billable day is %d minutes%s",
		    o->p->from == LONG_MIN ? "From the first record" :
		    "From ", o->p->from == LONG_MIN ? "" : f, t, a,
		    o->p->minmin / 60.0, o->p->billmin, o->deid ?
		    "; de-identified" : "");
		rv = iop_html_write(fp, tabs, sub);
		break;
	default:
		rv = iop_table_write(fp, tabs[0], o->fmt, o->flags);
		break;
	}
	/* Standard output's error is told by iop_finish. */
	if (rv != 0 && o->fmt != IOP_RF_XLSX && o->out->path != NULL)
		iop_warnx("%s: write error", o->out->path);
	return iop_finish(NULL, rv != 0 ? 1 : status);
}

/*
 * The two figures iop-report takes from the program definition, loaded
 * and checked whole by lib/clinic/program.c: a definition iop-schedule
 * accepts is accepted here, and only such a one.  Without one, the
 * defaults of iop-program(5).
 */
void
iop_rcli_program(const char *file, int minhours, int billmin,
    struct iop_rparams *p)
{
	struct iop_program prog;
	struct iop_err e;
	int mm = IOP_PROGRAM_MINMIN, bm = IOP_PROGRAM_BILLMIN;

	if (file != NULL) {
		memset(&e, 0, sizeof(e));
		if (iop_program_load(file, &prog, &e) != 0) {
			iop_report(&e);
			exit(2);
		}
		/* Today is the program's (the --as-of default). */
		iop_clock_zone(prog.tz);
		mm = prog.minmin;
		bm = prog.billmin;
		iop_program_free(&prog);
	}
	p->minmin = minhours >= 0 ? minhours * 60 : mm;
	p->billmin = billmin >= 0 ? billmin : bm;
}

void
iop_rcli_by(int *by, const char *arg)
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
		by[i] = dim;
	}
}
