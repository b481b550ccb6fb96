#include "glibc_log1p.h"

// Only this function is compiled for FMA on x86_64 (the target attribute), so the binary
// still runs on any x86_64; callers check affluence_log1p_fma_available() first.
#if defined(__x86_64__)
__attribute__((target("fma")))
#endif
double affluence_log1p_negative_fma(double x) {
    return affluence_log1p_negative_core(x, 1);
}

int affluence_log1p_fma_available(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();  // normally run by a constructor; harmless to repeat
    return __builtin_cpu_supports("fma");
#else
    // arm64: fused multiply-add is in the base instruction set. Elsewhere __builtin_fma is
    // exact too (libm's fma), only slower; RandomStream uses this build only where libm does.
    return 1;
#endif
}
