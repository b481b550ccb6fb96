"""Writes a copy of a scenario file cut at an earlier end time, on stdout.

A stopgap for scripts/check-report.sh while the full France day is too slow for CI: the
scenario language rejects a time outside [start, end] (`--set end=08:30` alone fails on
the afternoon's repeat visits), so this cuts what lies after the new end:

* intent bumps centred after it are left out, and the segment's active share is scaled
  by the share of its bumps kept (those users would have come after the cut); a segment
  with no bump left is dropped;
* repeat visits and comebacks after it are left out;
* time windows are clipped to it (a window left with no segment goes, and so does a
  gate left with no window);
* expectations and policies go: the cut copy is for one run of the scenario as written.

What happens before the cut is unchanged except for the tails of the bumps left out
(users of a bump centred after the cut who would have come early). Anything else that
falls after the cut is an error: say what, rather than guess.

Usage: cut-scenario.py MODEL.yaml --end HH:MM > cut.yaml
"""
import argparse
import re
import sys

import yaml

# A distribution written unquoted, as planners do (`exponential(mean: 75s)`): not YAML, so
# it is quoted before PyYAML reads the file, as Affluence's own preflight does.
DISTRIBUTION = re.compile(r"(?<=[:\[{,-] )([A-Za-z_][A-Za-z0-9_]*\()")


def minutes(clock):
    hours, mins = str(clock).split(":")[:2]
    return int(hours) * 60 + int(mins)


def percent(text):
    text = str(text).strip()
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def cut_intent(segment, end):
    intent = segment.get("intent") or {}
    bumps = intent.get("bumps") or []
    if bumps:
        shares = [percent(b.get("share", "100%")) if len(bumps) > 1 else 1.0 for b in bumps]
        total = sum(shares)
        kept = [(b, s) for b, s in zip(bumps, shares) if minutes(b["at"]) <= end]
        if not kept:
            return False
        kept_share = sum(s for _, s in kept) / total
        for bump, share in kept:
            if len(kept) > 1:
                bump["share"] = f"{100 * share / sum(s for _, s in kept):.6g}%"
            else:
                bump.pop("share", None)
        intent["bumps"] = [b for b, _ in kept]
        if kept_share < 1:
            segment["active_share"] = f"{100 * percent(segment.get('active_share', '100%')) * kept_share:.6g}%"
    repeats = []
    for repeat in intent.get("repeats") or []:
        times = repeat["at"] if isinstance(repeat["at"], list) else [repeat["at"]]
        times = [t for t in times if minutes(t) <= end]
        if times:
            repeat["at"] = times
            repeats.append(repeat)
    if "repeats" in intent:
        if repeats:
            intent["repeats"] = repeats
        else:
            del intent["repeats"]
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--end", required=True, help="new end, HH:MM")
    args = parser.parse_args()
    end = minutes(args.end)
    with open(args.model, encoding="utf-8") as file:
        text = quote_distributions(file.read())
    # BaseLoader keeps every scalar as written (08:10, 5_686_000, 35%): no YAML 1.1 guessing.
    scenario = yaml.load(text, Loader=yaml.BaseLoader)
    if minutes(scenario["start"]) >= end:
        sys.exit(f"cut-scenario: --end {args.end} is not after the start {scenario['start']}")
    scenario["end"] = args.end
    scenario.pop("duration", None)
    # Expectations describe the whole day, and the policies may name a gate the cut drops:
    # the cut copy is for one run of the scenario as written.
    scenario.pop("expect", None)
    scenario.pop("policies", None)
    scenario["name"] = f"{scenario.get('name', '')} (cut at {args.end})".strip()

    scenario["segments"] = [s for s in scenario.get("segments", []) if cut_intent(s, end)]
    for behaviour in scenario.get("behaviours", []):
        comeback = behaviour.get("comeback")
        if comeback and minutes(comeback["at"]) > end:
            del behaviour["comeback"]
    kept_segments = {s["id"] for s in scenario["segments"]}
    gates = []
    for gate in scenario.get("gates", []):
        if "time_windows" in gate:
            windows = []
            for window in gate["time_windows"]:
                segments = window.get("segments", [])
                window["segments"] = [s for s in (segments if isinstance(segments, list) else [segments]) if s in kept_segments]
                if minutes(window["from"]) >= end or not window["segments"]:
                    continue
                if minutes(window["to"]) > end:
                    window["to"] = args.end
                windows.append(window)
            if not windows:
                continue  # nothing left to admit or bar: the gate goes (policies go too, below)
            gate["time_windows"] = windows
        gates.append(gate)
        room = gate.get("waiting_room") or {}
        for key in ("pre_queue_opens", "starts_at"):
            if key in room and minutes(room[key]) > end:
                sys.exit(f"cut-scenario: gate {gate['id']}: {key} {room[key]} is after --end {args.end}")
    scenario["gates"] = gates
    used = set()
    for platform in scenario.get("platforms", []):
        gate = platform.get("gate") or []
        used.update(gate if isinstance(gate, list) else [gate])
    missing = used - {g["id"] for g in gates}
    if missing:
        sys.exit(f"cut-scenario: platforms use gates {sorted(missing)} that the cut leaves empty")
    sys.stdout.write("".join(emit(scenario, 0)))


def quote_distributions(text):
    """Wraps each `name(…)` value, up to its matching `)`, in double quotes."""
    out = []
    for line in text.splitlines():
        code, hash_, comment = line.partition(" #")
        result, position = "", 0
        for match in DISTRIBUTION.finditer(code):
            if match.start() < position:
                continue
            depth, end = 0, None
            for index in range(match.end() - 1, len(code)):
                depth += {"(": 1, ")": -1}.get(code[index], 0)
                if depth == 0:
                    end = index + 1
                    break
            if end is None:
                continue
            result += code[position:match.start()] + '"' + code[match.start():end] + '"'
            position = end
        out.append(result + code[position:] + hash_ + comment)
    return "\n".join(out) + "\n"


PLAIN = re.compile(r"^[A-Za-z0-9_.%+/-][^#]*$")


def scalar(text):
    """A scalar as Affluence reads it: plain when YAML allows, else double-quoted."""
    text = str(text)
    if PLAIN.match(text) and ": " not in text and not text.endswith(":") and not any(c in text for c in "{}[],\n\"'"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def emit(value, indent):
    """Block-style YAML of dicts, lists and strings, scalars spelled as in the source."""
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                yield f"{pad}{key}:\n"
                yield from emit(item, indent + 1)
            else:
                yield f"{pad}{key}: {scalar(item) if not isinstance(item, (dict, list)) else ('{}' if isinstance(item, dict) else '[]')}\n"
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                lines = list(emit(item, indent + 1))
                first = lines[0].lstrip()
                yield f"{pad}- {first}"
                yield from lines[1:]
            else:
                yield f"{pad}- {scalar(item) if not isinstance(item, (dict, list)) else '[]'}\n"


if __name__ == "__main__":
    main()
