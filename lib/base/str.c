/*
 * str.c -- small locale-independent string helpers: trimming, case of
 * enumeration keys, hashing and ';'-list iteration.
 */
#include <stdint.h>
#include <string.h>

#include "lib/base/base.h"

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

size_t
iop_str_squeeze(char *s)
{
	char *r, *w;
	int sp = 0;

	r = w = s;
	while (is_space((unsigned char)*r))
		r++;
	for (; *r != '\0'; r++) {
		if (is_space((unsigned char)*r)) {
			sp = 1;
			continue;
		}
		if (sp && w != s)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
	return (size_t)(w - s);
}

void
iop_str_lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

void
iop_str_key(char *s)
{
	iop_str_squeeze(s);
	iop_str_lower(s);
	for (; *s != '\0'; s++)
		if (*s == ' ' || *s == '-')
			*s = '_';
}

/* FNV-1a, 64 bits: fast, good enough for hash tables and duplicate keys. */
uint64_t
iop_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

int
iop_list_each(const char *s, int (*fn)(const char *, size_t, void *),
    void *arg)
{
	const char *end;
	size_t n;
	int rv;

	for (;;) {
		while (is_space((unsigned char)*s))
			s++;
		end = strchr(s, ';');
		n = end != NULL ? (size_t)(end - s) : strlen(s);
		while (n > 0 && is_space((unsigned char)s[n - 1]))
			n--;
		if (n > 0 && (rv = fn(s, n, arg)) != 0)
			return rv;
		if (end == NULL)
			return 0;
		s = end + 1;
	}
}

/* Bits set in v (weekday and role sets). */
int
iop_popcount(unsigned v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}
