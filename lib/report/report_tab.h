/*
 * report_tab.h -- helpers the report tables share (report_tab.c,
 * report_care.c); not for use outside lib/report.
 */
#ifndef IOP_REPORT_TAB_H
#define IOP_REPORT_TAB_H

#include "lib/report/report.h"

#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/* The last day reported: --to, but never after --as-of. */
long		 iop_rtab_lastday(const struct iop_rdata *);
/* A person's authorization alert, with days used and left, and the pace. */
const char	*iop_rtab_auth_alert(const struct iop_rdata *,
		    const struct iop_rperson *, long *, long *, double *);
/* qsort comparison of doubles, ascending. */
int		 iop_rtab_dblcmp(const void *, const void *);

#endif /* IOP_REPORT_TAB_H */
