"""Helpers the benchmark groups share: statistics, result files, tables, a real server process,
and benchmark databases (SQLite files and PostgreSQL databases) loaded with demo data."""

import datetime
import json
import math
import os
import platform
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = ROOT / "benchmarks" / "results"


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 50 samples is the 48th smallest)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary_ms(samples_s: list[float], cpu_samples_ms: list[float] | None = None) -> dict:
    """Wall time (median, p95, max) of the samples, and with the server's CPU time of each
    request (see `common.cputime`) its median and p95."""
    summary = {
        "n": len(samples_s),
        "median_ms": round(statistics.median(samples_s) * 1000, 2),
        "p95_ms": round(percentile(samples_s, 0.95) * 1000, 2),
        "max_ms": round(max(samples_s) * 1000, 2),
    }
    if cpu_samples_ms:
        summary["cpu_median_ms"] = round(statistics.median(cpu_samples_ms), 2)
        summary["cpu_p95_ms"] = round(percentile(cpu_samples_ms, 0.95), 2)
    return summary


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def write_results(group: str, data: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    data = {"group": group, "at": stamp, "machine": machine(), **data}
    path = RESULTS_DIR / f"{group}-{stamp}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_text(text)
    (RESULTS_DIR / f"{group}-latest.json").write_text(text)
    return path


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(h) for h in headers]]
    cells += [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
