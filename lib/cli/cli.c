/*
 * cli.c -- glue that every command's main() would otherwise repeat: the
 * shared input and output options, usage and version, and the read loop
 * that reports rejected records.  With diag.c, the only lib/ module that
 * prints; it exits only for usage errors (status 2).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"

static void	sel_missing(const char *, void *);

int
iop_opt_common(int ch, const char *arg, struct iop_inopt *in,
    struct iop_outopt *out)
{
	switch (ch) {
	case IOP_OPT_BOM:
		out->flags |= IOP_WR_BOM;
		return 1;
	case IOP_OPT_CRLF:
		out->flags |= IOP_WR_CRLF;
		return 1;
	case 'j':
	case IOP_OPT_JSON:
		out->fmt = IOP_FMT_JSONL;
		return 1;
	case IOP_OPT_QUOTE_ALL:
		out->flags |= IOP_WR_QUOTE_ALL;
		return 1;
	case IOP_OPT_LENIENT:
		in->flags |= IOP_RD_LENIENT;
		return 1;
	case IOP_OPT_INPUT_FMT:
		if (strcmp(arg, "csv") == 0)
			in->fmt = IOP_FMT_CSV;
		else if (strcmp(arg, "jsonl") == 0 || strcmp(arg, "json") == 0)
			in->fmt = IOP_FMT_JSONL;
		else {
			iop_warnx("--input-format: '%s' is not csv or jsonl",
			    arg);
			iop_usage(NULL);
		}
		return 1;
	default:
		return 0;
	}
}

/* Print the usage line (if given) and a hint, then exit 2. */
void
iop_usage(const char *synopsis)
{
	if (synopsis != NULL)
		fprintf(stderr, "usage: %s\n", synopsis);
	fprintf(stderr, "Try '%s --help' for more information.\n",
	    iop_getprogname());
	exit(2);
}

void
iop_version(void)
{
	printf("%s %s\n", iop_getprogname(), IOP_VERSION);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

struct iop_writer *
iop_out_stdout(const struct iop_outopt *o)
{
	static char buf[1 << 16];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	return iop_writer_new(stdout, o->fmt, o->flags);
}

int
iop_finish(struct iop_writer *w, int status)
{
	int bad = 0;

	if (w != NULL && iop_writer_close(w) != 0)
		bad = 1;
	if (iop_close_stdout() != 0)
		bad = 1;
	else if (bad)
		iop_warnx("write error on standard output");
	return bad ? 1 : status;
}

int
iop_read(struct iop_reader *r, struct iop_rec *rec, int *status)
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
		iop_report(&e);
		*status = 1;
	}
}

/*
 * The header of the first input that has one: an input that cannot be
 * opened is reported and the next one is tried (STYLE rule 14).
 */
int
iop_first_header(struct iop_reader *rd, int *status)
{
	struct iop_err e;
	int rv;

	for (;;) {
		memset(&e, 0, sizeof(e));
		if ((rv = iop_reader_header(rd, &e)) == IOP_OK)
			return 0;
		if (rv == IOP_EOF)
			return -1;
		iop_report(&e);
		*status = 1;
	}
}

/* An unknown column of a selection option. */
struct sel_missing {
	const char	*opt;
	const char	*name;
};

static void
sel_missing(const char *col, void *arg)
{
	struct sel_missing *m = arg;

	iop_warnx("%s: no column '%s' in %s", m->opt, col, m->name);
}

int
iop_opt_select(struct iop_sel *s, struct iop_reader *rd, const char *opt,
    const char *list)
{
	struct sel_missing m;

	m.opt = opt;
	m.name = iop_reader_name(rd);
	return iop_sel_parse(s, iop_reader_hdr(rd), list, sel_missing, &m);
}

struct iop_reader *
iop_open_inputs(char *const *paths, size_t n, const struct iop_inopt *in)
{
	struct iop_reader *r;
	struct iop_err e;

	memset(&e, 0, sizeof(e));
	if ((r = iop_reader_open(paths, n, in->fmt, in->flags, &e)) == NULL) {
		iop_report(&e);
		exit(1);
	}
	return r;
}

int
iop_require(struct iop_reader *r, const char *const *names)
{
	struct iop_hdr *h = iop_reader_hdr(r);
	size_t i;
	int rv = 0;

	for (i = 0; names[i] != NULL; i++)
		if (h == NULL || iop_hdr_find(h, names[i]) < 0) {
			iop_warnx_at(iop_reader_name(r), 1, 0,
			    "missing required column '%s'", names[i]);
			rv = -1;
		}
	return rv;
}

/* A date given as an option's argument, or exit 2 naming the option. */
long
iop_optdate(const char *opt, const char *arg)
{
	long d;

	if (iop_date_parse(arg, &d) != 0) {
		iop_warnx("%s: '%s' is not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")", opt, arg);
		iop_usage(NULL);
	}
	return d;
}

/* Today (IOP_TODAY pins it), or exit 2 when IOP_TODAY is not a date. */
long
iop_opttoday(void)
{
	long t;

	if (iop_today(&t) != 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")");
	return t;
}
