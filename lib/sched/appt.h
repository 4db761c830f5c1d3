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
 * One participant's appointment: a row of an appointments file
 * (iop-records(5) APPOINTMENTS), read only by iop_appt_parse.  In the
 * index the strings are interned: equal ids are the same pointer for as
 * long as the index lives, so callers may compare them with ==.  Empty
 * or absent optional columns are "".
 */
struct iop_appt {
	const char	*session_id, *participant_id, *type, *track, *staff_id,
			*group_id, *topic, *room;
	size_t		 line;
	long		 date;		/* days, iop_date_parse */
	int		 start, end;	/* minutes after midnight, to 1440 */
	int		 minutes;	/* always end - start */
	int		 week;		/* program week, 1-52; 0 when empty */
};

/* The columns every appointments file has (NULL-terminated). */
extern const char *const iop_appt_need[];

/* Where the columns are in a header; set hdr NULL to start. */
#define IOP_APPT_NCOL	13
struct iop_appt_cols {
	const struct iop_hdr	*hdr;
	long			 col[IOP_APPT_NCOL];
};

/*
 * The one parser of an appointments row.  On success the strings point
 * into the record (valid until it changes); -1 with *e filled when the
 * row breaks a rule of iop-records(5).  The columns are looked up again
 * when the record's header is not the one cached in *c.
 */
int		 iop_appt_parse(struct iop_appt_cols *, const struct iop_rec *,
		    struct iop_appt *, struct iop_err *);
/* Copy the strings of a parsed row, so it outlives the record. */
void		 iop_appt_own(struct iop_appt *);
/* Free n rows made with iop_appt_own, and the array. */
void		 iop_appt_rows_free(struct iop_appt *, size_t);
/* Free the strings of one row made with iop_appt_own. */
void		 iop_appt_clear(struct iop_appt *);

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

#endif /* IOP_APPT_H */
