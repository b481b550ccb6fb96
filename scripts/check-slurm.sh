#!/usr/bin/env bash
# check-slurm.sh: a real single-node Slurm on localhost runs sharded affluence jobs the
# way deploy/slurm/ says (a job array of shards, then a merge job with
# --dependency=afterok), and each merged folder must equal the unsharded command's byte
# for byte: a sweep (the case the cluster is for) and a run.
#
# Installs Debian's slurm-wlm (slurmctld, slurmd, client) and munge with apt-get when
# missing, writes a private slurm.conf (this host, 2 CPUs, its own ports and state folder
# under a temporary directory), starts munged, slurmctld and slurmd directly (no systemd;
# as root), submits, waits (bounded), compares, and stops every daemon it started, also on
# failure. Needs root. Exit 0 = identical; anything else says what failed.
#
# Usage: scripts/check-slurm.sh [--affluence PATH]   (default: builds .build/release/affluence)
# Make target: make check-slurm. CI: .ci/run calls it after the release build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
AFFLUENCE=""
[[ "${1:-}" == "--affluence" ]] && AFFLUENCE="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

# ---- The jobs, each in 3 shards (the command as on one machine, without --shard and --out):
# a sweep of the M/M/c/K model, 2 server counts × 3 demand scales × 2 replications (12 work
# items, 4 per shard), and a run of it, 6 replications (2 per shard). Each runs in well
# under a second; the time is Slurm's.
SWEEP=(sweep models/validation/mmck.yaml --vary pools.servers.servers=3,4 --vary demand_scale=0.8,1,1.2
       --replications 2 --seed 7 --set duration=20h --quiet)
RUN=(run models/validation/mmck.yaml --replications 6 --seed 7 --set duration=20h --quiet)
SHARDS=3
TIMEOUT_S=240

log() { echo "check-slurm: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
[[ "$(id -u)" -eq 0 ]] || die "needs root (it installs packages and starts slurmd/slurmctld/munged)"
started=$(date +%s)

# ---- Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
    log "installing slurm-wlm and munge with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
scripts/ensure-deps.sh
if [[ -z "$AFFLUENCE" ]]; then
    swift build -c release --product affluence >&2
    AFFLUENCE="$ROOT/.build/release/affluence"
fi
[[ -x "$AFFLUENCE" ]] || die "no affluence binary at $AFFLUENCE"

# ---- A private cluster: everything under WORK, ports of its own.
WORK="$(mktemp -d /tmp/affluence-slurm.XXXXXX)"
HOST="$(hostname -s)"
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
    if [[ $status -ne 0 ]]; then
        for f in "$WORK"/log/* "$WORK"/munge/*.log; do [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
    fi
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
mkdir -p "$WORK"/{state,spool,log,munge,run}
chmod 755 "$WORK"

# munge: use the system key (the package creates one); our own socket, so a munged that
# is already running elsewhere is neither needed nor touched.
if [[ ! -s /etc/munge/munge.key ]]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
fi
chown munge:munge "$WORK/munge"
MUNGE_SOCKET="$WORK/munge/munge.socket"
runuser -u munge -- munged --socket="$MUNGE_SOCKET" --pid-file="$WORK/munge/munged.pid" \
    --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/seed"
for _ in $(seq 50); do [[ -s "$WORK/munge/munged.pid" ]] && break; sleep 0.1; done
PIDS+=("$(cat "$WORK/munge/munged.pid")")
munge --socket="$MUNGE_SOCKET" -n | unmunge --socket="$MUNGE_SOCKET" >/dev/null || die "munge does not round-trip a credential"

export SLURM_CONF="$WORK/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=affluence-check
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=check Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -i
for _ in $(seq 50); do [[ -s "$WORK/run/slurmctld.pid" ]] && break; sleep 0.1; done
[[ -s "$WORK/run/slurmctld.pid" ]] || die "slurmctld did not start"
PIDS+=("$(cat "$WORK/run/slurmctld.pid")")
slurmd
for _ in $(seq 50); do [[ -s "$WORK/run/slurmd.pid" ]] && break; sleep 0.1; done
[[ -s "$WORK/run/slurmd.pid" ]] || die "slurmd did not start"
PIDS+=("$(cat "$WORK/run/slurmd.pid")")
for _ in $(seq 60); do
    state="$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)"
    [[ "$state" == idle ]] && break
    sleep 1
done
[[ "$state" == idle ]] || die "node $HOST is not idle after 60 s (state: ${state:-none})"
log "slurm up on $HOST after $(( $(date +%s) - started )) s"

# ---- For each job: the unsharded reference, then the same job through Slurm. Every
# folder is named `out`: a compare's report.html shows its folder's name.
# The shards run with --jobs 1 (one CPU each): the reference says so too, so that the
# command lines in the two manifests differ by --out alone.
NAMES=()
declare -A ARRAY_IDS MERGE_IDS
submit() {   # submit NAME AFFLUENCE_ARGS...
    local name="$1"; shift
    "$AFFLUENCE" "$@" --jobs 1 --out "$WORK/$name/unsharded/out"
    AFFLUENCE="$AFFLUENCE" CPUS_PER_SHARD=1 deploy/slurm/submit.sh --chdir="$ROOT" --output="$WORK/log/$name-%A_%a.out" \
        "$SHARDS" "$WORK/$name/shards" "$WORK/$name/merged/out" -- "$@" >"$WORK/$name.ids"
    ARRAY_IDS[$name]="$(awk '/^array job:/ { print $3 }' "$WORK/$name.ids")"
    MERGE_IDS[$name]="$(awk '/^merge job:/ { print $3 }' "$WORK/$name.ids")"
    [[ -n "${ARRAY_IDS[$name]}" && -n "${MERGE_IDS[$name]}" ]] || die "$name: submit.sh printed no job ids: $(cat "$WORK/$name.ids")"
    log "$name: submitted array job ${ARRAY_IDS[$name]} ($SHARDS shards) and merge job ${MERGE_IDS[$name]} (afterok:${ARRAY_IDS[$name]})"
    NAMES+=("$name")
}
submit sweep "${SWEEP[@]}"
submit run "${RUN[@]}"

job_state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
deadline=$(( $(date +%s) + TIMEOUT_S ))
for name in "${NAMES[@]}"; do
    merge_id="${MERGE_IDS[$name]}"
    while :; do
        state="$(job_state "$merge_id")"
        case "$state" in
            COMPLETED) break ;;
            FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE) die "$name: merge job $merge_id ended $state" ;;
        esac
        if scontrol show job "$merge_id" 2>/dev/null | grep -q 'Reason=DependencyNeverSatisfied'; then
            die "$name: a shard failed, so the merge job can never start (array job ${ARRAY_IDS[$name]})"
        fi
        (( $(date +%s) < deadline )) || die "$name: merge job $merge_id not done after $TIMEOUT_S s (state: ${state:-unknown})"
        sleep 1
    done
    for ((i = 0; i < SHARDS; i++)); do
        s="$(job_state "${ARRAY_IDS[$name]}_$i")"
        [[ "$s" == COMPLETED ]] || die "$name: array task ${ARRAY_IDS[$name]}_$i: $s"
    done
done

# ---- Each merged folder must equal its unsharded one. manifest.json records the command
# that writes the folder on one machine, so it differs in the --out value alone.
summary=()
for name in "${NAMES[@]}"; do
    whole="$WORK/$name/unsharded/out"
    merged="$WORK/$name/merged/out"
    files_whole="$(cd "$whole" && ls)"
    files_merged="$(cd "$merged" && ls)"
    [[ "$files_whole" == "$files_merged" ]] || die "$name: different files: unsharded has [$files_whole], merged has [$files_merged]"
    for f in $files_whole; do
        if [[ "$f" == manifest.json ]]; then
            cmp -s "$whole/$f" <(sed "s|$merged|$whole|g" "$merged/$f") \
                || die "$name: $f differs beyond the --out path: $(diff "$whole/$f" "$merged/$f" | head -n 20)"
        else
            cmp -s "$whole/$f" "$merged/$f" || die "$name: $f differs between the unsharded $name and the Slurm merge"
        fi
    done
    summary+=("$name ($(echo $files_whole | tr ' ' ','))")
done
echo "check-slurm: $SHARDS shards + merge on Slurm equal the unsharded command byte for byte: ${summary[*]}; $(( $(date +%s) - started )) s"
