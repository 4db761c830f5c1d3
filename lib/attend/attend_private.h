/*
 * attend_private.h -- helpers shared by attend.c and flags.c.
 */
#ifndef IOP_ATTEND_PRIVATE_H
#define IOP_ATTEND_PRIVATE_H

/* A recorded_at that is not good, reported at its cell. */
void	 iop_att_bad_stamp(const struct iop_rec *, long, const char *,
	    iop_report_fn *, void *);
/* The appointment of a record (session and participant columns). */
const struct iop_appt *iop_att_rec_appt(const struct iop_appts *,
	    const struct iop_rec *, long, long);

#endif /* IOP_ATTEND_PRIVATE_H */
