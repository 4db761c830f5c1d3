/*
 * fuzz_pipeline.c -- libFuzzer entry point for schedule generation and
 * every report on records that pass validation.  The fuzz bytes choose
 * valid values only (extreme dates 1900-01-01, 2199-12-31 and those around
 * 1970-01-01, IDs P0001 and P999999999, counts, weeks); the participant
 * list and program definition are built in memory and in temporary files,
 * and run through the library functions iop-schedule and iop-report call.
 * Invariants: no crash or undefined behaviour (ASan, UBSan), every
 * appointment dated 1900-01-01 to 2199-12-31, and no negative hours or
 * minutes in the hours report.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "lib/clinic/person.h"
#include "lib/clinic/program.h"
#include "lib/report/report.h"
#include "lib/sched/sched.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct in {
	const uint8_t	*p;
	size_t		 n;
};

static unsigned
take(struct in *in, unsigned mod)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4 && in->n > 0; k++, in->p++, in->n--)
		v = v << 8 | *in->p;
	return mod ? v % mod : v;
}

/* A valid date: an edge of the range or of 1970, or any day in it. */
static long
date(struct in *in)
{
	static const long edge[] = { IOP_DATE_MIN, IOP_DATE_MIN + 1,
	    IOP_DATE_MIN + 7, -8, -4, -1, 0, 1, 4, 5, 20784,
	    IOP_DATE_MAX - 40, IOP_DATE_MAX - 7, IOP_DATE_MAX - 1,
	    IOP_DATE_MAX };
	unsigned k = take(in, 32);

	if (k < sizeof(edge) / sizeof(edge[0]))
		return edge[k];
	return IOP_DATE_MIN + (long)take(in,
	    (unsigned)(IOP_DATE_MAX - IOP_DATE_MIN + 1));
}

static void
id(struct in *in, char *buf, size_t n)
{
	unsigned k = take(in, 4);

	iop_person_idfmt(k == 0 ? 1 : k == 1 ? IOP_ID_MAX : k == 2 ?
	    IOP_ID_MAX - 1 : 1 + (long)take(in, (unsigned)IOP_ID_MAX), buf, n);
}

static const char program[] =
    "{ \"id\": \"fz\", \"name\": \"Fuzz\", \"timezone\": \"UTC\","
    " \"weeks\": %u, \"min_weekly_hours\": %u, \"group_capacity\": %u,"
    " \"phases\": [ { \"from\": 1, \"to\": %u, \"days_per_week\": %u } ],"
    " \"tracks\": [ { \"id\": \"am\", \"days\": [\"mon\", \"tue\", \"wed\","
    " \"thu\", \"fri\"], \"start\": \"09:00\", \"end\": \"12:00\" } ],"
    " \"blocks\": [ { \"type\": \"group_therapy\", \"minutes\": 60,"
    " \"topics\": [\"anger\", \"sleep\", \"grief\"] } ],"
    " \"first_day\": { \"assessment_minutes\": 30 },"
    " \"individual\": { \"minutes\": 30, \"every_weeks\": 1 },"
    " \"staff\": [ { \"id\": \"C1\", \"name\": \"One\","
    " \"roles\": [\"licensed_counselor\"], \"days\": [\"mon\", \"tue\","
    " \"wed\", \"thu\", \"fri\"], \"start\": \"08:00\", \"end\": \"13:00\","
    " \"max_hours_week\": 25 }, { \"id\": \"C2\", \"name\": \"Two\","
    " \"roles\": [\"licensed_counselor\"], \"days\": [\"mon\", \"tue\","
    " \"wed\", \"thu\", \"fri\"], \"start\": \"08:00\", \"end\": \"13:00\","
    " \"max_hours_week\": 25 } ],"
    " \"rooms\": [ { \"id\": \"G1\", \"name\": \"Group\", \"capacity\": 12 },"
    " { \"id\": \"O1\", \"name\": \"Office\", \"capacity\": 1 } ],"
    " \"holidays\": [ { \"date\": \"%s\", \"name\": \"Closed\" } ] }\n";

static const char *const statuses[] = { "active", "on_hold", "completed",
    "discharged", "transferred" };
static const char *const astat[] = { "present", "late", "left_early",
    "telehealth", "absent", "excused" };

struct run {
	const struct iop_program *prog;
	const struct iop_sperson *ps;
	struct iop_rec		 rec;
	struct iop_writer	*w;
};

static void
emit(const struct iop_sappt *a, size_t n, void *arg)
{
	struct run *r = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i].date < IOP_DATE_MIN || a[i].date > IOP_DATE_MAX ||
		    a[i].end <= a[i].start)
			abort();
		iop_sched_apptrec(r->prog, r->ps, &a[i], &r->rec);
		iop_writer_put(r->w, &r->rec);
	}
}

static void
quiet(const struct iop_issue *is, void *arg)
{
	(void)is;
	(void)arg;
}

static void
quiet_r(const struct iop_err *e, void *arg)
{
	(void)e;
	(void)arg;
}

typedef int	 rd_fn(struct iop_rdata *, struct iop_reader *,
		    iop_report_fn *, void *);

/* Read one generated CSV into the data, as iop-report reads a file. */
static void
feed(struct iop_rdata *d, const struct iop_buf *b, rd_fn *fn)
{
	struct iop_reader *rd;
	struct iop_err e;

	rd = iop_reader_memopen(b->s, b->len, "fuzz.csv", IOP_FMT_CSV, 0, &e);
	if (rd == NULL)
		abort();
	fn(d, rd, quiet_r, NULL);
	iop_reader_close(rd);
}

/* The reports that take one --by dimension, as iop-report sets it. */
static const struct {
	struct iop_table	*(*fn)(struct iop_rdata *);
	int			 by;
} reps[] = {
	{ iop_report_census, IOP_DIM_NONE },
	{ iop_report_attendance, IOP_DIM_PARTICIPANT },
	{ iop_report_billing, IOP_DIM_NONE },
	{ iop_report_authorizations, IOP_DIM_NONE },
	{ iop_report_completion, IOP_DIM_NONE },
	{ iop_report_outcomes, IOP_DIM_INSTRUMENT },
	{ iop_report_risk, IOP_DIM_NONE }
};
#define NREPS	(sizeof(reps) / sizeof(reps[0]))

/* Hours and minutes are never negative (the hours report). */
static void
check_hours(const struct iop_table *t)
{
	long ch = iop_table_col(t, "hours"), cm = iop_table_col(t, "minutes");
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if ((ch >= 0 && atof(iop_table_get(t, r, (size_t)ch)) < 0) ||
		    (cm >= 0 && atol(iop_table_get(t, r, (size_t)cm)) < 0))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char ppath[64], spath[64];
	struct in in = { data, size };
	struct iop_program prog;
	struct iop_err e;
	struct iop_reader *rd;
	struct iop_rec rec;
	struct iop_sperson *ps;
	struct iop_sched *s;
	struct iop_rdata *d;
	struct iop_rparams rp;
	struct iop_inopt io = { IOP_FMT_CSV, 0 };
	struct iop_table *t, **all;
	struct run run;
	struct iop_buf pl = { 0 }, al = { 0 }, sl = { 0 };
	char ds[11], d2[11], d3[11], pid[16], ids[8][16];
	unsigned np, weeks, i, k, na;
	size_t nps = 0, j;
	long start = 0, adm;
	FILE *fp;
	int status = 0;

	if (ppath[0] == '\0') {
		snprintf(ppath, sizeof(ppath), "/tmp/fuzz-pipe-%ld.json",
		    (long)getpid());
		snprintf(spath, sizeof(spath), "/tmp/fuzz-pipe-%ld.csv",
		    (long)getpid());
	}
	weeks = 1 + take(&in, 52);
	iop_date_fmt(date(&in), ds);
	if ((fp = fopen(ppath, "w")) == NULL)
		return 0;
	fprintf(fp, program, weeks, take(&in, 13), 1 + take(&in, 12), weeks,
	    1 + take(&in, 5), ds);
	fclose(fp);
	memset(&prog, 0, sizeof(prog));
	memset(&e, 0, sizeof(e));
	if (iop_program_load(ppath, &prog, &e) != 0)
		abort();	/* the program is valid by construction */

	/* The participant list: valid records only. */
	np = 1 + take(&in, 8);
	iop_buf_adds(&pl, "participant_id,first_name,last_name,dob,track,"
	    "admission_date,planned_weeks,level_of_care,payer,auth_id,"
	    "auth_days,auth_start,auth_end,status,status_date,"
	    "discharge_date,discharge_reason\n");
	for (i = 0; i < np; i++) {
		id(&in, ids[i], sizeof(ids[i]));
		adm = date(&in);
		if (adm == IOP_DATE_MIN)
			adm++;
		iop_date_fmt(adm, ds);
		iop_date_fmt(IOP_DATE_MIN, d2);
		k = take(&in, 5);
		iop_date_fmt(adm + (long)take(&in, 400) > IOP_DATE_MAX ?
		    IOP_DATE_MAX : adm + (long)take(&in, 400), d3);
		iop_buf_printf(&pl, "%s,A,B,%s,am,%s,%u,intensive_outpatient,"
		    "Aetna,A%u,%u,%s,%s,%s,%s,%s,%s\n", ids[i], d2, ds,
		    1 + take(&in, 52), i, take(&in, 200), ds, d3, statuses[k],
		    k == 0 ? ds : d3, k >= 2 ? d3 : "",
		    k == 3 ? "completed" : "");
	}

	/* Schedule generation, as iop-schedule does it. */
	ps = ecalloc(np, sizeof(*ps));
	rd = iop_reader_memopen(pl.s, pl.len, "people.csv", IOP_FMT_CSV, 0, &e);
	iop_rec_init(&rec);
	while (rd != NULL && iop_reader_next(rd, &rec, &e) == IOP_OK)
		if (iop_sperson_parse(&prog, &rec, &ps[nps], &e) == 0) {
			ps[nps].src = "people.csv";
			nps++;
		}
	iop_rec_free(&rec);
	iop_reader_close(rd);
	iop_sperson_sort(ps, nps);
	for (j = 0; j < nps; j++)
		if (j == 0 || ps[j].admit < start)
			start = ps[j].admit;
	memset(&run, 0, sizeof(run));
	run.prog = &prog;
	run.ps = ps;
	if ((fp = fopen(spath, "w")) == NULL)
		abort();
	run.w = iop_writer_new(fp, IOP_FMT_CSV, 0);
	iop_rec_init(&run.rec);
	run.rec.hdr = iop_hdr_new();
	for (k = 0; iop_sched_cols[k] != NULL; k++)
		iop_hdr_add(run.rec.hdr, iop_sched_cols[k]);
	iop_writer_header(run.w, run.rec.hdr);
	/* Duplicate IDs are refused by iop-schedule before generating. */
	for (j = 1; j < nps; j++)
		if (strcmp(ps[j].id, ps[j - 1].id) == 0)
			break;
	if (j >= nps) {
		s = iop_sched_new(&prog, ps, nps, take(&in, 2) ? start :
		    date(&in));
		iop_sched_run(s, emit, quiet, &run);
		iop_sched_free(s);
	}
	iop_writer_close(run.w);
	fclose(fp);
	iop_hdr_free(run.rec.hdr);
	run.rec.hdr = NULL;
	iop_rec_free(&run.rec);
	for (j = 0; j < nps; j++)
		free(ps[j].id);
	free(ps);

	/* Attendance: valid rows for people on the list. */
	na = take(&in, 40);
	iop_buf_adds(&al, "session_id,participant_id,date,status,minutes,"
	    "recorded_at,recorded_by,note\n");
	for (i = 0; i < na; i++) {
		iop_date_fmt(date(&in), ds);
		snprintf(pid, sizeof(pid), "%s", ids[take(&in, np)]);
		iop_buf_printf(&al, "a%u,%s,%s,%s,%u,%sT12:00,S01,\n", i, pid,
		    ds, astat[take(&in, 6)], take(&in, 601), ds);
	}

	/* Screenings: scores within each instrument's range. */
	na = take(&in, 16);
	iop_buf_adds(&sl, "participant_id,screened_on,phq9_total,gad7_total,"
	    "audit_total,dast10_total\n");
	for (i = 0; i < na; i++) {
		iop_date_fmt(date(&in), ds);
		iop_buf_printf(&sl, "%s,%s,%u,%u,%u,%u\n", ids[take(&in, np)],
		    ds, take(&in, 28), take(&in, 22), take(&in, 41),
		    take(&in, 11));
	}

	/* Every report, as iop-report does it. */
	memset(&rp, 0, sizeof(rp));
	rp.from = take(&in, 2) ? LONG_MIN : date(&in);
	rp.to = take(&in, 2) ? LONG_MAX : date(&in);
	if (rp.from != LONG_MIN && rp.to != LONG_MAX && rp.from > rp.to)
		rp.to = rp.from;
	rp.asof = date(&in);
	rp.minmin = (int)take(&in, 13) * 60;
	rp.billmin = 1 + (int)take(&in, 600);
	rp.within = (int)take(&in, 366);
	rp.missed = 1 + (int)take(&in, 60);
	rp.by[0] = IOP_DIM_NONE;
	rp.by[1] = IOP_DIM_NONE;
	for (k = 0; k < NREPS + 3; k++) {
		d = iop_rdata_new(&rp);
		feed(d, &pl, iop_rdata_people);
		iop_rdata_schedule(d, spath, &io, quiet_r, NULL, &status);
		feed(d, &al, iop_rdata_attendance);
		feed(d, &sl, iop_rdata_screenings);
		if (k < NREPS) {
			d->p.by[0] = reps[k].by;
			iop_table_free(reps[k].fn(d));
		} else if (k < NREPS + 2) {
			t = iop_report_hours(d, k == NREPS);
			check_hours(t);
			iop_table_free(t);
		} else {
			all = iop_report_summary(d);
			for (j = 0; all[j] != NULL; j++)
				iop_table_free(all[j]);
			free(all);
		}
		iop_rdata_free(d);
	}
	iop_buf_free(&pl);
	iop_buf_free(&al);
	iop_buf_free(&sl);
	iop_program_free(&prog);
	return 0;
}
