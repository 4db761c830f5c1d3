/*
 * io.h -- records in and out: the record and its header, the CSV and JSON
 * Lines readers and writers, typed fields (dates, ISO weeks, times), safe
 * file update.  Uses lib/base only; never prints or exits.
 */
#ifndef IOP_IO_H
#define IOP_IO_H

#include "lib/base/base.h"

/* ---- rec.c: the record ----------------------------------------------------- */

/*
 * A header: the ordered field names, shared by every record of a stream.
 * Lookups go through the one hash map (base/map.c), keyed by the names.
 */
struct iop_hdr {
	size_t	  n;
	char	**names;
	size_t	  cap;
	struct iop_map map;	/* name -> index; keys are names[] */
	unsigned  refs;
};

/* The kind of a value, kept so that JSON Lines round-trips. */
enum iop_kind {
	IOP_K_STR = 0,
	IOP_K_NUM,
	IOP_K_BOOL,
	IOP_K_NULL,
	IOP_K_LIST	/* ';'-separated items; a JSON array of strings */
};

/*
 * A record: one text value per header field, stored back to back in one
 * buffer (values are NUL-terminated; off[i] indexes buf).  Records are
 * reused from one read to the next, so a loop allocates nothing per field.
 */
struct iop_rec {
	struct iop_hdr	*hdr;
	size_t		 n;	/* number of values (== hdr->n once complete) */
	size_t		 cap;
	size_t		*off;
	size_t		*len;
	unsigned char	*kind;
	char		*buf;
	size_t		 buflen;
	size_t		 bufcap;
	size_t		 line;	/* input line where the record starts */
	const char	*src;	/* input name, for diagnostics */
};

struct iop_hdr	*iop_hdr_new(void);
struct iop_hdr	*iop_hdr_dup(const struct iop_hdr *);
void		 iop_hdr_ref(struct iop_hdr *);
void		 iop_hdr_free(struct iop_hdr *);
long		 iop_hdr_find(const struct iop_hdr *, const char *);
long		 iop_hdr_findn(const struct iop_hdr *, const char *, size_t);
size_t		 iop_hdr_add(struct iop_hdr *, const char *);
size_t		 iop_hdr_ensure(struct iop_hdr *, const char *);
int		 iop_hdr_equal(const struct iop_hdr *, const struct iop_hdr *);

void		 iop_rec_init(struct iop_rec *);
void		 iop_rec_free(struct iop_rec *);
void		 iop_rec_clear(struct iop_rec *);
void		 iop_rec_push(struct iop_rec *, const char *, size_t,
		    enum iop_kind);
void		 iop_rec_set(struct iop_rec *, size_t, const char *);
void		 iop_rec_setn(struct iop_rec *, size_t, const char *, size_t,
		    enum iop_kind);
void		 iop_rec_setf(struct iop_rec *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 iop_rec_set_kind(struct iop_rec *, size_t, enum iop_kind);
void		 iop_rec_fit(struct iop_rec *);
void		 iop_rec_copy(struct iop_rec *, const struct iop_rec *);
void		 iop_rec_compact(struct iop_rec *);

/* Value of field i; "" for a field the record does not have. */
static inline const char *
iop_rec_get(const struct iop_rec *r, size_t i)
{
	return i < r->n ? r->buf + r->off[i] : "";
}

static inline size_t
iop_rec_len(const struct iop_rec *r, size_t i)
{
	return i < r->n ? r->len[i] : 0;
}

static inline enum iop_kind
iop_rec_kind(const struct iop_rec *r, size_t i)
{
	return i < r->n ? (enum iop_kind)r->kind[i] : IOP_K_NULL;
}

/* Value by name, or NULL when the header has no such field. */
const char	*iop_rec_getname(const struct iop_rec *, const char *);

/*
 * A projection: the columns named in a comma-separated list, in that
 * order, with a header of their own; a name listed twice is taken once.
 */
struct iop_sel {
	struct iop_hdr	*hdr;
	long		*col;	/* source index of each selected column */
	size_t		 n;
};

/*
 * Select the listed columns of a header.  Calls missing() with each name
 * the header lacks.  Returns 0, or -1 (and *s left empty) when a name is
 * missing or the list names no column.
 */
int		 iop_sel_parse(struct iop_sel *, const struct iop_hdr *,
		    const char *, void (*)(const char *, void *), void *);
/*
 * Make out the selected values of r (with their kinds); out points at the
 * selection's header, which iop_sel_free() frees.
 */
void		 iop_sel_apply(const struct iop_sel *, const struct iop_rec *,
		    struct iop_rec *);
void		 iop_sel_free(struct iop_sel *);

/* ---- reader.c: CSV and JSON Lines in ----------------------------------- */

enum iop_fmt {
	IOP_FMT_AUTO = 0,
	IOP_FMT_CSV,
	IOP_FMT_JSONL
};

/* Reader flags. */
#define IOP_RD_LENIENT	0x1	/* drop libcsv strict mode (--lenient) */

/* Results of iop_reader_next. */
#define IOP_OK		1	/* a record */
#define IOP_EOF		0	/* end of all inputs */
#define IOP_REJECT	(-1)	/* this record is bad; the stream goes on */
#define IOP_FATAL	(-2)	/* this input cannot be read further */

struct iop_reader;

/*
 * Open a reader on a list of paths ("-" is standard input; an empty list
 * means standard input).  The inputs are read in order as one stream and
 * must share a header.  Returns NULL with *e filled on a usage problem.
 */
struct iop_reader *iop_reader_open(char *const *, size_t, enum iop_fmt, int,
		    struct iop_err *);
struct iop_reader *iop_reader_fdopen(int, const char *, enum iop_fmt, int,
		    struct iop_err *);
struct iop_reader *iop_reader_memopen(const void *, size_t, const char *,
		    enum iop_fmt, int, struct iop_err *);
int		 iop_reader_next(struct iop_reader *, struct iop_rec *,
		    struct iop_err *);
/* The header, available after the first call to iop_reader_next (or
 * iop_reader_header). */
struct iop_hdr	*iop_reader_hdr(struct iop_reader *);
/*
 * Read just the header; returns IOP_OK, IOP_EOF (no inputs left) or an
 * error.  An input of zero bytes is an error (IOP_FATAL), always.
 */
int		 iop_reader_header(struct iop_reader *, struct iop_err *);
enum iop_fmt	 iop_reader_fmt(const struct iop_reader *);
int		 iop_reader_style(const struct iop_reader *);
/*
 * The name of the input being read ("<stdin>" for standard input).  It is
 * valid only until the reader moves to its next input or is closed: copy
 * it to keep it.
 */
const char	*iop_reader_name(const struct iop_reader *);
void		 iop_reader_close(struct iop_reader *);

/* ---- writer.c: CSV and JSON Lines out ---------------------------------- */

#define IOP_WR_CRLF		0x1	/* CSV: CRLF line ends */
#define IOP_WR_QUOTE_ALL	0x2	/* CSV: quote every field */
#define IOP_WR_BOM		0x4	/* CSV: byte-order mark first */
#define IOP_WR_NOHEADER		0x8	/* CSV: no header line */
#define IOP_WR_SPREADSHEET	0x10	/* CSV: neutralise formula cells */

struct iop_writer;

struct iop_writer *iop_writer_new(FILE *, enum iop_fmt, int);
/* Write the header (CSV) now; otherwise it goes before the first record. */
int		 iop_writer_header(struct iop_writer *, const struct iop_hdr *);
int		 iop_writer_put(struct iop_writer *, const struct iop_rec *);
/* Flush; returns -1 when anything failed to be written. */
int		 iop_writer_close(struct iop_writer *);

/* Low-level encoders shared with other outputs. */
void		 iop_csv_field(struct iop_buf *, const char *, size_t, int);
void		 iop_json_string(struct iop_buf *, const char *, size_t);

/* ---- kinds of file, and the options of a reader and a writer ---------- */

/*
 * A kind of record file known by its header (a participant list, an
 * attendance file): what an in-place update checks before it rewrites.
 */
struct iop_filekind {
	const char		*name;	/* "a participant list" */
	const char *const	*cols;	/* NULL-terminated */
};

/* 0 if h has every column of kind; -1 with *e naming the first missing. */
int		 iop_filekind_check(const struct iop_filekind *, const struct iop_hdr *,
		    const char *, struct iop_err *);

/* Input and output options shared by the commands (--json, --crlf, ...). */
struct iop_inopt {
	enum iop_fmt	fmt;
	int		flags;
};

struct iop_outopt {
	enum iop_fmt	fmt;
	int		flags;
	const char	*path;	/* -o FILE; NULL for standard output */
};

/* ---- field.c: typed fields ---------------------------------------------- */

/*
 * Days since 1970-01-01 (can be negative).  Every date in a record or an
 * option is between 1900-01-01 and 2199-12-31 (iop-records(5)): the
 * parsers refuse others, so that computed dates stay representable.
 */
#define IOP_DATE_MIN	(-25567L)	/* 1900-01-01 */
#define IOP_DATE_MAX	84005L		/* 2199-12-31 */
#define IOP_DATE_YMIN	1900
#define IOP_DATE_YMAX	2199
#define IOP_DATE_FIRST	"1900-01-01"
#define IOP_DATE_LAST	"2199-12-31"
#define IOP_DATE_RANGE	IOP_DATE_FIRST " to " IOP_DATE_LAST
int		 iop_date_parse(const char *, long *);
int		 iop_date_valid(int, int, int);
long		 iop_date_from_ymd(int, int, int);
void		 iop_date_ymd(long, int *, int *, int *);
void		 iop_date_fmt(long, char[11]);
int		 iop_date_weekday(long);	/* 1 Monday .. 7 Sunday */
/*
 * Sets of weekdays, one convention everywhere: bit (weekday - 1), Monday
 * bit 0 .. Sunday bit 6 (so a set fits in a byte).  IOP_WDAY_BIT takes a
 * weekday 1..7, IOP_WDAY_OF a day number.
 */
#define IOP_WDAY_BIT(wd)	(1u << ((wd) - 1))
#define IOP_WDAY_OF(d)		IOP_WDAY_BIT(iop_date_weekday(d))
void		 iop_isoweek(long, int *, int *);
int		 iop_isoweek_parse(const char *, int *, int *);
long		 iop_isoweek_monday(int, int);
void		 iop_isoweek_fmt(long, char[9]);
/* Minutes after midnight, "HH:MM" 00:00-23:59 (24:00 only as an end). */
int		 iop_time_parse(const char *, int *);
int		 iop_time_parse_end(const char *, int *);
void		 iop_time_fmt(int, char[6]);
int		 iop_int_parse(const char *, long, long, long *, const char **);
long long	 iop_strtonum(const char *, long long, long long,
		    const char **);
int		 iop_bool_parse(const char *, int *);
int		 iop_enum_parse(const char *, const char *const *, size_t);
void		 iop_enum_list(struct iop_buf *, const char *const *);
int		 iop_utf8_valid(const char *, size_t, size_t *);

/*
 * Field checks that fill *e with a located message naming the field by name
 * and number, never quoting the value.  Each returns 0 or -1.
 */
int		 iop_field_date(const struct iop_rec *, size_t, const char *,
		    long *, struct iop_err *);
int		 iop_field_time(const struct iop_rec *, size_t, const char *,
		    int *, struct iop_err *);
int		 iop_field_int(const struct iop_rec *, size_t, const char *,
		    long, long, long *, struct iop_err *);
int		 iop_field_bool(const struct iop_rec *, size_t, const char *,
		    int *, struct iop_err *);
int		 iop_field_enum(const struct iop_rec *, size_t, const char *,
		    const char *const *, int *, struct iop_err *);
void		 iop_field_err(struct iop_err *, const struct iop_rec *, size_t,
		    const char *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

/* ---- clock.c: today and now ------------------------------------------- */

/* Read now in this zone (program.json time_zone); NULL: the server's. */
void		 iop_clock_zone(const char *);
/*
 * Now as local seconds (day * 86400 + seconds of the day), read once per
 * run (until the zone changes): 1 when
 * IOP_TODAY pins it (the end of that day), 0 the real time, -1 when
 * IOP_TODAY is not a date or the time cannot be read.
 */
int		 iop_clock_now(long long *);
/* Today (the day of iop_clock_now); 0, or -1. */
int		 iop_clock_today(long *);
/* Whether a zone name loads as a time zone (a TZif file, or UTC). */
int		 iop_clock_zone_ok(const char *);
/*
 * An instant for a time stamp in UTC (iCalendar DTSTAMP): midnight UTC of
 * IOP_TODAY when that pins the day, else the current time; -1 when
 * IOP_TODAY is not a date.
 */
int		 iop_clock_stamp(long long *);

/* ---- colmap.c: column maps (--map FROM=TO) ----------------------------- */

/* Add a FROM=TO (kept, not copied); -1 when arg is not FROM=TO. */
int		 iop_colmap_add(char ***, size_t *, const char *);
/*
 * Map the columns of in onto out (map[i]: the field of column i): by a
 * mapping, a canonical name of cols, an alias ({ key, name } pairs ending
 * with NULL), or the column's own name; names compared as iop_str_key
 * keys.  A field missing from out is added when addcols, else -2 with
 * the field's name as e's message and its column.  -1: two columns give
 * one field, or a mapping matches no column.  e's file is left unset.
 */
int		 iop_colmap_apply(char *const *, size_t, const char *const *,
		    const char *const (*)[2], const struct iop_hdr *,
		    struct iop_hdr *, int, long *, struct iop_err *);

/* ---- update.c: safe file update -------------------------------------- */

/*
 * Rewrite a file atomically under an exclusive advisory lock: the new
 * content goes to a temporary file beside it, which is flushed, fsynced
 * and renamed over the original (a new file is linked into place when
 * complete).  The lock is taken on the original file (on its directory
 * while it does not exist) and re-checked after the rename of a
 * concurrent writer, so two writers serialise and neither loses the
 * other's records.  Under the lock, temporaries that killed writers left
 * are removed.  Only a regular, non-empty file is updated, never through
 * a symbolic link; it keeps its mode and group (a new file is 0600).
 */
struct iop_update;

struct iop_update *iop_update_begin(const char *, int, struct iop_err *);
/* The current content, positioned at 0; -1 when the file does not exist. */
int		 iop_update_oldfd(struct iop_update *);
FILE		*iop_update_out(struct iop_update *);
/* The name of the file being written (the temporary), for libraries. */
const char	*iop_update_path(struct iop_update *);
int		 iop_update_commit(struct iop_update *, struct iop_err *);
void		 iop_update_abort(struct iop_update *);
/* Copy the old content unchanged to the new file. */
int		 iop_update_copy_old(struct iop_update *, struct iop_err *);

#define IOP_UPD_CREATE	0x1	/* create the file if it does not exist */
/*
 * An output file (iop-report -o): an existing one may be empty, and one
 * that is not a regular file (a FIFO, /dev/null, a terminal) is written
 * directly, without a temporary.  Implies nothing about CREATE.
 */
#define IOP_UPD_OUTPUT	0x2

/* ---- source.c: the read loop, reporting through a callback ----------- */

/*
 * The loop every reader of a shared file runs: open the inputs, read the
 * header, require columns, read the records.  Nothing here prints: each
 * problem goes to the iop_report_fn (never NULL; a caller that wants
 * silence passes one that ignores it) and, where there is an int *, sets
 * it to 1.  lib/cli wraps these with the printing callback (iop_read,
 * iop_require, ...).
 */
/* The inputs ("-" is standard input), or NULL with the problem reported. */
struct iop_reader *iop_src_open(char *const *, size_t,
		    const struct iop_inopt *, iop_report_fn *, void *);
/*
 * The header of the first input that has one: an input that cannot be
 * read is reported (setting *status to 1) and the next one is tried.
 * Returns 0, or -1 when no input has a header.
 */
int		 iop_src_header(struct iop_reader *, iop_report_fn *, void *,
		    int *);
/* 0 if the header has every column; else each missing one reported, -1. */
int		 iop_src_require(struct iop_reader *, const char *const *,
		    iop_report_fn *, void *);
/*
 * 1 with the next record, 0 at the end; a rejected record or an unreadable
 * input is reported, sets *status to 1, and the loop goes on.
 */
int		 iop_src_next(struct iop_reader *, struct iop_rec *,
		    iop_report_fn *, void *, int *);

#endif /* IOP_IO_H */
