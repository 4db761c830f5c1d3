/*
 * html.h -- one self-contained HTML page (inline CSS and SVG, no network)
 * for iop-report tables; a summary gets its charts.
 */
#ifndef IOP_HTML_H
#define IOP_HTML_H

#include <stdio.h>

#include "lib/report/report.h"

/* tables is NULL-terminated; subtitle is the period line. */
int	iop_html_write(FILE *, struct iop_table *const *, const char *);

#endif /* IOP_HTML_H */
