/*
 * reader.c -- records in: CSV (RFC 4180, on libcsv) and JSON Lines (on
 * jansson), detected from the first bytes of each input.  The reader owns
 * the stream's header and fills a caller's record, one at a time; nothing
 * here grows with the number of rows.
 *
 * JSON Lines records are read in jsonl.c.
 *
 * CSV is fed to libcsv one line segment at a time (a segment ends after
 * each CR or LF), so that every callback knows the physical line it is on
 * and errors can be located exactly even inside quoted newlines.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/io/io.h"
#include "lib/io/reader_private.h"


static int	open_next(struct iop_reader *, struct iop_err *);
static int	start_input(struct iop_reader *, struct iop_err *);
static void	end_input(struct iop_reader *);
static int	begin_input(struct iop_reader *, struct iop_err *);
static int	csv_next(struct iop_reader *, struct iop_rec *,
		    struct iop_err *);
static int	csv_header(struct iop_reader *, struct iop_err *);
static void	cb_field(void *, size_t, void *);
static void	cb_row(int, void *);
static void	csv_split(struct iop_reader *, const char *, size_t);
static int	cb_space(unsigned char);
static struct iop_reader *reader_new(size_t, enum iop_fmt, int);

/* A reader of n inputs (their names filled by the caller), none open. */
static struct iop_reader *
reader_new(size_t n, enum iop_fmt fmt, int flags)
{
	struct iop_reader *r;

	r = ecalloc(1, sizeof(*r));
	r->npaths = n;
	r->paths = ecalloc(n, sizeof(*r->paths));
	r->fd = -1;
	r->want = fmt;
	r->flags = flags;
	r->buf = emalloc(RD_BUFSZ);
	iop_rec_init(&r->pending);
	return r;
}

struct iop_reader *
iop_reader_open(char *const *paths, size_t n, enum iop_fmt fmt, int flags,
    struct iop_err *e)
{
	struct iop_reader *r;
	size_t i;

	(void)e;
	r = reader_new(n ? n : 1, fmt, flags);
	for (i = 0; i < n; i++)
		r->paths[i] = estrdup(paths[i]);
	if (n == 0)
		r->paths[0] = estrdup("-");
	return r;
}

struct iop_reader *
iop_reader_fdopen(int fd, const char *name, enum iop_fmt fmt, int flags,
    struct iop_err *e)
{
	struct iop_reader *r;

	(void)e;
	r = reader_new(1, fmt, flags);
	r->paths[0] = estrdup(name);
	r->next = 1;
	r->fd = fd;
	r->ownfd = 0;
	r->name = r->paths[0];
	r->line = 1;
	return r;
}

/* A reader over a buffer in memory (tests and fuzzing). */
struct iop_reader *
iop_reader_memopen(const void *p, size_t n, const char *name, enum iop_fmt fmt,
    int flags, struct iop_err *e)
{
	struct iop_reader *r;

	/* Any descriptor >= 0 marks the input as open; it is never read. */
	r = iop_reader_fdopen(0, name, fmt, flags, e);
	r->mem = p != NULL ? p : "";
	r->memlen = n;
	return r;
}

void
iop_reader_close(struct iop_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	end_input(r);
	for (i = 0; i < r->npaths; i++)
		free(r->paths[i]);
	free(r->paths);
	free(r->buf);
	iop_buf_free(&r->lbuf);
	iop_rec_free(&r->pending);
	iop_hdr_free(r->hdr);
	free(r);
}

struct iop_hdr *
iop_reader_hdr(struct iop_reader *r)
{
	return r->hdr;
}

enum iop_fmt
iop_reader_fmt(const struct iop_reader *r)
{
	return r->first_fmt != IOP_FMT_AUTO ? r->first_fmt : r->want;
}

const char *
iop_reader_name(const struct iop_reader *r)
{
	return r->name != NULL ? r->name : "<stdin>";
}

static void
end_input(struct iop_reader *r)
{
	if (r->fd >= 0 && r->ownfd)
		close(r->fd);
	r->fd = -1;
	if (r->csv_init) {
		csv_free(&r->csv);
		r->csv_init = 0;
	}
	r->started = 0;
	r->in_hdr = 0;
	r->pos = r->end = 0;
	r->eof = 0;
	r->have_pending = 0;
}

/* Open the next input; 1 opened, 0 none left, -1 could not open. */
static int
open_next(struct iop_reader *r, struct iop_err *e)
{
	const char *p;

	end_input(r);
	if (r->next >= r->npaths)
		return 0;
	p = r->paths[r->next++];
	if (strcmp(p, "-") == 0) {
		r->fd = STDIN_FILENO;
		r->ownfd = 0;
		r->name = "<stdin>";
	} else {
		r->name = p;
		if ((r->fd = open(p, O_RDONLY | O_CLOEXEC)) < 0) {
			iop_seterr(e, NULL, 0, 0, "%s: %s", p,
			    strerror(errno));
			return -1;
		}
		r->ownfd = 1;
	}
	r->line = 1;
	return 1;
}

/* Read more bytes; 1 got some, 0 end of input, -1 read error. */
int
iop_rd_fill(struct iop_reader *r, struct iop_err *e)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->pos > 0 && r->pos < r->end)
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
	r->end -= r->pos;
	r->pos = 0;
	if (r->end == RD_BUFSZ)
		return 1;
	if (r->mem != NULL) {
		n = (ssize_t)(r->memlen - r->mempos < RD_BUFSZ - r->end ?
		    r->memlen - r->mempos : RD_BUFSZ - r->end);
		memcpy(r->buf + r->end, r->mem + r->mempos, (size_t)n);
		r->mempos += (size_t)n;
	} else
		for (;;) {
			n = read(r->fd, r->buf + r->end, RD_BUFSZ - r->end);
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
	if (n < 0) {
		iop_seterr(e, r->name, r->line, 0, "read error: %s",
		    strerror(errno));
		return -1;
	}
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += (size_t)n;
	return 1;
}

/*
 * Strip a byte-order mark at byte 0 and detect the format of the input.
 * Returns 1 or IOP_FATAL.
 *
 * An input of no bytes (after a byte-order mark) is an error in every
 * program: it is what a failed export leaves, and taking it as no records
 * would let a nightly job report nothing and succeed.  A header alone is
 * zero records.
 */
static int
start_input(struct iop_reader *r, struct iop_err *e)
{
	size_t i;
	int rv = 0;

	while (r->end - r->pos < 3 && (rv = iop_rd_fill(r, e)) > 0)
		;
	if (rv < 0)
		return IOP_FATAL;
	if (r->end - r->pos >= 3 && memcmp(r->buf + r->pos, "\xef\xbb\xbf",
	    3) == 0) {
		r->pos += 3;
		if (r->next <= 1)
			r->style |= IOP_WR_BOM;
	}
	if (r->end == r->pos && iop_rd_fill(r, e) < 0)
		return IOP_FATAL;
	if (r->end == r->pos && r->eof) {
		iop_seterr(e, r->name, 0, 0, "empty input (no header line)");
		return IOP_FATAL;
	}
	r->fmt = r->want;
	if (r->fmt == IOP_FMT_AUTO) {
		r->fmt = IOP_FMT_CSV;
		for (i = r->pos; i < r->end; i++) {
			char c = r->buf[i];

			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (c == '{')
				r->fmt = IOP_FMT_JSONL;
			break;
		}
	}
	if (r->first_fmt == IOP_FMT_AUTO)
		r->first_fmt = r->fmt;
	r->started = 1;
	if (r->fmt == IOP_FMT_CSV) {
		unsigned char o = CSV_REPALL_NL;

		if (!(r->flags & IOP_RD_LENIENT))
			o |= CSV_STRICT | CSV_STRICT_FINI;
		if (csv_init(&r->csv, o) != 0) {
			iop_seterr(e, r->name, 0, 0, "csv_init: %s",
			    strerror(ENOMEM));
			return IOP_FATAL;
		}
		csv_set_space_func(&r->csv, cb_space);
		r->csv_init = 1;
		r->start_line = r->line;
		r->last_cr = 0;
		r->csv_mid = 0;
		r->cr_pend = 0;
	}
	return 1;
}

static int
cb_space(unsigned char c)
{
	(void)c;
	return 0;
}

const char *
iop_rd_field_name(const struct iop_reader *r, size_t i, char *tmp, size_t sz)
{
	if (r->hdr != NULL && i < r->hdr->n && !r->header_row) {
		snprintf(tmp, sz, "field '%s'", r->hdr->names[i]);
		return tmp;
	}
	snprintf(tmp, sz, "field %zu", i + 1);
	return tmp;
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct iop_reader *r = arg;
	char tmp[300];
	size_t at;

	r->nfields++;
	r->since = 0;
	if (r->bad)
		return;
	if (s == NULL)
		s = "";
	if (len > IOP_FIELD_MAX) {
		r->bad = r->toolong = 1;
		iop_seterr(&r->recerr, r->name, r->line, r->nfields,
		    "%s is longer than %d bytes",
		    iop_rd_field_name(r, r->nfields - 1, tmp, sizeof(tmp)),
		    IOP_FIELD_MAX);
		return;
	}
	if (memchr(s, '\0', len) != NULL) {
		r->bad = 1;
		iop_seterr(&r->recerr, r->name, r->line, r->nfields,
		    "%s: NUL byte in value",
		    iop_rd_field_name(r, r->nfields - 1, tmp, sizeof(tmp)));
		return;
	}
	if (!iop_utf8_valid(s, len, &at)) {
		r->bad = 1;
		iop_seterr(&r->recerr, r->name, r->line, r->nfields,
		    "%s: invalid UTF-8 (byte %zu of the value)",
		    iop_rd_field_name(r, r->nfields - 1, tmp, sizeof(tmp)), at + 1);
		return;
	}
	iop_rec_push(r->rec, s, len, IOP_K_STR);
}

static void
cb_row(int c, void *arg)
{
	struct iop_reader *r = arg;

	r->csv_mid = 0;
	if (r->nfields == 0) {
		/* A blank line, or the LF of a CRLF. */
		r->last_cr = c == '\r';
		r->start_line = r->line + (c == '\n' || c == '\r');
		r->bad = 0;
		return;
	}
	r->last_cr = c == '\r';
	if (r->header_row && c == '\r')
		r->style |= IOP_WR_CRLF;
	r->rec->line = r->start_line;
	r->start_line = r->line + 1;
	r->done = 1;
}

/*
 * A whole line without a quote character, while libcsv is between rows:
 * split it on commas directly.  In strict mode with no trimming this is
 * exactly what libcsv does with such a line, at a fraction of the cost;
 * every line with a quote still goes through libcsv.
 */
static void
csv_split(struct iop_reader *r, const char *s, size_t seg)
{
	const char *end = s + seg - 1, *c;

	if (s == end) {
		cb_row((unsigned char)*end, r);
		return;
	}
	for (;;) {
		c = memchr(s, ',', (size_t)(end - s));
		if (c == NULL) {
			cb_field((void *)s, (size_t)(end - s), r);
			break;
		}
		cb_field((void *)s, (size_t)(c - s), r);
		s = c + 1;
	}
	cb_row((unsigned char)*end, r);
}

/*
 * Feed libcsv until one row is complete.  Returns IOP_OK, IOP_EOF (end of
 * this input), IOP_REJECT or IOP_FATAL.
 */
static int
csv_row(struct iop_reader *r, struct iop_rec *rec, struct iop_err *e)
{
	const char *s, *nl, *cr;
	size_t len, seg, n;
	int rv;

	r->rec = rec;
	iop_rec_clear(rec);
	r->nfields = 0;
	r->done = 0;
	r->bad = r->toolong = 0;
	while (!r->done) {
		if (r->pos == r->end) {
			if ((rv = iop_rd_fill(r, e)) < 0)
				return IOP_FATAL;
			if (rv == 0) {
				if (csv_fini(&r->csv, cb_field, cb_row, r) != 0) {
					iop_seterr(e, r->name, r->start_line,
					    r->nfields + 1,
					    "unterminated quoted field "
					    "(the file ends inside quotes)");
					return IOP_FATAL;
				}
				if (r->done)
					break;
				return IOP_EOF;
			}
		}
		s = r->buf + r->pos;
		len = r->end - r->pos;
		nl = memchr(s, '\n', len);
		if (nl == NULL && !r->eof && (r->pos > 0 ||
		    r->end < RD_BUFSZ)) {
			/* Get the whole line into the buffer if it fits. */
			if ((rv = iop_rd_fill(r, e)) < 0)
				return IOP_FATAL;
			if (rv > 0)
				continue;
			s = r->buf + r->pos;
			len = r->end - r->pos;
		}
		/* A CR not followed by LF ends a line too (old Mac files). */
		if (r->cr_pend) {
			r->cr_pend = 0;
			if (*s != '\n')
				r->line++;
		}
		seg = nl != NULL ? (size_t)(nl - s) + 1 : len;
		if ((cr = memchr(s, '\r', seg)) != NULL)
			seg = (size_t)(cr - s) + 1;
		if (!r->csv_mid && (s[seg - 1] == '\n' || s[seg - 1] == '\r') &&
		    memchr(s, '"', seg) == NULL) {
			csv_split(r, s, seg);
			r->pos += seg;
			if (s[seg - 1] == '\n')
				r->line++;
			r->cr_pend = s[seg - 1] == '\r';
			continue;
		}
		/*
		 * A guard on what libcsv buffers; cb_field checks the exact
		 * length.  Bytes since the last field are the current field's
		 * (a value of IOP_FIELD_MAX bytes is at most twice that and
		 * two quotes, every quote doubled) and what follows it in
		 * this segment.
		 */
		if (r->since + seg > 2 * (size_t)IOP_FIELD_MAX + 2 + RD_BUFSZ) {
			char tmp[300];

			iop_seterr(e, r->name, r->line, r->nfields + 1,
			    "%s is longer than %d bytes",
			    iop_rd_field_name(r, r->nfields, tmp, sizeof(tmp)),
			    IOP_FIELD_MAX);
			return IOP_FATAL;
		}
		r->since += seg;
		r->csv_mid = 1;
		/*
		 * libcsv grows its field buffer by blk_size bytes (128 by
		 * default), so a big quoted field costs a copy every 128
		 * bytes: quadratic.  Grow by at least this segment, and by
		 * the buffer's own size, so that each growth doubles it.
		 */
		csv_set_blk_size(&r->csv, r->csv.entry_size > seg ?
		    r->csv.entry_size : seg < RD_CSV_BLK ? RD_CSV_BLK : seg);
		n = csv_parse(&r->csv, s, seg, cb_field, cb_row, r);
		if (n != seg) {
			if (csv_error(&r->csv) == CSV_EPARSE)
				iop_seterr(e, r->name, r->line, r->nfields + 1,
				    "malformed quoting: a quote inside an "
				    "unquoted field or text after a closing "
				    "quote (RFC 4180)");
			else
				iop_seterr(e, r->name, r->line, r->nfields + 1,
				    "%s", csv_strerror(csv_error(&r->csv)));
			return IOP_FATAL;
		}
		r->pos += seg;
		if (s[seg - 1] == '\n')
			r->line++;
		r->cr_pend = s[seg - 1] == '\r';
	}
	if (r->bad) {
		*e = r->recerr;
		return r->toolong ? IOP_FATAL : IOP_REJECT;
	}
	return IOP_OK;
}

static int
csv_header(struct iop_reader *r, struct iop_err *e)
{
	struct iop_rec h;
	struct iop_hdr *hdr;
	size_t i, line;
	int rv;

	iop_rec_init(&h);
	r->header_row = 1;
	rv = csv_row(r, &h, e);
	r->header_row = 0;
	if (rv == IOP_EOF) {
		iop_seterr(e, r->name, r->line, 0,
		    "no header row (the input holds only blank lines)");
		rv = IOP_FATAL;
	}
	if (rv != IOP_OK) {
		iop_rec_free(&h);
		return IOP_FATAL;
	}
	hdr = iop_hdr_new();
	for (i = 0; i < h.n; i++) {
		const char *name = iop_rec_get(&h, i);
		long k;

		if (name[strspn(name, " \t")] == '\0') {
			iop_seterr(e, r->name, h.line, i + 1,
			    "header: column %zu has an empty name", i + 1);
			goto bad;
		}
		/*
		 * Not the name itself: in a file without a header the first
		 * row is data, and its values must not reach stderr.
		 */
		if ((k = iop_hdr_find(hdr, name)) >= 0) {
			iop_seterr(e, r->name, h.line, i + 1,
			    "header: column %zu has the same name as column %ld",
			    i + 1, k + 1);
			goto bad;
		}
		iop_hdr_add(hdr, name);
	}
	line = h.line;
	iop_rec_free(&h);
	if (r->hdr == NULL)
		r->hdr = hdr;
	else {
		if (!iop_hdr_equal(r->hdr, hdr)) {
			iop_seterr(e, r->name, line, 0,
			    "header differs from the first input's header");
			iop_hdr_free(hdr);
			return IOP_FATAL;
		}
		iop_hdr_free(hdr);
	}
	r->in_hdr = 1;
	return IOP_OK;
bad:
	iop_rec_free(&h);
	iop_hdr_free(hdr);
	return IOP_FATAL;
}

static int
csv_next(struct iop_reader *r, struct iop_rec *rec, struct iop_err *e)
{
	int rv;

	if (!r->in_hdr && (rv = csv_header(r, e)) != IOP_OK)
		return rv;
	rv = csv_row(r, rec, e);
	rec->hdr = r->hdr;
	rec->src = r->name;
	if (rv == IOP_OK && rec->n != r->hdr->n) {
		iop_seterr(e, r->name, rec->line, rec->n < r->hdr->n ?
		    rec->n + 1 : r->hdr->n + 1,
		    "expected %zu fields as in the header, found %zu",
		    r->hdr->n, rec->n);
		return IOP_REJECT;
	}
	return rv;
}

/*
 * The current input open and started (BOM, format): 1, or IOP_EOF when no
 * input is left, or the error of the input (which is then closed).
 */
static int
begin_input(struct iop_reader *r, struct iop_err *e)
{
	int rv;

	if (r->fd < 0) {
		if ((rv = open_next(r, e)) == 0)
			return IOP_EOF;
		if (rv < 0)
			return IOP_FATAL;
	}
	if (!r->started && (rv = start_input(r, e)) != 1) {
		end_input(r);
		return rv;
	}
	return 1;
}

int
iop_reader_next(struct iop_reader *r, struct iop_rec *rec, struct iop_err *e)
{
	int rv;

	for (;;) {
		if ((rv = begin_input(r, e)) != 1)
			return rv;
		if (r->fmt == IOP_FMT_CSV)
			rv = csv_next(r, rec, e);
		else
			rv = iop_rd_json_next(r, rec, e);
		if (rv == IOP_EOF) {
			end_input(r);
			continue;
		}
		if (rv == IOP_FATAL)
			end_input(r);
		return rv;
	}
}

/* IOP_WR_BOM and IOP_WR_CRLF as seen in the first input, to write alike. */
int
iop_reader_style(const struct iop_reader *r)
{
	return r->style;
}

int
iop_reader_header(struct iop_reader *r, struct iop_err *e)
{
	int rv;

	if (r->hdr != NULL)
		return IOP_OK;
	if ((rv = begin_input(r, e)) != 1)
		return rv;
	if (r->fmt == IOP_FMT_CSV) {
		if ((rv = csv_header(r, e)) != IOP_OK)
			end_input(r);
		return rv;
	}
	/* JSON Lines: the first record defines the header; keep it. */
	rv = iop_rd_json_next(r, &r->pending, e);
	if (rv == IOP_OK || (rv == IOP_REJECT && r->hdr != NULL)) {
		r->have_pending = 1;
		r->pending_rv = rv;
		r->pending_err = *e;
	} else if (rv == IOP_EOF) {
		iop_seterr(e, r->name, r->line, 0, "no records");
		rv = IOP_FATAL;
	}
	if (rv == IOP_REJECT && r->hdr == NULL)
		rv = IOP_FATAL;
	/* No header in this input: the next call tries the next one. */
	if (r->hdr == NULL)
		end_input(r);
	return r->hdr != NULL ? IOP_OK : rv;
}
