/*
 * schedule.h -- iop-schedule's glue (lib/cli/schedule.c).
 */
#ifndef IOP_CLI_SCHEDULE_H
#define IOP_CLI_SCHEDULE_H

#include "lib/clinic/program.h"
#include "lib/sched/appt.h"
#include "lib/sched/sched.h"

/* iop-schedule's options and the run's state. */
struct iop_scli {
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	const char		*progfile;
	struct iop_program	 prog;
	struct iop_sperson	*ps;
	size_t			 np;
	struct iop_writer	*w;
	struct iop_hdr		*hdr;
	struct iop_rec		 rec;
	char			**srcs;		/* input names, for messages */
	size_t			 nsrcs;
	int			 status;
	const char		*existing, *id;	/* generate; ics */
	long			 from;
	int			 who;		/* ics: 'P', 'S' or 'g' */
};

/* Read the participants due appointments; a bad record fails the run. */
void	 iop_scli_people(struct iop_scli *, char **, int);
/* The scheduler's callbacks: appointments written, issues reported. */
void	 iop_scli_emit(const struct iop_sappt *, size_t, void *);
void	 iop_scli_issue(const struct iop_issue *, void *);
/* An earlier schedule's rows before from, kept; NULL for an empty file. */
struct iop_keep *iop_scli_keep(struct iop_scli *, const char *, long,
	    struct iop_sched *);
/* Read an appointments file for check and ics; bad rows are reported. */
size_t	 iop_scli_rows(struct iop_scli *, char **, int, struct iop_appt **);
/* A conflict written as a record. */
void	 iop_scli_conflict(const struct iop_conflict_rep *, void *);

#endif
