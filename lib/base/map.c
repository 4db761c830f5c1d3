/*
 * map.c -- the one string -> index hash map of lib/: open addressing with
 * linear probing on iop_hash, at most half full, doubled when it would
 * be more.
 *
 * Keys are borrowed: a slot holds the key's address and length, never a
 * copy, so the caller keeps each key's bytes alive and unchanged while
 * it is in the map and frees them itself.  Every user already owns its
 * keys (header names, person ids, interned strings); copying them would
 * double their memory and cost an allocation per insert.  A key is any
 * bytes, NUL included; lookups take (pointer, length) and allocate
 * nothing.  A zeroed struct iop_map is an empty map.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/base.h"

static size_t	 probe(const struct iop_map *, const char *, size_t,
		    uint64_t);
static void	 grow(struct iop_map *);

void
iop_map_init(struct iop_map *m)
{
	memset(m, 0, sizeof(*m));
}

void
iop_map_free(struct iop_map *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

/* The slot holding key, or the empty slot where it would go (cap > 0). */
static size_t
probe(const struct iop_map *m, const char *key, size_t len, uint64_t h)
{
	const struct iop_mslot *s;
	size_t i, mask = m->cap - 1;

	for (i = (size_t)h & mask;; i = (i + 1) & mask) {
		s = &m->slot[i];
		if (s->key == NULL || (s->len == len &&
		    memcmp(s->key, key, len) == 0))
			return i;
	}
}

static void
grow(struct iop_map *m)
{
	struct iop_mslot *old = m->slot;
	size_t i, j, oldcap = m->cap;

	m->cap = oldcap ? oldcap * 2 : 16;
	m->slot = ecalloc(m->cap, sizeof(*m->slot));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = probe(m, old[i].key, old[i].len,
		    iop_hash(old[i].key, old[i].len));
		m->slot[j] = old[i];
	}
	free(old);
}

size_t
iop_map_get(const struct iop_map *m, const char *key, size_t len)
{
	size_t i;

	if (m->n == 0)
		return IOP_MAP_NONE;
	i = probe(m, key, len, iop_hash(key, len));
	return m->slot[i].key != NULL ? m->slot[i].val : IOP_MAP_NONE;
}

const char *
iop_map_key(const struct iop_map *m, const char *key, size_t len)
{
	if (m->n == 0)
		return NULL;
	return m->slot[probe(m, key, len, iop_hash(key, len))].key;
}

size_t
iop_map_put(struct iop_map *m, const char *key, size_t len, size_t val)
{
	struct iop_mslot *s;
	uint64_t h = iop_hash(key, len);
	size_t i;

	if (len > UINT32_MAX || val >= IOP_MAP_NONE32)
		IOP_BUG("map key or value too large");
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = probe(m, key, len, h);
	s = &m->slot[i];
	if (s->key != NULL)
		return s->val;
	s->key = key;
	s->len = (uint32_t)len;
	s->val = (uint32_t)val;
	m->n++;
	return val;
}
