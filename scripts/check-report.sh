#!/usr/bin/env bash
# The reports in headless Chromium, in English and in French:
# - run page: the 6 April 2021 France day (one replication); `affluence report` must rebuild
#   the run's report.html byte for byte;
# - compare page: the Île-de-France quota policies (a copy of the model, which extends the
#   France day, at its 2% sample, 2 replications);
# - sweep page: the same model over servers × demand (2 replications per point, the fewest
#   `sweep` takes for its intervals).
# scripts/check-report.py renders each page at 800 px: no request leaves the page, every
# chart has data and is drawn, nothing scrolls sideways, the first screen shows the
# timeline and the answers, the compare charts carry every policy, its description and
# HH:MM clocks, and the compare page charts each policy over the day (one line per policy). Screenshots (whole page and first screen), print-to-PDF copies and the
# folders stay in .build/check-report/ to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

# The France day as the model file declares it (06:00–20:00 at its `sample: 2%`, about 1.4e7
# events, seconds). CHECK_REPORT_SAMPLE=1% runs a 1% sample instead, for a quick look.
SAMPLE=${CHECK_REPORT_SAMPLE:-}
COMPARE_SAMPLE=${CHECK_REPORT_COMPARE_SAMPLE:-2%}

MODEL=models/france-2021-04-06.yaml
POLICIES=models/ile-de-france-quota-policies.yaml
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

# A French copy of a folder: the same files, report.html rebuilt with --lang fr.
french() {
  rm -rf "$2"
  cp -R "$1" "$2"
  "$affluence" report "$2" --lang fr --quiet
}

model=$MODEL
overrides=()
[ -z "$SAMPLE" ] || overrides=(--set "sample=$SAMPLE")
step=$(date +%s)
"$affluence" run "$model" "${overrides[@]}" --replications 1 --out "$OUT/france" --quiet
echo "check-report: simulated $model (one replication) in $(( $(date +%s) - step )) s"

cp "$OUT/france/report.html" "$OUT/report-as-run.html"
"$affluence" report "$OUT/france" --quiet
cmp "$OUT/report-as-run.html" "$OUT/france/report.html" || {
  echo "check-report: affluence report did not rebuild the run's report.html byte for byte" >&2
  exit 1
}

# The policies model at a sample, from a models/ folder of its own (a model reaches files in
# its models tree only), with the France model it extends.
mkdir -p "$OUT/models"
cp "$MODEL" "$OUT/models/$(basename "$MODEL")"
cp "$POLICIES" "$OUT/models/policies.yaml"
printf 'extends: policies.yaml\nsample: %s\n' "$COMPARE_SAMPLE" > "$OUT/models/policies-sample.yaml"
step=$(date +%s)
"$affluence" compare "$OUT/models/policies-sample.yaml" --replications 2 --out "$OUT/compare" --quiet
echo "check-report: compared the policies of $POLICIES (${COMPARE_SAMPLE} sample, 2 replications) in $(( $(date +%s) - step )) s"
step=$(date +%s)
"$affluence" sweep "$OUT/models/policies-sample.yaml" --vary pools.ode_idf.servers=150,225,300 --vary demand_scale=0.8,1.2 \
  --replications 2 --out "$OUT/sweep" --quiet
echo "check-report: swept $POLICIES (6 points, ${COMPARE_SAMPLE} sample) in $(( $(date +%s) - step )) s"

french "$OUT/france" "$OUT/france-fr"
french "$OUT/compare" "$OUT/compare-fr"
french "$OUT/sweep" "$OUT/sweep-fr"

for lang in en fr; do
  suffix=""; [ "$lang" = en ] || suffix="-$lang"
  "$PYTHON" scripts/check-report.py "$OUT/france$suffix/report.html" --screenshot "$OUT/france-report$suffix.png" \
    --pdf "$OUT/france-report$suffix.pdf" --min-charts 10 --first-screen timeline,answers
  "$PYTHON" scripts/check-report.py "$OUT/compare$suffix/report.html" --screenshot "$OUT/compare-report$suffix.png" \
    --min-charts 2 --first-screen answers --comparison "$OUT/compare$suffix/comparison.csv" --baseline base --policy-day
  "$PYTHON" scripts/check-report.py "$OUT/sweep$suffix/report.html" --screenshot "$OUT/sweep-report$suffix.png" \
    --min-charts 1
done
echo "check-report: passed in $(( $(date +%s) - start )) s"
