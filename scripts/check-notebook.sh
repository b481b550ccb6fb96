#!/usr/bin/env bash
# The example notebook against a fresh run: simulates a small model (seconds), executes
# notebooks-data/plot-a-run.ipynb headless on its folder (nbclient, the pinned packages of
# notebooks-data/requirements.txt in a venv under .build/), and fails unless every cell
# ran clean and the notebook saved its figures as non-blank PNG files. Done for both CSV
# dialects, since the notebook reads either. The executed notebooks and the figures stay
# in .build/check-notebook/ to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=models/retry-storm.yaml
OUT=${CHECK_OUT:-.build/check-notebook}
start=$(date +%s)

source scripts/python-env.sh
[ -x .build/release/affluence ] || swift build -c release
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)  # the notebook runs in notebooks-data/: give it absolute paths
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for dialect in standard excel-fr; do
  replications=2; [ "$dialect" = standard ] || replications=1
  .build/release/affluence run "$MODEL" --replications "$replications" --csv-dialect "$dialect" \
    --out "$work/$dialect" --quiet
  AFFLUENCE_RUN="$work/$dialect" AFFLUENCE_FIGURES="$OUT/figures-$dialect" MPLCONFIGDIR="$work/matplotlib" \
    "$PYTHON" scripts/execute-notebook.py notebooks-data/plot-a-run.ipynb \
      --output "$OUT/plot-a-run-$dialect.ipynb" --figures "$OUT/figures-$dialect" --min-figures 4
done
echo "check-notebook: passed in $(( $(date +%s) - start )) s"
