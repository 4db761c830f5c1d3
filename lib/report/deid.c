/*
 * deid.c -- the keyed pseudonyms of de-identified reports.
 *
 * A participant ID is replaced by SipHash-2-4(key, ID), written as "X"
 * and the top 60 bits in base32 (RFC 4648 alphabet).  SipHash is a keyed
 * pseudorandom function (Aumasson and Bernstein, 2012): without the key the
 * codes are indistinguishable from random, so a list of codes cannot be
 * turned back into IDs by trying every ID, while the same key gives the
 * same code for the same person in every report of one clinic.  Written
 * here from the published description of the algorithm.
 *
 * The 128-bit key is derived from the key material by hashing it twice
 * under two fixed public keys, so key material of any length (a file of
 * random bytes, a passphrase in an environment variable) can be used.
 */
#include <stdint.h>
#include <string.h>

#include "lib/report/deid.h"

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static void	round2(uint64_t *, int);

static void
round2(uint64_t *v, int n)
{
	while (n-- > 0) {
		v[0] += v[1];
		v[1] = ROTL(v[1], 13);
		v[1] ^= v[0];
		v[0] = ROTL(v[0], 32);
		v[2] += v[3];
		v[3] = ROTL(v[3], 16);
		v[3] ^= v[2];
		v[0] += v[3];
		v[3] = ROTL(v[3], 21);
		v[3] ^= v[0];
		v[2] += v[1];
		v[1] = ROTL(v[1], 17);
		v[1] ^= v[2];
		v[2] = ROTL(v[2], 32);
	}
}

uint64_t
iop_siphash24(uint64_t k0, uint64_t k1, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t v[4], m, b;
	size_t i, j;

	v[0] = k0 ^ 0x736f6d6570736575ULL;
	v[1] = k1 ^ 0x646f72616e646f6dULL;
	v[2] = k0 ^ 0x6c7967656e657261ULL;
	v[3] = k1 ^ 0x7465646279746573ULL;
	b = (uint64_t)n << 56;
	for (i = 0; i + 8 <= n; i += 8) {
		m = 0;
		for (j = 0; j < 8; j++)
			m |= (uint64_t)s[i + j] << (8 * j);
		v[3] ^= m;
		round2(v, 2);
		v[0] ^= m;
	}
	for (j = 0; i + j < n; j++)
		b |= (uint64_t)s[i + j] << (8 * j);
	v[3] ^= b;
	round2(v, 2);
	v[0] ^= b;
	v[2] ^= 0xff;
	round2(v, 4);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

int
iop_deid_init(struct iop_deid *d, const char *key, size_t n)
{
	while (n > 0 && (key[n - 1] == '\n' || key[n - 1] == '\r'))
		n--;
	if (n < IOP_DEID_MINKEY)
		return -1;
	/* Two fixed, public derivation keys ("iop-deid-key-one", "...two"). */
	d->k0 = iop_siphash24(0x6465642d706f69ULL, 0x656e6f2d79656b2dULL,
	    key, n);
	d->k1 = iop_siphash24(0x6465642d706f69ULL, 0x6f77742d79656b2dULL,
	    key, n);
	return 0;
}

void
iop_deid_code(const struct iop_deid *d, const char *id, size_t n,
    char out[IOP_DEID_LEN])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	uint64_t h;
	int i;

	h = iop_siphash24(d->k0, d->k1, id, n);
	out[0] = 'X';
	for (i = 0; i < 12; i++)
		out[1 + i] = b32[(h >> (59 - 5 * i)) & 31];
	out[13] = '\0';
}
