#ifndef AFFLUENCE_CGSL_SHIM_H
#define AFFLUENCE_CGSL_SHIM_H

// The one door to GSL. Swift 6 refuses to read mutable C globals such as
// gsl_rng_mt19937 directly, so every global Affluence needs gets a static inline
// accessor here; Swift code calls the accessor, never the global.

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_multifit.h>

static inline const gsl_rng_type *affluence_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
// The embedded Runge-Kutta Prince-Dormand (8, 9) stepper: explicit, so it needs no Jacobian.
static inline const gsl_odeiv2_step_type *affluence_gsl_odeiv2_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }

#endif
