#ifndef AFFLUENCE_COUNTER_RNG_H
#define AFFLUENCE_COUNTER_RNG_H

// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014) as a custom gsl_rng_type whose whole state is one 64-bit word.
//
// Affluence uses it for per-entity randomness: each simulated user keeps its own 8-byte
// position and the simulator points one gsl_rng at it before drawing for that user. So
// a user's draws (pages, think times, patience, retry delays, service demands) depend
// on nothing but the user's identity, whatever the policy does to the order of events:
// common random numbers at the level of each user.

#include <stdint.h>
#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

const gsl_rng_type *affluence_splitmix64_type(void);

/// The position (the whole state) of a gsl_rng of that type.
uint64_t affluence_splitmix64_get_position(const gsl_rng *r);
void affluence_splitmix64_set_position(gsl_rng *r, uint64_t position);

/// The SplitMix64 output function (a bijective mixer), for deriving keys.
uint64_t affluence_splitmix64_mix(uint64_t z);

#ifdef __cplusplus
}
#endif

#endif
