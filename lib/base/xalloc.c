/*
 * xalloc.c -- allocators that exit on failure (the e* prefix says so) and
 * the growable byte buffer every encoder writes into.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/base.h"

void *
emalloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		iop_err(1, "malloc");
	return p;
}

void *
ecalloc(size_t n, size_t sz)
{
	void *p;

	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		iop_err(1, "calloc");
	return p;
}

void *
erealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		iop_err(1, "realloc");
	return p;
}

void *
ereallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz) {
		errno = ENOMEM;
		iop_err(1, "reallocarray");
	}
	return erealloc(p, n * sz);
}

char *
estrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		iop_err(1, "strdup");
	return p;
}

static void
buf_grow(struct iop_buf *b, size_t need)
{
	size_t cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1) {
		if (cap > SIZE_MAX / 2)
			iop_errx(1, "buffer too large");
		cap *= 2;
	}
	b->s = erealloc(b->s, cap);
	b->cap = cap;
}

void
iop_buf_add(struct iop_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
iop_buf_addc(struct iop_buf *b, int c)
{
	buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
iop_buf_adds(struct iop_buf *b, const char *s)
{
	iop_buf_add(b, s, strlen(s));
}

void
iop_buf_printf(struct iop_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		IOP_BUG("vsnprintf");
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
iop_buf_reset(struct iop_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
iop_buf_free(struct iop_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
