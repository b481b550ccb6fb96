#ifndef AFFLUENCE_REFERENCE_MRG32K3A_COPY_H
#define AFFLUENCE_REFERENCE_MRG32K3A_COPY_H

// A COPY, for a like-for-like speed comparison, of the MRG32k3a gsl_rng_type of the
// main package (Sources/CMRG32k3a/mrg32k3a.c at commit c5b2375): same recurrence, same
// seeding (gsl_rng_set = SplitMix64 spread over the six words), same get/get_double.
// Only the generator is copied (no stream jump-ahead), under a distinct symbol name so
// that it can never clash with the original if both end up in one link.
// If the original's next()/get_double change, change this copy too.

#include <stdint.h>
#include <gsl/gsl_rng.h>

/// The gsl_rng_type for MRG32k3a, identical to affluence_mrg32k3a_type().
const gsl_rng_type *reference_mrg32k3a_type(void);

#endif
