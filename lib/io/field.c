/*
 * field.c -- typed fields: calendar dates, ISO weeks, 24-hour times,
 * bounded integers, booleans, enumerations and UTF-8.  Parsing is strict
 * and independent of the locale; the iop_field_* forms fill a located
 * error that names the field but never repeats its value.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/io/io.h"

static int	isdig(int);
static int	digits(const char *, int);
static void	put(char *, unsigned, int);
static int	leap(int);

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdig((unsigned char)*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Write v as exactly n decimal digits (the low ones). */
static void
put(char *out, unsigned v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
iop_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < IOP_DATE_YMIN || y > IOP_DATE_YMAX || m < 1 || m > 12 ||
	    d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Days from civil, after H. Hinnant's public-domain algorithm. */
long
iop_date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
iop_date_ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
iop_date_parse(const char *s, long *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	if (!iop_date_valid(y, m, d))
		return -1;
	*out = iop_date_from_ymd(y, m, d);
	return 0;
}

void
iop_date_fmt(long days, char out[11])
{
	int y, m, d;

	iop_date_ymd(days, &y, &m, &d);
	put(out, (unsigned)y, 4);
	out[4] = '-';
	put(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put(out + 8, (unsigned)d, 2);
	out[10] = '\0';
}

int
iop_date_weekday(long days)
{
	long w = (days % 7 + 7 + 3) % 7;

	return (int)w + 1;
}

void
iop_isoweek(long days, int *year, int *week)
{
	long thu, jan1;
	int y, m, d;

	thu = days - (iop_date_weekday(days) - 1) + 3;
	iop_date_ymd(thu, &y, &m, &d);
	jan1 = iop_date_from_ymd(y, 1, 1);
	*year = y;
	*week = (int)((thu - jan1) / 7 + 1);
}

long
iop_isoweek_monday(int year, int week)
{
	long jan4 = iop_date_from_ymd(year, 1, 4);

	return jan4 - (iop_date_weekday(jan4) - 1) + (long)(week - 1) * 7;
}

int
iop_isoweek_parse(const char *s, int *year, int *week)
{
	long mon;
	int y, w, yy, ww;

	if (strlen(s) != 8 || s[4] != '-' || (s[5] != 'W' && s[5] != 'w'))
		return -1;
	if ((y = digits(s, 4)) < IOP_DATE_YMIN || y > IOP_DATE_YMAX + 1 ||
	    (w = digits(s + 6, 2)) < 1 || w > 53)
		return -1;
	mon = iop_isoweek_monday(y, w);
	if (mon < IOP_DATE_MIN || mon > IOP_DATE_MAX)
		return -1;	/* its Monday is outside the date range */
	iop_isoweek(mon, &yy, &ww);
	if (yy != y || ww != w)
		return -1;	/* week 53 of a 52-week year */
	*year = y;
	*week = w;
	return 0;
}

void
iop_isoweek_fmt(long days, char out[9])
{
	int y, w;

	iop_isoweek(days, &y, &w);
	put(out, (unsigned)y, 4);
	out[4] = '-';
	out[5] = 'W';
	put(out + 6, (unsigned)w, 2);
	out[8] = '\0';
}

int
iop_time_parse(const char *s, int *out)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	if ((h = digits(s, 2)) < 0 || (m = digits(s + 3, 2)) < 0)
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

int
iop_time_parse_end(const char *s, int *out)
{
	if (strcmp(s, "24:00") == 0) {
		*out = 24 * 60;
		return 0;
	}
	return iop_time_parse(s, out);
}

void
iop_time_fmt(int min, char out[6])
{
	if (min < 0)
		min = 0;
	put(out, (unsigned)min / 60, 2);
	out[2] = ':';
	put(out + 3, (unsigned)min % 60, 2);
	out[5] = '\0';
}

/*
 * A whole number in [min, max].  On error *why says what was wrong:
 * "is not a whole number", "is too small" or "is too large".
 */
int
iop_int_parse(const char *s, long min, long max, long *out, const char **why)
{
	const char *p = s;
	int neg = 0;
	long v = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!isdig((unsigned char)*p)) {
		*why = "is not a whole number";
		return -1;
	}
	for (; isdig((unsigned char)*p); p++) {
		if (v > (2147483647L - (*p - '0')) / 10) {
			*why = neg ? "is too small" : "is too large";
			return -1;
		}
		v = v * 10 + (*p - '0');
	}
	if (*p != '\0') {
		*why = "is not a whole number";
		return -1;
	}
	if (neg)
		v = -v;
	if (v < min) {
		*why = "is too small";
		return -1;
	}
	if (v > max) {
		*why = "is too large";
		return -1;
	}
	*out = v;
	return 0;
}

long long
iop_strtonum(const char *s, long long min, long long max, const char **errstr)
{
	long v;

	if (iop_int_parse(s, (long)min, (long)max, &v, errstr) != 0)
		return 0;
	*errstr = NULL;
	return v;
}

int
iop_bool_parse(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "y", "true", "t", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "f", "0", NULL };

	if (iop_enum_parse(s, yes, 5) >= 0) {
		*out = 1;
		return 0;
	}
	if (iop_enum_parse(s, no, 5) >= 0) {
		*out = 0;
		return 0;
	}
	return -1;
}

/*
 * Match s against names, ignoring ASCII case, surrounding space, and
 * treating ' ' and '-' as '_'.  Returns the index or -1.
 */
int
iop_enum_parse(const char *s, const char *const *names, size_t n)
{
	char key[128];
	size_t i, len;

	/* Most values are already canonical. */
	for (i = 0; (n == 0 || i < n) && names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	len = strlen(s);
	if (len >= sizeof(key))
		return -1;
	memcpy(key, s, len + 1);
	iop_str_key(key);
	for (i = 0; (n == 0 || i < n) && names[i] != NULL; i++)
		if (strcmp(key, names[i]) == 0)
			return (int)i;
	return -1;
}

void
iop_enum_list(struct iop_buf *b, const char *const *names)
{
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		if (i > 0)
			iop_buf_adds(b, names[i + 1] == NULL ? " or " : ", ");
		iop_buf_adds(b, names[i]);
	}
}

/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF.  On failure *at is the offset of the first bad byte.
 */
int
iop_utf8_valid(const char *str, size_t n, size_t *at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, need;
	unsigned long cp, min;

	while (i < n) {
		unsigned char c = s[i];

		if (c < 0x80) {
			uint64_t w;

			/* Skip ASCII eight bytes at a time. */
			while (i + 8 <= n) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else
			goto bad;
		for (k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += need + 1;
	}
	return 1;
bad:
	if (at != NULL)
		*at = i;
	return 0;
}

void
iop_field_err(struct iop_err *e, const struct iop_rec *r, size_t i,
    const char *name, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	iop_seterr(e, r->src, r->line, i + 1, "field '%s': %s", name, msg);
}

int
iop_field_date(const struct iop_rec *r, size_t i, const char *name,
    long *out, struct iop_err *e)
{
	if (iop_date_parse(iop_rec_get(r, i), out) == 0)
		return 0;
	iop_field_err(e, r, i, name,
	    "expected YYYY-MM-DD (a real calendar date, " IOP_DATE_RANGE ")");
	return -1;
}

int
iop_field_time(const struct iop_rec *r, size_t i, const char *name, int *out,
    struct iop_err *e)
{
	if (iop_time_parse(iop_rec_get(r, i), out) == 0)
		return 0;
	iop_field_err(e, r, i, name, "expected a 24-hour time HH:MM");
	return -1;
}

int
iop_field_int(const struct iop_rec *r, size_t i, const char *name, long min,
    long max, long *out, struct iop_err *e)
{
	const char *why;

	if (iop_int_parse(iop_rec_get(r, i), min, max, out, &why) == 0)
		return 0;
	iop_field_err(e, r, i, name, "%s (allowed %ld-%ld)", why, min, max);
	return -1;
}

int
iop_field_bool(const struct iop_rec *r, size_t i, const char *name, int *out,
    struct iop_err *e)
{
	if (iop_bool_parse(iop_rec_get(r, i), out) == 0)
		return 0;
	iop_field_err(e, r, i, name,
	    "expected yes or no (also true/false, y/n, 1/0)");
	return -1;
}

int
iop_field_enum(const struct iop_rec *r, size_t i, const char *name,
    const char *const *names, int *out, struct iop_err *e)
{
	struct iop_buf b = { 0 };

	if ((*out = iop_enum_parse(iop_rec_get(r, i), names, 0)) >= 0)
		return 0;
	iop_enum_list(&b, names);
	iop_field_err(e, r, i, name, "expected one of %s", b.s);
	iop_buf_free(&b);
	return -1;
}
