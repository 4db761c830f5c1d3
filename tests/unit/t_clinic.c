/*
 * t_clinic.c -- lib/clinic: the stay reader (stay.c) against the record
 * checks of iop-enroll (person.c), on in-memory participant lists read
 * through the real CSV reader: the end of care, the planned end, and a
 * malformed field rejected with the same message by both.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/iop.h"
#include "lib/clinic/person.h"
#include "lib/clinic/program.h"
#include "lib/clinic/stay.h"
#include "tests/unit/unit.h"

#define HDR "participant_id,first_name,last_name,dob,focus,track," \
	"admission_date,planned_weeks,level_of_care,status,status_date," \
	"discharge_date,discharge_reason\n"

struct got {
	char	stay[300];	/* iop_stay_parse's message, or "" */
	char	check[300];	/* iop_person_check's first, or "" */
	long	end, planned;
};

static void
first(const struct iop_err *e, void *arg)
{
	char *s = arg;

	if (*s == '\0')
		snprintf(s, 300, "%zu:%zu: %s", e->line, e->col, e->msg);
}

/* One record after HDR, through both readers. */
static void
one(const char *row, struct got *g)
{
	char buf[1024];
	struct iop_reader *rd;
	struct iop_person ix;
	struct iop_stay s;
	struct iop_rec r, c;
	struct iop_err e;

	memset(g, 0, sizeof(*g));
	memset(&e, 0, sizeof(e));
	snprintf(buf, sizeof(buf), "%s%s\n", HDR, row);
	rd = iop_reader_memopen(buf, strlen(buf), "list.csv", IOP_FMT_CSV, 0,
	    &e);
	iop_rec_init(&r);
	iop_rec_init(&c);
	if (rd == NULL || iop_reader_next(rd, &r, &e) != IOP_OK) {
		CHECK(0, "stay: the test record reads");
		return;
	}
	iop_person_index(&ix, r.hdr);
	if (iop_stay_parse(&r, &ix, &s, &e) != 0)
		snprintf(g->stay, sizeof(g->stay), "%zu:%zu: %s", e.line,
		    e.col, e.msg);
	else {
		g->end = s.end;
		g->planned = iop_stay_planned_end(&s, 12);
	}
	iop_rec_copy(&c, &r);
	(void)iop_person_check(&c, &ix, 0, iop_date_from_ymd(2030, 1, 1),
	    first, g->check);
	iop_rec_free(&c);
	iop_rec_free(&r);
	iop_reader_close(rd);
}

static long
day(int y, int m, int d)
{
	return iop_date_from_ymd(y, m, d);
}

static void
t_stay_end(void)
{
	struct got g;

	one("P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,,,", &g);
	CHECK_STR(g.stay, "", "stay: an active stay reads");
	CHECK_INT(g.end, LONG_MAX, "stay: active without discharge_date: care "
	    "goes on");
	CHECK_INT(g.planned, day(2026, 11, 2) + 84, "stay: the planned end is "
	    "the program's weeks when planned_weeks is empty");
	one("P1,A,B,1990-01-01,substance_use,am,2026-11-02,2,,active,,,", &g);
	CHECK_INT(g.end, LONG_MAX, "stay: planned_weeks does not end care");
	CHECK_INT(g.planned, day(2026, 11, 16), "stay: planned_weeks bounds "
	    "the schedule");
	one("P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,stepped_down,"
	    "2026-11-09,,", &g);
	CHECK_STR(g.stay, "", "stay: a step-down with status_date reads");
	CHECK_STR(g.check, "", "stay: ... and iop-enroll accepts it");
	CHECK_INT(g.end, day(2026, 11, 9), "stay: without discharge_date, "
	    "status_date of a status that ends care ends it");
	CHECK_INT(g.planned, day(2026, 11, 9), "stay: the end of care bounds "
	    "the schedule too");
	one("P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,completed,"
	    "2026-11-12,2026-11-13,completed", &g);
	CHECK_INT(g.end, day(2026, 11, 13), "stay: discharge_date wins over "
	    "status_date");
	one("P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,"
	    "2026-11-02,2026-11-20,", &g);
	CHECK_INT(g.end, day(2026, 11, 20), "stay: discharge_date ends care "
	    "whatever the status");
}

/* Each malformed stay: the same message from the stay reader and enroll. */
static void
t_stay_bad(void)
{
	static const struct { const char *row, *want, *name; } t[] = {
	    { ",A,B,1990-01-01,substance_use,am,2026-11-02,,,active,,,",
	      "2:1: field 'participant_id': is required",
	      "an empty participant_id" },
	    { "X1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,,,",
	      "2:1: field 'participant_id': expected P followed by digits "
	      "(P0042), P0001 to P999999999", "a participant_id not P0042" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-31,,,active,,,",
	      "2:7: field 'admission_date': expected YYYY-MM-DD (a real "
	      "calendar date, 1900-01-01 to 2199-12-31)", "a bad admission" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,99,,active,,,",
	      "2:8: field 'planned_weeks': is too large (allowed 1-52)",
	      "planned_weeks over 52" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,iop,active,,,",
	      "2:9: field 'level_of_care': expected one of outpatient, "
	      "intensive_outpatient, partial_hospitalization or "
	      "residential_inpatient", "an unknown level_of_care" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,gone,,,",
	      "2:10: field 'status': expected one of active, stepped_down, "
	      "transferred, completed or discharged", "an unknown status" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,transferred,,,",
	      "2:11: field 'status_date': is required when status is "
	      "transferred", "a status that ends care, without a date" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,completed,"
	      "2026-11-09,,", "2:12: field 'discharge_date': is required when "
	      "status is completed", "completed without discharge_date" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,discharged,"
	      "2026-11-09,2026-11-09,", "2:13: field 'discharge_reason': is "
	      "required when status is discharged",
	      "discharged without a reason" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,"
	      "2026-11-01,,", "2:11: field 'status_date': is before "
	      "admission_date", "status_date before admission" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,,"
	      "2026-10-01,", "2:12: field 'discharge_date': is before "
	      "admission_date", "discharge_date before admission" },
	    { "P1,A,B,1990-01-01,substance_use,am,2026-11-02,,,active,,,"
	      "other", "2:13: field 'discharge_reason': is set but status is "
	      "active", "a discharge reason for an active stay" },
	};
	struct got g;
	char name[200];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		one(t[i].row, &g);
		snprintf(name, sizeof(name), "stay: %s is rejected", t[i].name);
		CHECK_STR(g.stay, t[i].want, name);
		snprintf(name, sizeof(name), "stay: %s: iop-enroll says the "
		    "same", t[i].name);
		CHECK_STR(g.check, t[i].want, name);
	}
}

/* A whole definition with min_weekly_hours as given ("" leaves it out). */
static int
prog(const char *hours, struct iop_program *p, struct iop_err *e)
{
	char buf[2048];

	snprintf(buf, sizeof(buf), "{\"id\": \"t\", \"name\": \"T\", "
	    "\"timezone\": \"UTC\", \"weeks\": 2, %s%s"
	    "\"group_capacity\": 2, \"phases\": [{\"from\": 1, \"to\": 2, "
	    "\"days_per_week\": 2}], \"tracks\": [{\"id\": \"am\", "
	    "\"days\": [\"mon\", \"wed\"], \"start\": \"09:00\", "
	    "\"end\": \"12:00\"}], \"blocks\": [{\"type\": \"group\", "
	    "\"minutes\": 60}], \"staff\": [{\"id\": \"S1\", \"name\": "
	    "\"One\", \"roles\": [\"licensed_counselor\"], \"days\": "
	    "[\"mon\", \"wed\"], \"start\": \"08:00\", \"end\": "
	    "\"13:00\"}], \"rooms\": [{\"id\": \"R1\", \"name\": "
	    "\"Room\", \"capacity\": 4}]}\n", hours, *hours ? ", " : "");
	unit_writes("program.json", buf);
	memset(e, 0, sizeof(*e));
	return iop_program_load("program.json", p, e);
}

static void
t_program_hours(void)
{
	static const struct { const char *key; int rv, minmin; const char *name;
	} t[] = {
	    { "", 0, 540, "program: min_weekly_hours defaults to 9 hours" },
	    { "\"min_weekly_hours\": 9.5", 0, 570,
	      "program: min_weekly_hours 9.5 is 570 minutes" },
	    { "\"min_weekly_hours\": 0", 0, 0,
	      "program: min_weekly_hours 0 turns the check off" },
	    { "\"min_weekly_hours\": 60", 0, 3600,
	      "program: min_weekly_hours 60 is the most" },
	    { "\"min_weekly_hours\": 8.3333", 0, 500,
	      "program: min_weekly_hours rounds to the nearest minute" },
	    { "\"min_weekly_hours\": 60.5", -1, 0,
	      "program: min_weekly_hours over 60 is refused" },
	    { "\"min_weekly_hours\": -1", -1, 0,
	      "program: a negative min_weekly_hours is refused" },
	    { "\"min_weekly_hours\": \"9\"", -1, 0,
	      "program: min_weekly_hours as a string is refused" },
	};
	struct iop_program p;
	struct iop_err e;
	size_t i;
	int rv;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rv = prog(t[i].key, &p, &e);
		if (rv != 0)
			unit_note("%s", e.msg);
		CHECK(rv == t[i].rv && (rv != 0 || p.minmin == t[i].minmin),
		    t[i].name);
		if (rv == 0)
			iop_program_free(&p);
	}
	(void)prog("\"min_weekly_hours\": 61", &p, &e);
	CHECK_STR(e.msg, "'min_weekly_hours': expected a number of hours "
	    "0-60", "program: the message names the key and the range");
}

void
t_clinic(void)
{
	t_stay_end();
	t_stay_bad();
	t_program_hours();
}
