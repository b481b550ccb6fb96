#ifndef AFFLUENCE_MRG32K3A_H
#define AFFLUENCE_MRG32K3A_H

// L'Ecuyer's MRG32k3a combined multiple recursive generator, packaged as a
// custom gsl_rng_type so that every gsl_ran_* sampler runs on it unchanged, plus
// the jump-ahead that splits its period (about 2^191) into 2^64 disjoint streams
// of 2^127 draws, each split into 2^51 substreams of 2^76 draws.
//
// Reference: P. L'Ecuyer, "Good parameters and implementations for combined
// multiple recursive random number generators", Operations Research 47(1), 1999;
// P. L'Ecuyer, R. Simard, E. J. Chen, W. D. Kelton, "An object-oriented
// random-number package with many long streams and substreams", Operations
// Research 50(6), 2002.

#include <stdint.h>
#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The gsl_rng_type for MRG32k3a ("affluence-mrg32k3a").
const gsl_rng_type *affluence_mrg32k3a_type(void);

/// The six state words: three for each component, the first three below m1,
/// the last three below m2, neither triple all zero.
typedef struct {
    uint64_t s[6];
} affluence_mrg32k3a_state;

/// The starting state for a 64-bit seed (what gsl_rng_set does for this type):
/// SplitMix64 spread over the six words, reduced into range.
affluence_mrg32k3a_state affluence_mrg32k3a_from_seed(uint64_t seed);

/// Reads or replaces the state of a gsl_rng whose type is affluence_mrg32k3a_type().
/// Returns 0 on success, -1 when the state is invalid (out of range or an all-zero triple).
affluence_mrg32k3a_state affluence_mrg32k3a_get(const gsl_rng *r);
int affluence_mrg32k3a_put(gsl_rng *r, affluence_mrg32k3a_state state);

/// Advances a state by `stream` * 2^127 + `substream` * 2^76 steps of the recurrence.
affluence_mrg32k3a_state affluence_mrg32k3a_jump(affluence_mrg32k3a_state state,
                                                 uint64_t stream, uint64_t substream);

/// Advances a state by exactly `steps` steps (used to check the jump matrices).
affluence_mrg32k3a_state affluence_mrg32k3a_advance(affluence_mrg32k3a_state state, uint64_t steps);

/// The transition matrix of component 1 (mod m1) and 2 (mod m2) raised to 2^e,
/// row-major, for tests against the published constants.
void affluence_mrg32k3a_matrix_pow2(int component, unsigned e, uint64_t out[9]);

#ifdef __cplusplus
}
#endif

#endif
