/*
 * program.c -- loads the program definition (iop-program(5)) from JSON
 * and refuses one that is inconsistent: every problem is reported with
 * the path of the key in the document (tracks[1].start), never guessed
 * around.  The loaded struct iop_program is read-only afterwards.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io/io.h"
#include "lib/clinic/program.h"

struct ld {
	const char	*file;
	struct iop_err	*e;
	char		 path[128];
};

static int	 bad(struct ld *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	 keys(struct ld *, json_t *, const char *,
		    const char *const *);
static int	 str(struct ld *, json_t *, const char *, const char *, int,
		    char **);
static int	 num(struct ld *, json_t *, const char *, const char *, int,
		    int, int, int *);
static int	 hours(struct ld *, json_t *, const char *, int *);
static int	 hhmm(struct ld *, json_t *, const char *, const char *, int,
		    int *);
static int	 wdays(struct ld *, json_t *, const char *, const char *,
		    unsigned *);
static int	 strs(struct ld *, json_t *, const char *, const char *,
		    char ***, size_t *);
static int	 ident(const char *);
static int	 load(struct ld *, json_t *, struct iop_program *);
static int	 single(struct ld *, json_t *, const char *, int,
		    struct iop_psingle *, const char *, const char *);
static int	 consistent(struct ld *, struct iop_program *);

static const char *const wdnames[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", NULL };


static int
bad(struct ld *l, const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	iop_vseterr_path(l->e, l->file, where, fmt, ap);
	va_end(ap);
	return -1;
}

/* Refuse keys the definition does not know: a typo must not be ignored. */
static int
keys(struct ld *l, json_t *o, const char *where, const char *const *known)
{
	const char *k;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return bad(l, where, "expected an object");
	json_object_foreach(o, k, v) {
		for (i = 0; known[i] != NULL; i++)
			if (strcmp(k, known[i]) == 0)
				break;
		if (known[i] == NULL)
			return bad(l, where, "unknown key '%s'", k);
	}
	return 0;
}

static int
str(struct ld *l, json_t *o, const char *where, const char *key, int need,
    char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL) {
		if (need)
			return bad(l, where, "missing key '%s'", key);
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return bad(l, where, "'%s': expected a non-empty string", key);
	*out = estrdup(json_string_value(v));
	return 0;
}

static int
num(struct ld *l, json_t *o, const char *where, const char *key, int need,
    int min, int max, int *out)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		if (need)
			return bad(l, where, "missing key '%s'", key);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return bad(l, where, "'%s': expected a whole number %d-%d",
		    key, min, max);
	*out = (int)json_integer_value(v);
	return 0;
}

/*
 * Hours a week, 0-60 with decimals, kept as minutes rounded to the
 * nearest (9.5 is 570); absent, the default IOP_PROGRAM_MINMIN.
 */
static int
hours(struct ld *l, json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	double h;

	*out = IOP_PROGRAM_MINMIN;
	if (v == NULL)
		return 0;
	if (!json_is_number(v) || (h = json_number_value(v)) < 0 ||
	    h > IOP_PROGRAM_MAXHOURS)
		return bad(l, NULL, "'%s': expected a number of hours 0-%d",
		    key, IOP_PROGRAM_MAXHOURS);
	*out = (int)(h * 60 + 0.5);
	return 0;
}

static int
hhmm(struct ld *l, json_t *o, const char *where, const char *key, int isend,
    int *out)
{
	json_t *v = json_object_get(o, key);
	int rv;

	if (v == NULL)
		return bad(l, where, "missing key '%s'", key);
	if (!json_is_string(v))
		rv = -1;
	else if (isend)
		rv = iop_time_parse_end(json_string_value(v), out);
	else
		rv = iop_time_parse(json_string_value(v), out);
	if (rv != 0)
		return bad(l, where, "'%s': expected a 24-hour time HH:MM",
		    key);
	return 0;
}

static int
wdays(struct ld *l, json_t *o, const char *where, const char *key,
    unsigned *out)
{
	json_t *v = json_object_get(o, key), *d;
	size_t i;
	int k;

	*out = 0;
	if (v == NULL)
		return bad(l, where, "missing key '%s'", key);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(l, where, "'%s': expected a list of weekdays", key);
	json_array_foreach(v, i, d) {
		if (!json_is_string(d) ||
		    (k = iop_enum_parse(json_string_value(d), wdnames, 7)) < 0)
			return bad(l, where, "'%s': expected weekdays mon, "
			    "tue, wed, thu, fri, sat or sun", key);
		*out |= IOP_WDAY_BIT(k + 1);
	}
	return 0;
}

static int
strs(struct ld *l, json_t *o, const char *where, const char *key,
    char ***out, size_t *n)
{
	json_t *v = json_object_get(o, key), *s;
	size_t i;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (!json_is_array(v))
		return bad(l, where, "'%s': expected a list of strings", key);
	*out = ecalloc(json_array_size(v) + 1, sizeof(**out));
	json_array_foreach(v, i, s) {
		if (!json_is_string(s) || json_string_length(s) == 0 ||
		    strlen(json_string_value(s)) != json_string_length(s))
			return bad(l, where, "'%s': expected a list of "
			    "non-empty strings", key);
		(*out)[(*n)++] = estrdup(json_string_value(s));
	}
	return 0;
}

/* Identifiers end up in session ids and file names: keep them plain. */
static int
ident(const char *s)
{
	if (*s == '\0' || strlen(s) > 32)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int
single(struct ld *l, json_t *top, const char *key, int needevery,
    struct iop_psingle *s, const char *type, const char *role)
{
	static const char *const k1[] = { "minutes", "every_weeks",
	    "first_week", "role", NULL };
	json_t *o = json_object_get(top, key);
	char *r = NULL;

	s->type = type;
	s->every = s->first = 1;
	if (o == NULL)
		return 0;
	if (keys(l, o, key, k1) != 0 ||
	    num(l, o, key, "minutes", 1, 5, 480, &s->minutes) != 0 ||
	    num(l, o, key, "every_weeks", needevery, 1, 52, &s->every) != 0)
		return -1;
	s->first = needevery ? s->every : 1;
	if (num(l, o, key, "first_week", 0, 1, 52, &s->first) != 0 ||
	    str(l, o, key, "role", 0, &r) != 0)
		return -1;
	if (r == NULL)
		r = estrdup(role);
	if (strcmp(r, "any") == 0) {
		free(r);
		r = NULL;
	}
	s->role = r;
	s->on = 1;
	return 0;
}

static int
load(struct ld *l, json_t *root, struct iop_program *p)
{
	static const char *const ktop[] = { "id", "name", "timezone", "weeks",
	    "min_weekly_hours", "billable_minutes", "group_capacity",
	    "break_minutes", "makeup",
	    "phases", "tracks", "blocks", "individual", "family",
	    "first_day", "discharge_planning", "staff", "rooms", "holidays",
	    "closures", NULL };
	static const char *const kph[] = { "from", "to", "days_per_week",
	    "days", NULL };
	static const char *const ktr[] = { "id", "days", "start", "end",
	    NULL };
	static const char *const kbl[] = { "type", "minutes", "role",
	    "topics", NULL };
	static const char *const kst[] = { "id", "name", "roles", "days",
	    "start", "end", "max_hours_week", NULL };
	static const char *const kro[] = { "id", "name", "capacity", NULL };
	static const char *const kho[] = { "date", "name", NULL };
	static const char *const kcl[] = { "from", "to", "name", NULL };
	static const char *const kfd[] = { "assessment_minutes",
	    "orientation_minutes", "assessment_role", "orientation_role",
	    NULL };
	json_t *a, *o, *v;
	size_t i, j;
	int t;

	if (keys(l, root, "", ktop) != 0 ||
	    str(l, root, "", "id", 1, &p->id) != 0 ||
	    str(l, root, "", "name", 1, &p->name) != 0 ||
	    str(l, root, "", "timezone", 1, &p->tz) != 0 ||
	    num(l, root, "", "weeks", 1, 1, 52, &p->weeks) != 0 ||
	    hours(l, root, "min_weekly_hours", &p->minmin) != 0 ||
	    num(l, root, "", "billable_minutes", 0, 1, 1440, &p->billmin) != 0 ||
	    num(l, root, "", "group_capacity", 1, 1, 100, &p->capacity) != 0 ||
	    num(l, root, "", "break_minutes", 0, 0, 120, &p->brk) != 0)
		return -1;
	if (!ident(p->id))
		return bad(l, "id", "expected letters, digits, '_' or '-' "
		    "(at most 32)");
	if (p->billmin == 0)
		p->billmin = IOP_PROGRAM_BILLMIN;
	if ((v = json_object_get(root, "makeup")) != NULL) {
		if (!json_is_boolean(v))
			return bad(l, "makeup", "expected true or false");
		p->makeup = json_is_true(v);
	}
	if (!iop_clock_zone_ok(p->tz))
		return bad(l, "timezone", "not a time zone of the system's "
		    "zoneinfo (for example America/New_York)");

	/* Phases. */
	a = json_object_get(root, "phases");
	if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
		return bad(l, "phases", "expected a non-empty list");
	p->phases = ecalloc(json_array_size(a), sizeof(*p->phases));
	json_array_foreach(a, i, o) {
		struct iop_pphase *ph = &p->phases[i];

		snprintf(l->path, sizeof(l->path), "phases[%zu]", i);
		if (keys(l, o, l->path, kph) != 0 ||
		    num(l, o, l->path, "from", 1, 1, 52, &ph->from) != 0 ||
		    num(l, o, l->path, "to", 1, 1, 52, &ph->to) != 0 ||
		    num(l, o, l->path, "days_per_week", 1, 1, 7,
		    &ph->days) != 0)
			return -1;
		p->nphases++;
		if (json_object_get(o, "days") != NULL) {
			if (wdays(l, o, l->path, "days", &ph->wdays) != 0)
				return -1;
			if (iop_popcount(ph->wdays) != ph->days)
				return bad(l, l->path, "'days' names %d "
				    "weekdays but days_per_week is %d",
				    iop_popcount(ph->wdays), ph->days);
		}
		if (ph->from > ph->to)
			return bad(l, l->path, "'from' is after 'to'");
		if (ph->from != (i == 0 ? 1 : p->phases[i - 1].to + 1))
			return bad(l, l->path, "phases must follow each other "
			    "from week 1 without gaps or overlaps");
		if (ph->to > p->weeks)
			return bad(l, l->path, "the phase runs to week %d but "
			    "the program has %d weeks", ph->to, p->weeks);
	}
	if (p->phases[p->nphases - 1].to != p->weeks)
		return bad(l, "phases", "the phases end at week %d but the "
		    "program has %d weeks", p->phases[p->nphases - 1].to,
		    p->weeks);

	/* Blocks, in the order they run. */
	a = json_object_get(root, "blocks");
	if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
		return bad(l, "blocks", "expected a non-empty list");
	p->blocks = ecalloc(json_array_size(a), sizeof(*p->blocks));
	t = 0;
	json_array_foreach(a, i, o) {
		struct iop_pblock *b = &p->blocks[i];

		snprintf(l->path, sizeof(l->path), "blocks[%zu]", i);
		if (keys(l, o, l->path, kbl) != 0 ||
		    str(l, o, l->path, "type", 1, &b->type) != 0)
			return -1;
		p->nblocks++;
		if (num(l, o, l->path, "minutes", 1, 5, 480, &b->minutes) != 0 ||
		    str(l, o, l->path, "role", 0, &b->role) != 0 ||
		    strs(l, o, l->path, "topics", &b->topics, &b->ntopics) != 0)
			return -1;
		if (!ident(b->type))
			return bad(l, l->path, "'type': expected letters, "
			    "digits, '_' or '-'");
		for (j = 0; j < i; j++)
			if (strcmp(p->blocks[j].type, b->type) == 0)
				return bad(l, l->path, "block type '%s' "
				    "appears twice", b->type);
		if (b->role == NULL)
			b->role = estrdup("licensed_counselor");
		else if (strcmp(b->role, "any") == 0) {
			free(b->role);
			b->role = NULL;
		}
		b->offset = t;
		t += b->minutes + p->brk;
	}

	/* Tracks. */
	a = json_object_get(root, "tracks");
	if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
		return bad(l, "tracks", "expected a non-empty list");
	p->tracks = ecalloc(json_array_size(a), sizeof(*p->tracks));
	json_array_foreach(a, i, o) {
		struct iop_ptrack *tr = &p->tracks[i];
		const struct iop_pblock *lb = &p->blocks[p->nblocks - 1];

		snprintf(l->path, sizeof(l->path), "tracks[%zu]", i);
		if (keys(l, o, l->path, ktr) != 0 ||
		    str(l, o, l->path, "id", 1, &tr->id) != 0)
			return -1;
		p->ntracks++;
		if (wdays(l, o, l->path, "days", &tr->days) != 0 ||
		    hhmm(l, o, l->path, "start", 0, &tr->start) != 0 ||
		    hhmm(l, o, l->path, "end", 1, &tr->end) != 0)
			return -1;
		if (!ident(tr->id))
			return bad(l, l->path, "'id': expected letters, "
			    "digits, '_' or '-' (at most 32)");
		if (iop_program_track(p, tr->id) != (long)i)
			return bad(l, l->path, "track '%s' appears twice",
			    tr->id);
		tr->blocks_end = tr->start + lb->offset + lb->minutes;
		if (tr->end <= tr->start)
			return bad(l, l->path, "'end' is not after 'start'");
		if (tr->blocks_end > tr->end)
			return bad(l, l->path, "the day's blocks need %d "
			    "minutes but the track's day has %d", tr->blocks_end -
			    tr->start, tr->end - tr->start);
	}
	for (i = 0; i < p->nphases; i++)
		for (j = 0; j < p->ntracks; j++) {
			unsigned d = p->tracks[j].days;

			if (p->phases[i].wdays != 0 &&
			    (p->phases[i].wdays & ~d) != 0)
				return bad(l, NULL, "phases[%zu] names a "
				    "weekday on which track '%s' does not "
				    "meet", i, p->tracks[j].id);
			if (p->phases[i].days > iop_popcount(d))
				return bad(l, NULL, "phases[%zu] needs %d days "
				    "a week but track '%s' meets on %d", i,
				    p->phases[i].days, p->tracks[j].id,
				    iop_popcount(d));
		}

	if (single(l, root, "individual", 0, &p->single[IOP_S_INDIV],
	    "individual", "licensed_counselor") != 0 ||
	    single(l, root, "family", 1, &p->single[IOP_S_FAMILY],
	    "family", "family_therapist") != 0 ||
	    single(l, root, "discharge_planning", 0,
	    &p->single[IOP_S_DISCHARGE], "discharge_planning",
	    "licensed_counselor") != 0)
		return -1;
	p->single[IOP_S_ASSESS].type = "assessment";
	p->single[IOP_S_ORIENT].type = "orientation";
	if ((o = json_object_get(root, "first_day")) != NULL) {
		struct iop_psingle *as = &p->single[IOP_S_ASSESS];
		struct iop_psingle *or = &p->single[IOP_S_ORIENT];

		if (keys(l, o, "first_day", kfd) != 0 ||
		    num(l, o, "first_day", "assessment_minutes", 0, 5, 480,
		    &as->minutes) != 0 ||
		    num(l, o, "first_day", "orientation_minutes", 0, 5, 480,
		    &or->minutes) != 0 ||
		    str(l, o, "first_day", "assessment_role", 0,
		    &as->role) != 0 ||
		    str(l, o, "first_day", "orientation_role", 0,
		    &or->role) != 0)
			return -1;
		if (as->role == NULL)
			as->role = estrdup("licensed_counselor");
		as->on = as->minutes > 0;
		or->on = or->minutes > 0;
		for (i = IOP_S_ASSESS; i <= IOP_S_ORIENT; i++)
			if (p->single[i].role != NULL &&
			    strcmp(p->single[i].role, "any") == 0) {
				free(p->single[i].role);
				p->single[i].role = NULL;
			}
	}

	/* Staff. */
	a = json_object_get(root, "staff");
	if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
		return bad(l, "staff", "expected a non-empty list");
	p->staff = ecalloc(json_array_size(a), sizeof(*p->staff));
	json_array_foreach(a, i, o) {
		struct iop_pstaff *st = &p->staff[i];

		snprintf(l->path, sizeof(l->path), "staff[%zu]", i);
		if (keys(l, o, l->path, kst) != 0 ||
		    str(l, o, l->path, "id", 1, &st->id) != 0)
			return -1;
		p->nstaff++;
		st->maxmin = 40;
		if (str(l, o, l->path, "name", 1, &st->name) != 0 ||
		    strs(l, o, l->path, "roles", &st->roles, &st->nroles) != 0 ||
		    wdays(l, o, l->path, "days", &st->days) != 0 ||
		    hhmm(l, o, l->path, "start", 0, &st->start) != 0 ||
		    hhmm(l, o, l->path, "end", 1, &st->end) != 0 ||
		    num(l, o, l->path, "max_hours_week", 0, 1, 80,
		    &st->maxmin) != 0)
			return -1;
		st->maxmin *= 60;
		if (!ident(st->id))
			return bad(l, l->path, "'id': expected letters, "
			    "digits, '_' or '-' (at most 32)");
		if (iop_program_staff(p, st->id) != (long)i)
			return bad(l, l->path, "staff id '%s' appears twice",
			    st->id);
		if (st->end <= st->start)
			return bad(l, l->path, "'end' is not after 'start'");
	}

	/* Rooms. */
	a = json_object_get(root, "rooms");
	if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
		return bad(l, "rooms", "expected a non-empty list");
	p->rooms = ecalloc(json_array_size(a), sizeof(*p->rooms));
	json_array_foreach(a, i, o) {
		struct iop_proom *r = &p->rooms[i];

		snprintf(l->path, sizeof(l->path), "rooms[%zu]", i);
		if (keys(l, o, l->path, kro) != 0 ||
		    str(l, o, l->path, "id", 1, &r->id) != 0)
			return -1;
		p->nrooms++;
		if (str(l, o, l->path, "name", 0, &r->name) != 0 ||
		    num(l, o, l->path, "capacity", 1, 1, 500, &r->cap) != 0)
			return -1;
		if (!ident(r->id))
			return bad(l, l->path, "'id': expected letters, "
			    "digits, '_' or '-' (at most 32)");
		if (iop_program_room(p, r->id) != (long)i)
			return bad(l, l->path, "room id '%s' appears twice",
			    r->id);
	}

	/* Holidays (one day) and closures (a range) become one list. */
	a = json_object_get(root, "holidays");
	o = json_object_get(root, "closures");
	if ((a != NULL && !json_is_array(a)) || (o != NULL && !json_is_array(o)))
		return bad(l, a != NULL && !json_is_array(a) ? "holidays" :
		    "closures", "expected a list");
	p->closures = ecalloc(json_array_size(a) + json_array_size(o) + 1,
	    sizeof(*p->closures));
	json_array_foreach(a, i, v) {
		struct iop_pclosure *c = &p->closures[p->nclosures];
		char *d;

		snprintf(l->path, sizeof(l->path), "holidays[%zu]", i);
		if (keys(l, v, l->path, kho) != 0 ||
		    str(l, v, l->path, "date", 1, &d) != 0)
			return -1;
		t = iop_date_parse(d, &c->from);
		free(d);
		if (t != 0)
			return bad(l, l->path, "'date': expected YYYY-MM-DD "
			    "(" IOP_DATE_RANGE ")");
		c->to = c->from;
		p->nclosures++;
		if (str(l, v, l->path, "name", 1, &c->name) != 0)
			return -1;
	}
	json_array_foreach(o, i, v) {
		struct iop_pclosure *c = &p->closures[p->nclosures];
		char *d1, *d2;

		snprintf(l->path, sizeof(l->path), "closures[%zu]", i);
		if (keys(l, v, l->path, kcl) != 0 ||
		    str(l, v, l->path, "from", 1, &d1) != 0)
			return -1;
		if (str(l, v, l->path, "to", 1, &d2) != 0) {
			free(d1);
			return -1;
		}
		t = iop_date_parse(d1, &c->from) != 0 ||
		    iop_date_parse(d2, &c->to) != 0;
		free(d1);
		free(d2);
		if (t)
			return bad(l, l->path, "expected dates YYYY-MM-DD "
			    "(" IOP_DATE_RANGE ")");
		p->nclosures++;
		if (str(l, v, l->path, "name", 1, &c->name) != 0)
			return -1;
		if (c->to < c->from)
			return bad(l, l->path, "'to' is before 'from'");
	}
	return consistent(l, p);
}

/*
 * Every track must be able to run: on each of its weekdays, each block
 * needs someone with the block's role working through it, and the
 * sessions with one counselor need someone with their role at all.
 */
static int
consistent(struct ld *l, struct iop_program *p)
{
	const struct iop_ptrack *tr;
	const struct iop_pblock *b;
	const struct iop_pstaff *st;
	size_t i, j, k;
	int wd, s;
	char t1[6], t2[6];

	for (i = 0; i < p->ntracks; i++) {
		tr = &p->tracks[i];
		for (wd = 1; wd <= 7; wd++) {
			if (!(tr->days & IOP_WDAY_BIT(wd)))
				continue;
			for (j = 0; j < p->nblocks; j++) {
				b = &p->blocks[j];
				s = tr->start + b->offset;
				for (k = 0; k < p->nstaff; k++) {
					st = &p->staff[k];
					if ((st->days & IOP_WDAY_BIT(wd)) &&
					    st->start <= s &&
					    st->end >= s + b->minutes &&
					    iop_staff_has(st, b->role))
						break;
				}
				if (k < p->nstaff)
					continue;
				iop_time_fmt(s, t1);
				iop_time_fmt(s + b->minutes, t2);
				return bad(l, NULL, "track '%s': no staff with "
				    "role %s works on %s %s-%s for block '%s'",
				    tr->id, b->role != NULL ? b->role : "any",
				    wdnames[wd - 1], t1, t2, b->type);
			}
		}
	}
	for (i = 0; i < IOP_S_N; i++) {
		if (!p->single[i].on)
			continue;
		for (k = 0; k < p->nstaff; k++)
			if (iop_staff_has(&p->staff[k], p->single[i].role))
				break;
		if (k == p->nstaff)
			return bad(l, NULL, "no staff has role %s, needed for "
			    "%s sessions", p->single[i].role,
			    p->single[i].type);
	}
	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].cap >= p->capacity)
			break;
	if (i == p->nrooms)
		return bad(l, "group_capacity", "no room holds a full group "
		    "of %d", p->capacity);
	return 0;
}

int
iop_program_load(const char *file, struct iop_program *p, struct iop_err *e)
{
	struct ld l;
	json_error_t je;
	json_t *root;
	int rv;

	memset(p, 0, sizeof(*p));
	memset(&l, 0, sizeof(l));
	l.file = file;
	l.e = e;
	root = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		if (je.line < 1)
			iop_seterr(e, file, 0, 0, "cannot read: %s", je.text);
		else
			iop_seterr(e, file, (size_t)je.line,
			    (size_t)(je.column > 0 ? je.column : 0), "%s",
			    je.text);
		return -1;
	}
	rv = load(&l, root, p);
	json_decref(root);
	if (rv != 0)
		iop_program_free(p);
	return rv;
}

static void
freev(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
iop_program_free(struct iop_program *p)
{
	size_t i;

	free(p->id);
	free(p->name);
	free(p->tz);
	free(p->phases);
	for (i = 0; i < p->ntracks; i++)
		free(p->tracks[i].id);
	free(p->tracks);
	for (i = 0; i < p->nblocks; i++) {
		free(p->blocks[i].type);
		free(p->blocks[i].role);
		freev(p->blocks[i].topics, p->blocks[i].ntopics);
	}
	free(p->blocks);
	for (i = 0; i < IOP_S_N; i++)
		free(p->single[i].role);
	for (i = 0; i < p->nstaff; i++) {
		free(p->staff[i].id);
		free(p->staff[i].name);
		freev(p->staff[i].roles, p->staff[i].nroles);
	}
	free(p->staff);
	for (i = 0; i < p->nrooms; i++) {
		free(p->rooms[i].id);
		free(p->rooms[i].name);
	}
	free(p->rooms);
	for (i = 0; i < p->nclosures; i++)
		free(p->closures[i].name);
	free(p->closures);
	memset(p, 0, sizeof(*p));
}

long
iop_program_track(const struct iop_program *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->ntracks; i++)
		if (p->tracks[i].id != NULL && strcmp(p->tracks[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
iop_program_staff(const struct iop_program *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nstaff; i++)
		if (p->staff[i].id != NULL && strcmp(p->staff[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
iop_program_room(const struct iop_program *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].id != NULL && strcmp(p->rooms[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The phase of a program week; weeks past the last phase stay in it. */
const struct iop_pphase *
iop_program_phase(const struct iop_program *p, int week, int *num)
{
	size_t i;

	for (i = 0; i + 1 < p->nphases; i++)
		if (week <= p->phases[i].to)
			break;
	*num = (int)i + 1;
	return &p->phases[i];
}

const struct iop_pclosure *
iop_program_closed(const struct iop_program *p, long date)
{
	size_t i;

	for (i = 0; i < p->nclosures; i++)
		if (date >= p->closures[i].from && date <= p->closures[i].to)
			return &p->closures[i];
	return NULL;
}

int
iop_staff_has(const struct iop_pstaff *s, const char *role)
{
	size_t i;

	if (role == NULL)
		return 1;
	for (i = 0; i < s->nroles; i++)
		if (strcmp(s->roles[i], role) == 0)
			return 1;
	return 0;
}

const char *
iop_program_role(const struct iop_program *p, const char *type)
{
	size_t i;

	for (i = 0; i < p->nblocks; i++)
		if (strcmp(p->blocks[i].type, type) == 0)
			return p->blocks[i].role;
	for (i = 0; i < IOP_S_N; i++)
		if (p->single[i].type != NULL &&
		    strcmp(p->single[i].type, type) == 0)
			return p->single[i].role;
	return "";
}
