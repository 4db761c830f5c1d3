/*
 * change.c -- changes to one participant record, checked before anything
 * is written: a status change (status, status_date, the discharge fields,
 * the history), a goal added, the aftercare plan set; then the record is
 * checked again with person.c.  Below roster.c: nothing here knows the
 * list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"

static int
has_item(const char *s, size_t n, void *arg)
{
	const char *want = arg;

	return strlen(want) == n && strncmp(s, want, n) == 0;
}

/* Add a goal to the participant's list unless it is there already. */
void
iop_person_add_goal(struct iop_rec *r, const struct iop_person *p,
    const char *goal)
{
	size_t c = (size_t)p->col[IOP_P_GOALS], n;
	const char *g = iop_rec_get(r, c);
	char *ng;

	if (iop_list_each(g, has_item, (void *)goal))
		return;
	n = strlen(g) + strlen(goal) + 2;
	ng = emalloc(n);
	snprintf(ng, n, "%s%s%s", g, *g != '\0' ? ";" : "", goal);
	iop_rec_set(r, c, ng);
	free(ng);
}

/* Set the aftercare plan, and its note when one is given. */
void
iop_person_set_aftercare(struct iop_rec *r, const struct iop_person *p,
    const char *plan, const char *note)
{
	iop_rec_set(r, (size_t)p->col[IOP_P_AFTERCARE], plan);
	if (note != NULL)
		iop_rec_set(r, (size_t)p->col[IOP_P_AFTERCARE_NOTE], note);
}

/* Apply a status change to one participant record. */
int
iop_person_set_status(struct iop_rec *r, const struct iop_person *p,
    const struct iop_change *o, long today, struct iop_err *e)
{
	int st = o->status;
	const char *cur;
	char iso[11];
	long d, adm, sd;
	int curst, dr = -1;

#define COL(c)	((size_t)p->col[c])
	d = o->date;
	if (d > today) {
		iop_seterr(e, NULL, 0, 0, "--date: is in the future");
		return -1;
	}
	cur = iop_rec_get(r, COL(IOP_P_STATUS));
	curst = iop_enum_parse(cur, iop_status_names, 0);
	if (curst == st) {
		iop_seterr(e, NULL, 0, 0, "%s is already %s",
		    iop_rec_get(r, COL(IOP_P_ID)), iop_status_names[st]);
		return -1;
	}
	if (iop_date_parse(iop_rec_get(r, COL(IOP_P_ADMISSION)), &adm) == 0 &&
	    d < adm) {
		iop_seterr(e, NULL, 0, 0, "--date: before %s's admission date",
		    iop_rec_get(r, COL(IOP_P_ID)));
		return -1;
	}
	if (iop_date_parse(iop_rec_get(r, COL(IOP_P_STATUS_DATE)), &sd) == 0 &&
	    d < sd) {
		iop_seterr(e, NULL, 0, 0,
		    "--date: before %s's last status change", iop_rec_get(r, COL(IOP_P_ID)));
		return -1;
	}
	if (st == IOP_ST_DISCHARGED) {
		if (o->reason == NULL) {
			iop_seterr(e, NULL, 0, 0, "discharged needs --reason "
			    "(completed, left_against_advice, non_attendance, "
			    "higher_level_of_care or other)");
			return -2;
		}
		if ((dr = iop_enum_parse(o->reason,
		    iop_discharge_reason_names, 0)) < 0) {
			iop_seterr(e, NULL, 0, 0, "--reason: '%s' is not "
			    "completed, left_against_advice, non_attendance, "
			    "higher_level_of_care or other", o->reason);
			return -2;
		}
		if (dr == 0)
			st = IOP_ST_COMPLETED;
	}
	if (st == IOP_ST_TRANSFERRED && o->to == NULL) {
		iop_seterr(e, NULL, 0, 0, "transferred needs --to (where to)");
		return -2;
	}
	iop_date_fmt(d, iso);
	iop_rec_set(r, COL(IOP_P_STATUS), iop_status_names[st]);
	iop_rec_set(r, COL(IOP_P_STATUS_DATE), iso);
	/* For a discharge --reason is the coded reason; the note is text. */
	iop_rec_set(r, COL(IOP_P_STATUS_REASON),
	    o->status != IOP_ST_DISCHARGED && o->reason != NULL ? o->reason :
	    o->note != NULL ? o->note : "");
	switch ((enum iop_status)st) {
	case IOP_ST_ACTIVE:
		/* Back in the program after a step-down. */
		if (strcmp(iop_rec_get(r, COL(IOP_P_LEVEL)), "outpatient") == 0)
			iop_rec_set(r, COL(IOP_P_LEVEL),
			    "intensive_outpatient");
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), "");
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON), "");
		iop_rec_set(r, COL(IOP_P_TRANSFER_TO), "");
		break;
	case IOP_ST_STEPPED_DOWN:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_LEVEL), "outpatient");
		break;
	case IOP_ST_TRANSFERRED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_TRANSFER_TO), o->to);
		break;
	case IOP_ST_COMPLETED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON), "completed");
		break;
	case IOP_ST_DISCHARGED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON),
		    iop_discharge_reason_names[dr]);
		break;
	}
	if (o->aftercare != NULL)
		iop_rec_set(r, COL(IOP_P_AFTERCARE), o->aftercare);
	if (o->aftercare_note != NULL)
		iop_rec_set(r, COL(IOP_P_AFTERCARE_NOTE),
		    o->aftercare_note);
	{
		const char *h = iop_rec_get(r, COL(IOP_P_HISTORY));
		char *nh;
		size_t n = strlen(h) + 128;

		nh = emalloc(n);
		snprintf(nh, n, "%s%s%s %s%s%s", h, *h ? ";" : "", iso,
		    iop_status_names[st], dr > 0 ? " " : "",
		    dr > 0 ? iop_discharge_reason_names[dr] : "");
		iop_rec_set(r, COL(IOP_P_HISTORY), nh);
		free(nh);
	}
	return 0;
#undef COL
}

/*
 * The checks of a change command that need no record, made before any
 * record is written: a wrong argument shows the usage line (-2), a wrong
 * option only the message (-1).
 */
int
iop_change_parse(struct iop_change *ch, const char *cmd, int argc,
    char *const *argv, const char *date, long *id, struct iop_err *e)
{
	int need;

	ch->status = -1;
	need = strcmp(cmd, "discharge") == 0 ? 1 : 2;
	if (argc != need) {
		iop_seterr(e, NULL, 0, 0, "%s: expected %s", cmd, need == 1 ?
		    "an ID" : strcmp(cmd, "status") == 0 ?
		    "an ID and a status" : strcmp(cmd, "goal") == 0 ?
		    "an ID and the goal's text" :
		    "an ID and the aftercare plan");
		return -2;
	}
	if ((*id = iop_person_idnum(argv[0])) < 0) {
		iop_seterr(e, NULL, 0, 0, "%s: '%s' is not a participant ID "
		    "(P0042)", cmd, argv[0]);
		return -2;
	}
	if (strcmp(cmd, "status") == 0 &&
	    (ch->status = iop_enum_parse(argv[1], iop_status_names, 0)) < 0) {
		iop_seterr(e, NULL, 0, 0, "status: '%s' is not active, "
		    "stepped_down, transferred, completed or discharged",
		    argv[1]);
		return -2;
	}
	if (strcmp(cmd, "discharge") == 0)
		ch->status = IOP_ST_DISCHARGED;
	if (ch->status == IOP_ST_DISCHARGED && ch->reason == NULL) {
		iop_seterr(e, NULL, 0, 0, "%s needs --reason (completed, "
		    "left_against_advice, non_attendance, "
		    "higher_level_of_care or other)", cmd);
		return -1;
	}
	if (ch->status == IOP_ST_DISCHARGED &&
	    iop_enum_parse(ch->reason, iop_discharge_reason_names, 0) < 0) {
		iop_seterr(e, NULL, 0, 0, "--reason: '%s' is not completed, "
		    "left_against_advice, non_attendance, "
		    "higher_level_of_care or other", ch->reason);
		return -1;
	}
	if (ch->status == IOP_ST_TRANSFERRED && ch->to == NULL) {
		iop_seterr(e, NULL, 0, 0, "transferred needs --to (where to)");
		return -1;
	}
	if (date != NULL && iop_date_parse(date, &ch->date) != 0) {
		iop_seterr(e, NULL, 0, 0, "--date: '%s' is not a date "
		    "(YYYY-MM-DD, " IOP_DATE_RANGE ")", date);
		return -1;
	}
	if (strcmp(cmd, "goal") == 0 && strchr(argv[1], ';') != NULL) {
		iop_seterr(e, NULL, 0, 0, "goal: a goal cannot contain ';' "
		    "(the list separator)");
		return -2;
	}
	if (strcmp(cmd, "goal") == 0)
		ch->goal = argv[1];
	else if (strcmp(cmd, "aftercare") == 0)
		ch->aftercare = argv[1];
	return 0;
}

int
iop_person_change(struct iop_rec *r, const struct iop_person *p,
    const struct iop_change *ch, long today,
    iop_report_fn *report, void *arg)
{
	struct iop_err e;
	int rv = 0;

	memset(&e, 0, sizeof(e));
	if (ch->status >= 0)
		rv = iop_person_set_status(r, p, ch, today, &e);
	else if (ch->goal != NULL)
		iop_person_add_goal(r, p, ch->goal);
	else
		/* The aftercare command's --note is the plan's note. */
		iop_person_set_aftercare(r, p, ch->aftercare,
		    ch->note != NULL ? ch->note : ch->aftercare_note);
	if (rv != 0) {
		report(&e, arg);
		return rv;
	}
	return iop_person_check(r, p, 0, today, report, arg) != 0 ? -1 : 0;
}
