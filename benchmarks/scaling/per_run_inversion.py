"""The per-run diagnostic of a comparison: 1,000 resamples against the previous implementation.

    .venv/bin/python -m benchmarks.scaling.per_run_inversion [--resamples 1000] [--workers 2]
                                                             [--peer-draws 20]

(The comparison's estimate, the multiplier on frontiers, is measured by
``benchmarks.scaling.comparison``.)

Synthetic data at the size of the Chinchilla study (no reference data needed): 240 baseline runs
from Hoffmann et al.'s law and 40 method runs that reach the baseline's frontier loss with 3×
less compute, both with 1 % noise. Ours inverts the closed-form frontier for every bootstrap
draw × method run in one array expression. The previous implementation inverted it one draw at a
time: a 70-step bisection in log C whose every step searched the compute-optimal N numerically
(``frontier_search.search_compute_for_loss``), for the full fit and then for each draw's
resample of the method runs. It is timed on --peer-draws draws and extrapolated to all; on those
draws both must give the same interval, and on the full fit the same multiplier.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.scaling.common import single_threaded_blas, write_result

single_threaded_blas()

import numpy as np  # noqa: E402

from nairl.scaling.core import BootstrapResult, Runs, compare, compute_optimal  # noqa: E402
from nairl.scaling.core.bootstrap import percentile_bounds  # noqa: E402
from nairl.scaling.core.frontier_search import search_compute_for_loss  # noqa: E402
from nairl.scaling.core.laws import ChinchillaLaw  # noqa: E402
from nairl.scaling.core.synthetic import synthetic_runs  # noqa: E402

HOFFMANN = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
TRUE_MULTIPLIER = 3.0
LEVEL = 0.95
REPEATS = 5


def method_runs(law, count: int, seed: int) -> Runs:
    rng = np.random.default_rng(seed)
    compute = np.geomspace(1e19, 1e22, count)
    own = compute_optimal((law, HOFFMANN), compute)
    loss = compute_optimal((law, HOFFMANN), TRUE_MULTIPLIER * compute).loss
    return Runs(value=loss * np.exp(0.01 * rng.standard_normal(count)), n=own.n, d=own.d, c=compute)


def previous(law, fit_params, draws, method: Runs, seed: int):
    """The previous implementation's multiplier and interval (per-draw numerical inversion)."""
    loss, compute = method.value, method.c
    run_mult = search_compute_for_loss(law, fit_params[None, :], loss)[0] / compute
    rng = np.random.default_rng(seed + 1)
    summary = []
    for params in draws:
        pick = rng.integers(0, len(loss), len(loss))
        mult = search_compute_for_loss(law, params[None, :], loss[pick])[0] / compute[pick]
        summary.append(np.exp(np.mean(np.log(mult))))
    lo, hi = percentile_bounds(np.array(summary), LEVEL)
    return float(np.exp(np.mean(np.log(run_mult)))), (float(lo), float(hi))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--peer-draws",
        type=int,
        default=20,
        help="bootstrap draws the previous implementation is timed on",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    law = ChinchillaLaw()
    baseline = synthetic_runs(law, HOFFMANN, n_runs=240, noise=0.01, seed=args.seed)
    method = method_runs(law, 40, args.seed + 1)

    t0 = time.perf_counter()
    ours = compare(
        baseline,
        method,
        law,
        n_resamples=args.resamples,
        seed=args.seed,
        workers=args.workers,
        level=LEVEL,
    )
    end_to_end_s = time.perf_counter() - t0
    boot = ours.baseline
    repeats = []  # it takes milliseconds: the median of a few runs
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        compare(baseline, method, law, seed=args.seed, level=LEVEL, baseline=boot)
        repeats.append(time.perf_counter() - t0)
    ours_s = float(np.median(repeats))

    draws = boot.valid
    subset = draws[: args.peer_draws]
    t0 = time.perf_counter()
    peer_mult, peer_interval = previous(
        law, law.params_array(boot.fit.params), subset, method, args.seed
    )
    peer_timed_s = time.perf_counter() - t0
    # one inversion for the full fit, then one per draw: extrapolate the draws' share
    peer_s = peer_timed_s * (len(draws) + 1) / (len(subset) + 1)
    subset_boot = BootstrapResult(fit=boot.fit, samples=subset, seed=boot.seed, n_failed=0)
    on_subset = compare(baseline, method, law, seed=args.seed, level=LEVEL, baseline=subset_boot)
    mult_diff = abs(ours.run_multiplier / peer_mult - 1)
    interval_diff = float(np.max(np.abs(np.array(on_subset.run_interval) / peer_interval - 1)))
    same = mult_diff < 1e-8 and interval_diff < 1e-8

    print(
        f"baseline 240 runs, method 40 runs, {len(draws)} bootstrap draws "
        f"({boot.n_failed} refits not converged), {args.workers} workers"
    )
    print(f"{'comparison step (bootstrap given)':<64}{'seconds':>10}")
    print(
        f"{f'ours (closed form, all draws x runs at once; median of {REPEATS})':<64}{ours_s:>10.4f}"
    )
    print(
        f"{f'previous (per-draw bisection; {len(subset)} draws timed, extrapolated)':<64}"
        f"{peer_s:>10.1f}"
    )
    print(f"speed ratio: {peer_s / ours_s:.0f}x")
    print(
        f"compare() end to end with {args.resamples} resamples (bootstrap included): "
        f"ours {end_to_end_s:.1f} s, previous about {end_to_end_s - ours_s + peer_s:.0f} s "
        f"(target <= 60 s)"
    )
    print(
        f"per-run multiplier ours {ours.run_multiplier:.10g}, previous {peer_mult:.10g} "
        f"(true {TRUE_MULTIPLIER:g}); {LEVEL:.0%} interval {ours.run_interval[0]:.4g}-"
        f"{ours.run_interval[1]:.4g}"
    )
    print(
        f"same results: {same} (multiplier rel. diff {mult_diff:.1e}, interval over the "
        f"{len(subset)} timed draws rel. diff {interval_diff:.1e})"
    )
    write_result(
        "per_run_inversion",
        {
            "resamples": args.resamples,
            "workers": args.workers,
            "draws": len(draws),
            "ours_seconds": ours_s,
            "previous_seconds": peer_s,
            "previous_draws_timed": len(subset),
            "previous_timed_seconds": peer_timed_s,
            "speed_ratio": peer_s / ours_s,
            "end_to_end_seconds": end_to_end_s,
            "multiplier": ours.run_multiplier,
            "previous_multiplier": peer_mult,
            "interval": list(ours.run_interval),
            "true_multiplier": TRUE_MULTIPLIER,
            "multiplier_rel_diff": mult_diff,
            "subset_interval_rel_diff": interval_diff,
            "same": same,
        },
    )
    if not same:
        raise SystemExit("the previous implementation and ours disagree")


if __name__ == "__main__":
    main()
