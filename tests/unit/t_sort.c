/*
 * t_sort.c -- lib/base/sort.c: iop_sort agrees with qsort on distinct
 * keys, keeps ties in their order, passes its context through.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

struct item {
	int	 key;
	int	 pos;
};

static int	 intcmp(const void *, const void *);
static int	 itemcmp(const void *, const void *, void *);

static int
intcmp(const void *a, const void *b)
{
	int x = ((const struct item *)a)->key, y = ((const struct item *)b)->key;

	return x < y ? -1 : x > y;
}

/* By key, ascending or (context says so) descending; pos not looked at. */
static int
itemcmp(const void *a, const void *b, void *arg)
{
	int c = intcmp(a, b);

	return *(const int *)arg ? -c : c;
}

void
t_sort(void)
{
	struct item v[1000], w[1000];
	size_t n, i, bad;
	int desc = 0;
	unsigned s = 1;

	for (n = 0; n <= 1000; n = n < 20 ? n + 1 : n * 3) {
		for (i = 0; i < n; i++) {
			s = s * 1103515245u + 12345u;
			v[i].key = (int)(s >> 8);
			v[i].pos = (int)i;
		}
		memcpy(w, v, n * sizeof(*v));
		iop_sort(v, n, sizeof(*v), itemcmp, &desc);
		qsort(w, n, sizeof(*w), intcmp);
		for (i = bad = 0; i < n; i++)
			bad += v[i].key != w[i].key || v[i].pos != w[i].pos;
		if (bad != 0)
			break;
	}
	CHECK_INT(bad, 0, "sort: as qsort on distinct keys, 0 to 1000");
	for (i = 0; i < 1000; i++) {
		s = s * 1103515245u + 12345u;
		v[i].key = (int)((s >> 8) % 7);
		v[i].pos = (int)i;
	}
	desc = 1;
	iop_sort(v, 1000, sizeof(*v), itemcmp, &desc);
	for (i = 1, bad = 0; i < 1000; i++)
		bad += v[i - 1].key < v[i].key || (v[i - 1].key == v[i].key &&
		    v[i - 1].pos > v[i].pos);
	CHECK_INT(bad, 0, "sort: descending by context, ties keep order");
	iop_sort(NULL, 0, sizeof(*v), itemcmp, &desc);
	CHECK(1, "sort: nothing to sort");
}
