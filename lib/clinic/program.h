/*
 * program.h -- the program definition of iop-schedule (iop-program(5)):
 * tracks, the day's blocks, step-down phases, staff, rooms and closures,
 * loaded from JSON and checked for consistency.
 */
#ifndef IOP_PROGRAM_H
#define IOP_PROGRAM_H

#include "lib/io/io.h"

/* Sets of weekdays (days, wdays) are IOP_WDAY_BIT masks (lib/io/io.h). */

struct iop_pstaff {
	char		 *id;
	char		 *name;
	char		**roles;
	size_t		  nroles;
	unsigned	  days;
	int		  start, end;	/* working hours, minutes */
	int		  maxmin;	/* most minutes in an ISO week */
};

struct iop_proom {
	char		*id;
	char		*name;
	int		 cap;
};

struct iop_pblock {
	char		 *type;
	char		 *role;		/* NULL: any staff */
	int		  minutes;
	int		  offset;	/* from the track's start */
	char		**topics;
	size_t		  ntopics;
};

struct iop_ptrack {
	char		*id;
	unsigned	 days;
	int		 start, end;
	int		 blocks_end;	/* end of the last block */
};

struct iop_pphase {
	int		 from, to;	/* program weeks, inclusive */
	int		 days;		/* days a week */
	unsigned	 wdays;		/* fixed weekdays, or 0 */
};

/* A session for one participant with one staff member. */
struct iop_psingle {
	const char	*type;
	int		 on;
	int		 minutes;
	int		 every, first;	/* weeks */
	char		*role;
};

struct iop_pclosure {
	long		 from, to;	/* inclusive */
	char		*name;
};

enum {
	IOP_S_ASSESS = 0,
	IOP_S_ORIENT,
	IOP_S_INDIV,
	IOP_S_FAMILY,
	IOP_S_DISCHARGE,
	IOP_S_N
};

/* Defaults of iop-program(5), also without a definition. */
#define IOP_PROGRAM_MINMIN	(9 * 60)	/* min_weekly_hours 9 */
#define IOP_PROGRAM_MAXHOURS	60	/* min_weekly_hours at most */
#define IOP_PROGRAM_BILLMIN	180		/* billable_minutes */

struct iop_program {
	char			*id;
	char			*name;
	char			*tz;
	int			 weeks;
	int			 minmin;	/* minimum minutes a week */
	int			 billmin;	/* attended minutes for a
						   billable day (180) */
	int			 capacity;
	int			 brk;
	int			 makeup;
	struct iop_pphase	*phases;
	size_t			 nphases;
	struct iop_ptrack	*tracks;
	size_t			 ntracks;
	struct iop_pblock	*blocks;
	size_t			 nblocks;
	struct iop_psingle	 single[IOP_S_N];
	struct iop_pstaff	*staff;
	size_t			 nstaff;
	struct iop_proom	*rooms;
	size_t			 nrooms;
	struct iop_pclosure	*closures;
	size_t			 nclosures;
};

int	 iop_program_load(const char *, struct iop_program *,
	    struct iop_err *);
void	 iop_program_free(struct iop_program *);
long	 iop_program_track(const struct iop_program *, const char *);
long	 iop_program_staff(const struct iop_program *, const char *);
long	 iop_program_room(const struct iop_program *, const char *);
const struct iop_pphase *iop_program_phase(const struct iop_program *, int,
	    int *);
const struct iop_pclosure *iop_program_closed(const struct iop_program *,
	    long);
int	 iop_staff_has(const struct iop_pstaff *, const char *);
/* The role a session type needs (NULL: any staff; "" unknown type). */
const char *iop_program_role(const struct iop_program *, const char *);

#endif /* IOP_PROGRAM_H */
