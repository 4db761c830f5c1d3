/*
 * clock.c -- the one clock: today and now for every program.  IOP_TODAY
 * (tests, demos) pins the day, and then "now" is the end of that day
 * (23:59:59).  Otherwise now is the current time read in the program's
 * time zone when one was given (program.json time_zone), else in the
 * server's TZ: the sessions of a program in America/New_York are not
 * over because the server runs in Asia/Tokyo.  It also says which zone
 * names load as time zones.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/io/io.h"

static char	*zone;		/* NULL: the server's TZ */

/*
 * Now is read once per run and kept: every record of a run is judged
 * against the same instant, and a check per record costs no clock read.
 * A new zone forgets it.
 */
static struct {
	int		 have, rv;
	long long	 now;
} cached;

static int	 now_read(long long *);

void
iop_clock_zone(const char *tz)
{
	cached.have = 0;
	free(zone);
	zone = tz != NULL && *tz != '\0' ? estrdup(tz) : NULL;
}

/* The local time of t in the zone, switching TZ for the call only. */
static int
local(time_t t, struct tm *tm)
{
	char *old = NULL;
	int rv;

	if (zone == NULL)
		return localtime_r(&t, tm) == NULL ? -1 : 0;
	if (getenv("TZ") != NULL)
		old = estrdup(getenv("TZ"));
	if (setenv("TZ", zone, 1) != 0) {
		free(old);
		return -1;
	}
	tzset();
	rv = localtime_r(&t, tm) == NULL ? -1 : 0;
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
	return rv;
}

int
iop_clock_now(long long *out)
{
	if (!cached.have) {
		cached.rv = now_read(&cached.now);
		cached.have = 1;
	}
	*out = cached.now;
	return cached.rv;
}

static int
now_read(long long *out)
{
	const char *env = getenv("IOP_TODAY");
	struct tm tm;
	long day;

	if (env != NULL && *env != '\0') {
		if (iop_date_parse(env, &day) != 0)
			return -1;
		*out = (long long)day * 86400 + 86399;
		return 1;
	}
	if (local(time(NULL), &tm) != 0)
		return -1;
	*out = (long long)iop_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    (tm.tm_sec > 59 ? 59 : tm.tm_sec);
	return 0;
}

int
iop_clock_today(long *out)
{
	long long now;

	if (iop_clock_now(&now) < 0)
		return -1;
	*out = (long)(now / 86400);
	return 0;
}

/*
 * A time zone name that loads as one: the characters of tz names, no
 * leading '/', no empty, '.' or '..' component, and $TZDIR (default
 * /usr/share/zoneinfo) / name a regular file that begins with the TZif
 * magic.  A directory (America) or another file would make every
 * calendar time silently UTC.  UTC itself needs no file.
 */
int
iop_clock_zone_ok(const char *name)
{
	const char *s, *dir, *c;
	char path[1024], magic[4];
	struct stat st;
	size_t n;
	int fd, ok;

	if (strcmp(name, "UTC") == 0)
		return 1;
	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (s = name; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("/_+-.", *s) != NULL))
			return 0;
	for (c = name; ; c = s + 1) {
		s = strchr(c, '/');
		n = s != NULL ? (size_t)(s - c) : strlen(c);
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (s == NULL)
			break;
	}
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return 0;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

int
iop_clock_stamp(long long *out)
{
	long long now;
	int rv;

	if ((rv = iop_clock_now(&now)) < 0)
		return -1;
	*out = rv == 1 ? now / 86400 * 86400 : (long long)time(NULL);
	return 0;
}
