/*
 * reader_private.h -- the reader's state, shared by reader.c (inputs,
 * CSV) and jsonl.c (JSON Lines).  Not for use outside lib/io.
 */
#ifndef IOP_READER_PRIVATE_H
#define IOP_READER_PRIVATE_H

#include <csv.h>

#define RD_BUFSZ	(128 * 1024)
#define RD_CSV_BLK	128	/* libcsv's own default growth */

struct iop_reader {
	char		**paths;
	size_t		  npaths;
	size_t		  next;		/* next path to open */
	int		  fd;		/* -1 between inputs */
	int		  ownfd;
	const char	 *name;
	enum iop_fmt	  want;
	enum iop_fmt	  fmt;		/* of the current input */
	enum iop_fmt	  first_fmt;
	int		  flags;
	char		 *buf;
	size_t		  pos, end;
	int		  eof;
	int		  started;	/* BOM and format seen */
	size_t		  line;		/* physical line of buf[pos] */
	struct iop_hdr	 *hdr;
	int		  in_hdr;	/* current input's header read */

	/* CSV state. */
	struct csv_parser csv;
	int		  csv_init;
	struct iop_rec	 *rec;		/* callback target */
	size_t		  nfields;
	size_t		  start_line;
	size_t		  since;	/* bytes fed since the last field */
	int		  done;
	int		  last_cr;
	int		  bad;
	int		  toolong;	/* a field over IOP_FIELD_MAX: fatal */
	struct iop_err	  recerr;
	int		  header_row;
	int		  style;	/* IOP_WR_BOM, IOP_WR_CRLF seen */
	int		  csv_mid;	/* libcsv holds part of a row */
	int		  cr_pend;	/* a segment ended in CR: LF may follow */

	/* Reading from memory (iop_reader_memopen). */
	const char	 *mem;
	size_t		  memlen, mempos;

	/* JSON Lines state. */
	struct iop_buf	  lbuf;
	struct iop_rec	  pending;
	int		  have_pending;
	int		  pending_rv;
	struct iop_err	  pending_err;
};

/* More bytes into r->buf; 1, 0 at the end of the input, or -1. */
int		 iop_rd_fill(struct iop_reader *, struct iop_err *);
/* How a message names field i: "field 'name'", or "field 3". */
const char	*iop_rd_field_name(const struct iop_reader *, size_t, char *,
		    size_t);
/* The next JSON Lines record: IOP_OK, IOP_REJECT, IOP_EOF, IOP_FATAL. */
int		 iop_rd_json_next(struct iop_reader *, struct iop_rec *,
		    struct iop_err *);

#endif /* IOP_READER_PRIVATE_H */
