/*
 * ics.h -- iCalendar (RFC 5545) output for iop-schedule.
 */
#ifndef IOP_ICS_H
#define IOP_ICS_H

#include <time.h>

#include "lib/io/io.h"

struct iop_ics_event {
	const char	*uid;
	time_t		 stamp;
	time_t		 start, end;
	const char	*summary;
	const char	*description;	/* may be NULL */
	const char	*location;	/* may be NULL */
};

/* Set the zone local times are in (the program's), once. */
int	 iop_ics_zone(const char *);
/* A local date and minute of the day in that zone, as UTC. */
int	 iop_ics_utc(long, int, time_t *);
void	 iop_ics_begin(struct iop_buf *, const char *);
void	 iop_ics_event(struct iop_buf *, const struct iop_ics_event *);
void	 iop_ics_end(struct iop_buf *);

#endif /* IOP_ICS_H */
