/*
 * t_rec.c -- lib/io/rec.c: headers (lookup through the hash table, growth and
 * rehash, dup, equality, reference counts) and records (push, set with
 * growing and shrinking values, set from the record's own buffer, copy,
 * fit, compact, kinds).
 */
#include <stdio.h>
#include <string.h>

#include "lib/iop.h"
#include "tests/unit/unit.h"

static void	t_hdr(void);
static void	t_rec_values(void);
static void	t_rec_self(void);
static void	t_rec_copy_fit(void);

static void
t_hdr(void)
{
	struct iop_hdr *h, *d, *o;
	char name[32];
	size_t i, bad = 0;

	h = iop_hdr_new();
	CHECK(h->n == 0 && h->refs == 1, "hdr: new is empty with one "
	    "reference");
	CHECK_INT(iop_hdr_find(h, "x"), -1, "hdr: find in an empty header");
	/* 300 names: the table grows and rehashes several times. */
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "field_%zu", i);
		if (iop_hdr_add(h, name) != i)
			bad++;
	}
	CHECK(bad == 0 && h->n == 300, "hdr: add returns 0..299 for 300 names");
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "field_%zu", i);
		if (iop_hdr_find(h, name) != (long)i)
			bad++;
	}
	CHECK_INT(bad, 0, "hdr: every one of 300 names is found at its index");
	CHECK(h->map.cap >= 2 * h->n && (h->map.cap & (h->map.cap - 1)) == 0,
	    "hdr: table is a power of two at least twice the names");
	CHECK_INT(iop_hdr_find(h, "field_300"), -1, "hdr: an absent name");
	CHECK_INT(iop_hdr_find(h, "field_"), -1, "hdr: a prefix of names is "
	    "absent");
	CHECK_INT(iop_hdr_find(h, "Field_1"), -1, "hdr: lookup is "
	    "case-sensitive");
	CHECK_INT(iop_hdr_findn(h, "field_42,rest", 8), 42,
	    "hdr: findn looks at n bytes only");
	CHECK_INT(iop_hdr_findn(h, "field_4", 6), -1,
	    "hdr: findn of a prefix is absent");
	CHECK_INT(iop_hdr_ensure(h, "field_77"), 77, "hdr: ensure of a "
	    "present name returns its index");
	CHECK_INT(h->n, 300, "hdr: ensure of a present name adds nothing");
	CHECK_INT(iop_hdr_ensure(h, "extra"), 300, "hdr: ensure adds a new "
	    "name at the end");
	CHECK(h->n == 301 && iop_hdr_find(h, "extra") == 300,
	    "hdr: the ensured name is found");

	d = iop_hdr_dup(h);
	CHECK(d != h && d->refs == 1 && iop_hdr_equal(h, d),
	    "hdr: dup is a separate, equal header");
	CHECK(d->names[5] != h->names[5] && strcmp(d->names[5], "field_5") == 0,
	    "hdr: dup copies the names");
	iop_hdr_add(d, "only_in_dup");
	CHECK(!iop_hdr_equal(h, d) && iop_hdr_find(h, "only_in_dup") == -1 &&
	    h->n == 301, "hdr: adding to the dup leaves the original alone");
	iop_hdr_free(d);

	o = iop_hdr_new();
	d = iop_hdr_new();
	iop_hdr_add(o, "a");
	iop_hdr_add(o, "b");
	iop_hdr_add(d, "b");
	iop_hdr_add(d, "a");
	CHECK(!iop_hdr_equal(o, d), "hdr: same names in another order are "
	    "not equal");
	iop_hdr_free(d);
	d = iop_hdr_new();
	iop_hdr_add(d, "a");
	CHECK(!iop_hdr_equal(o, d) && !iop_hdr_equal(d, o),
	    "hdr: a shorter header is not equal");
	iop_hdr_add(d, "b");
	CHECK(iop_hdr_equal(o, d), "hdr: same names in the same order are "
	    "equal");
	iop_hdr_free(d);

	iop_hdr_ref(o);
	CHECK_INT(o->refs, 2, "hdr: ref counts up");
	iop_hdr_free(o);
	CHECK(o->refs == 1 && iop_hdr_find(o, "b") == 1,
	    "hdr: free with two references keeps it usable");
	iop_hdr_free(o);
	iop_hdr_free(NULL);
	iop_hdr_free(h);
}

static void
t_rec_values(void)
{
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec r;
	char big[600];
	size_t i, bad = 0, before;

	iop_hdr_add(h, "a");
	iop_hdr_add(h, "b");
	iop_hdr_add(h, "c");
	iop_rec_init(&r);
	r.hdr = h;
	CHECK(r.n == 0 && r.buf == NULL, "rec: init is empty");
	CHECK_STR(iop_rec_get(&r, 0), "", "rec: get on an empty record is "
	    "\"\"");
	CHECK_INT(iop_rec_kind(&r, 0), IOP_K_NULL, "rec: kind of a missing "
	    "field is NULL");
	iop_rec_push(&r, "one", 3, IOP_K_STR);
	iop_rec_push(&r, "22", 2, IOP_K_NUM);
	iop_rec_push(&r, "", 0, IOP_K_NULL);
	CHECK(r.n == 3 && strcmp(iop_rec_get(&r, 0), "one") == 0 &&
	    strcmp(iop_rec_get(&r, 1), "22") == 0 &&
	    strcmp(iop_rec_get(&r, 2), "") == 0,
	    "rec: push three values");
	CHECK(iop_rec_len(&r, 0) == 3 && iop_rec_len(&r, 1) == 2 &&
	    iop_rec_len(&r, 2) == 0 && iop_rec_len(&r, 3) == 0,
	    "rec: lengths 3, 2, 0 and 0 past the end");
	CHECK(iop_rec_kind(&r, 0) == IOP_K_STR &&
	    iop_rec_kind(&r, 1) == IOP_K_NUM &&
	    iop_rec_kind(&r, 2) == IOP_K_NULL, "rec: kinds kept per value");
	iop_rec_push(&r, "a\0b", 3, IOP_K_STR);
	CHECK(iop_rec_len(&r, 3) == 3 && memcmp(iop_rec_get(&r, 3), "a\0b",
	    4) == 0, "rec: push keeps embedded bytes and adds a NUL");
	CHECK_STR(iop_rec_getname(&r, "b"), "22", "rec: getname");
	CHECK(iop_rec_getname(&r, "zz") == NULL, "rec: getname of an absent "
	    "field is NULL");

	/* Grow, shrink and regrow one value among others. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	iop_rec_set(&r, 1, big);
	CHECK(iop_rec_len(&r, 1) == 599 && strcmp(iop_rec_get(&r, 1), big) ==
	    0 && iop_rec_kind(&r, 1) == IOP_K_STR, "rec: set grows a value to "
	    "599 bytes (kind becomes STR)");
	CHECK(strcmp(iop_rec_get(&r, 0), "one") == 0 && r.bufcap >= 600,
	    "rec: other values survive the buffer growing");
	before = r.buflen;
	iop_rec_set(&r, 1, "short");
	CHECK(strcmp(iop_rec_get(&r, 1), "short") == 0 &&
	    iop_rec_len(&r, 1) == 5 && r.buflen == before,
	    "rec: a shorter value overwrites in place");
	iop_rec_setn(&r, 1, "0123456789", 10, IOP_K_NUM);
	CHECK(iop_rec_len(&r, 1) == 10 && strcmp(iop_rec_get(&r, 1),
	    "0123456789") == 0 && iop_rec_kind(&r, 1) == IOP_K_NUM,
	    "rec: setn 10 bytes into a 599-byte slot, kind NUM");
	iop_rec_setn(&r, 1, "", 0, IOP_K_NULL);
	CHECK(iop_rec_len(&r, 1) == 0 && *iop_rec_get(&r, 1) == '\0',
	    "rec: set to empty");
	iop_rec_setn(&r, 0, "abcdef", 3, IOP_K_STR);
	CHECK_STR(iop_rec_get(&r, 0), "abc", "rec: setn copies n bytes and "
	    "terminates");
	iop_rec_set(&r, 6, "far");
	CHECK(r.n == 7 && strcmp(iop_rec_get(&r, 6), "far") == 0 &&
	    iop_rec_len(&r, 4) == 0 && iop_rec_kind(&r, 5) == IOP_K_STR,
	    "rec: set past the end pads with empty values");
	iop_rec_setf(&r, 2, "%s-%03d", "id", 7);
	CHECK_STR(iop_rec_get(&r, 2), "id-007", "rec: setf");
	iop_rec_setf(&r, 2, "%0300d", 5);
	CHECK(iop_rec_len(&r, 2) == 300 && iop_rec_get(&r, 2)[299] == '5' &&
	    iop_rec_get(&r, 2)[0] == '0', "rec: setf longer than its "
	    "128-byte scratch");
	iop_rec_set_kind(&r, 0, IOP_K_LIST);
	CHECK_INT(iop_rec_kind(&r, 0), IOP_K_LIST, "rec: set_kind");
	iop_rec_set_kind(&r, 9, IOP_K_BOOL);
	CHECK(r.n == 10 && iop_rec_kind(&r, 9) == IOP_K_BOOL,
	    "rec: set_kind past the end pads");

	/* Many rewrites: values stay right, compact reclaims the space. */
	for (i = 0; i < 500; i++) {
		char v[64];

		snprintf(v, sizeof(v), "value %zu %.*s", i, (int)(i % 40),
		    big);
		iop_rec_set(&r, i % 10, v);
		if (strcmp(iop_rec_get(&r, i % 10), v) != 0)
			bad++;
	}
	CHECK_INT(bad, 0, "rec: 500 rewrites of growing and shrinking values");
	before = 0;
	for (i = 0; i < r.n; i++)
		before += r.len[i] + 1;
	iop_rec_compact(&r);
	CHECK_INT(r.buflen, before, "rec: compact leaves only the live "
	    "bytes");
	CHECK(strncmp(iop_rec_get(&r, 9), "value 499 ", 10) == 0 &&
	    strncmp(iop_rec_get(&r, 0), "value 490 ", 10) == 0 &&
	    iop_rec_len(&r, 9) == 10 + 499 % 40, "rec: values survive compact");

	iop_rec_clear(&r);
	CHECK(r.n == 0 && r.buflen == 0 && r.bufcap > 0,
	    "rec: clear keeps the buffers");
	iop_rec_push(&r, "again", 5, IOP_K_STR);
	CHECK(r.n == 1 && strcmp(iop_rec_get(&r, 0), "again") == 0,
	    "rec: push after clear");
	iop_rec_free(&r);
	CHECK(r.n == 0 && r.buf == NULL && r.off == NULL,
	    "rec: free resets the record");
	iop_hdr_free(h);
}

/* A value set from a pointer into the record's own buffer. */
static void
t_rec_self(void)
{
	struct iop_rec r;
	char big[300];
	size_t i;

	iop_rec_init(&r);
	iop_rec_push(&r, "hello world", 11, IOP_K_STR);
	iop_rec_push(&r, "x", 1, IOP_K_STR);
	iop_rec_set(&r, 1, iop_rec_get(&r, 0));
	CHECK_STR(iop_rec_get(&r, 1), "hello world", "rec: set a field from "
	    "another field of the same record");
	iop_rec_set(&r, 0, iop_rec_get(&r, 0) + 6);
	CHECK(strcmp(iop_rec_get(&r, 0), "world") == 0 &&
	    iop_rec_len(&r, 0) == 5, "rec: set a field from its own tail "
	    "(overlapping)");
	/* Fill the buffer to its capacity so that the next set moves it. */
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	iop_rec_set(&r, 0, big);
	for (i = 0; i < 4; i++)
		iop_rec_set(&r, 2 + i, iop_rec_get(&r, 0));
	CHECK(r.n == 6 && iop_rec_len(&r, 5) == 299 &&
	    strcmp(iop_rec_get(&r, 5), big) == 0 &&
	    strcmp(iop_rec_get(&r, 2), big) == 0,
	    "rec: set from own buffer while the buffer grows (realloc)");
	iop_rec_setn(&r, 1, iop_rec_get(&r, 1), 5, IOP_K_STR);
	CHECK_STR(iop_rec_get(&r, 1), "hello", "rec: setn a field to its own "
	    "prefix");
	iop_rec_free(&r);

	/*
	 * The buffer is exactly full (255 bytes and a NUL of the first 256),
	 * so padding the record up to field 1 moves it before the value,
	 * which points into the old buffer, is copied.
	 */
	iop_rec_init(&r);
	memset(big, 'z', 255);
	iop_rec_push(&r, big, 255, IOP_K_STR);
	CHECK(r.buflen == 256 && r.bufcap == 256, "rec: buffer filled to its "
	    "capacity");
	iop_rec_set(&r, 1, iop_rec_get(&r, 0));
	CHECK(r.n == 2 && iop_rec_len(&r, 1) == 255 &&
	    memcmp(iop_rec_get(&r, 1), big, 255) == 0,
	    "rec: set a new field from own buffer when padding moves it");
	iop_rec_free(&r);
}

static void
t_rec_copy_fit(void)
{
	struct iop_hdr *h = iop_hdr_new();
	struct iop_rec a, b;

	iop_hdr_add(h, "id");
	iop_hdr_add(h, "name");
	iop_rec_init(&a);
	iop_rec_init(&b);
	a.hdr = h;
	a.line = 12;
	a.src = "in.csv";
	iop_rec_push(&a, "P0001", 5, IOP_K_STR);
	iop_rec_push(&a, "true", 4, IOP_K_BOOL);
	/* b starts bigger than a: copy must shrink it. */
	iop_rec_push(&b, "1", 1, IOP_K_STR);
	iop_rec_push(&b, "2", 1, IOP_K_STR);
	iop_rec_push(&b, "3", 1, IOP_K_STR);
	iop_rec_copy(&b, &a);
	CHECK(b.n == 2 && b.hdr == h && b.line == 12 &&
	    strcmp(b.src, "in.csv") == 0, "rec: copy takes n, header, line "
	    "and source");
	CHECK(strcmp(iop_rec_get(&b, 0), "P0001") == 0 &&
	    strcmp(iop_rec_get(&b, 1), "true") == 0 &&
	    iop_rec_kind(&b, 1) == IOP_K_BOOL && b.buf != a.buf,
	    "rec: copy is deep, kinds kept");
	iop_rec_set(&a, 0, "changed");
	CHECK_STR(iop_rec_get(&b, 0), "P0001", "rec: changing the source "
	    "after a copy leaves the copy alone");

	iop_hdr_add(h, "status");
	iop_hdr_add(h, "notes");
	iop_rec_fit(&b);
	CHECK(b.n == 4 && iop_rec_len(&b, 2) == 0 && iop_rec_len(&b, 3) == 0 &&
	    iop_rec_kind(&b, 3) == IOP_K_STR && strcmp(iop_rec_get(&b, 0),
	    "P0001") == 0, "rec: fit pads to the header's 4 fields");
	iop_rec_fit(&b);
	CHECK_INT(b.n, 4, "rec: fit twice changes nothing");
	b.hdr = NULL;
	iop_rec_fit(&b);
	CHECK_INT(b.n, 4, "rec: fit without a header keeps n");
	iop_rec_clear(&a);
	iop_rec_copy(&b, &a);
	CHECK(b.n == 0 && b.buflen == 0, "rec: copy of an empty record");
	iop_rec_free(&a);
	iop_rec_free(&b);
	iop_hdr_free(h);
}

void
t_rec(void)
{
	t_hdr();
	t_rec_values();
	t_rec_self();
	t_rec_copy_fit();
}
