"""Research benchmark: the output list (plain, filtered, searched), the API list and a program
page over the national demo (200 projects, 100,000 outputs), served over HTTP to the demo
program director (DEBUG off, one thread), as ratios to a bare JSON view served the same way; and
imports timed in-process and rolled back: 10,000 BibTeX entries (the target's), 10,000 CSL-JSON
items and an ORCID record of 500 works.

Databases (unique to this benchmark): var/bench/research-national.sqlite3 and PostgreSQL
nairl_research_bench, renamed by NAIRL_RESEARCH_BENCH_DATABASE (e.g. `research-alice` gives
var/bench/research-alice.sqlite3 and PostgreSQL research-alice) so that two checkouts' runs do
not meet. Options after `--`: --requests N (default 50), --backends sqlite,postgres.
Targets: output list p95 ≤ 100 ms, program page p95 ≤ 150 ms, import ≤ 20 s.
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

TARGETS_P95_MS = {"outputs": 100, "outputs_filtered": 100, "outputs_search": 100, "program": 150}
TARGET_IMPORT_S = 20
DATABASE_NAME = os.environ.get("NAIRL_RESEARCH_BENCH_DATABASE", "")


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_DIR / (DATABASE_NAME or 'research-national')}.sqlite3"
    return f"{POSTGRES_SERVER}/{DATABASE_NAME or 'nairl_research_bench'}"


def prepare(backend: str) -> float:
    """Loads the national demo (idempotent: a second run only checks it is there)."""
    url = database_url(backend)
    create_database(url)
    nairl(url, "migrate", "-v0")
    started = time.perf_counter()
    nairl(
        url,
        "demo",
        "--scale",
        "national",
        "--only",
        "users",
        "--only",
        "people",
        "--only",
        "research",
    )
    return round(time.perf_counter() - started, 1)


def inside(backend: str, action: str) -> dict:
    return run_inside("benchmarks.research.inside", database_url(backend), action)


def row(timing: dict, bare: dict, **extra) -> dict:
    return {
        **extra,
        **summary_ms(timing["samples"], timing["cpu_samples_ms"]),
        # The server's CPU time per request with its PostgreSQL backend's: unlike latency, it
        # hardly grows with what else the machine runs.
        "cpu_ms": round(timing["cpu_ms"], 2),
        "requests_per_s": round(timing["requests_per_s"], 1),
        "ratio_to_bare": round(timing["requests_per_s"] / bare["requests_per_s"], 3),
    }


def bench_backend(backend: str, requests: int) -> dict:
    load_s = prepare(backend)
    setup = inside(backend, "setup")
    cookie = {"Cookie": f"sessionid={setup['session']}"}
    rows = {}
    with Server(database_url(backend)) as server:
        cpu = server.cpu_seconds
        bare = time_requests(server.port, "/bench/ok/", requests, cpu_seconds=cpu)
        for name, path in setup["paths"].items():
            timing = time_requests(server.port, path, requests, headers=cookie, cpu_seconds=cpu)
            rows[name] = row(timing, bare, path=path, queries=setup["queries"][name])
        rows["bare_json"] = row(bare, bare, path="/bench/ok/", queries=0)
    return {
        "demo_load_s": load_s,
        "endpoints": rows,
        "import": inside(backend, "import"),
        "scale": setup["scale"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks research")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends)
    results, status = {}, 0
    for backend in backends:
        print(f"-- {backend}: preparing the national demo data and measuring ...", flush=True)
        results[backend] = bench_backend(backend, args.requests)
    lines = [
        [
            backend,
            name,
            r["median_ms"],
            r["p95_ms"],
            r["cpu_ms"],
            r["requests_per_s"],
            r["ratio_to_bare"],
            r["queries"],
        ]
        for backend, result in results.items()
        for name, r in result["endpoints"].items()
    ]
    print(
        table(
            ["backend", "endpoint", "median ms", "p95 ms", "CPU ms", "req/s", "× bare", "queries"],
            lines,
        )
    )
    for backend, result in results.items():
        imported = result["import"]
        misses = [
            f"{name} p95 {result['endpoints'][name]['p95_ms']} ms > {target}"
            for name, target in TARGETS_P95_MS.items()
            if result["endpoints"][name]["p95_ms"] > target
        ]
        if imported["seconds"] > TARGET_IMPORT_S:
            misses.append(f"import {imported['seconds']} s > {TARGET_IMPORT_S}")
        status = status or (1 if misses else 0)
        print(
            f"{backend}: {result['scale']}; import of {imported['entries']} entries "
            f"{imported['seconds']} s wall, {imported['cpu_seconds']} s CPU "
            f"({imported['created']} created); "
            + ("targets met" if not misses else "targets missed: " + "; ".join(misses))
        )
        for name in ("csl_json", "orcid"):
            other = imported[name]
            print(
                f"{backend}: {name} import of {other['entries']} items {other['seconds']} s wall, "
                f"{other['cpu_seconds']} s CPU ({other['created']} created)"
            )
    load = os.getloadavg()
    print(f"Load average: {load[0]:.1f} (1 min) on {os.cpu_count()} CPUs.")
    print(f"Results: {write_results('research', {'requests': args.requests, **results})}")
    return status
