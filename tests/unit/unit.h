/*
 * unit.h -- a tiny test runner for lib/, no framework.  Every check prints
 * one line, "ok N - name" or "not ok N - name", followed on failure by
 * comment lines ("# ...") saying what was expected; tests/run.sh counts
 * the lines and wants "# unit tests done" last.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>

int	 unit_check(int, const char *, const char *, int);
int	 unit_check_str(const char *, const char *, const char *,
	    const char *, int);
int	 unit_check_mem(const char *, size_t, const char *, size_t,
	    const char *, const char *, int);
int	 unit_check_long(long long, long long, const char *, const char *,
	    int);
void	 unit_note(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Scratch files: the runner works in a fresh temporary directory. */
const char *unit_tmpdir(void);
const char *unit_topdir(void);
void	 unit_write(const char *, const void *, size_t);
void	 unit_writes(const char *, const char *);
char	*unit_read(const char *, size_t *);
size_t	 unit_count_prefix(const char *);

#define CHECK(cond, name) \
	unit_check((cond) != 0, (name), __FILE__, __LINE__)
#define CHECK_STR(got, want, name) \
	unit_check_str((got), (want), (name), __FILE__, __LINE__)
#define CHECK_MEM(got, glen, want, wlen, name) \
	unit_check_mem((got), (glen), (want), (wlen), (name), __FILE__, \
	    __LINE__)
#define CHECK_INT(got, want, name) \
	unit_check_long((long long)(got), (long long)(want), (name), \
	    __FILE__, __LINE__)

/* The test files, one per lib/ module. */
void	 t_field(void);
void	 t_rec(void);
void	 t_io(void);
void	 t_update(void);
void	 t_diag(void);
void	 t_appt(void);
void	 t_clinic(void);
void	 t_fit(void);
void	 t_wday(void);
void	 t_map(void);
void	 t_sort(void);

#endif /* UNIT_H */
