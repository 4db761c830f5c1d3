/*
 * sched_private.h -- the generator's state, shared by sched.c (the day
 * loop, attendance days, groups) and place.c (finding a free staff
 * member, room and time); not for use outside lib/sched.
 */
#ifndef IOP_SCHED_PRIVATE_H
#define IOP_SCHED_PRIVATE_H

#include "lib/clinic/program.h"
#include "lib/io/io.h"
#include "lib/sched/sched.h"

#define PBUSY_MAX	24
#define STEP		10	/* minutes between candidate start times */

enum {
	WHY_NONE = 0,
	WHY_NOROLE,	/* nobody with the role works then */
	WHY_STAFF,	/* all of them busy or at their hours */
	WHY_NOROOM,	/* no room is big enough */
	WHY_ROOM	/* all big enough rooms are taken */
};

struct ival {
	int		 s, e;
};

struct busy {
	struct ival	*v;
	size_t		 n, cap;
};

/* One attendance day of one participant. */
struct ent {
	long		 date;
	int		 track;
	int		 person;
	unsigned char	 week;
	unsigned char	 flags;
};
#define ENT_FIRST	0x1	/* the participant's first day */
#define ENT_LASTWK	0x2	/* the last attendance day of its week */

struct pstate {
	long		 day;
	int		 nb;
	struct ival	 b[PBUSY_MAX];
	int		 week;
	unsigned	 pend;		/* bits of IOP_S_* still to place */
	int		 prev[IOP_S_N];
	int		*minutes;	/* per program week */
	unsigned	*seeded;	/* per program week: IOP_S_* bits kept */
};

struct cstat {
	long		 date;
	const char	*name;
	int		 skipped, madeup;
};

struct iop_sched {
	const struct iop_program *p;
	const struct iop_sperson	*ps;
	size_t			 np;
	struct pstate		*st;
	struct ent		*ents;
	size_t			 nents, capents;
	struct busy		*sbusy;		/* per staff, today */
	struct busy		*rbusy;		/* per room, today */
	int			*smin;		/* staff minutes this ISO week */
	long			*smon;		/* the Monday smin is for */
	int			*sseed;		/* seeded minutes, week of from */
	long			 seedmon;
	long			 from;
	struct cstat		*cs;
	size_t			 ncs;
	struct iop_sappt		*day;
	size_t			 nday, capday;
	iop_issue_fn		*issue;
	void			*arg;
	size_t			 unplaced;
	const char		*roles[32];	/* roles sessions need */
	size_t			 nroles;
	unsigned		*smask;		/* per staff: role bits */
	long			 mon;		/* Monday of the day at work */
};

/* place.c */
int		 iop_sched_pfree(struct iop_sched *, int, long, int, int);
void		 iop_sched_pbusy(struct iop_sched *, int, long, int, int);
unsigned	 iop_sched_rolebit(struct iop_sched *, const char *);
int		 iop_sched_place(struct iop_sched *, long, int, int,
		    const char *, int, int, int *, int *, int *);
const char	*iop_sched_why_text(int, const char *, int, char *, size_t);

#endif /* IOP_SCHED_PRIVATE_H */
