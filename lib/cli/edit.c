/*
 * edit.c -- a record file edited in place or as a filter.  This is the
 * pass every command that changes a file makes (iop-enroll's status
 * changes, iop-attend's corrections): read every record, let the command
 * change or add some, write them all out.  In place, the output goes to
 * the safe-update temporary and is committed only when every record of
 * the old file was read; a record that could not be read would otherwise
 * be lost.  Command glue: reports on stderr like cli.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cli/cli.h"


void
iop_edit_open(struct iop_edit *ed, const char *path, int flags,
    const struct iop_filekind *kind, const struct iop_inopt *in,
    const struct iop_outopt *out)
{
	struct iop_err e;
	enum iop_fmt fmt = out->fmt;
	int fd, rv, wflags = out->flags;

	memset(ed, 0, sizeof(*ed));
	memset(&e, 0, sizeof(e));
	ed->name = path != NULL ? path : "<stdin>";
	iop_rec_init(&ed->rec);
	if (path != NULL && (flags & IOP_ED_INPLACE) && out->path != NULL) {
		iop_warnx("-o: %s is updated in place; -o does not apply",
		    path);
		iop_usage(NULL);
	}
	if (path != NULL && (flags & IOP_ED_INPLACE)) {
		ed->u = iop_update_begin(path, (flags & IOP_ED_CREATE) ?
		    IOP_UPD_CREATE : 0, &e);
		if (ed->u == NULL) {
			iop_report(&e);
			exit(1);
		}
		if ((fd = iop_update_oldfd(ed->u)) >= 0)
			ed->rd = iop_reader_fdopen(fd, path, in->fmt,
			    in->flags, &e);
	} else if (path != NULL) {
		char *p[1] = { (char *)path };

		ed->rd = iop_reader_open(p, 1, in->fmt,
		    in->flags, &e);
	} else if (!(flags & IOP_ED_NOINPUT)) {
		if (isatty(STDIN_FILENO)) {
			iop_warnx("give the file with -f FILE or on standard "
			    "input");
			iop_usage(NULL);
		}
		ed->rd = iop_reader_open(NULL, 0, in->fmt,
		    in->flags, &e);
	}
	ed->hdr = iop_hdr_new();
	if (ed->rd != NULL) {
		rv = iop_reader_header(ed->rd, &e);
		if (rv == IOP_OK) {
			iop_hdr_free(ed->hdr);
			ed->hdr = iop_hdr_dup(iop_reader_hdr(ed->rd));
			/*
			 * A file keeps its own format, byte-order mark and
			 * line ends; rows for appending match the file.
			 */
			if (ed->u != NULL || (flags & IOP_ED_NOHEADER)) {
				fmt = iop_reader_fmt(ed->rd);
				wflags |= iop_reader_style(ed->rd) &
				    ~(ed->u != NULL ? 0 : IOP_WR_BOM);
			}
		} else if (rv != IOP_EOF) {
			iop_report(&e);
			iop_update_abort(ed->u);
			exit(1);
		}
	}
	/* Old content in place: it must be a file of the kind. */
	if (ed->u != NULL && ed->rd != NULL && kind != NULL &&
	    iop_filekind_check(kind, ed->hdr, path, &e) != 0) {
		iop_report(&e);
		iop_reader_close(ed->rd);
		iop_update_abort(ed->u);
		exit(1);
	}
	if (flags & IOP_ED_NOHEADER)
		wflags |= IOP_WR_NOHEADER;
	if (ed->u != NULL)
		ed->wr = iop_writer_new(iop_update_out(ed->u), fmt, wflags);
	else {
		struct iop_outopt o = *out;

		o.flags = wflags;
		ed->wr = iop_out_stdout(&o);
	}
}

/* The next record, fitted to the output header. */
int
iop_edit_next(struct iop_edit *ed)
{
	if (ed->rd == NULL || !iop_read(ed->rd, &ed->rec, &ed->status))
		return 0;
	ed->rec.hdr = ed->hdr;
	iop_rec_fit(&ed->rec);
	return 1;
}

int
iop_edit_put(struct iop_edit *ed, struct iop_rec *r)
{
	r->hdr = ed->hdr;
	iop_rec_fit(r);
	if (iop_writer_put(ed->wr, r) != 0) {
		ed->status = 1;
		return -1;
	}
	return 0;
}

int
iop_edit_close(struct iop_edit *ed, int commit)
{
	struct iop_err e;
	int rv = ed->status;

	memset(&e, 0, sizeof(e));
	/* An empty result still gets its header, unless abandoned. */
	if (commit)
		iop_writer_header(ed->wr, ed->hdr);
	if (ed->u != NULL) {
		if (iop_writer_close(ed->wr) != 0) {
			iop_warnx("%s: write error; the file is unchanged",
			    ed->name);
			rv = 1;
		} else if (rv != 0 && commit)
			iop_warnx("%s: not updated: it has records that "
			    "cannot be read", ed->name);
		if (commit && rv == 0) {
			if (iop_update_commit(ed->u, &e) != 0) {
				iop_report(&e);
				rv = 1;
			}
		} else
			iop_update_abort(ed->u);
	} else
		rv = iop_finish(ed->wr, rv);
	iop_reader_close(ed->rd);
	iop_rec_free(&ed->rec);
	iop_hdr_free(ed->hdr);
	memset(ed, 0, sizeof(*ed));
	return rv;
}
