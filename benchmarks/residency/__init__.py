"""Residency benchmark.

For SQLite and (when a server answers) PostgreSQL, with the building (600 desks, 40 rooms) and
two years of stays (`nairl demo --scale national --only residency`, on the small directory), in
databases of its own (var/bench/residency.sqlite3, nairl_bench_residency):

* the occupancy heat map of 600 desks over 90 days, the staff dashboard and the stays API:
  latency (median, p95) over HTTP against a real server process (DEBUG off, one thread), and
  throughput as a ratio to a bare Django JSON view in the same process;
* a booking under contention: rounds of 20 simultaneous API requests for the same desk and day
  against a threaded server — exactly one must succeed each round — timed per request and
  compared with 20 simultaneous requests to the bare view.

Options (after `--`): --requests N (default 40), --rounds N (default 5), --backends.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time

from benchmarks.common import ROOT, summary_ms, table, write_results
from benchmarks.common.databases import (
    POSTGRES_SERVER,
    SQLITE_DIR,
    chosen_backends,
    create_database,
    nairl,
)
from benchmarks.common.server import Server, bench_env, time_requests

TARGET_P95_MS = 150  # occupancy of 600 desks over 90 days
RACERS = 20


def database(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_DIR / 'residency.sqlite3'}"
    return f"{POSTGRES_SERVER}/nairl_bench_residency"


def prepare(url: str) -> dict:
    create_database(url)
    nairl(url, "migrate", "-v0")
    started = time.perf_counter()
    nairl(url, "demo", "--scale", "small", "--only", "users", "--only", "people")
    nairl(url, "demo", "--scale", "national", "--only", "residency")
    loaded = round(time.perf_counter() - started, 1)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.residency.setup"],
        cwd=ROOT,
        env=bench_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "load_s": loaded}


class ThreadedServer(Server):
    """The same server, serving requests in threads (so 20 requests really run at once)."""

    def __enter__(self):
        original = subprocess.Popen

        def without_nothreading(args, **kwargs):
            return original([a for a in args if a != "--nothreading"], **kwargs)

        subprocess.Popen = without_nothreading
        try:
            return super().__enter__()
        finally:
            subprocess.Popen = original


def send(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        connection.request(
            method, path, body=body, headers={"Connection": "close", **(headers or {})}
        )
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def burst(port, requests) -> list[tuple[int, float]]:
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def run(index, request):
        barrier.wait()
        answers[index] = send(port, *request)

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def contention(url: str, setup: dict, rounds: int) -> dict:
    headers = {"Authorization": f"Token {setup['token']}", "Content-Type": "application/json"}
    booking, bare, winners = [], [], []
    with ThreadedServer(url) as server:
        for desk in setup["desks"][:rounds]:
            requests = [
                (
                    "POST",
                    "/api/v1/residency/desk-bookings/",
                    json.dumps({"stay": stay, "desk": desk, "day": setup["day"]}),
                    headers,
                )
                for stay in setup["stays"][:RACERS]
            ]
            answers = burst(server.port, requests)
            winners.append(sum(1 for status, _ in answers if status == 201))
            booking += [seconds for _status, seconds in answers]
            bare += [s for _st, s in burst(server.port, [("GET", "/bench/ok/")] * RACERS)]
    return {
        "rounds": rounds,
        "winners_per_round": winners,
        "booking": summary_ms(booking),
        "bare": summary_ms(bare),
        "ratio_median": round(summary_ms(booking)["median_ms"] / summary_ms(bare)["median_ms"], 2),
    }


def bench_backend(backend: str, requests: int, rounds: int) -> dict:
    url = database(backend)
    setup = prepare(url)
    cookie = {"Cookie": f"sessionid={setup['session']}"}
    paths = {
        "bare_json": "/bench/ok/",
        "occupancy_90_days": f"/residency/occupancy/?start={setup['occupancy_start']}&days=90",
        "dashboard": "/residency/",
        "stays_api": "/api/v1/residency/stays/",
    }
    timings = {}
    with Server(url) as server:
        for name, path in paths.items():
            timings[name] = time_requests(server.port, path, requests, headers=cookie)
    bare = timings["bare_json"]["requests_per_s"]
    rows = {
        name: {
            **summary_ms(timing["samples"]),
            "requests_per_s": round(timing["requests_per_s"], 1),
            "ratio_to_bare": round(timing["requests_per_s"] / bare, 3),
        }
        for name, timing in timings.items()
    }
    return {"load_s": setup["load_s"], "pages": rows, "contention": contention(url, setup, rounds)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks residency")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv or [])
    backends = chosen_backends(args.backends)
    results, status, lines = {}, 0, []
    for backend in backends:
        print(f"-- {backend}: preparing the database and measuring ...", flush=True)
        results[backend] = result = bench_backend(backend, args.requests, args.rounds)
        for name, row in result["pages"].items():
            lines.append(
                [
                    backend,
                    name,
                    row["median_ms"],
                    row["p95_ms"],
                    row["requests_per_s"],
                    row["ratio_to_bare"],
                ]
            )
        race = result["contention"]
        lines.append(
            [
                backend,
                f"booking, {RACERS} at once",
                race["booking"]["median_ms"],
                race["booking"]["p95_ms"],
                "",
                f"{race['ratio_median']} (median)",
            ]
        )
        if any(winners != 1 for winners in race["winners_per_round"]):
            print(f"!! {backend}: rounds with other than one winner: {race['winners_per_round']}")
            status = 1
    print(table(["backend", "what", "median ms", "p95 ms", "req/s", "× bare"], lines))
    if "sqlite" in results:
        p95 = results["sqlite"]["pages"]["occupancy_90_days"]["p95_ms"]
        verdict = "met" if p95 <= TARGET_P95_MS else "MISSED"
        print(f"Target occupancy p95 ≤ {TARGET_P95_MS} ms on SQLite: {verdict} ({p95} ms)")
        results["target"] = {"p95_ms": TARGET_P95_MS, "measured": p95, "verdict": verdict}
    load = os.getloadavg()
    print(f"Load average: {load[0]:.1f} (1 min) on {os.cpu_count()} CPUs.")
    print(f"Results: {write_results('residency', {'requests': args.requests, **results})}")
    return status
