/*
 * roster.c -- a participant list as a whole, above person.c (one record):
 * the likely-duplicate index and the set of IDs taken, admitting new
 * people (likely duplicates refused, stable IDs assigned, the history
 * opened), taking new people from an intake export (its columns mapped
 * onto the list's, the fields a new person needs present, problems
 * reported by intake column), and the filters of iop-enroll list.
 * Nothing here prints.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"

static void	intake_missing(const char *, void *);
static void	intake_report(const struct iop_err *, void *);
static void	intake_fit(struct iop_intake *, const struct iop_rec *,
		    struct iop_rec *);
static int	match_item(const char *, size_t, void *);
static int	match_any(const char *, const char *);
static int	in_range(long, const long *, const int *);

/* ---- likely duplicates ------------------------------------------------ */

/*
 * Open addressing over two parallel arrays (12 bytes a slot): the key
 * hashes already include their kind, so nothing else is stored.  Not
 * the one map (base/map.c): that one borrows its string keys, and these
 * keys (name and date of birth, phone, e-mail) are hashed from each
 * record and not kept; keeping them for the map would cost their bytes
 * and a 24-byte slot where this one needs 12.
 */
struct iop_dupset {
	uint64_t	*h;	/* 0 = empty */
	uint32_t	*id;
	size_t		 n, cap;
};

static const char *const dupwhy[] = {
	"same name and date of birth", "same phone number", "same e-mail"
};

struct iop_dupset *
iop_dupset_new(void)
{
	struct iop_dupset *d = ecalloc(1, sizeof(*d));

	d->cap = 1024;
	d->h = ecalloc(d->cap, sizeof(*d->h));
	d->id = ecalloc(d->cap, sizeof(*d->id));
	return d;
}

void
iop_dupset_free(struct iop_dupset *d)
{
	if (d == NULL)
		return;
	free(d->h);
	free(d->id);
	free(d);
}

/* The record's keys as hashes; 0 means "no key of this kind". */
static void
dupkeys(const struct iop_rec *r, const struct iop_person *p, uint64_t k[3])
{
	struct iop_buf b = { 0 };
	const char *s;
	size_t i;

	memset(k, 0, 3 * sizeof(*k));
	if (p->col[IOP_P_FIRST] >= 0 && p->col[IOP_P_LAST] >= 0 &&
	    p->col[IOP_P_DOB] >= 0) {
		iop_buf_adds(&b, "n");
		iop_buf_adds(&b, iop_rec_get(r, (size_t)p->col[IOP_P_FIRST]));
		iop_buf_addc(&b, '|');
		iop_buf_adds(&b, iop_rec_get(r, (size_t)p->col[IOP_P_LAST]));
		iop_buf_addc(&b, '|');
		iop_buf_adds(&b, iop_rec_get(r, (size_t)p->col[IOP_P_DOB]));
		iop_str_lower(b.s);
		k[0] = iop_hash(b.s, b.len) | 1;
	}
	if (p->col[IOP_P_PHONE] >= 0) {
		iop_buf_reset(&b);
		iop_buf_adds(&b, "p");
		for (s = iop_rec_get(r, (size_t)p->col[IOP_P_PHONE]); *s; s++)
			if (*s >= '0' && *s <= '9')
				iop_buf_addc(&b, *s);
		/* Compare the last 10 digits: +1 and trunk prefixes vary. */
		if (b.len >= 8) {
			i = b.len > 11 ? b.len - 10 : 1;
			b.s[i - 1] = 'p';
			k[1] = iop_hash(b.s + i - 1, b.len - i + 1) | 1;
		}
	}
	if (p->col[IOP_P_EMAIL] >= 0 &&
	    *(s = iop_rec_get(r, (size_t)p->col[IOP_P_EMAIL])) != '\0') {
		iop_buf_reset(&b);
		iop_buf_adds(&b, "e");
		iop_buf_adds(&b, s);
		iop_str_lower(b.s);
		k[2] = iop_hash(b.s, b.len) | 1;
	}
	iop_buf_free(&b);
}

static size_t
dupslot(const struct iop_dupset *d, uint64_t h)
{
	size_t j = (size_t)(h ^ (h >> 29)) & (d->cap - 1);

	while (d->h[j] != 0 && d->h[j] != h)
		j = (j + 1) & (d->cap - 1);
	return j;
}

long
iop_dupset_find(const struct iop_dupset *d, const struct iop_rec *r,
    const struct iop_person *p, const char **why)
{
	uint64_t k[3];
	size_t j;
	int i;

	dupkeys(r, p, k);
	for (i = 0; i < 3; i++) {
		if (k[i] == 0)
			continue;
		j = dupslot(d, k[i]);
		if (d->h[j] != 0) {
			*why = dupwhy[i];
			return d->id[j];
		}
	}
	return -1;
}

void
iop_dupset_add(struct iop_dupset *d, const struct iop_rec *r,
    const struct iop_person *p, long id)
{
	uint64_t k[3];
	size_t j;
	int i;

	/* Keep the load under 0.8, counting the three keys to come. */
	if ((d->n + 3) * 5 >= d->cap * 4) {
		uint64_t *oh = d->h;
		uint32_t *oid = d->id;
		size_t oldcap = d->cap, m;

		d->cap *= 2;
		d->h = ecalloc(d->cap, sizeof(*d->h));
		d->id = ecalloc(d->cap, sizeof(*d->id));
		for (m = 0; m < oldcap; m++)
			if (oh[m] != 0) {
				j = dupslot(d, oh[m]);
				d->h[j] = oh[m];
				d->id[j] = oid[m];
			}
		free(oh);
		free(oid);
	}
	dupkeys(r, p, k);
	for (i = 0; i < 3; i++) {
		if (k[i] == 0)
			continue;
		j = dupslot(d, k[i]);
		if (d->h[j] == 0) {
			d->h[j] = k[i];
			d->id[j] = (uint32_t)id;
			d->n++;
		}
	}
}

/*
 * The integer ID set, the one set of integers in lib/: 4 bytes a slot
 * holding the ID itself (0 empty).  A string map would need the IDs
 * formatted and kept somewhere, for nothing.
 */
static size_t
idset_find(const uint32_t *slot, size_t cap, uint32_t id)
{
	size_t i = (size_t)iop_hash(&id, sizeof(id)) & (cap - 1);

	while (slot[i] != 0 && slot[i] != id)
		i = (i + 1) & (cap - 1);
	return i;
}

int
iop_idset_test_set(struct iop_idset *s, long id)
{
	uint32_t *old, v;
	size_t i, oldcap;

	if (id <= 0 || id > IOP_ID_MAX)
		return 0;	/* not an ID: never taken */
	v = (uint32_t)id;
	if (s->cap > 0 && s->slot[idset_find(s->slot, s->cap, v)] == v)
		return 1;
	if ((s->n + 1) * 2 > s->cap) {
		old = s->slot;
		oldcap = s->cap;
		s->cap = s->cap ? s->cap * 2 : 256;
		s->slot = ecalloc(s->cap, sizeof(*s->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				s->slot[idset_find(s->slot, s->cap, old[i])] =
				    old[i];
		free(old);
	}
	s->slot[idset_find(s->slot, s->cap, v)] = v;
	s->n++;
	return 0;
}

void
iop_roster_init(struct iop_roster *ro, int allow_dups)
{
	memset(ro, 0, sizeof(*ro));
	ro->dups = iop_dupset_new();
	ro->allow_dups = allow_dups;
}

void
iop_roster_free(struct iop_roster *ro)
{
	iop_dupset_free(ro->dups);
	free(ro->ids.slot);
	memset(ro, 0, sizeof(*ro));
}

/* A participant already on the list: its ID and its duplicate keys. */
void
iop_roster_note(struct iop_roster *ro, const struct iop_rec *r,
    const struct iop_person *p)
{
	long id;

	id = p->col[IOP_P_ID] >= 0 ?
	    iop_person_idnum(iop_rec_get(r, (size_t)p->col[IOP_P_ID])) : -1;
	if (id > 0) {
		(void)iop_idset_test_set(&ro->ids, id);
		if (id > ro->maxid)
			ro->maxid = id;
	}
	iop_dupset_add(ro->dups, r, p, id > 0 ? id : 0);
}

/*
 * Admit a new, checked participant: refuse a likely duplicate (unless
 * allowed) or an ID already taken; otherwise give the next ID if it has
 * none, open the history with the admission and remember the person.
 * idcol is the column to name in an error.  Returns the ID number, or -1
 * with *e filled.
 */
long
iop_roster_admit(struct iop_roster *ro, struct iop_rec *r,
    const struct iop_person *p, size_t idcol, struct iop_err *e)
{
	size_t ic = (size_t)p->col[IOP_P_ID], hc = (size_t)p->col[IOP_P_HISTORY];
	const char *why;
	char idbuf[32];
	long id, dup;

	if (!ro->allow_dups &&
	    (dup = iop_dupset_find(ro->dups, r, p, &why)) >= 0) {
		iop_person_idfmt(dup, idbuf, sizeof(idbuf));
		iop_seterr(e, r->src, r->line, 0, "likely duplicate of %s (%s); "
		    "not added (--allow-duplicates adds it)",
		    dup > 0 ? idbuf : "a person without an ID", why);
		return -1;
	}
	if (*iop_rec_get(r, ic) != '\0') {
		id = iop_person_idnum(iop_rec_get(r, ic));
		if (id > 0 && iop_idset_test_set(&ro->ids, id)) {
			iop_seterr(e, r->src, r->line, idcol, "field "
			    "'participant_id': %s is already taken",
			    iop_rec_get(r, ic));
			return -1;
		}
		if (id > ro->maxid)
			ro->maxid = id;
	} else {
		if (ro->maxid >= IOP_ID_MAX) {
			iop_seterr(e, r->src, r->line, 0, "no participant ID "
			    "left to give: IDs are " IOP_ID_RANGE "; not "
			    "added");
			return -1;
		}
		id = ++ro->maxid;
		(void)iop_idset_test_set(&ro->ids, id);
		iop_person_idfmt(id, idbuf, sizeof(idbuf));
		iop_rec_set(r, ic, idbuf);
	}
	if (*iop_rec_get(r, hc) == '\0')
		iop_rec_setf(r, hc, "%s %s", iop_rec_get(r,
		    (size_t)p->col[IOP_P_STATUS_DATE]), iop_rec_get(r,
		    (size_t)p->col[IOP_P_STATUS]));
	iop_dupset_add(ro->dups, r, p, id);
	return id;
}

/*
 * One record of a list being validated (already checked field by field):
 * its ID must be new to the list.  Returns 0; 1 with *warn filled for a
 * likely duplicate of an earlier person (a warning only: family members
 * share phone numbers); -1 with *e filled for a repeated ID.
 */
int
iop_roster_validate(struct iop_roster *ro, const struct iop_rec *r,
    const struct iop_person *p, struct iop_err *e, struct iop_err *warn)
{
	size_t ic = (size_t)p->col[IOP_P_ID];
	const char *why;
	char idbuf[32];
	long id, dup;
	int rv = 0;

	id = iop_person_idnum(iop_rec_get(r, ic));
	if (iop_idset_test_set(&ro->ids, id)) {
		iop_seterr(e, r->src, r->line, ic + 1, "field 'participant_id': "
		    "%s is used by an earlier record", iop_rec_get(r, ic));
		return -1;
	}
	if ((dup = iop_dupset_find(ro->dups, r, p, &why)) >= 0) {
		iop_person_idfmt(dup, idbuf, sizeof(idbuf));
		iop_seterr(warn, r->src, r->line, 0, "warning: likely "
		    "duplicate of %s (%s)", idbuf, why);
		rv = 1;
	}
	iop_dupset_add(ro->dups, r, p, id);
	return rv;
}

/*
 * The fields a new participant needs must each come from some intake
 * column (map[i] is the output column of intake column i).  Calls
 * missing() for each that does not; returns how many.
 */
int
iop_person_intake_missing(const struct iop_hdr *in, const long *map,
    const struct iop_person *p, void (*missing)(const char *, void *),
    void *arg)
{
	static const int need[] = { IOP_P_FIRST, IOP_P_LAST, IOP_P_DOB,
	    IOP_P_FOCUS, IOP_P_TRACK, IOP_P_ADMISSION };
	size_t i, k;
	int n = 0;

	for (k = 0; k < sizeof(need) / sizeof(need[0]); k++) {
		for (i = 0; i < in->n; i++)
			if (map[i] == p->col[need[k]])
				break;
		if (i == in->n) {
			missing(iop_person_cols[need[k]], arg);
			n++;
		}
	}
	return n;
}

/* ---- intake: new people for the list --------------------------------- */

/* An intake whose header is being checked. */
struct intake_hdr {
	struct iop_intake	*ik;
	const char		*name;
};

/* A missing required field, as a problem of the intake's header. */
static void
intake_missing(const char *col, void *arg)
{
	struct intake_hdr *ih = arg;
	struct iop_err e;

	memset(&e, 0, sizeof(e));
	iop_seterr(&e, ih->name, 1, 0, "missing required column '%s' (or "
	    "--map a column to it)", col);
	ih->ik->report(&e, ih->ik->arg);
}

/* Error columns from the list's header are reported as intake columns. */
static void
intake_report(const struct iop_err *e, void *arg)
{
	struct iop_intake *ik = arg;
	struct iop_err c = *e;

	if (c.col > 0)
		c.col = c.col - 1 < ik->ninv ? (size_t)ik->inv[c.col - 1] : 0;
	ik->report(&c, ik->arg);
}

int
iop_intake_open(struct iop_intake *ik, struct iop_reader *in,
    char *const *maps, size_t nmap, struct iop_hdr *hdr, int addcols,
    struct iop_person *p, iop_report_fn *report,
    void *arg)
{
	struct intake_hdr ih;
	struct iop_err e;
	int rv;

	memset(ik, 0, sizeof(*ik));
	memset(&e, 0, sizeof(e));
	ik->hdr = hdr;
	ik->report = report;
	ik->arg = arg;
	if (in != NULL) {
		rv = iop_reader_header(in, &e);
		if (rv != IOP_OK) {
			if (rv == IOP_EOF)
				iop_seterr(&e, iop_reader_name(in), 0, 0,
				    "empty input: no intake records");
			report(&e, arg);
			return -1;
		}
		ik->map = ecalloc(iop_reader_hdr(in)->n, sizeof(*ik->map));
		if (iop_person_map(maps, nmap, iop_reader_hdr(in), hdr,
		    addcols, &e, ik->map) != 0) {
			e.file = iop_reader_name(in);
			report(&e, arg);
			return -1;
		}
		iop_person_index(p, hdr);
		ih.ik = ik;
		ih.name = iop_reader_name(in);
		if (iop_person_intake_missing(iop_reader_hdr(in), ik->map, p,
		    intake_missing, &ih) > 0)
			return -1;
	}
	ik->ninv = hdr->n;
	ik->inv = ecalloc(ik->ninv, sizeof(*ik->inv));
	return 0;
}

/* Make out the list record for intake record in. */
static void
intake_fit(struct iop_intake *ik, const struct iop_rec *in,
    struct iop_rec *out)
{
	size_t i;

	iop_rec_clear(out);
	out->hdr = ik->hdr;
	iop_rec_fit(out);
	for (i = 0; i < ik->ninv; i++)
		ik->inv[i] = 0;
	/* Intake columns by the map; add's options by name. */
	for (i = 0; i < in->n; i++) {
		long j = ik->map != NULL ? ik->map[i] : iop_hdr_find(ik->hdr,
		    in->hdr->names[i]);

		if (j < 0)
			continue;
		iop_rec_setn(out, (size_t)j, iop_rec_get(in, i),
		    iop_rec_len(in, i), iop_rec_kind(in, i));
		if (ik->map != NULL)
			ik->inv[j] = (long)i + 1;
	}
	out->line = ik->map != NULL ? in->line : 0;
	out->src = in->src;
}

long
iop_intake_admit(struct iop_intake *ik, struct iop_roster *ro,
    const struct iop_person *p, const struct iop_rec *in,
    struct iop_rec *out, int flags, long today)
{
	struct iop_err e;
	size_t idcol = (size_t)p->col[IOP_P_ID];
	long id;

	memset(&e, 0, sizeof(e));
	intake_fit(ik, in, out);
	if (iop_person_check(out, p, flags, today, intake_report, ik) != 0)
		return -1;
	/* An ID already taken is reported at the intake's ID column. */
	if ((id = iop_roster_admit(ro, out, p, ik->inv[idcol] > 0 ?
	    (size_t)ik->inv[idcol] : 0, &e)) < 0) {
		ik->report(&e, ik->arg);
		return -1;
	}
	return id;
}

void
iop_intake_free(struct iop_intake *ik)
{
	free(ik->map);
	free(ik->inv);
	memset(ik, 0, sizeof(*ik));
}

/* ---- iop-enroll list filters ----------------------------------------- */

static int
match_item(const char *s, size_t n, void *arg)
{
	const char *v = arg;
	char key[64];

	if (n >= sizeof(key))
		return 0;
	memcpy(key, s, n);
	key[n] = '\0';
	iop_str_key(key);
	return strcmp(key, v) == 0;
}

/* Is value (as an enumeration key) among the comma-separated wanted? */
static int
match_any(const char *wanted, const char *value)
{
	char key[64], *c, *tok, *save;
	int ok = 0;

	snprintf(key, sizeof(key), "%s", value);
	iop_str_key(key);
	c = estrdup(wanted);
	for (tok = strtok_r(c, ",", &save); tok != NULL && !ok;
	    tok = strtok_r(NULL, ",", &save))
		ok = match_item(tok, strlen(tok), key);
	free(c);
	return ok;
}

static int
in_range(long d, const long *r, const int *has)
{
	return (!has[0] || d >= r[0]) && (!has[1] || d <= r[1]);
}

/*
 * The filter's enumeration values must be known ones: returns 0, or -1
 * with *e naming the option and the value.
 */
int
iop_pfilter_check(const struct iop_pfilter *f, struct iop_err *e)
{
	static const char *const opts[] = { "--status", "--focus", "--level" };
	const char *const *names[] = { iop_status_names, iop_focus_names,
	    iop_level_names };
	const char *vals[] = { f->status, f->focus, f->level };
	char *c, *tok, *save;
	size_t k;

	for (k = 0; k < 3; k++) {
		if (vals[k] == NULL)
			continue;
		c = estrdup(vals[k]);
		for (tok = strtok_r(c, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save))
			if (iop_enum_parse(tok, names[k], 0) < 0) {
				struct iop_buf b = { 0 };

				iop_enum_list(&b, names[k]);
				iop_seterr(e, NULL, 0, 0, "%s: '%s' is not %s",
				    opts[k], tok, b.s);
				iop_buf_free(&b);
				free(c);
				return -1;
			}
		free(c);
	}
	return 0;
}

/* 1 when the participant passes the filter, 0 when not, -1 bad date. */
int
iop_pfilter_match(const struct iop_pfilter *f, const struct iop_rec *r,
    const struct iop_person *p, struct iop_err *e)
{
	long adm = 0, dis = 0;
	int hasdis = 0;

#define GET(c)	(p->col[c] >= 0 ? iop_rec_get(r, (size_t)p->col[c]) : "")
	if (f->status != NULL && !match_any(f->status, GET(IOP_P_STATUS)))
		return 0;
	if (f->track != NULL && !match_any(f->track, GET(IOP_P_TRACK)))
		return 0;
	if (f->focus != NULL && !match_any(f->focus, GET(IOP_P_FOCUS)))
		return 0;
	if (f->level != NULL && !match_any(f->level, GET(IOP_P_LEVEL)))
		return 0;
	if (f->has_adm[0] || f->has_adm[1] || f->has_on) {
		if (p->col[IOP_P_ADMISSION] < 0) {
			iop_seterr(e, r->src, r->line, 0,
			    "no admission_date column");
			return -1;
		}
		if (iop_field_date(r, (size_t)p->col[IOP_P_ADMISSION],
		    "admission_date", &adm, e) != 0)
			return -1;
		if (!in_range(adm, f->adm, f->has_adm))
			return 0;
	}
	if (f->has_dis[0] || f->has_dis[1] || f->has_on) {
		if (*GET(IOP_P_DISCHARGE_DATE) != '\0') {
			if (iop_field_date(r, (size_t)p->col[
			    IOP_P_DISCHARGE_DATE], "discharge_date", &dis,
			    e) != 0)
				return -1;
			hasdis = 1;
		}
		if ((f->has_dis[0] || f->has_dis[1]) &&
		    !(hasdis && in_range(dis, f->dis, f->has_dis)))
			return 0;
		if (f->has_on && !(adm <= f->on && (!hasdis || dis > f->on)))
			return 0;
	}
#undef GET
	return 1;
}
