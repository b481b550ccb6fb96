"""Load on `affluence serve` from a second process on loopback (Python's standard library only).

CLIENTS clients move knobs for SECONDS seconds: each picks random values of the model's
knobs and asks for the twin, then thinks for 0.1–0.5 s, as a planner dragging sliders does
(the page itself waits 120 ms between two questions). Meanwhile SIMULATIONS simulations are
started at spread times and watched (status polled) until they end. Then:
- every simulation has a distinct id, reached `done`, and the server lists exactly those
  jobs: none lost, none duplicated;
- no twin request failed, and the twin's 95th percentile latency is under --p95-ms;
- the server's resident memory, sampled every 0.5 s, stayed under --max-rss-mb.
Prints the figures and writes them to OUT/figures.json.
"""
import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path


def request(port, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--simulations", type=int, default=10)
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--p95-ms", type=float, default=100)
    p.add_argument("--max-rss-mb", type=float, default=1024)
    p.add_argument("--out", required=True)
    args = p.parse_args()

    status, data = request(args.port, "GET", f"/api/models/{args.model}")
    if status != 200:
        sys.exit(f"load-serve: the model does not load: {status} {data[:300]!r}")
    knobs = [k for k in json.loads(data)["knobs"] if k["kind"] == "number"]
    policies = [k for k in json.loads(data)["knobs"] if k["kind"] == "policy"]

    latencies, failures, lock = [], [], threading.Lock()
    stop = time.monotonic() + args.seconds
    rng = random.Random(20210406)
    seeds = [rng.randrange(1 << 30) for _ in range(args.clients)]

    def client(seed):
        r = random.Random(seed)
        while time.monotonic() < stop:
            pairs = []
            for k in knobs:
                steps = int(round((k["max"] - k["min"]) / k["step"]))
                x = round(k["min"] + r.randint(0, steps) * k["step"], 9)
                pairs.append((k["id"], str(int(x)) if x == int(x) else repr(x)))
            for k in policies:
                pairs.append((k["id"], r.choice(k["choices"])))
            path = f"/api/models/{args.model}/twin?" + urllib.parse.urlencode(pairs)
            started = time.perf_counter()
            try:
                status, data = request(args.port, "GET", path)
            except OSError as error:
                status, data = 0, str(error).encode()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append((status, path, data[:200]))
            time.sleep(r.uniform(0.1, 0.5))

    jobs, job_failures = [], []

    def simulation(n):
        time.sleep(n * args.seconds / (args.simulations + 1))
        body = urllib.parse.urlencode([("replications", str(args.replications)), ("seed", str(100 + n))])
        status, data = request(args.port, "POST", f"/api/models/{args.model}/simulate", body)
        if status != 202:
            with lock:
                job_failures.append(f"simulation {n}: {status} {data[:200]!r}")
            return
        job = json.loads(data)["id"]
        with lock:
            jobs.append(job)
        while True:
            status, data = request(args.port, "GET", f"/api/jobs/{job}")
            state = json.loads(data)["state"] if status == 200 else f"HTTP {status}"
            if state not in ("queued", "running"):
                if state != "done":
                    with lock:
                        job_failures.append(f"simulation {n} ({job}): {state} {data[:200]!r}")
                return
            time.sleep(0.5)

    memory = []
    sampling = True

    def sample_memory():
        while sampling:
            memory.append(rss_mb(args.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample_memory)
    sampler.start()
    threads = [threading.Thread(target=client, args=(s,)) for s in seeds]
    threads += [threading.Thread(target=simulation, args=(n,)) for n in range(args.simulations)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sampling = False
    sampler.join()
    wall = time.monotonic() - began

    status, data = request(args.port, "GET", "/api/jobs")
    listed = [j["id"] for j in json.loads(data)["jobs"]]
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    figures = {
        "clients": args.clients, "seconds": args.seconds, "wall_s": round(wall, 1),
        "twin_requests": len(latencies), "twin_failed": len(failures),
        "twin_requests_per_s": round(len(latencies) / args.seconds, 1),
        "twin_p50_ms": round(q[49], 1), "twin_p95_ms": round(q[94], 1), "twin_p99_ms": round(q[98], 1),
        "twin_max_ms": round(latencies[-1], 1),
        "simulations_started": len(jobs), "simulations_distinct": len(set(jobs)),
        "simulations_failed": job_failures, "jobs_listed": len(listed), "jobs_listed_distinct": len(set(listed)),
        "rss_start_mb": round(memory[0], 1), "rss_peak_mb": round(max(memory), 1), "rss_end_mb": round(memory[-1], 1),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k, v in figures.items():
        print(f"load-serve: {k} = {v}")
    problems = []
    if failures:
        problems.append(f"{len(failures)} twin requests failed, e.g. {failures[:3]}")
    if figures["twin_p95_ms"] >= args.p95_ms:
        problems.append(f"twin p95 {figures['twin_p95_ms']} ms is not under {args.p95_ms} ms")
    if job_failures or len(jobs) != args.simulations or len(set(jobs)) != len(jobs):
        problems.append(f"simulations lost or failed: {job_failures}")
    if sorted(listed) != sorted(jobs):
        problems.append(f"the server lists {len(listed)} jobs ({len(set(listed))} distinct), not the {len(jobs)} started")
    if figures["rss_peak_mb"] >= args.max_rss_mb:
        problems.append(f"peak memory {figures['rss_peak_mb']} MB is not under {args.max_rss_mb} MB")
    if problems:
        sys.exit("load-serve: " + "; ".join(problems))
    print("load-serve: passed")


if __name__ == "__main__":
    main()
