/*
 * iop.h -- the shared library of the iop toolkit.
 *
 * Every program sees records through this header and never touches libcsv
 * or jansson directly.  Library functions never print and never exit (the
 * e* allocators and iop_err* excepted); they return -1 or NULL and fill a
 * struct iop_err that the program reports.  Memory rules are in lib/README.
 */
#ifndef IOP_H
#define IOP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef IOP_VERSION
#define IOP_VERSION "0.0.0"
#endif

/* Largest field accepted by the readers: a clinic note is never a megabyte. */
#define IOP_FIELD_MAX	(1024 * 1024)
/* Largest JSON Lines line accepted. */
#define IOP_LINE_MAX	(4 * 1024 * 1024)

/* ---- diag.c: diagnostics ------------------------------------------------ */

/*
 * A located problem.  col is the 1-based field number (0: whole record or
 * line); for JSON syntax errors it is the character position on the line.
 * msg never contains a record's values unless the user asked for them.
 */
struct iop_err {
	const char	*file;
	size_t		 line;
	size_t		 col;
	char		 msg[256];
};

void	 iop_setprogname(const char *);
const char *iop_getprogname(void);
void	 iop_warn(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	 iop_warnx(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	 iop_err(int, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
void	 iop_errx(int, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
void	 iop_warnx_at(const char *, size_t, size_t, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
void	 iop_report(const struct iop_err *);
void	 iop_seterr(struct iop_err *, const char *, size_t, size_t,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
int	 iop_close_stdout(void);
void	 iop_bug(const char *, int, const char *) __attribute__((noreturn));
#define IOP_BUG(why)	iop_bug(__FILE__, __LINE__, (why))

/* ---- xalloc.c: allocators that exit on failure -------------------------- */

void	*emalloc(size_t);
void	*ecalloc(size_t, size_t);
void	*erealloc(void *, size_t);
void	*ereallocarray(void *, size_t, size_t);
char	*estrdup(const char *);

/* A growable byte buffer, always NUL-terminated when len > 0. */
struct iop_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
void	 iop_buf_add(struct iop_buf *, const void *, size_t);
void	 iop_buf_addc(struct iop_buf *, int);
void	 iop_buf_adds(struct iop_buf *, const char *);
void	 iop_buf_printf(struct iop_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 iop_buf_reset(struct iop_buf *);
void	 iop_buf_free(struct iop_buf *);

/* ---- rec.c: the record ----------------------------------------------------- */

/*
 * A header: the ordered field names, shared by every record of a stream.
 * Lookups go through a small open-addressing table.
 */
struct iop_hdr {
	size_t	  n;
	char	**names;
	size_t	  cap;
	size_t	 *slots;	/* hash table of index+1, 0 = empty */
	size_t	  nslots;
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
void		 iop_isoweek(long, int *, int *);
int		 iop_isoweek_parse(const char *, int *, int *);
long		 iop_isoweek_monday(int, int);
void		 iop_isoweek_fmt(long, char[9]);
int		 iop_today(long *);
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

/* ---- str.c: small string helpers ---------------------------------------- */

/* Trim ASCII space and collapse internal runs into one space, in place. */
size_t		 iop_str_squeeze(char *);
void		 iop_str_lower(char *);
/* Lower-case and turn spaces and hyphens into '_' (enumeration keys). */
void		 iop_str_key(char *);
uint64_t	 iop_hash(const void *, size_t);
int		 iop_popcount(unsigned);
/* Split a ';'-list; calls fn for each trimmed non-empty item. */
int		 iop_list_each(const char *, int (*)(const char *, size_t,
		    void *), void *);

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

/* ---- cli.c: glue shared by the commands -------------------------------- */

/*
 * cli.c is the one lib/ module besides diag.c that prints: it holds the
 * pieces every command's main() repeats (usage, version, output options,
 * the read loop that reports rejected records).
 */

/* The output options every program takes (--json, --crlf, ...). */
struct iop_outopt {
	enum iop_fmt	fmt;
	int		flags;
};

enum {
	IOP_OPT_BOM = 0x100,
	IOP_OPT_CRLF,
	IOP_OPT_JSON,
	IOP_OPT_QUOTE_ALL,
	IOP_OPT_LENIENT,
	IOP_OPT_INPUT_FMT,
	IOP_OPT_FIRST_FREE = 0x120
};

/* Long options shared by all programs; put in each struct option[]. */
#define IOP_OUT_LONGOPTS \
	{ "bom", no_argument, NULL, IOP_OPT_BOM }, \
	{ "crlf", no_argument, NULL, IOP_OPT_CRLF }, \
	{ "json", no_argument, NULL, IOP_OPT_JSON }, \
	{ "quote-all", no_argument, NULL, IOP_OPT_QUOTE_ALL }, \
	{ "lenient", no_argument, NULL, IOP_OPT_LENIENT }, \
	{ "input-format", required_argument, NULL, IOP_OPT_INPUT_FMT }

/* Help text for the shared options, for each --help. */
#define IOP_OUT_HELP \
"Input and output:\n" \
"      --input-format=F  read F (csv or jsonl) instead of detecting it\n" \
"      --lenient         accept stray quotes in CSV (libcsv non-strict)\n" \
"  -j, --json            write JSON Lines instead of CSV\n" \
"      --crlf            end CSV lines with CRLF (RFC 4180, Excel)\n" \
"      --quote-all       quote every CSV field\n" \
"      --bom             start CSV output with a UTF-8 byte-order mark\n"

struct iop_inopt {
	enum iop_fmt	fmt;
	int		flags;
};

/* Handle a shared option; 1 if it was one, 0 if not (exits 2 if bad). */
int		 iop_opt_common(int, const char *, struct iop_inopt *,
		    struct iop_outopt *);
void		 iop_usage(const char *) __attribute__((noreturn));
void		 iop_version(void) __attribute__((noreturn));
long		 iop_optdate(const char *, const char *);
long		 iop_opttoday(void);
struct iop_writer *iop_out_stdout(const struct iop_outopt *);
/* Close the writer and stdout; returns status, or 1 on a write error. */
int		 iop_finish(struct iop_writer *, int);

/*
 * The read loop: returns 1 with a record, 0 at the end.  Rejected records
 * and unreadable inputs are reported on stderr and set *status to 1.
 */
int		 iop_read(struct iop_reader *, struct iop_rec *, int *);
/* Open the inputs or exit 1 with a message. */
struct iop_reader *iop_open_inputs(char *const *, size_t,
		    const struct iop_inopt *);
/* Require fields; reports each missing one and returns -1. */
int		 iop_require(struct iop_reader *, const char *const *);
/*
 * Read the header of the first input that has one: inputs that cannot be
 * read are reported (setting *status to 1) and the next one is tried.
 * Returns 0, or -1 when no input has a header.
 */
int		 iop_first_header(struct iop_reader *, int *);
/*
 * Select the columns an option (such as --fields) lists from the reader's
 * header (iop_sel_parse); reports each unknown name and returns -1.
 */
int		 iop_opt_select(struct iop_sel *, struct iop_reader *,
		    const char *, const char *);

/* ---- edit.c: a record file edited in place, or as a filter ------------ */

/*
 * The pass that every command changing a file makes: read the records
 * (from a file updated in place under the lock, from a file only read, or
 * from standard input), let the command change or add some, and write
 * them all (to the file's replacement or to standard output).  A file
 * with records that cannot be read is never rewritten.  Command glue: it
 * reports on stderr.
 */
struct iop_edit {
	struct iop_update	*u;
	struct iop_reader	*rd;
	struct iop_writer	*wr;
	struct iop_hdr		*hdr;	/* output header; add columns to it */
	struct iop_rec		 rec;
	const char		*name;
	int			 status;	/* 1 if a record was unreadable */
};

/*
 * The kind of file a command updates in place, known by its header: the
 * columns every such file has.  A file of another kind (appointments
 * given as the participant list) is refused, not turned into this kind.
 */
struct iop_filekind {
	const char		*name;	/* "a participant list" */
	const char *const	*cols;	/* NULL-terminated */
};

/* 0 if h has every column of kind; -1 with *e naming the first missing. */
int		 iop_filekind_check(const struct iop_filekind *, const struct iop_hdr *,
		    const char *, struct iop_err *);

#define IOP_ED_INPLACE	0x1	/* update path in place */
#define IOP_ED_CREATE	0x2	/* ... creating it when missing */
#define IOP_ED_NOINPUT	0x4	/* path NULL: start empty, not stdin */
#define IOP_ED_NOHEADER	0x8	/* write CSV without a header */

/*
 * Opens the pass, or exits (1 unreadable or not of the kind, 2 stdin is a
 * terminal).  In place, the file must be of the kind (NULL: any).
 */
void		 iop_edit_open(struct iop_edit *, const char *, int,
		    const struct iop_filekind *, const struct iop_inopt *,
		    const struct iop_outopt *);
int		 iop_edit_next(struct iop_edit *);
int		 iop_edit_put(struct iop_edit *, struct iop_rec *);
/*
 * Commit (if asked and nothing failed) or abort; returns 0 or 1.  When
 * writing to standard output it also closes it (iop_finish); in place,
 * the caller ends with iop_finish(NULL, status).
 */
int		 iop_edit_close(struct iop_edit *, int);

#endif /* IOP_H */
