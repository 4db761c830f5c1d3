/*
 * help.h -- the commands' --help texts (lib/cli/help.c).
 */
#ifndef IOP_CLI_HELP_H
#define IOP_CLI_HELP_H

/* Print "usage: SYNOPSIS", a blank line and TEXT; exits 0 (1 on error). */
void	 iop_help(const char *, const char *) __attribute__((noreturn));

extern const char iop_help_attend[];
extern const char iop_help_enroll[];
extern const char iop_help_schedule[];

#endif
