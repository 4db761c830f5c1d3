/*
 * report.h -- the figures of iop-report: participants, attendance,
 * schedule and screenings read into per-person, per-week counters, and
 * the report tables built from them.  Memory follows the number of
 * people and weeks, never the number of attendance rows.
 */
#ifndef IOP_REPORT_H
#define IOP_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "lib/fit/instr.h"
#include "lib/io/io.h"

/* ---- tables: what every report produces ------------------------------- */

enum iop_ct {
	IOP_CT_STR,	/* text */
	IOP_CT_ID,	/* a participant ID: pseudonymised by --deidentify */
	IOP_CT_INT,	/* a number that is not a count of people or events */
	IOP_CT_COUNT,	/* a count: suppressed 1-10 in aggregate tables */
	IOP_CT_NUM,	/* a decimal (hours, days, scores) */
	IOP_CT_PCT,	/* a share 0-1, three decimals */
	IOP_CT_DATE,	/* YYYY-MM-DD */
	IOP_CT_WEEK,	/* YYYY-Www */
	IOP_CT_BOOL,	/* true or false */
	IOP_CT_LIST	/* ';'-list; a JSON array */
};

struct iop_tcol {
	const char	*name;
	enum iop_ct	 type;
};

struct iop_table {
	const char		*name;		/* report name, sheet name */
	const char		*title;
	const struct iop_tcol	*cols;
	size_t			 ncols;
	char			**cell;		/* row-major; NULL is empty */
	size_t			 nrows, cap;
	int			 aggregate;	/* counts of people/events */
};

/* Marker for a suppressed count. */
#define IOP_SUPPRESSED	"<11"

struct iop_table *iop_table_new(const char *, const char *,
		    const struct iop_tcol *, size_t, int);
void		 iop_table_free(struct iop_table *);
size_t		 iop_table_row(struct iop_table *);
void		 iop_table_set(struct iop_table *, size_t, size_t,
		    const char *);
void		 iop_table_setf(struct iop_table *, size_t, size_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 iop_table_setl(struct iop_table *, size_t, size_t, long);
void		 iop_table_setd(struct iop_table *, size_t, size_t, double);
void		 iop_table_setdate(struct iop_table *, size_t, size_t, long);
void		 iop_table_setweek(struct iop_table *, size_t, size_t, long);
void		 iop_table_setpct(struct iop_table *, size_t, size_t, double,
		    double);
const char	*iop_table_get(const struct iop_table *, size_t, size_t);
long		 iop_table_col(const struct iop_table *, const char *);

struct iop_deid;
/*
 * De-identify: ID columns become keyed codes (rows re-sorted by code);
 * in aggregate tables counts 1-10 become IOP_SUPPRESSED and the decimals
 * and shares of such a row are blanked.
 */
void		 iop_table_deid(struct iop_table *, const struct iop_deid *);

/* Output formats. */
enum iop_rfmt {
	IOP_RF_CSV,
	IOP_RF_JSONL,
	IOP_RF_TABLE,
	IOP_RF_HTML,
	IOP_RF_XLSX
};

/* CSV or JSON Lines through the record writer (flags: IOP_WR_*). */
int		 iop_table_write(FILE *, const struct iop_table *,
		    enum iop_rfmt, int);
/* An aligned text table for a terminal. */
int		 iop_table_text(FILE *, const struct iop_table *);

/* ---- the data ---------------------------------------------------------- */

/* Dimensions for --by. */
enum iop_dim {
	IOP_DIM_NONE,
	IOP_DIM_PARTICIPANT,
	IOP_DIM_WEEK,
	IOP_DIM_TRACK,
	IOP_DIM_GROUP,
	IOP_DIM_STAFF,
	IOP_DIM_TYPE,
	IOP_DIM_PAYER,
	IOP_DIM_LEVEL,
	IOP_DIM_STATUS,
	IOP_DIM_FOCUS,
	IOP_DIM_INSTRUMENT,
	IOP_DIM_N
};
extern const char *const iop_dim_names[IOP_DIM_N + 1];

struct iop_rparams {
	long	from, to, asof;		/* days; from/to LONG_MIN/MAX unset */
	int	minmin;			/* minimum minutes an ISO week */
	int	billmin;		/* minutes that make a billable day */
	int	within;			/* days ahead for alerts */
	int	missed;			/* missed days in a row for risk */
	int	by[2];			/* enum iop_dim */
};

/* Outcomes follow the item-scored instruments, iop_instr[0..3]. */
#define IOP_NINSTR	IOP_IN_NITEMS

struct iop_rdata;
struct iop_inopt;

struct iop_rdata *iop_rdata_new(const struct iop_rparams *);
void		 iop_rdata_free(struct iop_rdata *);
/*
 * Readers: each reports every rejected record through the callback and
 * returns the number rejected (or -1 when required columns are missing).
 */
int		 iop_rdata_people(struct iop_rdata *, struct iop_reader *,
		    iop_report_fn *, void *);
int		 iop_rdata_attendance(struct iop_rdata *, struct iop_reader *,
		    iop_report_fn *, void *);
int		 iop_rdata_screenings(struct iop_rdata *, struct iop_reader *,
		    iop_report_fn *, void *);
/* The schedule, through lib/sched/appt.h; -1 when built without it. */
int		 iop_rdata_schedule(struct iop_rdata *, const char *,
		    const struct iop_inopt *, iop_report_fn *, void *, int *);
int		 iop_rdata_has_schedule(const struct iop_rdata *);


/* ---- inside the data (shared by the lib/report*.c modules) ------------ */

/* Counts of sessions, by attendance status. */
struct iop_rcount {
	uint32_t	sched, recorded;
	uint32_t	present, late, left, tele, absent, excused;
	uint64_t	minutes, sched_min;
};

/* One person's ISO week (one with attendance or appointments). */
struct iop_rcell {
	long		wk;		/* ISO week index (iop_rweek) */
	struct iop_rcount c;
	uint16_t	daymin[7];	/* attended minutes, Monday first */
	uint8_t		attday, absday;	/* days with attendance, absence */
};

struct iop_rscore {
	long	d0, d1;		/* first and latest screening dates */
	int	v0, v1;
	int	n;		/* screenings with this instrument */
};

struct iop_rperson {
	char		*id;
	char		*dim[IOP_DIM_N];	/* track, payer, level, ... */
	char		*dreason;		/* discharge_reason */
	char		*auth_id;
	int		 known;		/* in the participant list */
	int		 status;	/* enum iop_status, or -1 */
	long		 adm, end;	/* admission; end of care or LONG_MAX */
	long		 auth_start, auth_end;	/* LONG_MIN/MAX when unset */
	long		 auth_days;	/* -1 when unset */
	size_t		 ncells, capcells;
	struct iop_rcell *cells;	/* sorted by wk; only weeks with data */
	struct iop_rscore sc[IOP_NINSTR];
};

/* Attendance counted by the --by dimensions. */
struct iop_ragg {
	char			*val[2];	/* one block: val[1] follows */
	struct iop_rcount	 c;
};

struct iop_rdata {
	struct iop_rparams	 p;
	struct iop_rperson	*pp;
	size_t			 n, cap;
	struct iop_map		 pmap;		/* id -> index in pp */
	struct iop_ragg		*agg;
	size_t			 nagg, capagg;
	struct iop_map		 amap;		/* "val0\0val1" -> index */
	struct iop_buf		 akey;		/* the key being looked up */
	int			 have_people, have_screen;
	void			*appts;
	long			 wmin, wmax;	/* weeks seen */
};

/* Week index (Monday-based) of a day, and the Monday of a week index. */
long		 iop_rweek(long);
long		 iop_rmonday(long);
struct iop_rperson *iop_rdata_person(struct iop_rdata *, const char *,
		    int);
struct iop_rcell *iop_rperson_cell(struct iop_rperson *, long);
const struct iop_rcell *iop_rperson_getcell(const struct iop_rperson *,
		    long);
/* Person indexes sorted by ID. */
size_t		*iop_rdata_sorted(const struct iop_rdata *);
/* In care on a day. */
int		 iop_rperson_incare(const struct iop_rperson *, long);

/* ---- the reports ------------------------------------------------------ */

struct iop_table *iop_report_census(struct iop_rdata *);
struct iop_table *iop_report_attendance(struct iop_rdata *);
struct iop_table *iop_report_hours(struct iop_rdata *, int);
struct iop_table *iop_report_billing(struct iop_rdata *);
struct iop_table *iop_report_authorizations(struct iop_rdata *);
struct iop_table *iop_report_completion(struct iop_rdata *);
struct iop_table *iop_report_outcomes(struct iop_rdata *);
struct iop_table *iop_report_risk(struct iop_rdata *);
/* The summary and the aggregate tables behind its charts (NULL-ended). */
struct iop_table **iop_report_summary(struct iop_rdata *);

/* Quantile p of n sorted values (linear interpolation, R type 7). */
double		 iop_quantile(const double *, size_t, double);

#endif /* IOP_REPORT_H */
