"""Seminars benchmark: the all-talks calendar feed and the upcoming-talks page at national
scale (8 series, 2,000 talks, ~50,000 registrations, on top of the national directory).

For SQLite and PostgreSQL (when a server answers), in databases of this benchmark's own
(var/bench/seminars-national.sqlite3, nairl_seminars_bench): latency (median, p95) over HTTP
against a real server process (DEBUG off, one thread), as a ratio of throughput to a bare Django
JSON view served by the same process, and SQL queries per request. The all-talks and series
feeds are timed cached (the usual case: a calendar app polling an unchanged feed) and right after
a talk changed (`touch`, in a process of its own and not timed, changes a talk as an organiser's
edit would; the request after it must serve the new SEQUENCE, checked on every answer). The personal
feed (not cached) is timed for the person registered for the most talks.

Options (after `--`): --requests N (default 50), --backends sqlite,postgres.
"""

import argparse
import json
import subprocess
import sys
import time

from benchmarks.common import ROOT, summary_ms, table, write_results
from benchmarks.common.databases import (
    POSTGRES_SERVER,
    SQLITE_DIR,
    chosen_backends,
    create_database,
    nairl,
    run_inside,
)
from benchmarks.common.server import Server, bench_env, get_with_cpu, time_requests

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
# Feeds timed right after one of their talks changed: path, and the series whose talk changes.
CHANGED = {
    "feed, all talks (after a change)": (PATHS["feed, all talks (cached)"], None),
    "feed, one series (after a change)": (PATHS["feed, one series (cached)"], 1),
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


def query_counts(url: str, paths: dict) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.seminars.querycount",
            json.dumps(paths),
            json.dumps(CHANGED),
        ],
        cwd=ROOT,
        env=bench_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"query count failed:\n{result.stderr}")
    return json.loads(result.stdout)


def shows(body: bytes, change: dict) -> bool:
    """Whether the feed has the changed talk's event at its new SEQUENCE."""
    _before, found, rest = body.partition(f"UID:{change['uid']}\r\n".encode())
    event = b"\r\n" + rest.split(b"END:VEVENT", 1)[0]
    return bool(found) and f"\r\nSEQUENCE:{change['sequence']}\r\n".encode() in event


def after_changes(port: int, url: str, path: str, series: int | None, requests: int) -> dict:
    """A feed right after one of its talks changed, `requests` times."""
    samples, cpu_samples_ms = [], []
    with subprocess.Popen(
        [sys.executable, "-m", "benchmarks.seminars.touch"],
        cwd=ROOT,
        env=bench_env(url),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as toucher:
        for _ in range(requests):
            toucher.stdin.write(f"{series or ''}\n")
            toucher.stdin.flush()
            change = json.loads(toucher.stdout.readline())
            started = time.perf_counter()
            status, body, cpu_ms = get_with_cpu(port, path)
            samples.append(time.perf_counter() - started)
            cpu_samples_ms.append(cpu_ms)
            if status != 200 or not shows(body, change):
                raise RuntimeError(f"GET {path} after a change did not show it ({status})")
        toucher.stdin.close()
    return {
        "samples": samples,
        "cpu_samples_ms": cpu_samples_ms,
        "requests_per_s": len(samples) / sum(samples),
    }


def bench_backend(backend: str, requests: int) -> dict:
    url = prepare(backend)
    personal = run_inside("benchmarks.seminars.feedkey", url)
    print(f"  personal feed: {personal['talks']} talks")
    paths = {**PATHS, "feed, personal (not cached)": personal["path"]}
    counts = query_counts(url, paths)
    timings = {}
    with Server(url) as server:
        for name, path in paths.items():
            timings[name] = time_requests(server.port, path, requests)
        for name, (path, series) in CHANGED.items():
            timings[name] = after_changes(server.port, url, path, series, max(10, requests // 2))
    bare = timings["bare JSON view"]["requests_per_s"]
    return {
        name: {
            **summary_ms(timing["samples"], timing["cpu_samples_ms"]),
            "ratio_to_bare": round(timing["requests_per_s"] / bare, 3),
            "queries": counts.get(name),
        }
        for name, timing in timings.items()
    }


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
