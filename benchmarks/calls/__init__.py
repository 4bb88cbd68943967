"""Calls benchmark: the ranking page and the review dashboard of the national demo's
fellowship call (2,000 applications, 200 reviewers, 3 reviews each), served over HTTP as its
program director (DEBUG off, one thread), as ratios to a bare JSON view served the same way;
and the automatic assignment of that call from scratch (conflicts, affinities, HiGHS, writing
the 6,000 assignments), timed in-process and rolled back.

Databases (unique to this benchmark): var/bench/calls-national.sqlite3 and PostgreSQL
nairl_calls_bench. Options after `--`: --requests N (default 50), --backends sqlite,postgres.
Targets: ranking page p95 ≤ 200 ms; assignment ≤ 10 s.
"""

import argparse
import os
import time

from benchmarks.common import summary_ms, table, write_results
from benchmarks.common.databases import (
    POSTGRES_SERVER,
    SQLITE_DIR,
    chosen_backends,
    create_database,
    nairl,
    run_inside,
)
from benchmarks.common.server import Server, time_requests

TARGET_RANKING_P95_MS = 200
TARGET_ASSIGNMENT_S = 10


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_DIR / 'calls-national.sqlite3'}"
    return f"{POSTGRES_SERVER}/nairl_calls_bench"


def prepare(backend: str) -> float:
    url = database_url(backend)
    create_database(url)
    nairl(url, "migrate", "-v0")
    started = time.perf_counter()
    nairl(
        url, "demo", "--scale", "national", "--only", "users", "--only", "people", "--only", "calls"
    )
    return round(time.perf_counter() - started, 1)


def inside(backend: str, action: str) -> dict:
    return run_inside("benchmarks.calls.inside", database_url(backend), action)


def bench_backend(backend: str, requests: int) -> dict:
    load_s = prepare(backend)
    setup = inside(backend, "setup")
    cookie = {"Cookie": f"sessionid={setup['session']}"}
    rows = {}
    with Server(database_url(backend)) as server:
        bare = time_requests(server.port, "/bench/ok/", requests)
        for name, path in setup["paths"].items():
            timing = time_requests(server.port, path, requests, headers=cookie)
            rows[name] = {
                "path": path,
                **summary_ms(timing["samples"], timing["cpu_samples_ms"]),
                "requests_per_s": round(timing["requests_per_s"], 1),
                "ratio_to_bare": round(timing["requests_per_s"] / bare["requests_per_s"], 3),
                "queries": setup["queries"][name],
            }
        rows["bare_json"] = {
            "path": "/bench/ok/",
            **summary_ms(bare["samples"], bare["cpu_samples_ms"]),
            "requests_per_s": round(bare["requests_per_s"], 1),
            "ratio_to_bare": 1.0,
            "queries": 0,
        }
    assignment = inside(backend, "assignment")
    return {
        "demo_load_s": load_s,
        "endpoints": rows,
        "assignment": assignment,
        "scale": setup["scale"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks calls")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends)
    results, status = {}, 0
    for backend in backends:
        print(f"-- {backend}: preparing the national demo data and measuring ...", flush=True)
        results[backend] = bench_backend(backend, args.requests)
    lines = []
    for backend, result in results.items():
        for name, row in result["endpoints"].items():
            lines.append(
                [
                    backend,
                    name,
                    row["median_ms"],
                    row["p95_ms"],
                    row["cpu_median_ms"],
                    row["cpu_p95_ms"],
                    row["requests_per_s"],
                    row["ratio_to_bare"],
                    row["queries"],
                ]
            )
    print(
        table(
            [
                "backend",
                "endpoint",
                "median ms",
                "p95 ms",
                "CPU median ms",
                "CPU p95 ms",
                "req/s",
                "× bare",
                "queries",
            ],
            lines,
        )
    )
    for backend, result in results.items():
        ranking = result["endpoints"]["ranking"]["p95_ms"]
        ranking_cpu = result["endpoints"]["ranking"]["cpu_p95_ms"]
        seconds = result["assignment"]["seconds"]
        ok = ranking <= TARGET_RANKING_P95_MS and seconds <= TARGET_ASSIGNMENT_S
        status = status or (0 if ok else 1)
        print(
            f"{backend}: {result['scale']}; ranking p95 {ranking} ms, CPU p95 {ranking_cpu} ms "
            f"(target ≤ {TARGET_RANKING_P95_MS}); "
            f"assignment {seconds} s (target ≤ {TARGET_ASSIGNMENT_S}): {result['assignment']}"
        )
    load = os.getloadavg()
    print(f"Load average: {load[0]:.1f} (1 min) on {os.cpu_count()} CPUs.")
    print(f"Results: {write_results('calls', {'requests': args.requests, **results})}")
    return status
