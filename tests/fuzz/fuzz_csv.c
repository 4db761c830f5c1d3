/*
 * fuzz_csv.c -- libFuzzer entry point for the CSV reader: every input must
 * end in records, rejections or a fatal error, never a crash or a hang,
 * and whatever is read must write back out.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/iop.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iop_reader *r;
	struct iop_writer *w;
	struct iop_rec rec;
	struct iop_err e;
	FILE *null;
	int rv, flags = 0;

	/* The first byte picks strict or lenient parsing. */
	if (size > 0 && (data[0] & 1)) {
		flags |= IOP_RD_LENIENT;
	}
	memset(&e, 0, sizeof(e));
	r = iop_reader_memopen(data, size, "fuzz", IOP_FMT_CSV, flags, &e);
	null = fopen("/dev/null", "w");
	w = iop_writer_new(null, IOP_FMT_JSONL, 0);
	iop_rec_init(&rec);
	while ((rv = iop_reader_next(r, &rec, &e)) != IOP_EOF &&
	    rv != IOP_FATAL)
		if (rv == IOP_OK)
			iop_writer_put(w, &rec);
	iop_writer_close(w);
	fclose(null);
	iop_rec_free(&rec);
	iop_reader_close(r);
	return 0;
}
