/*
 * attend.c -- iop-attend's glue: the clock, the schedule loaded, the
 * checked records applied to --file, and the attendance gathered for
 * missing and flags.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"
#include "lib/cli/attend.h"

/*
 * Now: --now; else the current local time, except that IOP_TODAY (tests,
 * demos) pins the day, and then it is that day's 23:59.
 */
void
iop_acli_clock(struct iop_acli *o, const char *now)
{
	long long ts;
	int secs = 0;

	if (now != NULL) {
		if (strlen(now) != 16 || iop_stamp_parse(now, &ts) != 0) {
			iop_warnx("--now: '%s' is not YYYY-MM-DDTHH:MM", now);
			iop_usage(NULL);
		}
	} else if ((secs = iop_clock_now(&ts)) < 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")");
	else
		secs = !secs;
	o->today = (long)(ts / 86400);
	o->nowmin = (int)(ts % 86400 / 60);
	if (o->at[0] == '\0')
		iop_stamp_fmt(ts, secs, o->at);
	if (!o->has_since)
		o->since = LONG_MIN;
}

void
iop_acli_schedule(struct iop_acli *o, const char *cmd)
{
	if (o->schedule == NULL) {
		iop_warnx("%s: --schedule FILE is required", cmd);
		iop_usage(o->synopsis);
	}
	if ((o->appts = iop_appts_load(o->schedule, &o->in, iop_report_cb,
	    NULL, &o->status)) == NULL)
		exit(1);
}

/* Apply the checked records to --file; the exit status. */
int
iop_acli_emit(struct iop_acli *o, struct iop_att_batch *b)
{
	int rv = 0;

	if (o->file != NULL && b->n > 0)
		rv = iop_att_apply(o->file, b, o->appts, &o->in, &o->out,
		    iop_report_cb, NULL);
	iop_att_batch_free(b);
	iop_appts_free(o->appts);
	iop_hdr_free(o->hdr);
	return iop_finish(NULL, rv ? rv : o->status);
}

void
iop_acli_ctx(struct iop_att_ctx *c, const struct iop_acli *o)
{
	memset(c, 0, sizeof(*c));
	c->appts = o->appts;
	c->today = o->today;
	c->estimate = o->estimate;
	c->session = o->session;
	c->by = o->by;
	c->at = o->at;
}

/* A record the schedule rejects, or a row that cannot be read. */
void
iop_acli_reject(const struct iop_err *e, void *arg)
{
	struct iop_acli *o = arg;

	iop_report(e);
	o->rejected = 1;
	o->status = 1;
}

/*
 * The latest attendance of each appointment: -f FILE, files or stdin.
 * NULL when no input could be read at all (reported): a list made from
 * nothing would flag everyone, or no one.
 */
struct iop_att_slot *
iop_acli_gather(struct iop_acli *o, int argc, char **argv)
{
	struct iop_att_slot *s;
	struct iop_reader *rd;
	size_t orphans = 0;

	if (o->file != NULL) {
		if (argc > 0) {
			iop_warnx("give attendance files or -f, not both");
			iop_usage(o->synopsis);
		}
		argv = (char **)&o->file;
		argc = 1;
	}
	s = iop_att_slots_new(o->appts);
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
	iop_att_gather(rd, o->appts, s, &orphans, iop_report_cb, NULL,
	    &o->status);
	if (iop_reader_hdr(rd) == NULL && o->status != 0) {
		free(s);
		s = NULL;
	}
	iop_reader_close(rd);
	return s;
}
