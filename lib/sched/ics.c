/*
 * ics.c -- iCalendar (RFC 5545) writing: content lines end in CRLF and are
 * folded at 75 octets without splitting a UTF-8 sequence, TEXT values are
 * escaped, and times are written in UTC (the Z form), converted from the
 * program's local time with the system's zoneinfo, so that every calendar
 * application places them right on both sides of a daylight-saving change.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/io/io.h"
#include "lib/sched/ics.h"

static void	line(struct iop_buf *, const char *, size_t);
static void	prop_text(struct iop_buf *, const char *, const char *);
static void	prop_time(struct iop_buf *, const char *, time_t);

int
iop_ics_zone(const char *tz)
{
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	return 0;
}

int
iop_ics_utc(long date, int min, time_t *out)
{
	struct tm tm;
	int y, m, d;

	iop_date_ymd(date, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

/* Emit one content line, folded at 75 octets, with CRLF. */
static void
line(struct iop_buf *b, const char *s, size_t n)
{
	size_t room = 75, k;

	while (n > room) {
		k = room;
		/* Do not cut a UTF-8 sequence: back up to a lead byte. */
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		iop_buf_add(b, s, k);
		iop_buf_adds(b, "\r\n ");
		s += k;
		n -= k;
		room = 74;
	}
	iop_buf_add(b, s, n);
	iop_buf_adds(b, "\r\n");
}

static void
prop_text(struct iop_buf *b, const char *name, const char *v)
{
	struct iop_buf t = { 0 };

	iop_buf_adds(&t, name);
	iop_buf_addc(&t, ':');
	for (; *v != '\0'; v++) {
		switch (*v) {
		case '\\':
		case ';':
		case ',':
			iop_buf_addc(&t, '\\');
			iop_buf_addc(&t, *v);
			break;
		case '\n':
			iop_buf_adds(&t, "\\n");
			break;
		default:
			/* Other controls are not allowed in TEXT. */
			if ((unsigned char)*v >= 0x20 && *v != 0x7f)
				iop_buf_addc(&t, *v);
			else if (*v == '\t')
				iop_buf_addc(&t, ' ');
			break;
		}
	}
	line(b, t.s, t.len);
	iop_buf_free(&t);
}

static void
prop_time(struct iop_buf *b, const char *name, time_t t)
{
	char s[64];
	struct tm tm;
	size_t n;

	gmtime_r(&t, &tm);
	n = (size_t)snprintf(s, sizeof(s), "%s:%04d%02d%02dT%02d%02d%02dZ",
	    name, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	line(b, s, n);
}

void
iop_ics_begin(struct iop_buf *b, const char *calname)
{
	static const char head[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//iop//iop-schedule " IOP_VERSION "//EN\r\n"
	    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";

	iop_buf_adds(b, head);
	if (calname != NULL)
		prop_text(b, "X-WR-CALNAME", calname);
}

void
iop_ics_event(struct iop_buf *b, const struct iop_ics_event *e)
{
	iop_buf_adds(b, "BEGIN:VEVENT\r\n");
	prop_text(b, "UID", e->uid);
	prop_time(b, "DTSTAMP", e->stamp);
	prop_time(b, "DTSTART", e->start);
	prop_time(b, "DTEND", e->end);
	prop_text(b, "SUMMARY", e->summary);
	if (e->location != NULL && *e->location != '\0')
		prop_text(b, "LOCATION", e->location);
	if (e->description != NULL && *e->description != '\0')
		prop_text(b, "DESCRIPTION", e->description);
	iop_buf_adds(b, "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
}

void
iop_ics_end(struct iop_buf *b)
{
	iop_buf_adds(b, "END:VCALENDAR\r\n");
}
