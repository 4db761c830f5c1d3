/*
 * t_field.c -- lib/io/field.c: calendar dates, ISO weeks, times, integers,
 * booleans, enumerations, UTF-8, and the located iop_field_* errors.
 * Expected day numbers are days since 1970-01-01 (2000-01-01 is 10957;
 * 2024-01-01 is 10957 + 24 * 365 + 6 leap days = 19723).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static void	t_dates(void);
static void	t_dates_wide(void);
static void	t_weeks(void);
static void	t_times(void);
static void	t_ints(void);
static void	t_bools_enums(void);
static void	t_utf8(void);
static void	t_field_errs(void);
static long	date_or(const char *, long);
static int	utf8_at(const char *, size_t);

/* The parsed day number, or bad when the parser rejects the text. */
static long
date_or(const char *s, long bad)
{
	long d;

	return iop_date_parse(s, &d) == 0 ? d : bad;
}

static void
t_dates(void)
{
	static const char *const bad[] = { "2026-02-29", "2026-02-30",
	    "2026-13-01", "2026-00-10", "2026-1-01", "", "2026-04-31",
	    "0000-01-01", "2026-01-01 ", " 2026-01-01", "2026/01/01",
	    "2026-01-0a", "+026-01-01", "1900-02-29", "2026-01-00" };
	char out[11];
	size_t i, nbad = 0;
	int y, m, d;

	CHECK_INT(date_or("1970-01-01", -99), 0, "date: 1970-01-01 is day 0");
	CHECK_INT(date_or("1969-12-31", -99), -1,
	    "date: 1969-12-31 is day -1");
	CHECK_INT(date_or("2024-02-29", -99), 19782,
	    "date: 2024-02-29 (leap year) is day 19782");
	CHECK_INT(date_or("2024-03-01", -99), 19783,
	    "date: 2024-03-01 follows 2024-02-29");
	CHECK_INT(date_or("2000-02-29", -99), 11016,
	    "date: 2000-02-29 (divisible by 400) is valid");
	CHECK_INT(date_or("1900-01-01", -99), -25567,
	    "date: 1900-01-01 (the first supported) is day -25567");
	CHECK_INT(date_or("2199-12-31", -99), 84005,
	    "date: 2199-12-31 (the last supported) is day 84005");
	CHECK(IOP_DATE_MIN == -25567 && IOP_DATE_MAX == 84005,
	    "date: IOP_DATE_MIN/MAX are 1900-01-01 and 2199-12-31");
	CHECK(date_or("1899-12-31", -99) == -99 &&
	    date_or("2200-01-01", -99) == -99 &&
	    date_or("0001-01-01", -99) == -99 &&
	    date_or("9999-12-31", -99) == -99,
	    "date: 1899-12-31, 2200-01-01, 0001-01-01, 9999-12-31 rejected "
	    "(outside 1900-01-01 to 2199-12-31)");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_or(bad[i], -99999999) != -99999999) {
			unit_note("accepted bad date '%s'", bad[i]);
			nbad++;
		}
	CHECK_INT(nbad, 0, "date: 15 malformed or impossible dates rejected "
	    "(2026-02-29, 2026-02-30, 2026-13-01, 2026-00-10, 2026-1-01, "
	    "\"\", 1900-02-29, ...)");
	CHECK(iop_date_valid(2024, 2, 29) && !iop_date_valid(2023, 2, 29) &&
	    !iop_date_valid(2100, 2, 29) && iop_date_valid(2000, 2, 29) &&
	    !iop_date_valid(1900, 2, 29),
	    "date: leap rule (2024 yes, 2023 no, 2100 no, 2000 yes, 1900 no)");
	CHECK(!iop_date_valid(1899, 12, 31) && !iop_date_valid(2200, 1, 1) &&
	    iop_date_valid(1900, 1, 1) && iop_date_valid(2199, 12, 31),
	    "date: years outside 1900-2199 are invalid");
	iop_date_fmt(19782, out);
	CHECK_STR(out, "2024-02-29", "date: format day 19782");
	iop_date_fmt(-719162, out);
	CHECK_STR(out, "0001-01-01", "date: format day -719162 with zeros");
	iop_date_ymd(20784, &y, &m, &d);
	CHECK(y == 2026 && m == 11 && d == 27, "date: day 20784 is "
	    "2026-11-27");
	CHECK_INT(iop_date_weekday(0), 4, "weekday: 1970-01-01 was a "
	    "Thursday (4)");
	CHECK_INT(iop_date_weekday(-1), 3, "weekday: 1969-12-31 was a "
	    "Wednesday (3), negative days");
	CHECK_INT(iop_date_weekday(20784), 5, "weekday: 2026-11-27 is a "
	    "Friday (5)");
	CHECK_INT(iop_date_weekday(date_or("2027-01-03", 0)), 7,
	    "weekday: 2027-01-03 is a Sunday (7)");
	CHECK_INT(iop_date_weekday(-719162), 1, "weekday: 0001-01-01 "
	    "(proleptic Gregorian) was a Monday");
}

/*
 * Every day from 0001-01-01 to 9999-12-31, both directions; the parser
 * takes back only those of 1900-01-01 to 2199-12-31.
 */
static void
t_dates_wide(void)
{
	char out[11];
	long day, back, first = -719162, last = 2932896;
	size_t bad_rt = 0, bad_seq = 0, bad_wd = 0;
	int y, m, d, py = 0, pm = 12, pd = 31, pwd = 0, wd;

	for (day = first; day <= last; day++) {
		iop_date_fmt(day, out);
		if ((day >= IOP_DATE_MIN && day <= IOP_DATE_MAX) !=
		    (iop_date_parse(out, &back) == 0) ||
		    (day >= IOP_DATE_MIN && day <= IOP_DATE_MAX &&
		    back != day)) {
			if (bad_rt++ < 3)
				unit_note("day %ld -> %s -> %ld", day, out,
				    back);
		}
		iop_date_ymd(day, &y, &m, &d);
		/* The next calendar day after py-pm-pd. */
		if (!(y == py && m == pm && d == pd + 1) &&
		    !(y == py && m == pm + 1 && d == 1) &&
		    !(y == py + 1 && m == 1 && d == 1 && pm == 12 &&
		    pd == 31)) {
			if (bad_seq++ < 3)
				unit_note("day %ld is %d-%d-%d after "
				    "%d-%d-%d", day, y, m, d, py, pm, pd);
		}
		if (iop_date_from_ymd(y, m, d) != day)
			bad_rt++;
		wd = iop_date_weekday(day);
		if (wd < 1 || wd > 7 || (pwd != 0 && wd != pwd % 7 + 1))
			bad_wd++;
		py = y;
		pm = m;
		pd = d;
		pwd = wd;
	}
	CHECK_INT(bad_rt, 0, "date: format/parse/from_ymd round trip for "
	    "all 3652059 days of 0001-9999 (parsed back in 1900-2199 only)");
	CHECK_INT(bad_seq, 0, "date: consecutive days are consecutive "
	    "calendar dates across 0001-9999");
	CHECK_INT(bad_wd, 0, "weekday: advances by one every day across "
	    "0001-9999");
}

static void
t_weeks(void)
{
	char out[9];
	long d;
	int y = 0, w = 0, ok;
	size_t bad = 0;

	/* 2026 starts on a Thursday, so it has 53 ISO weeks. */
	iop_isoweek(date_or("2026-12-31", 0), &y, &w);
	CHECK(y == 2026 && w == 53, "isoweek: 2026-12-31 is in 2026-W53");
	iop_isoweek(date_or("2027-01-03", 0), &y, &w);
	CHECK(y == 2026 && w == 53, "isoweek: Sunday 2027-01-03 is still "
	    "2026-W53");
	iop_isoweek(date_or("2027-01-04", 0), &y, &w);
	CHECK(y == 2027 && w == 1, "isoweek: Monday 2027-01-04 is 2027-W01");
	iop_isoweek(date_or("2024-12-30", 0), &y, &w);
	CHECK(y == 2025 && w == 1, "isoweek: 2024-12-30 is 2025-W01");
	iop_isoweek(date_or("2021-01-03", 0), &y, &w);
	CHECK(y == 2020 && w == 53, "isoweek: 2021-01-03 is 2020-W53 (leap "
	    "year starting Wednesday)");
	iop_isoweek(date_or("2026-01-01", 0), &y, &w);
	CHECK(y == 2026 && w == 1, "isoweek: Thursday 2026-01-01 is "
	    "2026-W01");
	iop_isoweek(date_or("2026-11-27", 0), &y, &w);
	CHECK(y == 2026 && w == 48, "isoweek: 2026-11-27 is 2026-W48");

	CHECK_INT(iop_isoweek_monday(2026, 53), date_or("2026-12-28", 0),
	    "isoweek: Monday of 2026-W53 is 2026-12-28");
	CHECK_INT(iop_isoweek_monday(2027, 1), date_or("2027-01-04", 0),
	    "isoweek: Monday of 2027-W01 is 2027-01-04");
	CHECK_INT(iop_isoweek_monday(2026, 1), date_or("2025-12-29", 0),
	    "isoweek: Monday of 2026-W01 is 2025-12-29");
	CHECK_INT(iop_isoweek_monday(2025, 1), date_or("2024-12-30", 0),
	    "isoweek: Monday of 2025-W01 is 2024-12-30");

	ok = iop_isoweek_parse("2026-W53", &y, &w);
	CHECK(ok == 0 && y == 2026 && w == 53, "isoweek: parse 2026-W53");
	ok = iop_isoweek_parse("2027-W01", &y, &w);
	CHECK(ok == 0 && y == 2027 && w == 1, "isoweek: parse 2027-W01");
	ok = iop_isoweek_parse("2026-w05", &y, &w);
	CHECK(ok == 0 && y == 2026 && w == 5, "isoweek: lower-case w "
	    "accepted");
	CHECK(iop_isoweek_parse("2025-W53", &y, &w) != 0,
	    "isoweek: 2025-W53 rejected (2025 has 52 weeks)");
	CHECK(iop_isoweek_parse("2027-W53", &y, &w) != 0,
	    "isoweek: 2027-W53 rejected (2027 has 52 weeks)");
	CHECK(iop_isoweek_parse("2020-W53", &y, &w) == 0,
	    "isoweek: 2020-W53 accepted (53-week year)");
	CHECK(iop_isoweek_parse("2026-W00", &y, &w) != 0 &&
	    iop_isoweek_parse("2026-W54", &y, &w) != 0 &&
	    iop_isoweek_parse("2026-W5", &y, &w) != 0 &&
	    iop_isoweek_parse("2026W05", &y, &w) != 0 &&
	    iop_isoweek_parse("2026-X05", &y, &w) != 0 &&
	    iop_isoweek_parse("", &y, &w) != 0,
	    "isoweek: W00, W54, W5, 2026W05, 2026-X05 and \"\" rejected");
	CHECK(iop_isoweek_parse("1900-W01", &y, &w) == 0 &&
	    iop_isoweek_parse("2200-W01", &y, &w) == 0 &&
	    iop_isoweek_parse("1899-W52", &y, &w) != 0 &&
	    iop_isoweek_parse("2200-W02", &y, &w) != 0 &&
	    iop_isoweek_parse("9999-W01", &y, &w) != 0,
	    "isoweek: weeks whose Monday is 1900-01-01 to 2199-12-31 only "
	    "(1900-W01 .. 2200-W01)");

	iop_isoweek_fmt(date_or("2027-01-01", 0), out);
	CHECK_STR(out, "2026-W53", "isoweek: format 2027-01-01 as 2026-W53");
	iop_isoweek_fmt(date_or("2026-03-02", 0), out);
	CHECK_STR(out, "2026-W10", "isoweek: format 2026-03-02");

	/* Mondays of every week of 1990-2050 fall on a Monday and read back. */
	for (y = 1990; y <= 2050; y++) {
		int yy, ww, n = 52;

		iop_isoweek(iop_date_from_ymd(y, 12, 28), &yy, &ww);
		n = ww;
		for (w = 1; w <= n; w++) {
			d = iop_isoweek_monday(y, w);
			iop_isoweek(d + 6, &yy, &ww);
			if (iop_date_weekday(d) != 1 || yy != y || ww != w)
				bad++;
		}
		if (iop_isoweek_monday(y, n) + 7 !=
		    iop_isoweek_monday(y + 1, 1))
			bad++;
	}
	CHECK_INT(bad, 0, "isoweek: every week of 1990-2050 starts on "
	    "Monday, ends in the same week, and years join up");
}

static void
t_times(void)
{
	char out[6];
	int t = -1;

	CHECK(iop_time_parse("00:00", &t) == 0 && t == 0, "time: 00:00 is 0");
	CHECK(iop_time_parse("23:59", &t) == 0 && t == 1439,
	    "time: 23:59 is 1439");
	CHECK(iop_time_parse("09:30", &t) == 0 && t == 570,
	    "time: 09:30 is 570");
	CHECK(iop_time_parse("24:00", &t) != 0, "time: 24:00 rejected as a "
	    "start");
	CHECK(iop_time_parse_end("24:00", &t) == 0 && t == 1440,
	    "time: 24:00 accepted as an end (1440)");
	CHECK(iop_time_parse_end("24:01", &t) != 0 &&
	    iop_time_parse_end("25:00", &t) != 0,
	    "time: 24:01 and 25:00 rejected as an end");
	CHECK(iop_time_parse("7:00", &t) != 0, "time: 7:00 rejected (HH)");
	CHECK(iop_time_parse("25:00", &t) != 0, "time: 25:00 rejected");
	CHECK(iop_time_parse("12:60", &t) != 0, "time: 12:60 rejected");
	CHECK(iop_time_parse("", &t) != 0 && iop_time_parse("12:5a", &t) != 0 &&
	    iop_time_parse("12.30", &t) != 0 &&
	    iop_time_parse("12:30 ", &t) != 0,
	    "time: \"\", 12:5a, 12.30 and '12:30 ' rejected");
	iop_time_fmt(605, out);
	CHECK_STR(out, "10:05", "time: format 605");
	iop_time_fmt(1440, out);
	CHECK_STR(out, "24:00", "time: format 1440 as 24:00");
	iop_time_fmt(0, out);
	CHECK_STR(out, "00:00", "time: format 0");
}

static void
t_ints(void)
{
	const char *why = NULL;
	long v = -1;
	long long ll;

	CHECK(iop_int_parse("42", 0, 100, &v, &why) == 0 && v == 42,
	    "int: 42 in 0-100");
	CHECK(iop_int_parse("-5", -10, 10, &v, &why) == 0 && v == -5,
	    "int: -5 in -10-10");
	CHECK(iop_int_parse("+7", 0, 10, &v, &why) == 0 && v == 7,
	    "int: +7 accepted");
	CHECK(iop_int_parse("007", 0, 10, &v, &why) == 0 && v == 7,
	    "int: leading zeros accepted (007 is 7)");
	CHECK(iop_int_parse("0", 0, 0, &v, &why) == 0 && v == 0,
	    "int: 0 in 0-0");
	v = 99;
	CHECK(iop_int_parse("101", 0, 100, &v, &why) != 0 && v == 99 &&
	    strcmp(why, "is too large") == 0, "int: 101 'is too large' for "
	    "0-100, output untouched");
	CHECK(iop_int_parse("-1", 0, 100, &v, &why) != 0 &&
	    strcmp(why, "is too small") == 0,
	    "int: -1 'is too small' for 0-100");
	CHECK(iop_int_parse("", 0, 100, &v, &why) != 0 &&
	    strcmp(why, "is not a whole number") == 0, "int: \"\" is not a "
	    "whole number");
	CHECK(iop_int_parse("4x", 0, 100, &v, &why) != 0 &&
	    strcmp(why, "is not a whole number") == 0, "int: 4x is not a "
	    "whole number");
	CHECK(iop_int_parse(" 5", 0, 100, &v, &why) != 0 &&
	    iop_int_parse("5 ", 0, 100, &v, &why) != 0 &&
	    iop_int_parse("1.0", 0, 100, &v, &why) != 0 &&
	    iop_int_parse("-", 0, 100, &v, &why) != 0 &&
	    iop_int_parse("0x10", 0, 100, &v, &why) != 0,
	    "int: ' 5', '5 ', 1.0, -, 0x10 rejected");
	CHECK(iop_int_parse("2147483647", 0, LONG_MAX, &v, &why) == 0 &&
	    v == 2147483647L, "int: 2147483647 (the portable limit) accepted");
	CHECK(iop_int_parse("-2147483647", LONG_MIN, 0, &v, &why) == 0 &&
	    v == -2147483647L, "int: -2147483647 accepted");
	CHECK(iop_int_parse("2147483648", 0, LONG_MAX, &v, &why) != 0 &&
	    strcmp(why, "is too large") == 0, "int: 2147483648 overflows "
	    "(is too large)");
	CHECK(iop_int_parse("99999999999999999999999", 0, LONG_MAX, &v,
	    &why) != 0 && strcmp(why, "is too large") == 0,
	    "int: 23 digits is too large, no wrap-around");
	CHECK(iop_int_parse("-99999999999", LONG_MIN, 0, &v, &why) != 0 &&
	    strcmp(why, "is too small") == 0, "int: -99999999999 is too small");
	ll = iop_strtonum("12", 1, 52, &why);
	CHECK(ll == 12 && why == NULL, "strtonum: 12 in 1-52, errstr NULL");
	ll = iop_strtonum("53", 1, 52, &why);
	CHECK(ll == 0 && why != NULL && strcmp(why, "is too large") == 0,
	    "strtonum: 53 in 1-52 returns 0 with 'is too large'");
}

static void
t_bools_enums(void)
{
	static const char *const names[] = { "group", "individual",
	    "family_session", NULL };
	static const char *const one[] = { "only", NULL };
	static const char *const two[] = { "yes", "no", NULL };
	static const char *const none[] = { NULL };
	struct iop_buf b = { 0 };
	char longkey[200];
	int v = -1;

	CHECK(iop_bool_parse("yes", &v) == 0 && v == 1, "bool: yes");
	CHECK(iop_bool_parse("Y", &v) == 0 && v == 1, "bool: Y");
	CHECK(iop_bool_parse(" TRUE ", &v) == 0 && v == 1,
	    "bool: ' TRUE ' (case, space)");
	CHECK(iop_bool_parse("1", &v) == 0 && v == 1, "bool: 1");
	CHECK(iop_bool_parse("t", &v) == 0 && v == 1, "bool: t");
	CHECK(iop_bool_parse("No", &v) == 0 && v == 0, "bool: No");
	CHECK(iop_bool_parse("F", &v) == 0 && v == 0, "bool: F");
	CHECK(iop_bool_parse("0", &v) == 0 && v == 0, "bool: 0");
	v = 5;
	CHECK(iop_bool_parse("maybe", &v) != 0 && iop_bool_parse("", &v) != 0 &&
	    iop_bool_parse("2", &v) != 0 && iop_bool_parse("yess", &v) != 0 &&
	    v == 5, "bool: maybe, \"\", 2, yess rejected");

	CHECK_INT(iop_enum_parse("group", names, 0), 0, "enum: exact name");
	CHECK_INT(iop_enum_parse("Family Session", names, 0), 2,
	    "enum: case and space folded (Family Session)");
	CHECK_INT(iop_enum_parse("family-session", names, 0), 2,
	    "enum: hyphen folded (family-session)");
	CHECK_INT(iop_enum_parse("  FAMILY   session ", names, 0), 2,
	    "enum: runs of space squeezed and trimmed");
	CHECK_INT(iop_enum_parse("INDIVIDUAL", names, 0), 1,
	    "enum: upper case");
	CHECK_INT(iop_enum_parse("familysession", names, 0), -1,
	    "enum: familysession (no separator) is no match");
	CHECK_INT(iop_enum_parse("family_session", names, 2), -1,
	    "enum: n limits the names searched");
	CHECK_INT(iop_enum_parse("", names, 0), -1, "enum: \"\" is no match");
	memset(longkey, 'a', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	CHECK_INT(iop_enum_parse(longkey, names, 0), -1,
	    "enum: a 199-byte value is no match, no overflow");

	iop_enum_list(&b, names);
	CHECK_STR(b.s, "group, individual or family_session",
	    "enum_list: three names");
	iop_buf_reset(&b);
	iop_enum_list(&b, two);
	CHECK_STR(b.s, "yes or no", "enum_list: two names");
	iop_buf_reset(&b);
	iop_enum_list(&b, one);
	CHECK_STR(b.s, "only", "enum_list: one name");
	iop_buf_reset(&b);
	iop_enum_list(&b, none);
	CHECK_INT(b.len, 0, "enum_list: no names adds nothing");
	iop_buf_free(&b);
}

/* Offset of the first bad byte, or -1 when the bytes are valid UTF-8. */
static int
utf8_at(const char *s, size_t n)
{
	size_t at = 999;

	return iop_utf8_valid(s, n, &at) ? -1 : (int)at;
}

static void
t_utf8(void)
{
	CHECK_INT(utf8_at("", 0), -1, "utf8: empty is valid");
	CHECK_INT(utf8_at("plain ascii", 11), -1, "utf8: ASCII is valid");
	CHECK_INT(utf8_at("caf\xc3\xa9", 5), -1, "utf8: 2-byte é valid");
	CHECK_INT(utf8_at("\xe2\x82\xac", 3), -1, "utf8: 3-byte € valid");
	CHECK_INT(utf8_at("x\xf0\x9f\x98\x80y", 6), -1,
	    "utf8: 4-byte emoji U+1F600 valid");
	CHECK_INT(utf8_at("\xf4\x8f\xbf\xbf", 4), -1,
	    "utf8: U+10FFFF (the last code point) valid");
	CHECK_INT(utf8_at("\xed\x9f\xbf", 3), -1, "utf8: U+D7FF valid");
	CHECK_INT(utf8_at("\xee\x80\x80", 3), -1, "utf8: U+E000 valid");
	CHECK_INT(utf8_at("ab\xc0\x80", 4), 2, "utf8: overlong NUL C0 80 "
	    "rejected at 2");
	CHECK_INT(utf8_at("\xc1\xbf", 2), 0, "utf8: overlong C1 BF rejected");
	CHECK_INT(utf8_at("\xe0\x80\xaf", 3), 0, "utf8: overlong 3-byte '/' "
	    "rejected");
	CHECK_INT(utf8_at("\xf0\x8f\xbf\xbf", 4), 0,
	    "utf8: overlong 4-byte U+FFFF rejected");
	CHECK_INT(utf8_at("a\xed\xa0\x80", 4), 1, "utf8: surrogate U+D800 "
	    "rejected at 1");
	CHECK_INT(utf8_at("\xed\xbf\xbf", 3), 0, "utf8: surrogate U+DFFF "
	    "rejected");
	CHECK_INT(utf8_at("\xf4\x90\x80\x80", 4), 0, "utf8: U+110000 (past "
	    "U+10FFFF) rejected");
	CHECK_INT(utf8_at("\xf5\x80\x80\x80", 4), 0, "utf8: lead byte F5 "
	    "rejected");
	CHECK_INT(utf8_at("ok\xc3", 3), 2, "utf8: truncated 2-byte at the "
	    "end rejected at 2");
	CHECK_INT(utf8_at("\xe2\x82", 2), 0, "utf8: truncated 3-byte "
	    "rejected");
	CHECK_INT(utf8_at("\xf0\x9f\x98", 3), 0, "utf8: truncated emoji "
	    "rejected");
	CHECK_INT(utf8_at("\xe2\x82x", 3), 0, "utf8: 3-byte cut short by "
	    "ASCII rejected");
	CHECK_INT(utf8_at("abc\x80", 4), 3, "utf8: lone continuation byte "
	    "rejected at 3");
	CHECK_INT(utf8_at("\xff", 1), 0, "utf8: FF rejected");
	CHECK_INT(utf8_at("caf\xe9", 4), 3, "utf8: Latin-1 é rejected at 3");
	/* The length is honoured: a valid prefix of a longer buffer. */
	CHECK_INT(utf8_at("\xc3\xa9\xff", 2), -1, "utf8: only n bytes are "
	    "looked at");
	CHECK(iop_utf8_valid("\xff", 1, NULL) == 0, "utf8: at may be NULL");
}

static void
t_field_errs(void)
{
	static const char *const tracks[] = { "day", "evening", NULL };
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec r;
	struct iop_err e;
	long d, n;
	int t, b, k;

	iop_hdr_add(h, "dob");
	iop_hdr_add(h, "start");
	iop_hdr_add(h, "age");
	iop_hdr_add(h, "consent");
	iop_hdr_add(h, "track");
	iop_rec_init(&r);
	r.hdr = h;
	r.src = "roster.csv";
	r.line = 7;
	iop_rec_push(&r, "2026-02-30", 10, IOP_K_STR);
	iop_rec_push(&r, "7:30", 4, IOP_K_STR);
	iop_rec_push(&r, "130", 3, IOP_K_STR);
	iop_rec_push(&r, "perhaps", 7, IOP_K_STR);
	iop_rec_push(&r, "Night", 5, IOP_K_STR);

	memset(&e, 0, sizeof(e));
	CHECK(iop_field_date(&r, 0, "dob", &d, &e) == -1 &&
	    e.file != NULL && strcmp(e.file, "roster.csv") == 0 &&
	    e.line == 7 && e.col == 1, "field_date: error located at "
	    "roster.csv:7:1");
	CHECK_STR(e.msg, "field 'dob': expected YYYY-MM-DD (a real calendar "
	    "date, 1900-01-01 to 2199-12-31)", "field_date: message names the "
	    "field and the range, not the value");
	CHECK(iop_field_time(&r, 1, "start", &t, &e) == -1 && e.col == 2,
	    "field_time: 7:30 rejected at column 2");
	CHECK_STR(e.msg, "field 'start': expected a 24-hour time HH:MM",
	    "field_time: message");
	CHECK(iop_field_int(&r, 2, "age", 0, 120, &n, &e) == -1 && e.col == 3,
	    "field_int: 130 rejected at column 3");
	CHECK_STR(e.msg, "field 'age': is too large (allowed 0-120)",
	    "field_int: message gives the range, not the value");
	CHECK(iop_field_bool(&r, 3, "consent", &b, &e) == -1 && e.col == 4,
	    "field_bool: rejected at column 4");
	CHECK_STR(e.msg, "field 'consent': expected yes or no (also "
	    "true/false, y/n, 1/0)", "field_bool: message");
	CHECK(iop_field_enum(&r, 4, "track", tracks, &k, &e) == -1 &&
	    k == -1 && e.col == 5, "field_enum: Night rejected at column 5");
	CHECK_STR(e.msg, "field 'track': expected one of day or evening",
	    "field_enum: message lists the names");
	iop_rec_set(&r, 4, "Evening");
	iop_rec_set(&r, 2, "45");
	iop_rec_set(&r, 0, "1980-06-15");
	CHECK(iop_field_enum(&r, 4, "track", tracks, &k, &e) == 0 && k == 1 &&
	    iop_field_int(&r, 2, "age", 0, 120, &n, &e) == 0 && n == 45 &&
	    iop_field_date(&r, 0, "dob", &d, &e) == 0 &&
	    d == iop_date_from_ymd(1980, 6, 15),
	    "field_*: good values parse (Evening, 45, 1980-06-15)");
	/* A field past the end of a short record reads as "". */
	CHECK(iop_field_date(&r, 9, "x", &d, &e) == -1 && e.col == 10,
	    "field_date: a missing field is an error at its column");
	iop_rec_free(&r);
	iop_hdr_free(h);
}

void
t_field(void)
{
	t_dates();
	t_dates_wide();
	t_weeks();
	t_times();
	t_ints();
	t_bools_enums();
	t_utf8();
	t_field_errs();
}
