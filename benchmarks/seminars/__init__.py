"""Seminars benchmark: the all-talks calendar feed and the upcoming-talks page at national
scale (8 series, 2,000 talks, ~50,000 registrations, on top of the national directory).

For SQLite and PostgreSQL (when a server answers), in databases of this benchmark's own
(var/bench/seminars-national.sqlite3, nairl_seminars_bench): latency (median, p95) over HTTP
against a real server process (DEBUG off, one thread), as a ratio of throughput to a bare Django
JSON view served by the same process, and SQL queries per request. The feed is timed cached (the
usual case: a calendar app polling an unchanged feed) and cold (after a talk changed, which
invalidates it: the first request after a change rebuilds it).

Options (after `--`): --requests N (default 50), --backends sqlite,postgres.
"""

import argparse
import json
import subprocess
import sys

from benchmarks.common import ROOT, summary_ms, table, write_results
from benchmarks.common.databases import (
    POSTGRES_SERVER,
    SQLITE_DIR,
    chosen_backends,
    create_database,
    nairl,
)
from benchmarks.common.server import Server, bench_env, time_requests

TARGET_P95_MS = 100
PATHS = {
    "feed, all talks (cached)": "/seminars/calendar.ics?lang=en",
    "feed, one series (cached)": "/seminars/series/1/calendar.ics?lang=en",
    "upcoming talks page": "/seminars/",
    "series page": "/seminars/series/1/",
    "talk page": "/seminars/talks/1500/",
    "API talks": "/api/v1/seminars/talks/",
    "bare JSON view": "/bench/ok/",
}


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_DIR / 'seminars-national.sqlite3'}"
    return f"{POSTGRES_SERVER}/nairl_seminars_bench"


def prepare(backend: str) -> str:
    url = database_url(backend)
    create_database(url)
    nairl(url, "migrate", "-v0")
    output = nairl(
        url,
        "demo",
        "--scale",
        "national",
        "--only",
        "users",
        "--only",
        "people",
        "--only",
        "seminars",
    )
    print("  " + " / ".join(line for line in output.splitlines() if line.startswith("seminars:")))
    return url


def query_counts(url: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.seminars.querycount", json.dumps(PATHS)],
        cwd=ROOT,
        env=bench_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"query count failed:\n{result.stderr}")
    return json.loads(result.stdout)


def cold_feed(port: int, url: str, requests: int) -> dict:
    """The all-talks feed right after a talk changed (each request rebuilds it)."""
    samples, cpu_samples_ms = [], []
    for _ in range(requests):
        subprocess.run(
            [sys.executable, "-m", "benchmarks.seminars.touch"],
            cwd=ROOT,
            env=bench_env(url),
            check=True,
        )
        timing = time_requests(port, PATHS["feed, all talks (cached)"], 1, warmup=0)
        samples += timing["samples"]
        cpu_samples_ms += timing["cpu_samples_ms"]
    return {
        "samples": samples,
        "cpu_samples_ms": cpu_samples_ms,
        "requests_per_s": len(samples) / sum(samples),
    }


def bench_backend(backend: str, requests: int) -> dict:
    url = prepare(backend)
    counts = query_counts(url)
    timings = {}
    with Server(url) as server:
        for name, path in PATHS.items():
            timings[name] = time_requests(server.port, path, requests)
        timings["feed, all talks (after a change)"] = cold_feed(
            server.port, url, max(5, requests // 5)
        )
    bare = timings["bare JSON view"]["requests_per_s"]
    rows = {}
    for name, timing in timings.items():
        rows[name] = {
            **summary_ms(timing["samples"], timing["cpu_samples_ms"]),
            "ratio_to_bare": round(timing["requests_per_s"] / bare, 3),
            "queries": counts.get(name.replace(" (after a change)", " (cached)")),
        }
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks seminars")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends)
    results = {}
    for backend in backends:
        print(f"-- {backend}", flush=True)
        results[backend] = bench_backend(backend, args.requests)
        rows = [
            [
                name,
                row["median_ms"],
                row["p95_ms"],
                row["cpu_median_ms"],
                row["cpu_p95_ms"],
                row["ratio_to_bare"],
                row["queries"],
            ]
            for name, row in results[backend].items()
        ]
        headers = ["endpoint", "median ms", "p95 ms", "CPU median ms", "CPU p95 ms", "× bare"]
        print(table([*headers, "queries"], rows), flush=True)
    path = write_results("seminars", {"target_p95_ms": TARGET_P95_MS, "results": results})
    print(f"Results: {path}")
    return 0
