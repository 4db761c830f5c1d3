/*
 * colmap.c -- column maps (--map FROM=TO): the columns of an input's
 * header matched to the fields of an output header, the one rule for
 * every program (iop-records(5) COLUMN MAPS).  A column is matched, in
 * this order, by a mapping, by a canonical field name, by an alias, or
 * else keeps its own name; FROM, canonical names and aliases are compared
 * as enumeration keys (iop_str_key: case, spaces and dashes folded), so
 * "Date of Birth", "date_of_birth" and "DATE-OF-BIRTH" are one column.
 * A mapping that matches no column of the header is an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"

int
iop_colmap_add(char ***maps, size_t *n, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || eq[1] == '\0')
		return -1;
	*maps = ereallocarray(*maps, *n + 1, sizeof(**maps));
	(*maps)[(*n)++] = (char *)arg;
	return 0;
}

/* The key of s (at most size - 1 bytes of it) in key. */
static void
key_of(char *key, size_t size, const char *s, size_t n)
{
	snprintf(key, size, "%.*s", (int)n, s);
	iop_str_key(key);
}

/* The field column name goes to: a mapping, a canonical name, an alias. */
static const char *
target(char *const *maps, size_t nmap, int *used, const char *const *cols,
    const char *const (*aliases)[2], const char *name)
{
	char key[256], from[256];
	const char *to = NULL;
	size_t k, n;
	int c;

	key_of(key, sizeof(key), name, strlen(name));
	for (k = 0; k < nmap; k++) {
		n = (size_t)(strchr(maps[k], '=') - maps[k]);
		key_of(from, sizeof(from), maps[k], n);
		if (strcmp(from, key) == 0) {
			to = maps[k] + n + 1;
			used[k] = 1;
		}
	}
	if (to == NULL && (c = iop_enum_parse(key, cols, 0)) >= 0)
		to = cols[c];
	for (k = 0; to == NULL && aliases[k][0] != NULL; k++)
		if (strcmp(key, aliases[k][0]) == 0)
			to = aliases[k][1];
	return to != NULL ? to : name;
}

int
iop_colmap_apply(char *const *maps, size_t nmap, const char *const *cols,
    const char *const (*aliases)[2], const struct iop_hdr *in,
    struct iop_hdr *out, int addcols, long *map, struct iop_err *e)
{
	const char *to;
	size_t i, k;
	int *used, rv = -1;
	long j;

	used = ecalloc(nmap ? nmap : 1, sizeof(*used));
	for (i = 0; i < in->n; i++) {
		to = target(maps, nmap, used, cols, aliases, in->names[i]);
		if ((j = iop_hdr_find(out, to)) < 0) {
			if (!addcols) {
				iop_seterr(e, NULL, 1, i + 1, "%s", to);
				rv = -2;
				goto out;
			}
			j = (long)iop_hdr_add(out, to);
		}
		for (k = 0; k < i; k++)
			if (map[k] == j) {
				iop_seterr(e, NULL, 1, i + 1, "columns %zu and "
				    "%zu both give field '%s' (use --map)",
				    k + 1, i + 1, to);
				goto out;
			}
		map[i] = j;
	}
	for (k = 0; k < nmap; k++)
		if (!used[k]) {
			iop_seterr(e, NULL, 1, 0, "--map: no column '%.*s'",
			    (int)(strchr(maps[k], '=') - maps[k]), maps[k]);
			goto out;
		}
	rv = 0;
out:
	free(used);
	return rv;
}
