/*
 * attend.h -- attendance records (iop-attend(1)): statuses and sign-in
 * marks, sign-in sheet columns, checking a row against the schedule,
 * applying a batch of records to an attendance file, and (attendio.c)
 * building records from the command line or sign-in sheets and writing
 * the missing and flags lists.
 */
#ifndef IOP_ATTEND_H
#define IOP_ATTEND_H

#include "lib/io/io.h"
#include "lib/sched/appt.h"

enum iop_att_status {
	IOP_AT_PRESENT = 0,
	IOP_AT_LATE,
	IOP_AT_LEFT_EARLY,
	IOP_AT_ABSENT,
	IOP_AT_EXCUSED,
	IOP_AT_TELEHEALTH,
	IOP_AT_N
};

extern const char *const iop_att_status_names[];	/* NULL-terminated */

/* A sign-in mark or status name (case-insensitive) to a status; -1. */
int	 iop_att_mark(const char *);
/* Present, late, left early or telehealth: time that counts. */
int	 iop_att_attended(int);

/* "YYYY-MM-DDTHH:MM[:SS]" (or a space for T) to seconds; -1 if bad. */
int	 iop_stamp_parse(const char *, long long *);
void	 iop_stamp_fmt(long long, int, char[20]);

/*
 * The latest recorded_at accepted: now (local time; with IOP_TODAY=D, the
 * end of day D) plus IOP_STAMP_SKEW minutes for clocks that disagree.
 */
#define IOP_STAMP_SKEW	10
long long iop_stamp_limit(void);
/*
 * A recorded_at read or recorded: iop_stamp_parse, then no later than
 * iop_stamp_limit().  Returns 0, or -1 with *why the message.
 */
int	 iop_stamp_check(const char *, long long *, const char **);

/* The attendance columns, in output order. */
enum {
	IOP_A_SESSION = 0, IOP_A_PARTICIPANT, IOP_A_DATE, IOP_A_STATUS,
	IOP_A_MINUTES, IOP_A_RECORDED_AT, IOP_A_RECORDED_BY, IOP_A_NOTE,
	IOP_A_NCOLS
};
extern const char *const iop_att_cols[];		/* NULL-terminated */
extern const struct iop_filekind iop_filekind_attendance;	/* for -f */

/*
 * Map sign-in sheet columns to the output header (which starts with the
 * attendance columns): --map FROM=TO first, then attendance column names
 * and their aliases ("Client ID", "Mark", "Mins"); other columns pass
 * through under their own name.  map[i] is out's index for column i.
 */
int	 iop_att_map(char *const *, size_t, const struct iop_hdr *,
	    struct iop_hdr *, long *, struct iop_err *);
/*
 * The same, and the sheet must give participant_id (and session_id,
 * unless has_session); src[j] is 1 + the sheet column of output column j.
 */
int	 iop_att_sheet(char *const *, size_t, const struct iop_hdr *,
	    struct iop_hdr *, long *, size_t *, int, struct iop_err *);
/* A sheet row in the output header; 0 for a row of empty cells. */
int	 iop_att_row(struct iop_rec *, struct iop_hdr *,
	    const struct iop_rec *, const long *);
/* A record in the attendance header from the command line's values. */
void	 iop_att_fill(struct iop_rec *, struct iop_hdr *, const char *,
	    const char *, int, const char *, const char *);
/* The attendance header (iop_att_cols); the caller frees it. */
struct iop_hdr *iop_att_hdr(void);

/* Checked records waiting to be applied, with their appointments. */
struct iop_att_batch {
	struct iop_rec		 *rec;
	const struct iop_appt	**appt;
	size_t			  n, cap;
};
void	 iop_att_batch_add(struct iop_att_batch *, const struct iop_rec *,
	    const struct iop_appt *);
void	 iop_att_batch_free(struct iop_att_batch *);

/* What a row is checked against and completed with. */
struct iop_att_ctx {
	const struct iop_appts	*appts;
	long			 today;
	int			 estimate;	/* estimate late/left-early */
	int			 no_status;	/* no status column: present */
	const char		*session;	/* default session_id */
	const char		*by;		/* default recorded_by */
	const char		*at;		/* default recorded_at */
	const size_t		*src;	/* input column + 1 of output column */
};

/*
 * Check a record (in the output header, attendance columns first)
 * against the schedule and normalise it in place.  Returns its
 * appointment, or NULL with *e filled (column: the input's).
 */
const struct iop_appt *iop_att_check(struct iop_rec *,
	    const struct iop_att_ctx *, struct iop_err *);

/* Minutes estimated for a late or left-early arrival (--estimate). */
int	 iop_att_estimate(int, int);

/*
 * Apply a batch (records in the attendance header, appointments from
 * iop_att_check) to an attendance file in place, under its lock: the
 * latest recorded_at of each (session, participant) wins, ties go to the
 * later record (the batch comes after the file), so exact duplicates
 * collapse; a record of the file in the future loses to the batch.  A replaced record keeps
 * its place; new keys are appended.  Problems go to the iop_report_fn.
 * Returns 0 or 1.
 */
int	 iop_att_apply(const char *, const struct iop_att_batch *,
	    const struct iop_appts *, const struct iop_inopt *,
	    const struct iop_outopt *, iop_report_fn *, void *);

/* The latest record of each appointment, gathered from attendance. */
struct iop_att_slot {
	long long	 ts;
	int		 minutes;
	signed char	 status;	/* -1: nothing recorded */
};

/* One slot per appointment, nothing recorded yet. */
struct iop_att_slot *iop_att_slots_new(const struct iop_appts *);

/*
 * Read attendance records and keep the latest per appointment (slots:
 * one per iop_appts_at position).  Records of sessions not in the
 * schedule are counted in *orphans.  Bad records go to the
 * iop_report_fn and set *status.
 */
void	 iop_att_gather(struct iop_reader *, const struct iop_appts *,
	    struct iop_att_slot *, size_t *, iop_report_fn *, void *, int *);

/* Whether an appointment is over at day today, minute nowmin. */
int	 iop_att_over(const struct iop_appt *, long, int);

/*
 * Sessions over (and on or after since) with appointments that have no
 * record: fn gets the session's first appointment, how many are booked
 * and recorded, and the unrecorded ones.  Sessions go by date, start, id.
 */
typedef void	iop_att_missing_fn(const struct iop_appt *, size_t, size_t,
		    const struct iop_appt *const *, size_t, void *);
void	 iop_att_missing(const struct iop_appts *, const struct iop_att_slot *,
	    long, int, long, iop_att_missing_fn *, void *);

/* The morning call list. */
enum iop_att_flag {
	IOP_FLAG_CONSECUTIVE = 0,	/* program days missed in a row */
	IOP_FLAG_INDIVIDUAL,		/* absent from an individual session */
	IOP_FLAG_HOURS			/* a week under the minimum */
};
extern const char *const iop_att_flag_names[];

struct iop_att_flagopt {
	long		 today;
	int		 nowmin;
	int		 consecutive;	/* days in a row that flag */
	long		 since;		/* individual sessions from */
	long		 monday;	/* the week whose hours count */
	int		 minmin;	/* weekly minimum; 0: not checked */
};

struct iop_att_flagrep {
	enum iop_att_flag	 kind;
	const struct iop_appt	*appt;	/* the participant's (the session's) */
	long			 date;
	long			 first;	/* CONSECUTIVE: first day missed */
	int			 days;	/* CONSECUTIVE */
	int			 attended, remaining;	/* HOURS: minutes */
};

/* The flag's explanation ("missed 3 program days in a row since ..."). */
void	 iop_att_flag_detail(const struct iop_att_flagrep *, int, char *,
	    size_t);

typedef void	iop_att_flag_fn(const struct iop_att_flagrep *, void *);
void	 iop_att_flags(const struct iop_appts *, const struct iop_att_slot *,
	    const struct iop_att_flagopt *, iop_att_flag_fn *, void *);

/* ---- attendio.c: building and writing attendance records ------------- */

/* Gets each rejected record (or read error); the caller reports it. */

/*
 * One session's records from lists of participants: lists[st] (NULL, or
 * participant IDs separated by commas, each with an optional =MINUTES)
 * for each status, then status rest (when >= 0) for everyone else booked
 * into the session.  Each record is made in h (iop_att_hdr) with the
 * note, labelled "record 'ID'" and checked with c; good ones are added
 * to b, rejected ones go to fn.  Returns how many participants were
 * named, or -1 when one is named twice, with *dup a copy of the ID (the
 * caller frees it).
 */
long	 iop_att_record(struct iop_att_batch *, struct iop_hdr *,
	    const struct iop_att_ctx *, const char *, const char *const *,
	    int, const char *, char **, iop_report_fn *, void *);

/*
 * Import sign-in sheets: map rd's columns into h (iop_att_hdr) with
 * iop_att_sheet (has_session: c->session is set), check every row with
 * c, and write the good ones to wr or, when wr is NULL, add them to b.
 * Read errors and rejected rows go to fn.  Returns 0, or -1 with *e set
 * when the input cannot be used (empty, or columns that do not map).
 */
int	 iop_att_import(struct iop_reader *, const struct iop_att_ctx *,
	    char *const *, size_t, struct iop_hdr *, struct iop_writer *,
	    struct iop_att_batch *, iop_report_fn *, void *,
	    struct iop_err *);

/*
 * iop_att_missing as records on wr: one per session (session_id, date,
 * start, end, type, staff_id, booked, recorded, missing) or, with each,
 * one per unrecorded appointment (session_id, participant_id, date,
 * start, end, type, staff_id).  The header is written even when there
 * are none.
 */
void	 iop_att_missing_write(struct iop_writer *, const struct iop_appts *,
	    const struct iop_att_slot *, long, int, long, int);

/*
 * iop_att_flags as records on wr: participant_id, flag, date, session_id
 * (individual sessions only) and detail.  The header is written even
 * when there are none.
 */
void	 iop_att_flags_write(struct iop_writer *, const struct iop_appts *,
	    const struct iop_att_slot *, const struct iop_att_flagopt *);

#endif /* IOP_ATTEND_H */
