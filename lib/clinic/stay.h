/*
 * stay.h -- one participant's stay, as every program that reads the
 * participant list sees it (iop-records(5), "Participant list"): the ID,
 * admission, track, planned weeks, status and its dates, level of care,
 * payer and authorization, and the end of care worked out by one rule.
 * iop-schedule and iop-report read the list through it; iop-enroll
 * validate applies the same rules to the same fields (person.c).
 */
#ifndef IOP_STAY_H
#define IOP_STAY_H

#include "lib/io/io.h"
#include "lib/clinic/person.h"

struct iop_stay {
	const char	*id;		/* as written; valid until the record
					   changes, like every string here */
	const char	*track;
	const char	*focus;		/* canonical names, or "" */
	const char	*level;
	const char	*dreason;	/* discharge_reason */
	const char	*payer;
	const char	*auth_id;
	int		 status;	/* enum iop_status (empty: active) */
	long		 adm;		/* admission_date */
	int		 weeks;		/* planned_weeks; 0 when empty */
	long		 sdate;		/* status_date; LONG_MIN when empty */
	long		 ddate;		/* discharge_date; LONG_MIN when empty */
	long		 auth_start;	/* LONG_MIN when empty */
	long		 auth_end;	/* LONG_MAX when empty */
	long		 auth_days;	/* -1 when empty */
	long		 end;		/* first day out of care, LONG_MAX */
};

/* The columns a participant list must have for iop_stay_parse(). */
extern const char *const iop_stay_need[];

/*
 * Read one record of the participant list (p indexes its header).
 * Returns 0, or -1 with *e filled (the first problem, by field number).
 */
int	iop_stay_parse(const struct iop_rec *, const struct iop_person *,
	    struct iop_stay *, struct iop_err *);
/*
 * The first day without appointments: admission + planned_weeks (the
 * program's weeks when empty), or the end of care when that is sooner.
 */
long	iop_stay_planned_end(const struct iop_stay *, int);

#endif /* IOP_STAY_H */
