"""The Revisiting benchmark (Alabdulmohsin et al. 2022): how well learning-curve forms
extrapolate on the paper's 92 curves, and an automatic choice of form.

Each curve is fitted on its ``Training == 1`` rows and scored by the RMSE of log-loss on its
``Training == 0`` rows. The forms:

* ``m1``-``m4``: the paper's four forms as the paper fits them, comparable with its reference
  table: m1 and m2 by least squares on their linearised residuals, m3 and m4 by the paper's own
  alternating procedures (``paper_estimators``), which stop short of the least-squares optimum;
* ``m3_lsq``, ``m4_lsq``: the same two forms at their least-squares optimum (the workbench's fit);
* ``bnsl1``, ``bnsl2``: the broken neural scaling law with one or two breaks;
* ``auto``: per curve, the form that best extrapolated the curve's own training rows in
  rolling-origin validation: each form is fitted on the first part of the training rows by
  size and scored on all later ones, for several origins (``ORIGINS``), and the form with the
  lowest mean error is chosen; the choice never sees the extrapolation rows.

Work is split into jobs of up to ``CHUNK`` curves of one form and domain, run over ``workers``
processes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .curve_laws import M4
from .errors import CurveFitError, ScalingInputError
from .laws import Law
from .learning_curves import fit_curve, log_rmse
from .paper_estimators import paper_m3, paper_m4
from .registry import get_law

AUTO = "auto"
BENCHMARK_FORMS = ("m1", "m2", "m3", "m4", "m3_lsq", "m4_lsq", "bnsl1", "bnsl2")
PAPER_FORMS = ("m1", "m2", "m3", "m4")
ORIGINS = (0.1, 0.2, 0.3)  # shares of a curve's training rows held out, one origin each
CHUNK = 16  # curves per job
DOMAIN_NAMES = {
    "IC": "image classification",
    "NMT": "translation",
    "LM": "language modelling",
    "BB": "BIG-bench",
}
ERROR_RATE_DOMAINS = ("IC", "BB")  # error rates are bounded by 1, which caps M4's e_0


@dataclass
class Curve:
    key: str
    domain: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    def origins(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Rolling origins: the training rows split into the first part by size, to fit, and
        all later ones, to score, once per share of ``ORIGINS`` (distinct splits only)."""
        order = np.argsort(self.x_train)
        held = sorted({max(1, round(share * len(order))) for share in ORIGINS})
        return [
            (
                self.x_train[order[:-k]],
                self.y_train[order[:-k]],
                self.x_train[order[-k:]],
                self.y_train[order[-k:]],
            )
            for k in held
            if k < len(order)
        ]


def read_benchmark(data_dir: str | Path) -> list[Curve]:
    """The curves of ``revisiting_benchmark_*.csv`` keyed as in the paper."""
    files = sorted(Path(data_dir).glob("revisiting_benchmark_*.csv"))
    if not files:
        raise ScalingInputError(f"no revisiting_benchmark_*.csv files in {data_dir}")
    frame = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
    needed = {"Domain", "Task", "Model", "Seen Examples", "Loss", "Training"}
    if needed - set(frame.columns):
        missing = sorted(needed - set(frame.columns))
        raise ScalingInputError(f"benchmark files lack columns {missing}")
    curves = []
    for key, rows in frame.groupby(frame.apply(_curve_key, axis=1), sort=True):
        train, test = rows[rows["Training"] == 1], rows[rows["Training"] == 0]
        # Repeated sizes keep their last value, as the paper's {x: y} dictionaries do.
        last = train.drop_duplicates("Seen Examples", keep="last").sort_values("Seen Examples")
        curves.append(
            Curve(
                key=key,
                domain=rows["Domain"].iloc[0],
                x_train=last["Seen Examples"].to_numpy(float),
                y_train=last["Loss"].to_numpy(float),
                x_test=test["Seen Examples"].to_numpy(float),
                y_test=test["Loss"].to_numpy(float),
            )
        )
    return curves


def _curve_key(row: pd.Series) -> str:
    if row["Domain"] == "IC":
        return f"IC|{row['Model']}|{row['Task']}"
    if row["Domain"] in ("NMT", "LM"):
        return f"{row['Domain']}|{row['Model']}"
    return f"{row['Domain']}|{row['Task']}"


def form_law(form: str, domain: str) -> Law:
    """The law a benchmark form evaluates; M4's e_0 starts at 1 (1.001 for BIG-bench, as in the
    paper) and is capped at 1 for error rates."""
    if form.removesuffix("_lsq") != "m4":
        return get_law(form.removesuffix("_lsq"), "d")
    return M4(
        "d",
        e0_max=1.0 if domain in ERROR_RATE_DOMAINS else None,
        e0_start=1.001 if domain == "BB" else 1.0,
    )


def fit_form(
    form: str, domain: str, data: Sequence[tuple[np.ndarray, np.ndarray]]
) -> tuple[Law, list[dict[str, float] | CurveFitError]]:
    """Fitted parameters of ``form`` for each (x, y) curve, or the ``CurveFitError`` saying why
    that curve could not be fitted: parameters that leave are always finite numbers."""
    law = form_law(form, domain)
    enough = [i for i, (x, _) in enumerate(data) if len(x) >= law.min_points]
    fitted: list[dict[str, float] | CurveFitError] = [
        CurveFitError(
            f"{form}: {len(x)} points, needs at least {law.min_points}", reason="too_few_points"
        )
        for x, _ in data
    ]
    if form in ("m3", "m4") and enough:
        batch = [data[i] for i in enough]
        with np.errstate(all="ignore"):
            rows = (
                paper_m3(batch)
                if form == "m3"
                else paper_m4(batch, law.e0_start, 1.0 if domain in ERROR_RATE_DOMAINS else None)
            )
        for i, row in zip(enough, rows, strict=True):
            fitted[i] = _finite_params(form, law, row)
        return law, fitted
    for i in enough:
        try:
            fitted[i] = _finite_params(form, law, law.to_params(fit_curve(law, *data[i]).theta))
        except CurveFitError as error:
            fitted[i] = error
    return law, fitted


def _finite_params(form: str, law: Law, row: np.ndarray) -> dict[str, float] | CurveFitError:
    if not np.isfinite(row).all():
        bad = [n for n, v in zip(law.param_names, row, strict=True) if not np.isfinite(v)]
        return CurveFitError(
            f"{form}: the fit ended without a finite value of {', '.join(bad)}",
            reason="not_finite",
        )
    return law.params_dict(row)


def score_form(form: str, domain: str, curves: Sequence[Curve]) -> dict[str, np.ndarray]:
    """Extrapolation RMSE (and its standard error) of ``form`` on each curve, and its
    rolling-origin validation RMSE within the training rows (the mean over origins), which the
    automatic choice uses."""
    splits = [c.origins() for c in curves]
    data = [(c.x_train, c.y_train) for c in curves]
    data += [(head_x, head_y) for cut in splits for head_x, head_y, _, _ in cut]
    law, params = fit_form(form, domain, data)
    n = len(curves)
    test = [_rmse(law, p, c.x_test, c.y_test) for p, c in zip(params[:n], curves, strict=True)]
    validation, start = [], n
    for cut in splits:
        scores = [
            _rmse(law, p, tail_x, tail_y)[0]
            for p, (_, _, tail_x, tail_y) in zip(params[start : start + len(cut)], cut, strict=True)
        ]
        start += len(cut)
        # A form that cannot be fitted at every origin is not scored: its mean would cover
        # only the easier (longer) prefixes.
        ok = bool(scores) and all(math.isfinite(v) for v in scores)
        validation.append(float(np.mean(scores)) if ok else math.nan)
    return {
        "rmse": np.array([t[0] for t in test]),
        "error": np.array([t[1] for t in test]),
        "holdout": np.array(validation),
    }


def _rmse(law: Law, params: dict | CurveFitError, x, y) -> tuple[float, float]:
    return (
        (math.nan, math.nan) if isinstance(params, CurveFitError) else log_rmse(law, params, x, y)
    )


def _score_job(job: tuple[str, str, list[Curve]]) -> tuple[dict[str, np.ndarray], float]:
    started = time.perf_counter()
    return score_form(*job), time.perf_counter() - started


@dataclass
class BenchmarkResult:
    """Per-curve extrapolation RMSE for each form (``auto`` included) and per-domain summaries."""

    forms: list[str]
    scores: pd.DataFrame  # index: curve key; columns: domain, one per form, auto_form
    errors: pd.DataFrame  # standard errors, same layout
    holdout: pd.DataFrame  # rolling-origin validation RMSE within the training rows
    seconds: dict[str, float]  # fitting time per form, summed over domains

    def medians(self) -> pd.DataFrame:
        return self.scores.groupby("domain")[self.forms].median()

    def win_shares(self, forms: Sequence[str] | None = None) -> pd.DataFrame:
        """Share of curves where each form is best, comparing to 3 decimals, ties split (as
        the paper counts); among the single forms unless told."""
        forms = list(forms or [f for f in self.forms if f != AUTO])
        rounded = np.floor(self.scores[forms].fillna(1.0).to_numpy() * 1000) / 1000
        wins = rounded == rounded.min(axis=1, keepdims=True)
        table = pd.DataFrame(
            wins / wins.sum(axis=1, keepdims=True), columns=forms, index=self.scores.index
        )
        table["domain"] = self.scores["domain"]
        return table.groupby("domain")[forms].mean()

    def table(self) -> str:
        """Per domain: median RMSE per form / share of curves where it is best."""
        medians, shares = self.medians(), self.win_shares()
        counts = self.scores.groupby("domain").size()
        lines = [f"{'domain (curves)':<27}" + "".join(f"{f:>13}" for f in self.forms)]
        for domain in medians.index:
            label = f"{DOMAIN_NAMES.get(domain, domain)} ({counts[domain]})"
            cells = [
                f"{medians.loc[domain, f]:>8.4f}/"
                + (f"{shares.loc[domain, f]:<4.2f}" if f in shares.columns else " " * 4)
                for f in self.forms
            ]
            lines.append(f"{label:<27}" + "".join(cells))
        lines.append(
            "cells: median RMSE of log-loss on the extrapolation rows / share of curves "
            "where the form is best among the single forms"
        )
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "forms": self.forms,
            "medians": self.medians().to_dict(orient="index"),
            "win_shares": self.win_shares().to_dict(orient="index"),
            "seconds": self.seconds,
            "curves": self.scores.to_dict(orient="index"),
            "holdout": self.holdout.to_dict(orient="index"),
        }


def revisiting_benchmark(
    data_dir: str | Path,
    forms: Sequence[str] = BENCHMARK_FORMS,
    *,
    auto_from: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> BenchmarkResult:
    """Score every form, and the automatic choice among ``auto_from``, on every curve."""
    forms = list(forms)
    unknown = [f for f in forms if f.removesuffix("_lsq") not in BENCHMARK_FORMS]
    if unknown:
        raise ScalingInputError(
            f"unknown form(s) {', '.join(unknown)} (known: {', '.join(BENCHMARK_FORMS)})"
        )
    auto_from = list(auto_from or forms)
    curves = [c for c in read_benchmark(data_dir) if domains is None or c.domain in domains]
    if not curves:
        raise ScalingInputError(f"no curves in domains {', '.join(domains or [])}")
    by_domain = {
        d: [c for c in curves if c.domain == d] for d in sorted({c.domain for c in curves})
    }
    # Chunks of a domain spread its work over the workers; a chunk's results do not depend on
    # which other curves are in it.
    jobs = [
        (form, d, cs[i : i + CHUNK])
        for form in dict.fromkeys(forms + auto_from)
        for d, cs in by_domain.items()
        for i in range(0, len(cs), CHUNK)
    ]
    scores = pd.DataFrame({"domain": [c.domain for c in curves]}, index=[c.key for c in curves])
    errors, holdout = scores.copy(), scores.copy()
    seconds = dict.fromkeys(forms + auto_from, 0.0)
    with ProcessPoolExecutor(max_workers=workers) if workers > 1 else _Serial() as pool:
        for (form, domain, cs), (result, spent) in zip(
            jobs, pool.map(_score_job, jobs), strict=True
        ):
            keys = [c.key for c in cs]
            scores.loc[keys, form] = result["rmse"]
            errors.loc[keys, form] = result["error"]
            holdout.loc[keys, form] = result["holdout"]
            seconds[form] += spent
            if progress:
                progress(
                    f"{form} on {domain}, {len(cs)} curve{'s' * (len(cs) > 1)}: median RMSE "
                    f"{np.nanmedian(result['rmse']):.4f} ({spent:.0f} s)"
                )
    chosen = holdout[auto_from].fillna(np.inf).idxmin(axis=1)
    scores["auto_form"] = chosen
    scores[AUTO] = [scores.loc[k, f] for k, f in chosen.items()]
    errors[AUTO] = [errors.loc[k, f] for k, f in chosen.items()]
    return BenchmarkResult(
        forms=[*forms, AUTO], scores=scores, errors=errors, holdout=holdout, seconds=seconds
    )


class _Serial:
    """The executor interface, in this process."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def map(fn, items):
        return map(fn, items)
