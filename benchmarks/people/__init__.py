"""People directory benchmark.

For each database backend (SQLite, and PostgreSQL when a server answers), with the national demo
data (20,000 people, 2,000 institutions):

* latency (median, p95) and throughput of directory searches, a profile page and the people API,
  over HTTP against a real server process (`nairl runserver`, DEBUG off, one thread), and the
  throughput of each as a ratio to a bare Django JSON view served by the same process;
* SQL queries per request, counted in-process with CaptureQueriesContext, at small (300 people)
  and national scale — they must be the same: the count does not grow with the data.

Options (after `--` when run through `python -m benchmarks`): --requests N (default 50),
--backends sqlite,postgres.
"""

import argparse
import json
import os
import subprocess
import sys

from benchmarks.common import ROOT, summary_ms, table, write_results
from benchmarks.common.databases import database_url, postgres_available, prepare
from benchmarks.common.server import Server, bench_env, time_requests

TARGET_P95_MS = 100  # directory search at national scale on SQLite


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


def bench_backend(backend: str, requests: int) -> dict:
    loads = {scale: prepare(backend, scale) for scale in ("small", "national")}
    small, national = query_counts(backend, "small"), query_counts(backend, "national")
    paths = national["paths"]
    timings = {}
    with Server(database_url(backend, "national")) as server:
        for name, path in paths.items():
            timings[name] = time_requests(server.port, path, requests)
    bare_rps = timings["bare_json"]["requests_per_s"]
    rows = {}
    for name, path in paths.items():
        timing = timings[name]
        rows[name] = {
            "path": path,
            **summary_ms(timing["samples"]),
            "requests_per_s": round(timing["requests_per_s"], 1),
            "ratio_to_bare": round(timing["requests_per_s"] / bare_rps, 3),
            "queries_small": small["queries"][name],
            "queries_national": national["queries"][name],
        }
    return {
        "loads": {
            scale: {k: v for k, v in info.items() if k != "url"} for scale, info in loads.items()
        },
        "endpoints": rows,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks people")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv or [])
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not postgres_available():
        print("PostgreSQL does not answer; benchmarking SQLite only.")
        backends.remove("postgres")
    results, status = {}, 0
    for backend in backends:
        print(f"-- {backend}: preparing databases and measuring ...", flush=True)
        results[backend] = bench_backend(backend, args.requests)
    headers = [
        "backend",
        "endpoint",
        "median ms",
        "p95 ms",
        "req/s",
        "× bare",
        "queries small",
        "queries national",
    ]
    lines = []
    for backend, result in results.items():
        for name, row in result["endpoints"].items():
            lines.append(
                [
                    backend,
                    name,
                    row["median_ms"],
                    row["p95_ms"],
                    row["requests_per_s"],
                    row["ratio_to_bare"],
                    row["queries_small"],
                    row["queries_national"],
                ]
            )
            if row["queries_small"] != row["queries_national"]:
                print(
                    f"!! {backend} {name}: queries grow with the data "
                    f"({row['queries_small']} → {row['queries_national']})"
                )
                status = 1
    print(table(headers, lines))
    for backend, result in results.items():
        for scale, info in result["loads"].items():
            if info["demo_load_s"] is not None:
                print(f"{backend}: loaded {scale} demo data in {info['demo_load_s']} s")
    if "sqlite" in results:
        worst = max(
            (row["p95_ms"], name)
            for name, row in results["sqlite"]["endpoints"].items()
            if name.startswith("search_")
        )
        verdict = "met" if worst[0] <= TARGET_P95_MS else "MISSED"
        print(
            f"Target p95 ≤ {TARGET_P95_MS} ms for directory search on SQLite: {verdict} "
            f"(worst {worst[1]}: {worst[0]} ms)"
        )
        results["target"] = {"p95_ms": TARGET_P95_MS, "worst": worst, "verdict": verdict}
    load = os.getloadavg()
    print(
        f"Load average during the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) "
        f"on {os.cpu_count()} CPUs; other work on the machine inflates latencies."
    )
    print(f"Results: {write_results('people', {'requests': args.requests, **results})}")
    return status
