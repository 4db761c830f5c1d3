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

/* The printing callback: every problem on stderr, as iop_report. */
void
iop_report_cb(const struct iop_err *e, void *arg)
{
	(void)arg;
	iop_report(e);
}

void
iop_report_fail_cb(const struct iop_err *e, void *arg)
{
	int *status = arg;

	iop_report(e);
	*status = 1;
}

int
iop_read(struct iop_reader *r, struct iop_rec *rec, int *status)
{
	return iop_src_next(r, rec, iop_report_cb, NULL, status);
}

/*
 * The header of the first input that has one: an input that cannot be
 * opened is reported and the next one is tried (STYLE rule 14).
 */
int
iop_first_header(struct iop_reader *rd, int *status)
{
	return iop_src_header(rd, iop_report_cb, NULL, status);
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

	if ((r = iop_src_open(paths, n, in, iop_report_cb, NULL)) == NULL)
		exit(1);
	return r;
}

int
iop_require(struct iop_reader *r, const char *const *names)
{
	return iop_src_require(r, names, iop_report_cb, NULL);
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

	if (iop_clock_today(&t) != 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD, "
		    IOP_DATE_RANGE ")");
	return t;
}

/* An old spelling of an option, kept for one release: warn and go on. */
void
iop_deprecated(const char *old, const char *new)
{
	iop_warnx("%s is deprecated; use %s", old, new);
}

/* A number option in [min, max]; a usage error when it is not. */
long
iop_optnum(const char *opt, const char *arg, long min, long max)
{
	const char *why;
	long long v = iop_strtonum(arg, min, max, &why);

	if (why != NULL) {
		iop_warnx("%s: '%s' %s (allowed %ld-%ld)", opt, arg, why, min,
		    max);
		iop_usage(NULL);
	}
	return (long)v;
}
