/*
 * instr.c -- the instrument table (instr.h).  Cut points and ranges are
 * the instruments' published ones: PHQ-9 (Kroenke et al. 2001), GAD-7
 * (Spitzer et al. 2006), AUDIT zones (WHO, Babor et al. 2001), DAST-10
 * (Skinner 1982).  Minimal important difference, in points of the total:
 * PHQ-9 5 (Loewe et al. 2004), GAD-7 4 (Toussaint et al. 2020), AUDIT 4
 * and DAST-10 2 (about half a standard deviation of treatment samples; no
 * agreed figure).
 */
#include <stddef.h>

#include "lib/fit/instr.h"

#define NB(a)	(sizeof(a) / sizeof((a)[0]))

static const struct iop_instr_band phq9_bands[] = {
	{ 4, "none_minimal" }, { 9, "mild" }, { 14, "moderate" },
	{ 19, "moderately_severe" }, { 27, "severe" }
};
static const struct iop_instr_band gad7_bands[] = {
	{ 4, "minimal" }, { 9, "mild" }, { 14, "moderate" }, { 21, "severe" }
};
static const struct iop_instr_band audit_zones[] = {
	{ 7, "I" }, { 15, "II" }, { 19, "III" }, { 40, "IV" }
};
static const struct iop_instr_band dast10_bands[] = {
	{ 0, "none" }, { 2, "low" }, { 5, "moderate" }, { 8, "substantial" },
	{ 10, "severe" }
};

const struct iop_instr iop_instr[IOP_IN_N] = {
	[IOP_IN_PHQ9] = { "phq9", "PHQ-9", IOP_IN_PHQ9, 9, 3, 0, 0, 0, 2,
	    9, "suicidal_ideation", 27, 5, "phq9_total", "phq9_severity",
	    phq9_bands, NB(phq9_bands) },
	[IOP_IN_GAD7] = { "gad7", "GAD-7", IOP_IN_GAD7, 7, 3, 0, 0, 0, 0,
	    0, NULL, 21, 4, "gad7_total", "gad7_severity",
	    gad7_bands, NB(gad7_bands) },
	[IOP_IN_AUDIT] = { "audit", "AUDIT", IOP_IN_AUDIT, 10, 4, 0, 9, 0, 0,
	    0, NULL, 40, 4, "audit_total", "audit_zone",
	    audit_zones, NB(audit_zones) },
	[IOP_IN_DAST10] = { "dast10", "DAST-10", IOP_IN_DAST10, 10, 1, 1, 0,
	    3, 0, 0, NULL, 10, 2, "dast10_total", "dast10_severity",
	    dast10_bands, NB(dast10_bands) },
	[IOP_IN_AUDITC] = { "auditc", "AUDIT-C", IOP_IN_AUDIT, 3, 4, 0, 0, 0,
	    0, 0, NULL, 12, 0, "auditc_total", NULL, NULL, 0 },
};

const char *
iop_instr_band(int inst, int total)
{
	const struct iop_instr *in = &iop_instr[inst];
	size_t i;

	if (in->nbands == 0)
		return NULL;
	for (i = 0; i + 1 < in->nbands; i++)
		if (total <= in->bands[i].hi)
			break;
	return in->bands[i].name;
}
