/*
 * iop-enroll -- the participant list: add, import, change status,
 * discharge, goals and aftercare, list and validate.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iop.h"
#include "lib/clinic/person.h"
#include "lib/cli/enroll.h"
#include "lib/cli/help.h"

#define SYNOPSIS \
"iop-enroll [-hjnV] [-f file | -o file] command [argument ...]\n" \
"       commands: add, import, status, discharge, goal, aftercare, list, validate"

enum {
	O_ADMITTED_FROM = IOP_OPT_FIRST_FREE, O_ADMITTED_TO, O_AFTERCARE,
	O_ALLOW_DUPS, O_ACTIVE_ON, O_DATE, O_DATE_ORDER, O_DISCH_FROM,
	O_DISCH_TO, O_EXISTING, O_FIELDS, O_GOAL, O_MAP, O_NOTE, O_REASON,
	O_STATUS, O_TO,
	/* Options that set a participant column: O_SET + column. */
	O_SET
};

static const struct option longopts[] = {
	{ "active-on", required_argument, NULL, O_ACTIVE_ON },
	{ "admitted", required_argument, NULL, O_SET + IOP_P_ADMISSION },
	{ "admitted-from", required_argument, NULL, O_ADMITTED_FROM },
	{ "admitted-to", required_argument, NULL, O_ADMITTED_TO },
	{ "aftercare", required_argument, NULL, O_AFTERCARE },
	{ "aftercare-note", required_argument, NULL, O_SET + IOP_P_AFTERCARE_NOTE },
	{ "allow-duplicates", no_argument, NULL, O_ALLOW_DUPS },
	{ "auth-days", required_argument, NULL, O_SET + IOP_P_AUTH_DAYS },
	{ "auth-end", required_argument, NULL, O_SET + IOP_P_AUTH_END },
	{ "auth-id", required_argument, NULL, O_SET + IOP_P_AUTH_ID },
	{ "auth-start", required_argument, NULL, O_SET + IOP_P_AUTH_START },
	{ "date", required_argument, NULL, O_DATE },
	{ "date-order", required_argument, NULL, O_DATE_ORDER },
	{ "discharged-from", required_argument, NULL, O_DISCH_FROM },
	{ "discharged-to", required_argument, NULL, O_DISCH_TO },
	{ "dob", required_argument, NULL, O_SET + IOP_P_DOB },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "email", required_argument, NULL, O_SET + IOP_P_EMAIL },
	{ "existing", required_argument, NULL, O_EXISTING },
	{ "fields", required_argument, NULL, O_FIELDS },
	{ "file", required_argument, NULL, 'f' },
	{ "first-name", required_argument, NULL, O_SET + IOP_P_FIRST },
	{ "focus", required_argument, NULL, O_SET + IOP_P_FOCUS },
	{ "goal", required_argument, NULL, O_GOAL },
	{ "help", no_argument, NULL, 'h' },
	{ "last-name", required_argument, NULL, O_SET + IOP_P_LAST },
	{ "level", required_argument, NULL, O_SET + IOP_P_LEVEL },
	{ "map", required_argument, NULL, O_MAP },
	{ "note", required_argument, NULL, O_NOTE },
	{ "payer", required_argument, NULL, O_SET + IOP_P_PAYER },
	{ "phone", required_argument, NULL, O_SET + IOP_P_PHONE },
	{ "planned-weeks", required_argument, NULL, O_SET + IOP_P_WEEKS },
	{ "reason", required_argument, NULL, O_REASON },
	{ "referral-source", required_argument, NULL, O_SET + IOP_P_REFERRAL },
	{ "status", required_argument, NULL, O_STATUS },
	{ "to", required_argument, NULL, O_TO },
	{ "track", required_argument, NULL, O_SET + IOP_P_TRACK },
	{ "version", no_argument, NULL, 'V' },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

struct opts {
	const char		*cmd;
	struct iop_ecli		 e;	/* where the list is; adding */
	/* add */
	const char		*set[IOP_P_NCOLS];
	struct iop_buf		 goals;
	/* status, discharge, goal, aftercare */
	struct iop_change	 ch;
	const char		*date;
	/* list */
	struct iop_pfilter	 filter;
	const char		*fields;
};

static int	 cmd_add(void *, int, char **);
static int	 cmd_import(void *, int, char **);
static int	 cmd_change(void *, int, char **);
static int	 cmd_list(void *, int, char **);
static int	 cmd_validate(void *, int, char **);
static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);

#define S(col)	(O_SET + IOP_P_##col)
#define ADDING	'n', O_ALLOW_DUPS, O_DATE_ORDER, O_EXISTING

/* The options of each subcommand (-f, -h, -V and -j are everyone's). */
static const int global_opts[] = { 'f', 'j', 0 };
static const int add_opts[] = { ADDING, O_GOAL, S(ADMISSION),
	S(AFTERCARE_NOTE), S(AUTH_DAYS), S(AUTH_END), S(AUTH_ID),
	S(AUTH_START), S(DOB), S(EMAIL), S(FIRST), S(FOCUS), S(LAST),
	S(LEVEL), S(PAYER), S(PHONE), S(WEEKS), S(REFERRAL), S(TRACK), 0 };
static const int import_opts[] = { ADDING, O_MAP, 0 };
static const int status_opts[] = { 'n', O_DATE, O_REASON, O_TO, 0 };
static const int discharge_opts[] = { 'n', O_DATE, O_REASON, O_AFTERCARE,
	S(AFTERCARE_NOTE), 0 };
static const int goal_opts[] = { 'n', 0 };
static const int aftercare_opts[] = { 'n', O_NOTE, 0 };
static const int list_opts[] = { O_ACTIVE_ON, O_ADMITTED_FROM,
	O_ADMITTED_TO, O_DISCH_FROM, O_DISCH_TO, O_FIELDS, O_STATUS, S(FOCUS),
	S(LEVEL), S(TRACK), 0 };

static const struct iop_cmd cmds[] = {
	{ "add", "[options]", add_opts, cmd_add },
	{ "import", "[options] [file ...]", import_opts, cmd_import },
	{ "status", "id status", status_opts, cmd_change },
	{ "discharge", "id --reason reason", discharge_opts, cmd_change },
	{ "goal", "id text", goal_opts, cmd_change },
	{ "aftercare", "id plan", aftercare_opts, cmd_change },
	{ "list", "[filters] [file ...]", list_opts, cmd_list },
	{ "validate", "[file ...]", NULL, cmd_validate },
	{ NULL, NULL, NULL, NULL }
};

static const struct iop_cmdtab cmdtab = {
	SYNOPSIS, "f:hjno:V", longopts, global_opts, cmds, NULL, opt, ready
};

int
main(int argc, char *argv[])
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	return iop_cmd_main(&cmdtab, argc, argv, &o);
}

static void
opt(void *ctx, int ch, const char *arg, const char *cmd)
{
	struct opts *o = ctx;
	int i;

	(void)cmd;
	if (iop_opt_common(ch, arg, &o->e.in, &o->e.out))
		return;
	switch (ch) {
	case 'f':
		o->e.file = arg;
		break;
	case 'h':
		iop_help(SYNOPSIS, iop_help_enroll);
		break;
	case 'n':
		o->e.dry = 1;
		break;
	case 'V':
		iop_version();
		break;
	case O_ACTIVE_ON:
		o->filter.on = iop_optdate("--active-on", arg);
		o->filter.has_on = 1;
		break;
	case O_ADMITTED_FROM:
	case O_ADMITTED_TO:
	case O_DISCH_FROM:
	case O_DISCH_TO:
		/* The admission or discharge range: [0] from, [1] to. */
		i = ch == O_ADMITTED_TO || ch == O_DISCH_TO;
		if (ch == O_ADMITTED_FROM || ch == O_ADMITTED_TO) {
			o->filter.adm[i] = iop_optdate(i ? "--admitted-to" :
			    "--admitted-from", arg);
			o->filter.has_adm[i] = 1;
		} else {
			o->filter.dis[i] = iop_optdate(i ? "--discharged-to" :
			    "--discharged-from", arg);
			o->filter.has_dis[i] = 1;
		}
		break;
	case O_AFTERCARE:
		o->ch.aftercare = arg;
		break;
	case O_ALLOW_DUPS:
		o->e.allow_dups = 1;
		break;
	case O_DATE:
		o->date = arg;
		break;
	case O_DATE_ORDER:
		if ((o->e.dateflags = iop_person_date_order(arg)) < 0) {
			iop_warnx("--date-order: '%s' is not ymd, mdy or dmy",
			    arg);
			iop_usage(NULL);
		}
		break;
	case O_EXISTING:
		o->e.existing = arg;
		break;
	case O_FIELDS:
		o->fields = arg;
		break;
	case O_GOAL:
		if (o->goals.len > 0)
			iop_buf_addc(&o->goals, ';');
		iop_buf_adds(&o->goals, arg);
		break;
	case O_MAP:
		if (iop_colmap_add(&o->e.map, &o->e.nmap, arg) != 0) {
			iop_warnx("--map: '%s' is not FROM=TO", arg);
			iop_usage(NULL);
		}
		break;
	case O_NOTE:
		o->ch.note = arg;
		break;
	case O_REASON:
		o->ch.reason = arg;
		break;
	case O_STATUS:
		o->filter.status = arg;
		break;
	case O_TO:
		o->ch.to = arg;
		break;
	default:
		if (ch < O_SET || ch >= O_SET + IOP_P_NCOLS)
			iop_usage(SYNOPSIS);
		o->set[ch - O_SET] = arg;
	}
}

static void
ready(void *ctx, const struct iop_cmd *c)
{
	struct opts *o = ctx;

	o->cmd = c->name;
	/* --focus, --level and --track are also list's filters. */
	o->filter.focus = o->set[IOP_P_FOCUS];
	o->filter.level = o->set[IOP_P_LEVEL];
	o->filter.track = o->set[IOP_P_TRACK];
	o->ch.aftercare_note = o->set[IOP_P_AFTERCARE_NOTE];
}

static int
cmd_add(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	struct iop_rec r;
	int rv;

	if (argc > 0) {
		iop_warnx("add: unexpected argument '%s'", argv[0]);
		iop_usage(SYNOPSIS);
	}
	if (o->goals.len > 0)
		o->set[IOP_P_GOALS] = o->goals.s;
	iop_rec_init(&r);
	iop_person_rec(&r, o->set, "<options>");
	rv = iop_ecli_add(&o->e, NULL, &r);
	iop_hdr_free(r.hdr);
	iop_rec_free(&r);
	iop_buf_free(&o->goals);
	return rv;
}

static int
cmd_import(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	struct iop_reader *in;
	struct iop_rec r;
	int rv;

	in = iop_open_inputs(argv, (size_t)argc, &o->e.in);
	iop_rec_init(&r);
	rv = iop_ecli_add(&o->e, in, &r);
	iop_rec_free(&r);
	iop_reader_close(in);
	free(o->e.map);
	return rv;
}

static int
cmd_change(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	const char *cmd = o->cmd;
	long want;
	struct iop_err e;
	int rv;

	memset(&e, 0, sizeof(e));
	/* Check the arguments and options before any record is written. */
	if ((rv = iop_change_parse(&o->ch, cmd, argc, argv, o->date, &want,
	    &e)) != 0) {
		iop_report(&e);
		iop_usage(rv == -2 ? SYNOPSIS : NULL);
	}
	return iop_ecli_change(&o->e, &o->ch, cmd, argv[0], want,
	    o->date != NULL);
}

static int
cmd_list(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	struct iop_reader *rd;
	struct iop_writer *wr;
	struct iop_person p;
	struct iop_sel sel;
	struct iop_rec r, out;
	struct iop_err e;
	int status = 0, ok;

	if (iop_pfilter_check(&o->filter, &e) != 0) {
		iop_report(&e);
		iop_usage(NULL);
	}
	if (o->e.file != NULL) {
		if (argc > 0) {
			iop_warnx("list: give files or -f, not both");
			iop_usage(SYNOPSIS);
		}
		argv = (char **)&o->e.file;
		argc = 1;
	}
	rd = iop_open_inputs(argv, (size_t)argc, &o->e.in);
	if (iop_first_header(rd, &status) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	iop_person_index(&p, iop_reader_hdr(rd));
	memset(&sel, 0, sizeof(sel));
	if (o->fields != NULL &&
	    iop_opt_select(&sel, rd, "--fields", o->fields) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	wr = iop_out_stdout(&o->e.out);
	iop_rec_init(&r);
	iop_rec_init(&out);
	while (iop_read(rd, &r, &status)) {
		if ((ok = iop_pfilter_match(&o->filter, &r, &p, &e)) < 0) {
			iop_report(&e);
			status = 1;
			continue;
		}
		if (!ok)
			continue;
		iop_person_kinds(&r, &p);
		if (sel.hdr == NULL) {
			iop_writer_put(wr, &r);
			continue;
		}
		iop_sel_apply(&sel, &r, &out);
		iop_writer_put(wr, &out);
	}
	iop_writer_header(wr, sel.hdr != NULL ? sel.hdr : iop_reader_hdr(rd));
	iop_rec_free(&r);
	iop_rec_free(&out);
	iop_reader_close(rd);
	iop_sel_free(&sel);
	return iop_finish(wr, status);
}

static int
cmd_validate(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;

	if (o->e.file != NULL) {
		argv = (char **)&o->e.file;
		argc = 1;
	}
	return iop_ecli_validate(&o->e, argv, argc);
}
