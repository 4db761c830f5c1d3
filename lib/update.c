/*
 * update.c -- safe file update.  A file is never written in place: the new
 * content goes to a temporary file in the same directory, which is
 * flushed, fsynced, given the old file's mode and renamed over it, and the
 * directory is fsynced.  A killed process leaves the old file whole.
 *
 * Writers serialise on an exclusive flock(2) of the file itself.  Because
 * the rename replaces the inode, a writer that waited for the lock checks
 * that the path still names the inode it locked, and starts again if not;
 * so a cron import and a person's correction both land, one after the
 * other.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"

struct iop_update {
	char	*path;
	char	*tmp;
	int	 lockfd;
	int	 existed;
	int	 created;	/* by begin: abort removes it again */
	mode_t	 mode;
	FILE	*out;
};

static int	fsync_dir(const char *);

struct iop_update *
iop_update_begin(const char *path, int flags, struct iop_err *e)
{
	struct iop_update *u;
	struct stat a, b;
	char *real;
	size_t len;
	int fd, tfd, created;

	/* Update a symbolic link's target, not the link. */
	if ((real = realpath(path, NULL)) != NULL)
		path = real;

	for (;;) {
		created = 0;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT && (flags & IOP_UPD_CREATE)) {
			fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			    0600);
			if (fd < 0 && errno == EEXIST)
				continue;
			created = 1;
		}
		if (fd < 0) {
			iop_seterr(e, NULL, 0, 0, "%s: %s", path,
			    strerror(errno));
			free(real);
			return NULL;
		}
		while (flock(fd, LOCK_EX) != 0) {
			if (errno != EINTR) {
				iop_seterr(e, NULL, 0, 0, "%s: lock: %s", path,
				    strerror(errno));
				close(fd);
				free(real);
				return NULL;
			}
		}
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		/* Replaced while we waited: lock the new file instead. */
		close(fd);
	}
	u = ecalloc(1, sizeof(*u));
	u->path = estrdup(path);
	free(real);
	path = u->path;
	u->lockfd = fd;
	u->existed = !created || a.st_size > 0;
	u->created = created;
	u->mode = created ? 0600 : (a.st_mode & 07777);
	len = strlen(path) + 16;
	u->tmp = emalloc(len);
	snprintf(u->tmp, len, "%s.iop-XXXXXX", path);
	if ((tfd = mkstemp(u->tmp)) < 0) {
		iop_seterr(e, NULL, 0, 0, "%s: cannot create a temporary "
		    "file beside it: %s", path, strerror(errno));
		close(fd);
		free(u->tmp);
		free(u->path);
		free(u);
		return NULL;
	}
	if ((u->out = fdopen(tfd, "w")) == NULL)
		iop_err(1, "fdopen");
	return u;
}

int
iop_update_oldfd(struct iop_update *u)
{
	if (!u->existed)
		return -1;
	lseek(u->lockfd, 0, SEEK_SET);
	return u->lockfd;
}

FILE *
iop_update_out(struct iop_update *u)
{
	return u->out;
}

int
iop_update_copy_old(struct iop_update *u, struct iop_err *e)
{
	char buf[65536];
	ssize_t n;
	int fd;

	if ((fd = iop_update_oldfd(u)) < 0)
		return 0;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			iop_seterr(e, NULL, 0, 0, "%s: %s", u->path,
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		if (fwrite(buf, 1, (size_t)n, u->out) != (size_t)n) {
			iop_seterr(e, NULL, 0, 0, "%s: write: %s", u->tmp,
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int
fsync_dir(const char *path)
{
	char *copy, *dir;
	int fd, rv = 0;

	copy = estrdup(path);
	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		if (fsync(fd) != 0 && errno != EINVAL)
			rv = -1;
		close(fd);
	}
	free(copy);
	return rv;
}

int
iop_update_commit(struct iop_update *u, struct iop_err *e)
{
	int rv = -1;

	if (fflush(u->out) != 0 || ferror(u->out)) {
		iop_seterr(e, NULL, 0, 0, "%s: write: %s; the file is "
		    "unchanged", u->path, strerror(errno ? errno : EIO));
		goto out;
	}
	if (fsync(fileno(u->out)) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: fsync: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	if (fchmod(fileno(u->out), u->mode) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: chmod: %s", u->path,
		    strerror(errno));
		goto out;
	}
	if (fclose(u->out) != 0) {
		u->out = NULL;
		iop_seterr(e, NULL, 0, 0, "%s: write: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	u->out = NULL;
	if (rename(u->tmp, u->path) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: rename: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	free(u->tmp);
	u->tmp = NULL;
	(void)fsync_dir(u->path);
	rv = 0;
out:
	iop_update_abort(u);
	return rv;
}

void
iop_update_abort(struct iop_update *u)
{
	if (u == NULL)
		return;
	/*
	 * A file that begin created and nobody committed goes again, while
	 * we still hold the lock: a writer waiting for it sees the path gone
	 * and starts over.
	 */
	if (u->created && u->tmp != NULL)
		unlink(u->path);
	if (u->out != NULL)
		fclose(u->out);
	if (u->tmp != NULL) {
		unlink(u->tmp);
		free(u->tmp);
	}
	/* Closing the descriptor releases the lock. */
	close(u->lockfd);
	free(u->path);
	free(u);
}
