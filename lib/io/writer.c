/*
 * writer.c -- records out: CSV with minimal quoting (RFC 4180) and JSON
 * Lines, one compact object per line in header order.  Each record is
 * encoded into one buffer and written with a single fwrite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"

struct iop_writer {
	FILE			*fp;
	enum iop_fmt		 fmt;
	int			 flags;
	int			 wrote_header;
	int			 failed;
	struct iop_buf		 b;
	const struct iop_hdr	*keyhdr;	/* header the keys were built for */
	size_t			 keyn;
	struct iop_buf		 keys;		/* "\"name\":" back to back */
	size_t			*keyoff;
};

static void	build_keys(struct iop_writer *, const struct iop_hdr *);
static void	emit(struct iop_writer *);

struct iop_writer *
iop_writer_new(FILE *fp, enum iop_fmt fmt, int flags)
{
	struct iop_writer *w;

	w = ecalloc(1, sizeof(*w));
	w->fp = fp;
	w->fmt = fmt == IOP_FMT_JSONL ? IOP_FMT_JSONL : IOP_FMT_CSV;
	w->flags = flags;
	if (w->fmt == IOP_FMT_JSONL || (flags & IOP_WR_NOHEADER))
		w->wrote_header = 1;
	return w;
}

/*
 * Minimal quoting: only a value holding the delimiter, a quote, CR, LF, or
 * leading or trailing space is quoted (or every value with QUOTE_ALL).
 * SPREADSHEET prefixes ' to a value a spreadsheet would run as a formula.
 */
/* Bytes that make a CSV value need quotes. */
static const unsigned char special[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

void
iop_csv_field(struct iop_buf *b, const char *s, size_t n, int flags)
{
	int quote = (flags & IOP_WR_QUOTE_ALL) != 0;
	int guard = 0;
	size_t i;

	if ((flags & IOP_WR_SPREADSHEET) && n > 0 && (s[0] == '=' ||
	    s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	    s[0] == '\r'))
		guard = 1;
	if (!quote && n > 0 && (s[0] == ' ' || s[n - 1] == ' ' ||
	    s[0] == '\t' || s[n - 1] == '\t'))
		quote = 1;
	if (!quote)
		for (i = 0; i < n; i++)
			if (special[(unsigned char)s[i]]) {
				quote = 1;
				break;
			}
	if (!quote && !guard) {
		iop_buf_add(b, s, n);
		return;
	}
	if (quote)
		iop_buf_addc(b, '"');
	if (guard)
		iop_buf_addc(b, '\'');
	if (!quote) {
		iop_buf_add(b, s, n);
		return;
	}
	for (;;) {
		const char *q = memchr(s, '"', n);

		if (q == NULL) {
			iop_buf_add(b, s, n);
			break;
		}
		iop_buf_add(b, s, (size_t)(q - s) + 1);
		iop_buf_addc(b, '"');
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	iop_buf_addc(b, '"');
}

void
iop_json_string(struct iop_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	unsigned char c;

	iop_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		iop_buf_add(b, s + i - run, run);
		run = 0;
		iop_buf_addc(b, '\\');
		switch (c) {
		case '"':
		case '\\':
			iop_buf_addc(b, c);
			break;
		case '\n':
			iop_buf_addc(b, 'n');
			break;
		case '\r':
			iop_buf_addc(b, 'r');
			break;
		case '\t':
			iop_buf_addc(b, 't');
			break;
		case '\b':
			iop_buf_addc(b, 'b');
			break;
		case '\f':
			iop_buf_addc(b, 'f');
			break;
		default:
			iop_buf_adds(b, "u00");
			iop_buf_addc(b, hex[c >> 4]);
			iop_buf_addc(b, hex[c & 15]);
			break;
		}
	}
	iop_buf_add(b, s + n - run, run);
	iop_buf_addc(b, '"');
}

static void
build_keys(struct iop_writer *w, const struct iop_hdr *h)
{
	size_t i;

	iop_buf_reset(&w->keys);
	w->keyoff = ereallocarray(w->keyoff, h->n + 1, sizeof(*w->keyoff));
	for (i = 0; i < h->n; i++) {
		w->keyoff[i] = w->keys.len;
		iop_json_string(&w->keys, h->names[i], strlen(h->names[i]));
		iop_buf_addc(&w->keys, ':');
	}
	w->keyoff[h->n] = w->keys.len;
	w->keyhdr = h;
	w->keyn = h->n;
}

static void
emit(struct iop_writer *w)
{
	if (w->b.len > 0 && fwrite(w->b.s, 1, w->b.len, w->fp) != w->b.len)
		w->failed = 1;
	iop_buf_reset(&w->b);
}

int
iop_writer_header(struct iop_writer *w, const struct iop_hdr *h)
{
	size_t i;

	if (w->wrote_header)
		return 0;
	w->wrote_header = 1;
	if (w->flags & IOP_WR_BOM)
		iop_buf_add(&w->b, "\xef\xbb\xbf", 3);
	for (i = 0; i < h->n; i++) {
		if (i > 0)
			iop_buf_addc(&w->b, ',');
		iop_csv_field(&w->b, h->names[i], strlen(h->names[i]),
		    w->flags & ~IOP_WR_SPREADSHEET);
	}
	iop_buf_adds(&w->b, (w->flags & IOP_WR_CRLF) ? "\r\n" : "\n");
	emit(w);
	return w->failed ? -1 : 0;
}

static int
list_item(const char *s, size_t n, void *arg)
{
	struct iop_buf *b = arg;

	if (b->s[b->len - 1] != '[')
		iop_buf_addc(b, ',');
	iop_json_string(b, s, n);
	return 0;
}

int
iop_writer_put(struct iop_writer *w, const struct iop_rec *r)
{
	size_t i, n;

	n = r->hdr != NULL ? r->hdr->n : r->n;
	if (w->fmt == IOP_FMT_CSV) {
		if (!w->wrote_header && r->hdr != NULL)
			iop_writer_header(w, r->hdr);
		for (i = 0; i < n; i++) {
			if (i > 0)
				iop_buf_addc(&w->b, ',');
			iop_csv_field(&w->b, iop_rec_get(r, i),
			    iop_rec_len(r, i), w->flags);
		}
		/* One empty value alone would be a blank line: quote it. */
		if (n == 1 && iop_rec_len(r, 0) == 0)
			iop_buf_adds(&w->b, "\"\"");
		iop_buf_adds(&w->b, (w->flags & IOP_WR_CRLF) ? "\r\n" : "\n");
		emit(w);
		return w->failed ? -1 : 0;
	}
	if (r->hdr == NULL)
		IOP_BUG("JSON record without a header");
	if (w->keyhdr != r->hdr || w->keyn != r->hdr->n)
		build_keys(w, r->hdr);
	iop_buf_addc(&w->b, '{');
	for (i = 0; i < n; i++) {
		const char *v = iop_rec_get(r, i);
		size_t len = iop_rec_len(r, i);

		if (i > 0)
			iop_buf_addc(&w->b, ',');
		iop_buf_add(&w->b, w->keys.s + w->keyoff[i],
		    w->keyoff[i + 1] - w->keyoff[i]);
		switch (iop_rec_kind(r, i)) {
		case IOP_K_NUM:
		case IOP_K_BOOL:
			if (len > 0) {
				iop_buf_add(&w->b, v, len);
				break;
			}
			/* An empty number or boolean is null. */
			/* FALLTHROUGH */
		case IOP_K_NULL:
			iop_buf_adds(&w->b, "null");
			break;
		case IOP_K_LIST:
			iop_buf_addc(&w->b, '[');
			iop_list_each(v, list_item, &w->b);
			iop_buf_addc(&w->b, ']');
			break;
		case IOP_K_STR:
			iop_json_string(&w->b, v, len);
			break;
		}
	}
	iop_buf_adds(&w->b, "}\n");
	emit(w);
	return w->failed ? -1 : 0;
}

int
iop_writer_close(struct iop_writer *w)
{
	int rv;

	if (w == NULL)
		return 0;
	emit(w);
	rv = w->failed || fflush(w->fp) != 0 || ferror(w->fp) ? -1 : 0;
	iop_buf_free(&w->b);
	iop_buf_free(&w->keys);
	free(w->keyoff);
	free(w);
	return rv;
}
