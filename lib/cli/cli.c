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
	case 'o':
		out->path = arg;
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

/* -o FILE, once opened: one output a process. */
static struct iop_update	*out_upd;
static const char		*out_name;

FILE *
iop_out_fp(const struct iop_outopt *o)
{
	static char buf[1 << 16];
	struct iop_err e;

	if (out_upd != NULL)
		return iop_update_out(out_upd);
	if (o == NULL || o->path == NULL) {
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
		return stdout;
	}
	memset(&e, 0, sizeof(e));
	if ((out_upd = iop_update_begin(o->path, IOP_UPD_CREATE |
	    IOP_UPD_OUTPUT, &e)) == NULL) {
		iop_report(&e);
		exit(1);
	}
	out_name = o->path;
	return iop_update_out(out_upd);
}

const char *
iop_out_path(void)
{
	return out_upd != NULL ? iop_update_path(out_upd) : NULL;
}

struct iop_writer *
iop_out_stdout(const struct iop_outopt *o)
{
	return iop_writer_new(iop_out_fp(o), o->fmt, o->flags);
}

int
iop_finish(struct iop_writer *w, int status)
{
	struct iop_err e;
	int bad = 0;

	if (w != NULL && iop_writer_close(w) != 0)
		bad = 1;
	if (out_upd != NULL) {
		memset(&e, 0, sizeof(e));
		if (bad)
			iop_warnx("%s: write error; left as it was", out_name);
		else if (status != 0)
			iop_warnx("%s: not written, since the run failed; "
			    "left as it was", out_name);
		if (bad || status != 0)
			iop_update_abort(out_upd);
		else if (iop_update_commit(out_upd, &e) != 0) {
			iop_report(&e);
			bad = 1;
		}
		out_upd = NULL;
		if (iop_close_stdout() != 0)
			bad = 1;
		return bad ? 1 : status;
	}
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
