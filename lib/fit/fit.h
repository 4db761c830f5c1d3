/*
 * fit.h -- screening for iop-fit: scoring of the PHQ-9, GAD-7, AUDIT
 * (with AUDIT-C) and DAST-10 from item answers, and the fit rules that
 * turn scores and screening answers into a verdict, a level of care,
 * safety flags and reasons.  The rules come from a JSON document (the
 * defaults are built in); see iop-fit(1).
 */
#ifndef IOP_FIT_H
#define IOP_FIT_H

#include "lib/fit/instr.h"
#include "lib/io/io.h"

/* Levels of care, lowest first; IOP_LV_NONE when none was decided. */
enum iop_fit_level {
	IOP_LV_NONE = -1,
	IOP_LV_OP = 0,
	IOP_LV_IOP,
	IOP_LV_PHP,
	IOP_LV_RES
};

/* Fit verdicts, ordered so that the worse one is the larger. */
enum iop_fit_verdict {
	IOP_FIT_GOOD = 0,
	IOP_FIT_POSSIBLE,
	IOP_FIT_UNDETERMINED,
	IOP_FIT_POOR
};

extern const char *const iop_fit_level_names[];
extern const char *const iop_fit_verdict_names[];

enum iop_fit_status {
	IOP_SC_ABSENT = 0,	/* columns absent or every answer blank */
	IOP_SC_OK,
	IOP_SC_PRORATED,	/* the published missing-item rule applied */
	IOP_SC_INCOMPLETE,
	IOP_SC_INVALID		/* an answer was out of range */
};

struct iop_fit_score {
	enum iop_fit_status	 status;
	int			 total;
	int			 answered;	/* items answered */
	const char		*band;	/* severity or zone; NULL if none */
};

struct iop_fit_result {
	struct iop_fit_score	 sc[IOP_IN_N];
	enum iop_fit_verdict	 fit;
	enum iop_fit_level	 level;
	struct iop_buf		 flags;		/* ';'-lists */
	struct iop_buf		 reasons;
	struct iop_buf		 missing;	/* answers that could change it */
	struct iop_buf		 invalid;	/* answers that were invalid */
	size_t			*why;		/* rules that made the decision */
	size_t			 nwhy;
	size_t			 capwhy;
	size_t			 nerr;		/* invalid answers */
};

struct iop_fit_rules;
struct iop_fit;

/* The built-in rules; never fails (a bad built-in is a bug). */
struct iop_fit_rules *iop_fit_rules_default(void);
/*
 * Load a rules file: its thresholds override the defaults, its "rules"
 * replace the default rules and its "add_rules" are appended.  NULL with
 * *e filled (file, and the JSON path of the problem) when it is invalid.
 */
struct iop_fit_rules *iop_fit_rules_load(const char *, struct iop_err *);
void		 iop_fit_rules_free(struct iop_fit_rules *);
/* The effective rules as indented JSON, newline-terminated. */
char		*iop_fit_rules_dump(const struct iop_fit_rules *);

/*
 * Bind rules to a stream's header.  Item columns (phq9_1 ...) are matched
 * in any case.
 */
struct iop_fit	*iop_fit_new(const struct iop_fit_rules *,
		    const struct iop_hdr *);
/*
 * Warn (through report, located at the header of file) about each column
 * whose name is a near miss of an item the header lacks ("PHQ-9_1",
 * "phq9 1" for phq9_1): such an instrument would be prorated or left
 * incomplete without anyone noticing.  Returns the number of warnings.
 */
size_t		 iop_fit_columns_check(const struct iop_fit *, const char *,
		    iop_report_fn *, void *);

/*
 * One item answer, as every reader of screenings takes it: surrounding
 * blanks trimmed, a whole number 0..max, also written with a zero
 * fraction ("2.0", what a spreadsheet or pandas float column writes).
 * 0 with *out set, or -1.
 */
int		 iop_fit_item_parse(const char *, int, int *);

/*
 * The suicidal-ideation item (PHQ-9 item 9) of one answer: never dropped.
 * A clean 0 is none; 1-3 positive; anything else that is not blank
 * (malformed, out of range, a word) is unverified, and raises the flag
 * as <flag>_unverified.
 */
enum iop_si { IOP_SI_BLANK, IOP_SI_NONE, IOP_SI_UNVERIFIED, IOP_SI_POSITIVE };
enum iop_si	 iop_fit_si_parse(const char *);
#define IOP_SI_FLAG		"suicidal_ideation"
#define IOP_SI_FLAG_UNVERIFIED	"suicidal_ideation_unverified"
void		 iop_fit_free(struct iop_fit *);

void		 iop_fit_result_init(struct iop_fit_result *);
void		 iop_fit_result_free(struct iop_fit_result *);

/*
 * Score and decide one record.  Every invalid answer is passed to
 * report(); the record is still decided, with invalid answers treated as
 * missing.  Returns the number of invalid answers.
 */
size_t		 iop_fit_eval(struct iop_fit *, const struct iop_rec *,
		    struct iop_fit_result *,
		    iop_report_fn *, void *);

/* A short paragraph for the intake counselor about one result. */
void		 iop_fit_explain(struct iop_buf *, const struct iop_fit *,
		    const struct iop_fit_result *, const char *);

#endif /* IOP_FIT_H */
