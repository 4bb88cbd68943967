"""Helpers shared by the scaling benchmarks: where the reference data is, where results go."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"


def single_threaded_blas() -> None:
    """One BLAS thread per process: on a small shared machine, threads only contend."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def data_dir(explicit: str | None = None) -> Path:
    """--data, $NAIRL_SHARED_DATA, or <repo>/../shared/data/scaling."""
    for candidate in (
        explicit,
        os.environ.get("NAIRL_SHARED_DATA"),
        ROOT / ".." / "shared" / "data" / "scaling",
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise SystemExit("reference data not found: pass --data or set NAIRL_SHARED_DATA")


def write_result(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, default=float), encoding="utf-8")
    return path
