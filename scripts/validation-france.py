#!/usr/bin/env python3
"""The France day's validation figures over the plausible set (docs/validation.md).

Reads the folder of `affluence run models/france-2021-04-06.yaml --ensemble PLAUSIBLE
--replications R` (pooled replication k is replication (k - 1) mod R of world
floor((k - 1) / R) + 1) and the plausible set itself, and prints, in Markdown, over every
run (world × replication):

- each platform's degradation per world: `error_share` over 07:00–12:00 (refused logins,
  failed logins and timed-out pages among everything the platform answered), as a 5–95% range;
- the severity ordering: in how many worlds each region the ministry named (IdF, HdF,
  GE, OCC) is at least as degraded as every region the sources call less affected (the
  rest of France, ENT27);
- IdF's overload against its refusal, from the plausible set's own observation means
  (`idf-overload-onset_mean` before `idf-refusal-onset_mean`).

Standard library only: it runs with any python3.
"""
import csv
import math
import sys
from collections import defaultdict

NAMED = ["ode_idf", "ode_hdf", "kosmos_ge", "kosmos_occ"]
LESS_AFFECTED = ["ent_other", "ent27"]
FROM, TO = 7 * 3600, 12 * 3600


def percentile(values, q):
    """Hyndman & Fan type 7, as the ensemble's spread uses."""
    xs = sorted(values)
    if not xs:
        return math.nan
    h = (len(xs) - 1) * q
    lo = math.floor(h)
    return xs[lo] + (h - lo) * (xs[min(lo + 1, len(xs) - 1)] - xs[lo])


def degradation(run_folder):
    """{platform: {world: failed share of attempts over 07:00–12:00}}."""
    sums = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    with open(f"{run_folder}/timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            # Replication 0 holds the analytic twin's series, not a simulated world.
            if row["entity_kind"] != "platform" or row["replication"] == "0":
                continue
            t = float(row["interval_start_s"])
            if not FROM <= t < TO:
                continue
            metric, value = row["metric"], float(row["value"] or "nan")
            if math.isnan(value):
                continue
            cell = sums[row["entity_id"]][int(row["replication"])]
            # error_share's own terms: refused, failed logins and timed-out pages among everything answered.
            if metric in ("login_failures", "refused", "page_timeouts"):
                cell[0] += value
                cell[1] += value
            elif metric in ("successful_logins", "pages_ok"):
                cell[1] += value
    return {p: {w: (failed / total if total else 0.0) for w, (failed, total) in worlds.items()} for p, worlds in sums.items()}


def main(run_folder, plausible_csv):
    shares = degradation(run_folder)
    worlds = sorted(next(iter(shares.values())).keys())
    print(f"Degradation: error share over 07:00–12:00, {len(worlds)} runs (plausible worlds × replications):\n")
    print("| platform | 5% | median | 95% |")
    print("|---|---|---|---|")
    for platform in sorted(shares, key=lambda p: -percentile(shares[p].values(), 0.5)):
        v = list(shares[platform].values())
        print(f"| `{platform}` | {percentile(v, 0.05):.1%} | {percentile(v, 0.5):.1%} | {percentile(v, 0.95):.1%} |")
    print()
    worst_less = {w: max(shares[p][w] for p in LESS_AFFECTED) for w in worlds}
    for p in NAMED:
        n = sum(shares[p][w] >= worst_less[w] for w in worlds)
        print(f"- `{p}` at least as degraded as {' and '.join(LESS_AFFECTED)}: {n} of {len(worlds)} runs")
    every = sum(all(shares[p][w] >= worst_less[w] for p in NAMED) for w in worlds)
    print(f"- all four at once: {every} of {len(worlds)} runs\n")

    with open(plausible_csv, newline="") as f:
        points = [r for r in csv.DictReader(f) if r.get("plausible", "1") == "1"]
    before = sum(float(r["idf-overload-onset_mean"]) < float(r["idf-refusal-onset_mean"]) for r in points)
    print(f"- IdF overloaded before its quota refuses: {before} of {len(points)} plausible points")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: validation-france.py RUN_FOLDER PLAUSIBLE_CSV")
    main(sys.argv[1], sys.argv[2])
