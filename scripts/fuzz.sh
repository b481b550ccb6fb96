#!/bin/sh
# Builds the libFuzzer harness of Fuzz/ (the scenario validator, then a short run of every
# accepted input) and runs it.
#
#   scripts/fuzz.sh run [SECONDS]   fuzz for SECONDS (default 3600), new inputs go to .build/fuzz-corpus/,
#                                    crashes to .build/fuzz-findings/; Fuzz/corpus/ seeds it
#   scripts/fuzz.sh replay          run every input of Fuzz/corpus/ once (CI): fails on a crash
#   scripts/fuzz.sh seed            rebuild Fuzz/corpus/ from models/ and the test corpus
set -eu
cd "$(dirname "$0")/.."
mode=${1:-run}
fuzzer=Fuzz/.build/release/FuzzScenario

seed() {
    rm -rf Fuzz/corpus && mkdir -p Fuzz/corpus
    for f in $(find models Tests/ScenarioTests/Corpus -name '*.yaml' | sort); do
        cp "$f" "Fuzz/corpus/$(echo "$f" | tr '/' '_')"
    done
}

build() {
    scripts/ensure-deps.sh
    # -parse-as-library: libFuzzer provides main; every module is instrumented for coverage.
    (cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --product FuzzScenario)
}

case "$mode" in
seed) seed ;;
replay)
    build
    # Every committed input once; a crash, a timeout or a broken invariant fails.
    "$fuzzer" -runs=0 -timeout=30 -rss_limit_mb=4096 Fuzz/corpus/ ;;
run)
    build
    seconds=${2:-3600}
    mkdir -p .build/fuzz-corpus .build/fuzz-findings
    # The dictionary holds the language's keys and values at the edges of what a run can honour.
    "$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=16384 -dict=Fuzz/scenario.dict \
        -artifact_prefix=.build/fuzz-findings/ -print_final_stats=1 .build/fuzz-corpus Fuzz/corpus ;;
*) echo "usage: scripts/fuzz.sh run [SECONDS] | replay | seed" >&2; exit 64 ;;
esac
