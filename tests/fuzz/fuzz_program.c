/*
 * fuzz_program.c -- libFuzzer entry point for the program-definition
 * loader (iop-program(5)): any file is either loaded or refused with a
 * message, never a crash, leak or hang.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "lib/clinic/program.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct iop_program p;
	struct iop_err e;
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz-program-%ld.json",
		    (long)getpid());
	if ((fp = fopen(path, "w")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	memset(&p, 0, sizeof(p));
	memset(&e, 0, sizeof(e));
	if (iop_program_load(path, &p, &e) == 0)
		iop_program_free(&p);
	return 0;
}
