/*
 * sched.h -- the generator and the conflict checker of iop-schedule
 * (sched.c), and the records they are read from and written to (schedio.c).
 */
#ifndef IOP_SCHED_H
#define IOP_SCHED_H

#include <time.h>

#include "lib/io/io.h"
#include "lib/clinic/program.h"
#include "lib/sched/appt.h"

/* A participant to schedule; the caller sorts them by id. */
struct iop_sperson {
	char		*id;
	long		 admit;
	long		 end;		/* first day without appointments */
	int		 weeks;
	int		 track;
	int		 cut;		/* end set by a status change */
	size_t		 line;
	const char	*src;
};

/* One participant's appointment (or a staff member's, person -1). */
struct iop_sappt {
	char		 sid[64];
	long		 date;
	int		 start, end;
	const char	*type;
	const char	*topic;
	int		 track;
	int		 group;		/* 1..; 0 for one-to-one sessions */
	int		 staff;
	int		 room;
	int		 person;
	int		 week;
	int		 phase;
};

enum iop_issue_kind {
	IOP_ISSUE_UNPLACED = 0,	/* an appointment could not be placed */
	IOP_ISSUE_CLOSED,	/* a closure skipped attendance days */
	IOP_ISSUE_UNDER		/* a week under the program's minimum */
};

struct iop_issue {
	enum iop_issue_kind kind;
	int		 person;	/* -1: not one participant's */
	char		 msg[240];
};

typedef void	iop_emit_fn(const struct iop_sappt *, size_t, void *);
typedef void	iop_issue_fn(const struct iop_issue *, void *);

struct iop_sched;

/* Generation starts at the date given (the earliest admission for all). */
struct iop_sched *iop_sched_new(const struct iop_program *,
		    const struct iop_sperson *, size_t, long);
/*
 * An appointment kept from an earlier schedule (--from): person, staff
 * (either may be -1), whether this is the first row of its session,
 * date, minutes, type and program week.  It counts toward the staff
 * member's hours (once a session) and the participant's week; a one-to-
 * one session in it is not placed again and keeps its counselor next.
 */
void		 iop_sched_seed(struct iop_sched *, int, int, int, long, int,
		    const char *, int);
/* Generate; returns the number of items that could not be placed. */
size_t		 iop_sched_run(struct iop_sched *, iop_emit_fn *,
		    iop_issue_fn *, void *);
void		 iop_sched_free(struct iop_sched *);

enum iop_conflict {
	IOP_C_PARTICIPANT = 0,	/* a participant booked twice */
	IOP_C_STAFF,		/* a staff member booked twice */
	IOP_C_ROOM,		/* a room booked twice */
	IOP_C_CAPACITY,		/* a group over capacity or its room's */
	IOP_C_LEAD,		/* no lead with the role the session needs */
	IOP_C_HOURS,		/* staff over their weekly hours */
	IOP_C_UNDER,		/* a participant's week under the minimum */
	IOP_C_N
};

extern const char *const iop_conflict_names[];

struct iop_conflict_rep {
	enum iop_conflict kind;
	size_t		 line;		/* first row concerned */
	size_t		 other;		/* second row, or 0 */
	const char	*sid;
	const char	*pid;
	const char	*staff;
	const char	*room;
	long		 date;
	int		 start;
	char		 detail[160];
};

typedef void	iop_conflict_fn(const struct iop_conflict_rep *, void *);

/* Check rows (reordered in place); returns the number of conflicts. */
size_t		 iop_sched_check(const struct iop_program *, struct iop_appt *,
		    size_t, iop_conflict_fn *, void *);

/* ---- schedio.c: rows in and out ------------------------------------ */

/* Column lists, NULL-terminated. */
extern const char *const iop_sched_cols[];	/* appointments, in order */
extern const char *const iop_sperson_need[];	/* participant list */
extern const char *const iop_conflict_cols[];	/* check output */

/*
 * A row of the participant list as a participant to schedule (src left
 * NULL for the caller); -1 with *e filled when it is bad.
 */
int		 iop_sperson_parse(const struct iop_program *,
		    const struct iop_rec *, struct iop_sperson *,
		    struct iop_err *);
void		 iop_sperson_sort(struct iop_sperson *, size_t);
/* Index in a sorted array, or -1. */
long		 iop_sperson_find(const struct iop_sperson *, size_t,
		    const char *);
/* An appointment as a row of iop_sched_cols (the record's header). */
void		 iop_sched_apptrec(const struct iop_program *,
		    const struct iop_sperson *, const struct iop_sappt *,
		    struct iop_rec *);

/*
 * The rows of an earlier schedule that come before from (--from): each
 * is seeded into the generator and kept, copied onto the output header,
 * to be written out unchanged.
 */
struct iop_keep;

struct iop_keep	*iop_keep_new(struct iop_sched *, const struct iop_program *,
		    const struct iop_sperson *, size_t, long, struct iop_hdr *);
/* 1: kept; 0: on or after from; -1: a bad row, *e filled. */
int		 iop_keep_row(struct iop_keep *, const struct iop_rec *,
		    struct iop_err *);
/* The rows kept, in input order; owned by the keeper. */
struct iop_rec	*iop_keep_rows(struct iop_keep *, size_t *);
void		 iop_keep_free(struct iop_keep *);

/* A conflict as a row of iop_conflict_cols. */
void		 iop_conflict_rec(const struct iop_conflict_rep *,
		    struct iop_rec *);

/* Whose calendar iop-schedule ics writes. */
enum iop_cal {
	IOP_CAL_PARTICIPANT = 0,
	IOP_CAL_STAFF,
	IOP_CAL_GROUP
};

/*
 * Keep the rows of one participant, staff member or group at the front,
 * free the others; returns how many are kept.
 */
size_t		 iop_appt_select(struct iop_appt *, size_t, enum iop_cal,
		    const char *);
/*
 * Their calendar, sorted by time, appended to the buffer; the time_t is
 * the DTSTAMP.  Returns the number of sessions left out because a local
 * time has no UTC equivalent (the program's zone must be set).
 */
size_t		 iop_sched_ics(const struct iop_program *, struct iop_appt *,
		    size_t, enum iop_cal, const char *, time_t,
		    struct iop_buf *);

#endif /* IOP_SCHED_H */
