/*
 * enroll.c -- iop-enroll's glue: the participant list opened in place, as
 * a file only read or on standard input, people added to it from intake
 * or add's options, and a change applied to one participant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"
#include "lib/cli/enroll.h"

/* One pass over a participant list, from a file in place or stdin. */
struct elist {
	struct iop_edit		 ed;
	struct iop_person	 p;
	long			 today;
};

static void	 list_open(struct elist *, const struct iop_ecli *,
		    const char *, int, int);
static int	 list_next(struct elist *);
static int	 list_put(struct elist *, struct iop_rec *);

/*
 * Open the participant list: FILE in place (locked) when -f is given, a
 * file only read (--existing), or standard input.  The output header is
 * the list's own plus any participant columns it lacks.
 */
static void
list_open(struct elist *l, const struct iop_ecli *o, const char *src,
    int create, int use_stdin)
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
list_next(struct elist *l)
{
	if (!iop_edit_next(&l->ed))
		return 0;
	iop_person_kinds(&l->ed.rec, &l->p);
	return 1;
}

static int
list_put(struct elist *l, struct iop_rec *r)
{
	r->hdr = l->ed.hdr;
	iop_person_kinds(r, &l->p);
	return iop_edit_put(&l->ed, r);
}

/*
 * Add people to the list: from the intake reader, or the one record that
 * add built from its options.  Existing people give IDs and duplicate keys.
 */
int
iop_ecli_add(const struct iop_ecli *o, struct iop_reader *in, struct iop_rec *one)
{
	struct iop_roster ro;
	struct iop_intake ik;
	struct elist l;
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
	    o->file != NULL || o->existing == NULL, &l.p, iop_report_fail_cb,
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

/*
 * Apply ch to the participant numbered want (id as given) and write the
 * list back; the exit status.
 */
int
iop_ecli_change(const struct iop_ecli *o, struct iop_change *ch,
    const char *cmd, const char *id, long want, int hasdate)
{
	struct elist l;
	long got;
	int found = 0, bad = 0, rv;

	list_open(&l, o, o->file, 0, 1);
	if (!hasdate)
		ch->date = l.today;
	while (list_next(&l)) {
		got = iop_person_idnum(iop_rec_get(&l.ed.rec,
		    (size_t)l.p.col[IOP_P_ID]));
		if (got == want && !found && l.ed.status == 0) {
			found = 1;
			/* Every problem is reported (iop_report_fail_cb sets bad). */
			rv = iop_person_change(&l.ed.rec, &l.p, ch, l.today,
			    iop_report_fail_cb, &bad);
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
		iop_warnx("%s: no participant %s in %s", cmd, id,
		    o->file != NULL ? o->file : "<stdin>");
		bad = 1;
	}
	rv = iop_edit_close(&l.ed, !bad && !o->dry);
	return iop_finish(NULL, rv ? rv : bad);
}

/* Check every participant record of the inputs; the exit status. */
int
iop_ecli_validate(const struct iop_ecli *o, char **argv, int argc)
{
	struct iop_reader *rd;
	struct iop_roster ro;
	struct iop_person p;
	struct iop_rec r;
	struct iop_err e, warn;
	long t = iop_opttoday();
	int status = 0, rv;

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
		if (iop_person_check(&r, &p, 0, t, iop_report_fail_cb, &status) != 0)
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
