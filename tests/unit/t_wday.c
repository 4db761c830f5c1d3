/*
 * t_wday.c -- the one weekday-set convention (lib/io/io.h IOP_WDAY_BIT:
 * Monday bit 0 .. Sunday bit 6), as the program definition's parser
 * (lib/clinic/program.c) builds it from examples/program.json's tracks.
 */
#include <stdio.h>
#include <string.h>

#include "lib/iop.h"
#include "lib/clinic/program.h"
#include "tests/unit/unit.h"

void
t_wday(void)
{
	struct iop_program p;
	struct iop_err e;
	char path[4096];
	long d;
	int ok;

	CHECK_INT(IOP_WDAY_BIT(1), 0x01, "wday: Monday is bit 0");
	CHECK_INT(IOP_WDAY_BIT(7), 0x40, "wday: Sunday is bit 6");
	iop_date_parse("2026-11-23", &d);
	CHECK_INT(IOP_WDAY_OF(d), 0x01, "wday: 2026-11-23 is a Monday");
	CHECK_INT(IOP_WDAY_OF(d + 6), 0x40, "wday: 2026-11-29 is a Sunday");
	snprintf(path, sizeof(path), "%s/examples/program.json",
	    unit_topdir());
	memset(&e, 0, sizeof(e));
	ok = iop_program_load(path, &p, &e) == 0;
	CHECK(ok, "wday: examples/program.json loads");
	if (!ok)
		return;
	CHECK_INT(p.tracks[0].days, 0x1f, "wday: mon..fri is 0x1f");
	CHECK(p.tracks[0].days & IOP_WDAY_OF(d + 4),
	    "wday: the morning track meets on Friday 2026-11-27");
	CHECK(!(p.tracks[0].days & IOP_WDAY_OF(d + 5)),
	    "wday: and not on Saturday");
	iop_program_free(&p);
}
