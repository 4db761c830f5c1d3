/*
 * base.h -- the bottom layer: diagnostics (struct iop_err), allocators that
 * exit on failure, small string helpers, the one hash map.  Uses nothing
 * else of lib/.
 */
#ifndef IOP_BASE_H
#define IOP_BASE_H

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

/*
 * The one way lib/ code below lib/cli hands a problem up: the caller
 * passes a function and its argument, the library fills a struct iop_err
 * and calls it for each rejected row or missing column, and goes on.  The
 * command decides how to report (lib/cli's iop_report_cb prints it).
 */
typedef void	iop_report_fn(const struct iop_err *, void *);

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
/*
 * An error about a place in a configuration document (program.json, a
 * rules file): "path: message", or just the message when path is NULL or
 * empty, located at file.
 */
void	 iop_vseterr_path(struct iop_err *, const char *, const char *,
	    const char *, va_list);
/* Fill a struct iop_err (file, line, column, message) and pass it on. */
void	 iop_reportf(iop_report_fn *, void *, const char *, size_t, size_t,
	    const char *, ...) __attribute__((format(printf, 6, 7)));
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

/* ---- sort.c: a stable sort with a context argument --------------------- */

/* Negative, 0 or positive as for qsort; the third argument is the sort's. */
typedef int	iop_cmp_fn(const void *, const void *, void *);
void		 iop_sort(void *, size_t, size_t, iop_cmp_fn *, void *);

/* ---- map.c: the one string -> index hash map ---------------------------- */

/*
 * Keys are borrowed (the caller keeps them alive and unchanged while they
 * are in the map) and are any bytes; values are indexes below
 * IOP_MAP_NONE32.  A zeroed map is empty.  Lookups allocate nothing.
 */
#define IOP_MAP_NONE	((size_t)-1)	/* iop_map_get: no such key */
#define IOP_MAP_NONE32	UINT32_MAX	/* values stay below this */
struct iop_mslot {
	const char	*key;		/* NULL: empty */
	uint32_t	 hash;		/* 32 bits of the mixed iop_hash */
	uint32_t	 len;
	uint32_t	 val;
};
struct iop_map {
	struct iop_mslot *slot;
	size_t		  cap;		/* a power of two, or 0 */
	size_t		  n;
};
void		 iop_map_init(struct iop_map *);
void		 iop_map_free(struct iop_map *);
/* The value of key, or IOP_MAP_NONE. */
size_t		 iop_map_get(const struct iop_map *, const char *, size_t);
/* The map's own pointer to key (the one put), or NULL. */
const char	*iop_map_key(const struct iop_map *, const char *, size_t);
/* Add key -> val unless key is there; returns the value key now has. */
size_t		 iop_map_put(struct iop_map *, const char *, size_t, size_t);

#endif /* IOP_BASE_H */
