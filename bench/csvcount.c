/*
 * csvcount.c -- the parser ceiling for the benchmark: a bare libcsv parse
 * of standard input that counts fields and rows and does nothing else.
 */
#include <csv.h>
#include <stdio.h>
#include <unistd.h>

static unsigned long	fields, rows;

static void
cb1(void *s, size_t n, void *arg)
{
	(void)s;
	(void)n;
	(void)arg;
	fields++;
}

static void
cb2(int c, void *arg)
{
	(void)c;
	(void)arg;
	rows++;
}

int
main(void)
{
	struct csv_parser p;
	char buf[1 << 16];
	ssize_t n;

	if (csv_init(&p, CSV_STRICT) != 0)
		return 1;
	while ((n = read(0, buf, sizeof(buf))) > 0)
		if (csv_parse(&p, buf, (size_t)n, cb1, cb2, NULL) !=
		    (size_t)n) {
			fprintf(stderr, "csvcount: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, cb1, cb2, NULL);
	csv_free(&p);
	printf("%lu rows, %lu fields\n", rows, fields);
	return 0;
}
