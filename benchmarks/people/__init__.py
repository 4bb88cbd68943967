"""People directory benchmark.

For each database backend (SQLite, and PostgreSQL when a server answers), with the national demo
data (20,000 people, 2,000 institutions) and, with `--scales national,large`, ten times as many
people (200,000, 4,000 institutions):

* latency (median, p95) and throughput of directory searches, a profile page and the people API,
  over HTTP against a real server process (`nairl runserver`, DEBUG off, one thread), and the
  throughput of each as a ratio to a bare Django JSON view served by the same process;
* the CPU time the server (and its PostgreSQL backend) spends per request, read from /proc: on
  a machine shared with other work, latencies grow with the load, CPU time much less;
* SQL queries per request, counted in-process with CaptureQueriesContext, at small (300 people)
  and each timed scale — they must be the same: the count does not grow with the data.

Options (after `--` when run through `python -m benchmarks`): --requests N (default 50),
--backends sqlite,postgres, --scales national[,large].
"""

import argparse
import json
import os
import subprocess
import sys

from benchmarks.common import ROOT, summary_ms, table, write_results
from benchmarks.common.databases import chosen_backends, database_url, prepare
from benchmarks.common.server import Server, bench_env, time_requests

# p95 of every directory search, on every backend, by scale: the cost must grow far slower than
# the data (ten times the people, half as much time again at most).
TARGET_P95_MS = {"national": 20, "large": 30}


def query_counts(backend: str, scale: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.people.querycount"],
        cwd=ROOT,
        env=bench_env(database_url(backend, scale)),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"query count ({backend}, {scale}) failed:\n{result.stderr}")
    return json.loads(result.stdout)


def bench_scale(backend: str, scale: str, requests: int, small_counts: dict) -> dict:
    counted = query_counts(backend, scale)
    paths = counted["paths"]
    with Server(database_url(backend, scale)) as server:
        timings = {
            name: time_requests(server.port, path, requests, cpu_seconds=server.cpu_seconds)
            for name, path in paths.items()
        }
    bare_rps = timings["bare_json"]["requests_per_s"]
    rows = {}
    for name, path in paths.items():
        timing = timings[name]
        rows[name] = {
            "path": path,
            **summary_ms(timing["samples"], timing["cpu_samples_ms"]),
            "requests_per_s": round(timing["requests_per_s"], 1),
            "ratio_to_bare": round(timing["requests_per_s"] / bare_rps, 3),
            "cpu_ms": round(timing["cpu_ms"], 2),
            "queries_small": small_counts[name],
            "queries": counted["queries"][name],
        }
    return rows


def bench_backend(backend: str, scales: list[str], requests: int) -> dict:
    loads = {scale: prepare(backend, scale) for scale in ("small", *scales)}
    small = query_counts(backend, "small")["queries"]
    return {
        "loads": {
            scale: {k: v for k, v in info.items() if k != "url"} for scale, info in loads.items()
        },
        "scales": {scale: bench_scale(backend, scale, requests, small) for scale in scales},
    }


def verdicts(results: dict) -> list[dict]:
    """The worst directory-search p95 of each backend and scale against its target."""
    found = []
    for backend, result in results.items():
        for scale, rows in result["scales"].items():
            p95, name = max(
                (row["p95_ms"], name) for name, row in rows.items() if name.startswith("search_")
            )
            target = TARGET_P95_MS.get(scale)
            found.append(
                {
                    "backend": backend,
                    "scale": scale,
                    "worst": name,
                    "p95_ms": p95,
                    "target_ms": target,
                    "verdict": "met" if target is None or p95 <= target else "MISSED",
                }
            )
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks people")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--scales", default="national", help="timed scales: national, large (200,000 people)"
    )
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends)
    scales = [s for s in args.scales.split(",") if s]
    results, status = {}, 0
    for backend in backends:
        print(f"-- {backend}: preparing databases and measuring ...", flush=True)
        results[backend] = bench_backend(backend, scales, args.requests)
    headers = [
        "backend",
        "scale",
        "endpoint",
        "median ms",
        "p95 ms",
        "CPU ms",
        "CPU p95 ms",
        "req/s",
        "× bare",
        "queries small",
        "queries",
    ]
    lines = []
    for backend, result in results.items():
        for scale, rows in result["scales"].items():
            for name, row in rows.items():
                lines.append(
                    [
                        backend,
                        scale,
                        name,
                        row["median_ms"],
                        row["p95_ms"],
                        row["cpu_ms"],
                        row["cpu_p95_ms"],
                        row["requests_per_s"],
                        row["ratio_to_bare"],
                        row["queries_small"],
                        row["queries"],
                    ]
                )
                if row["queries_small"] != row["queries"]:
                    print(
                        f"!! {backend} {scale} {name}: queries grow with the data "
                        f"({row['queries_small']} → {row['queries']})"
                    )
                    status = 1
    print(table(headers, lines))
    for backend, result in results.items():
        for scale, info in result["loads"].items():
            if info["demo_load_s"] is not None:
                print(f"{backend}: loaded {scale} demo data in {info['demo_load_s']} s")
    found = verdicts(results)
    for verdict in found:
        print(
            f"Directory search p95 on {verdict['backend']} at {verdict['scale']} scale: "
            f"worst {verdict['worst']} {verdict['p95_ms']} ms, target ≤ {verdict['target_ms']} ms: "
            f"{verdict['verdict']}"
        )
    load = os.getloadavg()
    print(
        f"Load average during the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) "
        f"on {os.cpu_count()} CPUs; other work on the machine inflates latencies."
    )
    path = write_results("people", {"requests": args.requests, **results, "targets": found})
    print(f"Results: {path}")
    return status
