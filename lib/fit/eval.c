/*
 * eval.c -- the decision: rules bound to a stream's header, each
 * record's answers scored (score.c), conditions evaluated in
 * three-valued logic so that a blank answer that could change the
 * decision makes it undetermined instead of being read as "no", a level
 * of care that only ever moves up the continuum, a fit verdict, safety
 * flags and the rule IDs behind them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "lib/fit/fit.h"
#include "lib/fit/fit_private.h"
#include "lib/fit/instr.h"
#include "lib/io/io.h"

const char *const iop_fit_level_names[] = {
	"outpatient", "intensive_outpatient", "partial_hospitalization",
	"residential_inpatient", NULL
};
const char *const iop_fit_verdict_names[] = {
	"good", "possible", "undetermined", "poor", NULL
};

struct val {
	int		 st;	/* T_T have, T_F absent, T_U unknown */
	const char	*s;
	double		 num;
	int		 hasnum;
};

static int	 parse_num(const char *, double *);
static void	 get_val(struct iop_fit *, const struct cond *, struct val *);
static int	 eval(struct iop_fit *, const struct cond *);
static int	 cmp_leaf(const struct cond *, const struct val *);
static void	 collect(struct iop_fit *, const struct cond *);
static int	 list_has(const struct iop_buf *, const char *, const char *);
static void	 why_add(struct iop_fit_result *, size_t);
static void	 reasons_add(struct iop_buf *, const char *,
		    const struct iop_buf *);

/* ---- binding to a header ---------------------------------------------- */

/* A column by name, exactly or else in any case ("PHQ9_1"). */
static long
find_ci(const struct iop_hdr *h, const char *name)
{
	long i;
	size_t j;

	if ((i = iop_hdr_find(h, name)) >= 0)
		return i;
	for (j = 0; j < h->n; j++)
		if (strcasecmp(h->names[j], name) == 0)
			return (long)j;
	return -1;
}

/* name in lower case, letters and digits only, into buf; its length. */
static size_t
squash(const char *name, char *buf, size_t n)
{
	size_t len = 0;

	for (; *name != '\0'; name++)
		if (isalnum((unsigned char)*name)) {
			if (len + 1 >= n)
				return 0;	/* too long to be an item */
			buf[len++] = (char)tolower((unsigned char)*name);
		}
	buf[len] = '\0';
	return len;
}

size_t
iop_fit_columns_check(const struct iop_fit *f, const char *file,
    iop_report_fn *report, void *arg)
{
	char want[32], got[32];
	size_t j, n = 0;
	int s, k;

	for (s = 0; s < IOP_IN_NITEMS; s++)
		for (k = 0; k < iop_instr[s].nitems; k++) {
			if (f->item[s][k] >= 0)
				continue;
			squash(f->iname[s][k], want, sizeof(want));
			for (j = 0; j < f->hdr->n; j++)
				if (squash(f->hdr->names[j], got,
				    sizeof(got)) > 0 && strcmp(got, want) == 0) {
					iop_reportf(report, arg, file, 1, j + 1,
					    "column '%s' is not read as %s "
					    "(name it %s, in any case): the %s "
					    "is scored without that item",
					    f->hdr->names[j], f->iname[s][k],
					    f->iname[s][k], iop_instr[s].label);
					n++;
				}
		}
	return n;
}

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
			f->item[s][k] = find_ci(h, name);
			if (f->item[s][k] >= 0)
				f->present[s] = 1;
		}
	for (i = 0; i < IOP_FIT_NSQ; i++)
		f->sq[i] = iop_hdr_find(h, iop_fit_sqs[i].name);
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
		if (iop_fit_bool_parse(v->s, &b) != 0)
			return T_F;
		eq = b == c->vbool;
		break;
	case V_STR:
		if (c->vbool >= 0 && iop_fit_bool_parse(v->s, &b) == 0) {
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
			iop_fit_list_add(&f->res->missing, "", f->iname[s][k]);
		}
		break;
	case SRC_ITEM:
		if (f->ans[b->idx][b->item] == -1)
			iop_fit_list_add(&f->res->missing, "", c->field);
		break;
	case SRC_COL:
		if (!f->bad[b->col])
			iop_fit_list_add(&f->res->missing, "", c->field);
		break;
	case SRC_NOCOL:
		iop_fit_list_add(&f->res->missing, "", c->field);
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

void
iop_fit_list_add(struct iop_buf *b, const char *pfx, const char *s)
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

/* Each item of the ';'-list l, prefixed, added to the reasons. */
static void
reasons_add(struct iop_buf *reasons, const char *pfx, const struct iop_buf *l)
{
	const char *p = l->s, *end;

	if (l->len == 0)
		return;
	for (;;) {
		end = strchr(p, ';');
		if (reasons->len > 0)
			iop_buf_addc(reasons, ';');
		iop_buf_adds(reasons, pfx);
		iop_buf_add(reasons, p, end != NULL ? (size_t)(end - p) :
		    strlen(p));
		if (end == NULL)
			break;
		p = end + 1;
	}
}

size_t
iop_fit_eval(struct iop_fit *f, const struct iop_rec *rec,
    struct iop_fit_result *res, iop_report_fn *report,
    void *arg)
{
	const struct iop_fit_rules *rs = f->rs;
	const struct rule *r;
	size_t i;
	int s, level = IOP_LV_NONE, cap = IOP_FIT_GOOD, fit, undet = 0;
	int capund = 0, fit0;

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
	iop_fit_answers(f, report, arg);

	/*
	 * PHQ-9 item 9 raises its flag whatever the rules and total say; an
	 * answer that is there but not a number 0-3 raises it unverified.
	 */
	for (s = 0; s < IOP_IN_NITEMS; s++) {
		if (iop_instr[s].flag_item == 0)
			continue;
		if (f->ans[s][iop_instr[s].flag_item - 1] > 0)
			iop_fit_list_add(&res->flags, "", iop_instr[s].flag);
		else if (f->ans[s][iop_instr[s].flag_item - 1] == -2)
			iop_fit_list_add(&res->flags, "", IOP_SI_FLAG_UNVERIFIED);
	}

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		f->rstate[i] = (unsigned char)eval(f, &r->when);
		if (f->rstate[i] != T_T)
			continue;
		if (r->flag != NULL)
			iop_fit_list_add(&res->flags, "", r->flag);
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
			iop_fit_list_add(&res->reasons, "", r->id);
			why_add(res, i);
			if (r->fit == IOP_FIT_UNDETERMINED)
				capund = 1;
		}
	}
	for (s = 0; s < IOP_IN_N; s++)
		if (res->sc[s].status == IOP_SC_PRORATED)
			iop_fit_list_add(&res->reasons, "prorated:",
			    iop_instr[s].total);
	reasons_add(&res->reasons, "missing:", &res->missing);
	reasons_add(&res->reasons, "invalid:", &res->invalid);
	if (level == IOP_LV_NONE && fit == IOP_FIT_UNDETERMINED && !capund &&
	    res->missing.len == 0 && res->nerr == 0)
		iop_fit_list_add(&res->reasons, "", "no-level");
	res->fit = fit;
	res->level = fit == IOP_FIT_UNDETERMINED && level <= IOP_LV_IOP ?
	    IOP_LV_NONE : level;
	return res->nerr;
}

