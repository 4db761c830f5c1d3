/*
 * main.c -- the unit test runner: makes a scratch directory, runs each
 * module's tests in it, removes it, and prints "# unit tests done".
 * Exit status 1 when any check failed.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static int	 nchecks;
static int	 nfailed;
static char	 tmpdir[4096];
static char	 topdir[4096];

static void	 quote(const char *, const char *, size_t);
static void	 cleanup(void);

static void
quote(const char *what, const char *s, size_t n)
{
	size_t i;

	printf("#   %s: ", what);
	if (s == NULL) {
		printf("NULL\n");
		return;
	}
	putchar('"');
	for (i = 0; i < n && i < 400; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"%s\n", n > 400 ? "..." : "");
}

int
unit_check(int ok, const char *name, const char *file, int line)
{
	nchecks++;
	if (ok)
		printf("ok %d - %s\n", nchecks, name);
	else {
		nfailed++;
		printf("not ok %d - %s\n#   at %s:%d\n", nchecks, name, file,
		    line);
	}
	fflush(stdout);
	return ok;
}

int
unit_check_str(const char *got, const char *want, const char *name,
    const char *file, int line)
{
	int ok = got != NULL && want != NULL ? strcmp(got, want) == 0 :
	    got == want;

	if (!unit_check(ok, name, file, line)) {
		quote("got ", got, got != NULL ? strlen(got) : 0);
		quote("want", want, want != NULL ? strlen(want) : 0);
	}
	return ok;
}

int
unit_check_mem(const char *got, size_t glen, const char *want, size_t wlen,
    const char *name, const char *file, int line)
{
	int ok = got != NULL && glen == wlen && memcmp(got, want, wlen) == 0;

	if (!unit_check(ok, name, file, line)) {
		quote("got ", got, glen);
		quote("want", want, wlen);
	}
	return ok;
}

int
unit_check_long(long long got, long long want, const char *name,
    const char *file, int line)
{
	int ok = got == want;

	if (!unit_check(ok, name, file, line))
		printf("#   got %lld, want %lld\n", got, want);
	return ok;
}

void
unit_note(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* The directory the runner was started in: the source tree's top. */
const char *
unit_topdir(void)
{
	return topdir;
}

const char *
unit_tmpdir(void)
{
	return tmpdir;
}

void
unit_write(const char *path, const void *p, size_t n)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(p, 1, n, fp) != n || fclose(fp) != 0)
		iop_err(1, "%s", path);
}

void
unit_writes(const char *path, const char *s)
{
	unit_write(path, s, strlen(s));
}

/* The whole file, NUL-terminated; NULL if it cannot be read. */
char *
unit_read(const char *path, size_t *lenp)
{
	struct iop_buf b = { 0 };
	char tmp[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	iop_buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		iop_buf_add(&b, tmp, n);
	fclose(fp);
	if (lenp != NULL)
		*lenp = b.len;
	return b.s;
}

/* How many entries of the scratch directory start with prefix. */
size_t
unit_count_prefix(const char *prefix)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	if ((d = opendir(".")) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

static void
cleanup(void)
{
	struct dirent *de;
	DIR *d;

	if (tmpdir[0] == '\0' || (d = opendir(tmpdir)) == NULL)
		return;
	if (chdir(tmpdir) == 0) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				unlink(de->d_name);
	}
	closedir(d);
	if (chdir("/") == 0)
		rmdir(tmpdir);
}

int
main(int argc, char *argv[])
{
	const char *t = getenv("TMPDIR");

	(void)argc;
	iop_setprogname(argv[0]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(tmpdir, sizeof(tmpdir), "%s/iop-unit.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (getcwd(topdir, sizeof(topdir)) == NULL)
		iop_err(1, "getcwd");
	if (mkdtemp(tmpdir) == NULL || chdir(tmpdir) != 0)
		iop_err(1, "%s", tmpdir);
	unsetenv("IOP_TODAY");
	t_field();
	t_rec();
	t_io();
	t_update();
	t_diag();
	t_appt();
	t_clinic();
	t_fit();
	t_wday();
	t_map();
	t_sort();
	cleanup();
	printf("# %d checks, %d failed\n", nchecks, nfailed);
	printf("# unit tests done\n");
	return nfailed != 0;
}
