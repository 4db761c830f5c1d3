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

#include "lib/base/base.h"
#include "lib/io/io.h"
#include "lib/cli/cli.h"

#endif /* IOP_H */
