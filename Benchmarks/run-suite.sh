#!/usr/bin/env bash
# run-suite.sh: the ordo-one/benchmark suites of this package, then the C reference side
# by side (`make bench-suite`). Minutes of wall time: not part of CI.
#
#   1. KernelBenchmarks: the canonical M/M/c (wall time, events/s, mallocs) and the event
#      calendar under the hold model at 10^3…10^6 pending events (heap and wheel).
#   2. The allocation gate: `benchmark thresholds check` of the hold benchmarks against
#      Thresholds/*.p90.json (mallocCountTotal 0, tolerance 0): any steady-state
#      allocation fails the script.
#   3. FranceBenchmark: one replication of models/france-2021-04-06.yaml, 06:00 to
#      AFFLUENCE_FRANCE_END (default 07:30; 20:00 is the full day).
#   4. compare-mmc.sh: `affluence bench mmc` and the plain C loop alternately (the C loop is
#      a separate executable, not an ordo-one benchmark), medians and their ratio.
#
# Installs what it needs with apt-get when missing (libgsl-dev, pkg-config,
# libjemalloc-dev).
#
# Usage: Benchmarks/run-suite.sh [--rounds K] [--swift-bin PATH]
#   --rounds K        compare-mmc rounds (default 5)
#   --swift-bin PATH  the affluence binary compare-mmc times (default: it builds one)
set -euo pipefail

ROUNDS=5
COMPARE_ARGS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift 2 ;;
        --swift-bin) COMPARE_ARGS+=(--swift-bin "$(cd "$(dirname "${2:?--swift-bin needs a value}")" && pwd)/$(basename "$2")"); shift 2 ;;
        *) echo "run-suite: unknown argument $1 (see the header of this script)" >&2; exit 2 ;;
    esac
done
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/../scripts/ensure-deps.sh"
if ! dpkg -s libjemalloc-dev >/dev/null 2>&1; then
    echo "run-suite: installing libjemalloc-dev with apt-get" >&2
    SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libjemalloc-dev >/dev/null
fi
cd "$HERE"

echo "== KernelBenchmarks (ordo-one/benchmark 1.38.1)"
swift package --disable-sandbox benchmark --target KernelBenchmarks --no-progress

echo "== Allocation gate: steady-state mallocs of the hold benchmarks must be 0"
# Exit codes of `thresholds check`: 0 equal, 2 regression, 4 improvement only. The other
# figures are still worth having when the gate fails: run them, then fail at the end.
gate=0
swift package --disable-sandbox benchmark thresholds check --target KernelBenchmarks --filter 'Calendar_hold_.*' \
    --path Thresholds --no-progress || gate=$?

echo "== FranceBenchmark (06:00–${AFFLUENCE_FRANCE_END:-07:30})"
swift package --disable-sandbox benchmark --target FranceBenchmark --no-progress

echo "== The C reference side by side (compare-mmc.sh, $ROUNDS rounds)"
"$HERE/compare-mmc.sh" --rounds "$ROUNDS" "${COMPARE_ARGS[@]}"
if [[ $gate -ne 0 ]]; then
    echo "run-suite: the allocation gate FAILED (thresholds check exit $gate): a hold benchmark allocated in the steady state" >&2
    exit 1
fi
echo "run-suite: allocation gate passed (0 mallocs in the steady state of every hold benchmark)"
