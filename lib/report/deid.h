/*
 * deid.h -- keyed pseudonyms for de-identified reports (iop-report
 * --deidentify): SipHash-2-4, a keyed pseudorandom function, under a
 * 128-bit key derived from the clinic's key material.
 */
#ifndef IOP_DEID_H
#define IOP_DEID_H

#include <stddef.h>
#include <stdint.h>

struct iop_deid {
	uint64_t	k0, k1;
};

/* SipHash-2-4 of n bytes under the 128-bit key (k0, k1). */
uint64_t	 iop_siphash24(uint64_t, uint64_t, const void *, size_t);
/*
 * Derive the key from key material (at least IOP_DEID_MINKEY bytes; a
 * trailing newline is ignored).  Returns -1 when the material is too short.
 */
#define IOP_DEID_MINKEY	16
int		 iop_deid_init(struct iop_deid *, const char *, size_t);
/* The pseudonym of an ID: "X" and 12 base32 characters, NUL-terminated. */
#define IOP_DEID_LEN	14
void		 iop_deid_code(const struct iop_deid *, const char *, size_t,
		    char[IOP_DEID_LEN]);

#endif /* IOP_DEID_H */
