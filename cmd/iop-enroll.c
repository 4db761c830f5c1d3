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
#include "lib/person.h"

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
	/* status, discharge */
	const char		*date, *reason, *to, *aftercare, *note;
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
	long			 maxid;
	long			 today;
};

static int	 cmd_add(struct opts *, int, char **);
static int	 add_people(struct opts *, struct iop_reader *,
		    struct iop_rec *);
static int	 cmd_import(struct opts *, int, char **);
static int	 cmd_change(struct opts *, const char *, int, char **);
static int	 cmd_list(struct opts *, int, char **);
static int	 cmd_validate(struct opts *, int, char **);
static void	 help(void);
static void	 report_cb(const struct iop_err *, void *);

static const char *progname_cmd = "";

int
main(int argc, char *argv[])
{
	struct opts o;
	const char *cmd;
	int ch, i;

	iop_setprogname(argv[0]);
	/* getopt names the program by argv[0]: make it the short name. */
	argv[0] = (char *)iop_getprogname();
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "f:hjnV", longopts, NULL)) != -1) {
		if (iop_opt_common(ch, optarg, &o.in, &o.out))
			continue;
		switch (ch) {
		case 'f':
			o.file = optarg;
			break;
		case 'h':
			help();
			break;
		case 'n':
			o.dry = 1;
			break;
		case 'V':
			iop_version();
			break;
		case O_ACTIVE_ON:
			o.filter.on = iop_optdate("--active-on", optarg);
			o.filter.has_on = 1;
			break;
		case O_ADMITTED_FROM:
		case O_ADMITTED_TO:
			i = ch == O_ADMITTED_TO;
			o.filter.adm[i] = iop_optdate(i ? "--admitted-to" :
			    "--admitted-from", optarg);
			o.filter.has_adm[i] = 1;
			break;
		case O_AFTERCARE:
			o.aftercare = optarg;
			break;
		case O_ALLOW_DUPS:
			o.allow_dups = 1;
			break;
		case O_DATE:
			o.date = optarg;
			break;
		case O_DATE_ORDER:
			if (strcmp(optarg, "mdy") == 0)
				o.dateflags = IOP_PN_MDY;
			else if (strcmp(optarg, "dmy") == 0)
				o.dateflags = IOP_PN_DMY;
			else if (strcmp(optarg, "ymd") == 0)
				o.dateflags = 0;
			else {
				iop_warnx("--date-order: '%s' is not ymd, mdy "
				    "or dmy", optarg);
				iop_usage(NULL);
			}
			break;
		case O_DISCH_FROM:
		case O_DISCH_TO:
			i = ch == O_DISCH_TO;
			o.filter.dis[i] = iop_optdate(i ? "--discharged-to" :
			    "--discharged-from", optarg);
			o.filter.has_dis[i] = 1;
			break;
		case O_EXISTING:
			o.existing = optarg;
			break;
		case O_FIELDS:
			o.fields = optarg;
			break;
		case O_GOAL:
			if (o.goals.len > 0)
				iop_buf_addc(&o.goals, ';');
			iop_buf_adds(&o.goals, optarg);
			break;
		case O_MAP:
			if (strchr(optarg, '=') == NULL) {
				iop_warnx("--map: '%s' is not FROM=TO", optarg);
				iop_usage(NULL);
			}
			o.map = ereallocarray(o.map, o.nmap + 1,
			    sizeof(*o.map));
			o.map[o.nmap++] = optarg;
			break;
		case O_NOTE:
			o.note = optarg;
			break;
		case O_REASON:
			o.reason = optarg;
			break;
		case O_STATUS:
			o.filter.status = optarg;
			break;
		case O_TO:
			o.to = optarg;
			break;
		default:
			if (ch < O_SET || ch >= O_SET + IOP_P_NCOLS)
				iop_usage(SYNOPSIS);
			o.set[ch - O_SET] = optarg;
		}
	}
	/* --focus, --level and --track are also list's filters. */
	o.filter.focus = o.set[IOP_P_FOCUS];
	o.filter.level = o.set[IOP_P_LEVEL];
	o.filter.track = o.set[IOP_P_TRACK];
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		iop_warnx("no command given");
		iop_usage(SYNOPSIS);
	}
	cmd = argv[0];
	progname_cmd = cmd;
	argc--;
	argv++;
	if (strcmp(cmd, "add") == 0)
		return cmd_add(&o, argc, argv);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(&o, argc, argv);
	if (strcmp(cmd, "status") == 0 || strcmp(cmd, "discharge") == 0 ||
	    strcmp(cmd, "goal") == 0 || strcmp(cmd, "aftercare") == 0)
		return cmd_change(&o, cmd, argc, argv);
	if (strcmp(cmd, "list") == 0)
		return cmd_list(&o, argc, argv);
	if (strcmp(cmd, "validate") == 0)
		return cmd_validate(&o, argc, argv);
	iop_warnx("unknown command '%s'", cmd);
	iop_usage(SYNOPSIS);
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
	iop_edit_open(&l->ed, src, flags, &o->in, &o->out);
	iop_person_complete_hdr(l->ed.hdr);
	iop_person_index(&l->p, l->ed.hdr);
}

/* Next record of the list, fitted to the output header. */
static int
list_next(struct list *l)
{
	long id;

	if (!iop_edit_next(&l->ed))
		return 0;
	id = iop_person_idnum(iop_rec_get(&l->ed.rec,
	    (size_t)l->p.col[IOP_P_ID]));
	if (id > l->maxid)
		l->maxid = id;
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

static void
missing_cb(const char *col, void *arg)
{
	iop_warnx_at(arg, 1, 0, "missing required column '%s' (or --map a "
	    "column to it)", col);
}

/* Error columns from the output header are reported as intake columns. */
struct remap {
	long	*inv;
	size_t	 n;
	int	*status;
};

static void
remap_cb(const struct iop_err *e, void *arg)
{
	struct remap *m = arg;
	struct iop_err c = *e;

	if (c.col > 0)
		c.col = c.col - 1 < m->n ? (size_t)m->inv[c.col - 1] : 0;
	iop_report(&c);
	*m->status = 1;
}

/*
 * Add people to the list: from the intake reader, or the one record that
 * add built from its options.  Existing people give IDs and duplicate keys.
 */
static int
add_people(struct opts *o, struct iop_reader *in, struct iop_rec *one)
{
	struct iop_roster ro;
	struct list l;
	struct iop_rec nr;
	struct iop_err e;
	struct remap rm;
	const char *src = o->file != NULL ? o->file : o->existing;
	char newid[32] = "";
	long *map = NULL;
	size_t i, idcol;
	int status = 0, rv, added = 0;

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
	    iop_reader_hdr(l.ed.rd) != NULL) {
		for (i = 0; i < IOP_P_NCOLS; i++)
			if (iop_hdr_find(iop_reader_hdr(l.ed.rd),
			    iop_person_cols[i]) < 0) {
				iop_warnx("%s: no column '%s'; bring the file "
				    "up to date with -f first", o->existing,
				    iop_person_cols[i]);
				goto fail;
			}
	}
	memset(&e, 0, sizeof(e));
	if (in != NULL) {
		rv = iop_reader_header(in, &e);
		if (rv != IOP_OK) {
			if (rv == IOP_EOF)
				iop_seterr(&e, iop_reader_name(in), 0, 0,
				    "empty input: no intake records");
			iop_report(&e);
			goto fail;
		}
		map = ecalloc(iop_reader_hdr(in)->n, sizeof(*map));
		if (iop_person_map(o->map, o->nmap, iop_reader_hdr(in),
		    l.ed.hdr, o->file != NULL || o->existing == NULL, &e,
		    map) != 0) {
			e.file = iop_reader_name(in);
			iop_report(&e);
			goto fail;
		}
		iop_person_index(&l.p, l.ed.hdr);
		if (iop_person_intake_missing(iop_reader_hdr(in), map, &l.p,
		    missing_cb, (void *)iop_reader_name(in)) > 0)
			goto fail;
	}
	rm.n = l.ed.hdr->n;
	rm.inv = ecalloc(rm.n, sizeof(*rm.inv));
	rm.status = &status;
	idcol = (size_t)l.p.col[IOP_P_ID];
	iop_rec_init(&nr);
	for (;;) {
		if (in != NULL && !iop_read(in, one, &status))
			break;
		iop_rec_clear(&nr);
		nr.hdr = l.ed.hdr;
		iop_rec_fit(&nr);
		for (i = 0; i < rm.n; i++)
			rm.inv[i] = 0;
		/* Intake columns by the map; add's options by name. */
		for (i = 0; i < one->n; i++) {
			long j = in != NULL ? map[i] : iop_hdr_find(l.ed.hdr,
			    one->hdr->names[i]);

			if (j < 0)
				continue;
			iop_rec_setn(&nr, (size_t)j, iop_rec_get(one, i),
			    iop_rec_len(one, i), iop_rec_kind(one, i));
			if (in != NULL)
				rm.inv[j] = (long)i + 1;
		}
		nr.line = in != NULL ? one->line : 0;
		nr.src = one->src;
		if (iop_person_check(&nr, &l.p, IOP_PN_INTAKE | o->dateflags,
		    l.today, remap_cb, &rm) != 0)
			goto next;
		if (iop_roster_admit(&ro, &nr, &l.p, rm.inv[idcol] > 0 ?
		    (size_t)rm.inv[idcol] : 0, &e) < 0) {
			iop_report(&e);
			status = 1;
			goto next;
		}
		list_put(&l, &nr);
		added++;
		if (in == NULL)
			snprintf(newid, sizeof(newid), "%s",
			    iop_rec_get(&nr, idcol));
next:
		if (in == NULL)
			break;
	}
	free(map);
	free(rm.inv);
	iop_rec_free(&nr);
	iop_roster_free(&ro);
	rv = iop_edit_close(&l.ed, !o->dry && added > 0);
	/* add -f prints the new ID once it is safely in the file. */
	if (rv == 0 && o->file != NULL && !o->dry && newid[0] != '\0')
		printf("%s\n", newid);
	return iop_finish(NULL, rv ? rv : status);
fail:
	free(map);
	iop_roster_free(&ro);
	iop_edit_close(&l.ed, 0);
	return iop_finish(NULL, 1);
}

static int
cmd_add(struct opts *o, int argc, char **argv)
{
	struct iop_hdr *h;
	struct iop_rec r;
	size_t i;
	int rv;

	(void)argv;
	if (argc > 0) {
		iop_warnx("add: unexpected argument '%s'", argv[0]);
		iop_usage(SYNOPSIS);
	}
	if (o->goals.len > 0)
		o->set[IOP_P_GOALS] = o->goals.s;
	h = iop_hdr_new();
	iop_person_complete_hdr(h);
	iop_rec_init(&r);
	r.hdr = h;
	r.src = "<options>";
	for (i = 0; i < IOP_P_NCOLS; i++)
		iop_rec_set(&r, i, o->set[i] != NULL ? o->set[i] : "");
	r.line = 0;
	rv = add_people(o, NULL, &r);
	iop_rec_free(&r);
	iop_hdr_free(h);
	iop_buf_free(&o->goals);
	return rv;
}

static int
cmd_import(struct opts *o, int argc, char **argv)
{
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
cmd_change(struct opts *o, const char *cmd, int argc, char **argv)
{
	struct list l;
	const char *id;
	long want, got;
	struct iop_change ch;
	struct iop_err e;
	int st = -1, found = 0, bad = 0, need, rv;

	memset(&ch, 0, sizeof(ch));
	memset(&e, 0, sizeof(e));
	need = strcmp(cmd, "discharge") == 0 ? 1 : 2;
	if (argc != need) {
		iop_warnx("%s: expected %s", cmd, need == 1 ? "an ID" :
		    strcmp(cmd, "status") == 0 ? "an ID and a status" :
		    strcmp(cmd, "goal") == 0 ? "an ID and the goal's text" :
		    "an ID and the aftercare plan");
		iop_usage(SYNOPSIS);
	}
	id = argv[0];
	if ((want = iop_person_idnum(id)) < 0) {
		iop_warnx("%s: '%s' is not a participant ID (P0042)", cmd, id);
		iop_usage(SYNOPSIS);
	}
	if (strcmp(cmd, "status") == 0 &&
	    (st = iop_enum_parse(argv[1], iop_status_names, 0)) < 0) {
		iop_warnx("status: '%s' is not active, stepped_down, "
		    "transferred, completed or discharged", argv[1]);
		iop_usage(SYNOPSIS);
	}
	if (strcmp(cmd, "discharge") == 0)
		st = IOP_ST_DISCHARGED;
	/* Check the options before any record is written. */
	if (st == IOP_ST_DISCHARGED && (o->reason == NULL ||
	    iop_enum_parse(o->reason, iop_discharge_reason_names, 0) < 0)) {
		if (o->reason == NULL)
			iop_warnx("%s needs --reason (completed, "
			    "left_against_advice, non_attendance, "
			    "higher_level_of_care or other)", cmd);
		else
			iop_warnx("--reason: '%s' is not completed, "
			    "left_against_advice, non_attendance, "
			    "higher_level_of_care or other", o->reason);
		iop_usage(NULL);
	}
	if (st == IOP_ST_TRANSFERRED && o->to == NULL) {
		iop_warnx("transferred needs --to (where to)");
		iop_usage(NULL);
	}
	if (o->date != NULL)
		(void)iop_optdate("--date", o->date);
	if (strcmp(cmd, "goal") == 0 && strchr(argv[1], ';') != NULL) {
		iop_warnx("goal: a goal cannot contain ';' (the list "
		    "separator)");
		iop_usage(SYNOPSIS);
	}
	list_open(&l, o, o->file, 0, 1);
	while (list_next(&l)) {
		got = iop_person_idnum(iop_rec_get(&l.ed.rec,
		    (size_t)l.p.col[IOP_P_ID]));
		if (got == want && !found && l.ed.status == 0) {
			found = 1;
			if (st >= 0) {
				ch.status = st;
				ch.date = o->date != NULL ? iop_optdate("--date",
				    o->date) : l.today;
				ch.reason = o->reason;
				ch.note = o->note;
				ch.to = o->to;
				ch.aftercare = o->aftercare;
				ch.aftercare_note = o->set[IOP_P_AFTERCARE_NOTE];
				rv = iop_person_set_status(&l.ed.rec, &l.p, &ch,
				    l.today, &e);
				if (rv != 0)
					iop_report(&e);
			}
			else if (strcmp(cmd, "goal") == 0) {
				rv = 0;
				iop_person_add_goal(&l.ed.rec, &l.p, argv[1]);
			} else {
				rv = 0;
				iop_rec_set(&l.ed.rec, (size_t)l.p.col[
				    IOP_P_AFTERCARE], argv[1]);
				if (o->note != NULL ||
				    o->set[IOP_P_AFTERCARE_NOTE] != NULL)
					iop_rec_set(&l.ed.rec, (size_t)l.p.col[
					    IOP_P_AFTERCARE_NOTE], o->note != NULL ?
					    o->note : o->set[IOP_P_AFTERCARE_NOTE]);
			}
			if (rv == -2) {
				iop_edit_close(&l.ed, 0);
				exit(2);
			}
			if (rv != 0 || iop_person_check(&l.ed.rec, &l.p, 0,
			    l.today, report_cb, &bad) != 0)
				bad = 1;
		}
		list_put(&l, &l.ed.rec);
	}
	if (!found && l.ed.status == 0) {
		iop_warnx("%s: no participant %s in %s", cmd, id,
		    o->file != NULL ? o->file : "<stdin>");
		bad = 1;
	}
	rv = iop_edit_close(&l.ed, !bad && !o->dry);
	return iop_finish(NULL, rv ? rv : bad);
}

/*
 * The header of the first input that has one: an input that cannot be
 * opened is reported and the next one is tried (STYLE rule 14).
 */
static int
first_header(struct iop_reader *rd, int *status)
{
	struct iop_err e;
	int rv;

	for (;;) {
		memset(&e, 0, sizeof(e));
		if ((rv = iop_reader_header(rd, &e)) == IOP_OK)
			return 0;
		if (rv == IOP_EOF)
			return -1;
		iop_report(&e);
		*status = 1;
	}
}

static int
cmd_list(struct opts *o, int argc, char **argv)
{
	struct iop_reader *rd;
	struct iop_writer *wr;
	struct iop_person p;
	struct iop_hdr *oh = NULL;
	struct iop_rec r, out;
	struct iop_err e;
	char *fl, *tok, *save;
	long *sel = NULL;
	size_t i, nsel = 0;
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
	if (first_header(rd, &status) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	iop_person_index(&p, iop_reader_hdr(rd));
	if (o->fields != NULL) {
		int bad = 0;

		oh = iop_hdr_new();
		fl = estrdup(o->fields);
		for (tok = strtok_r(fl, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			long c = iop_hdr_find(iop_reader_hdr(rd), tok);

			if (c < 0) {
				iop_warnx("--fields: no column '%s' in %s", tok,
				    iop_reader_name(rd));
				bad = 1;
				continue;
			}
			sel = ereallocarray(sel, nsel + 1, sizeof(*sel));
			sel[nsel++] = c;
			iop_hdr_ensure(oh, tok);
		}
		free(fl);
		if (bad || nsel == 0) {
			iop_reader_close(rd);
			iop_hdr_free(oh);
			free(sel);
			return 1;
		}
	}
	wr = iop_out_stdout(&o->out);
	iop_rec_init(&r);
	iop_rec_init(&out);
	while (iop_read(rd, &r, &status)) {
#define GET(c)	(p.col[c] >= 0 ? iop_rec_get(&r, (size_t)p.col[c]) : "")
		if ((ok = iop_pfilter_match(&o->filter, &r, &p, &e)) < 0) {
			iop_report(&e);
			status = 1;
			continue;
		}
		if (!ok)
			continue;
		iop_person_kinds(&r, &p);
		if (oh == NULL) {
			iop_writer_put(wr, &r);
			continue;
		}
		iop_rec_clear(&out);
		out.hdr = oh;
		for (i = 0; i < nsel; i++)
			iop_rec_push(&out, iop_rec_get(&r, (size_t)sel[i]),
			    iop_rec_len(&r, (size_t)sel[i]),
			    iop_rec_kind(&r, (size_t)sel[i]));
		iop_writer_put(wr, &out);
	}
	iop_writer_header(wr, oh != NULL ? oh : iop_reader_hdr(rd));
	iop_rec_free(&r);
	iop_rec_free(&out);
	iop_reader_close(rd);
	iop_hdr_free(oh);
	free(sel);
	return iop_finish(wr, status);
}

static int
cmd_validate(struct opts *o, int argc, char **argv)
{
	static const char *const required[] = { "participant_id",
	    "first_name", "last_name", "dob", "focus", "track",
	    "admission_date", "status", NULL };
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
	if (first_header(rd, &status) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	if (iop_require(rd, required) != 0) {
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
