/*
 * person.c -- one participant record: its columns, validation and
 * normalisation, ID numbering, intake column mapping and the kinds of
 * its fields for JSON.  The bottom of lib/clinic: it calls nothing of
 * change.c, stay.c or roster.c.  iop-enroll writes participant files
 * with it; every other program reads them through stay.c, whose rules
 * iop_person_check() shares.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/person.h"

const char *const iop_person_cols[IOP_P_NCOLS + 1] = {
	"participant_id", "first_name", "last_name", "dob", "phone", "email",
	"focus", "track", "referral_source", "admission_date",
	"planned_weeks", "level_of_care", "payer", "auth_id", "auth_days",
	"auth_start", "auth_end", "status", "status_date", "status_reason",
	"discharge_date", "discharge_reason", "transfer_to", "goals",
	"aftercare", "aftercare_note", "history", NULL
};

/* The columns every participant list has (iop-enroll -f checks them). */
static const char *const list_cols[] = { "participant_id", "first_name",
	"last_name", "dob", NULL };
const struct iop_filekind iop_filekind_list = { "a participant list",
	list_cols };

/* What iop-enroll validate requires of a participant file. */
const char *const iop_person_required[] = {
	"participant_id", "first_name", "last_name", "dob", "focus", "track",
	"admission_date", "status", NULL
};

const char *const iop_focus_names[] = {
	"substance_use", "mental_health", "co_occurring", NULL
};
const char *const iop_level_names[] = {
	"outpatient", "intensive_outpatient", "partial_hospitalization",
	"residential_inpatient", NULL
};
const char *const iop_status_names[] = {
	"active", "stepped_down", "transferred", "completed", "discharged",
	NULL
};
const char *const iop_discharge_reason_names[] = {
	"completed", "left_against_advice", "non_attendance",
	"higher_level_of_care", "other", NULL
};
const char *const iop_aftercare_names[] = {
	"continuing_therapy", "alumni_group", "peer_support",
	"community_resources", "medication_management", "sober_living",
	"other", NULL
};

struct check {
	struct iop_rec		*r;
	const struct iop_person	*p;
	int			 flags;
	long			 today;
	iop_report_fn			*report;
	void			*arg;
	int			 nerr;
	struct iop_buf		 tmp;
};

static void	bad(struct check *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static const char *val(struct check *, int);
static void	set(struct check *, int, const char *, enum iop_kind);
static int	text(struct check *, int, int, size_t);
static int	date(struct check *, int, int, long *);
static int	enumv(struct check *, int, const char *const *, int);
static int	list_enum(struct check *, int, const char *const *);
static int	list_text(struct check *, int);
static int	phone(struct check *);
static int	email(struct check *);
static int	loose_date(const char *, int, long *);

void
iop_person_index(struct iop_person *p, const struct iop_hdr *h)
{
	size_t i;

	for (i = 0; i < IOP_P_NCOLS; i++)
		p->col[i] = iop_hdr_find(h, iop_person_cols[i]);
}

void
iop_person_complete_hdr(struct iop_hdr *h)
{
	size_t i;

	for (i = 0; i < IOP_P_NCOLS; i++)
		iop_hdr_ensure(h, iop_person_cols[i]);
}

int
iop_person_date_order(const char *s)
{
	if (strcmp(s, "mdy") == 0)
		return IOP_PN_MDY;
	if (strcmp(s, "dmy") == 0)
		return IOP_PN_DMY;
	if (strcmp(s, "ymd") == 0)
		return 0;
	return -1;
}

const char *
iop_person_lacks(const struct iop_hdr *h)
{
	size_t i;

	for (i = 0; i < IOP_P_NCOLS; i++)
		if (iop_hdr_find(h, iop_person_cols[i]) < 0)
			return iop_person_cols[i];
	return NULL;
}

/* The record of iop-enroll add, built from its options. */
void
iop_person_rec(struct iop_rec *r, const char *const *set, const char *src)
{
	size_t i;

	iop_rec_clear(r);
	r->hdr = iop_hdr_new();
	iop_person_complete_hdr(r->hdr);
	r->src = src;
	for (i = 0; i < IOP_P_NCOLS; i++)
		iop_rec_set(r, i, set[i] != NULL ? set[i] : "");
	r->line = 0;
}

static void
bad(struct check *c, int col, const char *fmt, ...)
{
	struct iop_err e;
	char msg[200];
	va_list ap;
	long at = c->p->col[col];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	iop_seterr(&e, c->r->src, c->r->line, at >= 0 ? (size_t)at + 1 : 0,
	    "field '%s': %s", iop_person_cols[col], msg);
	c->nerr++;
	c->report(&e, c->arg);
}

static const char *
val(struct check *c, int col)
{
	long at = c->p->col[col];

	return at >= 0 ? iop_rec_get(c->r, (size_t)at) : "";
}

static void
set(struct check *c, int col, const char *s, enum iop_kind k)
{
	long at = c->p->col[col];

	if (at >= 0)
		iop_rec_setn(c->r, (size_t)at, s, strlen(s), k);
}

/* Squeeze white space; check presence and length. */
static int
text(struct check *c, int col, int required, size_t max)
{
	size_t n;

	iop_buf_reset(&c->tmp);
	iop_buf_adds(&c->tmp, val(c, col));
	iop_buf_addc(&c->tmp, '\0');
	n = iop_str_squeeze(c->tmp.s);
	if (n == 0 && required) {
		bad(c, col, "is required");
		return -1;
	}
	/* Count characters, not bytes (the value is valid UTF-8). */
	n = 0;
	for (const char *q = c->tmp.s; *q != '\0'; q++)
		n += ((unsigned char)*q & 0xc0) != 0x80;
	if (n > max) {
		bad(c, col, "is longer than %zu characters", max);
		return -1;
	}
	set(c, col, c->tmp.s, IOP_K_STR);
	return 0;
}

/*
 * Dates: YYYY-MM-DD always; with IOP_PN_MDY or IOP_PN_DMY also slashed
 * dates in that order.  Single-digit months and days are accepted and
 * written back in ISO form.
 */
static int
loose_date(const char *s, int flags, long *out)
{
	int a, b, y, n = 0;
	char sep;

	if (iop_date_parse(s, out) == 0)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &a, &b, &n) == 3 &&
	    s[n] == '\0' && n >= 8 && s[4] == '-' && iop_date_valid(y, a, b)) {
		*out = iop_date_from_ymd(y, a, b);
		return 0;
	}
	if (!(flags & (IOP_PN_MDY | IOP_PN_DMY)))
		return -1;
	n = 0;
	if (sscanf(s, "%2d%c%2d%*[/.]%4d%n", &a, &sep, &b, &y, &n) != 4 ||
	    s[n] != '\0' || (sep != '/' && sep != '.') || n < 8 ||
	    strlen(s) - (size_t)(strrchr(s, sep) - s) != 5)
		return -1;
	for (const char *p = s; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || *p == sep))
			return -1;
	if (flags & IOP_PN_DMY) {
		int t = a;

		a = b;
		b = t;
	}
	if (!iop_date_valid(y, a, b))
		return -1;
	*out = iop_date_from_ymd(y, a, b);
	return 0;
}

static int
date(struct check *c, int col, int required, long *out)
{
	char buf[64], iso[11];
	size_t n;

	*out = 0;
	n = strlen(val(c, col));
	if (n >= sizeof(buf)) {
		bad(c, col, "expected YYYY-MM-DD (a real calendar date, "
		    IOP_DATE_RANGE ")");
		return -1;
	}
	memcpy(buf, val(c, col), n + 1);
	iop_str_squeeze(buf);
	if (buf[0] == '\0') {
		if (required) {
			bad(c, col, "is required");
			return -1;
		}
		set(c, col, "", IOP_K_STR);
		return 1;
	}
	if (loose_date(buf, c->flags, out) != 0) {
		if (c->flags & IOP_PN_MDY)
			bad(c, col, "expected a real calendar date, "
			    "YYYY-MM-DD or M/D/YYYY, " IOP_DATE_RANGE);
		else if (c->flags & IOP_PN_DMY)
			bad(c, col, "expected a real calendar date, "
			    "YYYY-MM-DD or D/M/YYYY, " IOP_DATE_RANGE);
		else if ((c->flags & IOP_PN_INTAKE) && strchr(buf, '/') != NULL)
			/* Only import and add take --date-order. */
			bad(c, col, "expected YYYY-MM-DD (a real calendar "
			    "date, " IOP_DATE_RANGE "); for slashed dates "
			    "give --date-order");
		else
			bad(c, col, "expected YYYY-MM-DD (a real calendar "
			    "date, " IOP_DATE_RANGE ")");
		return -1;
	}
	iop_date_fmt(*out, iso);
	set(c, col, iso, IOP_K_STR);
	return 0;
}

/* An enumeration, case-insensitive; returns its index, -1 bad, -2 empty. */
static int
enumv(struct check *c, int col, const char *const *names, int required)
{
	struct iop_buf b = { 0 };
	const char *v = val(c, col);
	int i;

	for (i = 0; v[i] == ' ' || v[i] == '\t'; i++)
		;
	if (v[i] == '\0') {
		if (required) {
			bad(c, col, "is required");
			return -1;
		}
		return -2;
	}
	if ((i = iop_enum_parse(v, names, 0)) < 0) {
		iop_enum_list(&b, names);
		bad(c, col, "expected one of %s", b.s);
		iop_buf_free(&b);
		return -1;
	}
	set(c, col, names[i], IOP_K_STR);
	return i;
}

struct listctx {
	struct check		*c;
	const char *const	*names;
	struct iop_buf		 out;
	int			 col;
	int			 bad;
};

static int
list_item(const char *s, size_t n, void *arg)
{
	struct listctx *l = arg;
	char key[128];
	int i;

	if (l->names != NULL) {
		if (n >= sizeof(key) ||
		    (memcpy(key, s, n), key[n] = '\0',
		    (i = iop_enum_parse(key, l->names, 0)) < 0)) {
			struct iop_buf b = { 0 };

			iop_enum_list(&b, l->names);
			bad(l->c, l->col, "list items must be among %s", b.s);
			iop_buf_free(&b);
			l->bad = 1;
			return 1;
		}
		s = l->names[i];
		n = strlen(s);
	}
	if (l->out.len > 0)
		iop_buf_addc(&l->out, ';');
	iop_buf_add(&l->out, s, n);
	return 0;
}

static int
list_common(struct check *c, int col, const char *const *names)
{
	struct listctx l = { c, names, { 0 }, col, 0 };
	char *copy;

	copy = estrdup(val(c, col));
	/* Squeeze each item's inner white space. */
	iop_list_each(copy, list_item, &l);
	if (!l.bad) {
		if (l.out.len > 0) {
			char *s = l.out.s, *w = s;
			int sp = 0;

			for (; *s != '\0'; s++) {
				if (*s == ' ' || *s == '\t' || *s == '\n' ||
				    *s == '\r') {
					sp = 1;
					continue;
				}
				if (sp && w != l.out.s && w[-1] != ';' &&
				    *s != ';')
					*w++ = ' ';
				sp = 0;
				*w++ = *s;
			}
			*w = '\0';
		}
		set(c, col, l.out.len > 0 ? l.out.s : "", IOP_K_LIST);
	}
	iop_buf_free(&l.out);
	free(copy);
	return l.bad ? -1 : 0;
}

static int
list_enum(struct check *c, int col, const char *const *names)
{
	return list_common(c, col, names);
}

static int
list_text(struct check *c, int col)
{
	return list_common(c, col, NULL);
}

/* Phone: digits with optional punctuation; 7 to 15 digits (E.164). */
static int
phone(struct check *c)
{
	const char *v = val(c, IOP_P_PHONE);
	char out[32];
	size_t nd = 0, i;
	int plus = 0, seen = 0;

	for (i = 0; v[i] != '\0'; i++) {
		char ch = v[i];

		if (ch >= '0' && ch <= '9') {
			if (nd >= 15) {
				bad(c, IOP_P_PHONE, "has more than 15 digits");
				return -1;
			}
			out[plus + nd++] = ch;
			seen = 1;
		} else if (ch == '+' && !seen && !plus) {
			out[0] = '+';
			plus = 1;
		} else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')' &&
		    ch != '.' && ch != '\t') {
			bad(c, IOP_P_PHONE, "expected a phone number (digits, "
			    "spaces, '+', '-', '(', ')', '.')");
			return -1;
		}
	}
	if (nd == 0 && !plus) {
		set(c, IOP_P_PHONE, "", IOP_K_STR);
		return 0;
	}
	if (nd < 7) {
		bad(c, IOP_P_PHONE, "has fewer than 7 digits");
		return -1;
	}
	out[plus + nd] = '\0';
	if (!plus && nd == 10) {
		char f[16];

		snprintf(f, sizeof(f), "%.3s-%.3s-%.4s", out, out + 3,
		    out + 6);
		set(c, IOP_P_PHONE, f, IOP_K_STR);
	} else
		set(c, IOP_P_PHONE, out, IOP_K_STR);
	return 0;
}

static int
email(struct check *c)
{
	char buf[256], *at, *dot;
	size_t n;

	n = strlen(val(c, IOP_P_EMAIL));
	if (n > 254) {
		bad(c, IOP_P_EMAIL, "is longer than 254 characters");
		return -1;
	}
	memcpy(buf, val(c, IOP_P_EMAIL), n + 1);
	iop_str_squeeze(buf);
	if (buf[0] == '\0') {
		set(c, IOP_P_EMAIL, "", IOP_K_STR);
		return 0;
	}
	iop_str_lower(buf);
	at = strchr(buf, '@');
	if (at == NULL || at == buf || strchr(at + 1, '@') != NULL ||
	    strchr(buf, ' ') != NULL || (dot = strrchr(at, '.')) == NULL ||
	    dot == at + 1 || dot[1] == '\0') {
		bad(c, IOP_P_EMAIL, "expected an address like name@example.org");
		return -1;
	}
	set(c, IOP_P_EMAIL, buf, IOP_K_STR);
	return 0;
}

static int
number(struct check *c, int col, long min, long max)
{
	char buf[32];
	const char *why;
	size_t n;
	long v;

	n = strlen(val(c, col));
	if (n >= sizeof(buf)) {
		bad(c, col, "is not a whole number (allowed %ld-%ld)", min,
		    max);
		return -1;
	}
	memcpy(buf, val(c, col), n + 1);
	iop_str_squeeze(buf);
	if (buf[0] == '\0') {
		set(c, col, "", IOP_K_STR);
		return 0;
	}
	if (iop_int_parse(buf, min, max, &v, &why) != 0) {
		bad(c, col, "%s (allowed %ld-%ld)", why, min, max);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%ld", v);
	set(c, col, buf, IOP_K_NUM);
	return 0;
}

int
iop_person_check(struct iop_rec *r, const struct iop_person *p, int flags,
    long today, iop_report_fn *report, void *arg)
{
	struct check c = { r, p, flags, today, report, arg, 0, { 0 } };
	long dob = 0, adm = 0, sd = 0, dd = 0, as = 0, ae = 0;
	int st, rc, ddrc, hasadm, hasdd, hassd;
	char iso[11];

	/* Participant ID. */
	text(&c, IOP_P_ID, 0, 32);
	if (*val(&c, IOP_P_ID) == '\0') {
		if (!(flags & IOP_PN_INTAKE))
			bad(&c, IOP_P_ID, "is required");
	} else if (iop_person_idnum(val(&c, IOP_P_ID)) < 0)
		bad(&c, IOP_P_ID, "expected P followed by digits (P0042), "
		    IOP_ID_RANGE);
	else {
		char id[32];

		iop_person_idfmt(iop_person_idnum(val(&c, IOP_P_ID)), id,
		    sizeof(id));
		set(&c, IOP_P_ID, id, IOP_K_STR);
	}
	text(&c, IOP_P_FIRST, 1, 100);
	text(&c, IOP_P_LAST, 1, 100);
	/* The date parser refuses a dob before 1900 (IOP_DATE_MIN). */
	if (date(&c, IOP_P_DOB, 1, &dob) == 0 && dob > today)
		bad(&c, IOP_P_DOB, "is in the future");
	phone(&c);
	email(&c);
	enumv(&c, IOP_P_FOCUS, iop_focus_names, 1);
	text(&c, IOP_P_TRACK, 1, 64);
	if (p->col[IOP_P_TRACK] >= 0) {
		char *t = estrdup(val(&c, IOP_P_TRACK));

		iop_str_key(t);
		set(&c, IOP_P_TRACK, t, IOP_K_STR);
		free(t);
	}
	text(&c, IOP_P_REFERRAL, 0, 200);
	hasadm = date(&c, IOP_P_ADMISSION, 1, &adm) == 0;
	if (hasadm && dob != 0 && adm <= dob)
		bad(&c, IOP_P_ADMISSION, "is not after the date of birth");
	number(&c, IOP_P_WEEKS, 1, 52);
	if (enumv(&c, IOP_P_LEVEL, iop_level_names, 0) == -2)
		set(&c, IOP_P_LEVEL, "intensive_outpatient", IOP_K_STR);
	text(&c, IOP_P_PAYER, 0, 100);
	text(&c, IOP_P_AUTH_ID, 0, 64);
	number(&c, IOP_P_AUTH_DAYS, 0, 366);
	rc = date(&c, IOP_P_AUTH_START, 0, &as);
	if (date(&c, IOP_P_AUTH_END, 0, &ae) == 0 && rc == 0 && ae < as)
		bad(&c, IOP_P_AUTH_END, "is before auth_start");

	st = enumv(&c, IOP_P_STATUS, iop_status_names, 0);
	if (st == -2) {
		st = IOP_ST_ACTIVE;
		set(&c, IOP_P_STATUS, "active", IOP_K_STR);
	}
	rc = date(&c, IOP_P_STATUS_DATE, 0, &sd);
	hassd = rc != 1;
	if (rc == 1 && hasadm) {
		iop_date_fmt(adm, iso);
		set(&c, IOP_P_STATUS_DATE, iso, IOP_K_STR);
		sd = adm;
	} else if (rc == 0 && hasadm && sd < adm)
		bad(&c, IOP_P_STATUS_DATE, "is before admission_date");
	text(&c, IOP_P_STATUS_REASON, 0, 500);
	ddrc = date(&c, IOP_P_DISCHARGE_DATE, 0, &dd);
	hasdd = ddrc == 0;
	if (hasdd && hasadm && dd < adm)
		bad(&c, IOP_P_DISCHARGE_DATE, "is before admission_date");
	rc = enumv(&c, IOP_P_DISCHARGE_REASON, iop_discharge_reason_names, 0);
	if (st == IOP_ST_COMPLETED || st == IOP_ST_DISCHARGED) {
		if (!hasdd && p->col[IOP_P_DISCHARGE_DATE] >= 0 &&
		    *val(&c, IOP_P_DISCHARGE_DATE) == '\0')
			bad(&c, IOP_P_DISCHARGE_DATE,
			    "is required when status is %s",
			    iop_status_names[st]);
		if (rc == -2 && st == IOP_ST_COMPLETED)
			set(&c, IOP_P_DISCHARGE_REASON, "completed",
			    IOP_K_STR);
		else if (rc == -2 && p->col[IOP_P_DISCHARGE_REASON] >= 0)
			bad(&c, IOP_P_DISCHARGE_REASON,
			    "is required when status is discharged");
	} else if (st == IOP_ST_ACTIVE && rc >= 0)
		bad(&c, IOP_P_DISCHARGE_REASON,
		    "is set but status is active");
	/* A status that ends care needs the day it did (stay.c). */
	if (st > IOP_ST_ACTIVE && !hassd && ddrc == 1 &&
	    !((st == IOP_ST_COMPLETED || st == IOP_ST_DISCHARGED) &&
	    p->col[IOP_P_DISCHARGE_DATE] >= 0))
		bad(&c, IOP_P_STATUS_DATE, "is required when status is %s",
		    iop_status_names[st]);
	text(&c, IOP_P_TRANSFER_TO, 0, 200);
	list_text(&c, IOP_P_GOALS);
	list_enum(&c, IOP_P_AFTERCARE, iop_aftercare_names);
	text(&c, IOP_P_AFTERCARE_NOTE, 0, 1000);
	list_text(&c, IOP_P_HISTORY);
	iop_buf_free(&c.tmp);
	return c.nerr;
}

long
iop_person_idnum(const char *s)
{
	long v = 0;
	size_t n = 0;

	if (*s != 'P' && *s != 'p')
		return -1;
	for (s++; *s >= '0' && *s <= '9'; s++, n++) {
		if (v > IOP_ID_MAX / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s != '\0' || n == 0 || v == 0)
		return -1;
	return v;
}

void
iop_person_idfmt(long n, char *buf, size_t sz)
{
	snprintf(buf, sz, "P%04ld", n);
}

/* Mark the kinds of the participant columns for JSON output. */
void
iop_person_kinds(struct iop_rec *r, const struct iop_person *p)
{
	static const int lists[] = { IOP_P_GOALS, IOP_P_AFTERCARE,
	    IOP_P_HISTORY };
	static const int nums[] = { IOP_P_WEEKS, IOP_P_AUTH_DAYS };
	const char *v;
	size_t i, n;

	for (i = 0; i < 3; i++)
		if (p->col[lists[i]] >= 0)
			iop_rec_set_kind(r, (size_t)p->col[lists[i]],
			    IOP_K_LIST);
	/*
	 * A number only when it is one that JSON and our reader take back:
	 * digits, no leading zero, in range.  Anything else an unvalidated
	 * list holds stays a string.
	 */
	for (i = 0; i < 2; i++) {
		if (p->col[nums[i]] < 0)
			continue;
		v = iop_rec_get(r, (size_t)p->col[nums[i]]);
		n = strlen(v);
		if (n == 0)
			iop_rec_set_kind(r, (size_t)p->col[nums[i]], IOP_K_NULL);
		else if (n <= 18 && strspn(v, "0123456789") == n &&
		    (v[0] != '0' || n == 1))
			iop_rec_set_kind(r, (size_t)p->col[nums[i]], IOP_K_NUM);
	}
}

/* Intake header aliases, matched after iop_str_key(). */
static const char *const aliases[][2] = {
	{ "id", "participant_id" }, { "first", "first_name" },
	{ "given_name", "first_name" }, { "firstname", "first_name" },
	{ "last", "last_name" }, { "surname", "last_name" },
	{ "family_name", "last_name" }, { "lastname", "last_name" },
	{ "date_of_birth", "dob" }, { "birth_date", "dob" },
	{ "birthdate", "dob" }, { "phone_number", "phone" },
	{ "telephone", "phone" }, { "mobile", "phone" },
	{ "e_mail", "email" }, { "email_address", "email" },
	{ "referral", "referral_source" }, { "referred_by", "referral_source" },
	{ "admit_date", "admission_date" }, { "admission", "admission_date" },
	{ "admitted", "admission_date" }, { "start_date", "admission_date" },
	{ "level", "level_of_care" }, { "insurance", "payer" },
	{ "goal", "goals" }, { "authorized_days", "auth_days" },
	{ "auth_visits", "auth_days" }, { "authorization_id", "auth_id" },
	{ NULL, NULL }
};

/*
 * Map intake columns onto the output header (iop_colmap_apply): --map,
 * participant column names, aliases ("Date of Birth" -> dob).  Unknown
 * columns pass through under their own name.
 */
int
iop_person_map(char *const *maps, size_t nmap, const struct iop_hdr *in,
    struct iop_hdr *out, int addcols, struct iop_err *e, long *map)
{
	int rv;

	if ((rv = iop_colmap_apply(maps, nmap, iop_person_cols, aliases, in,
	    out, addcols, map, e)) != -2)
		return rv;
	iop_seterr(e, NULL, 1, e->col, "intake column '%s' is not in the "
	    "participant list; add it there or use --file",
	    in->names[e->col - 1]);
	return -1;
}

