/*
 * t_io.c -- lib/io/reader.c and lib/io/writer.c through temporary files.  Most
 * reader checks compare a transcript of the whole stream, one line per
 * result of iop_reader_next:
 *
 *	src:line:v1|v2|...	a record; "\n" and "\r" in values are shown
 *				escaped, and a value of another kind than
 *				string is followed by #n (number), #b
 *				(boolean), #0 (null) or #l (list)
 *	R file:line:col: msg	IOP_REJECT
 *	F file:line:col: msg	IOP_FATAL ("-" for no file)
 *	H:name|name		the header at the end ("H:-" for none)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static char	*transcript(char *const *, size_t, enum iop_fmt, int);
static char	*read_as(const char *, size_t, enum iop_fmt, int);
static char	*read_s(const char *);
static void	 add_value(struct iop_buf *, const struct iop_rec *, size_t);
static void	 t_csv_read(void);
static void	 t_csv_errors(void);
static void	 t_json_read(void);
static void	 t_json_numbers(void);
static void	 t_json_errors(void);
static void	 t_multi(void);
static void	 t_header_api(void);
static void	 t_csv_write(void);
static void	 t_json_write(void);
static void	 t_roundtrip(void);
static void	 t_full(void);
static char	*write_recs(enum iop_fmt, int, const char *const *, size_t,
		    const char *const *, size_t);

static void
add_value(struct iop_buf *b, const struct iop_rec *r, size_t i)
{
	const char *v = iop_rec_get(r, i);
	size_t k, n = iop_rec_len(r, i);

	for (k = 0; k < n; k++) {
		if (v[k] == '\n')
			iop_buf_adds(b, "\\n");
		else if (v[k] == '\r')
			iop_buf_adds(b, "\\r");
		else if (v[k] == '\0')
			iop_buf_adds(b, "\\0");
		else
			iop_buf_addc(b, v[k]);
	}
	switch (iop_rec_kind(r, i)) {
	case IOP_K_NUM:
		iop_buf_adds(b, "#n");
		break;
	case IOP_K_BOOL:
		iop_buf_adds(b, "#b");
		break;
	case IOP_K_NULL:
		iop_buf_adds(b, "#0");
		break;
	case IOP_K_LIST:
		iop_buf_adds(b, "#l");
		break;
	case IOP_K_STR:
		break;
	}
}

static char *
transcript(char *const *paths, size_t npaths, enum iop_fmt fmt, int flags)
{
	struct iop_buf b = { 0 };
	struct iop_reader *rd;
	struct iop_hdr *h;
	struct iop_rec r;
	struct iop_err e;
	size_t i, guard;
	int rv;

	iop_buf_add(&b, "", 0);
	memset(&e, 0, sizeof(e));
	if ((rd = iop_reader_open(paths, npaths, fmt, flags, &e)) == NULL) {
		iop_buf_printf(&b, "open failed: %s\n", e.msg);
		return b.s;
	}
	iop_rec_init(&r);
	for (guard = 0; guard < 1000; guard++) {
		memset(&e, 0, sizeof(e));
		rv = iop_reader_next(rd, &r, &e);
		if (rv == IOP_EOF)
			break;
		if (rv == IOP_OK) {
			iop_buf_printf(&b, "%s:%zu:", r.src, r.line);
			for (i = 0; i < r.n; i++) {
				if (i > 0)
					iop_buf_addc(&b, '|');
				add_value(&b, &r, i);
			}
			iop_buf_addc(&b, '\n');
		} else
			iop_buf_printf(&b, "%c %s:%zu:%zu: %s\n",
			    rv == IOP_REJECT ? 'R' : 'F',
			    e.file != NULL ? e.file : "-", e.line, e.col,
			    e.msg);
	}
	iop_buf_adds(&b, "H:");
	if ((h = iop_reader_hdr(rd)) == NULL)
		iop_buf_adds(&b, "-");
	else
		for (i = 0; i < h->n; i++)
			iop_buf_printf(&b, "%s%s", i > 0 ? "|" : "",
			    h->names[i]);
	iop_buf_addc(&b, '\n');
	iop_rec_free(&r);
	iop_reader_close(rd);
	return b.s;
}

/* Write the bytes to in.csv (or in.jsonl) and read them back. */
static char *
read_as(const char *s, size_t n, enum iop_fmt fmt, int flags)
{
	char *p[1];

	p[0] = (char *)(fmt == IOP_FMT_JSONL ? "in.jsonl" : "in.csv");
	unit_write(p[0], s, n);
	return transcript(p, 1, fmt, flags);
}

static char *
read_s(const char *s)
{
	return read_as(s, strlen(s), IOP_FMT_AUTO, 0);
}

#define RD(in, want, name) do {						\
	char *got_ = read_s(in);					\
	CHECK_STR(got_, (want), (name));				\
	free(got_);							\
} while (0)
#define RDN(in, n, fmt, flags, want, name) do {				\
	char *got_ = read_as((in), (n), (fmt), (flags));		\
	CHECK_STR(got_, (want), (name));				\
	free(got_);							\
} while (0)

static void
t_csv_read(void)
{
	RD("id,name\n1,Ann\n2,Bob\n",
	    "in.csv:2:1|Ann\nin.csv:3:2|Bob\nH:id|name\n",
	    "csv: two records, lines 2 and 3");
	RD("\xef\xbb\xbf\"id\",name\r\n1,\"a,b\"\r\n",
	    "in.csv:2:1|a,b\nH:id|name\n",
	    "csv: BOM before a quoted first header is stripped (CRLF)");
	RD("\xef\xbb\xbfid\n\xef\xbb\xbf\n",
	    "in.csv:2:\xef\xbb\xbf\nH:id\n",
	    "csv: a BOM after byte 0 is data");
	RD("a,b\n\"x\ny\",\"say \"\"hi\"\"\"\n3,4\n",
	    "in.csv:2:x\\ny|say \"hi\"\nin.csv:4:3|4\nH:a|b\n",
	    "csv: quoted newline and doubled quotes; the next record is on "
	    "line 4");
	RD("a\r\n\"l1\r\nl2\"\r\nz\r\n",
	    "in.csv:2:l1\\r\\nl2\nin.csv:4:z\nH:a\n",
	    "csv: quoted CRLF kept in the value, CRLF ends records");
	RD("a,b\n\n1,2\n\n\n3,4\n",
	    "in.csv:3:1|2\nin.csv:6:3|4\nH:a|b\n",
	    "csv: blank lines skipped, line numbers kept");
	RD("\n\na,b\n1,2\n", "in.csv:4:1|2\nH:a|b\n",
	    "csv: blank lines before the header");
	RD("a,b\r\n\r\n1,2\r\n", "in.csv:3:1|2\nH:a|b\n",
	    "csv: a blank CRLF line counts as one line");
	RD("a,b\n1,2", "in.csv:2:1|2\nH:a|b\n",
	    "csv: no newline at the end");
	RD("a,b\n1,\"x\"", "in.csv:2:1|x\nH:a|b\n",
	    "csv: quoted last field without a newline");
	RD("only\n\"\"\nx\n", "in.csv:2:\nin.csv:3:x\nH:only\n",
	    "csv: a quoted empty line is one empty value, not a blank line");
	RD("a,b\n", "H:a|b\n", "csv: header only");
	RD("a,b", "H:a|b\n", "csv: header only, no newline");
	RD("a,b,c\n, x ,\"\"\n", "in.csv:2:| x |\nH:a|b|c\n",
	    "csv: empty fields and spaces kept exactly (no trimming)");
	RD("zip,id\n02134,007\n", "in.csv:2:02134|007\nH:zip|id\n",
	    "csv: leading zeros kept");
	RD("n\n12345678901234567890\n",
	    "in.csv:2:12345678901234567890\nH:n\n",
	    "csv: a 20-digit integer stays a string");
	RD("f\n=1+1\n@SUM(A1)\n-3\n",
	    "in.csv:2:=1+1\nin.csv:3:@SUM(A1)\nin.csv:4:-3\nH:f\n",
	    "csv: formula-like cells read unchanged");
	RD("a,b\n\"x\",\"\"\"\"\n", "in.csv:2:x|\"\nH:a|b\n",
	    "csv: a field of one doubled quote");
	RD("name\n\xf0\x9f\x98\x80 caf\xc3\xa9\n",
	    "in.csv:2:\xf0\x9f\x98\x80 caf\xc3\xa9\nH:name\n",
	    "csv: UTF-8 values (emoji, accents)");
	RD("{a}\n{b}\n", "F in.csv:1:2: invalid JSON: string or '}' "
	    "expected\nH:-\n", "csv: a first byte '{' means JSON Lines");
	RDN("{a}\n{b}\n", 8, IOP_FMT_CSV, 0, "in.csv:2:{b}\nH:{a}\n",
	    "csv: ... unless CSV is forced");
}

static void
t_csv_errors(void)
{
	char *big;
	size_t n;

	RD("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n",
	    "in.csv:2:1|2|3\n"
	    "R in.csv:3:3: expected 3 fields as in the header, found 2\n"
	    "R in.csv:4:4: expected 3 fields as in the header, found 4\n"
	    "in.csv:5:10|11|12\nH:a|b|c\n",
	    "csv: ragged rows rejected with line and column, the stream "
	    "goes on");
	RD("a,b\n\n\n1\n3,4\n",
	    "R in.csv:4:2: expected 2 fields as in the header, found 1\n"
	    "in.csv:5:3|4\nH:a|b\n",
	    "csv: a ragged row after blank lines is located on line 4");
	RD("a,b\n\"x\ny\nz\"\n1\n",
	    "R in.csv:2:2: expected 2 fields as in the header, found 1\n"
	    "R in.csv:5:2: expected 2 fields as in the header, found 1\n"
	    "H:a|b\n",
	    "csv: line numbers after a quoted value of three lines");
	RD("a,b\n1,\"open\n2,3\n",
	    "F in.csv:2:2: unterminated quoted field (the file ends inside "
	    "quotes)\nH:a|b\n",
	    "csv: unterminated quote is fatal, located where it opened");
	RDN("a,b\n1,\"open\n2,3\n", 16, IOP_FMT_AUTO, IOP_RD_LENIENT,
	    "in.csv:2:1|open\\n2,3\\n\nH:a|b\n",
	    "csv: --lenient takes an unterminated quote to the end");
	RD("a,b\nx,y\"z\n1,2\n",
	    "F in.csv:2:2: malformed quoting: a quote inside an unquoted "
	    "field or text after a closing quote (RFC 4180)\nH:a|b\n",
	    "csv: stray quote in an unquoted field is fatal (strict)");
	RDN("a,b\nx,y\"z\n1,2\n", 14, IOP_FMT_AUTO, IOP_RD_LENIENT,
	    "in.csv:2:x|y\"z\nin.csv:3:1|2\nH:a|b\n",
	    "csv: --lenient keeps a stray quote");
	RD("a\n\"ab\"c\n",
	    "F in.csv:2:1: malformed quoting: a quote inside an unquoted "
	    "field or text after a closing quote (RFC 4180)\nH:a\n",
	    "csv: text after a closing quote is fatal (strict)");
	RDN("a\n\"ab\"c\n", 8, IOP_FMT_AUTO, IOP_RD_LENIENT,
	    "in.csv:2:ab\"c\\n\nH:a\n", "csv: --lenient keeps text after a "
	    "closing quote (libcsv then reads on as if quoted)");
	RD("a,b,a\n1,2,3\n",
	    "F in.csv:1:3: header: column 3 has the same name as "
	    "column 1\nH:-\n",
	    "csv: duplicate header name");
	RD("a,,c\n1,2,3\n",
	    "F in.csv:1:2: header: column 2 has an empty name\nH:-\n",
	    "csv: empty header name");
	RD("\n\nx,\"\"\n", "F in.csv:3:2: header: column 2 has an empty "
	    "name\nH:-\n", "csv: empty quoted header name, after blank lines");
	RD("", "F in.csv:0:0: empty input (no header line)\nH:-\n",
	    "csv: empty file is fatal");
	RDN("", 0, IOP_FMT_JSONL, 0, "F in.jsonl:0:0: empty input (no header "
	    "line)\nH:-\n", "jsonl: an empty file is fatal too");
	RD("\xef\xbb\xbf", "F in.csv:0:0: empty input (no header line)\n"
	    "H:-\n", "csv: a file of only a BOM is an empty input");
	RD("\xef\xbb\xbf\n", "F in.csv:2:0: no header row (the input holds "
	    "only blank lines)\nH:-\n", "csv: a BOM and a blank line");
	RD("a,b\n", "H:a|b\n", "csv: a header alone is no records");
	RD("\n\n", "F in.csv:3:0: no header row (the input holds only blank "
	    "lines)\nH:-\n", "csv: only blank lines");
	RDN("a,b\n1,x\0y\n3,4\n", 14, IOP_FMT_AUTO, 0,
	    "R in.csv:2:2: field 'b': NUL byte in value\nin.csv:3:3|4\nH:a|b\n",
	    "csv: NUL byte rejects the record, not the stream");
	RD("a,b\n1,caf\xe9\n2,ok\n",
	    "R in.csv:2:2: field 'b': invalid UTF-8 (byte 4 of the value)\n"
	    "in.csv:3:2|ok\nH:a|b\n",
	    "csv: invalid UTF-8 in a value is located, value not quoted");
	RD("a,b\xff\n1,2\n",
	    "F in.csv:1:2: field 2: invalid UTF-8 (byte 2 of the value)\n"
	    "H:-\n", "csv: invalid UTF-8 in the header is fatal");

	/* A 2 MB field: longer than IOP_FIELD_MAX (1 MB). */
	n = 2 * 1024 * 1024;
	big = emalloc(n + 10);
	memcpy(big, "a,b\n1,", 6);
	memset(big + 6, 'x', n);
	memcpy(big + 6 + n, "\n", 1);
	{
		char *got = read_as(big, n + 7, IOP_FMT_AUTO, 0);

		CHECK_STR(got, "F in.csv:2:2: field 'b' is longer than "
		    "1048576 bytes\nH:a|b\n",
		    "csv: a 2 MB field is fatal, located");
		free(got);
	}
	/* Just under the limit is fine. */
	memset(big + 6, 'y', 1000 * 1000);
	memcpy(big + 6 + 1000 * 1000, "\n2,3\n", 5);
	{
		char *got = read_as(big, 6 + 1000 * 1000 + 5, IOP_FMT_AUTO, 0);

		CHECK(strncmp(got, "in.csv:2:1|yyyy", 15) == 0 &&
		    strstr(got, "\nin.csv:3:2|3\nH:a|b\n") != NULL &&
		    strlen(got) == 11 + 1000 * 1000 + 1 + 13 + 6,
		    "csv: a 1,000,000-byte field is read whole");
		free(got);
	}
	free(big);
}

static void
t_json_read(void)
{
	RD("{\"id\":\"001\",\"n\":42,\"r\":1.5,\"t\":true,\"f\":false,"
	    "\"z\":null,\"l\":[\"a\",\"b c\"]}\n",
	    "in.csv:1:001|42#n|1.5#n|true#b|false#b|#0|a;b c#l\n"
	    "H:id|n|r|t|f|z|l\n",
	    "json: every value kind (detected by '{')");
	RD("{\"a\":1,\"b\":\"x\"}\n{\"b\":\"y\"}\n{\"b\":null,\"a\":2}\n",
	    "in.csv:1:1#n|x\nin.csv:2:#0|y\nin.csv:3:2#n|#0\nH:a|b\n",
	    "json: a missing key is null; keys in any order");
	RD("{\"a\":[]}\n", "in.csv:1:#l\nH:a\n", "json: an empty array is an "
	    "empty list");
	RD("\n  \n{\"a\":1}\n\t\n\n{\"a\":2}\n",
	    "in.csv:3:1#n\nin.csv:6:2#n\nH:a\n",
	    "json: blank lines skipped with line numbers kept");
	RD("{\"a\":\"x\"}\r\n{\"a\":\"y\"}\r\n",
	    "in.csv:1:x\nin.csv:2:y\nH:a\n", "json: CRLF line ends");
	RD("\xef\xbb\xbf{\"a\":\"x\"}",
	    "in.csv:1:x\nH:a\n", "json: BOM and no final newline");
	RD("{\"s\":\"line\\nnext \\u00e9 \\ud83d\\ude00 \\\"q\\\"\"}\n",
	    "in.csv:1:line\\nnext \xc3\xa9 \xf0\x9f\x98\x80 \"q\"\nH:s\n",
	    "json: string escapes decoded (\\n, \\u00e9, surrogate pair)");
	RD("  {\"a\":1}\n", "in.csv:1:1#n\nH:a\n",
	    "json: detected after leading spaces");
	RDN("{\"a\":1}\n", 8, IOP_FMT_CSV, 0,
	    "F in.csv:1:1: malformed quoting: a quote inside an unquoted "
	    "field or text after a closing quote (RFC 4180)\nH:-\n",
	    "json: read as CSV when the format is forced");
	RDN("a\n1\n", 4, IOP_FMT_JSONL, 0,
	    "F in.jsonl:1:1: invalid JSON: '[' or '{' expected\nH:-\n",
	    "json: CSV read as JSON Lines when forced");
}

static void
t_json_numbers(void)
{
	RD("{\"a\":9223372036854775807,\"b\":-9223372036854775808,"
	    "\"c\":0,\"d\":-17}\n",
	    "in.csv:1:9223372036854775807#n|-9223372036854775808#n|0#n|"
	    "-17#n\nH:a|b|c|d\n",
	    "json: 19-digit integers exact");
	RD("{\"a\":0.1,\"b\":3.0,\"c\":-0.0,\"d\":0.30000000000000004,"
	    "\"e\":2.5e-7,\"f\":1e300,\"g\":123456.789}\n",
	    "in.csv:1:0.1#n|3.0#n|-0.0#n|0.30000000000000004#n|2.5e-07#n|"
	    "1e+300#n|123456.789#n\nH:a|b|c|d|e|f|g\n",
	    "json: reals in the shortest form that reads back");
	RD("{\"a\":100.0,\"b\":2500.0,\"c\":1E2,\"d\":1e15,\"e\":1e16,"
	    "\"f\":0.0001,\"g\":0.00001}\n",
	    "in.csv:1:100.0#n|2500.0#n|100.0#n|1000000000000000.0#n|"
	    "1e+16#n|0.0001#n|1e-05#n\nH:a|b|c|d|e|f|g\n",
	    "json: round reals written out in full below 1e16");
	RD("{\"a\":1}\n{\"a\":12345678901234567890}\n{\"a\":3}\n",
	    "in.csv:1:1#n\nR in.csv:2:25: invalid JSON: too big integer\n"
	    "in.csv:3:3#n\nH:a\n",
	    "json: a 20-digit integer is rejected, located, value not "
	    "quoted");
}

static void
t_json_errors(void)
{
	char *got;

	RD("{\"a\":1}\n{\"a\":1,\"a\":2}\n{\"a\":3}\n",
	    "in.csv:1:1#n\nR in.csv:2:10: invalid JSON: duplicate object key\n"
	    "in.csv:3:3#n\nH:a\n", "json: duplicate key rejected");
	RD("{\"a\":1}\n{\"a\":{\"x\":1}}\n",
	    "in.csv:1:1#n\nR in.csv:2:1: field 'a': nested objects are not "
	    "supported\nH:a\n", "json: nested object rejected");
	RD("{\"a\":1,\"b\":[\"x\"]}\n{\"a\":2,\"b\":[\"x\",1]}\n",
	    "in.csv:1:1#n|x#l\nR in.csv:2:2: field 'b': a list may hold only "
	    "strings\nH:a|b\n", "json: array with a number rejected");
	RD("{\"b\":[\"x\",\"y;z\"]}\n",
	    "R in.csv:1:1: field 'b': list item 2 contains ';', the list "
	    "separator\nH:b\n", "json: list item with ';' rejected");
	RD("{\"a\":1}\n{\"a\":2,\"secret\":\"x\"}\n",
	    "in.csv:1:1#n\nR in.csv:2:0: a field is not among the first "
	    "record's fields (key 2 of the object)\nH:a\n",
	    "json: key not in the first record rejected, not quoted");
	RD("{\"a\":1,\"b\":1}\n{\"b\":2,\"Jane Roe\":\"x\",\"a\":3}\n",
	    "in.csv:1:1#n|1#n\nR in.csv:2:0: a field is not among the first "
	    "record's fields (key 2 of the object)\nH:a|b\n",
	    "json: an unknown key is found by its place in the object");
	RD("{\"a\":1}\n[1,2]\n\"str\"\n",
	    "in.csv:1:1#n\nR in.csv:2:0: expected a JSON object on each line\n"
	    "R in.csv:3:5: invalid JSON: '[' or '{' expected\nH:a\n",
	    "json: non-object lines rejected");
	got = read_s("{\"a\":1}\n{\"a\":\"Jane Roe, dx F32.1\n{\"a\":2}\n");
	CHECK_STR(got, "in.csv:1:1#n\nR in.csv:2:24: invalid JSON: premature "
	    "end of input\nin.csv:3:2#n\nH:a\n",
	    "json: an unterminated string rejected");
	CHECK(strstr(got, "Jane") == NULL && strstr(got, "F32") == NULL,
	    "json: the error does not echo the data");
	free(got);
	got = read_s("{\"a\":1}\n{\"a\":tru}\n{\"a\":\"x\",}\n"
	    "{\"a\":\"\\uZZZZ-secret\"}\n{\"a\":\"\\udead-secret\"}\n");
	CHECK(strstr(got, "tru") == NULL && strstr(got, "ZZ") == NULL &&
	    strstr(got, "dead") == NULL && strstr(got, "DEAD") == NULL &&
	    strstr(got, "secret") == NULL && strstr(got, "\"x\"") == NULL,
	    "json: syntax errors never echo tokens or escapes");
	CHECK(strstr(got, "R in.csv:2:") != NULL &&
	    strstr(got, "R in.csv:3:") != NULL &&
	    strstr(got, "R in.csv:4:") != NULL &&
	    strstr(got, "R in.csv:5:") != NULL, "json: each bad line is "
	    "located");
	free(got);
	RD("{\"a\":1}\n{\"a\":\"bad\xff\"}\n",
	    "in.csv:1:1#n\nR in.csv:2:9: invalid JSON: unable to decode byte "
	    "0xff\nH:a\n", "json: invalid UTF-8 rejected");
	RD("{\"a\":1}\n{\"a\":\"x\\u0000y\"}\n",
	    "in.csv:1:1#n\nR in.csv:2:15: invalid JSON: NUL byte (\\u0000) "
	    "in a string\nH:a\n",
	    "json: \\u0000 rejected");
	RD("{}\n", "F in.csv:1:0: the first object has no fields\nH:-\n",
	    "json: an empty first object is fatal");
	RD("{\"\":1}\n", "F in.csv:1:0: empty field name\nH:-\n",
	    "json: an empty key in the first object is fatal");
	RD("{\"a\":\"x\"\n{\"a\":\"y\"}\n",
	    "F in.csv:1:8: invalid JSON: '}' expected\nH:-\n",
	    "json: a bad first line is fatal (it would give the columns)");
	RDN("[\"a\"]\n{\"a\":\"y\"}\n", 16, IOP_FMT_JSONL, 0,
	    "F in.jsonl:1:0: expected a JSON object on each line\nH:-\n",
	    "json: a first line that is no object is fatal");
}

static void
t_multi(void)
{
	char *p[4];
	char *got;

	unit_writes("f1.csv", "a,b\n1,2\n");
	unit_writes("f2.csv", "\xef\xbb\xbf" "a,b\r\n3,4\r\n");
	unit_writes("f3.csv", "a,c\n5,6\n");
	unit_writes("f4.jsonl", "{\"a\":\"7\",\"b\":\"8\"}\n");
	p[0] = "f1.csv";
	p[1] = "f2.csv";
	p[2] = "f4.jsonl";
	got = transcript(p, 3, IOP_FMT_AUTO, 0);
	CHECK_STR(got, "f1.csv:2:1|2\nf2.csv:2:3|4\nf4.jsonl:1:7|8\nH:a|b\n",
	    "multi: three inputs with one header read as one stream");
	free(got);
	p[0] = "f1.csv";
	p[1] = "f3.csv";
	p[2] = "nofile.csv";
	p[3] = "f2.csv";
	got = transcript(p, 4, IOP_FMT_AUTO, 0);
	CHECK_STR(got, "f1.csv:2:1|2\n"
	    "F f3.csv:1:0: header differs from the first input's header\n"
	    "F -:0:0: nofile.csv: No such file or directory\n"
	    "f2.csv:2:3|4\nH:a|b\n",
	    "multi: a different header and a missing file are fatal for "
	    "that input only");
	free(got);
	unit_writes("f5.csv", "\n\na,c\n");
	p[1] = "f5.csv";
	got = transcript(p, 2, IOP_FMT_AUTO, 0);
	CHECK_STR(got, "f1.csv:2:1|2\n"
	    "F f5.csv:3:0: header differs from the first input's header\n"
	    "H:a|b\n", "multi: a differing header is located on its line");
	free(got);
	unit_writes("f6.csv", "");
	p[1] = "f6.csv";
	p[2] = "f2.csv";
	got = transcript(p, 3, IOP_FMT_AUTO, 0);
	CHECK_STR(got, "f1.csv:2:1|2\nF f6.csv:0:0: empty input (no header "
	    "line)\nf2.csv:2:3|4\nH:a|b\n",
	    "multi: an empty input between two is an error for that input "
	    "only");
	free(got);
}

static void
t_header_api(void)
{
	struct iop_reader *rd;
	struct iop_rec r;
	struct iop_err e;
	char *p[1] = { "h.jsonl" };
	int fd, rv;

	memset(&e, 0, sizeof(e));
	iop_rec_init(&r);
	unit_writes("h.jsonl", "{\"x\":1,\"y\":[1]}\n{\"x\":2,\"y\":null}\n");
	rd = iop_reader_open(p, 1, IOP_FMT_AUTO, 0, &e);
	rv = iop_reader_header(rd, &e);
	CHECK(rv == IOP_OK && iop_reader_hdr(rd) != NULL &&
	    iop_reader_hdr(rd)->n == 2 && iop_reader_fmt(rd) == IOP_FMT_JSONL,
	    "header: JSON Lines header from the first object, format "
	    "detected");
	CHECK_STR(iop_reader_name(rd), "h.jsonl", "header: reader name");
	rv = iop_reader_next(rd, &r, &e);
	CHECK(rv == IOP_REJECT && e.line == 1 && e.col == 2 &&
	    strcmp(e.msg, "field 'y': a list may hold only strings") == 0,
	    "header: the first record's error is kept for the first next()");
	rv = iop_reader_next(rd, &r, &e);
	CHECK(rv == IOP_OK && r.line == 2 && strcmp(iop_rec_get(&r, 0), "2")
	    == 0 && iop_rec_kind(&r, 1) == IOP_K_NULL,
	    "header: then the second record");
	CHECK_INT(iop_reader_next(rd, &r, &e), IOP_EOF, "header: then EOF");
	iop_reader_close(rd);

	/* A JSON input without a header gives way to the next input. */
	unit_writes("bad.jsonl", "{x}\n{\"a\":1}\n");
	unit_writes("good.csv", "k\nv\n");
	{
		char *two[2] = { "bad.jsonl", "good.csv" };

		rd = iop_reader_open(two, 2, IOP_FMT_AUTO, 0, &e);
		rv = iop_reader_header(rd, &e);
		CHECK(rv == IOP_FATAL && e.line == 1 && strcmp(e.file,
		    "bad.jsonl") == 0, "header: a bad first JSON line is fatal "
		    "for its input");
		rv = iop_reader_header(rd, &e);
		CHECK(rv == IOP_OK &&
		    iop_hdr_find(iop_reader_hdr(rd), "k") == 0,
		    "header: the next call takes the next input's header");
		rv = iop_reader_next(rd, &r, &e);
		CHECK(rv == IOP_OK && strcmp(r.src, "good.csv") == 0 &&
		    strcmp(iop_rec_get(&r, 0), "v") == 0 &&
		    iop_reader_next(rd, &r, &e) == IOP_EOF,
		    "header: then its records, then EOF");
		iop_reader_close(rd);
		rd = iop_reader_open(two, 1, IOP_FMT_AUTO, 0, &e);
		CHECK(iop_reader_header(rd, &e) == IOP_FATAL &&
		    iop_reader_header(rd, &e) == IOP_EOF,
		    "header: with no other input, EOF after the fatal error");
		iop_reader_close(rd);
	}

	unit_writes("h.csv", "");
	p[0] = "h.csv";
	rd = iop_reader_open(p, 1, IOP_FMT_AUTO, 0, &e);
	CHECK(iop_reader_header(rd, &e) == IOP_FATAL &&
	    strcmp(e.msg, "empty input (no header line)") == 0 &&
	    iop_reader_hdr(rd) == NULL &&
	    iop_reader_header(rd, &e) == IOP_EOF,
	    "header: an empty input is fatal, then EOF");
	iop_reader_close(rd);

	unit_writes("h.csv", "k,v\n1,2\n");
	if ((fd = open("h.csv", O_RDONLY)) < 0)
		iop_err(1, "h.csv");
	rd = iop_reader_fdopen(fd, "named.csv", IOP_FMT_AUTO, 0, &e);
	rv = iop_reader_header(rd, &e);
	CHECK(rv == IOP_OK && iop_hdr_find(iop_reader_hdr(rd), "v") == 1 &&
	    iop_reader_fmt(rd) == IOP_FMT_CSV, "fdopen: CSV header");
	rv = iop_reader_next(rd, &r, &e);
	CHECK(rv == IOP_OK && strcmp(r.src, "named.csv") == 0 && r.line == 2 &&
	    strcmp(iop_rec_get(&r, 1), "2") == 0,
	    "fdopen: record named after the given name");
	iop_reader_close(rd);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "fdopen: the descriptor is left "
	    "open for its owner");
	close(fd);
	iop_rec_free(&r);
}

/* Write records (CSV or JSON Lines) to a file and return its bytes. */
static char *
write_recs(enum iop_fmt fmt, int flags, const char *const *names,
    size_t nnames, const char *const *vals, size_t nvals)
{
	struct iop_writer *w;
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec r;
	FILE *fp;
	size_t i;
	char *s;

	for (i = 0; i < nnames; i++)
		iop_hdr_add(h, names[i]);
	iop_rec_init(&r);
	r.hdr = h;
	if ((fp = fopen("out.txt", "w")) == NULL)
		iop_err(1, "out.txt");
	w = iop_writer_new(fp, fmt, flags);
	for (i = 0; i < nvals; i++) {
		iop_rec_push(&r, vals[i], strlen(vals[i]), IOP_K_STR);
		if (r.n == nnames) {
			iop_writer_put(w, &r);
			iop_rec_clear(&r);
		}
	}
	iop_writer_header(w, h);
	iop_writer_close(w);
	fclose(fp);
	s = unit_read("out.txt", NULL);
	iop_rec_free(&r);
	iop_hdr_free(h);
	return s;
}

#define WR(fmt, flags, names, vals, want, name) do {			\
	char *got_ = write_recs((fmt), (flags), (names),		\
	    sizeof(names) / sizeof(names[0]), (vals),			\
	    sizeof(vals) / sizeof(vals[0]));				\
	CHECK_STR(got_, (want), (name));				\
	free(got_);							\
} while (0)

static void
t_csv_write(void)
{
	static const char *const n2[] = { "id", "v" };
	static const char *const tricky[] = { "plain", "a,b", "q",
	    "say \"hi\"", "nl", "two\nlines", "lead", " x", "trail", "x ",
	    "tab", "\tx", "empty", "", "cr", "a\rb", "semi", "x;y",
	    "utf", "caf\xc3\xa9" };
	static const char *const one[] = { "1", "x" };
	static const char *const sh[] = { "id", "=h" };
	static const char *const formula[] = { "a", "=1+1", "b", "+x",
	    "c", "-5", "d", "@SUM(A1)", "e", "\tx", "f", "\rx", "g", "a=b",
	    "h", "", "i", "=a,b", "j", "@\"q\"" };
	static const char *const none[] = { "" };
	static const char *const n1[] = { "only" };
	static const char *const e1[] = { "", "x" };
	struct iop_buf b = { 0 };

	WR(IOP_FMT_CSV, 0, n2, tricky,
	    "id,v\nplain,\"a,b\"\nq,\"say \"\"hi\"\"\"\nnl,\"two\nlines\"\n"
	    "lead,\" x\"\ntrail,\"x \"\ntab,\"\tx\"\nempty,\ncr,\"a\rb\"\n"
	    "semi,x;y\nutf,caf\xc3\xa9\n",
	    "csv write: minimal quoting (comma, quote, CR, LF, edge space "
	    "and tab only)");
	WR(IOP_FMT_CSV, IOP_WR_CRLF, n2, one, "id,v\r\n1,x\r\n",
	    "csv write: CRLF");
	WR(IOP_FMT_CSV, IOP_WR_QUOTE_ALL, n2, one,
	    "\"id\",\"v\"\n\"1\",\"x\"\n", "csv write: QUOTE_ALL");
	WR(IOP_FMT_CSV, IOP_WR_BOM | IOP_WR_CRLF, n2, one,
	    "\xef\xbb\xbfid,v\r\n1,x\r\n", "csv write: BOM first");
	WR(IOP_FMT_CSV, IOP_WR_NOHEADER | IOP_WR_BOM, n2, one, "1,x\n",
	    "csv write: NOHEADER writes neither header nor BOM");
	WR(IOP_FMT_CSV, IOP_WR_SPREADSHEET, sh, formula,
	    "id,=h\na,'=1+1\nb,'+x\nc,'-5\nd,'@SUM(A1)\ne,\"'\tx\"\n"
	    "f,\"'\rx\"\ng,a=b\nh,\ni,\"'=a,b\"\nj,\"'@\"\"q\"\"\"\n",
	    "csv write: SPREADSHEET prefixes ' to = + - @ tab CR (not the "
	    "header)");
	WR(IOP_FMT_CSV, IOP_WR_QUOTE_ALL, n2, none, "\"id\",\"v\"\n",
	    "csv write: header written at close when there are no records");
	WR(IOP_FMT_CSV, 0, n1, e1, "only\n\"\"\nx\n",
	    "csv write: a lone empty value is \"\", not a blank line");

	iop_csv_field(&b, "a\"\"b", 4, 0);
	CHECK_STR(b.s, "\"a\"\"\"\"b\"", "csv_field: two quotes doubled");
	iop_buf_reset(&b);
	iop_csv_field(&b, "", 0, IOP_WR_QUOTE_ALL);
	CHECK_STR(b.s, "\"\"", "csv_field: empty value with QUOTE_ALL");
	iop_buf_reset(&b);
	iop_csv_field(&b, "-1", 2, IOP_WR_SPREADSHEET | IOP_WR_QUOTE_ALL);
	CHECK_STR(b.s, "\"'-1\"", "csv_field: guard inside the quotes");
	iop_buf_free(&b);
}

static void
t_json_write(void)
{
	struct iop_writer *w;
	struct iop_hdr *h = iop_hdr_new();
	struct iop_buf b = { 0 };
	struct iop_rec r;
	FILE *fp;
	char *s;

	iop_hdr_add(h, "s");
	iop_hdr_add(h, "n");
	iop_hdr_add(h, "e");
	iop_hdr_add(h, "t");
	iop_hdr_add(h, "z");
	iop_hdr_add(h, "l");
	iop_hdr_add(h, "k\"ey");
	iop_rec_init(&r);
	r.hdr = h;
	iop_rec_push(&r, "q\"\\\n\t\x01\x1f/\xc3\xa9", 10, IOP_K_STR);
	iop_rec_push(&r, "-12.5", 5, IOP_K_NUM);
	iop_rec_push(&r, "", 0, IOP_K_NUM);
	iop_rec_push(&r, "true", 4, IOP_K_BOOL);
	iop_rec_push(&r, "", 0, IOP_K_NULL);
	iop_rec_push(&r, " a ;b;; c\"d ", 12, IOP_K_LIST);
	iop_rec_push(&r, "", 0, IOP_K_STR);
	if ((fp = fopen("out.jsonl", "w")) == NULL)
		iop_err(1, "out.jsonl");
	w = iop_writer_new(fp, IOP_FMT_JSONL, IOP_WR_CRLF | IOP_WR_BOM);
	CHECK(iop_writer_header(w, h) == 0, "json write: header is a no-op");
	iop_writer_put(w, &r);
	iop_rec_setn(&r, 5, "", 0, IOP_K_LIST);
	iop_rec_setn(&r, 3, "", 0, IOP_K_BOOL);
	r.n = 2;	/* a short record: the rest is null */
	iop_writer_put(w, &r);
	CHECK(iop_writer_close(w) == 0, "json write: close succeeds");
	fclose(fp);
	s = unit_read("out.jsonl", NULL);
	CHECK_STR(s, "{\"s\":\"q\\\"\\\\\\n\\t\\u0001\\u001f/\xc3\xa9\","
	    "\"n\":-12.5,\"e\":null,\"t\":true,\"z\":null,"
	    "\"l\":[\"a\",\"b\",\"c\\\"d\"],\"k\\\"ey\":\"\"}\n"
	    "{\"s\":\"q\\\"\\\\\\n\\t\\u0001\\u001f/\xc3\xa9\","
	    "\"n\":-12.5,\"e\":null,\"t\":null,\"z\":null,\"l\":null,"
	    "\"k\\\"ey\":null}\n",
	    "json write: escapes, kinds, lists, header order, LF only, no "
	    "BOM");
	free(s);
	iop_json_string(&b, "\b\f\r", 3);
	CHECK_STR(b.s, "\"\\b\\f\\r\"", "json_string: \\b \\f \\r");
	iop_buf_free(&b);
	iop_rec_free(&r);
	iop_hdr_free(h);
}

/*
 * CSV written by us, read, written as JSON Lines, read, written as CSV:
 * the two CSV files are byte for byte the same.
 */
static void
t_roundtrip(void)
{
	static const char *const vals[] = { "001", "a,b", "say \"hi\"",
	    "two\r\nlines", " lead", "", "caf\xc3\xa9 \xf0\x9f\x98\x80",
	    "=1+1", "x;y", "\x01ctl", "12345678901234567890", "-0.0" };
	struct iop_writer *w;
	struct iop_reader *rd;
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec r;
	struct iop_err e;
	char *p[1], *a, *c;
	size_t i, na, nc, nrec;
	FILE *fp;

	iop_hdr_add(h, "id");
	iop_hdr_add(h, "value, with comma");
	iop_hdr_add(h, "third");
	iop_rec_init(&r);
	r.hdr = h;
	fp = fopen("rt1.csv", "w");
	w = iop_writer_new(fp, IOP_FMT_CSV, 0);
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		iop_rec_clear(&r);
		iop_rec_setf(&r, 0, "%03zu", i);
		iop_rec_set(&r, 1, vals[i]);
		iop_rec_set(&r, 2, vals[(i + 5) % 12]);
		iop_writer_put(w, &r);
	}
	iop_writer_close(w);
	fclose(fp);

	/* rt1.csv -> rt2.jsonl */
	memset(&e, 0, sizeof(e));
	p[0] = "rt1.csv";
	rd = iop_reader_open(p, 1, IOP_FMT_AUTO, 0, &e);
	fp = fopen("rt2.jsonl", "w");
	w = iop_writer_new(fp, IOP_FMT_JSONL, 0);
	nrec = 0;
	while (iop_reader_next(rd, &r, &e) == IOP_OK) {
		iop_writer_put(w, &r);
		nrec++;
	}
	iop_writer_close(w);
	fclose(fp);
	iop_reader_close(rd);
	CHECK_INT(nrec, 12, "round trip: 12 records read from our CSV");

	/* rt2.jsonl -> rt3.csv */
	p[0] = "rt2.jsonl";
	rd = iop_reader_open(p, 1, IOP_FMT_AUTO, 0, &e);
	fp = fopen("rt3.csv", "w");
	w = iop_writer_new(fp, IOP_FMT_CSV, 0);
	nrec = 0;
	while (iop_reader_next(rd, &r, &e) == IOP_OK) {
		iop_writer_put(w, &r);
		nrec++;
	}
	iop_writer_close(w);
	fclose(fp);
	iop_reader_close(rd);
	CHECK_INT(nrec, 12, "round trip: 12 records read from our JSON Lines");
	a = unit_read("rt1.csv", &na);
	c = unit_read("rt3.csv", &nc);
	CHECK_MEM(c, nc, a, na, "round trip: CSV -> JSON Lines -> CSV is "
	    "byte for byte");
	free(a);
	free(c);
	iop_rec_free(&r);
	iop_hdr_free(h);
}

static void
t_full(void)
{
	struct iop_writer *w;
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec r;
	FILE *fp;
	int i, bad = 0;

	iop_hdr_add(h, "v");
	iop_rec_init(&r);
	r.hdr = h;
	iop_rec_push(&r, "one small value", 15, IOP_K_STR);
	if ((fp = fopen("/dev/full", "w")) == NULL) {
		unit_note("skip: no /dev/full");
		CHECK(1, "# SKIP writer on a full device");
		CHECK(1, "# SKIP writer on a full device, big");
		return;
	}
	w = iop_writer_new(fp, IOP_FMT_CSV, 0);
	CHECK(iop_writer_put(w, &r) == 0 && iop_writer_close(w) == -1,
	    "full device: a buffered write fails at close");
	fclose(fp);
	fp = fopen("/dev/full", "w");
	w = iop_writer_new(fp, IOP_FMT_JSONL, 0);
	for (i = 0; i < 2000; i++)
		if (iop_writer_put(w, &r) != 0)
			bad++;
	CHECK(bad > 0 && iop_writer_close(w) == -1,
	    "full device: puts fail once the buffer spills, and close fails");
	fclose(fp);
	iop_rec_free(&r);
	iop_hdr_free(h);
}

void
t_io(void)
{
	t_csv_read();
	t_csv_errors();
	t_json_read();
	t_json_numbers();
	t_json_errors();
	t_multi();
	t_header_api();
	t_csv_write();
	t_json_write();
	t_roundtrip();
	t_full();
}
