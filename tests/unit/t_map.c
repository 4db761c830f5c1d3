/*
 * t_map.c -- lib/base/map.c: put and get, first value kept, keys with
 * NUL and of length 0, borrowed keys, growth past many doublings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static void	 t_basic(void);
static void	 t_bytes(void);
static void	 t_grow(void);

static void
t_basic(void)
{
	struct iop_map m;
	static const char a[] = "alpha", b[] = "beta";

	iop_map_init(&m);
	CHECK_INT(iop_map_get(&m, "x", 1), IOP_MAP_NONE, "map: empty get");
	CHECK(iop_map_key(&m, "x", 1) == NULL, "map: empty key");
	CHECK_INT(iop_map_put(&m, a, 5, 7), 7, "map: put new");
	CHECK_INT(iop_map_put(&m, b, 4, 8), 8, "map: put second");
	CHECK_INT(iop_map_put(&m, "alpha", 5, 9), 7, "map: put keeps first");
	CHECK_INT(m.n, 2, "map: count");
	CHECK_INT(iop_map_get(&m, "alpha", 5), 7, "map: get");
	CHECK_INT(iop_map_get(&m, "alphabet", 5), 7, "map: get by length");
	CHECK_INT(iop_map_get(&m, "alph", 4), IOP_MAP_NONE, "map: prefix");
	CHECK_INT(iop_map_get(&m, "alphas", 6), IOP_MAP_NONE, "map: longer");
	CHECK(iop_map_key(&m, "beta", 4) == b, "map: key is borrowed");
	iop_map_free(&m);
	CHECK_INT(iop_map_get(&m, "alpha", 5), IOP_MAP_NONE, "map: freed");
}

static void
t_bytes(void)
{
	struct iop_map m = { 0 };

	CHECK_INT(iop_map_put(&m, "a\0b", 3, 1), 1, "map: NUL inside");
	CHECK_INT(iop_map_put(&m, "a\0c", 3, 2), 2, "map: NUL other");
	CHECK_INT(iop_map_put(&m, "", 0, 3), 3, "map: empty key");
	CHECK_INT(iop_map_get(&m, "a\0b", 3), 1, "map: get NUL inside");
	CHECK_INT(iop_map_get(&m, "a", 1), IOP_MAP_NONE, "map: NUL ends no key");
	CHECK_INT(iop_map_get(&m, "z", 0), 3, "map: get empty key");
	CHECK_INT(iop_map_put(&m, "session_id_1", 12, 4), 4, "map: 12 bytes");
	CHECK_INT(iop_map_get(&m, "session_jd_1", 12), IOP_MAP_NONE,
	    "map: 12 bytes differing inside");
	CHECK_INT(iop_map_get(&m, "session_id_1", 12), 4, "map: get 12 bytes");
	CHECK_INT(iop_map_put(&m, "participant_id_long", 19, 5), 5,
	    "map: 19 bytes");
	CHECK_INT(iop_map_get(&m, "participant_jd_long", 19), IOP_MAP_NONE,
	    "map: 19 bytes differing inside");
	CHECK_INT(iop_map_get(&m, "participant_id_lonh", 19), IOP_MAP_NONE,
	    "map: 19 bytes differing at the end");
	CHECK_INT(iop_map_get(&m, "participant_id_long", 19), 5,
	    "map: get 19 bytes");
	CHECK_INT(iop_map_put(&m, "S20260610-evening-G2-0-and-some-more", 36,
	    6), 6, "map: 36 bytes");
	CHECK_INT(iop_map_get(&m, "S20260610-evening-G2-0-and-some-mord", 36),
	    IOP_MAP_NONE, "map: 36 bytes differing at the end");
	iop_map_free(&m);
}

static void
t_grow(void)
{
	struct iop_map m = { 0 };
	char (*keys)[16];
	size_t i, n = 5000, bad = 0;

	keys = ecalloc(n, sizeof(*keys));
	for (i = 0; i < n; i++) {
		snprintf(keys[i], sizeof(keys[i]), "P%05zu", i);
		if (iop_map_put(&m, keys[i], strlen(keys[i]), i) != i)
			bad++;
	}
	CHECK_INT(bad, 0, "map: 5000 puts");
	CHECK(m.n == n && m.cap >= 2 * n && (m.cap & (m.cap - 1)) == 0,
	    "map: at most half full, power of two");
	for (i = 0; i < n; i++)
		if (iop_map_get(&m, keys[i], strlen(keys[i])) != i)
			bad++;
	CHECK_INT(bad, 0, "map: 5000 gets after growth");
	CHECK_INT(iop_map_get(&m, "P05000", 6), IOP_MAP_NONE, "map: absent");
	iop_map_free(&m);
	free(keys);
}

void
t_map(void)
{
	t_basic();
	t_bytes();
	t_grow();
}
