#!/usr/bin/env bash
# The what-if page end to end in a real headless Chromium (Debian's chromium and
# chromedriver, Selenium pinned from PyPI): `affluence serve` on a free loopback port over a
# copy of models/retry-storm.yaml, then scripts/check-serve.py moves a knob and waits for the
# twin's chart to change, simulates and waits for the report's charts, downloads
# timeseries.csv and checks it equals `affluence run` with the same settings byte for byte,
# compares two settings, saves the setting as a scenario, validates it and runs it (the same
# bytes again). Screenshots and the folders stay in .build/check-serve/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${CHECK_OUT:-.build/check-serve}
start=$(date +%s)

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
AFFLUENCE_VENV=.build/serve-venv AFFLUENCE_REQUIREMENTS=scripts/check-serve-requirements.txt source scripts/python-env.sh
[ -x .build/release/affluence ] || swift build -c release
affluence=$PWD/.build/release/affluence

rm -rf "$OUT"
mkdir -p "$OUT/models"
cp models/retry-storm.yaml "$OUT/models/"
"$affluence" validate "$OUT/models" >/dev/null

"$affluence" serve "$OUT/models" --port 0 --jobs 1 > "$OUT/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$OUT/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "check-serve: the server did not start" >&2; cat "$OUT/serve.log" >&2; exit 1; }
echo "check-serve: serving $url"

"$PYTHON" scripts/check-serve.py --url "$url" --model retry-storm --out "$OUT" --affluence "$affluence"
kill "$server"
wait "$server" 2>/dev/null || true
trap - EXIT
echo "check-serve: passed in $(( $(date +%s) - start )) s"
