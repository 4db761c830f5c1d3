/*
 * person.h -- the participant record (person.c), changes to one record
 * (change.c) and the list as a whole (roster.c, above both).  The
 * programs that only read the list (iop-schedule, iop-report) use
 * stay.h.
 */
#ifndef IOP_PERSON_H
#define IOP_PERSON_H

#include "lib/io/io.h"

enum iop_pcol {
	IOP_P_ID,
	IOP_P_FIRST,
	IOP_P_LAST,
	IOP_P_DOB,
	IOP_P_PHONE,
	IOP_P_EMAIL,
	IOP_P_FOCUS,
	IOP_P_TRACK,
	IOP_P_REFERRAL,
	IOP_P_ADMISSION,
	IOP_P_WEEKS,
	IOP_P_LEVEL,
	IOP_P_PAYER,
	IOP_P_AUTH_ID,
	IOP_P_AUTH_DAYS,
	IOP_P_AUTH_START,
	IOP_P_AUTH_END,
	IOP_P_STATUS,
	IOP_P_STATUS_DATE,
	IOP_P_STATUS_REASON,
	IOP_P_DISCHARGE_DATE,
	IOP_P_DISCHARGE_REASON,
	IOP_P_TRANSFER_TO,
	IOP_P_GOALS,
	IOP_P_AFTERCARE,
	IOP_P_AFTERCARE_NOTE,
	IOP_P_HISTORY,
	IOP_P_NCOLS
};

/* Column names, in the canonical order of a participant file. */
extern const char *const iop_person_cols[IOP_P_NCOLS + 1];
/* The columns a participant file must have (NULL-terminated). */
extern const char *const iop_person_required[];
extern const struct iop_filekind iop_filekind_list;	/* for iop-enroll -f */

/* Enumerations (NULL-terminated). */
extern const char *const iop_focus_names[];
extern const char *const iop_level_names[];
extern const char *const iop_status_names[];
extern const char *const iop_discharge_reason_names[];
extern const char *const iop_aftercare_names[];

enum iop_status {
	IOP_ST_ACTIVE,
	IOP_ST_STEPPED_DOWN,
	IOP_ST_TRANSFERRED,
	IOP_ST_COMPLETED,
	IOP_ST_DISCHARGED
};

/* Where each participant column sits in a header (-1: absent). */
struct iop_person {
	long	col[IOP_P_NCOLS];
};

void	iop_person_index(struct iop_person *, const struct iop_hdr *);
/* Add the canonical columns a header lacks, at its end. */
void	iop_person_complete_hdr(struct iop_hdr *);
/* The first canonical column a header lacks, or NULL. */
const char *iop_person_lacks(const struct iop_hdr *);
/*
 * Make r a participant record from values given by column (NULL: empty),
 * named src, on a new header of the canonical columns that the caller
 * frees with iop_hdr_free(r->hdr).
 */
void	iop_person_rec(struct iop_rec *, const char *const *, const char *);

/* Flags for iop_person_check. */
#define IOP_PN_INTAKE	0x1	/* participant_id may be empty (assigned) */
#define IOP_PN_MDY	0x2	/* accept M/D/YYYY dates */
#define IOP_PN_DMY	0x4	/* accept D/M/YYYY dates */

/* The flags for a date order "ymd", "mdy" or "dmy" (--date-order), or -1. */
int	iop_person_date_order(const char *);

/*
 * Validate a participant record and normalise it in place (trim, case of
 * enumerations, dates, phone, e-mail, defaults for status and level).
 * Calls report() for every problem; returns the number of problems.
 */
int	iop_person_check(struct iop_rec *, const struct iop_person *, int,
	    long, iop_report_fn *, void *);

/*
 * Participant IDs are P and a number 1..IOP_ID_MAX, written with 4 to 9
 * digits: P0001 .. P999999999 (iop-records(5)).  No ID is issued past it.
 */
#define IOP_ID_MAX	999999999L
#define IOP_ID_RANGE	"P0001 to P999999999"
/* The numeric part of a participant ID "P0042", or -1. */
long	iop_person_idnum(const char *);
void	iop_person_idfmt(long, char *, size_t);

/* ---- roster.c: likely duplicates and IDs taken --------------------- */

/*
 * Likely-duplicate detection: keys made from (first name, last name, date
 * of birth), phone digits and e-mail, kept as 64-bit hashes with the ID
 * they belong to.  Memory grows with people, not with anything else.
 */
struct iop_dupset;

struct iop_dupset *iop_dupset_new(void);
void	iop_dupset_free(struct iop_dupset *);
/*
 * Look up the record's keys; returns the ID number of a likely duplicate
 * (and which key matched in *why) or -1.
 */
long	iop_dupset_find(const struct iop_dupset *, const struct iop_rec *,
	    const struct iop_person *, const char **);
void	iop_dupset_add(struct iop_dupset *, const struct iop_rec *,
	    const struct iop_person *, long);

/* Mark list and number columns so that JSON Lines gets arrays, numbers. */
void	iop_person_kinds(struct iop_rec *, const struct iop_person *);

/*
 * Map an intake export's columns onto a participant header: explicit
 * "FROM=TO" maps, then participant column names, then common aliases
 * ("Date of Birth" -> dob).  Unknown columns pass through under their own
 * name (added to out when addcols).  map[i] is out's index for column i.
 */
int	iop_person_map(char *const *, size_t, const struct iop_hdr *,
	    struct iop_hdr *, int, struct iop_err *, long *);

/* A set of ID numbers (a bitmap). */
/*
 * The participant IDs seen, as numbers 1..IOP_ID_MAX: an open-addressing
 * hash set whose memory follows the number of IDs, not their value.
 */
struct iop_idset {
	uint32_t *slot;		/* 0 = empty */
	size_t	  n, cap;	/* cap: a power of two, or 0 */
};
/* Add id (1..IOP_ID_MAX); returns whether it was already there. */
int	iop_idset_test_set(struct iop_idset *, long);

/* ---- change.c: changes to one record ------------------------------ */

/* A change to one participant (iop-enroll status, discharge, goal...). */
struct iop_change {
	int		 status;	/* enum iop_status; -1: none */
	long		 date;
	const char	*reason;	/* discharge reason, or a note */
	const char	*note;
	const char	*to;
	const char	*aftercare;
	const char	*aftercare_note;
	const char	*goal;		/* a goal to add (goal) */
};
/*
 * Apply a status change: status, status_date, discharge fields, history.
 * Returns 0, -1 (a data problem) or -2 (a usage problem), *e filled.
 */
int	iop_person_set_status(struct iop_rec *, const struct iop_person *,
	    const struct iop_change *, long, struct iop_err *);
/*
 * Check a change command of iop-enroll (status, discharge, goal or
 * aftercare, named by cmd) before anything is written: its arguments
 * (an ID, then a status, a goal or an aftercare plan) and the options
 * already in *ch; date, when not NULL, must be a date and goes to
 * ch->date.  Sets ch->status (-1: not a status change), ch->goal or
 * ch->aftercare from the arguments, and *id.  Returns 0; -2 with *e
 * filled when an argument is wrong (show the usage line); -1 when an
 * option is.
 */
int	iop_change_parse(struct iop_change *, const char *, int, char *const *,
	    const char *, long *, struct iop_err *);
/*
 * Apply a checked change (a status change, a goal or the aftercare plan)
 * to the participant's record, then check the record.  Problems go to
 * report(); returns 0, -1 (a data problem) or -2 (a usage problem).
 */
int	iop_person_change(struct iop_rec *, const struct iop_person *,
	    const struct iop_change *, long,
	    iop_report_fn *, void *);
void	iop_person_add_goal(struct iop_rec *, const struct iop_person *,
	    const char *);
/* Set the aftercare plan, and its note when note is not NULL. */
void	iop_person_set_aftercare(struct iop_rec *, const struct iop_person *,
	    const char *, const char *);

/* ---- roster.c: the list as a whole ----------------------------------- */

/* What admitting new people needs to know of the list. */
struct iop_roster {
	struct iop_dupset	*dups;
	struct iop_idset	 ids;
	long			 maxid;
	int			 allow_dups;
};

void	iop_roster_init(struct iop_roster *, int);
void	iop_roster_free(struct iop_roster *);
void	iop_roster_note(struct iop_roster *, const struct iop_rec *,
	    const struct iop_person *);
long	iop_roster_admit(struct iop_roster *, struct iop_rec *,
	    const struct iop_person *, size_t, struct iop_err *);
int	iop_roster_validate(struct iop_roster *, const struct iop_rec *,
	    const struct iop_person *, struct iop_err *, struct iop_err *);
int	iop_person_intake_missing(const struct iop_hdr *, const long *,
	    const struct iop_person *, void (*)(const char *, void *), void *);

/*
 * New people for the list, one record at a time: from an intake export
 * (its columns mapped onto the list's header) or from add's options
 * (matched by name).  Problems found in a new record are reported by its
 * own column number, not the list's.
 */
struct iop_intake {
	struct iop_hdr	*hdr;	/* the list's header (not owned) */
	long		*map;	/* list column of each intake column; NULL:
				   by name */
	long		*inv;	/* 1 + intake column of each list column, 0 */
	size_t		 ninv;
	iop_report_fn	*report;
	void		*arg;
};

/*
 * Start an intake onto the list's header hdr (p indexes it).  With a
 * reader, read its header and map its columns (maps are --map's
 * "FROM=TO"; unknown columns are added to hdr when addcols); each field a
 * new person needs must come from some column.  Problems go to report();
 * returns 0 or -1.  Free it with iop_intake_free() either way.
 */
int	iop_intake_open(struct iop_intake *, struct iop_reader *,
	    char *const *, size_t, struct iop_hdr *, int, struct iop_person *,
	    iop_report_fn *, void *);
/*
 * Admit intake record in as out: fit it to the list's header, check and
 * normalise it (flags and today as for iop_person_check), then admit it
 * to the roster.  Problems go to report(); returns the new person's ID
 * number, or -1.
 */
long	iop_intake_admit(struct iop_intake *, struct iop_roster *,
	    const struct iop_person *, const struct iop_rec *,
	    struct iop_rec *, int, long);
void	iop_intake_free(struct iop_intake *);

/* The filters of iop-enroll list. */
struct iop_pfilter {
	const char	*status, *track, *focus, *level;	/* a,b,c */
	long		 adm[2], dis[2], on;
	int		 has_adm[2], has_dis[2], has_on;
};

int	iop_pfilter_check(const struct iop_pfilter *, struct iop_err *);
int	iop_pfilter_match(const struct iop_pfilter *, const struct iop_rec *,
	    const struct iop_person *, struct iop_err *);

#endif /* IOP_PERSON_H */
