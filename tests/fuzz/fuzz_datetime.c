/*
 * fuzz_datetime.c -- libFuzzer entry point for the date, ISO week, time,
 * integer, boolean and UTF-8 parsers: whatever they accept must format
 * back to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/iop.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[16];
	const char *why;
	long d, v;
	int y, w, t, b;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (iop_date_parse(s, &d) == 0) {
		iop_date_fmt(d, out);
		if (strcmp(out, s) != 0)
			abort();
		iop_isoweek(d, &y, &w);
		if (iop_isoweek_monday(y, w) > d ||
		    iop_isoweek_monday(y, w) + 6 < d)
			abort();
	}
	if (iop_isoweek_parse(s, &y, &w) == 0) {
		iop_isoweek_fmt(iop_isoweek_monday(y, w), out);
		if (strcasecmp(out, s) != 0)
			abort();
	}
	if (iop_time_parse(s, &t) == 0) {
		iop_time_fmt(t, out);
		if (strcmp(out, s) != 0)
			abort();
	}
	(void)iop_time_parse_end(s, &t);
	(void)iop_int_parse(s, -1000000, 1000000, &v, &why);
	(void)iop_bool_parse(s, &b);
	(void)iop_utf8_valid((const char *)data, size, NULL);
	free(s);
	return 0;
}
