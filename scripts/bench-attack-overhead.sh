#!/usr/bin/env bash
# What a nationwide fluid attack costs in run time (issue 6): one replication of the CNED
# model with its attacks removed, then the same with only a 500,000 requests/s attack on
# the MCALM pool for 3 hours (08:00–11:00, fluid, 0.2 ms a request: 100 of its 375
# workers), run alternately ROUNDS times on one core; prints the CPU time (user + system:
# the machine may be shared) of each run, the medians and their ratio. The fluid mode
# should keep the ratio under 1.2.
#
#   scripts/bench-attack-overhead.sh [ROUNDS]    (default 3; needs `swift build -c release`)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/affluence
MODEL=models/cned-2021-04-06-attack.yaml
ROUNDS=${1:-3}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

ATTACK='attacks=[{id: flood, target: cned_mcalm, rate: 500k/s, mode: fluid, request_cost: lognormal(mean: 0.2ms, cv: 1), windows: [{from: 08:00, to: 11:00}]}]'

seconds() {  # seconds COMMAND...: CPU time (user + system) of one run; wall time varies with other load on the machine
    /usr/bin/time -f '%U %S' -o "$OUT/time" "$@" >/dev/null
    awk '{ print $1 + $2 }' "$OUT/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$OUT/base"; : > "$OUT/attack"
for round in $(seq 1 "$ROUNDS"); do
    b=$(seconds "$BIN" run "$MODEL" --set 'attacks=[]' --set 'expect=[]' --replications 1 --jobs 1 --quiet --out "$OUT/run-base")
    a=$(seconds "$BIN" run "$MODEL" --set "$ATTACK" --set 'expect=[]' --replications 1 --jobs 1 --quiet --out "$OUT/run-attack")
    printf 'round %d: CPU without attack %.2f s, with a 500k/s 3 h attack %.2f s\n' "$round" "$b" "$a"
    echo "$b" >> "$OUT/base"; echo "$a" >> "$OUT/attack"
done
mb=$(median < "$OUT/base"); ma=$(median < "$OUT/attack")
events_base=$(grep ',run,run,events,' "$OUT/run-base/summary.csv" | cut -d, -f7)
events_attack=$(grep ',run,run,events,' "$OUT/run-attack/summary.csv" | cut -d, -f7)
offered=$(grep ',attack,flood,attack_offered,' "$OUT/run-attack/summary.csv" | cut -d, -f7)
printf 'median CPU: without %.2f s (%s events), with %.2f s (%s events, %s attack requests offered)\n' \
    "$mb" "$events_base" "$ma" "$events_attack" "$offered"
printf 'ratio with/without: %.3f (target < 1.2)\n' "$(echo "$ma / $mb" | bc -l)"
