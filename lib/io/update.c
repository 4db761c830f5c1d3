/*
 * update.c -- safe file update and safe output files.  A file is never
 * written in place: the new content goes to a temporary file in the same
 * directory, named "<file>.iop-tmp-XXXXXX", which is flushed, fsynced, given
 * the old file's group and mode (0600 for a new file) and renamed over it,
 * and the directory is fsynced.  A new file is linked into place only when
 * complete.  A killed process leaves the old file whole, or no file.
 *
 * Only a regular file is updated, never through a symbolic link: a link
 * planted at the file's name would otherwise have the health information
 * written wherever it points.  An output (IOP_UPD_OUTPUT) that exists and
 * is not a regular file (a FIFO, /dev/null, a terminal) is written
 * directly instead.
 *
 * Writers of an existing file serialise on an exclusive flock(2) of the
 * file itself.  Because the rename replaces the inode, a writer that
 * waited for the lock checks that the path still names the inode it
 * locked, and starts again if not; so a cron import and a person's
 * correction both land, one after the other.  Writers creating a file
 * that does not exist yet lock its directory instead, and hold that lock
 * until the file is in place; a writer that finds the file there once it
 * has the directory lock goes back to locking the file.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/io/io.h"

struct iop_update {
	char	*path;
	char	*tmp;		/* NULL once in place (or written directly) */
	int	 lockfd;	/* the old file, locked; -1 if none */
	int	 dirfd;		/* the directory, locked while creating */
	int	 existed;
	int	 direct;	/* an output that is not a regular file */
	mode_t	 mode;
	FILE	*out;
};

#define TMP_MARK	".iop-tmp-"
#define TMP_SUFFIX	TMP_MARK "XXXXXX"

static int	lock(int, const char *, struct iop_err *);
static int	open_dir(const char *, struct iop_err *);
static int	refuse(const char *, const struct stat *, int,
		    struct iop_err *);
static void	open_err(const char *, struct iop_err *);
static int	is_stale_name(const char *, const char *, size_t);
static void	remove_stale(int, const char *);
static struct iop_update *begin_direct(const char *, struct iop_err *);
static int	make_tmp(struct iop_update *, const struct stat *,
		    struct iop_err *);
static int	place(struct iop_update *, struct iop_err *);
static int	fsync_dir(const char *);

static int
lock(int fd, const char *path, struct iop_err *e)
{
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			iop_seterr(e, NULL, 0, 0, "%s: lock: %s", path,
			    strerror(errno));
			return -1;
		}
	return 0;
}

/* The directory holding path, opened for its lock; errors name path. */
static int
open_dir(const char *path, struct iop_err *e)
{
	char *copy;
	int fd;

	copy = estrdup(path);
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		iop_seterr(e, NULL, 0, 0, "%s: %s", path, strerror(errno));
	free(copy);
	return fd;
}

/* Whether st, found at path, may be updated; -1 with *e if not. */
static int
refuse(const char *path, const struct stat *st, int flags,
    struct iop_err *e)
{
	if (S_ISLNK(st->st_mode))
		iop_seterr(e, NULL, 0, 0, "%s: is a symbolic link; name the "
		    "file itself", path);
	else if (S_ISDIR(st->st_mode) ||
	    (!S_ISREG(st->st_mode) && !(flags & IOP_UPD_OUTPUT)))
		iop_seterr(e, NULL, 0, 0, "%s: not a regular file", path);
	else if (S_ISREG(st->st_mode) && st->st_size == 0 &&
	    !(flags & IOP_UPD_OUTPUT))
		iop_seterr(e, NULL, 0, 0, "%s: empty file; remove it to "
		    "start a new list", path);
	else
		return 0;
	return -1;
}

/* open(2) of path with O_NOFOLLOW failed. */
static void
open_err(const char *path, struct iop_err *e)
{
	struct stat st;

	if (errno == ELOOP) {
		st.st_mode = S_IFLNK;
		(void)refuse(path, &st, 0, e);
	} else
		iop_seterr(e, NULL, 0, 0, "%s: %s", path, strerror(errno));
}

/*
 * name is base, TMP_MARK and the 6 characters of mkstemp.  The marker is
 * long so that a person's own "list.csv.iop-backup" is never taken for
 * one of ours.
 */
static int
is_stale_name(const char *name, const char *base, size_t n)
{
	size_t i, m = sizeof(TMP_MARK) - 1;

	if (strncmp(name, base, n) != 0 || strncmp(name + n, TMP_MARK, m) != 0)
		return 0;
	name += n + m;
	for (i = 0; i < 6; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return name[6] == '\0';
}

/*
 * Remove the temporaries that killed writers of path left in its
 * directory (dfd): each is a full copy of the file.  The caller holds the
 * directory's lock, and the file's lock when the file exists.  That makes
 * it race-free: a temporary is only made by a writer holding the file's
 * lock (after its inode re-check), or the directory's lock when it
 * creates the file, and only before it releases that lock is it renamed
 * or removed.  Holding both, no other writer of path can have a live
 * temporary, so every one found is stale.  (A process outside the
 * protocol that removes or creates the file during an update can make a
 * writer's commit fail; it never makes one clobber another.)
 */
static void
remove_stale(int dfd, const char *path)
{
	struct dirent *de;
	struct stat st;
	const char *base;
	size_t n;
	DIR *d;
	int fd;

	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	n = strlen(base);
	if ((fd = dup(dfd)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		/* Only our own: a regular file this user made. */
		if (is_stale_name(de->d_name, base, n) &&
		    fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			(void)unlinkat(fd, de->d_name, 0);
	closedir(d);
}

/* An output that is not a regular file: written as it is, no rename. */
static struct iop_update *
begin_direct(const char *path, struct iop_err *e)
{
	struct iop_update *u;
	struct stat st;
	int fd;

	if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		open_err(path, e);
		return NULL;
	}
	if (fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) ||
	    S_ISDIR(st.st_mode))) {
		/* Replaced since lstat: refuse rather than truncate. */
		iop_seterr(e, NULL, 0, 0, "%s: changed while it was being "
		    "opened; try again", path);
		close(fd);
		return NULL;
	}
	u = ecalloc(1, sizeof(*u));
	u->path = estrdup(path);
	u->lockfd = u->dirfd = -1;
	u->direct = 1;
	if ((u->out = fdopen(fd, "w")) == NULL) {
		iop_seterr(e, NULL, 0, 0, "%s: fdopen: %s", path,
		    strerror(errno));
		close(fd);
		free(u->path);
		free(u);
		return NULL;
	}
	return u;
}

/*
 * The temporary beside the file, with the old file's group (old != NULL):
 * chown may clear mode bits, so the mode is set at commit, after it.
 */
static int
make_tmp(struct iop_update *u, const struct stat *old, struct iop_err *e)
{
	struct stat st;
	size_t len;
	int tfd;

	len = strlen(u->path) + sizeof(TMP_SUFFIX);
	u->tmp = emalloc(len);
	snprintf(u->tmp, len, "%s%s", u->path, TMP_SUFFIX);
	if ((tfd = mkstemp(u->tmp)) < 0) {
		iop_seterr(e, NULL, 0, 0, "%s: cannot create a temporary "
		    "file beside it: %s", u->path, strerror(errno));
		free(u->tmp);
		u->tmp = NULL;
		return -1;
	}
	if ((u->out = fdopen(tfd, "w")) == NULL) {
		iop_seterr(e, NULL, 0, 0, "%s: fdopen: %s", u->tmp,
		    strerror(errno));
		close(tfd);
		(void)unlink(u->tmp);
		free(u->tmp);
		u->tmp = NULL;
		return -1;
	}
	if (old != NULL && fstat(tfd, &st) == 0 && st.st_gid != old->st_gid &&
	    fchown(tfd, (uid_t)-1, old->st_gid) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: cannot keep its group: %s; "
		    "the file is unchanged", u->path, strerror(errno));
		return -1;
	}
	return 0;
}

struct iop_update *
iop_update_begin(const char *path, int flags, struct iop_err *e)
{
	struct iop_update *u;
	struct stat a, b;
	int fd = -1, dfd = -1;

	for (;;) {
		if (lstat(path, &a) != 0) {
			if (errno != ENOENT || !(flags & IOP_UPD_CREATE)) {
				iop_seterr(e, NULL, 0, 0, "%s: %s", path,
				    strerror(errno));
				goto fail;
			}
			/* No file yet: creators serialise on the directory. */
			if ((dfd = open_dir(path, e)) < 0 ||
			    lock(dfd, path, e) != 0)
				goto fail;
			if (lstat(path, &a) != 0 && errno == ENOENT)
				break;
			close(dfd);
			dfd = -1;
			continue;
		}
		if (refuse(path, &a, flags, e) != 0)
			goto fail;
		if (!S_ISREG(a.st_mode))
			return begin_direct(path, e);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0) {
			open_err(path, e);
			goto fail;
		}
		if (lock(fd, path, e) != 0)
			goto fail;
		if (fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			/* Not regular now: swapped since lstat; refuse. */
			if (refuse(path, &a, S_ISREG(a.st_mode) ? flags : 0,
			    e) != 0)
				goto fail;
			break;
		}
		/* Replaced while we waited: lock the new file instead. */
		close(fd);
		fd = -1;
	}
	/* With the file's lock, the directory's for the stale sweep. */
	if (fd >= 0 && ((dfd = open_dir(path, e)) < 0 ||
	    lock(dfd, path, e) != 0))
		goto fail;
	remove_stale(dfd, path);
	u = ecalloc(1, sizeof(*u));
	u->path = estrdup(path);
	u->lockfd = fd;
	u->existed = fd >= 0;
	u->mode = fd >= 0 ? (a.st_mode & 07777) : 0600;
	if (fd >= 0) {
		close(dfd);	/* a creator may go on */
		dfd = -1;
	}
	u->dirfd = dfd;
	if (make_tmp(u, fd >= 0 ? &a : NULL, e) != 0) {
		iop_update_abort(u);
		return NULL;
	}
	return u;
fail:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return NULL;
}

const char *
iop_update_path(struct iop_update *u)
{
	return u->direct ? u->path : u->tmp;
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
		iop_seterr(e, NULL, 0, 0, "%s: write: %s%s", u->path,
		    strerror(errno ? errno : EIO), u->direct ? "" :
		    "; the file is unchanged");
		goto out;
	}
	if (u->direct) {
		rv = fclose(u->out);
		u->out = NULL;
		if (rv != 0)
			iop_seterr(e, NULL, 0, 0, "%s: write: %s", u->path,
			    strerror(errno));
		goto out;
	}
	if (fsync(fileno(u->out)) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: fsync: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	if (fchmod(fileno(u->out), u->mode) != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: chmod: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	if (fclose(u->out) != 0) {
		u->out = NULL;
		iop_seterr(e, NULL, 0, 0, "%s: write: %s; the file is "
		    "unchanged", u->path, strerror(errno));
		goto out;
	}
	u->out = NULL;
	if (place(u, e) != 0)
		goto out;
	if (u->dirfd >= 0)
		(void)fsync(u->dirfd);
	else
		(void)fsync_dir(u->path);
	rv = 0;
out:
	iop_update_abort(u);
	return rv;
}

/*
 * Put the complete temporary in place: rename over the old file, or link
 * a new one, which never replaces a file that appeared meanwhile (rename
 * where the file system has no hard links; the directory lock is held).
 */
static int
place(struct iop_update *u, struct iop_err *e)
{
	int rv;

	if (u->existed)
		rv = rename(u->tmp, u->path);
	else if ((rv = link(u->tmp, u->path)) != 0 && (errno == EPERM ||
	    errno == ENOTSUP || errno == EOPNOTSUPP))
		/* Only a file system without hard links (vfat) says so. */
		rv = rename(u->tmp, u->path);
	if (rv != 0) {
		iop_seterr(e, NULL, 0, 0, "%s: %s: %s; the file is unchanged",
		    u->path, u->existed ? "rename" : "create", strerror(errno));
		return -1;
	}
	/* A new file was linked: its temporary name goes. */
	if (!u->existed)
		(void)unlink(u->tmp);
	free(u->tmp);
	u->tmp = NULL;
	return 0;
}

void
iop_update_abort(struct iop_update *u)
{
	if (u == NULL)
		return;
	if (u->out != NULL)
		fclose(u->out);
	if (u->tmp != NULL) {
		unlink(u->tmp);
		free(u->tmp);
	}
	/* Closing the descriptors releases the locks. */
	if (u->lockfd >= 0)
		close(u->lockfd);
	if (u->dirfd >= 0)
		close(u->dirfd);
	free(u->path);
	free(u);
}
