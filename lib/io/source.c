/*
 * source.c -- the read loop shared by every reader of a record file: open
 * the inputs, find the header, require columns, read records.  It owns no
 * output: each problem is a struct iop_err handed to the caller's
 * iop_report_fn, so domain code (clinic, sched, attend, ...) can read a
 * file without printing, and lib/cli adds the printing callback.
 */
#include <stdio.h>
#include <string.h>

#include "lib/io/io.h"

struct iop_reader *
iop_src_open(char *const *paths, size_t n, const struct iop_inopt *in,
    iop_report_fn *fn, void *arg)
{
	struct iop_reader *r;
	struct iop_err e;

	memset(&e, 0, sizeof(e));
	if ((r = iop_reader_open(paths, n, in->fmt, in->flags, &e)) == NULL)
		fn(&e, arg);
	return r;
}

int
iop_src_header(struct iop_reader *rd, iop_report_fn *fn, void *arg,
    int *status)
{
	struct iop_err e;
	int rv;

	for (;;) {
		memset(&e, 0, sizeof(e));
		if ((rv = iop_reader_header(rd, &e)) == IOP_OK)
			return 0;
		if (rv == IOP_EOF)
			return -1;
		fn(&e, arg);
		*status = 1;
	}
}

int
iop_src_require(struct iop_reader *r, const char *const *names,
    iop_report_fn *fn, void *arg)
{
	struct iop_hdr *h = iop_reader_hdr(r);
	size_t i;
	int rv = 0;

	for (i = 0; names[i] != NULL; i++)
		if (h == NULL || iop_hdr_find(h, names[i]) < 0) {
			iop_reportf(fn, arg, iop_reader_name(r), 1, 0,
			    "missing required column '%s'", names[i]);
			rv = -1;
		}
	return rv;
}

int
iop_src_next(struct iop_reader *r, struct iop_rec *rec, iop_report_fn *fn,
    void *arg, int *status)
{
	struct iop_err e;
	int rv;

	for (;;) {
		memset(&e, 0, sizeof(e));
		rv = iop_reader_next(r, rec, &e);
		if (rv == IOP_OK)
			return 1;
		if (rv == IOP_EOF)
			return 0;
		fn(&e, arg);
		*status = 1;
	}
}
