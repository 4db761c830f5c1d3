/*
 * iop-fit -- screening before admission: score the PHQ-9, GAD-7, AUDIT
 * and DAST-10 from item answers, apply the fit rules, and write each
 * screening back with scores, a verdict, a level of care, safety flags
 * and reasons (or, with --explain, a paragraph per person).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fit/fit.h"
#include "lib/iop.h"

#define SYNOPSIS \
"iop-fit [-ehjV] [--print-rules] [-o file] [-r rules.json] [file ...]"

enum {
	O_PRINT_RULES = IOP_OPT_FIRST_FREE
};

static const struct option longopts[] = {
	{ "explain", no_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "print-rules", no_argument, NULL, O_PRINT_RULES },
	{ "rules", required_argument, NULL, 'r' },
	{ "version", no_argument, NULL, 'V' },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* The output columns, in the order they are added. */
enum {
	C_PHQ9_TOTAL, C_PHQ9_SEV, C_GAD7_TOTAL, C_GAD7_SEV, C_AUDIT_TOTAL,
	C_AUDIT_ZONE, C_AUDITC_TOTAL, C_DAST10_TOTAL, C_DAST10_SEV, C_FIT,
	C_LEVEL, C_FLAGS, C_REASONS, C_N
};

static const char *const outcols[C_N] = {
	"phq9_total", "phq9_severity", "gad7_total", "gad7_severity",
	"audit_total", "audit_zone", "auditc_total", "dast10_total",
	"dast10_severity", "fit", "level", "flags", "reasons"
};

/* Columns that name a person in --explain, first match wins. */
static const char *const idcols[] = {
	"referral_id", "screening_id", "participant_id", "id", NULL
};

static void	 help(void);
static void	 put_score(struct iop_rec *, const size_t *, int, int,
		    const struct iop_fit_score *);
static void	 put_list(struct iop_rec *, size_t, const struct iop_buf *);
static void	 write_explain(FILE *, const struct iop_fit *,
		    const struct iop_fit_result *, const struct iop_rec *, long);

int
main(int argc, char *argv[])
{
	struct iop_inopt in = { IOP_FMT_AUTO, 0 };
	struct iop_outopt out = { IOP_FMT_CSV, 0 };
	struct iop_fit_rules *rules;
	struct iop_fit_result res;
	struct iop_reader *rd;
	struct iop_writer *wr = NULL;
	struct iop_hdr *hdr;
	struct iop_fit *fit;
	struct iop_rec rec;
	struct iop_err e;
	FILE *xf = NULL;
	const char *rulesfile = NULL;
	size_t col[C_N];
	long idcol = -1;
	int ch, explain = 0, invalid = 0, print = 0, status = 0, rv, i;

	iop_setprogname(argv[0]);
	/* getopt names the program by argv[0]: make it the short name. */
	argv[0] = (char *)iop_getprogname();
	while ((ch = getopt_long(argc, argv, "ehjo:r:V", longopts, NULL)) != -1) {
		if (iop_opt_common(ch, optarg, &in, &out))
			continue;
		switch (ch) {
		case 'e':
			explain = 1;
			break;
		case 'h':
			help();
			break;
		case 'r':
			rulesfile = optarg;
			break;
		case 'V':
			iop_version();
			break;
		case O_PRINT_RULES:
			print = 1;
			break;
		default:
			iop_usage(SYNOPSIS);
		}
	}
	argc -= optind;
	argv += optind;

	memset(&e, 0, sizeof(e));
	if (rulesfile == NULL)
		rules = iop_fit_rules_default();
	else if ((rules = iop_fit_rules_load(rulesfile, &e)) == NULL) {
		iop_report(&e);
		return 2;
	}
	if (print) {
		char *s = iop_fit_rules_dump(rules);

		fputs(s, iop_out_fp(&out));
		free(s);
		iop_fit_rules_free(rules);
		return iop_finish(NULL, 0);
	}

	rd = iop_open_inputs(argv, (size_t)argc, &in);
	while ((rv = iop_reader_header(rd, &e)) != IOP_OK && rv != IOP_EOF) {
		iop_report(&e);
		memset(&e, 0, sizeof(e));
		status = 1;
	}
	if (rv == IOP_EOF) {
		iop_reader_close(rd);
		iop_fit_rules_free(rules);
		return iop_finish(NULL, status);
	}
	fit = iop_fit_new(rules, iop_reader_hdr(rd));
	iop_fit_columns_check(fit, iop_reader_name(rd), iop_report_cb, NULL);
	hdr = iop_hdr_dup(iop_reader_hdr(rd));
	for (i = 0; i < C_N; i++)
		col[i] = iop_hdr_ensure(hdr, outcols[i]);
	for (i = 0; idcols[i] != NULL && idcol < 0; i++)
		idcol = iop_hdr_find(hdr, idcols[i]);
	if (!explain)
		wr = iop_out_stdout(&out);
	else
		xf = iop_out_fp(&out);

	iop_rec_init(&rec);
	iop_fit_result_init(&res);
	while (iop_read(rd, &rec, &status)) {
		/* An invalid answer is told and its row still written. */
		if (iop_fit_eval(fit, &rec, &res, iop_report_cb, NULL) > 0)
			invalid = 1;
		if (explain) {
			write_explain(xf, fit, &res, &rec, idcol);
			continue;
		}
		rec.hdr = hdr;
		iop_rec_fit(&rec);
		put_score(&rec, col, C_PHQ9_TOTAL, C_PHQ9_SEV,
		    &res.sc[IOP_IN_PHQ9]);
		put_score(&rec, col, C_GAD7_TOTAL, C_GAD7_SEV,
		    &res.sc[IOP_IN_GAD7]);
		put_score(&rec, col, C_AUDIT_TOTAL, C_AUDIT_ZONE,
		    &res.sc[IOP_IN_AUDIT]);
		put_score(&rec, col, C_AUDITC_TOTAL, -1,
		    &res.sc[IOP_IN_AUDITC]);
		put_score(&rec, col, C_DAST10_TOTAL, C_DAST10_SEV,
		    &res.sc[IOP_IN_DAST10]);
		iop_rec_set(&rec, col[C_FIT], iop_fit_verdict_names[res.fit]);
		if (res.level == IOP_LV_NONE)
			iop_rec_setn(&rec, col[C_LEVEL], "", 0, IOP_K_NULL);
		else
			iop_rec_set(&rec, col[C_LEVEL],
			    iop_fit_level_names[res.level]);
		put_list(&rec, col[C_FLAGS], &res.flags);
		put_list(&rec, col[C_REASONS], &res.reasons);
		if (iop_writer_put(wr, &rec) != 0)
			break;
	}
	iop_rec_free(&rec);
	iop_fit_result_free(&res);
	iop_fit_free(fit);
	iop_hdr_free(hdr);
	iop_reader_close(rd);
	iop_fit_rules_free(rules);
	/* Only a record that could not be read keeps -o from replacing. */
	status = iop_finish(wr, status);
	return invalid ? 1 : status;
}

static void
help(void)
{
	printf("usage: %s\n\n", SYNOPSIS);
	fputs(
"Screen referrals for an intensive outpatient program (IOP): score the\n"
"PHQ-9, GAD-7, AUDIT (and AUDIT-C) and DAST-10 from item answers, apply\n"
"the fit rules, and write each screening back with the columns\n"
"phq9_total, phq9_severity, gad7_total, gad7_severity, audit_total,\n"
"audit_zone, auditc_total, dast10_total, dast10_severity, fit (good,\n"
"possible, poor, undetermined), level (outpatient, intensive_outpatient,\n"
"partial_hospitalization, residential_inpatient), flags and reasons.\n"
"\n"
"Input columns: phq9_1..phq9_9, gad7_1..gad7_7, audit_1..audit_10,\n"
"dast10_1..dast10_10; step_down, needs_24h_supervision, withdrawal_risk\n"
"(none, low, moderate, severe), medically_unstable, safe_home,\n"
"obligations, willing (yes, unsure, no), co_occurring.  Other columns\n"
"pass through unchanged.\n"
"\n"
"Rules:\n"
"  -r, --rules=FILE      use the rules in FILE (JSON; see iop-fit(1))\n"
"      --print-rules     print the rules in effect as JSON and exit\n"
"\n"
"Output:\n"
"  -e, --explain         write a short paragraph per person instead of\n"
"                        records, for the intake counselor\n"
"\n"
IOP_OUT_HELP
"\n"
"  -h, --help            print this help and exit\n"
"  -V, --version         print the version and exit\n"
"\n"
"Example:\n"
"  iop-fit < screenings.csv > fit.csv\n"
"  iop-fit --explain --rules clinic-rules.json screenings.csv | less\n"
"\n"
"Exit status: 0 ok, 1 an answer or record was invalid or an input\n"
"unreadable, 2 usage error or invalid rules file.\n", stdout);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

static void
put_score(struct iop_rec *rec, const size_t *col, int tc, int bc,
    const struct iop_fit_score *sc)
{
	int have = sc->status == IOP_SC_OK || sc->status == IOP_SC_PRORATED;

	char num[4];
	size_t n = 0;

	if (have) {
		/* Totals are 0-40. */
		if (sc->total >= 10)
			num[n++] = (char)('0' + sc->total / 10);
		num[n++] = (char)('0' + sc->total % 10);
		iop_rec_setn(rec, col[tc], num, n, IOP_K_NUM);
	} else
		iop_rec_setn(rec, col[tc], "", 0, IOP_K_NULL);
	if (bc < 0)
		return;
	if (sc->band != NULL)
		iop_rec_set(rec, col[bc], sc->band);
	else
		iop_rec_setn(rec, col[bc], "", 0, IOP_K_NULL);
}

static void
put_list(struct iop_rec *rec, size_t col, const struct iop_buf *b)
{
	iop_rec_setn(rec, col, b->len > 0 ? b->s : "", b->len, IOP_K_LIST);
}

static void
write_explain(FILE *fp, const struct iop_fit *fit, const struct iop_fit_result *res,
    const struct iop_rec *rec, long idcol)
{
	struct iop_buf b = { 0 }, who = { 0 };

	if (idcol >= 0 && iop_rec_len(rec, (size_t)idcol) > 0)
		iop_buf_printf(&who, "%s (line %zu)",
		    iop_rec_get(rec, (size_t)idcol), rec->line);
	else
		iop_buf_printf(&who, "Line %zu", rec->line);
	iop_fit_explain(&b, fit, res, who.s);
	iop_buf_addc(&b, '\n');
	fwrite(b.s, 1, b.len, fp);
	iop_buf_free(&b);
	iop_buf_free(&who);
}
