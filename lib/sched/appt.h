/*
 * appt.h -- an appointments file (written by iop-schedule) held in
 * memory as a compact index: every appointment once, looked up by
 * (session, participant) or walked in participant, date, start order.
 * Shared by iop-attend and iop-report.
 */
#ifndef IOP_APPT_H
#define IOP_APPT_H

#include "lib/io/io.h"

/*
 * One participant's appointment.  The strings are interned: equal ids
 * are the same pointer for as long as the index lives, so callers may
 * compare them with ==.  Empty optional columns are "".
 */
struct iop_appt {
	const char	*session_id, *participant_id, *type, *track, *staff_id,
			*group_id;
	long		 date;		/* days, iop_date_parse */
	int		 start, end, minutes, week;
};

struct iop_appts;

/*
 * Load an appointments file ("-" is standard input).  Bad rows are
 * handed to the iop_report_fn, left out, and set *status to 1; NULL (and
 * *status 1) when the file cannot be read at all.
 */
struct iop_appts *iop_appts_load(const char *, const struct iop_inopt *,
		    iop_report_fn *, void *, int *);
const struct iop_appt *iop_appts_find(const struct iop_appts *, const char *,
		    const char *);
size_t		 iop_appts_count(const struct iop_appts *);
/* Sorted by participant, date, start (then session). */
const struct iop_appt *iop_appts_at(const struct iop_appts *, size_t);
void		 iop_appts_free(struct iop_appts *);

/* The position of an appointment: iop_appts_at(a, pos) == appt. */
size_t		 iop_appts_pos(const struct iop_appts *,
		    const struct iop_appt *);
/* Whether any appointment belongs to this session. */
int		 iop_appts_has_session(const struct iop_appts *, const char *);
/* Order by date, start, then session (-1, 0, 1 like strcmp). */
int		 iop_appt_cmp_when(const struct iop_appt *,
		    const struct iop_appt *);
/* Bytes held by the index (for measurements). */
size_t		 iop_appts_bytes(const struct iop_appts *);

#endif /* IOP_APPT_H */
