#!/usr/bin/env bash
# Submits a sharded affluence command to Slurm: a job array of N shards, then one merge
# job that runs when all of them succeeded. Prints the two job ids (array, merge).
#
#   deploy/slurm/submit.sh [SBATCH_OPTION...] N SHARD_ROOT OUT -- AFFLUENCE_ARGS...
#
#   N               number of shards (array tasks 0..N-1)
#   SHARD_ROOT      folder for the shard folders (shard-0 … shard-(N-1)); on a shared filesystem
#   OUT             the merged folder: the files `affluence AFFLUENCE_ARGS... --out OUT` writes
#   AFFLUENCE_ARGS  the command without --shard and --out, e.g. sweep models/x.yaml --vary demand_scale=1,1.2
#                   --replications 5, or run models/x.yaml --replications 40 (or compare …)
#   SBATCH_OPTION   passed to both sbatch calls (--partition=…, --time=…, --chdir=…, --output=…)
#
# Environment: AFFLUENCE (the affluence binary, default: affluence on PATH) is passed to
# the jobs; CPUS_PER_SHARD (default 1) sets --cpus-per-task, and so --jobs, of each shard.
set -euo pipefail
die() { echo "submit.sh: $*" >&2; exit 2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SBATCH_OPTIONS=()
while [[ $# -gt 0 && "$1" == -* ]]; do SBATCH_OPTIONS+=("$1"); shift; done
[[ $# -ge 5 && "$4" == "--" ]] || die "usage: $0 [SBATCH_OPTION...] N SHARD_ROOT OUT -- AFFLUENCE_ARGS..."
N="$1"; ROOT="$2"; OUT="$3"; shift 4
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer (got $N)"
mkdir -p "$ROOT"

export AFFLUENCE="${AFFLUENCE:-affluence}"
ARRAY_ID="$(sbatch --parsable --export=ALL "${SBATCH_OPTIONS[@]}" --array="0-$((N - 1))" \
    --cpus-per-task="${CPUS_PER_SHARD:-1}" "$HERE/shard-array.sbatch" "$N" "$ROOT" "$@")"
ARRAY_ID="${ARRAY_ID%%;*}"   # --parsable prints "id" or "id;cluster"
MERGE_ID="$(sbatch --parsable --export=ALL "${SBATCH_OPTIONS[@]}" --dependency="afterok:$ARRAY_ID" \
    "$HERE/merge.sbatch" "$N" "$ROOT" "$OUT")"
MERGE_ID="${MERGE_ID%%;*}"
echo "array job: $ARRAY_ID"
echo "merge job: $MERGE_ID"
