/*
 * xlsx.c -- the workbook output of iop-report through libxlsxwriter.
 * Counts, hours and shares are written as numbers (shares with a percent
 * format), dates as Excel dates, weeks and text as strings; a suppressed
 * count stays the string "<11".  Only iop-report links libxlsxwriter.
 */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "lib/io/io.h"
#include "lib/report/report.h"
#include "lib/report/xlsx.h"

int
iop_xlsx_write(const char *path, const char *name,
    struct iop_table *const *tabs, struct iop_err *e)
{
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *pct;
	lxw_datetime dt;
	lxw_error rv;
	const struct iop_table *t;
	const char *s;
	char *end;
	double v;
	size_t i, r, c;
	long day;

	if ((wb = workbook_new(path)) == NULL) {
		iop_seterr(e, name, 0, 0, "cannot create the workbook");
		return -1;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	for (i = 0; tabs[i] != NULL; i++) {
		t = tabs[i];
		ws = workbook_add_worksheet(wb, t->name);
		for (c = 0; c < t->ncols; c++) {
			worksheet_write_string(ws, 0, (lxw_col_t)c,
			    t->cols[c].name, bold);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
			    t->cols[c].type == IOP_CT_DATE ? 11 : 14, NULL);
		}
		worksheet_freeze_panes(ws, 1, 0);
		for (r = 0; r < t->nrows; r++)
			for (c = 0; c < t->ncols; c++) {
				s = iop_table_get(t, r, c);
				if (*s == '\0')
					continue;
				switch (t->cols[c].type) {
				case IOP_CT_INT:
				case IOP_CT_COUNT:
				case IOP_CT_NUM:
				case IOP_CT_PCT:
					v = strtod(s, &end);
					if (*end == '\0') {
						worksheet_write_number(ws,
						    (lxw_row_t)r + 1,
						    (lxw_col_t)c, v,
						    t->cols[c].type ==
						    IOP_CT_PCT ? pct : NULL);
						continue;
					}
					break;
				case IOP_CT_DATE:
					if (iop_date_parse(s, &day) == 0) {
						memset(&dt, 0, sizeof(dt));
						iop_date_ymd(day, &dt.year,
						    &dt.month, &dt.day);
						worksheet_write_datetime(ws,
						    (lxw_row_t)r + 1,
						    (lxw_col_t)c, &dt, date);
						continue;
					}
					break;
				case IOP_CT_BOOL:
					worksheet_write_boolean(ws,
					    (lxw_row_t)r + 1, (lxw_col_t)c,
					    strcmp(s, "true") == 0, NULL);
					continue;
				case IOP_CT_STR:
				case IOP_CT_ID:
				case IOP_CT_WEEK:
				case IOP_CT_LIST:
				default:
					break;
				}
				worksheet_write_string(ws, (lxw_row_t)r + 1,
				    (lxw_col_t)c, s, NULL);
			}
	}
	if ((rv = workbook_close(wb)) != LXW_NO_ERROR) {
		iop_seterr(e, name, 0, 0, "cannot write the workbook: %s",
		    lxw_strerror(rv));
		return -1;
	}
	return 0;
}
