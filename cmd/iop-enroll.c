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

#define SYNOPSIS \
"iop-enroll [-hjnV] [-f file] command [argument ...]\n" \
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
	struct iop_inopt	 in;
	struct iop_outopt	 out;
	const char		*file;
	const char		*existing;
	int			 dry;
	int			 dateflags;
	int			 allow_dups;
	/* add */
	const char		*set[IOP_P_NCOLS];
	struct iop_buf		 goals;
	/* status, discharge, goal, aftercare */
	struct iop_change	 ch;
	const char		*date;
	/* list */
	struct iop_pfilter	 filter;
	const char		*fields;
	/* import */
	char			**map;
	size_t			 nmap;
};

/* One pass over a participant list, from a file in place or stdin. */
struct list {
	struct iop_edit		 ed;
	struct iop_person	 p;
	long			 today;
};

static int	 cmd_add(void *, int, char **);
static int	 add_people(struct opts *, struct iop_reader *,
		    struct iop_rec *);
static int	 cmd_import(void *, int, char **);
static int	 cmd_change(void *, int, char **);
static int	 cmd_list(void *, int, char **);
static int	 cmd_validate(void *, int, char **);
static void	 opt(void *, int, const char *, const char *);
static void	 ready(void *, const struct iop_cmd *);
static void	 help(void);
static void	 report_cb(const struct iop_err *, void *);

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
	SYNOPSIS, "f:hjnV", longopts, global_opts, cmds, NULL, opt, ready
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
	if (iop_opt_common(ch, arg, &o->in, &o->out))
		return;
	switch (ch) {
	case 'f':
		o->file = arg;
		break;
	case 'h':
		help();
		break;
	case 'n':
		o->dry = 1;
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
		o->allow_dups = 1;
		break;
	case O_DATE:
		o->date = arg;
		break;
	case O_DATE_ORDER:
		if ((o->dateflags = iop_person_date_order(arg)) < 0) {
			iop_warnx("--date-order: '%s' is not ymd, mdy or dmy",
			    arg);
			iop_usage(NULL);
		}
		break;
	case O_EXISTING:
		o->existing = arg;
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
		if (iop_colmap_add(&o->map, &o->nmap, arg) != 0) {
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

static void
help(void)
{
	printf("usage: %s\n\n", SYNOPSIS);
	fputs(
"Keep the participant list of an intensive outpatient program.\n"
"\n"
"Commands:\n"
"  add              add one person from the options below\n"
"  import [FILE...] add people from intake exports (CSV or JSON Lines)\n"
"  status ID STATUS change status: active, stepped_down, transferred,\n"
"                   completed or discharged (--date, --reason, --to)\n"
"  discharge ID     discharge with --reason (completed, left_against_advice,\n"
"                   non_attendance, higher_level_of_care, other),\n"
"                   --date and an --aftercare plan\n"
"  goal ID TEXT     add a treatment goal\n"
"  aftercare ID LIST  set the aftercare plan (continuing_therapy,\n"
"                   alumni_group, peer_support, community_resources,\n"
"                   medication_management, sober_living, other; --note)\n"
"  list [FILE...]   print participants, filtered\n"
"  validate [FILE...] check every participant record\n"
"\n"
"Where the list is:\n"
"  -f, --file=FILE  update FILE in place (locked, atomic); otherwise the\n"
"                   list is read on standard input and written on output\n"
"      --existing=FILE  import/add: number IDs and find duplicates\n"
"                   against FILE, write only the new people\n"
"  -n, --dry-run    check and report, change nothing\n"
"\n"
"Adding (add; import reads the same fields as columns):\n"
"      --first-name, --last-name, --dob=DATE, --phone, --email,\n"
"      --focus=substance_use|mental_health|co_occurring, --track=NAME,\n"
"      --admitted=DATE, --referral-source, --planned-weeks=N, --level,\n"
"      --payer, --auth-id, --auth-days=N, --auth-start, --auth-end,\n"
"      --goal=TEXT (repeatable)\n"
"      --allow-duplicates  add likely duplicates instead of rejecting them\n"
"      --date-order=ymd|mdy|dmy  how to read slashed dates (12/01/2026)\n"
"      --map=FROM=TO    read intake column FROM as field TO\n"
"\n"
"Filters (list):\n"
"      --status=S[,S...], --track=T, --focus=F, --level=L,\n"
"      --admitted-from=D, --admitted-to=D, --discharged-from=D,\n"
"      --discharged-to=D, --active-on=D (in care on that day),\n"
"      --fields=a,b,c   print only these columns\n"
"\n"
IOP_OUT_HELP
"  -h, --help       print this help\n"
"  -V, --version    print the version\n"
"\n"
"Example:\n"
"  iop-enroll import -f participants.csv --date-order mdy intake.csv\n"
"  iop-enroll discharge -f participants.csv P0007 --reason completed \\\n"
"      --aftercare 'alumni_group;continuing_therapy'\n", stdout);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

static void
report_cb(const struct iop_err *e, void *arg)
{
	int *status = arg;

	iop_report(e);
	*status = 1;
}

/*
 * Open the participant list: FILE in place (locked) when -f is given, a
 * file only read (--existing), or standard input.  The output header is
 * the list's own plus any participant columns it lacks.
 */
static void
list_open(struct list *l, const struct opts *o, const char *src, int create,
    int use_stdin)
{
	int flags = 0;

	memset(l, 0, sizeof(*l));
	l->today = iop_opttoday();
	if (src != NULL && src == o->file)
		flags |= IOP_ED_INPLACE | (create ? IOP_ED_CREATE : 0);
	if (src == NULL && !use_stdin)
		flags |= IOP_ED_NOINPUT;
	if (src != NULL && src == o->existing && o->file == NULL)
		flags |= IOP_ED_NOHEADER;
	iop_edit_open(&l->ed, src, flags, &iop_filekind_list, &o->in, &o->out);
	iop_person_complete_hdr(l->ed.hdr);
	iop_person_index(&l->p, l->ed.hdr);
}

/* Next record of the list, fitted to the output header. */
static int
list_next(struct list *l)
{
	if (!iop_edit_next(&l->ed))
		return 0;
	iop_person_kinds(&l->ed.rec, &l->p);
	return 1;
}

static int
list_put(struct list *l, struct iop_rec *r)
{
	r->hdr = l->ed.hdr;
	iop_person_kinds(r, &l->p);
	return iop_edit_put(&l->ed, r);
}

/*
 * Add people to the list: from the intake reader, or the one record that
 * add built from its options.  Existing people give IDs and duplicate keys.
 */
static int
add_people(struct opts *o, struct iop_reader *in, struct iop_rec *one)
{
	struct iop_roster ro;
	struct iop_intake ik;
	struct list l;
	struct iop_rec nr;
	const char *src = o->file != NULL ? o->file : o->existing, *lack;
	char newid[32] = "";
	size_t idcol;
	int status = 0, rv, added = 0;

	memset(&ik, 0, sizeof(ik));
	list_open(&l, o, src, o->file != NULL, 0);
	iop_roster_init(&ro, o->allow_dups);
	while (list_next(&l)) {
		iop_roster_note(&ro, &l.ed.rec, &l.p);
		if (o->file != NULL)
			list_put(&l, &l.ed.rec);
	}
	if (l.ed.status != 0)
		goto fail;
	/* Rows for appending must have exactly the file's columns. */
	if (o->existing != NULL && o->file == NULL && l.ed.rd != NULL &&
	    iop_reader_hdr(l.ed.rd) != NULL &&
	    (lack = iop_person_lacks(iop_reader_hdr(l.ed.rd))) != NULL) {
		iop_warnx("%s: no column '%s'; bring the file up to date with "
		    "-f first", o->existing, lack);
		goto fail;
	}
	/* Intake columns go to the list by the map; add's by name. */
	if (iop_intake_open(&ik, in, o->map, o->nmap, l.ed.hdr,
	    o->file != NULL || o->existing == NULL, &l.p, report_cb,
	    &status) != 0)
		goto fail;
	idcol = (size_t)l.p.col[IOP_P_ID];
	iop_rec_init(&nr);
	for (;;) {
		if (in != NULL && !iop_read(in, one, &status))
			break;
		if (iop_intake_admit(&ik, &ro, &l.p, one, &nr, IOP_PN_INTAKE |
		    o->dateflags, l.today) >= 0) {
			list_put(&l, &nr);
			added++;
			if (in == NULL)
				snprintf(newid, sizeof(newid), "%s",
				    iop_rec_get(&nr, idcol));
		}
		if (in == NULL)
			break;
	}
	iop_intake_free(&ik);
	iop_rec_free(&nr);
	iop_roster_free(&ro);
	rv = iop_edit_close(&l.ed, !o->dry && added > 0);
	/* add -f prints the new ID once it is safely in the file. */
	if (rv == 0 && o->file != NULL && !o->dry && newid[0] != '\0')
		printf("%s\n", newid);
	return iop_finish(NULL, rv ? rv : status);
fail:
	iop_intake_free(&ik);
	iop_roster_free(&ro);
	iop_edit_close(&l.ed, 0);
	return iop_finish(NULL, 1);
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
	rv = add_people(o, NULL, &r);
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

	in = iop_open_inputs(argv, (size_t)argc, &o->in);
	iop_rec_init(&r);
	rv = add_people(o, in, &r);
	iop_rec_free(&r);
	iop_reader_close(in);
	free(o->map);
	return rv;
}

static int
cmd_change(void *ctx, int argc, char **argv)
{
	struct opts *o = ctx;
	const char *cmd = o->cmd;
	struct list l;
	long want, got;
	struct iop_err e;
	int found = 0, bad = 0, rv;

	memset(&e, 0, sizeof(e));
	/* Check the arguments and options before any record is written. */
	if ((rv = iop_change_parse(&o->ch, cmd, argc, argv, o->date, &want,
	    &e)) != 0) {
		iop_report(&e);
		iop_usage(rv == -2 ? SYNOPSIS : NULL);
	}
	list_open(&l, o, o->file, 0, 1);
	if (o->date == NULL)
		o->ch.date = l.today;
	while (list_next(&l)) {
		got = iop_person_idnum(iop_rec_get(&l.ed.rec,
		    (size_t)l.p.col[IOP_P_ID]));
		if (got == want && !found && l.ed.status == 0) {
			found = 1;
			/* Every problem is reported (report_cb sets bad). */
			rv = iop_person_change(&l.ed.rec, &l.p, &o->ch, l.today,
			    report_cb, &bad);
			if (rv == -2) {
				iop_edit_close(&l.ed, 0);
				exit(2);
			}
			if (rv != 0)
				bad = 1;
		}
		list_put(&l, &l.ed.rec);
	}
	if (!found && l.ed.status == 0) {
		iop_warnx("%s: no participant %s in %s", cmd, argv[0],
		    o->file != NULL ? o->file : "<stdin>");
		bad = 1;
	}
	rv = iop_edit_close(&l.ed, !bad && !o->dry);
	return iop_finish(NULL, rv ? rv : bad);
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
	if (o->file != NULL) {
		if (argc > 0) {
			iop_warnx("list: give files or -f, not both");
			iop_usage(SYNOPSIS);
		}
		argv = (char **)&o->file;
		argc = 1;
	}
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
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
	wr = iop_out_stdout(&o->out);
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
	struct iop_reader *rd;
	struct iop_roster ro;
	struct iop_person p;
	struct iop_rec r;
	struct iop_err e, warn;
	long t = iop_opttoday();
	int status = 0, rv;

	if (o->file != NULL) {
		argv = (char **)&o->file;
		argc = 1;
	}
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
	if (iop_first_header(rd, &status) != 0 ||
	    iop_require(rd, iop_person_required) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	iop_person_index(&p, iop_reader_hdr(rd));
	iop_roster_init(&ro, 0);
	iop_rec_init(&r);
	while (iop_read(rd, &r, &status)) {
		if (iop_person_check(&r, &p, 0, t, report_cb, &status) != 0)
			continue;
		if ((rv = iop_roster_validate(&ro, &r, &p, &e, &warn)) < 0) {
			iop_report(&e);
			status = 1;
		} else if (rv > 0)
			iop_report(&warn);
	}
	iop_rec_free(&r);
	iop_reader_close(rd);
	iop_roster_free(&ro);
	return iop_finish(NULL, status);
}
