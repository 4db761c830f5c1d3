/*
 * explain.c -- a short paragraph for the intake counselor about one
 * decision: the verdict and level, the scores, the safety flags, the
 * rules that decided and the answers that could change it.
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

static void	 add_list(struct iop_buf *, const char *,
		    const struct iop_buf *);
static void	 add_score(struct iop_buf *, const char *, int,
		    const struct iop_fit_score *);

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
