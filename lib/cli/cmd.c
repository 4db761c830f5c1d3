/*
 * cmd.c -- a program's subcommands as a table (after OpenBSD vmctl's
 * ctl_commands[] and Miller's per-verb parsing): the global options up to
 * the subcommand's name, the name looked up in the table, then the rest
 * of the line parsed again from a reset optind, each option checked
 * against the subcommand's own set before the program handles it.  An
 * option that does not apply is a usage error that names it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli/cli.h"

/* An option seen before the subcommand's name, handled once it is known. */
struct seen {
	int		 ch;
	const char	*arg;
	char		 name[64];
};

static int	 has(const int *, int);
static int	 global(const struct iop_cmdtab *, int);
static void	 optname(const struct iop_cmdtab *, int, int, char *, size_t);
static void	 check(const struct iop_cmdtab *, const struct iop_cmd *, int,
		    const char *);

static int
has(const int *set, int ch)
{
	if (set == NULL)
		return 0;
	for (; *set != 0; set++)
		if (*set == ch)
			return 1;
	return 0;
}

/* The shared input and output options (-o among them) and -h, -V are
 * everyone's. */
static int
global(const struct iop_cmdtab *t, int ch)
{
	return has(t->global, ch) || ch == 'h' || ch == 'V' || ch == 'o' ||
	    (ch >= IOP_OPT_BOM && ch <= IOP_OPT_INPUT_FMT);
}

/* The option as it was spelt: --name, or -c. */
static void
optname(const struct iop_cmdtab *t, int ch, int li, char *buf, size_t n)
{
	if (li >= 0)
		snprintf(buf, n, "--%s", t->longopts[li].name);
	else
		snprintf(buf, n, "-%c", ch);
}

static void
check(const struct iop_cmdtab *t, const struct iop_cmd *c, int ch,
    const char *name)
{
	const struct iop_cmd *o;
	struct iop_buf b;

	if (global(t, ch) || has(c->opts, ch))
		return;
	memset(&b, 0, sizeof(b));
	for (o = t->cmds; o->name != NULL; o++)
		if (has(o->opts, ch)) {
			if (b.len > 0)
				iop_buf_adds(&b, ", ");
			iop_buf_adds(&b, o->name);
		}
	if (b.len > 0)
		iop_warnx("%s: option '%s' does not apply (it is for %s)",
		    c->name, name, b.s);
	else
		iop_warnx("%s: option '%s' does not apply", c->name, name);
	iop_buf_free(&b);
	iop_usage(NULL);
}

const struct iop_cmd *
iop_cmd_find(const struct iop_cmdtab *t, const char *name)
{
	const struct iop_cmd *c;

	for (c = t->cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void
iop_cmd_usage(const struct iop_cmdtab *t)
{
	iop_usage(t->synopsis);
}

int
iop_cmd_main(const struct iop_cmdtab *t, int argc, char *argv[], void *ctx)
{
	const struct iop_cmd *c;
	struct seen *seen = NULL;
	char shortopts[64], name[64];
	size_t nseen = 0, i;
	int ch, li, at;

	iop_setprogname(argv[0]);
	/* getopt names the program by argv[0]: make it the short name. */
	argv[0] = (char *)iop_getprogname();
	snprintf(shortopts, sizeof(shortopts), "+%s", t->shortopts);
	/* The global options, up to the first operand. */
	for (;;) {
		li = -1;
		if ((ch = getopt_long(argc, argv, shortopts, t->longopts,
		    &li)) == -1)
			break;
		if (ch == '?')
			iop_cmd_usage(t);
		if (global(t, ch)) {
			t->opt(ctx, ch, optarg, NULL);
			continue;
		}
		/* Another subcommand's option: check it once that is known. */
		seen = ereallocarray(seen, nseen + 1, sizeof(*seen));
		seen[nseen].ch = ch;
		seen[nseen].arg = optarg;
		optname(t, ch, li, seen[nseen].name, sizeof(seen[nseen].name));
		nseen++;
	}
	at = optind;
	if (at < argc && (c = iop_cmd_find(t, argv[at])) != NULL)
		at++;
	else if ((c = t->dflt) == NULL) {
		if (at < argc)
			iop_warnx("unknown command '%s'", argv[at]);
		else
			iop_warnx("no command given");
		iop_cmd_usage(t);
	}
	for (i = 0; i < nseen; i++) {
		check(t, c, seen[i].ch, seen[i].name);
		t->opt(ctx, seen[i].ch, seen[i].arg, c->name);
	}
	free(seen);
	/*
	 * The subcommand's options, anywhere among its operands: parse again
	 * from a reset optind (0: glibc also forgets the "+" mode), with the
	 * program's name in argv[0] for getopt's messages.
	 */
	argv[at - 1] = (char *)iop_getprogname();
	argv += at - 1;
	argc -= at - 1;
	optind = 0;
	for (;;) {
		li = -1;
		if ((ch = getopt_long(argc, argv, t->shortopts, t->longopts,
		    &li)) == -1)
			break;
		if (ch == '?')
			iop_cmd_usage(t);
		optname(t, ch, li, name, sizeof(name));
		check(t, c, ch, name);
		t->opt(ctx, ch, optarg, c->name);
	}
	if (t->ready != NULL)
		t->ready(ctx, c);
	return c->fn(ctx, argc - optind, argv + optind);
}
