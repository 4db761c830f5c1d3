/*
 * stay.c -- the one reader of a participant's stay (stay.h).  The rules,
 * written in iop-records(5) under "Participant list":
 *
 *  - participant_id and admission_date are required; the ID is P and
 *    digits (the value is kept as written);
 *  - an empty status is active; other enumerations are checked when
 *    given and come back in their canonical spelling;
 *  - status_date and discharge_date are not before admission_date;
 *    auth_end is not before auth_start; planned_weeks is 1-52 and
 *    auth_days 0-366;
 *  - a status other than active needs a date: completed and discharged
 *    need discharge_date (when the list has the column), the others
 *    discharge_date or status_date;
 *  - care ends on discharge_date; without one, on status_date for a
 *    status other than active; otherwise it goes on.  The planned end
 *    (admission + planned_weeks) bounds a schedule, never care.
 *
 * The messages are the ones iop-enroll validate gives for the same field.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"
#include "lib/clinic/stay.h"

const char *const iop_stay_need[] = { "participant_id", "admission_date",
    NULL };

static const char *get(const struct iop_rec *, const struct iop_person *,
		    int);
static int	 optdate(const struct iop_rec *, const struct iop_person *,
		    int, long *, long, struct iop_err *);
static int	 optenum(const struct iop_rec *, const struct iop_person *,
		    int, const char *const *, const char **, struct iop_err *);
static int	 fail(struct iop_err *, const struct iop_rec *,
		    const struct iop_person *, int, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

static const char *
get(const struct iop_rec *r, const struct iop_person *p, int c)
{
	return p->col[c] >= 0 ? iop_rec_get(r, (size_t)p->col[c]) : "";
}

static int
fail(struct iop_err *e, const struct iop_rec *r, const struct iop_person *p,
    int c, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	iop_seterr(e, r->src, r->line, p->col[c] >= 0 ? (size_t)p->col[c] + 1 :
	    0, "field '%s': %s", iop_person_cols[c], msg);
	return -1;
}

/* An optional date: empty gives dflt. */
static int
optdate(const struct iop_rec *r, const struct iop_person *p, int c,
    long *out, long dflt, struct iop_err *e)
{
	*out = dflt;
	if (*get(r, p, c) == '\0')
		return 0;
	return iop_field_date(r, (size_t)p->col[c], iop_person_cols[c], out,
	    e);
}

/* An optional enumeration: its canonical name, or "". */
static int
optenum(const struct iop_rec *r, const struct iop_person *p, int c,
    const char *const *names, const char **out, struct iop_err *e)
{
	int i;

	*out = "";
	if (*get(r, p, c) == '\0')
		return 0;
	if (iop_field_enum(r, (size_t)p->col[c], iop_person_cols[c], names,
	    &i, e) != 0)
		return -1;
	*out = names[i];
	return 0;
}

int
iop_stay_parse(const struct iop_rec *r, const struct iop_person *p,
    struct iop_stay *s, struct iop_err *e)
{
	const char *st;
	long v;
	int i;

	memset(s, 0, sizeof(*s));
	memset(e, 0, sizeof(*e));
	s->status = IOP_ST_ACTIVE;
	s->auth_days = -1;
	s->end = LONG_MAX;
	s->id = get(r, p, IOP_P_ID);
	s->track = get(r, p, IOP_P_TRACK);
	s->payer = get(r, p, IOP_P_PAYER);
	s->auth_id = get(r, p, IOP_P_AUTH_ID);
	if (*s->id == '\0')
		return fail(e, r, p, IOP_P_ID, "is required");
	if (iop_person_idnum(s->id) < 0)
		return fail(e, r, p, IOP_P_ID, "expected P followed by digits "
		    "(P0042), " IOP_ID_RANGE);
	if (optenum(r, p, IOP_P_FOCUS, iop_focus_names, &s->focus, e) != 0)
		return -1;
	if (*get(r, p, IOP_P_ADMISSION) == '\0')
		return fail(e, r, p, IOP_P_ADMISSION, "is required");
	if (iop_field_date(r, (size_t)p->col[IOP_P_ADMISSION],
	    "admission_date", &s->adm, e) != 0)
		return -1;
	if (*get(r, p, IOP_P_WEEKS) != '\0') {
		if (iop_field_int(r, (size_t)p->col[IOP_P_WEEKS],
		    "planned_weeks", 1, 52, &v, e) != 0)
			return -1;
		s->weeks = (int)v;
	}
	if (optenum(r, p, IOP_P_LEVEL, iop_level_names, &s->level, e) != 0)
		return -1;
	if (*get(r, p, IOP_P_AUTH_DAYS) != '\0' &&
	    iop_field_int(r, (size_t)p->col[IOP_P_AUTH_DAYS], "auth_days", 0,
	    366, &s->auth_days, e) != 0)
		return -1;
	if (optdate(r, p, IOP_P_AUTH_START, &s->auth_start, LONG_MIN, e) != 0 ||
	    optdate(r, p, IOP_P_AUTH_END, &s->auth_end, LONG_MAX, e) != 0)
		return -1;
	if (s->auth_start != LONG_MIN && s->auth_end != LONG_MAX &&
	    s->auth_end < s->auth_start)
		return fail(e, r, p, IOP_P_AUTH_END, "is before auth_start");
	if (*get(r, p, IOP_P_STATUS) != '\0') {
		if (iop_field_enum(r, (size_t)p->col[IOP_P_STATUS], "status",
		    iop_status_names, &i, e) != 0)
			return -1;
		s->status = i;
	}
	st = iop_status_names[s->status];
	if (optdate(r, p, IOP_P_STATUS_DATE, &s->sdate, LONG_MIN, e) != 0)
		return -1;
	if (s->sdate != LONG_MIN && s->sdate < s->adm)
		return fail(e, r, p, IOP_P_STATUS_DATE,
		    "is before admission_date");
	if (optdate(r, p, IOP_P_DISCHARGE_DATE, &s->ddate, LONG_MIN, e) != 0)
		return -1;
	if (s->ddate != LONG_MIN && s->ddate < s->adm)
		return fail(e, r, p, IOP_P_DISCHARGE_DATE,
		    "is before admission_date");
	if ((s->status == IOP_ST_COMPLETED || s->status == IOP_ST_DISCHARGED) &&
	    s->ddate == LONG_MIN && p->col[IOP_P_DISCHARGE_DATE] >= 0)
		return fail(e, r, p, IOP_P_DISCHARGE_DATE,
		    "is required when status is %s", st);
	if (s->status != IOP_ST_ACTIVE && s->ddate == LONG_MIN &&
	    s->sdate == LONG_MIN)
		return fail(e, r, p, IOP_P_STATUS_DATE,
		    "is required when status is %s", st);
	if (optenum(r, p, IOP_P_DISCHARGE_REASON, iop_discharge_reason_names,
	    &s->dreason, e) != 0)
		return -1;
	if (s->status == IOP_ST_DISCHARGED && *s->dreason == '\0' &&
	    p->col[IOP_P_DISCHARGE_REASON] >= 0)
		return fail(e, r, p, IOP_P_DISCHARGE_REASON,
		    "is required when status is discharged");
	if (s->status == IOP_ST_ACTIVE && *s->dreason != '\0')
		return fail(e, r, p, IOP_P_DISCHARGE_REASON,
		    "is set but status is active");
	/* The one rule for the end of care. */
	if (s->ddate != LONG_MIN)
		s->end = s->ddate;
	else if (s->status != IOP_ST_ACTIVE)
		s->end = s->sdate;
	return 0;
}

long
iop_stay_planned_end(const struct iop_stay *s, int dflt_weeks)
{
	long planned = s->adm + 7L * (s->weeks > 0 ? s->weeks : dflt_weeks);

	return planned < s->end ? planned : s->end;
}
