"""Benchmark databases, apart from the development one: SQLite files under var/bench/ and
PostgreSQL databases nairl_bench (national), nairl_bench_small and nairl_bench_large, loaded with
`nairl demo`. NAIRL_BENCH_DATABASE renames the PostgreSQL ones (e.g. `nairl_bench_alice`, then
`nairl_bench_alice_small`), so that benchmarks of several checkouts on one server do not meet."""

import json
import os
import re
import subprocess
import sys
import time

from . import ROOT
from .server import bench_env

SQLITE_DIR = ROOT / "var" / "bench"
POSTGRES_SERVER = os.environ.get("NAIRL_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = os.environ.get("NAIRL_BENCH_DATABASE", "nairl_bench")


def database_url(backend: str, scale: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_DIR / f'{scale}.sqlite3'}"
    name = POSTGRES_NAME if scale == "national" else f"{POSTGRES_NAME}_{scale}"
    return f"{POSTGRES_SERVER}/{name}"


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def chosen_backends(text: str, doing: str = "benchmarking") -> list[str]:
    """The backends named in `--backends sqlite,postgres`, without PostgreSQL when it does not
    answer (said on the console)."""
    backends = [backend for backend in text.split(",") if backend]
    if "postgres" in backends and not postgres_available():
        print(f"PostgreSQL does not answer; {doing} SQLite only.")
        backends.remove("postgres")
    return backends


def create_database(url: str) -> None:
    if url.startswith("sqlite"):
        SQLITE_DIR.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def run_inside(module: str, url: str, *args: str) -> dict:
    """Run `python -m module args` on the benchmark database at `url`; its last printed line is
    a JSON object, returned."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=bench_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def nairl(url: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "nairl.cli", *args],
        cwd=ROOT,
        env=bench_env(url, DJANGO_SETTINGS_MODULE="nairl.settings"),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"nairl {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(backend: str, scale: str) -> dict:
    """Creates, migrates and loads the database (idempotent: a loaded one is reused as it is)."""
    url = database_url(backend, scale)
    create_database(url)
    nairl(url, "migrate", "-v0")
    started = time.perf_counter()
    output = nairl(url, "demo", "--scale", scale, "--only", "users", "--only", "people")
    seconds = time.perf_counter() - started
    added = any(int(n) for n in re.findall(r"people: (\d+) demo person", output))
    return {
        "url": url,
        "demo_load_s": round(seconds, 1) if added else None,
        "demo_output": [line for line in output.splitlines() if line.startswith("people:")],
    }
