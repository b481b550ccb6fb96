#!/usr/bin/env bash
# The French CSV files as a planner opens them: every command that writes tables (run,
# compare, sweep, estimate --exact, saturation, capacity, calibrate) runs on a small model with
# --csv-dialect excel-fr; LibreOffice Calc (Debian's libreoffice-calc-nogui, installed
# when missing) imports each CSV headless the way a French Calc does — `;` separator, `"`
# quotes, UTF-8, French locale (1036) — and saves it as flat ODF; scripts/check-calc.py
# then checks that every cell written as a number is a numeric cell with the same value.
# Outputs stay in .build/check-calc/ to open by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${CHECK_OUT:-.build/check-calc}
start=$(date +%s)

if ! command -v soffice >/dev/null; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui
fi
[ -x .build/release/affluence ] || swift build -c release
affluence=.build/release/affluence
rm -rf "$OUT"
mkdir -p "$OUT/runs" "$OUT/fods"

# M/M/1 (models/validation/mm1.yaml) cut to two hours: every command in seconds. retry-storm
# has policies, for compare.
mm1=(models/validation/mm1.yaml --set duration=2h --set warmup=10min)
common=(--csv-dialect excel-fr --quiet --jobs 2)
"$affluence" run "${mm1[@]}" --replications 2 "${common[@]}" --out "$OUT/runs/run"
"$affluence" compare models/retry-storm.yaml --replications 2 "${common[@]}" --out "$OUT/runs/compare"
"$affluence" sweep "${mm1[@]}" --vary pools.server.servers=1,2 --vary demand_scale=0.5,1 --replications 2 \
  "${common[@]}" --out "$OUT/runs/sweep"
"$affluence" estimate "${mm1[@]}" --exact --csv-dialect excel-fr --quiet --out "$OUT/runs/estimate"
"$affluence" saturation "${mm1[@]}" --scale sources --range 0.5:2 --tolerance 10% --replications 2 \
  "${common[@]}" --out "$OUT/runs/saturation" >/dev/null
"$affluence" capacity "${mm1[@]}" --resource pools.server.servers --slo "mean_wait <= 1s" --range 1:4 \
  --replications 2 "${common[@]}" --out "$OUT/runs/capacity" >/dev/null
"$affluence" calibrate models/validation/calibrate-mmc.yaml --set duration=1h --set warmup=10min --waves 2 --points 10 \
  --replications 2 "${common[@]}" --out "$OUT/runs/calibrate"

# CSV import filter options: separator 59 (;), text delimiter 34 ("), character set 76
# (UTF-8), from line 1, default column formats, language 1036 (French, France).
filter='CSV:59,34,76,1,,1036'
pairs=()
for csv in "$OUT"/runs/*/*.csv; do
  name=$(basename "$(dirname "$csv")")-$(basename "$csv" .csv)
  cp "$csv" "$OUT/fods/$name.csv"
  pairs+=("$OUT/fods/$name.csv" "$OUT/fods/$name.fods")
done
# One soffice for every file (a private profile, so a desktop session's settings never leak in).
(cd "$OUT/fods" && soffice -env:UserInstallation=file://"$PWD"/../profile --headless \
  --infilter="$filter" --convert-to fods *.csv >/dev/null)
status=0
python3 scripts/check-calc.py "${pairs[@]}" || status=$?

# Control: the summary imported as an English Calc would (1033, decimal point) must fail —
# its decimal commas become text — or the check above could not tell text from numbers.
mkdir -p "$OUT/control"
cp "$OUT/fods/run-summary.csv" "$OUT/control/"
(cd "$OUT/control" && soffice -env:UserInstallation=file://"$PWD"/../profile --headless \
  --infilter='CSV:59,34,76,1,,1033' --convert-to fods run-summary.csv >/dev/null)
if python3 scripts/check-calc.py "$OUT/control/run-summary.csv" "$OUT/control/run-summary.fods" >/dev/null 2>&1; then
  echo "check-calc: FAIL the control (English import of decimal commas) passed: the check cannot see text cells" >&2
  status=1
else
  echo "check-calc: control ok (an English import of the same file is rejected)"
fi
echo "check-calc: $(( $(date +%s) - start )) s, exit $status"
exit "$status"
