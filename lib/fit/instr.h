/*
 * instr.h -- the screening instruments, once: PHQ-9, GAD-7, AUDIT (with
 * AUDIT-C, its first three items) and DAST-10.  Items, answer ranges,
 * reversed and special items, the total's maximum, severity bands, the
 * minimal important difference and the column names all live in
 * iop_instr[]; iop-fit scores from it (lib/fit/score.c) and iop-report
 * follows the outcomes with it (lib/report).  iop-fit(1) documents the
 * facts and their sources.
 */
#ifndef IOP_INSTR_H
#define IOP_INSTR_H

/*
 * The instruments.  The first IOP_IN_NITEMS are answered item by item
 * (columns <key>_1 .. <key>_<nitems>); the others are scored from the
 * first items of another (AUDIT-C from AUDIT's items 1-3).
 */
enum iop_fit_inst {
	IOP_IN_PHQ9 = 0,
	IOP_IN_GAD7,
	IOP_IN_AUDIT,
	IOP_IN_DAST10,
	IOP_IN_AUDITC,
	IOP_IN_N
};
#define IOP_IN_NITEMS	(IOP_IN_DAST10 + 1)

/* A severity band or zone: totals up to hi (and above the one before). */
struct iop_instr_band {
	int		 hi;
	const char	*name;
};

struct iop_instr {
	const char	*key;		/* "phq9": item prefix, report's name */
	const char	*label;		/* "PHQ-9", for people */
	int		 items_of;	/* whose items are scored */
	int		 nitems;	/* items 1..nitems of items_of */
	int		 itemmax;	/* answers are 0..itemmax */
	int		 yesno;		/* answers are yes/no (1/0) */
	int		 even_from;	/* items from here: 0, 2, 4 */
	int		 reversed;	/* reverse-scored item, or 0 */
	int		 prorate;	/* blanks prorated at most */
	int		 flag_item;	/* above 0 raises flag; or 0 */
	const char	*flag;
	int		 max;		/* the total's maximum */
	int		 mid;		/* min. important difference */
	const char	*total;		/* the total's column */
	const char	*bandcol;	/* the band's column, or NULL */
	const struct iop_instr_band *bands;	/* up to max; or NULL */
	size_t		 nbands;
};

extern const struct iop_instr iop_instr[IOP_IN_N];

/* The band a total falls in, NULL when the instrument has none. */
const char	*iop_instr_band(int, int);

#endif /* IOP_INSTR_H */
