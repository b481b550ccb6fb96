// mmc-c-reference: the speed reference of DESIGN.md "Performance".
//
// A plain C M/M/c FIFO simulation: a binary min-heap of small event structs ordered by
// (time, seq), arrivals and departures dispatched by a switch, exponential inter-arrival
// and service times from gsl_ran_exponential on one gsl_rng, and a ring buffer holding
// the arrival times of waiting customers. Exactly N arrivals are generated; the run goes
// on until the heap is empty, so it processes exactly 2N events (one arrival and one
// departure per customer). Only that loop is timed (clock_gettime, CLOCK_MONOTONIC).
//
// Usage:
//   mmc-c-reference --servers C --arrival-rate L --service-rate M --customers N --seed S
//                   [--rng mrg|mt19937]
// --rng mrg (default) is the main package's MRG32k3a gsl_rng_type (its CMRG32k3a library), the
// generator the Swift simulator uses; mt19937 is GSL's gsl_rng_mt19937.
//
// Output (parsed by compare-mmc.sh; keep the format):
//   mean_wait: X     mean wait in queue over all customers
//   p_wait: X        fraction of customers whose wait is > 0
//   utilization: X   time-average number of busy servers / c, over [0, last event]
//   mean_queue: X    time-average number waiting (not in service), over the same span
//   events: N        events processed (2 N)
//   seconds: X       wall-clock time of the loop
//   events/s: N      events / seconds, an integer

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mrg32k3a.h"

// ---- Events and the binary min-heap ordered by (time, seq).

enum { ARRIVAL = 0, DEPARTURE = 1 };

typedef struct {
    double time;
    uint64_t seq;
    int kind;
} event_t;

typedef struct {
    event_t *items;
    size_t count;
    size_t capacity;
} heap_t;

static inline int event_before(const event_t *a, const event_t *b) {
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void *checked_realloc(void *p, size_t bytes) {
    void *q = realloc(p, bytes);
    if (q == NULL) {
        fprintf(stderr, "mmc-c-reference: out of memory\n");
        exit(1);
    }
    return q;
}

static void heap_grow(heap_t *h) {
    h->capacity = h->capacity ? 2 * h->capacity : 16;
    h->items = checked_realloc(h->items, h->capacity * sizeof(event_t));
}

// Sift up with a hole: parents move down until the new event's place is found.
static inline void heap_push(heap_t *h, event_t e) {
    if (h->count == h->capacity) heap_grow(h);
    event_t *a = h->items;
    size_t i = h->count++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!event_before(&e, &a[parent])) break;
        a[i] = a[parent];
        i = parent;
    }
    a[i] = e;
}

// Removes the minimum; the last event fills the hole at the root and sifts down.
static inline event_t heap_pop(heap_t *h) {
    event_t *a = h->items;
    event_t top = a[0];
    event_t last = a[--h->count];
    size_t n = h->count;
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && event_before(&a[child + 1], &a[child])) child++;
        if (!event_before(&a[child], &last)) break;
        a[i] = a[child];
        i = child;
    }
    if (n > 0) a[i] = last;
    return top;
}

// ---- FIFO ring buffer of waiting customers' arrival times (capacity a power of two).

typedef struct {
    double *items;
    size_t head;
    size_t count;
    size_t mask;  // capacity - 1
} ring_t;

static void ring_init(ring_t *r, size_t capacity) {
    r->items = checked_realloc(NULL, capacity * sizeof(double));
    r->head = 0;
    r->count = 0;
    r->mask = capacity - 1;
}

static void ring_grow(ring_t *r) {
    size_t old_capacity = r->mask + 1;
    double *items = checked_realloc(NULL, 2 * old_capacity * sizeof(double));
    for (size_t i = 0; i < r->count; i++) items[i] = r->items[(r->head + i) & r->mask];
    free(r->items);
    r->items = items;
    r->head = 0;
    r->mask = 2 * old_capacity - 1;
}

static inline void ring_push(ring_t *r, double x) {
    if (r->count == r->mask + 1) ring_grow(r);
    r->items[(r->head + r->count) & r->mask] = x;
    r->count++;
}

static inline double ring_pop(ring_t *r) {
    double x = r->items[r->head];
    r->head = (r->head + 1) & r->mask;
    r->count--;
    return x;
}

// ---- The simulation.

typedef struct {
    double sum_wait;
    uint64_t waited;       // customers whose wait > 0
    uint64_t served;       // customers who started service
    double busy_area;      // integral of busy servers over time
    double queue_area;     // integral of queue length over time
    double end_time;       // time of the last event
    uint64_t events;
} results_t;

static results_t simulate(int servers, double arrival_rate, double service_rate,
                          uint64_t customers, gsl_rng *rng) {
    const double mean_interarrival = 1.0 / arrival_rate;
    const double mean_service = 1.0 / service_rate;
    heap_t heap = {NULL, 0, 0};
    while (heap.capacity < (size_t)servers + 2) heap_grow(&heap);
    ring_t queue;
    ring_init(&queue, 1024);

    results_t res = {0};
    uint64_t seq = 0;
    uint64_t generated = 0;
    int busy = 0;
    double now = 0.0;

    if (customers > 0) {
        heap_push(&heap, (event_t){gsl_ran_exponential(rng, mean_interarrival), seq++, ARRIVAL});
        generated = 1;
    }
    while (heap.count > 0) {
        event_t e = heap_pop(&heap);
        double dt = e.time - now;
        res.busy_area += busy * dt;
        res.queue_area += (double)queue.count * dt;
        now = e.time;
        res.events++;
        switch (e.kind) {
        case ARRIVAL:
            if (generated < customers) {
                heap_push(&heap, (event_t){now + gsl_ran_exponential(rng, mean_interarrival), seq++, ARRIVAL});
                generated++;
            }
            if (busy < servers) {
                busy++;
                res.served++;  // wait = 0
                heap_push(&heap, (event_t){now + gsl_ran_exponential(rng, mean_service), seq++, DEPARTURE});
            } else {
                ring_push(&queue, now);
            }
            break;
        case DEPARTURE:
            if (queue.count > 0) {
                double wait = now - ring_pop(&queue);
                res.sum_wait += wait;
                res.waited += wait > 0.0;
                res.served++;
                heap_push(&heap, (event_t){now + gsl_ran_exponential(rng, mean_service), seq++, DEPARTURE});
            } else {
                busy--;
            }
            break;
        }
    }
    res.end_time = now;
    free(heap.items);
    free(queue.items);
    return res;
}

// ---- Command line.

static void usage(FILE *f) {
    fprintf(f,
            "usage: mmc-c-reference --servers C --arrival-rate L --service-rate M "
            "--customers N --seed S [--rng mrg|mt19937]\n"
            "  M/M/c FIFO reference loop (binary heap, GSL); prints mean_wait, p_wait,\n"
            "  utilization, mean_queue, events, seconds, events/s. Default --rng: mrg.\n");
}

static void fail(const char *message, const char *value) {
    fprintf(stderr, "mmc-c-reference: %s%s%s\n", message, value ? ": " : "", value ? value : "");
    usage(stderr);
    exit(2);
}

static double parse_positive_double(const char *s, const char *name) {
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || end == s || *end != '\0' || !(x > 0) || !isfinite(x))
        fail(name, "expected a finite number > 0");
    return x;
}

static uint64_t parse_u64(const char *s, const char *name) {
    char *end;
    errno = 0;
    if (*s == '-' || *s == '\0') fail(name, "expected a non-negative integer");
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end != '\0') fail(name, "expected a non-negative integer");
    return (uint64_t)x;
}

int main(int argc, char **argv) {
    int servers = -1;
    double arrival_rate = -1, service_rate = -1;
    uint64_t customers = 0, seed = 0;
    int have_customers = 0, have_seed = 0;
    const char *rng_name = "mrg";

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        // Accept both "--flag value" and "--flag=value".
        char flag[64];
        const char *value;
        const char *eq = strchr(arg, '=');
        if (eq && (size_t)(eq - arg) < sizeof flag) {
            memcpy(flag, arg, (size_t)(eq - arg));
            flag[eq - arg] = '\0';
            value = eq + 1;
        } else {
            if (strlen(arg) >= sizeof flag) fail("unknown option", arg);
            strcpy(flag, arg);
            if (i + 1 >= argc) fail("missing value for", arg);
            value = argv[++i];
        }
        if (strcmp(flag, "--servers") == 0) {
            uint64_t c = parse_u64(value, "--servers");
            if (c < 1 || c > 1000000) fail("--servers", "expected an integer in 1...1000000");
            servers = (int)c;
        } else if (strcmp(flag, "--arrival-rate") == 0) {
            arrival_rate = parse_positive_double(value, "--arrival-rate");
        } else if (strcmp(flag, "--service-rate") == 0) {
            service_rate = parse_positive_double(value, "--service-rate");
        } else if (strcmp(flag, "--customers") == 0) {
            customers = parse_u64(value, "--customers");
            have_customers = 1;
        } else if (strcmp(flag, "--seed") == 0) {
            seed = parse_u64(value, "--seed");
            have_seed = 1;
        } else if (strcmp(flag, "--rng") == 0) {
            if (strcmp(value, "mrg") != 0 && strcmp(value, "mt19937") != 0)
                fail("--rng: expected mrg or mt19937, got", value);
            rng_name = value;
        } else {
            fail("unknown option", flag);
        }
    }
    if (servers < 0) fail("missing --servers", NULL);
    if (arrival_rate < 0) fail("missing --arrival-rate", NULL);
    if (service_rate < 0) fail("missing --service-rate", NULL);
    if (!have_customers) fail("missing --customers", NULL);
    if (!have_seed) fail("missing --seed", NULL);
    if (customers < 1) fail("--customers", "expected an integer >= 1");

    const gsl_rng_type *type = strcmp(rng_name, "mt19937") == 0 ? gsl_rng_mt19937
                                                                  : affluence_mrg32k3a_type();
    gsl_rng *rng = gsl_rng_alloc(type);
    if (rng == NULL) {
        fprintf(stderr, "mmc-c-reference: gsl_rng_alloc failed\n");
        return 1;
    }
    gsl_rng_set(rng, (unsigned long)seed);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    results_t r = simulate(servers, arrival_rate, service_rate, customers, rng);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    gsl_rng_free(rng);

    double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double span = r.end_time > 0 ? r.end_time : 1.0;
    printf("mean_wait: %.6f\n", r.sum_wait / (double)r.served);
    printf("p_wait: %.6f\n", (double)r.waited / (double)r.served);
    printf("utilization: %.6f\n", r.busy_area / ((double)servers * span));
    printf("mean_queue: %.6f\n", r.queue_area / span);
    printf("events: %llu\n", (unsigned long long)r.events);
    printf("seconds: %.6f\n", seconds);
    printf("events/s: %llu\n", (unsigned long long)llround((double)r.events / seconds));
    return 0;
}
