/*
 * schedule.c -- iop-schedule's glue: the inputs opened and checked, the
 * participants read, an earlier schedule's rows kept, appointments and
 * conflicts written, and the scheduler's issues reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"
#include "lib/cli/schedule.h"

static struct iop_reader *open_in(struct iop_scli *, char **, size_t,
		    const char *const *);

/* Open the inputs and check their columns; exits 1 when they are bad. */
static struct iop_reader *
open_in(struct iop_scli *c, char **files, size_t nfiles,
    const char *const *need)
{
	struct iop_reader *r;
	struct iop_err e;

	r = iop_open_inputs(files, nfiles, &c->in);
	memset(&e, 0, sizeof(e));
	if (iop_reader_header(r, &e) < 0) {
		iop_report(&e);
		exit(1);
	}
	if (iop_reader_hdr(r) != NULL && iop_require(r, need) != 0)
		exit(1);
	return r;
}

/* Read the participants due appointments; a bad record fails the run. */
void
iop_scli_people(struct iop_scli *c, char **files, int nfiles)
{
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_err e;
	struct iop_sperson *p;
	char *src = NULL;
	size_t i, cap = 0;

	r = open_in(c, files, (size_t)nfiles, iop_sperson_need);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status)) {
		if (c->np == cap) {
			cap = cap ? cap * 2 : 256;
			c->ps = ereallocarray(c->ps, cap, sizeof(*c->ps));
		}
		p = &c->ps[c->np];
		if (iop_sperson_parse(&c->prog, &rec, p, &e) != 0) {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		/* The reader's name changes with the input: keep a copy. */
		if (src == NULL || strcmp(src, iop_reader_name(r)) != 0) {
			src = estrdup(iop_reader_name(r));
			c->srcs = ereallocarray(c->srcs, c->nsrcs + 1,
			    sizeof(*c->srcs));
			c->srcs[c->nsrcs++] = src;
		}
		p->src = src;
		c->np++;
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	iop_sperson_sort(c->ps, c->np);
	for (i = 1; i < c->np; i++)
		if (strcmp(c->ps[i].id, c->ps[i - 1].id) == 0) {
			p = c->ps[i].line > c->ps[i - 1].line ? &c->ps[i] :
			    &c->ps[i - 1];
			iop_warnx_at(p->src, p->line, 0, "participant_id "
			    "repeats an earlier record; not scheduled twice");
			c->status = 1;
		}
}

void
iop_scli_emit(const struct iop_sappt *a, size_t n, void *arg)
{
	struct iop_scli *c = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		iop_sched_apptrec(&c->prog, c->ps, &a[i], &c->rec);
		if (iop_writer_put(c->w, &c->rec) != 0) {
			c->status = 1;
			return;
		}
	}
}

void
iop_scli_issue(const struct iop_issue *is, void *arg)
{
	struct iop_scli *c = arg;
	const struct iop_sperson *p;

	if (is->person >= 0) {
		p = &c->ps[is->person];
		iop_warnx_at(p->src, p->line, 0, "%s", is->msg);
	} else
		iop_warnx_at(c->progfile, 0, 0, "%s", is->msg);
}

/*
 * Keep the rows of an earlier schedule that come before from: they are
 * copied out unchanged and count toward staff hours, participants' weeks
 * and the sessions already held.  NULL for an empty file.
 */
struct iop_keep *
iop_scli_keep(struct iop_scli *c, const char *file, long from,
    struct iop_sched *s)
{
	struct iop_reader *r;
	struct iop_keep *k;
	struct iop_hdr *h;
	struct iop_rec rec;
	struct iop_err e;
	char *path = (char *)(uintptr_t)file;
	size_t i;

	r = open_in(c, &path, 1, iop_sched_cols);
	if ((h = iop_reader_hdr(r)) == NULL) {
		iop_reader_close(r);
		return NULL;
	}
	for (i = 0; i < h->n; i++)
		iop_hdr_ensure(c->hdr, h->names[i]);
	k = iop_keep_new(s, &c->prog, c->ps, c->np, from, c->hdr);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status))
		if (iop_keep_row(k, &rec, &e) < 0) {
			iop_report(&e);
			c->status = 1;
		}
	iop_rec_free(&rec);
	iop_reader_close(r);
	return k;
}

/* Read an appointments file for check and ics; bad rows are reported. */
size_t
iop_scli_rows(struct iop_scli *c, char **files, int nfiles,
    struct iop_appt **out)
{
	struct iop_reader *r;
	struct iop_rec rec;
	struct iop_appt_cols cols = { NULL, { 0 } };
	struct iop_err e;
	size_t n = 0, cap = 0;

	r = open_in(c, files, (size_t)nfiles, iop_appt_need);
	iop_rec_init(&rec);
	while (iop_read(r, &rec, &c->status)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*out = ereallocarray(*out, cap, sizeof(**out));
		}
		if (iop_appt_parse(&cols, &rec, &(*out)[n], &e) != 0) {
			iop_report(&e);
			c->status = 1;
			continue;
		}
		iop_appt_own(&(*out)[n++]);
	}
	iop_rec_free(&rec);
	iop_reader_close(r);
	return n;
}

void
iop_scli_conflict(const struct iop_conflict_rep *x, void *arg)
{
	struct iop_scli *c = arg;

	iop_conflict_rec(x, &c->rec);
	if (iop_writer_put(c->w, &c->rec) != 0)
		c->status = 1;
}
