/*
 * fit.c -- screening for iop-fit.  This module owns the scoring of the
 * four instruments from item answers (with their published range checks
 * and missing-item rules), the fit rules (a JSON document, compiled once
 * and bound to each stream's header), and the decision: a level of care
 * that only ever moves up the continuum, a fit verdict, safety flags and
 * the rule IDs behind them.  Conditions use three-valued logic, so that a
 * blank answer that could change the decision makes it undetermined
 * instead of being read as "no".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/fit/fit.h"
#include "lib/fit/instr.h"
#include "lib/io/io.h"

const char *const iop_fit_level_names[] = {
	"outpatient", "intensive_outpatient", "partial_hospitalization",
	"residential_inpatient", NULL
};
const char *const iop_fit_verdict_names[] = {
	"good", "possible", "undetermined", "poor", NULL
};

/*
 * The built-in rules.  iop-fit --print-rules shows them; iop-fit(1)
 * documents them and the sources of the cut points.
 */
static const char default_rules[] =
"{\"version\": 1,\n"
" \"thresholds\": {\"phq9_iop\": 10, \"gad7_iop\": 10, \"audit_iop\": 20,\n"
"   \"dast10_iop\": 3},\n"
" \"rules\": [\n"
"  {\"id\": \"R-SAFE-SI\",\n"
"   \"when\": {\"field\": \"phq9_9\", \"op\": \">\", \"value\": 0},\n"
"   \"flag\": \"suicidal_ideation\", \"level\": \"partial_hospitalization\",\n"
"   \"fit\": \"poor\",\n"
"   \"reason\": \"PHQ-9 item 9 is positive (thoughts of death or self-harm):"
" a clinician assesses suicide risk the same day, before any placement.\"},\n"
"  {\"id\": \"R-SAFE-24H\",\n"
"   \"when\": {\"field\": \"needs_24h_supervision\", \"op\": \"=\","
" \"value\": true},\n"
"   \"flag\": \"needs_24h_supervision\", \"level\": \"residential_inpatient\","
"\n   \"fit\": \"poor\",\n"
"   \"reason\": \"Needs 24-hour supervision, which an outpatient program"
" cannot give.\"},\n"
"  {\"id\": \"R-SAFE-WITHDRAWAL\",\n"
"   \"when\": {\"field\": \"withdrawal_risk\", \"op\": \"=\", \"value\":"
" \"severe\"},\n"
"   \"flag\": \"dangerous_withdrawal\", \"level\": \"residential_inpatient\","
"\n   \"fit\": \"poor\",\n"
"   \"reason\": \"Risk of severe or complicated withdrawal: medically"
" managed withdrawal comes first.\"},\n"
"  {\"id\": \"R-SAFE-MEDICAL\",\n"
"   \"when\": {\"field\": \"medically_unstable\", \"op\": \"=\", \"value\":"
" true},\n"
"   \"flag\": \"medically_unstable\", \"level\": \"residential_inpatient\","
"\n   \"fit\": \"poor\",\n"
"   \"reason\": \"Medically unstable: needs medical care around the"
" clock.\"},\n"
"  {\"id\": \"R-SAFE-HOME\",\n"
"   \"when\": {\"field\": \"safe_home\", \"op\": \"=\", \"value\": false},\n"
"   \"flag\": \"unsafe_home\", \"level\": \"residential_inpatient\","
" \"fit\": \"poor\",\n"
"   \"reason\": \"No safe, stable home to go back to between sessions.\"},\n"
"  {\"id\": \"R-WITHDRAWAL-MODERATE\",\n"
"   \"when\": {\"field\": \"withdrawal_risk\", \"op\": \"=\", \"value\":"
" \"moderate\"},\n"
"   \"fit\": \"possible\",\n"
"   \"reason\": \"Moderate withdrawal risk: IOP only with ambulatory"
" withdrawal management alongside.\"},\n"
"  {\"id\": \"R-STEP-DOWN\",\n"
"   \"when\": {\"field\": \"step_down\", \"op\": \"=\", \"value\": true},\n"
"   \"level\": \"intensive_outpatient\",\n"
"   \"reason\": \"Stepping down from residential or inpatient care.\"},\n"
"  {\"id\": \"R-NEED-MODERATE\",\n"
"   \"when\": {\"any\": [\n"
"     {\"field\": \"phq9_total\", \"op\": \">=\", \"threshold\": \"phq9_iop\"},"
"\n"
"     {\"field\": \"gad7_total\", \"op\": \">=\", \"threshold\": \"gad7_iop\"},"
"\n"
"     {\"field\": \"audit_total\", \"op\": \">=\", \"threshold\":"
" \"audit_iop\"},\n"
"     {\"field\": \"dast10_total\", \"op\": \">=\", \"threshold\":"
" \"dast10_iop\"},\n"
"     {\"field\": \"co_occurring\", \"op\": \"=\", \"value\": true}]},\n"
"   \"level\": \"intensive_outpatient\",\n"
"   \"reason\": \"Moderate or severe symptoms or substance use, or"
" co-occurring disorders.\"},\n"
"  {\"id\": \"R-NEED-BASE\",\n"
"   \"when\": {\"any\": [\n"
"     {\"field\": \"phq9_total\", \"op\": \"present\"},\n"
"     {\"field\": \"gad7_total\", \"op\": \"present\"},\n"
"     {\"field\": \"audit_total\", \"op\": \"present\"},\n"
"     {\"field\": \"dast10_total\", \"op\": \"present\"}]},\n"
"   \"level\": \"outpatient\",\n"
"   \"reason\": \"Scores below the thresholds for IOP: standard outpatient"
" care.\"},\n"
"  {\"id\": \"R-NO-INSTRUMENT\",\n"
"   \"when\": {\"all\": [\n"
"     {\"field\": \"phq9_total\", \"op\": \"missing\"},\n"
"     {\"field\": \"gad7_total\", \"op\": \"missing\"},\n"
"     {\"field\": \"audit_total\", \"op\": \"missing\"},\n"
"     {\"field\": \"dast10_total\", \"op\": \"missing\"}]},\n"
"   \"fit\": \"undetermined\",\n"
"   \"reason\": \"No instrument could be scored.\"},\n"
"  {\"id\": \"R-OBLIGATIONS\",\n"
"   \"when\": {\"field\": \"obligations\", \"op\": \"=\", \"value\": false},\n"
"   \"fit\": \"possible\",\n"
"   \"reason\": \"No work, school or family duties that need a flexible"
" schedule: a day program may serve as well.\"},\n"
"  {\"id\": \"R-WILLING-UNSURE\",\n"
"   \"when\": {\"field\": \"willing\", \"op\": \"=\", \"value\": \"unsure\"},"
"\n"
"   \"fit\": \"possible\",\n"
"   \"reason\": \"Unsure about taking part: motivational work at"
" admission.\"},\n"
"  {\"id\": \"R-WILLING-NO\",\n"
"   \"when\": {\"field\": \"willing\", \"op\": \"=\", \"value\": false},\n"
"   \"fit\": \"poor\",\n"
"   \"reason\": \"Not willing to take part; IOP depends on active"
" participation.\"}\n"
" ]}\n";

/* ---- instruments and screening questions ------------------------------ */

enum { SQ_BOOL, SQ_WITHDRAWAL, SQ_WILLING };

static const char *const withdrawal_names[] = {
	"none", "low", "moderate", "severe", NULL
};

static const struct sq {
	const char	*name;
	int		 type;
} sqs[] = {
	{ "step_down", SQ_BOOL },
	{ "needs_24h_supervision", SQ_BOOL },
	{ "withdrawal_risk", SQ_WITHDRAWAL },
	{ "medically_unstable", SQ_BOOL },
	{ "safe_home", SQ_BOOL },
	{ "obligations", SQ_BOOL },
	{ "willing", SQ_WILLING },
	{ "co_occurring", SQ_BOOL },
};
#define NSQ	(sizeof(sqs) / sizeof(sqs[0]))

/* ---- rules ------------------------------------------------------------ */

enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_PRESENT, OP_MISSING };

static const char *const op_names[] = {
	"=", "!=", "<", "<=", ">", ">=", "present", "missing", NULL
};

enum { N_ALL, N_ANY, N_NOT, N_LEAF };
enum { V_NONE, V_NUM, V_BOOL, V_STR };
enum { T_F = 0, T_T = 1, T_U = 2 };

struct cond {
	int		 type;
	size_t		 node;		/* index into the per-record states */
	struct cond	*kids;
	size_t		 nkids;
	/* leaves */
	char		*field;
	size_t		 leaf;
	int		 op;
	int		 vtype;
	double		 num;
	char		*str;		/* an enumeration key */
	int		 vbool;		/* value as a boolean, or -1 */
};

struct rule {
	char		*id;
	char		*reason;
	char		*flag;
	int		 level;		/* or -1 */
	int		 fit;		/* or -1 */
	struct cond	 when;
};

struct iop_fit_rules {
	json_t		*doc;
	struct rule	*r;
	size_t		 n;
	size_t		 nnodes;
	size_t		 nleaves;
	struct cond	**leaves;
};

/* Compilation context: where we are, for messages. */
struct ctx {
	struct iop_fit_rules	*rs;
	json_t			*thr;
	const char		*file;
	struct iop_err		*e;
};

/* Where a leaf's field comes from, for one header. */
enum { SRC_COMP, SRC_ITEM, SRC_COL, SRC_NOCOL };

struct bind {
	int	src;
	int	idx;	/* enum iop_fit_inst */
	int	band;	/* SRC_COMP: the band, not the total */
	int	item;	/* item number - 1 */
	long	col;
};

struct iop_fit {
	const struct iop_fit_rules *rs;
	const struct iop_hdr	*hdr;
	long			 item[IOP_IN_NITEMS][10];
	char			 iname[IOP_IN_NITEMS][10][12];
	int			 present[IOP_IN_NITEMS];
	long			 sq[NSQ];
	struct bind		*b;
	unsigned char		*bad;
	unsigned char		*state;
	unsigned char		*rstate;
	/* answers: -1 blank, -2 invalid */
	int			 ans[IOP_IN_NITEMS][10];
	const struct iop_rec	*rec;
	struct iop_fit_result	*res;
};

struct val {
	int		 st;	/* T_T have, T_F absent, T_U unknown */
	const char	*s;
	double		 num;
	int		 hasnum;
};

static int	 rerr(struct ctx *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	 keys_ok(struct ctx *, json_t *, const char *,
		    const char *const *, const char *);
static int	 name_ok(const char *, int);
static int	 compile_cond(struct ctx *, json_t *, const char *,
		    struct cond *);
static int	 compile_rule(struct ctx *, json_t *, const char *,
		    struct rule *);
static int	 compile_rules(struct ctx *, json_t *, const char *);
static struct iop_fit_rules *build(json_t *, const char *, struct iop_err *);
static void	 free_cond(struct cond *);
static void	 index_leaves(struct iop_fit_rules *, struct cond *);
static int	 find_name(const char *const *, const char *);
static int	 parse_num(const char *, double *);
static int	 bool_parse(const char *, int *);
static void	 score(struct iop_fit *, int);
static void	 set_score(struct iop_fit_score *, int, int, int);
static void	 bad_answer(struct iop_fit *, long, const char *,
		    void (*)(const struct iop_err *, void *), void *,
		    const char *, ...) __attribute__((format(printf, 6, 7)));
static void	 get_val(struct iop_fit *, const struct cond *, struct val *);
static int	 eval(struct iop_fit *, const struct cond *);
static int	 cmp_leaf(const struct cond *, const struct val *);
static void	 collect(struct iop_fit *, const struct cond *);
static void	 list_add(struct iop_buf *, const char *, const char *);
static int	 list_has(const struct iop_buf *, const char *, const char *);
static void	 why_add(struct iop_fit_result *, size_t);
static void	 add_list(struct iop_buf *, const char *,
		    const struct iop_buf *);
static void	 add_score(struct iop_buf *, const char *, int,
		    const struct iop_fit_score *);

static int
rerr(struct ctx *c, const char *path, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (path == NULL || *path == '\0')
		iop_seterr(c->e, c->file, 0, 0, "%s", msg);
	else
		iop_seterr(c->e, c->file, 0, 0, "%s: %s", path, msg);
	return -1;
}

static int
find_name(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Reject keys other than the allowed ones (and "comment"). */
static int
keys_ok(struct ctx *c, json_t *o, const char *path,
    const char *const *allowed, const char *expect)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		if (strcmp(k, "comment") == 0 || find_name(allowed, k) >= 0)
			continue;
		return rerr(c, path, "unknown key '%s' (expected %s)", k,
		    expect);
	}
	return 0;
}

/* Identifiers: [a-z0-9_], and for rule IDs also capitals, '-' and '.'. */
static int
name_ok(const char *s, int id)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_')
			continue;
		if (id && ((*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '.'))
			continue;
		return 0;
	}
	return 1;
}

static int
compile_cond(struct ctx *c, json_t *j, const char *path, struct cond *out)
{
	static const char *const leafkeys[] = { "field", "op", "value",
	    "threshold", NULL };
	char sub[256];
	json_t *v, *k;
	const char *kind = NULL, *s;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->node = c->rs->nnodes++;
	if (!json_is_object(j))
		return rerr(c, path, "expected a condition object (all, any, "
		    "not or field)");
	if (json_object_get(j, "all") != NULL)
		kind = "all";
	if (json_object_get(j, "any") != NULL) {
		if (kind != NULL)
			return rerr(c, path, "a condition has only one of all,"
			    " any, not or field");
		kind = "any";
	}
	if (json_object_get(j, "not") != NULL) {
		if (kind != NULL)
			return rerr(c, path, "a condition has only one of all,"
			    " any, not or field");
		kind = "not";
	}
	if (kind != NULL) {
		const char *const only[] = { kind, NULL };

		if (keys_ok(c, j, path, only, kind) != 0)
			return -1;
		v = json_object_get(j, kind);
		if (strcmp(kind, "not") == 0) {
			out->type = N_NOT;
			out->kids = ecalloc(1, sizeof(*out->kids));
			out->nkids = 1;
			snprintf(sub, sizeof(sub), "%s.not", path);
			return compile_cond(c, v, sub, out->kids);
		}
		out->type = kind[1] == 'l' ? N_ALL : N_ANY;
		if (!json_is_array(v) || json_array_size(v) == 0)
			return rerr(c, path, "%s: expected a non-empty array of "
			    "conditions", kind);
		out->nkids = json_array_size(v);
		out->kids = ecalloc(out->nkids, sizeof(*out->kids));
		for (i = 0; i < out->nkids; i++) {
			snprintf(sub, sizeof(sub), "%s.%s[%zu]", path, kind, i);
			if (compile_cond(c, json_array_get(v, i), sub,
			    &out->kids[i]) != 0) {
				out->nkids = i + 1;
				return -1;
			}
		}
		return 0;
	}
	out->type = N_LEAF;
	out->leaf = c->rs->nleaves++;
	out->vbool = -1;
	if (json_object_get(j, "field") == NULL)
		return rerr(c, path, "expected one of all, any, not or field");
	if (keys_ok(c, j, path, leafkeys,
	    "field, op, value or threshold") != 0)
		return -1;
	v = json_object_get(j, "field");
	if (!json_is_string(v) || !name_ok(json_string_value(v), 0))
		return rerr(c, path, "field: expected a column name "
		    "(a-z, 0-9, _)");
	out->field = estrdup(json_string_value(v));
	v = json_object_get(j, "op");
	if (v == NULL)
		return rerr(c, path, "missing 'op'");
	if (!json_is_string(v))
		return rerr(c, path, "op: expected a string");
	if ((out->op = find_name(op_names, json_string_value(v))) < 0)
		return rerr(c, path, "op: unknown operator '%.40s' (expected "
		    "=, !=, <, <=, >, >=, present or missing)",
		    json_string_value(v));
	v = json_object_get(j, "value");
	k = json_object_get(j, "threshold");
	if (out->op == OP_PRESENT || out->op == OP_MISSING) {
		if (v != NULL || k != NULL)
			return rerr(c, path, "op '%s' takes no value or "
			    "threshold", op_names[out->op]);
		return 0;
	}
	if ((v == NULL) == (k == NULL))
		return rerr(c, path, "op '%s' needs exactly one of value or "
		    "threshold", op_names[out->op]);
	if (k != NULL) {
		if (!json_is_string(k))
			return rerr(c, path, "threshold: expected the name of "
			    "a threshold");
		s = json_string_value(k);
		if ((v = json_object_get(c->thr, s)) == NULL)
			return rerr(c, path, "unknown threshold '%s'", s);
		out->vtype = V_NUM;
		out->num = json_number_value(v);
	} else if (json_is_number(v)) {
		out->vtype = V_NUM;
		out->num = json_number_value(v);
	} else if (json_is_boolean(v)) {
		out->vtype = V_BOOL;
		out->vbool = json_is_true(v);
	} else if (json_is_string(v)) {
		char key[128];

		if (json_string_length(v) == 0 ||
		    json_string_length(v) >= sizeof(key))
			return rerr(c, path, "value: expected a non-empty "
			    "string of at most 127 bytes");
		out->vtype = V_STR;
		memcpy(key, json_string_value(v), json_string_length(v) + 1);
		iop_str_key(key);
		out->str = estrdup(key);
		if (iop_bool_parse(key, &out->vbool) != 0)
			out->vbool = -1;
	} else
		return rerr(c, path, "value: expected a number, a string, "
		    "true or false");
	if (out->vtype != V_NUM && out->op != OP_EQ && out->op != OP_NE)
		return rerr(c, path, "op '%s' needs a number or a threshold",
		    op_names[out->op]);
	return 0;
}

static int
compile_rule(struct ctx *c, json_t *j, const char *path, struct rule *r)
{
	static const char *const keys[] = { "id", "when", "level", "fit",
	    "flag", "reason", NULL };
	char sub[256];
	json_t *v;
	size_t i;

	r->level = r->fit = -1;
	if (!json_is_object(j))
		return rerr(c, path, "expected a rule object");
	if (keys_ok(c, j, path, keys,
	    "id, when, level, fit, flag, reason or comment") != 0)
		return -1;
	v = json_object_get(j, "id");
	if (v == NULL)
		return rerr(c, path, "missing 'id'");
	if (!json_is_string(v) || !name_ok(json_string_value(v), 1))
		return rerr(c, path, "id: expected 1-64 of A-Z, a-z, 0-9, "
		    "'-', '_' or '.'");
	r->id = estrdup(json_string_value(v));
	for (i = 0; i < c->rs->n; i++)
		if (strcmp(c->rs->r[i].id, r->id) == 0)
			return rerr(c, path, "id: duplicate rule id '%s'",
			    r->id);
	if ((v = json_object_get(j, "reason")) == NULL)
		return rerr(c, path, "missing 'reason'");
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return rerr(c, path, "reason: expected a non-empty string");
	r->reason = estrdup(json_string_value(v));
	if ((v = json_object_get(j, "level")) != NULL &&
	    (!json_is_string(v) || (r->level = find_name(iop_fit_level_names,
	    json_string_value(v))) < 0))
		return rerr(c, path, "level: expected outpatient, "
		    "intensive_outpatient, partial_hospitalization or "
		    "residential_inpatient");
	if ((v = json_object_get(j, "fit")) != NULL &&
	    (!json_is_string(v) || (r->fit = find_name(iop_fit_verdict_names,
	    json_string_value(v))) <= IOP_FIT_GOOD))
		return rerr(c, path, "fit: expected possible, poor or "
		    "undetermined (a rule can only lower the fit; good "
		    "follows from the level)");
	if ((v = json_object_get(j, "flag")) != NULL) {
		if (!json_is_string(v) || !name_ok(json_string_value(v), 0))
			return rerr(c, path, "flag: expected a name of "
			    "a-z, 0-9 and _");
		r->flag = estrdup(json_string_value(v));
	}
	if (r->level < 0 && r->fit < 0 && r->flag == NULL)
		return rerr(c, path, "a rule needs at least one of level, fit "
		    "or flag");
	if ((v = json_object_get(j, "when")) == NULL)
		return rerr(c, path, "missing 'when'");
	snprintf(sub, sizeof(sub), "%s.when", path);
	return compile_cond(c, v, sub, &r->when);
}

static int
compile_rules(struct ctx *c, json_t *a, const char *name)
{
	char path[64];
	size_t i, n;

	n = json_array_size(a);
	c->rs->r = ereallocarray(c->rs->r, c->rs->n + n, sizeof(*c->rs->r));
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s[%zu]", name, i);
		memset(&c->rs->r[c->rs->n], 0, sizeof(*c->rs->r));
		if (compile_rule(c, json_array_get(a, i), path,
		    &c->rs->r[c->rs->n]) != 0) {
			c->rs->n++;
			return -1;
		}
		c->rs->n++;
	}
	return 0;
}

static void
index_leaves(struct iop_fit_rules *rs, struct cond *c)
{
	size_t i;

	if (c->type == N_LEAF) {
		rs->leaves[c->leaf] = c;
		return;
	}
	for (i = 0; i < c->nkids; i++)
		index_leaves(rs, &c->kids[i]);
}

/*
 * Build rules from a parsed document (NULL: defaults only).  The file's
 * thresholds are merged over the defaults; its "rules" replace the default
 * rules and its "add_rules" come after them.
 */
static struct iop_fit_rules *
build(json_t *file, const char *name, struct iop_err *e)
{
	static const char *const top[] = { "version", "thresholds", "rules",
	    "add_rules", NULL };
	struct iop_fit_rules *rs;
	struct ctx c;
	json_error_t jerr;
	json_t *def, *thr, *rules, *add, *v, *tv;
	const char *k;
	size_t i;

	def = json_loads(default_rules, JSON_REJECT_DUPLICATES, &jerr);
	if (def == NULL)
		IOP_BUG("the built-in rules are not valid JSON");
	rs = ecalloc(1, sizeof(*rs));
	memset(&c, 0, sizeof(c));
	c.rs = rs;
	c.file = name;
	c.e = e;
	thr = json_deep_copy(json_object_get(def, "thresholds"));
	rules = json_incref(json_object_get(def, "rules"));
	json_decref(def);
	add = NULL;
	if (file != NULL) {
		if (!json_is_object(file)) {
			rerr(&c, NULL, "expected a JSON object with version, "
			    "thresholds, rules or add_rules");
			goto bad;
		}
		if (keys_ok(&c, file, NULL, top,
		    "version, thresholds, rules, add_rules or comment") != 0)
			goto bad;
		v = json_object_get(file, "version");
		if (v == NULL) {
			rerr(&c, NULL, "missing 'version' (expected 1)");
			goto bad;
		}
		if (!json_is_integer(v) || json_integer_value(v) != 1) {
			rerr(&c, "version", "expected 1");
			goto bad;
		}
		if ((v = json_object_get(file, "thresholds")) != NULL) {
			if (!json_is_object(v)) {
				rerr(&c, "thresholds", "expected an object of "
				    "names and numbers");
				goto bad;
			}
			json_object_foreach(v, k, tv) {
				char p[128];

				snprintf(p, sizeof(p), "thresholds.%s", k);
				if (!name_ok(k, 0)) {
					rerr(&c, p, "expected a name of a-z, "
					    "0-9 and _");
					goto bad;
				}
				if (!json_is_number(tv)) {
					rerr(&c, p, "expected a number");
					goto bad;
				}
				json_object_set(thr, k, tv);
			}
		}
		for (i = 0; i < 2; i++) {
			const char *key = i == 0 ? "rules" : "add_rules";

			if ((v = json_object_get(file, key)) == NULL)
				continue;
			if (!json_is_array(v)) {
				rerr(&c, key, "expected an array of rules");
				goto bad;
			}
			if (i == 0) {
				json_decref(rules);
				rules = json_incref(v);
			} else
				add = v;
		}
	}
	c.thr = thr;
	if (compile_rules(&c, rules, "rules") != 0)
		goto bad;
	if (add != NULL) {
		json_t *all = json_copy(rules);

		if (compile_rules(&c, add, "add_rules") != 0) {
			json_decref(all);
			goto bad;
		}
		json_array_extend(all, add);
		json_decref(rules);
		rules = all;
	}
	rs->leaves = ecalloc(rs->nleaves + 1, sizeof(*rs->leaves));
	for (i = 0; i < rs->n; i++)
		index_leaves(rs, &rs->r[i].when);
	rs->doc = json_object();
	json_object_set_new(rs->doc, "version", json_integer(1));
	json_object_set_new(rs->doc, "thresholds", thr);
	json_object_set_new(rs->doc, "rules", rules);
	return rs;
bad:
	json_decref(thr);
	json_decref(rules);
	iop_fit_rules_free(rs);
	return NULL;
}

struct iop_fit_rules *
iop_fit_rules_default(void)
{
	struct iop_fit_rules *rs;
	struct iop_err e;

	memset(&e, 0, sizeof(e));
	if ((rs = build(NULL, "<built-in rules>", &e)) == NULL)
		IOP_BUG("the built-in rules do not compile");
	return rs;
}

struct iop_fit_rules *
iop_fit_rules_load(const char *path, struct iop_err *e)
{
	struct iop_fit_rules *rs;
	json_error_t jerr;
	json_t *doc;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		iop_seterr(e, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	doc = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	fclose(fp);
	if (doc == NULL) {
		iop_seterr(e, path, jerr.line > 0 ? (size_t)jerr.line : 0,
		    jerr.column > 0 ? (size_t)jerr.column : 0,
		    "invalid JSON: %s", jerr.text);
		return NULL;
	}
	rs = build(doc, path, e);
	json_decref(doc);
	return rs;
}

static void
free_cond(struct cond *c)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		free_cond(&c->kids[i]);
	free(c->kids);
	free(c->field);
	free(c->str);
}

void
iop_fit_rules_free(struct iop_fit_rules *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].id);
		free(rs->r[i].reason);
		free(rs->r[i].flag);
		free_cond(&rs->r[i].when);
	}
	free(rs->r);
	free(rs->leaves);
	json_decref(rs->doc);
	free(rs);
}

char *
iop_fit_rules_dump(const struct iop_fit_rules *rs)
{
	struct iop_buf b = { 0 };
	char *s;

	s = json_dumps(rs->doc, JSON_INDENT(2));
	if (s == NULL)
		IOP_BUG("json_dumps");
	iop_buf_adds(&b, s);
	iop_buf_addc(&b, '\n');
	free(s);
	return b.s;
}

/* ---- binding to a header ---------------------------------------------- */

struct iop_fit *
iop_fit_new(const struct iop_fit_rules *rs, const struct iop_hdr *h)
{
	struct iop_fit *f;
	const struct cond *c;
	char name[32];
	const char *errstr;
	size_t i, l;
	int s, k, n;

	f = ecalloc(1, sizeof(*f));
	f->rs = rs;
	f->hdr = h;
	for (s = 0; s < IOP_IN_NITEMS; s++)
		for (k = 0; k < iop_instr[s].nitems; k++) {
			snprintf(name, sizeof(name), "%s_%d", iop_instr[s].key,
			    k + 1);
			memcpy(f->iname[s][k], name, strlen(name) + 1);
			f->item[s][k] = iop_hdr_find(h, name);
			if (f->item[s][k] >= 0)
				f->present[s] = 1;
		}
	for (i = 0; i < NSQ; i++)
		f->sq[i] = iop_hdr_find(h, sqs[i].name);
	f->b = ecalloc(rs->nleaves + 1, sizeof(*f->b));
	for (l = 0; l < rs->nleaves; l++) {
		c = rs->leaves[l];
		f->b[l].src = SRC_NOCOL;
		f->b[l].col = iop_hdr_find(h, c->field);
		if (f->b[l].col >= 0)
			f->b[l].src = SRC_COL;
		for (s = 0; s < IOP_IN_N; s++) {
			const struct iop_instr *in = &iop_instr[s];

			if (strcmp(in->total, c->field) == 0 ||
			    (in->bandcol != NULL &&
			    strcmp(in->bandcol, c->field) == 0)) {
				f->b[l].src = SRC_COMP;
				f->b[l].idx = s;
				f->b[l].band = in->bandcol != NULL &&
				    strcmp(in->bandcol, c->field) == 0;
			}
		}
		for (s = 0; s < IOP_IN_NITEMS && f->b[l].src != SRC_COMP; s++) {
			size_t pl = strlen(iop_instr[s].key);

			if (strncmp(c->field, iop_instr[s].key, pl) != 0 ||
			    c->field[pl] != '_')
				continue;
			pl++;
			n = (int)iop_strtonum(c->field + pl, 1,
			    iop_instr[s].nitems, &errstr);
			if (n < 1)
				continue;
			f->b[l].src = SRC_ITEM;
			f->b[l].idx = s;
			f->b[l].item = n - 1;
		}
	}
	f->bad = ecalloc(h->n + 1, 1);
	f->state = ecalloc(rs->nnodes + 1, 1);
	f->rstate = ecalloc(rs->n + 1, 1);
	return f;
}

void
iop_fit_free(struct iop_fit *f)
{
	if (f == NULL)
		return;
	free(f->b);
	free(f->bad);
	free(f->state);
	free(f->rstate);
	free(f);
}

void
iop_fit_result_init(struct iop_fit_result *r)
{
	memset(r, 0, sizeof(*r));
}

void
iop_fit_result_free(struct iop_fit_result *r)
{
	iop_buf_free(&r->flags);
	iop_buf_free(&r->reasons);
	iop_buf_free(&r->missing);
	iop_buf_free(&r->invalid);
	free(r->why);
	memset(r, 0, sizeof(*r));
}

/* ---- scoring ---------------------------------------------------------- */

static void
set_score(struct iop_fit_score *sc, int inst, int status, int total)
{
	sc->status = status;
	sc->total = total;
	switch (status) {
	case IOP_SC_OK:
	case IOP_SC_PRORATED:
		sc->band = iop_instr_band(inst, total);
		break;
	case IOP_SC_INCOMPLETE:
		sc->band = "incomplete";
		break;
	case IOP_SC_INVALID:
		sc->band = "invalid";
		break;
	default:
		sc->band = NULL;
		break;
	}
}

static void
bad_answer(struct iop_fit *f, long col, const char *name,
    void (*report)(const struct iop_err *, void *), void *arg,
    const char *fmt, ...)
{
	struct iop_err e;
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	iop_field_err(&e, f->rec, (size_t)col, name, "%s", msg);
	if (report != NULL)
		report(&e, arg);
	f->bad[col] = 1;
	f->res->nerr++;
	list_add(&f->res->invalid, "", name);
}

/*
 * Score one item set from f->ans (already validated).  The published
 * missing-item rules: PHQ-9 is prorated when one or two items are blank;
 * AUDIT items 2-8 may be blank when item 1 is 0, items 4-8 when items 2
 * and 3 are both 0 (the WHO skip pattern).  Otherwise a blank answer makes
 * the instrument incomplete.
 */
static void
score(struct iop_fit *f, int s)
{
	struct iop_fit_score *sc = f->res->sc;
	int *a = f->ans[s], n = iop_instr[s].nitems, k, sum = 0, got = 0;
	int blank = 0;
	int inval = 0, skip_from = n, sumc = 0, blankc = 0;

	for (k = 0; k < n; k++) {
		if (a[k] == -2)
			inval = 1;
		else if (a[k] == -1)
			blank++;
		else {
			got++;
			sum += a[k];
		}
	}
	sc[s].answered = got;
	if (s == IOP_IN_AUDIT)
		sc[IOP_IN_AUDITC].answered = (a[0] >= 0) + (a[1] >= 0) +
		    (a[2] >= 0);
	if (!f->present[s] || (got == 0 && !inval)) {
		set_score(&sc[s], s, IOP_SC_ABSENT, 0);
		if (s == IOP_IN_AUDIT)
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC,
			    IOP_SC_ABSENT, 0);
		return;
	}
	if (s == IOP_IN_AUDIT) {
		/* Items 9 and 10 are never skipped. */
		if (a[0] == 0)
			skip_from = 1;
		else if (a[1] == 0 && a[2] == 0)
			skip_from = 3;
		blank = 0;
		for (k = 0; k < n; k++)
			if (a[k] == -1 && !(k >= skip_from && k <= 7))
				blank++;
		for (k = 0; k < 3; k++) {
			if (a[k] >= 0)
				sumc += a[k];
			else if (a[k] == -1 && !(k >= skip_from))
				blankc++;
		}
		if (a[0] == -2 || a[1] == -2 || a[2] == -2)
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC,
			    IOP_SC_INVALID, 0);
		else
			set_score(&sc[IOP_IN_AUDITC], IOP_IN_AUDITC, blankc > 0 ?
			    IOP_SC_INCOMPLETE : IOP_SC_OK, sumc);
	}
	if (inval)
		set_score(&sc[s], s, IOP_SC_INVALID, 0);
	else if (blank == 0)
		set_score(&sc[s], s, IOP_SC_OK, sum);
	else if (blank <= iop_instr[s].prorate)
		/* sum * items / answered, rounded half up. */
		set_score(&sc[s], s, IOP_SC_PRORATED,
		    (sum * n * 2 + got) / (2 * got));
	else
		set_score(&sc[s], s,
		    IOP_SC_INCOMPLETE, 0);
}

/* ---- rule evaluation -------------------------------------------------- */

static int
parse_num(const char *s, double *out)
{
	double v = 0, scale = 0.1;
	int neg = 0, any = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, any = 1)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, any = 1) {
			v += (*s - '0') * scale;
			scale /= 10;
		}
	if (!any || *s != '\0')
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* iop_bool_parse, with a fast path for the usual spelling. */
static int
bool_parse(const char *s, int *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		*out = s[0] == 'y';
		return 0;
	}
	return iop_bool_parse(s, out);
}

static void
get_val(struct iop_fit *f, const struct cond *c, struct val *v)
{
	const struct bind *b = &f->b[c->leaf];
	const struct iop_fit_score *sc;
	long col = b->col;
	int a;

	memset(v, 0, sizeof(*v));
	switch (b->src) {
	case SRC_COMP:
		sc = &f->res->sc[b->idx];
		switch (sc->status) {
		case IOP_SC_ABSENT:
			v->st = T_F;
			return;
		case IOP_SC_INCOMPLETE:
		case IOP_SC_INVALID:
			v->st = T_U;
			return;
		case IOP_SC_OK:
		case IOP_SC_PRORATED:
			break;
		}
		v->st = T_T;
		if (b->band)
			v->s = sc->band;
		else {
			v->num = sc->total;
			v->hasnum = 1;
			v->s = "";
		}
		return;
	case SRC_ITEM:
		if (f->res->sc[b->idx].status == IOP_SC_ABSENT) {
			v->st = T_F;
			return;
		}
		col = f->item[b->idx][b->item];
		a = f->ans[b->idx][b->item];
		if (a < 0) {
			v->st = T_U;
			return;
		}
		v->st = T_T;
		v->num = a;
		v->hasnum = 1;
		v->s = iop_rec_get(f->rec, (size_t)col);
		return;
	case SRC_COL:
		if (f->bad[col] || iop_rec_len(f->rec, (size_t)col) == 0) {
			v->st = T_U;
			return;
		}
		v->st = T_T;
		v->s = iop_rec_get(f->rec, (size_t)col);
		return;
	case SRC_NOCOL:
		v->st = T_U;
		return;
	default:
		IOP_BUG("unknown field source");
	}
}

static int
cmp_leaf(const struct cond *c, const struct val *v)
{
	char key[128];
	double x;
	size_t len;
	int b, eq;

	switch (c->vtype) {
	case V_NUM:
		if (v->hasnum)
			x = v->num;
		else if (parse_num(v->s, &x) != 0)
			return T_F;
		switch (c->op) {
		case OP_EQ:
			return x == c->num;
		case OP_NE:
			return x != c->num;
		case OP_LT:
			return x < c->num;
		case OP_LE:
			return x <= c->num;
		case OP_GT:
			return x > c->num;
		case OP_GE:
			return x >= c->num;
		default:
			IOP_BUG("bad numeric operator");
		}
	case V_BOOL:
		if (bool_parse(v->s, &b) != 0)
			return T_F;
		eq = b == c->vbool;
		break;
	case V_STR:
		if (c->vbool >= 0 && bool_parse(v->s, &b) == 0) {
			eq = b == c->vbool;
			break;
		}
		if ((len = strlen(v->s)) >= sizeof(key))
			eq = 0;
		else {
			memcpy(key, v->s, len + 1);
			iop_str_key(key);
			eq = strcmp(key, c->str) == 0;
		}
		break;
	default:
		IOP_BUG("bad value type");
	}
	return c->op == OP_EQ ? eq : !eq;
}

/* Kleene's three-valued logic; every node's state is kept. */
static int
eval(struct iop_fit *f, const struct cond *c)
{
	struct val v;
	size_t i;
	int st = T_F, k, u = 0, t = 0, fl = 0;

	switch (c->type) {
	case N_LEAF:
		get_val(f, c, &v);
		if (c->op == OP_PRESENT)
			st = v.st == T_T;
		else if (c->op == OP_MISSING)
			st = v.st != T_T;
		else if (v.st == T_T)
			st = cmp_leaf(c, &v);
		else
			st = v.st;
		break;
	case N_NOT:
		k = eval(f, &c->kids[0]);
		st = k == T_U ? T_U : !k;
		break;
	case N_ALL:
	case N_ANY:
		for (i = 0; i < c->nkids; i++) {
			k = eval(f, &c->kids[i]);
			t += k == T_T;
			fl += k == T_F;
			u += k == T_U;
		}
		if (c->type == N_ALL)
			st = fl > 0 ? T_F : u > 0 ? T_U : T_T;
		else
			st = t > 0 ? T_T : u > 0 ? T_U : T_F;
		break;
	default:
		IOP_BUG("unknown condition");
	}
	f->state[c->node] = (unsigned char)st;
	return st;
}

/* Name the blank answers behind an unknown condition. */
static void
collect(struct iop_fit *f, const struct cond *c)
{
	const struct bind *b;
	size_t i;
	int s, k;

	if (f->state[c->node] != T_U)
		return;
	if (c->type != N_LEAF) {
		for (i = 0; i < c->nkids; i++)
			collect(f, &c->kids[i]);
		return;
	}
	b = &f->b[c->leaf];
	switch (b->src) {
	case SRC_COMP:
		if (f->res->sc[b->idx].status != IOP_SC_INCOMPLETE)
			break;
		s = iop_instr[b->idx].items_of;
		for (k = 0; k < iop_instr[b->idx].nitems; k++) {
			if (f->ans[s][k] != -1)
				continue;
			list_add(&f->res->missing, "", f->iname[s][k]);
		}
		break;
	case SRC_ITEM:
		if (f->ans[b->idx][b->item] == -1)
			list_add(&f->res->missing, "", c->field);
		break;
	case SRC_COL:
		if (!f->bad[b->col])
			list_add(&f->res->missing, "", c->field);
		break;
	case SRC_NOCOL:
		list_add(&f->res->missing, "", c->field);
		break;
	default:
		IOP_BUG("unknown field source");
	}
}

static int
list_has(const struct iop_buf *b, const char *pfx, const char *s)
{
	const char *p = b->len > 0 ? b->s : "";
	size_t pl = strlen(pfx), sl = strlen(s);

	while (*p != '\0') {
		const char *end = strchr(p, ';');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n == pl + sl && strncmp(p, pfx, pl) == 0 &&
		    strncmp(p + pl, s, sl) == 0)
			return 1;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return 0;
}

static void
list_add(struct iop_buf *b, const char *pfx, const char *s)
{
	if (list_has(b, pfx, s))
		return;
	if (b->len > 0)
		iop_buf_addc(b, ';');
	iop_buf_adds(b, pfx);
	iop_buf_adds(b, s);
}

static void
why_add(struct iop_fit_result *r, size_t i)
{
	if (r->nwhy == r->capwhy) {
		r->capwhy = r->capwhy ? r->capwhy * 2 : 8;
		r->why = ereallocarray(r->why, r->capwhy, sizeof(*r->why));
	}
	r->why[r->nwhy++] = i;
}

size_t
iop_fit_eval(struct iop_fit *f, const struct iop_rec *rec,
    struct iop_fit_result *res, void (*report)(const struct iop_err *, void *),
    void *arg)
{
	const struct iop_fit_rules *rs = f->rs;
	const struct rule *r;
	const char *v, *name;
	size_t i;
	long col;
	int s, k, level = IOP_LV_NONE, cap = IOP_FIT_GOOD, fit, undet = 0;
	int capund = 0, fit0, x;
	const struct iop_instr *in;
	const char *why;

	f->rec = rec;
	f->res = res;
	iop_buf_reset(&res->flags);
	iop_buf_reset(&res->reasons);
	iop_buf_reset(&res->missing);
	iop_buf_reset(&res->invalid);
	res->nwhy = 0;
	res->nerr = 0;
	memset(f->bad, 0, f->hdr->n);

	/* Answers, each checked against its instrument's range. */
	for (s = 0; s < IOP_IN_NITEMS; s++) {
		for (k = 0; k < iop_instr[s].nitems; k++) {
			long lv;

			f->ans[s][k] = -1;
			if ((col = f->item[s][k]) < 0 ||
			    iop_rec_len(rec, (size_t)col) == 0)
				continue;
			v = iop_rec_get(rec, (size_t)col);
			name = f->iname[s][k];
			in = &iop_instr[s];
			if (in->yesno) {
				if (bool_parse(v, &x) == 0)
					f->ans[s][k] = x;
				else {
					f->ans[s][k] = -2;
					bad_answer(f, col, name, report, arg,
					    "expected yes or no");
				}
				continue;
			}
			if (in->even_from > 0 && k + 1 >= in->even_from) {
				if (iop_int_parse(v, 0, in->itemmax, &lv,
				    &why) == 0 &&
				    lv % 2 == 0)
					f->ans[s][k] = (int)lv;
				else {
					f->ans[s][k] = -2;
					bad_answer(f, col, name, report, arg,
					    "expected 0, 2 or 4");
				}
				continue;
			}
			x = in->itemmax;
			if (iop_int_parse(v, 0, x, &lv, &why) == 0)
				f->ans[s][k] = (int)lv;
			else {
				f->ans[s][k] = -2;
				bad_answer(f, col, name, report, arg,
				    "expected a whole number 0-%d", x);
			}
		}
	}
	/* A reverse-scored item (DAST-10 3, "always able to stop"). */
	for (s = 0; s < IOP_IN_NITEMS; s++) {
		k = iop_instr[s].reversed - 1;
		if (k >= 0 && f->ans[s][k] >= 0)
			f->ans[s][k] = !f->ans[s][k];
		score(f, s);
		if (k >= 0 && f->ans[s][k] >= 0)
			f->ans[s][k] = !f->ans[s][k];
	}
	for (i = 0; i < NSQ; i++) {
		if ((col = f->sq[i]) < 0 || iop_rec_len(rec, (size_t)col) == 0)
			continue;
		v = iop_rec_get(rec, (size_t)col);
		switch (sqs[i].type) {
		case SQ_BOOL:
			if (bool_parse(v, &x) != 0)
				bad_answer(f, col, sqs[i].name, report, arg,
				    "expected yes or no (also true/false, y/n, "
				    "1/0)");
			break;
		case SQ_WITHDRAWAL:
			if (iop_enum_parse(v, withdrawal_names, 0) < 0)
				bad_answer(f, col, sqs[i].name, report, arg,
				    "expected none, low, moderate or severe");
			break;
		case SQ_WILLING:
			if (iop_bool_parse(v, &x) != 0 &&
			    iop_enum_parse(v, (const char *const[]){ "unsure",
			    NULL }, 0) < 0)
				bad_answer(f, col, sqs[i].name, report, arg,
				    "expected yes, unsure or no");
			break;
		default:
			IOP_BUG("unknown screening question type");
		}
	}

	/* PHQ-9 item 9 raises its flag whatever the rules and total say. */
	for (s = 0; s < IOP_IN_NITEMS; s++)
		if (iop_instr[s].flag_item > 0 &&
		    f->ans[s][iop_instr[s].flag_item - 1] > 0)
			list_add(&res->flags, "", iop_instr[s].flag);

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		f->rstate[i] = (unsigned char)eval(f, &r->when);
		if (f->rstate[i] != T_T)
			continue;
		if (r->flag != NULL)
			list_add(&res->flags, "", r->flag);
		if (r->level > level)
			level = r->level;
		if (r->fit > cap)
			cap = r->fit;
	}
	fit = level == IOP_LV_NONE ? IOP_FIT_UNDETERMINED :
	    level == IOP_LV_IOP ? IOP_FIT_GOOD : IOP_FIT_POOR;
	if (cap > fit)
		fit = cap;
	fit0 = fit;
	/* A blank answer matters when its rule could still change things. */
	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (f->rstate[i] != T_U)
			continue;
		if ((r->flag != NULL && !list_has(&res->flags, "", r->flag)) ||
		    r->level > level || r->fit > fit) {
			collect(f, &r->when);
			undet = 1;
		}
	}
	if (res->nerr > 0)
		undet = 1;
	/* Poor is certain only from a rule, or from a level above IOP. */
	if (undet && cap != IOP_FIT_POOR && level <= IOP_LV_IOP)
		fit = IOP_FIT_UNDETERMINED;

	/* The rules that made the decision. */
	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (f->rstate[i] != T_T)
			continue;
		if (r->flag != NULL || (r->level >= 0 && r->level == level) ||
		    (r->fit >= 0 && r->fit == cap && cap == fit0)) {
			list_add(&res->reasons, "", r->id);
			why_add(res, i);
			if (r->fit == IOP_FIT_UNDETERMINED)
				capund = 1;
		}
	}
	for (s = 0; s < IOP_IN_N; s++)
		if (res->sc[s].status == IOP_SC_PRORATED)
			list_add(&res->reasons, "prorated:",
			    iop_instr[s].total);
	if (res->missing.len > 0) {
		const char *p = res->missing.s, *end;

		for (;;) {
			end = strchr(p, ';');
			iop_buf_adds(&res->reasons, res->reasons.len > 0 ?
			    ";missing:" : "missing:");
			iop_buf_add(&res->reasons, p, end != NULL ?
			    (size_t)(end - p) : strlen(p));
			if (end == NULL)
				break;
			p = end + 1;
		}
	}
	if (res->invalid.len > 0) {
		const char *p = res->invalid.s, *end;

		for (;;) {
			end = strchr(p, ';');
			iop_buf_adds(&res->reasons, res->reasons.len > 0 ?
			    ";invalid:" : "invalid:");
			iop_buf_add(&res->reasons, p, end != NULL ?
			    (size_t)(end - p) : strlen(p));
			if (end == NULL)
				break;
			p = end + 1;
		}
	}
	if (level == IOP_LV_NONE && fit == IOP_FIT_UNDETERMINED && !capund &&
	    res->missing.len == 0 && res->nerr == 0)
		list_add(&res->reasons, "", "no-level");
	res->fit = fit;
	res->level = fit == IOP_FIT_UNDETERMINED && level <= IOP_LV_IOP ?
	    IOP_LV_NONE : level;
	return res->nerr;
}

/* ---- explanation ------------------------------------------------------ */

static void
add_list(struct iop_buf *b, const char *pre, const struct iop_buf *l)
{
	const char *p;

	iop_buf_adds(b, pre);
	for (p = l->s; *p != '\0'; p++)
		if (*p == ';')
			iop_buf_adds(b, ", ");
		else
			iop_buf_addc(b, *p);
	iop_buf_adds(b, ".\n");
}

static void
add_score(struct iop_buf *b, const char *sep, int inst,
    const struct iop_fit_score *sc)
{
	iop_buf_printf(b, "%s%s ", sep, iop_instr[inst].label);
	switch (sc->status) {
	case IOP_SC_ABSENT:
		iop_buf_adds(b, "not given");
		break;
	case IOP_SC_OK:
		iop_buf_printf(b, "%d", sc->total);
		if (sc->band != NULL)
			iop_buf_printf(b, " %s", sc->band);
		break;
	case IOP_SC_PRORATED:
		iop_buf_printf(b, "%d %s (prorated from %d of %d answers)",
		    sc->total, sc->band, sc->answered, iop_instr[inst].nitems);
		break;
	case IOP_SC_INCOMPLETE:
		iop_buf_adds(b, "incomplete");
		break;
	case IOP_SC_INVALID:
		iop_buf_adds(b, "invalid");
		break;
	}
}

void
iop_fit_explain(struct iop_buf *b, const struct iop_fit *f,
    const struct iop_fit_result *res, const char *who)
{
	const struct iop_fit_score *sc;
	const struct rule *r;
	size_t i;

	iop_buf_printf(b, "%s: fit %s", who, iop_fit_verdict_names[res->fit]);
	if (res->level != IOP_LV_NONE)
		iop_buf_printf(b, ", level %s",
		    iop_fit_level_names[res->level]);
	iop_buf_adds(b, ".\n  Scores: ");
	add_score(b, "", IOP_IN_PHQ9, &res->sc[IOP_IN_PHQ9]);
	add_score(b, "; ", IOP_IN_GAD7, &res->sc[IOP_IN_GAD7]);
	sc = &res->sc[IOP_IN_AUDIT];
	if (sc->status == IOP_SC_OK)
		iop_buf_printf(b, "; %s %d zone %s",
		    iop_instr[IOP_IN_AUDIT].label, sc->total, sc->band);
	else
		add_score(b, "; ", IOP_IN_AUDIT, sc);
	if (res->sc[IOP_IN_AUDITC].status != IOP_SC_ABSENT)
		add_score(b, ", ", IOP_IN_AUDITC, &res->sc[IOP_IN_AUDITC]);
	add_score(b, "; ", IOP_IN_DAST10, &res->sc[IOP_IN_DAST10]);
	iop_buf_adds(b, ".\n");
	if (res->flags.len > 0)
		add_list(b, "  Safety flags: ", &res->flags);
	for (i = 0; i < res->nwhy; i++) {
		r = &f->rs->r[res->why[i]];
		iop_buf_printf(b, "  %s: %s\n", r->id, r->reason);
	}
	if (res->missing.len > 0)
		add_list(b, "  Unanswered, and could change the decision: ",
		    &res->missing);
	if (res->invalid.len > 0)
		add_list(b, "  Invalid answers (see the error messages): ",
		    &res->invalid);
	if (res->fit == IOP_FIT_UNDETERMINED && res->nwhy == 0 &&
	    res->missing.len == 0 && res->invalid.len == 0)
		iop_buf_adds(b, "  No rule decided a level of care.\n");
}
