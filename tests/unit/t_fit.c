/*
 * t_fit.c -- lib/fit: instrument scoring (ranges, reversed and special
 * items, missing-item rules, bands), the default rules' decision and the
 * explanation, with in-memory CSV records read through the real reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/iop.h"
#include "lib/fit/fit.h"
#include "tests/unit/unit.h"

struct fitrun {
	struct iop_fit_result	 res;
	struct iop_buf		 why;	/* the explanation */
	size_t			 nerr;
	int			 nrep;	/* errors passed to the callback */
	char			 lastmsg[300];
};

static void	 count_err(const struct iop_err *, void *);
static int	 fit_csv(const char *, struct fitrun *);
static void	 fitrun_free(struct fitrun *);
static void	 t_scores(void);
static void	 t_specials(void);
static void	 t_decision(void);
static void	 t_rules_file(void);
static void	 t_instr(void);

static void
count_err(const struct iop_err *e, void *arg)
{
	struct fitrun *fr = arg;

	fr->nrep++;
	snprintf(fr->lastmsg, sizeof(fr->lastmsg), "%zu:%s", e->col, e->msg);
}

/* Score the first record of a CSV text with the default rules. */
static int
fit_csv(const char *csv, struct fitrun *fr)
{
	struct iop_fit_rules *rs = iop_fit_rules_default();
	struct iop_reader *rd;
	struct iop_fit *f;
	struct iop_rec r;
	struct iop_err e;
	int rv;

	memset(fr, 0, sizeof(*fr));
	iop_fit_result_init(&fr->res);
	rd = iop_reader_memopen(csv, strlen(csv), "t.csv", IOP_FMT_CSV, 0, &e);
	if (rd == NULL)
		return -1;
	iop_rec_init(&r);
	if ((rv = iop_reader_next(rd, &r, &e)) != IOP_OK) {
		iop_rec_free(&r);
		iop_reader_close(rd);
		iop_fit_rules_free(rs);
		return -1;
	}
	f = iop_fit_new(rs, iop_reader_hdr(rd));
	fr->nerr = iop_fit_eval(f, &r, &fr->res, count_err, fr);
	iop_fit_explain(&fr->why, f, &fr->res, "P1");
	iop_buf_addc(&fr->why, '\0');
	iop_fit_free(f);
	iop_rec_free(&r);
	iop_reader_close(rd);
	iop_fit_rules_free(rs);
	return 0;
}

static void
fitrun_free(struct fitrun *fr)
{
	iop_fit_result_free(&fr->res);
	iop_buf_free(&fr->why);
}

static void
t_scores(void)
{
	struct fitrun fr;

	CHECK(fit_csv("phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,"
	    "phq9_8,phq9_9\n3,3,3,3,3,3,3,3,0\n", &fr) == 0,
	    "fit: a PHQ-9 record is read");
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].status, IOP_SC_OK, "phq9: scored");
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].total, 24, "phq9: total 24");
	CHECK_STR(fr.res.sc[IOP_IN_PHQ9].band, "severe", "phq9: 24 is severe");
	CHECK_INT(fr.res.sc[IOP_IN_GAD7].status, IOP_SC_ABSENT,
	    "gad7: absent without columns");
	fitrun_free(&fr);

	/* Prorated: 7 of 9 answered, sum 14 -> 14 * 9 / 7 = 18. */
	fit_csv("phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,"
	    "phq9_9\n2,2,2,2,2,2,2,,\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].status, IOP_SC_PRORATED,
	    "phq9: two blanks are prorated");
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].total, 18, "phq9: prorated to 18");
	CHECK_STR(fr.res.sc[IOP_IN_PHQ9].band, "moderately_severe",
	    "phq9: 18 is moderately severe");
	CHECK(strstr(fr.res.reasons.s, "prorated:phq9_total") != NULL,
	    "phq9: proration is a reason");
	fitrun_free(&fr);

	fit_csv("phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,"
	    "phq9_9\n2,2,2,2,2,2,,,\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].status, IOP_SC_INCOMPLETE,
	    "phq9: three blanks are incomplete");
	CHECK_STR(fr.res.sc[IOP_IN_PHQ9].band, "incomplete",
	    "phq9: incomplete band");
	fitrun_free(&fr);

	fit_csv("gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7\n"
	    "1,1,1,1,1,1,4\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_GAD7].status, IOP_SC_INVALID,
	    "gad7: 4 is out of range");
	CHECK_INT(fr.nerr, 1, "gad7: one invalid answer");
	CHECK_STR(fr.lastmsg, "7:field 'gad7_7': expected a whole number 0-3",
	    "gad7: the message names the item and the range");
	fitrun_free(&fr);

	fit_csv("gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7\n"
	    "2,2,2,2,2,0,0\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_GAD7].total, 10, "gad7: total 10");
	CHECK_STR(fr.res.sc[IOP_IN_GAD7].band, "moderate",
	    "gad7: 10 is moderate");
	fitrun_free(&fr);
}

static void
t_specials(void)
{
	struct fitrun fr;

	/* AUDIT items 9 and 10 take 0, 2 or 4; AUDIT-C is items 1-3. */
	fit_csv("audit_1,audit_2,audit_3,audit_4,audit_5,audit_6,audit_7,"
	    "audit_8,audit_9,audit_10\n4,3,2,1,1,1,1,1,2,4\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_AUDIT].total, 20, "audit: total 20");
	CHECK_STR(fr.res.sc[IOP_IN_AUDIT].band, "IV", "audit: 20 is zone IV");
	CHECK_INT(fr.res.sc[IOP_IN_AUDITC].total, 9, "auditc: items 1-3");
	CHECK(fr.res.sc[IOP_IN_AUDITC].band == NULL, "auditc: no band");
	fitrun_free(&fr);

	fit_csv("audit_1,audit_2,audit_3,audit_4,audit_5,audit_6,audit_7,"
	    "audit_8,audit_9,audit_10\n1,1,1,0,0,0,0,0,3,0\n", &fr);
	CHECK_STR(fr.lastmsg, "9:field 'audit_9': expected 0, 2 or 4",
	    "audit: item 9 is 0, 2 or 4");
	fitrun_free(&fr);

	/* The WHO skip pattern: item 1 is 0, items 2-8 may be blank. */
	fit_csv("audit_1,audit_2,audit_3,audit_4,audit_5,audit_6,audit_7,"
	    "audit_8,audit_9,audit_10\n0,,,,,,,,0,2\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_AUDIT].status, IOP_SC_OK,
	    "audit: skip pattern after item 1 = 0");
	CHECK_INT(fr.res.sc[IOP_IN_AUDIT].total, 2, "audit: skipped total");
	fitrun_free(&fr);

	/* DAST-10 is yes/no with item 3 reversed. */
	fit_csv("dast10_1,dast10_2,dast10_3,dast10_4,dast10_5,dast10_6,"
	    "dast10_7,dast10_8,dast10_9,dast10_10\n"
	    "yes,no,no,no,no,no,no,no,no,no\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_DAST10].total, 2,
	    "dast10: item 3 'no' counts (reversed)");
	CHECK_STR(fr.res.sc[IOP_IN_DAST10].band, "low", "dast10: 2 is low");
	fitrun_free(&fr);

	fit_csv("dast10_1,dast10_2,dast10_3,dast10_4,dast10_5,dast10_6,"
	    "dast10_7,dast10_8,dast10_9,dast10_10\n"
	    "2,no,yes,no,no,no,no,no,no,no\n", &fr);
	CHECK_STR(fr.lastmsg, "1:field 'dast10_1': expected yes or no",
	    "dast10: items are yes or no");
	fitrun_free(&fr);

	/* PHQ-9 item 9 raises its flag whatever the total. */
	fit_csv("phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,"
	    "phq9_9\n0,0,0,0,0,0,0,0,1\n", &fr);
	CHECK_INT(fr.res.sc[IOP_IN_PHQ9].total, 1, "phq9: total 1");
	CHECK(strstr(fr.res.flags.s, "suicidal_ideation") != NULL,
	    "phq9: item 9 > 0 flags suicidal ideation");
	fitrun_free(&fr);
}

static void
t_decision(void)
{
	struct fitrun fr;

	fit_csv("phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,"
	    "phq9_9,needs_24h_supervision,willing\n"
	    "1,1,1,1,1,1,1,1,0,no,yes\n", &fr);
	CHECK_INT(fr.nerr, 0, "decision: no invalid answers");
	CHECK_STR(iop_fit_verdict_names[fr.res.fit], "undetermined",
	    "decision: missing answers leave it undetermined");
	CHECK(strncmp(fr.why.s, "P1: fit undetermined.\n  Scores: PHQ-9 8 mild;"
	    " GAD-7 not given; AUDIT not given; DAST-10 not given.\n",
	    strlen("P1: fit undetermined.\n  Scores: PHQ-9 8 mild;"
	    " GAD-7 not given; AUDIT not given; DAST-10 not given.\n")) == 0,
	    "explain: the scores line");
	fitrun_free(&fr);

	fit_csv("willing,needs_24h_supervision\nsometimes,no\n", &fr);
	CHECK_STR(fr.lastmsg, "1:field 'willing': expected yes, unsure or no",
	    "decision: willing is yes, unsure or no");
	CHECK(strstr(fr.res.reasons.s, "invalid:willing") != NULL,
	    "decision: the invalid answer is a reason");
	fitrun_free(&fr);
}

static void
t_rules_file(void)
{
	struct iop_fit_rules *rs;
	struct iop_err e;
	char *dump;

	rs = iop_fit_rules_default();
	dump = iop_fit_rules_dump(rs);
	CHECK(dump != NULL && strstr(dump, "\"R-WILLING-NO\"") != NULL,
	    "rules: the defaults dump their IDs");
	free(dump);
	iop_fit_rules_free(rs);
	unit_writes("bad-rules.json", "{\"rules\": [{\"id\": \"X\", \"when\":"
	    " {\"field\": \"phq9_total\", \"op\": \"~\", \"value\": 1},"
	    " \"fit\": \"poor\", \"reason\": \"r\"}]}\n");
	memset(&e, 0, sizeof(e));
	rs = iop_fit_rules_load("bad-rules.json", &e);
	CHECK(rs == NULL, "rules: an unknown operator is refused");
	CHECK(e.msg[0] != '\0', "rules: and says why");
	iop_fit_rules_free(rs);
}

/* The table: every band edge, and the facts iop-report relies on. */
static void
t_instr(void)
{
	static const struct {
		int inst, total;
		const char *band;
	} edges[] = {
		{ IOP_IN_PHQ9, 0, "none_minimal" }, { IOP_IN_PHQ9, 4,
		"none_minimal" }, { IOP_IN_PHQ9, 5, "mild" }, { IOP_IN_PHQ9, 9,
		"mild" }, { IOP_IN_PHQ9, 10, "moderate" }, { IOP_IN_PHQ9, 15,
		"moderately_severe" }, { IOP_IN_PHQ9, 20, "severe" },
		{ IOP_IN_PHQ9, 27, "severe" }, { IOP_IN_GAD7, 4, "minimal" },
		{ IOP_IN_GAD7, 15, "severe" }, { IOP_IN_AUDIT, 7, "I" },
		{ IOP_IN_AUDIT, 8, "II" }, { IOP_IN_AUDIT, 16, "III" },
		{ IOP_IN_AUDIT, 20, "IV" }, { IOP_IN_DAST10, 0, "none" },
		{ IOP_IN_DAST10, 1, "low" }, { IOP_IN_DAST10, 3, "moderate" },
		{ IOP_IN_DAST10, 6, "substantial" }, { IOP_IN_DAST10, 9,
		"severe" },
	};
	size_t i, bad = 0;
	int k;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		if (strcmp(iop_instr_band(edges[i].inst, edges[i].total),
		    edges[i].band) != 0) {
			unit_note("band of %s %d", iop_instr[edges[i].inst].key,
			    edges[i].total);
			bad++;
		}
	CHECK_INT(bad, 0, "instr: band edges");
	CHECK(iop_instr_band(IOP_IN_AUDITC, 5) == NULL,
	    "instr: AUDIT-C has no band");
	for (k = 0; k < IOP_IN_N; k++)
		if (iop_instr[k].nbands > 0 && iop_instr[k].bands[
		    iop_instr[k].nbands - 1].hi != iop_instr[k].max)
			break;
	CHECK_INT(k, IOP_IN_N, "instr: the last band ends at the maximum");
	CHECK_INT(IOP_IN_NITEMS, 4, "instr: four instruments have items");
	CHECK_STR(iop_instr[IOP_IN_DAST10].total, "dast10_total",
	    "instr: DAST-10's total column");
	CHECK_INT(iop_instr[IOP_IN_PHQ9].mid + iop_instr[IOP_IN_GAD7].mid +
	    iop_instr[IOP_IN_AUDIT].mid + iop_instr[IOP_IN_DAST10].mid, 15,
	    "instr: the minimal important differences 5, 4, 4, 2");
}

void
t_fit(void)
{
	t_instr();
	t_scores();
	t_specials();
	t_decision();
	t_rules_file();
}
