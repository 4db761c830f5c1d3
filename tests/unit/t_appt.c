/*
 * t_appt.c -- lib/sched/appt.c: the one parser of an appointments row
 * (iop-records(5) APPOINTMENTS), in-memory rows through the real reader,
 * and the index built from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/iop.h"
#include "lib/sched/appt.h"
#include "tests/unit/unit.h"

static char	*parse(const char *);
static void	 ignore(const struct iop_err *, void *);

#define HDR	"session_id,participant_id,date,start,end,minutes,week,room\n"

/* "ok minutes=M week=W room=R" or "file:line:col: message". */
static char *
parse(const char *row)
{
	struct iop_appt_cols c = { NULL, { 0 } };
	struct iop_reader *rd;
	struct iop_rec r;
	struct iop_appt a;
	struct iop_err e;
	struct iop_buf b = { 0 };
	char *in;
	int rv;

	in = emalloc(strlen(HDR) + strlen(row) + 1);
	strcpy(in, HDR);
	strcat(in, row);
	memset(&e, 0, sizeof(e));
	rd = iop_reader_memopen(in, strlen(in), "a.csv", IOP_FMT_CSV, 0, &e);
	iop_rec_init(&r);
	if (rd == NULL || (rv = iop_reader_next(rd, &r, &e)) != IOP_OK)
		iop_buf_printf(&b, "read error");
	else if (iop_appt_parse(&c, &r, &a, &e) != 0)
		iop_buf_printf(&b, "%s:%zu:%zu: %s", e.file, e.line, e.col,
		    e.msg);
	else
		iop_buf_printf(&b, "ok minutes=%d week=%d room=%s line=%zu",
		    a.minutes, a.week, a.room, a.line);
	iop_rec_free(&r);
	iop_reader_close(rd);
	free(in);
	return b.s;
}

static void
ignore(const struct iop_err *e, void *arg)
{
	(*(int *)arg)++;
	(void)e;
}

void
t_appt(void)
{
	static const struct {
		const char	*row, *want, *name;
	} cases[] = {
		{ "S1,P1,2026-11-23,09:00,10:00,60,1,R3\n",
		    "ok minutes=60 week=1 room=R3 line=2",
		    "appt: minutes equal to end - start" },
		{ "S1,P1,2026-11-23,09:00,10:00,,,\n",
		    "ok minutes=60 week=0 room= line=2",
		    "appt: empty minutes is the length" },
		{ "S1,P1,2026-11-23,09:00,10:00,45,1,R3\n",
		    "a.csv:2:6: field 'minutes': does not match start and end",
		    "appt: shorter minutes rejected (one rule)" },
		{ "S1,P1,2026-11-23,09:00,10:00,-5,1,R3\n",
		    "a.csv:2:6: field 'minutes': is too small (allowed 1-1440)",
		    "appt: negative minutes" },
		{ "S1,P1,2026-11-23,10:00,10:00,,1,R3\n",
		    "a.csv:2:5: field 'end': not after 'start'",
		    "appt: end not after start" },
		{ "S1,P1,2026-11-23,23:00,24:00,60,1,R3\n",
		    "ok minutes=60 week=1 room=R3 line=2",
		    "appt: end 24:00" },
		{ "S1,P1,2026-11-23,09:00,25:00,,1,R3\n",
		    "a.csv:2:5: field 'end': expected HH:MM (00:00-24:00)",
		    "appt: end out of range" },
		{ ",P1,2026-11-23,09:00,10:00,,1,R3\n",
		    "a.csv:2:1: field 'session_id': empty",
		    "appt: empty session_id" },
		{ "S1,,2026-11-23,09:00,10:00,,1,R3\n",
		    "a.csv:2:2: field 'participant_id': empty",
		    "appt: empty participant_id" },
		{ "S1,P1,2026-11-23,09:00,10:00,,53,R3\n",
		    "a.csv:2:7: field 'week': is too large (allowed 1-52)",
		    "appt: week past 52" },
	};
	static const char sched[] = HDR
	    "S1,P1,2026-11-23,09:00,10:00,60,1,R3\n"
	    "S1,P1,2026-11-23,09:00,10:00,60,1,R3\n"
	    "S2,P1,2026-11-23,11:00,11:30,45,1,R3\n"
	    "S0,P1,2026-11-22,09:00,09:30,,1,R3\n";
	struct iop_inopt in = { IOP_FMT_CSV, 0 };
	struct iop_appts *a;
	const struct iop_appt *p;
	char path[4096], *got;
	size_t i;
	int status = 0, nrep = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = parse(cases[i].row);
		CHECK_STR(got, cases[i].want, cases[i].name);
		free(got);
	}
	snprintf(path, sizeof(path), "%s/appts.csv", unit_tmpdir());
	unit_writes(path, sched);
	a = iop_appts_load(path, &in, ignore, &nrep, &status);
	CHECK(a != NULL, "appts: index loads");
	CHECK_INT(iop_appts_count(a), 2,
	    "appts: duplicate and bad row left out");
	CHECK_INT(nrep, 2, "appts: two rows reported through the callback");
	CHECK_INT(status, 1, "appts: a reported row sets the status");
	p = iop_appts_at(a, 0);
	CHECK(p != NULL && strcmp(p->session_id, "S0") == 0 &&
	    p->minutes == 30, "appts: sorted by date, minutes from the times");
	CHECK(iop_appts_find(a, "S1", "P1") == iop_appts_at(a, 1),
	    "appts: found by session and participant");
	CHECK(iop_appts_find(a, "S2", "P1") == NULL,
	    "appts: the rejected row is not indexed");
	iop_appts_free(a);
}
