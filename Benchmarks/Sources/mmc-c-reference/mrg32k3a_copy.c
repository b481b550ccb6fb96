// A COPY of the main package's MRG32k3a gsl_rng_type (Sources/CMRG32k3a/mrg32k3a.c,
// commit c5b2375), kept here so that the C reference draws from exactly the generator
// the Swift simulator uses: a like-for-like speed comparison. The code below is the
// original's generator part verbatim, except that the state typedef is local and the
// exported accessor is named reference_mrg32k3a_type. Keep it in sync with the original.

#include "mrg32k3a_copy.h"

// Constants of MRG32k3a (L'Ecuyer 1999, table II).
#define M1 4294967087ULL
#define M2 4294944443ULL
#define A12 1403580ULL
#define A13N 810728ULL
#define A21 527612ULL
#define A23N 1370589ULL
// 1 / (m1 + 1): maps the combined output in [1, m1] into the open interval (0, 1).
#define NORM 2.328306549295727688e-10

typedef struct {
    uint64_t s[6];
} state_t;

static inline unsigned long next(state_t *st) {
    uint64_t *s = st->s;
    // Component 1: p1 = (a12 * s1 - a13n * s0) mod m1; products stay below 2^63.
    int64_t p1 = (int64_t)((A12 * s[1]) % M1) - (int64_t)((A13N * s[0]) % M1);
    if (p1 < 0) p1 += (int64_t)M1;
    s[0] = s[1]; s[1] = s[2]; s[2] = (uint64_t)p1;
    // Component 2: p2 = (a21 * s5 - a23n * s3) mod m2.
    int64_t p2 = (int64_t)((A21 * s[5]) % M2) - (int64_t)((A23N * s[3]) % M2);
    if (p2 < 0) p2 += (int64_t)M2;
    s[3] = s[4]; s[4] = s[5]; s[5] = (uint64_t)p2;
    // Combination: in [1, m1].
    return (unsigned long)(p1 > p2 ? (uint64_t)(p1 - p2) : (uint64_t)(p1 - p2 + (int64_t)M1));
}

static unsigned long mrg_get(void *vstate) { return next((state_t *)vstate); }

static double mrg_get_double(void *vstate) { return (double)next((state_t *)vstate) * NORM; }

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// gsl_rng_set: spread a 64-bit seed over the six words with SplitMix64 and reduce
// them into range; an all-zero triple (probability ~2^-96) is replaced by 12345s.
static void mrg_set(void *vstate, unsigned long seed) {
    state_t *st = (state_t *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 3; i++) st->s[i] = splitmix64(&x) % M1;
    for (int i = 3; i < 6; i++) st->s[i] = splitmix64(&x) % M2;
    if (st->s[0] == 0 && st->s[1] == 0 && st->s[2] == 0) st->s[0] = st->s[1] = st->s[2] = 12345;
    if (st->s[3] == 0 && st->s[4] == 0 && st->s[5] == 0) st->s[3] = st->s[4] = st->s[5] = 12345;
}

static const gsl_rng_type mrg_type = {
    "affluence-mrg32k3a",
    M1,  // max
    1,   // min
    sizeof(state_t),
    &mrg_set,
    &mrg_get,
    &mrg_get_double,
};

const gsl_rng_type *reference_mrg32k3a_type(void) { return &mrg_type; }
