/*
 * report.h -- iop-report's printing glue (lib/cli/report.c).
 */
#ifndef IOP_CLI_REPORT_H
#define IOP_CLI_REPORT_H

#include "lib/report/deid.h"
#include "lib/report/report.h"

/* How a report is written. */
struct iop_rcli_out {
	int				 fmt;	/* IOP_RF_* */
	int				 flags;	/* IOP_WR_* */
	int				 deid;
	const struct iop_outopt		*out;	/* path: -o, else stdout */
	const struct iop_rparams	*p;
};

/*
 * The weekly minimum and the billable day from the program definition
 * (its time zone becomes the clock's), else the defaults, unless given
 * (-1: not given); exits when the definition is refused.
 */
void	 iop_rcli_program(const char *, int, int, struct iop_rparams *);
/* --by DIM[,DIM] into by[2]; a usage error when it is not. */
void	 iop_rcli_by(int *, const char *);
/* iop-report --help; exits. */
void	 iop_rcli_help(const char *) __attribute__((noreturn));
/* The key from keyfile or IOP_DEID_KEY; exits 1 or 2 when there is none. */
void	 iop_rcli_deid_key(const char *, struct iop_deid *);
/* Read path (or paths) with fn, reporting each problem; 1 on any. */
int	 iop_rcli_read(struct iop_rdata *, const char *, char *const *,
	    size_t, const struct iop_inopt *,
	    int (*)(struct iop_rdata *, struct iop_reader *,
	    iop_report_fn *, void *));
/*
 * Write the tables and finish (iop_finish): -o FILE is replaced only when
 * the status so far is 0.  Returns the exit status.
 */
int	 iop_rcli_output(const struct iop_rcli_out *, struct iop_table **,
	    int);

#endif
