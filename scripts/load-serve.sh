#!/usr/bin/env bash
# `make load-serve`: `affluence serve --jobs 2` over a copy of models/retry-storm.yaml, and
# scripts/load-serve.py in a second process on loopback: 20 clients moving knobs for 60 s
# while 10 simulations run (LOAD_CLIENTS, LOAD_SECONDS, LOAD_SIMULATIONS change them).
# Fails when a job is lost or duplicated, a twin request fails, the twin's p95 is not under
# 100 ms or the server's memory passes 1 GB. Figures in .build/load-serve/figures.json.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${LOAD_OUT:-.build/load-serve}
[ -x .build/release/affluence ] || swift build -c release
rm -rf "$OUT"
mkdir -p "$OUT/models"
cp models/retry-storm.yaml "$OUT/models/"
.build/release/affluence serve "$OUT/models" --port 0 --jobs 2 > "$OUT/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*/' "$OUT/serve.log" | head -1 | sed 's|.*:\([0-9]*\)/|\1|' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "load-serve: the server did not start" >&2; cat "$OUT/serve.log" >&2; exit 1; }
python3 scripts/load-serve.py --port "$port" --pid "$server" --model retry-storm --out "$OUT" \
  --clients "${LOAD_CLIENTS:-20}" --seconds "${LOAD_SECONDS:-60}" --simulations "${LOAD_SIMULATIONS:-10}"
