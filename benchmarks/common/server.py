"""A real hub server process on 127.0.0.1, and timed HTTP requests to it."""

import http.client
import os
import socket
import subprocess
import sys
import time

from . import ROOT
from .cputime import HEADER as CPU_HEADER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url: str, **extra) -> dict:
    """Environment of a production-like process: DEBUG off, benchmark URLs, this database."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "benchmarks.common.settings",
            "NAIRL_DEBUG": "0",
            "NAIRL_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "NAIRL_LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")]
            ),
            **extra,
        }
    )
    return env


class Server:
    """`nairl runserver --noreload --nothreading`: one process, one thread, requests in turn,
    a persistent database connection (as a WSGI worker has). With `threaded`, a thread per
    request (for load tests). Used as a context manager."""

    def __init__(self, database_url: str, threaded: bool = False):
        self.port = free_port()
        # runserver starts a thread per request: a connection kept past the request would be
        # left behind in a finished thread, so threaded servers close theirs after each one.
        if database_url.startswith("postgres"):  # so that its backends can be told apart
            database_url += f"?application_name=nairl_bench_{self.port}"
        # A one-thread server keeps its connection for the whole run, as a WSGI worker does.
        self.env = bench_env(database_url, NAIRL_DB_CONN_MAX_AGE="0" if threaded else "3600")
        self.threaded = threaded
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nairl.cli",
                "runserver",
                "--noreload",
                *([] if self.threaded else ["--nothreading"]),
                "--skip-checks",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the benchmark server exited at start-up")
            try:
                if get(self.port, "/bench/ok/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the benchmark server did not answer within 60 s")

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far, with its PostgreSQL backend's (on this machine):
        unlike latency, it hardly changes with what else the machine runs. A one-thread server
        keeps one connection, so its backend lives as long as it does."""
        pids = [self.process.pid, *postgres_backends(f"nairl_bench_{self.port}")]
        return sum(process_cpu_seconds(pid) for pid in pids)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:  # a backend that ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def postgres_backends(application_name: str) -> list[int]:
    import psycopg

    from .databases import POSTGRES_SERVER

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres") as connection:
        rows = connection.execute(
            # Not parallel workers: they come and go within a query, taking their CPU time along.
            "SELECT pid FROM pg_stat_activity "
            "WHERE application_name = %s AND backend_type = 'client backend'",
            [application_name],
        ).fetchall()
    return [pid for (pid,) in rows]


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    status, body, _cpu_ms = get_with_cpu(port, path, headers)
    return status, body


def get_with_cpu(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, float]:
    """The answer's status and body, and the CPU time the server spent on it (its benchmark
    middleware's header; NaN when the server does not send it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close", **(headers or {})})
        response = connection.getresponse()
        cpu_ms = float(response.getheader(CPU_HEADER) or "nan")
        return response.status, response.read(), cpu_ms
    finally:
        connection.close()


def time_requests(
    port: int,
    path: str,
    requests: int,
    warmup: int = 3,
    headers: dict | None = None,
    cpu_seconds=None,
) -> dict:
    """Latency of each of `requests` sequential GETs, the server's CPU time for each
    (`cpu_samples_ms`), the throughput they make together, and with `cpu_seconds` (e.g.
    `Server.cpu_seconds`) the server's and its database backend's mean CPU time per request."""
    for _ in range(warmup):
        status, _body = get(port, path, headers)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
    samples, cpu_samples_ms = [], []
    cpu_before = cpu_seconds() if cpu_seconds else None
    started = time.perf_counter()
    for _ in range(requests):
        before = time.perf_counter()
        status, _body, cpu_ms = get_with_cpu(port, path, headers)
        samples.append(time.perf_counter() - before)
        cpu_samples_ms.append(cpu_ms)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
    elapsed = time.perf_counter() - started
    cpu_ms = (cpu_seconds() - cpu_before) * 1000 / requests if cpu_seconds else None
    return {
        "samples": samples,
        "cpu_samples_ms": cpu_samples_ms,
        "requests_per_s": requests / elapsed,
        "cpu_ms": cpu_ms,
    }
