"""Load test: concurrent clients against one hub server on 127.0.0.1.

Serves the national demo data (the people benchmark's databases) with `nairl runserver`
(threaded, DEBUG off) and sends a bounded number of GETs from concurrent clients over a mix of
pages: directory searches, the first directory page, a profile and the people API. Reports errors
and latency (median, p95, max) per page and overall, and the throughput. The run stops by itself
after --requests requests or --max-seconds, whichever comes first; traffic goes to 127.0.0.1 only.

Options (after `--` when run through `python -m benchmarks`): --requests N (default 2000),
--concurrency N (default 8), --backends sqlite,postgres, --max-seconds S (default 600).
"""

import argparse
import itertools
import os
import threading
import time
from collections import defaultdict

from benchmarks.common import summary_ms, table, write_results
from benchmarks.common.databases import chosen_backends, database_url, prepare
from benchmarks.common.server import Server, get
from benchmarks.people import query_counts

# The pages of the mix, by the people benchmark's names; searches are most of the traffic.
MIX = [
    "search_ko_partial",
    "search_en_partial",
    "search_institution",
    "search_inst_text",
    "search_expertise",
    "search_country",
    "search_combined",
    "search_no_match",
    "directory_first",
    "profile",
    "api_list",
    "api_search",
]


def run_load(port: int, paths: dict[str, str], requests: int, concurrency: int, limit_s: float):
    """`requests` GETs from `concurrency` threads, each taking the next page of the mix."""
    order = itertools.cycle(MIX)
    lock = threading.Lock()
    sent = itertools.count()
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    deadline = time.monotonic() + limit_s

    def client():
        while time.monotonic() < deadline:
            with lock:
                if next(sent) >= requests:
                    return
                name = next(order)
            started = time.perf_counter()
            try:
                status, _body = get(port, paths[name])
                problem = None if status == 200 else f"HTTP {status}"
            except OSError as error:
                problem = f"{type(error).__name__}: {error}"
            elapsed = time.perf_counter() - started
            with lock:
                samples[name].append(elapsed)
                if problem:
                    errors[name].append(problem)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors, time.perf_counter() - started


def bench_backend(backend: str, args) -> dict:
    prepare(backend, "national")
    paths = query_counts(backend, "national")["paths"]
    with Server(database_url(backend, "national"), threaded=True) as server:
        samples, errors, seconds = run_load(
            server.port, paths, args.requests, args.concurrency, args.max_seconds
        )
    everything = [sample for found in samples.values() for sample in found]
    return {
        "requests": len(everything),
        "errors": sum(len(found) for found in errors.values()),
        "error_examples": {name: found[:3] for name, found in errors.items()},
        "seconds": round(seconds, 1),
        "requests_per_s": round(len(everything) / seconds, 1),
        "overall": summary_ms(everything),
        "pages": {
            name: {"path": paths[name], "errors": len(errors[name]), **summary_ms(samples[name])}
            for name in MIX
            if samples[name]
        },
    }


def report(results: dict) -> str:
    lines = []
    for backend, result in results.items():
        rows = [*result["pages"].items(), ("all pages", result["overall"])]
        for name, page in rows:
            errors = page.get("errors", result["errors"])
            lines.append(
                [
                    backend,
                    name,
                    page["n"],
                    errors,
                    page["median_ms"],
                    page["p95_ms"],
                    page["max_ms"],
                ]
            )
    headers = ["backend", "page", "requests", "errors", "median ms", "p95 ms", "max ms"]
    return table(headers, lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks load")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends, "load-testing")
    results = {}
    for backend in backends:
        print(f"-- {backend}: {args.requests} requests, {args.concurrency} clients ...", flush=True)
        results[backend] = bench_backend(backend, args)
    print(report(results))
    for backend, result in results.items():
        print(
            f"{backend}: {result['requests']} requests in {result['seconds']} s "
            f"({result['requests_per_s']} req/s), {result['errors']} errors"
        )
    load = os.getloadavg()
    print(f"Load average after the run: {load[0]:.1f} (1 min) on {os.cpu_count()} CPUs.")
    path = write_results(
        "load", {"concurrency": args.concurrency, "requests": args.requests, **results}
    )
    print(f"Results: {path}")
    return 1 if any(result["errors"] for result in results.values()) else 0
