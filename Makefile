# The two README commands, plus the pieces they are made of.
# Every target first makes sure GSL is installed (scripts/ensure-deps.sh).

SWIFT ?= swift
RELEASE := -c release
# Statistical tests compare long runs with queueing formulas: honest only in release.
TEST_FLAGS := $(RELEASE) -Xswiftc -enable-testing

.PHONY: deps build run bench test bench-compare bench-suite check-slurm check-notebook check-report check-serve load-serve check-calc fuzz fuzz-replay soak clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build $(RELEASE)

# The main job: the 6 April 2021 France scenario over every parameter set calibration left plausible (5 replications each), results in runs/
run: build
	$(SWIFT) run $(RELEASE) affluence run models/france-2021-04-06.yaml --ensemble models/france-2021-04-06.plausible.csv --replications 5 --out runs/france-2021-04-06

# The canonical M/M/c benchmark (c=10, λ=9, μ=1, 10^6 customers) on the kernel.
bench: build
	$(SWIFT) run $(RELEASE) affluence bench mmc --servers 10 --arrival-rate 9 --service-rate 1 --customers 1000000 --seed 1

test: deps
	$(SWIFT) test $(TEST_FLAGS)

# Swift kernel vs the plain C binary-heap loop, side by side (see Benchmarks/README.md).
bench-compare: deps
	Benchmarks/compare-mmc.sh

# The ordo-one/benchmark suites (kernel M/M/c, calendar hold model, France) and the C
# comparison; minutes, not in CI (Benchmarks/README.md). AFFLUENCE_FRANCE_END=20:00 for the full day.
bench-suite: deps
	Benchmarks/run-suite.sh

# A real single-node Slurm runs a sharded sweep and a sharded run (arrays + merge jobs); each merge must equal the
# unsharded run byte for byte (needs root: installs slurm-wlm and munge, starts the daemons).
check-slurm: build
	scripts/check-slurm.sh --affluence .build/release/affluence

# The example notebook, executed headless against a fresh run (pinned packages from PyPI in .build/).
check-notebook: build
	scripts/check-notebook.sh

# The run, compare and sweep reports in headless Chromium, in English and French: charts drawn, every policy
# charted, 800 px wide, first screen answers (screenshots in .build/check-report/).
check-report: build
	scripts/check-report.sh

# The what-if page (affluence serve) in headless Chromium driven by Selenium: a knob moves the twin's chart,
# a simulation's CSV equals `affluence run` byte for byte, a saved scenario validates and reproduces it,
# two settings compare (screenshots in .build/check-serve/).
check-serve: build
	scripts/check-serve.sh

# Load on the what-if server from a second process on loopback: 20 clients moving knobs for 60 s while 10
# simulations run; no job lost or duplicated, memory bounded, twin p95 under 100 ms (figures in .build/load-serve/).
load-serve: build
	scripts/load-serve.sh

# The excel-fr CSV files of run, compare, sweep, estimate, saturation, capacity and calibrate imported by
# LibreOffice Calc headless (French locale): every number must be a numeric cell. Installs
# Debian's libreoffice-calc-nogui when missing (about 300 MB), so it is not part of .ci/run.
check-calc: build
	scripts/check-calc.sh

# libFuzzer on the scenario language and a short run of every accepted input (Fuzz/, a
# separate instrumented build); FUZZ_SECONDS long (default 1 h), nice'd. Findings in .build/fuzz-findings/.
FUZZ_SECONDS ?= 3600
fuzz: deps
	nice -n 10 scripts/fuzz.sh run $(FUZZ_SECONDS)

# Every input of the committed corpus (Fuzz/corpus/) once: what CI runs.
fuzz-replay: deps
	scripts/fuzz.sh replay

# The property-based tests on SOAK_COUNT random scenarios from SOAK_SEED (CI runs 2,000 from seed 0):
# every invariant on each, a failure shrunk to a minimal scenario file in the test's message. Nice'd.
SOAK_COUNT ?= 100000
SOAK_SEED ?= 1000000
soak: deps
	AFFLUENCE_PROPERTY_COUNT=$(SOAK_COUNT) AFFLUENCE_PROPERTY_SEED=$(SOAK_SEED) \
		nice -n 10 $(SWIFT) test $(TEST_FLAGS) --filter 'PropertyTests/invariants'

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build
