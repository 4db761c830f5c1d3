/*
 * sort.c -- iop_sort: a stable merge sort whose comparator takes a
 * context argument.  qsort(3) has none, so a comparator that needs the
 * table or the data it sorts indexes into had to find them in a
 * file-static global; qsort_r is not in POSIX 2008 (and BSD and glibc
 * disagree on its argument order).  Stable, so rows that compare equal
 * keep their order whatever the C library.  Needs n * size bytes of
 * scratch (e* allocator: exits when out of memory).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/base/base.h"

static void	 msort(char *, char *, size_t, size_t, iop_cmp_fn *, void *);

/* Sort a (n elements) using tmp (at least n / 2 + 1 elements). */
static void
msort(char *a, char *tmp, size_t n, size_t size, iop_cmp_fn *cmp, void *arg)
{
	size_t h, i, j, k;

	if (n <= 8) {
		/* Insertion sort: strictly greater moves, so ties stay. */
		for (i = 1; i < n; i++) {
			memcpy(tmp, a + i * size, size);
			for (j = i; j > 0 && cmp(a + (j - 1) * size, tmp, arg) > 0;
			    j--)
				;
			if (j == i)
				continue;
			memmove(a + (j + 1) * size, a + j * size, (i - j) * size);
			memcpy(a + j * size, tmp, size);
		}
		return;
	}
	h = n / 2;
	msort(a, tmp, h, size, cmp, arg);
	msort(a + h * size, tmp, n - h, size, cmp, arg);
	if (cmp(a + (h - 1) * size, a + h * size, arg) <= 0)
		return;
	/* Merge the left half (moved to tmp) with the right one in place. */
	memcpy(tmp, a, h * size);
	for (i = 0, j = h, k = 0; i < h && j < n; k++) {
		if (cmp(a + j * size, tmp + i * size, arg) < 0)
			memcpy(a + k * size, a + j++ * size, size);
		else
			memcpy(a + k * size, tmp + i++ * size, size);
	}
	memcpy(a + k * size, tmp + i * size, (h - i) * size);
}

void
iop_sort(void *base, size_t n, size_t size, iop_cmp_fn *cmp, void *arg)
{
	char *tmp;

	if (n < 2 || size == 0)
		return;
	tmp = ereallocarray(NULL, n / 2 + 1, size);
	msort(base, tmp, n, size, cmp, arg);
	free(tmp);
}
