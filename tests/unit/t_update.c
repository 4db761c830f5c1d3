/*
 * t_update.c -- lib/io/update.c: the safe update protocol (lock, write aside,
 * fsync, rename).  Commit replaces the content and keeps the mode; abort
 * leaves the file as it was; two processes appending under the protocol
 * lose nothing; a writer killed with SIGKILL leaves the old content.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static void	t_commit_abort(void);
static void	t_create(void);
static int	append_lines(const char *, const char *, int);
static void	t_two_writers(void);
static void	t_killed(void);
static char	*read_fd(int);

/* The rest of a descriptor's content. */
static char *
read_fd(int fd)
{
	struct iop_buf b = { 0 };
	char tmp[4096];
	ssize_t n;

	iop_buf_add(&b, "", 0);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		iop_buf_add(&b, tmp, (size_t)n);
	return b.s;
}

static void
t_commit_abort(void)
{
	struct iop_update *u;
	struct iop_err e;
	struct stat st;
	char *s;
	int fd;

	memset(&e, 0, sizeof(e));
	unit_writes("u.csv", "id\n1\n");
	chmod("u.csv", 0640);
	u = iop_update_begin("u.csv", 0, &e);
	CHECK(u != NULL, "update: begin on an existing file");
	CHECK_INT(unit_count_prefix("u.csv.iop-"), 1, "update: one temporary "
	    "beside the file while updating");
	fd = iop_update_oldfd(u);
	s = read_fd(fd);
	CHECK_STR(s, "id\n1\n", "update: oldfd gives the current content");
	free(s);
	fd = iop_update_oldfd(u);
	s = read_fd(fd);
	CHECK_STR(s, "id\n1\n", "update: oldfd rewinds on each call");
	free(s);
	fputs("id\n1\n2\n", iop_update_out(u));
	s = unit_read("u.csv", NULL);
	CHECK_STR(s, "id\n1\n", "update: the file is untouched before commit");
	free(s);
	CHECK(iop_update_commit(u, &e) == 0, "update: commit succeeds");
	s = unit_read("u.csv", NULL);
	CHECK_STR(s, "id\n1\n2\n", "update: commit replaces the content");
	free(s);
	CHECK(stat("u.csv", &st) == 0 && (st.st_mode & 07777) == 0640,
	    "update: commit keeps the mode (0640)");
	CHECK_INT(unit_count_prefix("u.csv.iop-"), 0, "update: no temporary "
	    "left after commit");

	u = iop_update_begin("u.csv", 0, &e);
	CHECK(u != NULL && iop_update_copy_old(u, &e) == 0, "update: "
	    "copy_old");
	fputs("3\n", iop_update_out(u));
	CHECK(iop_update_commit(u, &e) == 0, "update: commit after copy_old");
	s = unit_read("u.csv", NULL);
	CHECK_STR(s, "id\n1\n2\n3\n", "update: copy_old then append");
	free(s);

	u = iop_update_begin("u.csv", 0, &e);
	fputs("garbage\n", iop_update_out(u));
	fflush(iop_update_out(u));
	iop_update_abort(u);
	s = unit_read("u.csv", NULL);
	CHECK_STR(s, "id\n1\n2\n3\n", "update: abort leaves the file "
	    "unchanged");
	free(s);
	CHECK_INT(unit_count_prefix("u.csv.iop-"), 0, "update: abort removes "
	    "the temporary");
	iop_update_abort(NULL);

	u = iop_update_begin("missing.csv", 0, &e);
	CHECK(u == NULL && e.file == NULL && e.line == 0,
	    "update: a missing file without CREATE fails");
	CHECK_STR(e.msg, "missing.csv: No such file or directory",
	    "update: the message names the file");
	CHECK(access("missing.csv", F_OK) != 0, "update: and does not create "
	    "it");
}

static void
t_create(void)
{
	struct iop_update *u;
	struct iop_err e;
	struct stat st;
	char *s;

	memset(&e, 0, sizeof(e));
	u = iop_update_begin("new.csv", IOP_UPD_CREATE, &e);
	CHECK(u != NULL && iop_update_oldfd(u) == -1,
	    "update: CREATE on a missing file; no old content");
	CHECK(iop_update_copy_old(u, &e) == 0, "update: copy_old of nothing");
	fputs("a\n", iop_update_out(u));
	CHECK(iop_update_commit(u, &e) == 0, "update: commit a new file");
	s = unit_read("new.csv", NULL);
	CHECK_STR(s, "a\n", "update: the new file has the content");
	free(s);
	CHECK(stat("new.csv", &st) == 0 && (st.st_mode & 07777) == 0600,
	    "update: a new file is private (0600)");

	u = iop_update_begin("new2.csv", IOP_UPD_CREATE, &e);
	fputs("x\n", iop_update_out(u));
	iop_update_abort(u);
	CHECK(access("new2.csv", F_OK) != 0 &&
	    unit_count_prefix("new2.csv") == 0,
	    "update: abort of a created file leaves no file behind");

	/* An existing empty file is not a file of records: refused. */
	unit_writes("empty.csv", "");
	u = iop_update_begin("empty.csv", IOP_UPD_CREATE, &e);
	CHECK(u == NULL, "update: an existing empty file is refused");
	CHECK_STR(e.msg, "empty.csv: empty file; remove it to start a new "
	    "list", "update: the message says how to start again");
	CHECK(access("empty.csv", F_OK) == 0 &&
	    unit_count_prefix("empty.csv.") == 0, "update: the refused empty "
	    "file is left, and no temporary");
	u = iop_update_begin("empty.csv", IOP_UPD_CREATE | IOP_UPD_OUTPUT, &e);
	CHECK(u != NULL && iop_update_oldfd(u) >= 0, "update: an empty "
	    "output file is fine");
	iop_update_abort(u);
}

/* Append n lines "tag-i" to path, one update each. */
static int
append_lines(const char *path, const char *tag, int n)
{
	struct iop_update *u;
	struct iop_err e;
	int i;

	for (i = 0; i < n; i++) {
		if ((u = iop_update_begin(path, IOP_UPD_CREATE, &e)) == NULL)
			return 1;
		if (iop_update_copy_old(u, &e) != 0) {
			iop_update_abort(u);
			return 1;
		}
		fprintf(iop_update_out(u), "%s-%d\n", tag, i);
		if (iop_update_commit(u, &e) != 0)
			return 1;
	}
	return 0;
}

static void
t_two_writers(void)
{
	pid_t pa, pb;
	int sa = -1, sb = -1, na = 0, nb = 0, ia = 0, ib = 0, lines = 0;
	int order_ok = 1;
	char *s, *line, *save;

	fflush(stdout);
	if ((pa = fork()) == 0)
		_exit(append_lines("race.csv", "a", 200));
	if ((pb = fork()) == 0)
		_exit(append_lines("race.csv", "b", 200));
	waitpid(pa, &sa, 0);
	waitpid(pb, &sb, 0);
	CHECK(WIFEXITED(sa) && WEXITSTATUS(sa) == 0 && WIFEXITED(sb) &&
	    WEXITSTATUS(sb) == 0, "update: two writers (fork) both finish");
	s = unit_read("race.csv", NULL);
	for (line = strtok_r(s != NULL ? s : "", "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lines++;
		if (line[0] == 'a' && atoi(line + 2) == ia) {
			ia++;
			na++;
		} else if (line[0] == 'b' && atoi(line + 2) == ib) {
			ib++;
			nb++;
		} else
			order_ok = 0;
	}
	free(s);
	CHECK_INT(lines, 400, "update: two writers of 200 lines each end with "
	    "400 lines");
	CHECK(na == 200 && nb == 200 && order_ok, "update: each writer's "
	    "lines all there, in order");
	CHECK_INT(unit_count_prefix("race.csv.iop-"), 0, "update: no "
	    "temporaries left by the writers");
}

static void
t_killed(void)
{
	struct iop_update *u;
	struct iop_err e;
	pid_t pid;
	int p[2], st = 0, i;
	char c = 0, *s;

	unit_writes("k.csv", "old\n");
	if (pipe(p) != 0)
		iop_err(1, "pipe");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if ((u = iop_update_begin("k.csv", 0, &e)) == NULL)
			_exit(1);
		for (i = 0; i < 10000; i++)
			fprintf(iop_update_out(u), "new line %d\n", i);
		fflush(iop_update_out(u));
		if (write(p[1], "w", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		c = 0;
	close(p[0]);
	s = unit_read("k.csv", NULL);
	CHECK(c == 'w' && s != NULL && strcmp(s, "old\n") == 0,
	    "update: mid-write, the file still has the old content");
	free(s);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	    "update: the writer was killed with SIGKILL");
	s = unit_read("k.csv", NULL);
	CHECK_STR(s, "old\n", "update: after SIGKILL the old content is "
	    "whole");
	free(s);
	CHECK_INT(unit_count_prefix("k.csv.iop-"), 1, "update: the killed "
	    "writer's temporary is left beside the file");
	memset(&e, 0, sizeof(e));
	u = iop_update_begin("k.csv", 0, &e);
	CHECK(u != NULL, "update: the lock died with the writer");
	CHECK_INT(unit_count_prefix("k.csv.iop-"), 1, "update: under the "
	    "lock, the stale temporary is gone (only the new one is there)");
	if (u != NULL) {
		fputs("next\n", iop_update_out(u));
		CHECK(iop_update_commit(u, &e) == 0, "update: the next writer "
		    "commits");
	}
	s = unit_read("k.csv", NULL);
	CHECK_STR(s, "next\n", "update: the next writer's content");
	free(s);
}

void
t_update(void)
{
	t_commit_abort();
	t_create();
	t_two_writers();
	t_killed();
}
