/*
 * attend.h -- iop-attend's glue (lib/cli/attend.c).
 */
#ifndef IOP_CLI_ATTEND_H
#define IOP_CLI_ATTEND_H

#include "lib/sched/appt.h"
#include "lib/attend/attend.h"

/* iop-attend's options and the run's state. */
struct iop_acli {
	const char		*synopsis;	/* for usage errors */
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	const char		*file, *schedule, *program;
	const char		*by, *note, *session, *now;
	const char		*lists[IOP_AT_N];	/* record, per status */
	int			 rest;			/* record: -1 none */
	int			 estimate, each, consecutive, minmin;
	int			 progmin;	/* -p's min_weekly_hours */
	char			 at[20];
	long			 today, since;
	int			 nowmin, has_since, week_y, week_w;
	char			**map;
	size_t			 nmap;
	struct iop_appts	*appts;
	struct iop_hdr		*hdr;
	int			 status;
	int			 rejected;	/* a record or row */
};

/*
 * Now: --now; else the current local time, except that IOP_TODAY (tests,
 * demos) pins the day, and then it is that day's 23:59.
 */
void	 iop_acli_clock(struct iop_acli *, const char *);
/* Load --schedule for cmd; a usage error without one, exit 1 if bad. */
void	 iop_acli_schedule(struct iop_acli *, const char *);
/* Apply the checked records to --file, free the run; the exit status. */
int	 iop_acli_emit(struct iop_acli *, struct iop_att_batch *);
void	 iop_acli_ctx(struct iop_att_ctx *, const struct iop_acli *);
/* A record the schedule rejects, or a row that cannot be read. */
void	 iop_acli_reject(const struct iop_err *, void *);
/* The latest attendance of each appointment: -f FILE, files or stdin. */
struct iop_att_slot *iop_acli_gather(struct iop_acli *, int, char **);

#endif
