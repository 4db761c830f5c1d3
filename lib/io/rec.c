/*
 * rec.c -- the record: a shared header of field names and one text value
 * per field.  Values live back to back in one buffer owned by the record,
 * which is reused between reads, so streaming allocates nothing per field.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"

static void	rec_room(struct iop_rec *, size_t);
static size_t	rec_store(struct iop_rec *, const char *, size_t);

struct iop_hdr *
iop_hdr_new(void)
{
	struct iop_hdr *h;

	h = ecalloc(1, sizeof(*h));
	h->refs = 1;
	return h;
}

struct iop_hdr *
iop_hdr_dup(const struct iop_hdr *src)
{
	struct iop_hdr *h;
	size_t i;

	h = iop_hdr_new();
	for (i = 0; i < src->n; i++)
		iop_hdr_add(h, src->names[i]);
	return h;
}

void
iop_hdr_ref(struct iop_hdr *h)
{
	h->refs++;
}

void
iop_hdr_free(struct iop_hdr *h)
{
	size_t i;

	if (h == NULL || --h->refs > 0)
		return;
	for (i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	iop_map_free(&h->map);
	free(h);
}

long
iop_hdr_findn(const struct iop_hdr *h, const char *name, size_t len)
{
	size_t k = iop_map_get(&h->map, name, len);

	return k == IOP_MAP_NONE ? -1 : (long)k;
}

long
iop_hdr_find(const struct iop_hdr *h, const char *name)
{
	return iop_hdr_findn(h, name, strlen(name));
}

size_t
iop_hdr_add(struct iop_hdr *h, const char *name)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->names = ereallocarray(h->names, h->cap, sizeof(*h->names));
	}
	h->names[h->n] = estrdup(name);
	/* A repeated name keeps finding its first column. */
	(void)iop_map_put(&h->map, h->names[h->n], strlen(h->names[h->n]),
	    h->n);
	return h->n++;
}

size_t
iop_hdr_ensure(struct iop_hdr *h, const char *name)
{
	long i;

	if ((i = iop_hdr_find(h, name)) >= 0)
		return (size_t)i;
	return iop_hdr_add(h, name);
}

int
iop_hdr_equal(const struct iop_hdr *a, const struct iop_hdr *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->names[i], b->names[i]) != 0)
			return 0;
	return 1;
}

void
iop_rec_init(struct iop_rec *r)
{
	memset(r, 0, sizeof(*r));
}

void
iop_rec_free(struct iop_rec *r)
{
	free(r->off);
	free(r->len);
	free(r->kind);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

void
iop_rec_clear(struct iop_rec *r)
{
	r->n = 0;
	r->buflen = 0;
}

static void
rec_room(struct iop_rec *r, size_t n)
{
	if (n <= r->cap)
		return;
	while (r->cap < n)
		r->cap = r->cap ? r->cap * 2 : 16;
	r->off = ereallocarray(r->off, r->cap, sizeof(*r->off));
	r->len = ereallocarray(r->len, r->cap, sizeof(*r->len));
	r->kind = erealloc(r->kind, r->cap);
}

static size_t
rec_store(struct iop_rec *r, const char *s, size_t n)
{
	size_t at;

	if (r->buflen + n + 1 > r->bufcap) {
		size_t cap = r->bufcap ? r->bufcap : 256;

		while (cap < r->buflen + n + 1)
			cap *= 2;
		r->buf = erealloc(r->buf, cap);
		r->bufcap = cap;
	}
	at = r->buflen;
	if (n > 0)
		memcpy(r->buf + at, s, n);
	r->buf[at + n] = '\0';
	r->buflen += n + 1;
	return at;
}

void
iop_rec_push(struct iop_rec *r, const char *s, size_t n, enum iop_kind k)
{
	rec_room(r, r->n + 1);
	r->off[r->n] = rec_store(r, s, n);
	r->len[r->n] = n;
	r->kind[r->n] = (unsigned char)k;
	r->n++;
}

/*
 * Pad the record with empty values up to its header's width, so that
 * fields added to the header exist in the record.
 */
void
iop_rec_fit(struct iop_rec *r)
{
	size_t want = r->hdr != NULL ? r->hdr->n : r->n;

	while (r->n < want)
		iop_rec_push(r, "", 0, IOP_K_STR);
}

void
iop_rec_setn(struct iop_rec *r, size_t i, const char *s, size_t n,
    enum iop_kind k)
{
	if (s != NULL && r->buf != NULL && s >= r->buf &&
	    s < r->buf + r->bufcap) {
		/*
		 * The source lives in our buffer, which may move (also while
		 * padding below): copy it first.
		 */
		char *t = emalloc(n + 1);

		memcpy(t, s, n);
		iop_rec_setn(r, i, t, n, k);
		free(t);
		return;
	}
	while (r->n <= i)
		iop_rec_push(r, "", 0, IOP_K_STR);
	/* Overwrite in place when the new value fits; else append. */
	if (n <= r->len[i]) {
		if (n > 0)
			memcpy(r->buf + r->off[i], s, n);
		r->buf[r->off[i] + n] = '\0';
	} else
		r->off[i] = rec_store(r, s, n);
	r->len[i] = n;
	r->kind[i] = (unsigned char)k;
}

void
iop_rec_set(struct iop_rec *r, size_t i, const char *s)
{
	iop_rec_setn(r, i, s, strlen(s), IOP_K_STR);
}

void
iop_rec_setf(struct iop_rec *r, size_t i, const char *fmt, ...)
{
	char small[128], *p;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		IOP_BUG("vsnprintf");
	if ((size_t)n < sizeof(small)) {
		iop_rec_setn(r, i, small, (size_t)n, IOP_K_STR);
		return;
	}
	p = emalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	iop_rec_setn(r, i, p, (size_t)n, IOP_K_STR);
	free(p);
}

void
iop_rec_set_kind(struct iop_rec *r, size_t i, enum iop_kind k)
{
	while (r->n <= i)
		iop_rec_push(r, "", 0, IOP_K_STR);
	r->kind[i] = (unsigned char)k;
}

void
iop_rec_copy(struct iop_rec *dst, const struct iop_rec *src)
{
	rec_room(dst, src->n);
	if (dst->bufcap < src->buflen) {
		dst->buf = erealloc(dst->buf, src->buflen);
		dst->bufcap = src->buflen;
	}
	if (src->buflen > 0)
		memcpy(dst->buf, src->buf, src->buflen);
	dst->buflen = src->buflen;
	if (src->n > 0) {
		memcpy(dst->off, src->off, src->n * sizeof(*src->off));
		memcpy(dst->len, src->len, src->n * sizeof(*src->len));
		memcpy(dst->kind, src->kind, src->n);
	}
	dst->n = src->n;
	dst->hdr = src->hdr;
	dst->line = src->line;
	dst->src = src->src;
}

/* Drop space left by overwritten values. */
void
iop_rec_compact(struct iop_rec *r)
{
	struct iop_rec t;

	iop_rec_init(&t);
	iop_rec_copy(&t, r);
	r->buflen = 0;
	for (size_t i = 0; i < t.n; i++) {
		r->off[i] = rec_store(r, t.buf + t.off[i], t.len[i]);
	}
	iop_rec_free(&t);
}

const char *
iop_rec_getname(const struct iop_rec *r, const char *name)
{
	long i;

	if (r->hdr == NULL || (i = iop_hdr_find(r->hdr, name)) < 0)
		return NULL;
	return iop_rec_get(r, (size_t)i);
}

/*
 * Select the columns named in list (comma-separated; empty names are
 * skipped) from h, reporting every name h lacks before giving up.
 */
int
iop_sel_parse(struct iop_sel *s, const struct iop_hdr *h, const char *list,
    void (*missing)(const char *, void *), void *arg)
{
	char *fl, *tok, *save;
	int bad = 0;

	memset(s, 0, sizeof(*s));
	s->hdr = iop_hdr_new();
	fl = estrdup(list);
	for (tok = strtok_r(fl, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		long c = iop_hdr_find(h, tok);

		if (c < 0) {
			missing(tok, arg);
			bad = 1;
			continue;
		}
		/* A column named twice is selected once. */
		if (iop_hdr_find(s->hdr, tok) >= 0)
			continue;
		s->col = ereallocarray(s->col, s->n + 1, sizeof(*s->col));
		s->col[s->n++] = c;
		iop_hdr_add(s->hdr, tok);
	}
	free(fl);
	if (bad || s->n == 0) {
		iop_sel_free(s);
		return -1;
	}
	return 0;
}

void
iop_sel_apply(const struct iop_sel *s, const struct iop_rec *r,
    struct iop_rec *out)
{
	size_t i;

	iop_rec_clear(out);
	out->hdr = s->hdr;
	for (i = 0; i < s->n; i++)
		iop_rec_push(out, iop_rec_get(r, (size_t)s->col[i]),
		    iop_rec_len(r, (size_t)s->col[i]),
		    iop_rec_kind(r, (size_t)s->col[i]));
}

void
iop_sel_free(struct iop_sel *s)
{
	iop_hdr_free(s->hdr);
	free(s->col);
	memset(s, 0, sizeof(*s));
}

int
iop_filekind_check(const struct iop_filekind *kind, const struct iop_hdr *h,
    const char *path, struct iop_err *e)
{
	size_t i;

	for (i = 0; kind->cols[i] != NULL; i++)
		if (iop_hdr_find(h, kind->cols[i]) < 0) {
			iop_seterr(e, NULL, 0, 0, "%s: not %s (no '%s' column)",
			    path, kind->name, kind->cols[i]);
			return -1;
		}
	return 0;
}
