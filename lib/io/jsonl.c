/*
 * jsonl.c -- JSON Lines records in (jansson), for the reader (reader.c):
 * one json_loadb per line so that every error has its line; keys follow
 * the first record's header; duplicate keys are refused; strings,
 * numbers, booleans, null and arrays of strings become field values, and
 * no message repeats a value or a key that is not a column.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/io/reader_private.h"

static int	json_line(struct iop_reader *, struct iop_err *);
static int	json_record(struct iop_reader *, const char *, size_t,
		    size_t, struct iop_rec *, struct iop_err *);
static int	json_value(struct iop_reader *, json_t *, size_t,
		    struct iop_rec *, size_t, struct iop_err *);

/* Read one line into lbuf; 1 a line, 0 end of input, <0 error. */
static int
json_line(struct iop_reader *r, struct iop_err *e)
{
	const char *s, *nl;
	size_t len, take;
	int rv, toolong = 0;

	iop_buf_reset(&r->lbuf);
	for (;;) {
		if (r->pos == r->end) {
			if ((rv = iop_rd_fill(r, e)) < 0)
				return IOP_FATAL;
			if (rv == 0)
				return r->lbuf.len > 0 || toolong ? 1 : 0;
		}
		s = r->buf + r->pos;
		len = r->end - r->pos;
		nl = memchr(s, '\n', len);
		take = nl != NULL ? (size_t)(nl - s) : len;
		if (!toolong && r->lbuf.len + take > IOP_LINE_MAX) {
			toolong = 1;
			iop_buf_reset(&r->lbuf);
		}
		if (!toolong)
			iop_buf_add(&r->lbuf, s, take);
		r->pos += take;
		if (nl != NULL) {
			r->pos++;
			break;
		}
	}
	if (toolong) {
		iop_seterr(e, r->name, r->line, 0,
		    "line longer than %d bytes", IOP_LINE_MAX);
		r->line++;
		return IOP_REJECT;
	}
	return 1;
}

static int
json_value(struct iop_reader *r, json_t *v, size_t line, struct iop_rec *rec,
    size_t i, struct iop_err *e)
{
	char num[64], tmp[300], *ex;
	size_t k, n;
	json_t *it;
	double d;
	int p;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if (json_string_length(v) > IOP_FIELD_MAX) {
			iop_seterr(e, r->name, line, i + 1,
			    "%s is longer than %d bytes",
			    iop_rd_field_name(r, i, tmp, sizeof(tmp)), IOP_FIELD_MAX);
			return -1;
		}
		iop_rec_push(rec, json_string_value(v),
		    json_string_length(v), IOP_K_STR);
		return 0;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		iop_rec_push(rec, num, strlen(num), IOP_K_NUM);
		return 0;
	case JSON_REAL:
		/* The shortest text that reads back as the same double. */
		d = json_real_value(v);
		for (p = 1; p <= 17; p++) {
			snprintf(num, sizeof(num), "%.*g", p, d);
			if (strtod(num, NULL) == d)
				break;
		}
		/* But %g writes 2500 as 2.5e+03: below 1e16, in full. */
		if ((ex = strstr(num, "e+")) != NULL && (p = atoi(ex + 2)) < 16)
			snprintf(num, sizeof(num), "%.*g", p + 1, d);
		if (strpbrk(num, ".eEn") == NULL)
			strcat(num, ".0");
		iop_rec_push(rec, num, strlen(num), IOP_K_NUM);
		return 0;
	case JSON_TRUE:
		iop_rec_push(rec, "true", 4, IOP_K_BOOL);
		return 0;
	case JSON_FALSE:
		iop_rec_push(rec, "false", 5, IOP_K_BOOL);
		return 0;
	case JSON_NULL:
		iop_rec_push(rec, "", 0, IOP_K_NULL);
		return 0;
	case JSON_ARRAY: {
		struct iop_buf b = { 0 };

		iop_buf_add(&b, "", 0);
		n = json_array_size(v);
		for (k = 0; k < n; k++) {
			it = json_array_get(v, k);
			if (!json_is_string(it)) {
				iop_seterr(e, r->name, line, i + 1,
				    "%s: a list may hold only strings",
				    iop_rd_field_name(r, i, tmp, sizeof(tmp)));
				iop_buf_free(&b);
				return -1;
			}
			if (memchr(json_string_value(it), ';',
			    json_string_length(it)) != NULL) {
				iop_seterr(e, r->name, line, i + 1,
				    "%s: list item %zu contains ';', the list "
				    "separator", iop_rd_field_name(r, i, tmp,
				    sizeof(tmp)), k + 1);
				iop_buf_free(&b);
				return -1;
			}
			if (k > 0)
				iop_buf_addc(&b, ';');
			iop_buf_add(&b, json_string_value(it),
			    json_string_length(it));
			if (b.len > IOP_FIELD_MAX) {
				iop_seterr(e, r->name, line, i + 1,
				    "%s is longer than %d bytes",
				    iop_rd_field_name(r, i, tmp, sizeof(tmp)),
				    IOP_FIELD_MAX);
				iop_buf_free(&b);
				return -1;
			}
		}
		iop_rec_push(rec, b.s, b.len, IOP_K_LIST);
		iop_buf_free(&b);
		return 0;
	}
	case JSON_OBJECT:
		iop_seterr(e, r->name, line, i + 1,
		    "%s: nested objects are not supported",
		    iop_rd_field_name(r, i, tmp, sizeof(tmp)));
		return -1;
	}
	IOP_BUG("unknown JSON type");
}

static int
json_record(struct iop_reader *r, const char *s, size_t len, size_t line,
    struct iop_rec *rec, struct iop_err *e)
{
	json_error_t jerr;
	json_t *o, *v;
	const char *key;
	char *near;
	size_t i, k, found = 0;

	o = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL) {
		/*
		 * Keep the parser's reason but never the data it quotes:
		 * " near '...'" (or " near end of file", which is the end of
		 * the line here) and the escape of "invalid Unicode '\uD800'".
		 */
		if ((near = strstr(jerr.text, " near ")) != NULL)
			*near = '\0';
		if (strstr(jerr.text, "JSON_ALLOW_NUL") != NULL)
			snprintf(jerr.text, sizeof(jerr.text),
			    "NUL byte (\\u0000) in a string");
		if (strncmp(jerr.text, "invalid Unicode", 15) == 0 &&
		    (near = strstr(jerr.text, " '")) != NULL)
			*near = '\0';
		iop_seterr(e, r->name, line, jerr.column > 0 ?
		    (size_t)jerr.column : 0, "invalid JSON: %s", jerr.text);
		/* The first object gives the columns: without it, stop. */
		return r->hdr == NULL ? IOP_FATAL : IOP_REJECT;
	}
	if (!json_is_object(o)) {
		iop_seterr(e, r->name, line, 0,
		    "expected a JSON object on each line");
		if (r->hdr == NULL) {
			json_decref(o);
			return IOP_FATAL;
		}
		json_decref(o);
		return IOP_REJECT;
	}
	if (r->hdr == NULL) {
		struct iop_hdr *h = iop_hdr_new();

		json_object_foreach(o, key, v) {
			if (*key == '\0') {
				iop_seterr(e, r->name, line, 0,
				    "empty field name");
				iop_hdr_free(h);
				json_decref(o);
				return IOP_FATAL;
			}
			iop_hdr_add(h, key);
		}
		if (h->n == 0) {
			iop_seterr(e, r->name, line, 0,
			    "the first object has no fields");
			iop_hdr_free(h);
			json_decref(o);
			return IOP_FATAL;
		}
		r->hdr = h;
	}
	iop_rec_clear(rec);
	rec->hdr = r->hdr;
	rec->line = line;
	rec->src = r->name;
	for (i = 0; i < r->hdr->n; i++) {
		v = json_object_get(o, r->hdr->names[i]);
		if (v == NULL) {
			iop_rec_push(rec, "", 0, IOP_K_NULL);
			continue;
		}
		found++;
		if (json_value(r, v, line, rec, i, e) != 0) {
			json_decref(o);
			return IOP_REJECT;
		}
	}
	if (found != json_object_size(o)) {
		/*
		 * Not the key itself: a key not in the header is not the
		 * file's structure, and it can hold anything, a name
		 * included.  Its place in the object finds it.
		 */
		k = 0;
		json_object_foreach(o, key, v) {
			k++;
			if (iop_hdr_find(r->hdr, key) < 0)
				break;
		}
		iop_seterr(e, r->name, line, 0, "a field is not among the first "
		    "record's fields (key %zu of the object)", k);
		json_decref(o);
		return IOP_REJECT;
	}
	json_decref(o);
	return IOP_OK;
}

int
iop_rd_json_next(struct iop_reader *r, struct iop_rec *rec, struct iop_err *e)
{
	size_t line, i;
	int rv;

	if (r->have_pending) {
		r->have_pending = 0;
		iop_rec_copy(rec, &r->pending);
		if (r->pending_rv != IOP_OK)
			*e = r->pending_err;
		return r->pending_rv;
	}
	for (;;) {
		line = r->line;
		if ((rv = json_line(r, e)) <= 0)
			return rv == 0 ? IOP_EOF : rv;
		r->line++;
		if (r->lbuf.len > 0 && r->lbuf.s[r->lbuf.len - 1] == '\r')
			r->lbuf.s[--r->lbuf.len] = '\0';
		for (i = 0; i < r->lbuf.len; i++)
			if (r->lbuf.s[i] != ' ' && r->lbuf.s[i] != '\t')
				break;
		if (i == r->lbuf.len)
			continue;	/* blank line */
		return json_record(r, r->lbuf.s, r->lbuf.len, line, rec, e);
	}
}

/* ---- the stream ----------------------------------------------------------- */
