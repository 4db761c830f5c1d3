/*
 * rules.c -- the fit rules: the built-in defaults (a JSON document, shown
 * by iop-fit --print-rules), loading a rules file over them, and
 * compiling each rule's condition once into a tree whose leaves name a
 * field; iop-fit(1) documents the rules and the sources of the cut
 * points.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/fit/fit.h"
#include "lib/fit/fit_private.h"
#include "lib/fit/instr.h"
#include "lib/io/io.h"

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

static const char *const op_names[] = {
	"=", "!=", "<", "<=", ">", ">=", "present", "missing", NULL
};

/* Compilation context: where we are, for messages. */
struct ctx {
	struct iop_fit_rules	*rs;
	json_t			*thr;
	const char		*file;
	struct iop_err		*e;
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

static int
rerr(struct ctx *c, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	iop_vseterr_path(c->e, c->file, path, fmt, ap);
	va_end(ap);
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

