/*
 * report_tab.h -- helpers the report tables share (report_tab.c,
 * report_care.c); not for use outside lib/report.
 */
#ifndef IOP_REPORT_TAB_H
#define IOP_REPORT_TAB_H

#include "lib/report/report.h"

#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/*
 * The columns of the completion report and of the outcomes by instrument
 * (report_care.c), which the summary (report_tab.c) reads.  The counts
 * CO_IN_CARE..CO_EARLY follow report_care.c's K_* outcomes, and
 * CO_AGAINST_ADVICE..CO_OTHER the early-discharge reasons 1-4.
 */
enum {
	CO_TRACK, CO_MONTH, CO_ADMITTED, CO_IN_CARE, CO_COMPLETED,
	CO_STEPPED, CO_TRANSFERRED, CO_EARLY, CO_AGAINST_ADVICE,
	CO_NON_ATTENDANCE, CO_HIGHER_LEVEL, CO_OTHER, CO_RATE,
	CO_LOS_MEDIAN, CO_LOS_Q1, CO_LOS_Q3, CO_N
};
enum {
	OA_INSTRUMENT, OA_THRESHOLD, OA_PEOPLE, OA_IMPROVED, OA_UNCHANGED,
	OA_WORSENED, OA_SHARE_IMPROVED, OA_MEAN_FIRST, OA_MEAN_LATEST,
	OA_MEAN_CHANGE, OA_N
};

/* The last day reported: --to, but never after --as-of. */
long		 iop_rtab_lastday(const struct iop_rdata *);
/* A person's authorization alert, with days used and left, and the pace. */
const char	*iop_rtab_auth_alert(const struct iop_rdata *,
		    const struct iop_rperson *, long *, long *, double *);
/* qsort comparison of doubles, ascending. */
int		 iop_rtab_dblcmp(const void *, const void *);

#endif /* IOP_REPORT_TAB_H */
