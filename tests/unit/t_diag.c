/*
 * t_diag.c -- lib/base/diag.c (iop_seterr, iop_report and the warn family,
 * checked by capturing standard error) and lib/base/str.c (squeeze, key, list
 * iteration, FNV-1a hash), plus struct iop_buf.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static void	 t_seterr(void);
static void	 t_report(void);
static void	 t_str(void);
static void	 t_buf(void);
static int	 collect(const char *, size_t, void *);
static int	 stop_at_b(const char *, size_t, void *);
static char	*squeeze(const char *, size_t *);
static void	 capture_begin(void);
static char	*capture_end(void);

static int	 saved_fd = -1;

static void
t_seterr(void)
{
	struct iop_err e;
	char longmsg[400];

	memset(&e, 0, sizeof(e));
	iop_seterr(&e, "roster.csv", 42, 3, "field '%s': %s %d", "date",
	    "bad", 7);
	CHECK(e.file != NULL && strcmp(e.file, "roster.csv") == 0 &&
	    e.line == 42 && e.col == 3, "seterr: file, line and column");
	CHECK_STR(e.msg, "field 'date': bad 7", "seterr: message formatted");
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	iop_seterr(&e, NULL, 0, 0, "%s!", longmsg);
	CHECK(e.file == NULL && strlen(e.msg) == sizeof(e.msg) - 1 &&
	    e.msg[254] == 'm', "seterr: a long message is cut at 255 bytes");
	iop_seterr(NULL, "x", 1, 1, "ignored");
	CHECK(1, "seterr: a NULL error struct is ignored");
}

static void
capture_begin(void)
{
	fflush(stderr);
	saved_fd = dup(STDERR_FILENO);
	if (freopen("stderr.txt", "w", stderr) == NULL)
		iop_err(1, "stderr.txt");
}

static char *
capture_end(void)
{
	fflush(stderr);
	dup2(saved_fd, STDERR_FILENO);
	close(saved_fd);
	clearerr(stderr);
	return unit_read("stderr.txt", NULL);
}

static void
t_report(void)
{
	struct iop_err e;
	const char *old = iop_getprogname();
	char *s;

	iop_setprogname("/usr/local/bin/iop-test");
	CHECK_STR(iop_getprogname(), "iop-test", "setprogname: basename");
	capture_begin();
	memset(&e, 0, sizeof(e));
	iop_seterr(&e, "a.csv", 3, 2, "first");
	iop_report(&e);
	iop_seterr(&e, "a.csv", 3, 0, "second");
	iop_report(&e);
	iop_seterr(&e, "a.csv", 0, 0, "third");
	iop_report(&e);
	iop_seterr(&e, NULL, 0, 0, "fourth");
	iop_report(&e);
	iop_seterr(&e, NULL, 5, 1, "fifth");
	iop_report(&e);
	iop_warnx_at("b.csv", 0, 4, "col without line");
	errno = ENOENT;
	iop_warn("open %s", "x.csv");
	iop_warnx("plain %d", 1);
	errno = EACCES;
	iop_warn(NULL);
	s = capture_end();
	CHECK_STR(s, "iop-test: a.csv:3:2: first\n"
	    "iop-test: a.csv:3: second\n"
	    "iop-test: a.csv: third\n"
	    "iop-test: fourth\n"
	    "iop-test: <stdin>:5:1: fifth\n"
	    "iop-test: b.csv: col without line\n"
	    "iop-test: open x.csv: No such file or directory\n"
	    "iop-test: plain 1\n"
	    "iop-test: Permission denied\n",
	    "report/warn: one shape, prog: file:line:col: message");
	free(s);
	iop_setprogname(old);
	iop_setprogname(NULL);
	CHECK_STR(iop_getprogname(), old, "setprogname: NULL keeps the name");
}

static char *
squeeze(const char *in, size_t *n)
{
	char *s = estrdup(in);

	*n = iop_str_squeeze(s);
	return s;
}

static int
collect(const char *s, size_t n, void *arg)
{
	struct iop_buf *b = arg;

	iop_buf_addc(b, '[');
	iop_buf_add(b, s, n);
	iop_buf_addc(b, ']');
	return 0;
}

static int
stop_at_b(const char *s, size_t n, void *arg)
{
	(*(int *)arg)++;
	return n == 1 && *s == 'b' ? 7 : 0;
}

static void
t_str(void)
{
	struct iop_buf b = { 0 };
	char *s, key[64];
	size_t n;
	int calls = 0;

	s = squeeze("  a   b \t c  ", &n);
	CHECK(strcmp(s, "a b c") == 0 && n == 5, "squeeze: trims and "
	    "collapses space and tab runs");
	free(s);
	s = squeeze("\r\n x\ny \v\f", &n);
	CHECK(strcmp(s, "x y") == 0 && n == 3, "squeeze: CR, LF, VT, FF are "
	    "space");
	free(s);
	s = squeeze("   ", &n);
	CHECK(*s == '\0' && n == 0, "squeeze: only space gives \"\"");
	free(s);
	s = squeeze("", &n);
	CHECK(*s == '\0' && n == 0, "squeeze: empty");
	free(s);
	s = squeeze("caf\xc3\xa9\xc2\xa0x", &n);
	CHECK(strcmp(s, "caf\xc3\xa9\xc2\xa0x") == 0 && n == 8,
	    "squeeze: UTF-8 bytes (even NBSP) untouched");
	free(s);

	strcpy(key, "  Part-Time   Day ");
	iop_str_key(key);
	CHECK_STR(key, "part_time_day", "str_key: lower, space and hyphen "
	    "to _");
	strcpy(key, "\xc3\x89TAT-X");
	iop_str_key(key);
	CHECK_STR(key, "\xc3\x89tat_x", "str_key: only ASCII is lowered");
	strcpy(key, "ABC xyz");
	iop_str_lower(key);
	CHECK_STR(key, "abc xyz", "str_lower");

	iop_buf_add(&b, "", 0);
	CHECK(iop_list_each(" a ; b;;c ;  ", collect, &b) == 0,
	    "list_each: returns 0 when every call does");
	CHECK_STR(b.s, "[a][b][c]", "list_each: trimmed, empty items "
	    "skipped");
	iop_buf_reset(&b);
	iop_list_each("", collect, &b);
	iop_list_each(" ; ;", collect, &b);
	CHECK_INT(b.len, 0, "list_each: no items in \"\" or \" ; ;\"");
	iop_list_each("one item", collect, &b);
	CHECK_STR(b.s, "[one item]", "list_each: a single item keeps inner "
	    "space");
	CHECK(iop_list_each("a;b;c", stop_at_b, &calls) == 7 && calls == 2,
	    "list_each: stops at the first nonzero return and returns it");
	iop_buf_free(&b);

	/* FNV-1a 64-bit test vectors (Fowler, Noll, Vo). */
	CHECK(iop_hash("", 0) == 0xcbf29ce484222325ULL,
	    "hash: FNV-1a of \"\" is the offset basis cbf29ce484222325");
	CHECK(iop_hash("a", 1) == 0xaf63dc4c8601ec8cULL,
	    "hash: FNV-1a of \"a\" is af63dc4c8601ec8c");
	CHECK(iop_hash("foobar", 6) == 0x85944171f73967e8ULL,
	    "hash: FNV-1a of \"foobar\" is 85944171f73967e8");
	CHECK(iop_hash("ab", 2) != iop_hash("ba", 2) &&
	    iop_hash("a\0b", 3) != iop_hash("a", 1),
	    "hash: order and embedded NUL matter");
}

static void
t_buf(void)
{
	struct iop_buf b = { 0 };
	size_t i;

	iop_buf_printf(&b, "%d-%s", 5, "x");
	CHECK(strcmp(b.s, "5-x") == 0 && b.len == 3, "buf: printf");
	iop_buf_addc(&b, '!');
	iop_buf_adds(&b, "ok");
	CHECK(strcmp(b.s, "5-x!ok") == 0 && b.len == 6, "buf: addc, adds");
	for (i = 0; i < 1000; i++)
		iop_buf_printf(&b, "%04zu", i);
	CHECK(b.len == 4006 && strncmp(b.s + 4002, "0999", 4) == 0 &&
	    b.s[b.len] == '\0', "buf: grows and stays terminated");
	iop_buf_reset(&b);
	CHECK(b.len == 0 && b.s[0] == '\0' && b.cap > 4006,
	    "buf: reset keeps the memory");
	iop_buf_free(&b);
	CHECK(b.s == NULL && b.len == 0 && b.cap == 0, "buf: free");
}

void
t_diag(void)
{
	t_seterr();
	t_report();
	t_str();
	t_buf();
}
