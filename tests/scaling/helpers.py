"""Builders for scaling tests: studies and runs from known laws (no external data)."""

import numpy as np

from nairl.scaling.domain.jobs import start_analysis
from nairl.scaling.models import Comparison, Run, Study

CHINCHILLA = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}


def make_study(owner, *, members=(), is_public=False, title_en=None, **fields) -> Study:
    study = Study.objects.create(
        owner=owner, title_en=title_en or "Study", is_public=is_public, **fields
    )
    if members:
        study.members.set(members)
    return study


def chinchilla_runs(
    study,
    group="baseline",
    gain=1.0,
    noise=0.003,
    seed=0,
    sizes=(2e7, 6e7, 2e8, 6e8),
    ratios=(5, 10, 20, 40),
):
    rng = np.random.default_rng(seed)
    factor = gain**0.5
    runs = []
    for n in sizes:
        for ratio in ratios:
            d = n * ratio
            loss = (
                CHINCHILLA["E"]
                + CHINCHILLA["A"] / (n * factor) ** CHINCHILLA["alpha"]
                + CHINCHILLA["B"] / (d * factor) ** CHINCHILLA["beta"]
            )
            runs.append(
                Run(
                    study=study,
                    group=group,
                    n=n,
                    d=d,
                    c=6 * n * d,
                    loss=loss * float(np.exp(rng.normal(0, noise))),
                )
            )
    return Run.objects.bulk_create(runs)


def power_runs(study, group="baseline", count=8, seed=1, noise=0.003):
    """L = 1.8 + 30 C^-0.1 in compute only: fits fast."""
    rng = np.random.default_rng(seed)
    compute = np.logspace(17, 21, count)
    loss = (1.8 + 30 * compute**-0.1) * np.exp(rng.normal(0, noise, count))
    return Run.objects.bulk_create(
        Run(study=study, group=group, c=float(c), loss=float(value))
        for c, value in zip(compute, loss, strict=True)
    )


def faster_method_runs(study, speedup=3.0, group="method"):
    """Runs of a method that reaches each loss of ``power_runs``' law with ``speedup``× less
    compute: L(c) = the baseline law at speedup × c."""
    compute = np.logspace(17, 20, 5)
    return Run.objects.bulk_create(
        Run(study=study, group=group, c=float(c), loss=float(1.8 + 30 * (speedup * c) ** -0.1))
        for c in compute
    )


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def run_job(job, capture):
    """Start ``job`` and run its background task now (on commit, as the inline backend does)."""
    with capture(execute=True):
        start_analysis(job=job, by=job.created_by)
    job.refresh_from_db()
    return job


def run_comparison(study, capture, *, law="power", method_group="method", bootstrap=8):
    """A law comparison of ``method_group`` against the group "baseline", run now."""
    return run_job(
        Comparison(
            study=study,
            law=law,
            baseline_group="baseline",
            method_group=method_group,
            bootstrap=bootstrap,
            created_by=study.owner,
        ),
        capture,
    )
