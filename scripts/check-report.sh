#!/usr/bin/env bash
# report.html of the France scenario in headless Chromium: simulates the 6 April 2021 day
# (one replication), checks that `affluence report` rebuilds the run's report byte for
# byte, then renders the page (scripts/check-report.py: no request leaves the page, every
# chart has data in the DOM and is drawn in a full-page PNG screenshot). The screenshot,
# a print-to-PDF copy and the run stay in .build/check-report/ to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

# The whole day as the model file declares it (06:00–20:00 at its `sample: 10%`, about 1e8 events,
# a minute or two). CHECK_REPORT_SAMPLE=1% runs a 1% sample instead, for a quick look.
SAMPLE=${CHECK_REPORT_SAMPLE:-}

MODEL=models/france-2021-04-06.yaml
OUT=${CHECK_OUT:-.build/check-report}
start=$(date +%s)

if ! command -v chromium >/dev/null; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
source scripts/python-env.sh
[ -x .build/release/affluence ] || swift build -c release
affluence=.build/release/affluence
rm -rf "$OUT"
mkdir -p "$OUT"

model=$MODEL
overrides=()
[ -z "$SAMPLE" ] || overrides=(--set "sample=$SAMPLE")
simulated=$(date +%s)
"$affluence" run "$model" "${overrides[@]}" --replications 1 --out "$OUT/france" --quiet
echo "check-report: simulated $model (one replication) in $(( $(date +%s) - simulated )) s"

cp "$OUT/france/report.html" "$OUT/report-as-run.html"
"$affluence" report "$OUT/france" --quiet
cmp "$OUT/report-as-run.html" "$OUT/france/report.html" || {
  echo "check-report: affluence report did not rebuild the run's report.html byte for byte" >&2
  exit 1
}

"$PYTHON" scripts/check-report.py "$OUT/france/report.html" --screenshot "$OUT/france-report.png" \
  --pdf "$OUT/france-report.pdf" --min-charts 10
echo "check-report: passed in $(( $(date +%s) - start )) s"
