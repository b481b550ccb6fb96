#ifndef AFFLUENCE_PREFETCH_H
#define AFFLUENCE_PREFETCH_H

// A hint to the processor to start loading a cache line that will be needed soon.
// The nationwide world keeps millions of user records, far more than the caches hold;
// asking for the next event's record while the current event is handled overlaps the
// two memory waits. Swift has no prefetch intrinsic, hence this one-line C door.
static inline void affluence_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
