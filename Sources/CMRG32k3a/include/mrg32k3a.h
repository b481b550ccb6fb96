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

// One step of the recurrence, shared by the gsl_rng_type's get/get_double and by hot
// paths that draw without GSL's call through a function pointer (Swift's
// RandomStream.exponential): static inline, so both are the very same arithmetic.
// Returns a value in 1 ... m1 (m1 = 4294967087), as the type's `get`.
static inline uint32_t affluence_mrg32k3a_step(affluence_mrg32k3a_state *st) {
    const uint64_t m1 = 4294967087ULL, m2 = 4294944443ULL;
    uint64_t *s = st->s;
    // p1 = (1403580 s1 - 810728 s0) mod m1, kept non-negative by adding m1 - s0.
    uint64_t p1 = 1403580ULL * s[1] + 810728ULL * (m1 - s[0]);
    p1 = (p1 & 0xffffffffULL) + 209ULL * (p1 >> 32);   // 2^32 = m1 + 209
    p1 = (p1 & 0xffffffffULL) + 209ULL * (p1 >> 32);
    p1 = p1 >= m1 ? p1 - m1 : p1;
    s[0] = s[1]; s[1] = s[2]; s[2] = p1;
    // p2 = (527612 s5 - 1370589 s3) mod m2.
    uint64_t p2 = 527612ULL * s[5] + 1370589ULL * (m2 - s[3]);
    p2 = (p2 & 0xffffffffULL) + 22853ULL * (p2 >> 32);  // 2^32 = m2 + 22853
    p2 = (p2 & 0xffffffffULL) + 22853ULL * (p2 >> 32);
    p2 = p2 >= m2 ? p2 - m2 : p2;
    s[3] = s[4]; s[4] = s[5]; s[5] = p2;
    return (uint32_t)(p1 > p2 ? p1 - p2 : p1 + m1 - p2);
}

// gsl_rng_uniform(r) for a generator of affluence_mrg32k3a_type(), inline: the same
// value, bit for bit (the type's get_double is this product).
static inline double affluence_mrg32k3a_uniform(gsl_rng *r) {
    return (double)affluence_mrg32k3a_step((affluence_mrg32k3a_state *)r->state) * 2.328306549295727688e-10;
}


/// Reads or replaces the state of a gsl_rng whose type is affluence_mrg32k3a_type().
/// Returns 0 on success, -1 when the state is invalid (out of range or an all-zero triple).
affluence_mrg32k3a_state affluence_mrg32k3a_get(const gsl_rng *r);
int affluence_mrg32k3a_put(gsl_rng *r, affluence_mrg32k3a_state state);

/// Advances a state by `stream` * 2^127 + `substream` * 2^76 steps of the recurrence.
affluence_mrg32k3a_state affluence_mrg32k3a_jump(affluence_mrg32k3a_state state,
                                                 uint64_t stream, uint64_t substream);

/// Undoes one affluence_mrg32k3a_step: the recurrence is invertible, each component's
/// oldest word being recovered from the other two (RandomStream takes back a draw it made
/// ahead of time, so that GSL's samplers continue from the position they expect).
void affluence_mrg32k3a_step_back(affluence_mrg32k3a_state *st);

/// Advances a state by exactly `steps` steps (used to check the jump matrices).
affluence_mrg32k3a_state affluence_mrg32k3a_advance(affluence_mrg32k3a_state state, uint64_t steps);

/// The transition matrix of component 1 (mod m1) and 2 (mod m2) raised to 2^e,
/// row-major, for tests against the published constants.
void affluence_mrg32k3a_matrix_pow2(int component, unsigned e, uint64_t out[9]);

#ifdef __cplusplus
}
#endif

#endif
