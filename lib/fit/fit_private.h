/*
 * fit_private.h -- what the pieces of lib/fit share and nobody else
 * sees: the compiled rules (rules.c), the binding of rules to a header
 * and the per-record state (eval.c), the screening questions and the
 * scoring of answers (score.c).
 */
#ifndef IOP_FIT_PRIVATE_H
#define IOP_FIT_PRIVATE_H

#include <jansson.h>

#include "lib/fit/fit.h"
#include "lib/fit/instr.h"
#include "lib/io/io.h"

/* The screening questions besides the instruments' items. */
enum { SQ_BOOL, SQ_WITHDRAWAL, SQ_WILLING };

struct iop_fit_sq {
	const char	*name;
	int		 type;
};
#define IOP_FIT_NSQ	8
extern const struct iop_fit_sq iop_fit_sqs[IOP_FIT_NSQ];
extern const char *const iop_fit_withdrawal_names[];

/* ---- rules ------------------------------------------------------------ */

enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_PRESENT, OP_MISSING };

enum { N_ALL, N_ANY, N_NOT, N_LEAF };
enum { V_NONE, V_NUM, V_BOOL, V_STR };
enum { T_F = 0, T_T = 1, T_U = 2 };

struct cond {
	int		 type;
	size_t		 node;		/* index into the per-record states */
	struct cond	*kids;
	size_t		 nkids;
	/* leaves */
	char		*field;
	size_t		 leaf;
	int		 op;
	int		 vtype;
	double		 num;
	char		*str;		/* an enumeration key */
	int		 vbool;		/* value as a boolean, or -1 */
};

struct rule {
	char		*id;
	char		*reason;
	char		*flag;
	int		 level;		/* or -1 */
	int		 fit;		/* or -1 */
	struct cond	 when;
};

struct iop_fit_rules {
	json_t		*doc;
	struct rule	*r;
	size_t		 n;
	size_t		 nnodes;
	size_t		 nleaves;
	struct cond	**leaves;
};

/* Where a leaf's field comes from, for one header. */
enum { SRC_COMP, SRC_ITEM, SRC_COL, SRC_NOCOL };

struct bind {
	int	src;
	int	idx;	/* enum iop_fit_inst */
	int	band;	/* SRC_COMP: the band, not the total */
	int	item;	/* item number - 1 */
	long	col;
};

struct iop_fit {
	const struct iop_fit_rules *rs;
	const struct iop_hdr	*hdr;
	long			 item[IOP_IN_NITEMS][10];
	char			 iname[IOP_IN_NITEMS][10][12];
	int			 present[IOP_IN_NITEMS];
	long			 sq[IOP_FIT_NSQ];
	struct bind		*b;
	unsigned char		*bad;
	unsigned char		*state;
	unsigned char		*rstate;
	/* answers: -1 blank, -2 invalid */
	int			 ans[IOP_IN_NITEMS][10];
	const struct iop_rec	*rec;
	struct iop_fit_result	*res;
};

/* score.c: check every answer of f->rec and score the instruments. */
void	 iop_fit_answers(struct iop_fit *,
	    iop_report_fn *, void *);
/* iop_bool_parse, with a fast path for the usual spelling. */
int	 iop_fit_bool_parse(const char *, int *);
/* Add s, prefixed, to a ';'-list unless it is there. */
void	 iop_fit_list_add(struct iop_buf *, const char *, const char *);

#endif /* IOP_FIT_PRIVATE_H */
