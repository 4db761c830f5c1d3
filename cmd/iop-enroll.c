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
	O_ADMITTED = IOP_OPT_FIRST_FREE, O_ADMITTED_FROM, O_ADMITTED_TO,
	O_AFTERCARE, O_AFTERCARE_NOTE, O_ALLOW_DUPS, O_AUTH_DAYS, O_AUTH_END, O_AUTH_ID,
	O_AUTH_START, O_ACTIVE_ON, O_DATE, O_DATE_ORDER, O_DISCH_FROM,
	O_DISCH_TO, O_DOB, O_EMAIL, O_EXISTING, O_FIELDS, O_FIRST, O_FOCUS,
	O_GOAL, O_LAST, O_LEVEL, O_MAP, O_NOTE, O_PAYER, O_PHONE, O_REASON,
	O_REFERRAL, O_STATUS, O_TO, O_TRACK, O_WEEKS
};

static const struct option longopts[] = {
	{ "active-on", required_argument, NULL, O_ACTIVE_ON },
	{ "admitted", required_argument, NULL, O_ADMITTED },
	{ "admitted-from", required_argument, NULL, O_ADMITTED_FROM },
	{ "admitted-to", required_argument, NULL, O_ADMITTED_TO },
	{ "aftercare", required_argument, NULL, O_AFTERCARE },
	{ "aftercare-note", required_argument, NULL, O_AFTERCARE_NOTE },
	{ "allow-duplicates", no_argument, NULL, O_ALLOW_DUPS },
	{ "auth-days", required_argument, NULL, O_AUTH_DAYS },
	{ "auth-end", required_argument, NULL, O_AUTH_END },
	{ "auth-id", required_argument, NULL, O_AUTH_ID },
	{ "auth-start", required_argument, NULL, O_AUTH_START },
	{ "date", required_argument, NULL, O_DATE },
	{ "date-order", required_argument, NULL, O_DATE_ORDER },
	{ "discharged-from", required_argument, NULL, O_DISCH_FROM },
	{ "discharged-to", required_argument, NULL, O_DISCH_TO },
	{ "dob", required_argument, NULL, O_DOB },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "email", required_argument, NULL, O_EMAIL },
	{ "existing", required_argument, NULL, O_EXISTING },
	{ "fields", required_argument, NULL, O_FIELDS },
	{ "file", required_argument, NULL, 'f' },
	{ "first-name", required_argument, NULL, O_FIRST },
	{ "focus", required_argument, NULL, O_FOCUS },
	{ "goal", required_argument, NULL, O_GOAL },
	{ "help", no_argument, NULL, 'h' },
	{ "last-name", required_argument, NULL, O_LAST },
	{ "level", required_argument, NULL, O_LEVEL },
	{ "map", required_argument, NULL, O_MAP },
	{ "note", required_argument, NULL, O_NOTE },
	{ "payer", required_argument, NULL, O_PAYER },
	{ "phone", required_argument, NULL, O_PHONE },
	{ "planned-weeks", required_argument, NULL, O_WEEKS },
	{ "reason", required_argument, NULL, O_REASON },
	{ "referral-source", required_argument, NULL, O_REFERRAL },
	{ "status", required_argument, NULL, O_STATUS },
	{ "to", required_argument, NULL, O_TO },
	{ "track", required_argument, NULL, O_TRACK },
	{ "version", no_argument, NULL, 'V' },
	IOP_OUT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* Intake header aliases, matched after iop_str_key(). */
static const char *const aliases[][2] = {
	{ "id", "participant_id" }, { "first", "first_name" },
	{ "given_name", "first_name" }, { "firstname", "first_name" },
	{ "last", "last_name" }, { "surname", "last_name" },
	{ "family_name", "last_name" }, { "lastname", "last_name" },
	{ "date_of_birth", "dob" }, { "birth_date", "dob" },
	{ "birthdate", "dob" }, { "phone_number", "phone" },
	{ "telephone", "phone" }, { "mobile", "phone" },
	{ "e_mail", "email" }, { "email_address", "email" },
	{ "referral", "referral_source" }, { "referred_by", "referral_source" },
	{ "admit_date", "admission_date" }, { "admission", "admission_date" },
	{ "admitted", "admission_date" }, { "start_date", "admission_date" },
	{ "level", "level_of_care" }, { "insurance", "payer" },
	{ "goal", "goals" }, { NULL, NULL }
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
	const char		*f_status, *f_track, *f_focus, *f_level;
	long			 f_adm[2], f_dis[2], f_on;
	int			 has_adm[2], has_dis[2], has_on;
	const char		*fields;
	/* import */
	char			**map;
	size_t			 nmap;
};

/* One pass over a participant list, from a file in place or stdin. */
struct list {
	struct iop_update	*u;
	struct iop_reader	*rd;
	struct iop_writer	*wr;
	struct iop_hdr		*hdr;	/* output header */
	struct iop_person	 p;
	struct iop_rec		 rec;
	FILE			*out;
	const char		*name;
	long			 maxid;
	long			 today;
	int			 status;
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
static long	 today(void);
static long	 optdate(const char *, const char *);

static const char *progname_cmd = "";

int
main(int argc, char *argv[])
{
	struct opts o;
	const char *cmd;
	int ch, i;

	iop_setprogname(argv[0]);
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
			o.f_on = optdate("--active-on", optarg);
			o.has_on = 1;
			break;
		case O_ADMITTED:
			o.set[IOP_P_ADMISSION] = optarg;
			break;
		case O_ADMITTED_FROM:
		case O_ADMITTED_TO:
			i = ch == O_ADMITTED_TO;
			o.f_adm[i] = optdate(i ? "--admitted-to" :
			    "--admitted-from", optarg);
			o.has_adm[i] = 1;
			break;
		case O_AFTERCARE:
			o.aftercare = optarg;
			break;
		case O_AFTERCARE_NOTE:
			o.set[IOP_P_AFTERCARE_NOTE] = optarg;
			break;
		case O_ALLOW_DUPS:
			o.allow_dups = 1;
			break;
		case O_AUTH_DAYS:
			o.set[IOP_P_AUTH_DAYS] = optarg;
			break;
		case O_AUTH_END:
			o.set[IOP_P_AUTH_END] = optarg;
			break;
		case O_AUTH_ID:
			o.set[IOP_P_AUTH_ID] = optarg;
			break;
		case O_AUTH_START:
			o.set[IOP_P_AUTH_START] = optarg;
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
			o.f_dis[i] = optdate(i ? "--discharged-to" :
			    "--discharged-from", optarg);
			o.has_dis[i] = 1;
			break;
		case O_DOB:
			o.set[IOP_P_DOB] = optarg;
			break;
		case O_EMAIL:
			o.set[IOP_P_EMAIL] = optarg;
			break;
		case O_EXISTING:
			o.existing = optarg;
			break;
		case O_FIELDS:
			o.fields = optarg;
			break;
		case O_FIRST:
			o.set[IOP_P_FIRST] = optarg;
			break;
		case O_FOCUS:
			o.set[IOP_P_FOCUS] = optarg;
			o.f_focus = optarg;
			break;
		case O_GOAL:
			if (o.goals.len > 0)
				iop_buf_addc(&o.goals, ';');
			iop_buf_adds(&o.goals, optarg);
			break;
		case O_LAST:
			o.set[IOP_P_LAST] = optarg;
			break;
		case O_LEVEL:
			o.set[IOP_P_LEVEL] = optarg;
			o.f_level = optarg;
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
		case O_PAYER:
			o.set[IOP_P_PAYER] = optarg;
			break;
		case O_PHONE:
			o.set[IOP_P_PHONE] = optarg;
			break;
		case O_REASON:
			o.reason = optarg;
			break;
		case O_REFERRAL:
			o.set[IOP_P_REFERRAL] = optarg;
			break;
		case O_STATUS:
			o.f_status = optarg;
			break;
		case O_TO:
			o.to = optarg;
			break;
		case O_TRACK:
			o.set[IOP_P_TRACK] = optarg;
			o.f_track = optarg;
			break;
		case O_WEEKS:
			o.set[IOP_P_WEEKS] = optarg;
			break;
		default:
			iop_usage(SYNOPSIS);
		}
	}
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

static long
optdate(const char *opt, const char *arg)
{
	long d;

	if (iop_date_parse(arg, &d) != 0) {
		iop_warnx("%s: '%s' is not a date (YYYY-MM-DD)", opt, arg);
		iop_usage(NULL);
	}
	return d;
}

static void
report_cb(const struct iop_err *e, void *arg)
{
	int *status = arg;

	iop_report(e);
	*status = 1;
}

static long
today(void)
{
	long t;

	if (iop_today(&t) != 0)
		iop_errx(2, "IOP_TODAY: not a date (YYYY-MM-DD)");
	return t;
}

/* Mark the kinds of the participant columns for JSON output. */
static void
kinds(struct iop_rec *r, const struct iop_person *p)
{
	static const int lists[] = { IOP_P_GOALS, IOP_P_AFTERCARE,
	    IOP_P_HISTORY };
	static const int nums[] = { IOP_P_WEEKS, IOP_P_AUTH_DAYS };
	size_t i;

	for (i = 0; i < 3; i++)
		if (p->col[lists[i]] >= 0)
			iop_rec_set_kind(r, (size_t)p->col[lists[i]],
			    IOP_K_LIST);
	for (i = 0; i < 2; i++)
		if (p->col[nums[i]] >= 0)
			iop_rec_set_kind(r, (size_t)p->col[nums[i]],
			    *iop_rec_get(r, (size_t)p->col[nums[i]]) != '\0' ?
			    IOP_K_NUM : IOP_K_STR);
}

/*
 * Open the participant list: FILE in place (locked) when -f is given,
 * else standard input.  The output header is the list's own plus any
 * participant columns it lacks.
 */
static void
list_open(struct list *l, const struct opts *o, const char *src, int create,
    int use_stdin)
{
	struct iop_err e;
	enum iop_fmt fmt = o->out.fmt;
	int fd, rv;

	memset(l, 0, sizeof(*l));
	memset(&e, 0, sizeof(e));
	l->today = today();
	l->name = src;
	iop_rec_init(&l->rec);
	if (src != NULL && o->file != NULL && src == o->file) {
		if ((l->u = iop_update_begin(src, create ? IOP_UPD_CREATE : 0,
		    &e)) == NULL) {
			iop_report(&e);
			exit(1);
		}
		fd = iop_update_oldfd(l->u);
		if (fd >= 0)
			l->rd = iop_reader_fdopen(fd, src, o->in.fmt,
			    o->in.flags | IOP_RD_EMPTY_OK, &e);
		l->out = iop_update_out(l->u);
	} else if (src != NULL) {
		char *p[1] = { (char *)src };

		l->rd = iop_reader_open(p, 1, o->in.fmt,
		    o->in.flags | IOP_RD_EMPTY_OK, &e);
		l->out = stdout;
	} else if (!use_stdin) {
		l->out = stdout;
	} else {
		if (isatty(STDIN_FILENO)) {
			iop_warnx("%s: give the participant list with -f FILE "
			    "or on standard input", progname_cmd);
			iop_usage(SYNOPSIS);
		}
		l->rd = iop_reader_open(NULL, 0, o->in.fmt,
		    o->in.flags | IOP_RD_EMPTY_OK, &e);
		l->out = stdout;
	}
	l->hdr = iop_hdr_new();
	if (l->rd != NULL) {
		rv = iop_reader_header(l->rd, &e);
		if (rv == IOP_OK) {
			iop_hdr_free(l->hdr);
			l->hdr = iop_hdr_dup(iop_reader_hdr(l->rd));
			if (l->u != NULL)
				fmt = iop_reader_fmt(l->rd);
		} else if (rv != IOP_EOF) {
			iop_report(&e);
			if (l->u != NULL)
				iop_update_abort(l->u);
			exit(1);
		}
	}
	iop_person_complete_hdr(l->hdr);
	iop_person_index(&l->p, l->hdr);
	if (l->out == stdout) {
		struct iop_outopt oo = o->out;

		l->wr = iop_out_stdout(&oo);
	} else
		l->wr = iop_writer_new(l->out, fmt, o->out.flags);
}

/* Next record of the list, fitted to the output header. */
static int
list_next(struct list *l)
{
	long id;

	if (l->rd == NULL || !iop_read(l->rd, &l->rec, &l->status))
		return 0;
	l->rec.hdr = l->hdr;
	iop_rec_fit(&l->rec);
	id = iop_person_idnum(iop_rec_get(&l->rec,
	    (size_t)l->p.col[IOP_P_ID]));
	if (id > l->maxid)
		l->maxid = id;
	kinds(&l->rec, &l->p);
	return 1;
}

static int
list_put(struct list *l, struct iop_rec *r)
{
	r->hdr = l->hdr;
	kinds(r, &l->p);
	if (iop_writer_put(l->wr, r) != 0) {
		l->status = 1;
		return -1;
	}
	return 0;
}

/*
 * Finish: commit the file or abort.  A list with records that could not
 * be read is never rewritten, since they would be lost.
 */
static int
list_close(struct list *l, int commit)
{
	struct iop_err e;
	int rv = l->status;

	memset(&e, 0, sizeof(e));
	iop_writer_header(l->wr, l->hdr);
	if (l->u != NULL) {
		if (iop_writer_close(l->wr) != 0) {
			iop_warnx("%s: write error; the file is unchanged",
			    l->name);
			rv = 1;
			commit = 0;
		}
		if (rv != 0 && commit)
			iop_warnx("%s: not updated: it has records that "
			    "cannot be read", l->name);
		if (commit && rv == 0) {
			if (iop_update_commit(l->u, &e) != 0) {
				iop_report(&e);
				rv = 1;
			}
		} else
			iop_update_abort(l->u);
		if (iop_close_stdout() != 0)
			rv = 1;
	} else
		rv = iop_finish(l->wr, rv);
	iop_reader_close(l->rd);
	iop_rec_free(&l->rec);
	iop_hdr_free(l->hdr);
	return rv;
}

/*
 * Map intake columns onto the output header: --map first, then exact
 * participant column names, then aliases ("Date of Birth" -> dob).
 * Unknown columns pass through under their own name.
 */
static int
map_intake(const struct opts *o, const struct iop_hdr *in, struct iop_hdr *out,
    int addcols, const char *inname, long *map)
{
	char key[256];
	size_t i, k, n;
	long j;
	int rv = 0;

	for (i = 0; i < in->n; i++) {
		const char *name = in->names[i], *to = NULL;

		for (k = 0; k < o->nmap; k++) {
			n = (size_t)(strchr(o->map[k], '=') - o->map[k]);
			if (strncmp(o->map[k], name, n) == 0 &&
			    name[n] == '\0')
				to = o->map[k] + n + 1;
		}
		if (to == NULL && iop_hdr_find(out, name) >= 0 &&
		    iop_enum_parse(name, iop_person_cols, 0) >= 0)
			to = name;
		if (to == NULL && strlen(name) < sizeof(key)) {
			int e;

			memcpy(key, name, strlen(name) + 1);
			iop_str_key(key);
			if ((e = iop_enum_parse(key, iop_person_cols, 0)) >= 0)
				to = iop_person_cols[e];
			for (k = 0; to == NULL && aliases[k][0] != NULL; k++)
				if (strcmp(key, aliases[k][0]) == 0)
					to = aliases[k][1];
		}
		if (to == NULL)
			to = name;
		if ((j = iop_hdr_find(out, to)) < 0) {
			if (!addcols) {
				iop_warnx_at(inname, 1, i + 1, "intake column "
				    "'%s' is not in the participant list; "
				    "add it there or use --file", name);
				rv = -1;
				continue;
			}
			j = (long)iop_hdr_add(out, to);
		}
		for (k = 0; k < i; k++)
			if (map[k] == j) {
				iop_warnx_at(inname, 1, i + 1, "columns %zu and "
				    "%zu both give field '%s'", k + 1, i + 1,
				    to);
				rv = -1;
			}
		map[i] = j;
	}
	return rv;
}

struct idset {
	uint8_t	*bits;
	size_t	 n;
};

static int
idset_test_set(struct idset *s, long id)
{
	size_t byte = (size_t)id / 8;
	int had;

	if (byte >= s->n) {
		size_t n = s->n ? s->n : 1024;

		while (n <= byte)
			n *= 2;
		s->bits = erealloc(s->bits, n);
		memset(s->bits + s->n, 0, n - s->n);
		s->n = n;
	}
	had = (s->bits[byte] >> (id % 8)) & 1;
	s->bits[byte] |= (uint8_t)(1 << (id % 8));
	return had;
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
	struct list l;
	struct iop_dupset *dups;
	struct idset ids = { NULL, 0 };
	struct iop_rec nr;
	struct iop_err e;
	struct remap rm;
	const char *src = o->file != NULL ? o->file : o->existing;
	const char *why;
	char idbuf[32];
	long *map = NULL, id, dup;
	size_t i, idcol;
	int status = 0, rv, added = 0;

	list_open(&l, o, src, o->file != NULL, 0);
	dups = iop_dupset_new();
	while (list_next(&l)) {
		id = iop_person_idnum(iop_rec_get(&l.rec,
		    (size_t)l.p.col[IOP_P_ID]));
		if (id > 0)
			(void)idset_test_set(&ids, id);
		iop_dupset_add(dups, &l.rec, &l.p, id > 0 ? id : 0);
		if (o->file != NULL)
			list_put(&l, &l.rec);
	}
	if (l.status != 0) {
		iop_dupset_free(dups);
		return list_close(&l, 0);
	}
	memset(&e, 0, sizeof(e));
	if (in != NULL) {
		rv = iop_reader_header(in, &e);
		if (rv != IOP_OK) {
			if (rv == IOP_EOF)
				iop_seterr(&e, iop_reader_name(in), 0, 0,
				    "empty input: no intake records");
			iop_report(&e);
			iop_dupset_free(dups);
			list_close(&l, 0);
			return 1;
		}
		map = ecalloc(iop_reader_hdr(in)->n, sizeof(*map));
		if (map_intake(o, iop_reader_hdr(in), l.hdr, o->file != NULL ||
		    o->existing == NULL, iop_reader_name(in), map) != 0) {
			free(map);
			iop_dupset_free(dups);
			list_close(&l, 0);
			return 1;
		}
		iop_person_index(&l.p, l.hdr);
	}
	if (o->existing != NULL && o->file == NULL)
		l.wr = (iop_writer_close(l.wr), iop_writer_new(stdout,
		    o->out.fmt, o->out.flags | IOP_WR_NOHEADER));
	rm.n = l.hdr->n;
	rm.inv = ecalloc(rm.n, sizeof(*rm.inv));
	rm.status = &status;
	idcol = (size_t)l.p.col[IOP_P_ID];
	iop_rec_init(&nr);
	for (;;) {
		if (in != NULL) {
			if (!iop_read(in, one, &status))
				break;
			iop_rec_clear(&nr);
			nr.hdr = l.hdr;
			iop_rec_fit(&nr);
			for (i = 0; i < one->n; i++) {
				iop_rec_setn(&nr, (size_t)map[i],
				    iop_rec_get(one, i), iop_rec_len(one, i),
				    IOP_K_STR);
				rm.inv[map[i]] = (long)i + 1;
			}
			nr.line = one->line;
			nr.src = one->src;
		} else {
			iop_rec_copy(&nr, one);
			nr.hdr = l.hdr;
			iop_rec_fit(&nr);
			for (i = 0; i < rm.n; i++)
				rm.inv[i] = 0;
		}
		if (iop_person_check(&nr, &l.p, IOP_PN_INTAKE | o->dateflags,
		    l.today, remap_cb, &rm) != 0)
			goto next;
		if (!o->allow_dups &&
		    (dup = iop_dupset_find(dups, &nr, &l.p, &why)) >= 0) {
			iop_person_idfmt(dup, idbuf, sizeof(idbuf));
			iop_warnx_at(nr.src, nr.line, 0, "likely duplicate of "
			    "%s (%s); not added (--allow-duplicates adds it)",
			    dup > 0 ? idbuf : "a person without an ID", why);
			status = 1;
			goto next;
		}
		if (*(iop_rec_get(&nr, idcol)) != '\0') {
			id = iop_person_idnum(iop_rec_get(&nr, idcol));
			if (id > 0 && idset_test_set(&ids, id)) {
				iop_warnx_at(nr.src, nr.line, rm.inv[idcol] > 0 ?
				    (size_t)rm.inv[idcol] : 0,
				    "field 'participant_id': %s is already "
				    "taken", iop_rec_get(&nr, idcol));
				status = 1;
				goto next;
			}
			if (id > l.maxid)
				l.maxid = id;
		} else {
			id = ++l.maxid;
			(void)idset_test_set(&ids, id);
			iop_person_idfmt(id, idbuf, sizeof(idbuf));
			iop_rec_set(&nr, idcol, idbuf);
		}
		{
			/* Admission opens the history. */
			size_t hc = (size_t)l.p.col[IOP_P_HISTORY];

			if (*iop_rec_get(&nr, hc) == '\0')
				iop_rec_setf(&nr, hc, "%s %s",
				    iop_rec_get(&nr,
				    (size_t)l.p.col[IOP_P_STATUS_DATE]),
				    iop_rec_get(&nr,
				    (size_t)l.p.col[IOP_P_STATUS]));
		}
		iop_dupset_add(dups, &nr, &l.p, id);
		list_put(&l, &nr);
		added++;
		if (in == NULL && o->file != NULL && !o->dry)
			printf("%s\n", iop_rec_get(&nr, idcol));
next:
		if (in == NULL)
			break;
	}
	free(map);
	free(rm.inv);
	free(ids.bits);
	iop_rec_free(&nr);
	iop_dupset_free(dups);
	rv = list_close(&l, !o->dry && added > 0);
	return rv ? rv : status;
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
has_item(const char *s, size_t n, void *arg)
{
	const char *want = arg;

	return strlen(want) == n && strncmp(s, want, n) == 0;
}

/* Apply a status change to one participant record. */
static int
apply_status(struct opts *o, struct list *l, struct iop_rec *r, int st)
{
	const struct iop_person *p = &l->p;
	const char *cur;
	char iso[11];
	long d, adm, sd;
	int curst, dr = -1;

#define COL(c)	((size_t)p->col[c])
	d = o->date != NULL ? optdate("--date", o->date) : l->today;
	if (d > l->today) {
		iop_warnx("--date: '%s' is in the future", o->date);
		return -1;
	}
	cur = iop_rec_get(r, COL(IOP_P_STATUS));
	curst = iop_enum_parse(cur, iop_status_names, 0);
	if (curst == st && st != IOP_ST_ACTIVE) {
		iop_warnx("%s is already %s", iop_rec_get(r, COL(IOP_P_ID)),
		    iop_status_names[st]);
		return -1;
	}
	if (curst == st) {
		iop_warnx("%s is already active", iop_rec_get(r,
		    COL(IOP_P_ID)));
		return -1;
	}
	if (iop_date_parse(iop_rec_get(r, COL(IOP_P_ADMISSION)), &adm) == 0 &&
	    d < adm) {
		iop_warnx("--date: before %s's admission date",
		    iop_rec_get(r, COL(IOP_P_ID)));
		return -1;
	}
	if (iop_date_parse(iop_rec_get(r, COL(IOP_P_STATUS_DATE)), &sd) == 0 &&
	    d < sd) {
		iop_warnx("--date: before %s's last status change",
		    iop_rec_get(r, COL(IOP_P_ID)));
		return -1;
	}
	if (st == IOP_ST_DISCHARGED) {
		if (o->reason == NULL) {
			iop_warnx("discharged needs --reason (completed, "
			    "left_against_advice, non_attendance, "
			    "higher_level_of_care or other)");
			return -2;
		}
		if ((dr = iop_enum_parse(o->reason,
		    iop_discharge_reason_names, 0)) < 0) {
			iop_warnx("--reason: '%s' is not completed, "
			    "left_against_advice, non_attendance, "
			    "higher_level_of_care or other", o->reason);
			return -2;
		}
		if (dr == 0)
			st = IOP_ST_COMPLETED;
	}
	if (st == IOP_ST_TRANSFERRED && o->to == NULL) {
		iop_warnx("transferred needs --to (where to)");
		return -2;
	}
	iop_date_fmt(d, iso);
	iop_rec_set(r, COL(IOP_P_STATUS), iop_status_names[st]);
	iop_rec_set(r, COL(IOP_P_STATUS_DATE), iso);
	iop_rec_set(r, COL(IOP_P_STATUS_REASON),
	    st != IOP_ST_DISCHARGED && o->reason != NULL ? o->reason :
	    o->note != NULL ? o->note : "");
	switch ((enum iop_status)st) {
	case IOP_ST_ACTIVE:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), "");
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON), "");
		iop_rec_set(r, COL(IOP_P_TRANSFER_TO), "");
		break;
	case IOP_ST_STEPPED_DOWN:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_LEVEL), "outpatient");
		break;
	case IOP_ST_TRANSFERRED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_TRANSFER_TO), o->to);
		break;
	case IOP_ST_COMPLETED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON), "completed");
		break;
	case IOP_ST_DISCHARGED:
		iop_rec_set(r, COL(IOP_P_DISCHARGE_DATE), iso);
		iop_rec_set(r, COL(IOP_P_DISCHARGE_REASON),
		    iop_discharge_reason_names[dr]);
		break;
	}
	if (o->aftercare != NULL)
		iop_rec_set(r, COL(IOP_P_AFTERCARE), o->aftercare);
	if (o->set[IOP_P_AFTERCARE_NOTE] != NULL)
		iop_rec_set(r, COL(IOP_P_AFTERCARE_NOTE),
		    o->set[IOP_P_AFTERCARE_NOTE]);
	{
		const char *h = iop_rec_get(r, COL(IOP_P_HISTORY));
		char *nh;
		size_t n = strlen(h) + 128;

		nh = emalloc(n);
		snprintf(nh, n, "%s%s%s %s%s%s", h, *h ? ";" : "", iso,
		    iop_status_names[st], dr > 0 ? " " : "",
		    dr > 0 ? iop_discharge_reason_names[dr] : "");
		iop_rec_set(r, COL(IOP_P_HISTORY), nh);
		free(nh);
	}
	return 0;
#undef COL
}

static int
cmd_change(struct opts *o, const char *cmd, int argc, char **argv)
{
	struct list l;
	const char *id;
	long want, got;
	int st = -1, found = 0, bad = 0, need, rv;

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
	if (strcmp(cmd, "goal") == 0 && strchr(argv[1], ';') != NULL) {
		iop_warnx("goal: a goal cannot contain ';' (the list "
		    "separator)");
		iop_usage(SYNOPSIS);
	}
	list_open(&l, o, o->file, 0, 1);
	while (list_next(&l)) {
		got = iop_person_idnum(iop_rec_get(&l.rec,
		    (size_t)l.p.col[IOP_P_ID]));
		if (got == want && !found && l.status == 0) {
			found = 1;
			if (st >= 0)
				rv = apply_status(o, &l, &l.rec, st);
			else if (strcmp(cmd, "goal") == 0) {
				size_t c = (size_t)l.p.col[IOP_P_GOALS];
				const char *g = iop_rec_get(&l.rec, c);
				char *ng;
				size_t n = strlen(g) + strlen(argv[1]) + 2;

				rv = 0;
				if (!iop_list_each(g, has_item, argv[1])) {
					ng = emalloc(n);
					snprintf(ng, n, "%s%s%s", g, *g ? ";" :
					    "", argv[1]);
					iop_rec_set(&l.rec, c, ng);
					free(ng);
				}
			} else {
				rv = 0;
				iop_rec_set(&l.rec, (size_t)l.p.col[
				    IOP_P_AFTERCARE], argv[1]);
				if (o->note != NULL)
					iop_rec_set(&l.rec, (size_t)l.p.col[
					    IOP_P_AFTERCARE_NOTE], o->note);
			}
			if (rv == -2) {
				list_close(&l, 0);
				exit(2);
			}
			if (rv != 0 || iop_person_check(&l.rec, &l.p, 0,
			    l.today, report_cb, &bad) != 0)
				bad = 1;
		}
		list_put(&l, &l.rec);
	}
	if (!found && l.status == 0) {
		iop_warnx("%s: no participant %s in %s", cmd, id,
		    o->file != NULL ? o->file : "<stdin>");
		bad = 1;
	}
	rv = list_close(&l, !bad && !o->dry);
	return rv ? rv : bad;
}

static int
match_list(const char *s, size_t n, void *arg)
{
	const char *v = arg;
	char key[64];

	if (n >= sizeof(key))
		return 0;
	memcpy(key, s, n);
	key[n] = '\0';
	iop_str_key(key);
	return strcmp(key, v) == 0;
}

/* Is value (as an enumeration key) among the comma-separated wanted ones? */
static int
match_any(const char *wanted, const char *value)
{
	char key[64], *c, *tok, *save;
	int ok = 0;

	snprintf(key, sizeof(key), "%s", value);
	iop_str_key(key);
	c = estrdup(wanted);
	for (tok = strtok_r(c, ",", &save); tok != NULL && !ok;
	    tok = strtok_r(NULL, ",", &save))
		ok = match_list(tok, strlen(tok), key);
	free(c);
	return ok;
}

static int
in_range(long d, const long *r, const int *has)
{
	return (!has[0] || d >= r[0]) && (!has[1] || d <= r[1]);
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
	long *sel = NULL, adm = 0, dis = 0;
	size_t i, nsel = 0;
	int status = 0, hasdis, ok;

	if (o->file != NULL) {
		if (argc > 0) {
			iop_warnx("list: give files or -f, not both");
			iop_usage(SYNOPSIS);
		}
		argv = (char **)&o->file;
		argc = 1;
	}
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
	memset(&e, 0, sizeof(e));
	if ((i = (size_t)iop_reader_header(rd, &e)) != IOP_OK) {
		iop_report(&e);
		iop_reader_close(rd);
		return 1;
	}
	iop_person_index(&p, iop_reader_hdr(rd));
	if (o->fields != NULL) {
		oh = iop_hdr_new();
		fl = estrdup(o->fields);
		for (tok = strtok_r(fl, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			long c = iop_hdr_find(iop_reader_hdr(rd), tok);

			if (c < 0) {
				iop_warnx("--fields: no column '%s' in %s", tok,
				    iop_reader_name(rd));
				status = 1;
				continue;
			}
			sel = ereallocarray(sel, nsel + 1, sizeof(*sel));
			sel[nsel++] = c;
			iop_hdr_ensure(oh, tok);
		}
		free(fl);
		if (status != 0 || nsel == 0) {
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
		ok = 1;
		if (o->f_status != NULL)
			ok = match_any(o->f_status, GET(IOP_P_STATUS));
		if (ok && o->f_track != NULL)
			ok = match_any(o->f_track, GET(IOP_P_TRACK));
		if (ok && o->f_focus != NULL)
			ok = match_any(o->f_focus, GET(IOP_P_FOCUS));
		if (ok && o->f_level != NULL)
			ok = match_any(o->f_level, GET(IOP_P_LEVEL));
		if (ok && (o->has_adm[0] || o->has_adm[1] || o->has_on)) {
			if (p.col[IOP_P_ADMISSION] < 0 ||
			    iop_field_date(&r, (size_t)p.col[IOP_P_ADMISSION],
			    "admission_date", &adm, &e) != 0) {
				if (p.col[IOP_P_ADMISSION] < 0)
					iop_seterr(&e, r.src, r.line, 0,
					    "no admission_date column");
				iop_report(&e);
				status = 1;
				continue;
			}
			ok = in_range(adm, o->f_adm, o->has_adm);
		}
		if (ok && (o->has_dis[0] || o->has_dis[1] || o->has_on)) {
			hasdis = 0;
			if (*GET(IOP_P_DISCHARGE_DATE) != '\0') {
				if (iop_field_date(&r,
				    (size_t)p.col[IOP_P_DISCHARGE_DATE],
				    "discharge_date", &dis, &e) != 0) {
					iop_report(&e);
					status = 1;
					continue;
				}
				hasdis = 1;
			}
			if (o->has_dis[0] || o->has_dis[1])
				ok = hasdis && in_range(dis, o->f_dis,
				    o->has_dis);
			if (ok && o->has_on)
				ok = adm <= o->f_on && (!hasdis ||
				    dis > o->f_on);
		}
#undef GET
		if (!ok)
			continue;
		kinds(&r, &p);
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
	struct iop_dupset *dups;
	struct idset ids = { NULL, 0 };
	struct iop_person p;
	struct iop_rec r;
	struct iop_err e;
	const char *why;
	char idbuf[32];
	long id, dup, t = today();
	int status = 0;

	if (o->file != NULL) {
		argv = (char **)&o->file;
		argc = 1;
	}
	rd = iop_open_inputs(argv, (size_t)argc, &o->in);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(rd, &e) != IOP_OK) {
		iop_report(&e);
		iop_reader_close(rd);
		return 1;
	}
	if (iop_require(rd, required) != 0) {
		iop_reader_close(rd);
		return 1;
	}
	iop_person_index(&p, iop_reader_hdr(rd));
	dups = iop_dupset_new();
	iop_rec_init(&r);
	while (iop_read(rd, &r, &status)) {
		if (iop_person_check(&r, &p, 0, t, report_cb, &status) != 0)
			continue;
		id = iop_person_idnum(iop_rec_get(&r, (size_t)p.col[IOP_P_ID]));
		if (idset_test_set(&ids, id)) {
			iop_warnx_at(r.src, r.line, (size_t)p.col[IOP_P_ID] + 1,
			    "field 'participant_id': %s is used by an earlier "
			    "record", iop_rec_get(&r, (size_t)p.col[IOP_P_ID]));
			status = 1;
			continue;
		}
		if ((dup = iop_dupset_find(dups, &r, &p, &why)) >= 0) {
			iop_person_idfmt(dup, idbuf, sizeof(idbuf));
			iop_warnx_at(r.src, r.line, 0, "warning: likely "
			    "duplicate of %s (%s)", idbuf, why);
		}
		iop_dupset_add(dups, &r, &p, id);
	}
	iop_rec_free(&r);
	iop_reader_close(rd);
	iop_dupset_free(dups);
	free(ids.bits);
	return iop_finish(NULL, status);
}
