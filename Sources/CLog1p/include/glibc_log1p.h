#ifndef AFFLUENCE_GLIBC_LOG1P_H
#define AFFLUENCE_GLIBC_LOG1P_H

// log1p(x) for -1 < x < 0, returning the very bits glibc's log1p returns: the inverse
// transform of every exponential variate (gsl_ran_exponential draws -mean * log1p(-u)).
//
// Why a copy of libm: the call (a PLT jump to the errno wrapper, a second jump through
// the ifunc to the implementation, then the range tests) cost as much as the arithmetic,
// and log1p was the largest single item in the simulator's profile. Inline and without
// the branches our arguments never take, it performs the same floating-point operations
// in the same order, each correctly rounded by IEEE 754, hence the same result.
//
// Where it comes from: glibc 2.36's sysdeps/ieee754/dbl-64/s_log1p.c, which is Sun's
// fdlibm s_log1p.c (notice below) as modified by Naohiko Shimizu for pipelined
// processors. On x86_64, glibc builds that one source twice and picks at load time (an
// ifunc): plainly (SSE2) and with -mfma -mavx2 (sysdeps/x86_64/fpu/multiarch/
// s_log1p-fma.c) when the CPU has FMA and AVX2. GCC then contracts some a*b + c into one
// fused multiply-add, rounding once instead of twice, so the two builds differ in the
// last bit for some x. Both are transcribed here: which contractions GCC made was read
// from the disassembly of Debian's libm.so.6 (2.36-9+deb12u*), and each is written as
// an explicit affluence_log1p_muladd, so the code says which operations fuse.
// RandomStream picks the variant that reproduces the running libm (or calls libm when
// neither does), and StochasticsTests compares them with libm over millions of values.
//
// Dropped, because -1 < x < 0 never reaches them: x >= 0.41422, x <= -1, NaN and
// infinities, |x| < 2^-54, x >= 2^53, the k > 0 correction (1 + x < 1 gives k <= -1),
// and the statement that only raises the inexact flag (no caller reads the flags).
// Kept, because the generator's u = j / (m1 + 1), j = 1 ... m1, reaches them: |x| < 2^-29
// (j <= 7), the k = 0 range -0.2929 < x, the normalisation of 1 + x above sqrt(2)/2,
// and |f| < 2^-20 (1 + x within 2^-20 relative of a power of two).
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
// Modified by Naohiko Shimizu/Tokai University, Japan 1997/08/25,
// for performance improvement on pipelined processors.

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

// a * b + c, fused (one rounding) where glibc's FMA build fused it, else two roundings.
// `fused` is a constant at every call, so the choice costs nothing once inlined.
__attribute__((always_inline))
static inline double affluence_log1p_muladd(double a, double b, double c, int fused) {
    // Contraction off: the compiler must not fuse the unfused product and sum on its own
    // (clang does within an expression when the target has FMA: arm64, -march=native),
    // or the plain variant would stop matching the plain libm bit for bit.
#pragma STDC FP_CONTRACT OFF
    return fused ? __builtin_fma(a, b, c) : a * b + c;
}

// The body shared by both variants; `fused` selects glibc's FMA build (see above).
__attribute__((always_inline))
static inline double affluence_log1p_negative_core(double x, int fused) {
#pragma STDC FP_CONTRACT OFF
    const double ln2_hi = 6.93147180369123816490e-01;  // 3fe62e42 fee00000
    const double ln2_lo = 1.90821492927058770002e-10;  // 3dea39ef 35793c76
    const double Lp1 = 6.666666666666735130e-01;       // 3FE55555 55555593
    const double Lp2 = 3.999999999940941908e-01;       // 3FD99999 9997FA04
    const double Lp3 = 2.857142874366239149e-01;       // 3FD24924 94229359
    const double Lp4 = 2.222219843214978396e-01;       // 3FCC71C5 1D8E78AF
    const double Lp5 = 1.818357216161805012e-01;       // 3FC74664 96CB03DE
    const double Lp6 = 1.531383769920937332e-01;       // 3FC39A09 D078C69F
    const double Lp7 = 1.479819860511658591e-01;       // 3FC2F112 DF3E5244

    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    const int32_t hx = (int32_t)(bits >> 32);
    const int32_t ax = hx & 0x7fffffff;

    if (ax < 0x3e200000) {                          // |x| < 2^-29 (and >= 2^-54 here)
        return affluence_log1p_muladd(-(x * x), 0.5, x, fused);   // x - x*x*0.5
    }

    double f, c = 0.0;
    int32_t k, hu;
    if (hx <= (int32_t)0xbfd2bec3) {                // -0.2929 < x < 0: 1 + f = 1 + x exactly
        k = 0; f = x; hu = 1;
    } else {                                        // -1 < x <= -0.2929
        double u = 1.0 + x;
        memcpy(&bits, &u, sizeof bits);
        hu = (int32_t)(bits >> 32);
        k = (hu >> 20) - 1023;                      // <= -1, since 0 < u < 1
        c = x - (u - 1.0);                          // correction term: (1 + x) - u
        c /= u;
        hu &= 0x000fffff;
        if (hu < 0x6a09e) {                         // normalize u
            bits = ((uint64_t)(uint32_t)(hu | 0x3ff00000) << 32) | (bits & 0xffffffffu);
        } else {                                    // normalize u/2
            k += 1;
            bits = ((uint64_t)(uint32_t)(hu | 0x3fe00000) << 32) | (bits & 0xffffffffu);
            hu = (0x00100000 - hu) >> 2;
        }
        memcpy(&u, &bits, sizeof u);
        f = u - 1.0;
    }

    const double hfsq = 0.5 * f * f;
    if (hu == 0) {                                  // |f| < 2^-20
        if (f == 0.0) {
            if (k == 0) return 0.0;
            return affluence_log1p_muladd(k, ln2_hi, affluence_log1p_muladd(k, ln2_lo, c, fused), fused);
        }
        const double R = hfsq * affluence_log1p_muladd(-f, 0.66666666666666666, 1.0, fused);
        if (k == 0) return f - R;
        return affluence_log1p_muladd(k, ln2_hi, -((R - affluence_log1p_muladd(k, ln2_lo, c, fused)) - f), fused);
    }
    const double s = f / (2.0 + f);
    const double z = s * s;
    const double z2 = z * z, z4 = z2 * z2, z6 = z4 * z2;
    const double R2 = affluence_log1p_muladd(z, Lp3, Lp2, fused);
    const double R3 = affluence_log1p_muladd(z, Lp5, Lp4, fused);
    const double R4 = affluence_log1p_muladd(z, Lp7, Lp6, fused);
    // R1 + z2*R2 + z4*R3 + z6*R4 with R1 = z*Lp1, left to right: GCC fused z*Lp1 (not
    // z2*R2) into the first sum, then z4*R3 and z6*R4 into the next two.
    const double R = affluence_log1p_muladd(z6, R4,
                         affluence_log1p_muladd(z4, R3,
                             affluence_log1p_muladd(z, Lp1, z2 * R2, fused), fused), fused);
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return affluence_log1p_muladd(k, ln2_hi,
                                  -((hfsq - (s * (hfsq + R) + affluence_log1p_muladd(k, ln2_lo, c, fused))) - f),
                                  fused);
}

/// glibc's plain (SSE2) log1p(x) for -1 < x < 0, bit for bit; inline (forced: Swift's
/// inliner otherwise keeps it a call).
__attribute__((always_inline))
static inline double affluence_log1p_negative(double x) {
    return affluence_log1p_negative_core(x, 0);
}

/// glibc's x86_64 FMA build of log1p(x) for -1 < x < 0, bit for bit. Out of line: it is
/// compiled for CPUs with FMA, so it cannot be inlined into code built for any x86_64.
/// Call it only where affluence_log1p_fma_available() is true.
double affluence_log1p_negative_fma(double x);

/// Whether this CPU runs affluence_log1p_negative_fma (FMA instructions, or arm64).
int affluence_log1p_fma_available(void);

#ifdef __cplusplus
}
#endif

#endif
