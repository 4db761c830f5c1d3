/*
 * map.c -- the one string -> index hash map of lib/: open addressing with
 * linear probing on iop_hash, at most half full, doubled when it would
 * be more.  A slot keeps 32 bits of the mixed hash, which also pick the
 * first slot: probes skip other keys without reading them, and growing
 * hashes nothing again.  At most 2^31 keys.
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

static inline size_t probe(const struct iop_map *, const char *, size_t,
		    uint32_t);
static inline int same(const char *, const char *, size_t);
static void	 grow(struct iop_map *);
static uint32_t	 hash32(const char *, size_t);

/*
 * FNV-1a mixes poorly at both ends: its low bits depend only on the
 * keys' low bits, and the last bytes of a key barely reach its high
 * bits, so keys that differ at the end (ISO weeks, P0001..P9999) pile
 * up.  A fold and a Fibonacci multiply spread them.
 */
static uint32_t
hash32(const char *key, size_t len)
{
	uint64_t h = iop_hash(key, len);

	h ^= h >> 29;
	h *= 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(h >> 32);
}

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

/*
 * Bytes equal?  Keys are mostly ids and header names of 8 to 16 bytes:
 * two overlapping 8-byte loads each, inline, instead of a memcmp call
 * (measured: 4 loads for up to 32 bytes cost more than they saved).
 */
static inline int
same(const char *a, const char *b, size_t n)
{
	uint64_t x[2], y[2];

	if (n < 8 || n > 16)
		return memcmp(a, b, n) == 0;
	memcpy(&x[0], a, 8);
	memcpy(&x[1], a + n - 8, 8);
	memcpy(&y[0], b, 8);
	memcpy(&y[1], b + n - 8, 8);
	return x[0] == y[0] && x[1] == y[1];
}

/* The slot holding key, or the empty slot where it would go (cap > 0). */
static inline size_t
probe(const struct iop_map *m, const char *key, size_t len, uint32_t h)
{
	const struct iop_mslot *s;
	size_t i, mask = m->cap - 1;

	for (i = h & mask;; i = (i + 1) & mask) {
		s = &m->slot[i];
		if (s->key == NULL || (s->hash == h &&
		    s->len == len && same(s->key, key, len)))
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
		for (j = old[i].hash & (m->cap - 1); m->slot[j].key != NULL;
		    j = (j + 1) & (m->cap - 1))
			;
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
	i = probe(m, key, len, hash32(key, len));
	return m->slot[i].key != NULL ? m->slot[i].val : IOP_MAP_NONE;
}

const char *
iop_map_key(const struct iop_map *m, const char *key, size_t len)
{
	if (m->n == 0)
		return NULL;
	return m->slot[probe(m, key, len, hash32(key, len))].key;
}

size_t
iop_map_put(struct iop_map *m, const char *key, size_t len, size_t val)
{
	struct iop_mslot *s;
	uint32_t h = hash32(key, len);
	size_t i;

	if (len > UINT32_MAX || val >= IOP_MAP_NONE32 || m->n >= INT32_MAX)
		IOP_BUG("map key or value too large");
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = probe(m, key, len, h);
	s = &m->slot[i];
	if (s->key != NULL)
		return s->val;
	s->key = key;
	s->hash = h;
	s->len = (uint32_t)len;
	s->val = (uint32_t)val;
	m->n++;
	return val;
}
