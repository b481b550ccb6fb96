#!/usr/bin/env bash
# compare-mmc.sh: the Swift kernel against the plain C reference on the canonical M/M/c
# benchmark (DESIGN.md "Performance": c=10, λ=9, μ=1, 10^6 customers), measured in the
# same run.
#
# Builds both in release, then runs K rounds alternating `affluence bench mmc` and
# `mmc-c-reference` with the same arguments (pinned to core 1 with taskset when
# possible), reads their `events/s:` lines, and prints the per-round figures, the median
# of each and `ratio: X` = C events/s / Swift events/s (= Swift time / C time; > 1 means
# Swift is slower). The design target is ratio <= 1.2. Wall-clock figures are
# information, not a gate: the script exits 0 whatever the ratio.
#
# Usage: Benchmarks/compare-mmc.sh [--rounds K] [--customers N] [--seed S]
#                                   [--rng mrg|mt19937] [--swift-bin PATH]
#   --rounds K       rounds of (Swift, C) runs; default 5
#   --customers N    customers per run; default 1000000
#   --seed S         seed passed to both; default 1
#   --rng R          generator of the C reference; default mrg (the Swift simulator's)
#   --swift-bin PATH use this affluence binary instead of building the main package
# Works from any directory. Build logs go to stderr; the report goes to stdout.

set -euo pipefail

ROUNDS=5
CUSTOMERS=1000000
SEED=1
RNG=mrg
SWIFT_BIN=""
SERVERS=10
ARRIVAL_RATE=9
SERVICE_RATE=1

die() { echo "compare-mmc: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift 2 ;;
        --customers) CUSTOMERS="${2:?--customers needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        --rng) RNG="${2:?--rng needs a value}"; shift 2 ;;
        --swift-bin) SWIFT_BIN="${2:?--swift-bin needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer (got $ROUNDS)"
[[ "$CUSTOMERS" =~ ^[1-9][0-9]*$ ]] || die "--customers must be a positive integer (got $CUSTOMERS)"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer (got $SEED)"
[[ "$RNG" == mrg || "$RNG" == mt19937 ]] || die "--rng must be mrg or mt19937 (got $RNG)"

# The repository root, from this script's own location.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# ---- Build.
echo "compare-mmc: building the C reference (swift build -c release --package-path Benchmarks --product mmc-c-reference)" >&2
swift build -c release --package-path Benchmarks --product mmc-c-reference >&2 || die "building the C reference failed"
C_BIN="$(swift build -c release --package-path Benchmarks --show-bin-path)/mmc-c-reference"
[[ -x "$C_BIN" ]] || die "no executable at $C_BIN"

if [[ -z "$SWIFT_BIN" ]]; then
    echo "compare-mmc: building the simulator (swift build -c release --package-path . --product affluence)" >&2
    swift build -c release --package-path . --product affluence >&2 || die "building the affluence product failed"
    SWIFT_BIN="$(swift build -c release --package-path . --show-bin-path)/affluence"
fi
[[ -x "$SWIFT_BIN" ]] || die "no executable at $SWIFT_BIN"

# ---- Commands, pinned to one core when taskset works and core 1 exists.
PIN=()
if command -v taskset >/dev/null 2>&1 && taskset -c 1 true >/dev/null 2>&1; then
    PIN=(taskset -c 1)
else
    echo "compare-mmc: taskset -c 1 unavailable; runs are not pinned" >&2
fi
ARGS=(--servers "$SERVERS" --arrival-rate "$ARRIVAL_RATE" --service-rate "$SERVICE_RATE"
      --customers "$CUSTOMERS" --seed "$SEED")
SWIFT_CMD=("${PIN[@]}" "$SWIFT_BIN" bench mmc "${ARGS[@]}")
C_CMD=("${PIN[@]}" "$C_BIN" "${ARGS[@]}" --rng "$RNG")

# Runs a command and prints its events/s figure; fails with the output if there is none.
events_per_second() {
    local name="$1"; shift
    local out
    if ! out="$("$@" 2>&1)"; then
        die "$name failed: $*"$'\n'"$out"
    fi
    local eps
    eps="$(printf '%s\n' "$out" | awk '$1 == "events/s:" { print $2; exit }')"
    if [[ ! "$eps" =~ ^[0-9]+$ ]]; then
        die "$name printed no 'events/s: N' line: $*"$'\n'"--- its output ---"$'\n'"$out"
    fi
    echo "$eps"
}

# ---- Preflight: the Swift binary must have `bench mmc` (it prints events/s: N).
# A binary without the subcommand may exit 0 (a placeholder, or a help text), so check
# for the figure itself on a small run rather than the exit status.
if ! probe="$("$SWIFT_BIN" bench mmc "${ARGS[@]:0:6}" --customers 10000 --seed "$SEED" 2>&1)" \
    || ! printf '%s\n' "$probe" | grep -Eq '^events/s: [0-9]+$'; then
    {
        echo "compare-mmc: $SWIFT_BIN has no working 'bench mmc' subcommand."
        echo "  'affluence bench mmc ${ARGS[*]:0:6} --customers 10000 --seed $SEED' must print an 'events/s: N' line."
        echo "  It printed:"
        printf '%s\n' "$probe" | sed -n '1,10s/^/    /p'
    } >&2
    exit 1
fi

# ---- Rounds, alternating which runs first to spread drift (heat, other load) evenly.
echo "M/M/c benchmark: c=$SERVERS lambda=$ARRIVAL_RATE mu=$SERVICE_RATE customers=$CUSTOMERS seed=$SEED"
echo "swift: ${SWIFT_CMD[*]}"
echo "c:     ${C_CMD[*]}"
SWIFT_EPS=()
C_EPS=()
for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2 == 1)); then
        s="$(events_per_second "affluence bench mmc" "${SWIFT_CMD[@]}")"
        c="$(events_per_second "mmc-c-reference" "${C_CMD[@]}")"
    else
        c="$(events_per_second "mmc-c-reference" "${C_CMD[@]}")"
        s="$(events_per_second "affluence bench mmc" "${SWIFT_CMD[@]}")"
    fi
    SWIFT_EPS+=("$s")
    C_EPS+=("$c")
    printf 'round %d: swift events/s: %s  c events/s: %s  ratio: %s\n' \
        "$round" "$s" "$c" "$(awk -v c="$c" -v s="$s" 'BEGIN { printf "%.3f", c / s }')"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%d", v[(NR + 1) / 2]; else printf "%d", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
SWIFT_MEDIAN="$(median "${SWIFT_EPS[@]}")"
C_MEDIAN="$(median "${C_EPS[@]}")"
RATIO="$(awk -v c="$C_MEDIAN" -v s="$SWIFT_MEDIAN" 'BEGIN { printf "%.3f", c / s }')"
echo "swift median events/s: $SWIFT_MEDIAN"
echo "c median events/s: $C_MEDIAN (rng $RNG)"
echo "ratio: $RATIO"
if awk -v r="$RATIO" 'BEGIN { exit !(r <= 1.2) }'; then
    echo "target (ratio <= 1.2, DESIGN.md Performance): met"
else
    echo "target (ratio <= 1.2, DESIGN.md Performance): NOT met"
fi
