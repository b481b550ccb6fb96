#include "counter_rng.h"

#define GOLDEN_GAMMA 0x9E3779B97F4A7C15ULL

typedef struct { uint64_t x; } state_t;

uint64_t affluence_splitmix64_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint64_t next(state_t *s) {
    s->x += GOLDEN_GAMMA;
    return affluence_splitmix64_mix(s->x);
}

// The top 32 bits: gsl_rng_get's range is [min, max] = [0, 2^32 − 1].
static unsigned long get(void *vstate) { return (unsigned long)(next((state_t *)vstate) >> 32); }

// 53 random bits in [0, 1), as gsl_rng_uniform requires.
static double get_double(void *vstate) { return (double)(next((state_t *)vstate) >> 11) * 0x1.0p-53; }

static void set(void *vstate, unsigned long seed) { ((state_t *)vstate)->x = (uint64_t)seed; }

static const gsl_rng_type splitmix_type = {
    "affluence-splitmix64",
    0xffffffffUL,
    0,
    sizeof(state_t),
    &set,
    &get,
    &get_double,
};

const gsl_rng_type *affluence_splitmix64_type(void) { return &splitmix_type; }

uint64_t affluence_splitmix64_get_position(const gsl_rng *r) { return ((const state_t *)r->state)->x; }

void affluence_splitmix64_set_position(gsl_rng *r, uint64_t position) { ((state_t *)r->state)->x = position; }
