/*
 * enroll.h -- iop-enroll's glue (lib/cli/enroll.c).
 */
#ifndef IOP_CLI_ENROLL_H
#define IOP_CLI_ENROLL_H

#include "lib/clinic/person.h"

/* Where the participant list is, and how people are added to it. */
struct iop_ecli {
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	const char		*file;		/* -f: in place */
	const char		*existing;	/* --existing: only read */
	int			 dry;
	int			 dateflags;
	int			 allow_dups;
	/* import */
	char			**map;
	size_t			 nmap;
};

/*
 * Add people to the list: from the intake reader, or (in NULL) the one
 * record add built from its options; the exit status.
 */
int	 iop_ecli_add(const struct iop_ecli *, struct iop_reader *,
	    struct iop_rec *);
/*
 * Apply the change to the participant numbered want (id as given; today
 * unless hasdate) and write the list back; the exit status.
 */
int	 iop_ecli_change(const struct iop_ecli *, struct iop_change *,
	    const char *, const char *, long, int);
/* Check every participant record of the inputs; the exit status. */
int	 iop_ecli_validate(const struct iop_ecli *, char **, int);

#endif
