/*
 * fuzz_rules.c -- libFuzzer entry point for iop-fit's rules loader: any
 * file is either loaded or refused with a message; a loaded rule set
 * dumps back to JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "lib/fit/fit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct iop_fit_rules *rules;
	struct iop_err e;
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz-rules-%ld.json",
		    (long)getpid());
	if ((fp = fopen(path, "w")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	memset(&e, 0, sizeof(e));
	if ((rules = iop_fit_rules_load(path, &e)) != NULL) {
		free(iop_fit_rules_dump(rules));
		iop_fit_rules_free(rules);
	}
	return 0;
}
