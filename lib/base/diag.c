/*
 * diag.c -- diagnostics with err(3) meaning, in one shape everywhere:
 * "iop-<tool>: <file>:<line>:<col>: <message>".  The non-x forms append
 * strerror(errno); the err forms exit.  Nothing else in lib/ prints.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/base.h"

static const char *progname = "iop";

/*
 * One bad file must not bury everything else in cron mail: after
 * IOP_MSG_MAX located messages about one file, the rest are counted, and
 * the count is printed when the next file is reported on, or at exit.
 */
#define IOP_MSG_MAX	100

static struct {
	char		*file;		/* the file being counted */
	unsigned long	 n;		/* located messages about it */
	int		 hooked;	/* atexit done */
} cap;

static void	vwarnc(int, const char *, va_list);
static void	cap_flush(void);
static int	cap_take(const char *);

void
iop_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL)
		return;
	p = strrchr(argv0, '/');
	progname = p != NULL ? p + 1 : argv0;
}

const char *
iop_getprogname(void)
{
	return progname;
}

static void
vwarnc(int code, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (fmt != NULL)
		vfprintf(stderr, fmt, ap);
	if (code >= 0)
		fprintf(stderr, "%s%s", fmt != NULL ? ": " : "",
		    strerror(code));
	fputc('\n', stderr);
}

void
iop_warn(const char *fmt, ...)
{
	va_list ap;
	int code = errno;

	va_start(ap, fmt);
	vwarnc(code, fmt, ap);
	va_end(ap);
}

void
iop_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnc(-1, fmt, ap);
	va_end(ap);
}

void
iop_err(int status, const char *fmt, ...)
{
	va_list ap;
	int code = errno;

	va_start(ap, fmt);
	vwarnc(code, fmt, ap);
	va_end(ap);
	exit(status);
}

void
iop_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnc(-1, fmt, ap);
	va_end(ap);
	exit(status);
}

/* The count of messages left out about the file being counted. */
static void
cap_flush(void)
{
	if (cap.file != NULL && cap.n > IOP_MSG_MAX) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %lu more problems not shown (only the "
		    "first %d are)\n", progname, cap.file, cap.n - IOP_MSG_MAX,
		    IOP_MSG_MAX);
	}
	free(cap.file);
	cap.file = NULL;
	cap.n = 0;
}

/* Whether a located message about file is still shown. */
static int
cap_take(const char *file)
{
	if (file == NULL)
		file = "<stdin>";
	if (cap.file == NULL || strcmp(cap.file, file) != 0) {
		cap_flush();
		if ((cap.file = strdup(file)) == NULL)
			return 1;
		if (!cap.hooked)
			cap.hooked = atexit(cap_flush) == 0;
	}
	return ++cap.n <= IOP_MSG_MAX;
}

void
iop_warnx_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (line > 0 && !cap_take(file))
		return;
	fflush(stdout);
	fprintf(stderr, "%s: %s", progname, file != NULL ? file : "<stdin>");
	if (line > 0)
		fprintf(stderr, ":%zu", line);
	if (line > 0 && col > 0)
		fprintf(stderr, ":%zu", col);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
iop_report(const struct iop_err *e)
{
	if (e->file == NULL && e->line == 0)
		iop_warnx("%s", e->msg);
	else
		iop_warnx_at(e->file, e->line, e->col, "%s", e->msg);
}

void
iop_seterr(struct iop_err *e, const char *file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	e->file = file;
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void
iop_vseterr_path(struct iop_err *e, const char *file, const char *path,
    const char *fmt, va_list ap)
{
	char msg[sizeof(e->msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (path != NULL && *path != '\0')
		iop_seterr(e, file, 0, 0, "%s: %s", path, msg);
	else
		iop_seterr(e, file, 0, 0, "%s", msg);
}

/* Fill an error and hand it to fn. */
void
iop_reportf(iop_report_fn *fn, void *arg, const char *file, size_t line,
    size_t col, const char *fmt, ...)
{
	struct iop_err e;
	va_list ap;

	memset(&e, 0, sizeof(e));
	e.file = file;
	e.line = line;
	e.col = col;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	fn(&e, arg);
}

/*
 * Prove that standard output was written: flush, check the error flag and
 * close.  Returns 0, or -1 after a diagnostic.
 */
int
iop_close_stdout(void)
{
	static int closed, result;
	int bad;

	/* Idempotent: glue that already closed it reports the same result. */
	if (closed)
		return result;
	closed = 1;
	bad = fflush(stdout) != 0;
	bad |= ferror(stdout) != 0;
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		if (errno == 0)
			errno = EIO;
		iop_warn("write error on standard output");
		return result = -1;
	}
	return 0;
}

void
iop_bug(const char *file, int line, const char *why)
{
	fflush(stdout);
	fprintf(stderr, "%s: internal error at %s:%d: %s\n", progname, file,
	    line, why);
	abort();
}
