#include "mrg32k3a.h"

// Constants of MRG32k3a (L'Ecuyer 1999, table II).
#define M1 4294967087ULL
#define M2 4294944443ULL
#define A12 1403580ULL
#define A13N 810728ULL
#define A21 527612ULL
#define A23N 1370589ULL
// 1 / (m1 + 1): maps the combined output in [1, m1] into the open interval (0, 1).
#define NORM 2.328306549295727688e-10

typedef affluence_mrg32k3a_state state_t;

// Reductions modulo m1 = 2^32 − 209 and m2 = 2^32 − 22853 by folding the high word
// (2^32 ≡ 209 mod m1, 2^32 ≡ 22853 mod m2): a few multiplications and one conditional
// subtraction instead of a 64-bit division. Valid for x < 2^56.
static inline unsigned long next(state_t *st) { return affluence_mrg32k3a_step(st); }

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

affluence_mrg32k3a_state affluence_mrg32k3a_from_seed(uint64_t seed) {
    state_t st;
    mrg_set(&st, (unsigned long)seed);
    return st;
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

const gsl_rng_type *affluence_mrg32k3a_type(void) { return &mrg_type; }

affluence_mrg32k3a_state affluence_mrg32k3a_get(const gsl_rng *r) {
    return *(const state_t *)r->state;
}

static int valid(state_t st) {
    for (int i = 0; i < 3; i++) if (st.s[i] >= M1) return 0;
    for (int i = 3; i < 6; i++) if (st.s[i] >= M2) return 0;
    if (st.s[0] == 0 && st.s[1] == 0 && st.s[2] == 0) return 0;
    if (st.s[3] == 0 && st.s[4] == 0 && st.s[5] == 0) return 0;
    return 1;
}

int affluence_mrg32k3a_put(gsl_rng *r, affluence_mrg32k3a_state state) {
    if (!valid(state)) return -1;
    *(state_t *)r->state = state;
    return 0;
}

// ---- 3x3 matrix arithmetic modulo m (entries below 2^32, so each product fits in 64 bits).

static void mat_mul(const uint64_t a[9], const uint64_t b[9], uint64_t m, uint64_t out[9]) {
    uint64_t t[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            uint64_t acc = 0;
            for (int k = 0; k < 3; k++) acc = (acc + (a[3 * i + k] * b[3 * k + j]) % m) % m;
            t[3 * i + j] = acc;
        }
    for (int i = 0; i < 9; i++) out[i] = t[i];
}

static void mat_vec(const uint64_t a[9], const uint64_t v[3], uint64_t m, uint64_t out[3]) {
    uint64_t t[3];
    for (int i = 0; i < 3; i++) {
        uint64_t acc = 0;
        for (int k = 0; k < 3; k++) acc = (acc + (a[3 * i + k] * v[k]) % m) % m;
        t[i] = acc;
    }
    for (int i = 0; i < 3; i++) out[i] = t[i];
}

static void base_matrix(int component, uint64_t out[9]) {
    // State (s0, s1, s2) -> (s1, s2, p) with p the recurrence above, as a matrix mod m.
    if (component == 1) {
        uint64_t a[9] = {0, 1, 0, 0, 0, 1, M1 - A13N, A12, 0};
        for (int i = 0; i < 9; i++) out[i] = a[i];
    } else {
        uint64_t a[9] = {0, 1, 0, 0, 0, 1, M2 - A23N, 0, A21};
        for (int i = 0; i < 9; i++) out[i] = a[i];
    }
}

void affluence_mrg32k3a_matrix_pow2(int component, unsigned e, uint64_t out[9]) {
    uint64_t m = component == 1 ? M1 : M2;
    base_matrix(component, out);
    for (unsigned i = 0; i < e; i++) mat_mul(out, out, m, out);
}

// out = base^n mod m by square-and-multiply.
static void mat_pow(const uint64_t base[9], uint64_t n, uint64_t m, uint64_t out[9]) {
    uint64_t result[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    uint64_t b[9];
    for (int i = 0; i < 9; i++) b[i] = base[i];
    while (n > 0) {
        if (n & 1) mat_mul(result, b, m, result);
        mat_mul(b, b, m, b);
        n >>= 1;
    }
    for (int i = 0; i < 9; i++) out[i] = result[i];
}

static state_t apply(state_t st, const uint64_t a1[9], const uint64_t a2[9]) {
    mat_vec(a1, &st.s[0], M1, &st.s[0]);
    mat_vec(a2, &st.s[3], M2, &st.s[3]);
    return st;
}

affluence_mrg32k3a_state affluence_mrg32k3a_jump(affluence_mrg32k3a_state st,
                                                 uint64_t stream, uint64_t substream) {
    uint64_t a1[9], a2[9], p1[9], p2[9];
    if (stream) {
        affluence_mrg32k3a_matrix_pow2(1, 127, a1);
        affluence_mrg32k3a_matrix_pow2(2, 127, a2);
        mat_pow(a1, stream, M1, p1);
        mat_pow(a2, stream, M2, p2);
        st = apply(st, p1, p2);
    }
    if (substream) {
        affluence_mrg32k3a_matrix_pow2(1, 76, a1);
        affluence_mrg32k3a_matrix_pow2(2, 76, a2);
        mat_pow(a1, substream, M1, p1);
        mat_pow(a2, substream, M2, p2);
        st = apply(st, p1, p2);
    }
    return st;
}

// A step maps (s0, s1, s2) to (s1, s2, p1), p1 = (A12 s1 - A13N s0) mod m1, so
// s0 = (A12 s1 - p1) / A13N mod m1, the division being a product with the inverse of A13N
// (and likewise for the second component). Products of two words below 2^32 fit in 64 bits.
void affluence_mrg32k3a_step_back(state_t *st) {
    const uint64_t inv13 = 2349796154ULL;  // 810728^-1 mod m1
    const uint64_t inv23 = 69372715ULL;    // 1370589^-1 mod m2
    uint64_t *s = st->s;
    uint64_t s0 = ((A12 * s[0]) % M1 + M1 - s[2]) % M1 * inv13 % M1;
    s[2] = s[1]; s[1] = s[0]; s[0] = s0;
    uint64_t s3 = ((A21 * s[4]) % M2 + M2 - s[5]) % M2 * inv23 % M2;
    s[5] = s[4]; s[4] = s[3]; s[3] = s3;
}

affluence_mrg32k3a_state affluence_mrg32k3a_advance(affluence_mrg32k3a_state st, uint64_t steps) {
    uint64_t a1[9], a2[9], p1[9], p2[9];
    base_matrix(1, a1);
    base_matrix(2, a2);
    mat_pow(a1, steps, M1, p1);
    mat_pow(a2, steps, M2, p2);
    return apply(st, p1, p2);
}
