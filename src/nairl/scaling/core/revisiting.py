"""The Revisiting benchmark (Alabdulmohsin et al. 2022): how well learning-curve forms
extrapolate on the paper's 92 curves, and an automatic choice of form.

Each curve is fitted on its ``Training == 1`` rows and scored by the RMSE of log-loss on its
``Training == 0`` rows. The forms:

* ``m1``-``m4``: the paper's four forms as the paper fits them, comparable with its reference
  table: m1 and m2 by least squares on their linearised residuals, m3 and m4 by the paper's own
  alternating procedures (``paper_estimators``), which stop short of the least-squares optimum;
* ``m3_lsq``, ``m4_lsq``: the same two forms at their least-squares optimum (the workbench's fit);
* ``bnsl1``, ``bnsl2``: the broken neural scaling law with one or two breaks;
* ``auto``: per curve, the form chosen by rolling-origin validation on the curve's own training
  rows (``form_selection``); the choice never sees the extrapolation rows.

Work is split into jobs of up to ``CHUNK`` curves of one form and domain, run over ``workers``
processes, and optionally cached (``_Cache``), so that a new selection rule is evaluated on
every curve without refitting.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .curve_laws import M4
from .errors import CurveFitError, ScalingInputError
from .form_selection import select_form, validation_error
from .laws import Law
from .learning_curves import fit_curve, prediction_log_rmse
from .paper_estimators import paper_m3, paper_m4
from .registry import get_law

AUTO = "auto"
BENCHMARK_FORMS = ("m1", "m2", "m3", "m4", "m3_lsq", "m4_lsq", "bnsl1", "bnsl2")
# The forms ``auto`` chooses from by default: all but the paper's M4 procedure, whose rounds
# on short prefixes of a curve run to its 10,000-round limit (minutes per curve); m4_lsq fits
# the same form.
AUTO_FROM = ("m1", "m2", "m3", "m3_lsq", "m4_lsq", "bnsl1", "bnsl2")
PAPER_FORMS = ("m1", "m2", "m3", "m4")
ORIGINS = (0.1, 0.2, 0.3, 0.4)  # shares of a curve's training rows held out, one origin each
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

    def origin_tails(self) -> list[np.ndarray]:
        """The values each rolling origin holds out."""
        return [tail_y for _, _, _, tail_y in self.origins()]


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


@dataclass
class FormFit:
    """One form's predictions on one curve: at the extrapolation rows from the fit to all
    training rows, and at each rolling origin's held-out rows from the fit to the rows before
    them (all NaN where the form could not be fitted)."""

    test: np.ndarray
    origins: list[np.ndarray]


def predict_form(
    form: str, domain: str, curves: Sequence[Curve], origins: bool = True
) -> list[FormFit]:
    """``form`` fitted to each curve's training rows and, if ``origins``, to each of its
    rolling origins."""
    splits = [c.origins() if origins else [] for c in curves]
    data = [(c.x_train, c.y_train) for c in curves]
    data += [(head_x, head_y) for cut in splits for head_x, head_y, _, _ in cut]
    law, params = fit_form(form, domain, data)
    heads = iter(params[len(curves) :])
    return [
        FormFit(
            test=_predict(law, p, c.x_test),
            origins=[_predict(law, next(heads), tail_x) for _, _, tail_x, _ in cut],
        )
        for p, c, cut in zip(params[: len(curves)], curves, splits, strict=True)
    ]


def _predict(law: Law, params: dict | CurveFitError, x: np.ndarray) -> np.ndarray:
    if isinstance(params, CurveFitError):
        return np.full(len(x), math.nan)
    with np.errstate(all="ignore"):
        return np.asarray(law.evaluate(params, d=x), float)


def _predict_job(job: tuple[str, str, list[Curve], bool]) -> tuple[list[FormFit], float]:
    started = time.perf_counter()
    return predict_form(*job), time.perf_counter() - started


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
    cache: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BenchmarkResult:
    """Score every form, and the automatic choice among ``auto_from``, on every curve. With
    ``cache``, a folder, each job's fits are kept there, keyed by its curves and the fitting
    code, and reused."""
    forms = list(forms)
    unknown = [f for f in forms if f.removesuffix("_lsq") not in BENCHMARK_FORMS]
    if unknown:
        raise ScalingInputError(
            f"unknown form(s) {', '.join(unknown)} (known: {', '.join(BENCHMARK_FORMS)})"
        )
    auto_from = list(auto_from or [f for f in forms if f in AUTO_FROM] or forms)
    curves = [c for c in read_benchmark(data_dir) if domains is None or c.domain in domains]
    if not curves:
        raise ScalingInputError(f"no curves in domains {', '.join(domains or [])}")
    fits = benchmark_fits(curves, forms, auto_from, workers, cache, progress)
    scores = pd.DataFrame({"domain": [c.domain for c in curves]}, index=[c.key for c in curves])
    errors, holdout = scores.copy(), scores.copy()
    for form, by_curve in fits.fits.items():
        rmse = [prediction_log_rmse(by_curve[c.key].test, c.y_test) for c in curves]
        scores[form] = [r[0] for r in rmse]
        errors[form] = [r[1] for r in rmse]
        if form in auto_from:
            holdout[form] = [
                validation_error(by_curve[c.key].origins, c.origin_tails()) for c in curves
            ]
    chosen = [select_form({f: fits.fits[f][c.key] for f in auto_from}, c) for c in curves]
    scores["auto_form"] = [choice.label for choice in chosen]
    auto = [
        prediction_log_rmse(choice.test, c.y_test) for choice, c in zip(chosen, curves, strict=True)
    ]
    scores[AUTO] = [r[0] for r in auto]
    errors[AUTO] = [r[1] for r in auto]
    return BenchmarkResult(
        forms=[*forms, AUTO], scores=scores, errors=errors, holdout=holdout, seconds=fits.seconds
    )


@dataclass
class BenchmarkFits:
    fits: dict[str, dict[str, FormFit]]  # form -> curve key -> its fits
    seconds: dict[str, float]  # fitting time per form, cached jobs included at their first cost


def benchmark_fits(
    curves: Sequence[Curve],
    forms: Sequence[str],
    validated: Sequence[str] = (),
    workers: int = 1,
    cache: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BenchmarkFits:
    """Every form fitted to every curve, and the ``validated`` ones to its rolling origins
    too, in jobs of up to ``CHUNK`` curves of one domain, run over ``workers`` processes;
    jobs found in ``cache`` are not rerun."""
    validated = list(validated)
    forms = list(dict.fromkeys([*forms, *validated]))
    by_domain = {
        d: [c for c in curves if c.domain == d] for d in sorted({c.domain for c in curves})
    }
    # Chunks of a domain spread its work over the workers; a chunk's results do not depend on
    # which other curves are in it. Small domains first and every form of a chunk together, so
    # that a partial run (kept in the cache) covers whole curves; the forms not validated (the
    # paper's slow M4) last.
    jobs = [
        (form, d, cs[i : i + CHUNK], form in validated)
        for group in (validated, [f for f in forms if f not in validated])
        for d, cs in sorted(by_domain.items(), key=lambda item: len(item[1]))
        for i in range(0, len(cs), CHUNK)
        for form in group
    ]
    store = _Cache(cache)
    done = {i: store.get(job) for i, job in enumerate(jobs)}
    todo = [i for i, hit in done.items() if hit is None]
    for i in done.keys() - todo:
        _report(progress, jobs[i], done[i], "cached")
    for i, outcome in _run([(i, jobs[i]) for i in todo], workers):
        done[i] = outcome
        store.put(jobs[i], outcome)  # at once: an interrupted run keeps what it finished
        _report(progress, jobs[i], outcome)
    result = BenchmarkFits({f: {} for f in forms}, dict.fromkeys(forms, 0.0))
    for i, (form, _, cs, _) in enumerate(jobs):
        predictions, spent = done[i]
        result.fits[form].update((c.key, p) for c, p in zip(cs, predictions, strict=True))
        result.seconds[form] += spent
    return result


def _report(progress, job, outcome, note: str = "") -> None:
    if progress:
        (form, domain, cs, _), (predictions, spent) = job, outcome
        rmse = [
            prediction_log_rmse(p.test, c.y_test)[0] for c, p in zip(cs, predictions, strict=True)
        ]
        progress(
            f"{form} on {domain}, {len(cs)} curve{'s' * (len(cs) > 1)}: median RMSE "
            f"{np.nanmedian(rmse):.4f} ({spent:.0f} s{', ' * bool(note)}{note})"
        )


class _Cache:
    """Pickled job results in a folder, keyed by the job's form, domain and curves, the
    rolling origins and the source of the modules that fit (not of this one, so that a new
    selection rule reuses the fits)."""

    MODULES = ("curve_laws", "fitting", "laws", "learning_curves", "optimize", "paper_estimators")

    def __init__(self, folder: str | Path | None) -> None:
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            here = Path(__file__).parent
            self.code = b"".join((here / f"{m}.py").read_bytes() for m in self.MODULES)

    def _path(self, job: tuple[str, str, list[Curve]]) -> Path:
        form, domain, cs, origins = job
        digest = hashlib.sha256(
            self.code + repr((form, domain, ORIGINS if origins else None)).encode()
        )
        for c in cs:
            digest.update(c.key.encode())
            for values in (c.x_train, c.y_train, c.x_test):
                digest.update(np.ascontiguousarray(values, float).tobytes())
        return self.folder / f"{form}-{domain}-{digest.hexdigest()[:20]}.pkl"

    def get(self, job):
        """The job's results, or those of the same job with rolling origins (a superset)."""
        for path in (
            dict.fromkeys((self._path(job), self._path((*job[:3], True)))) if self.folder else ()
        ):
            if path.exists():
                return pickle.loads(path.read_bytes())
        return None

    def put(self, job, outcome) -> None:
        if self.folder:
            self._path(job).write_bytes(pickle.dumps(outcome))


def _run(jobs: list[tuple[int, tuple]], workers: int):
    """(index, outcome) of each job as it finishes."""
    if workers <= 1:
        yield from ((i, _predict_job(job)) for i, job in jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_predict_job, job): i for i, job in jobs}
        for future in as_completed(futures):
            yield futures[future], future.result()
