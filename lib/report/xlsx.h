/*
 * xlsx.h -- iop-report tables as an Excel workbook (libxlsxwriter): one
 * sheet a table, numbers as numbers, dates as dates.
 */
#ifndef IOP_XLSX_H
#define IOP_XLSX_H

#include "lib/report/report.h"

/*
 * Write the workbook to path (a temporary), naming the file name in
 * messages; returns 0 or -1 with *e filled.
 */
int	iop_xlsx_write(const char *, const char *, struct iop_table *const *,
	    struct iop_err *);

#endif /* IOP_XLSX_H */
