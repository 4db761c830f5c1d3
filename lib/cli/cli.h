/*
 * cli.h -- the command layer: shared options, usage, the read loop that
 * reports, the edit pass.  The only part of lib/ (with the e* allocators
 * and iop_err*) that prints or exits; domain code never includes it.
 */
#ifndef IOP_CLI_H
#define IOP_CLI_H

#include <getopt.h>

#include "lib/io/io.h"

/* ---- cli.c: glue shared by the commands -------------------------------- */

/*
 * cli.c is the one lib/ module besides diag.c that prints: it holds the
 * pieces every command's main() repeats (usage, version, output options,
 * the read loop that reports rejected records).
 */

/* The output options every program takes (--json, --crlf, ...). */

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
	{ "input-format", required_argument, NULL, IOP_OPT_INPUT_FMT }, \
	{ "output", required_argument, NULL, 'o' }

/* Help text for the shared options, for each --help. */
#define IOP_OUT_HELP \
"Input and output:\n" \
"      --input-format=F  read F (csv or jsonl) instead of detecting it\n" \
"      --lenient         accept stray quotes in CSV (libcsv non-strict)\n" \
"  -o, --output=FILE     write FILE (replaced only by a run that succeeds)\n" \
"                        instead of standard output\n" \
"  -j, --json            write JSON Lines instead of CSV\n" \
"      --crlf            end CSV lines with CRLF (RFC 4180, Excel)\n" \
"      --quote-all       quote every CSV field\n" \
"      --bom             start CSV output with a UTF-8 byte-order mark\n"


/* Handle a shared option; 1 if it was one, 0 if not (exits 2 if bad). */
int		 iop_opt_common(int, const char *, struct iop_inopt *,
		    struct iop_outopt *);
void		 iop_usage(const char *) __attribute__((noreturn));
void		 iop_version(void) __attribute__((noreturn));
long		 iop_optdate(const char *, const char *);
long		 iop_optnum(const char *, const char *, long, long);
long		 iop_opttoday(void);
void		 iop_deprecated(const char *, const char *);
/*
 * The output: standard output, or -o FILE through a safe update (written
 * beside it, 0600 or the mode and group of the file it replaces, never
 * through a symbolic link; a FIFO or device directly).  Exits 1 when
 * FILE cannot be opened.  iop_out_path() names the file being written
 * (the temporary), for a library that opens it by name.
 */
FILE		*iop_out_fp(const struct iop_outopt *);
const char	*iop_out_path(void);
struct iop_writer *iop_out_stdout(const struct iop_outopt *);
/*
 * Close the writer and the output; returns status, or 1 on a write error.
 * -o FILE is put in place only when status is 0: a run that failed
 * leaves the old file (or none) and says so.
 */
int		 iop_finish(struct iop_writer *, int);

/* The callback that prints (iop_report); give it to lib/ domain code. */
void		 iop_report_cb(const struct iop_err *, void *);
/* Prints it too, and sets the int that arg points to to 1. */
void		 iop_report_fail_cb(const struct iop_err *, void *);
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

/* ---- cmd.c: subcommands as a table, options per subcommand ----------- */

/*
 * A subcommand: its name, the operands and options its usage shows, the
 * options that apply to it (option codes as getopt returns them,
 * 0-terminated), and the function that runs it on its operands.
 */
struct iop_cmd {
	const char	*name;
	const char	*synopsis;
	const int	*opts;
	int		(*fn)(void *, int, char **);
};

/*
 * A program's subcommands.  Every option of the program is in shortopts
 * and longopts; the global ones (besides -h, -V and the shared input and
 * output options) apply to every subcommand.  opt() handles an option
 * already checked to apply (cmd NULL: before the subcommand is known,
 * for a global one); ready() (may be NULL) runs once all are handled.
 * With dflt, a line whose first operand names no subcommand runs dflt.
 */
struct iop_cmdtab {
	const char		*synopsis;	/* for usage: ... */
	const char		*shortopts;
	const struct option	*longopts;
	const int		*global;
	const struct iop_cmd	*cmds;		/* ends with a NULL name */
	const struct iop_cmd	*dflt;
	void			(*opt)(void *, int, const char *,
				    const char *);
	void			(*ready)(void *, const struct iop_cmd *);
};

/*
 * Name the program by argv[0], parse the global options (before the subcommand's name; an option of
 * the subcommand given there is accepted as well), find the subcommand,
 * parse its options anywhere among its operands, and run it.  An option
 * that does not apply to the subcommand is a usage error naming it and
 * the subcommands it is for (exit 2).  Returns the subcommand's status.
 */
int		 iop_cmd_main(const struct iop_cmdtab *, int, char *[], void *);
const struct iop_cmd *iop_cmd_find(const struct iop_cmdtab *, const char *);
void		 iop_cmd_usage(const struct iop_cmdtab *)
		    __attribute__((noreturn));

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

#endif /* IOP_CLI_H */
