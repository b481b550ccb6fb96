#ifndef AFFLUENCE_BENCHMARKS_CGSLREFERENCE_SHIM_H
#define AFFLUENCE_BENCHMARKS_CGSLREFERENCE_SHIM_H

// GSL headers used by the benchmark package's C reference (its own copy of the parent
// package's CGSL door, since a system library target cannot be shared across packages).

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#endif
