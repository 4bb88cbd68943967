"""Compute-optimal and serving-aware allocation: closed forms against the numerical path.

    .venv/bin/python -m benchmarks.scaling.allocation [--draws 1000] [--budgets 24]
                                                      [--peer-draws 200]

For a Chinchilla, a Kaplan and a data-constrained law (no reference data needed): the web page's
question, ``serving_optimal`` (the model reaching a target loss for the least training plus
inference compute, with the training-only optimum beside it), and ``compute_optimal`` over
--budgets budgets for a bootstrap of --draws parameter draws (scattered by 3 % around the law's
parameters, as refits would be). Ours takes the closed forms: tokens for a loss at each model
size, the compute-optimal split, the budget for a loss; all draws at once. The previous
implementation took the numerical path for every law, as a law without closed forms still
does: here the same law hidden from the closed forms. Its serving search bisects the tokens at
every model size tried, and finds the training-only optimum by bisecting the budget over a
numerical search of the frontier; its bootstrap allocation searched the frontier one draw at a
time, timed on --peer-draws draws and extrapolated. Both must give the same answers.
"""

from __future__ import annotations

import argparse
import time
from functools import partial

from benchmarks.scaling.common import single_threaded_blas, write_result

single_threaded_blas()

import numpy as np  # noqa: E402

from nairl.scaling.core import BootstrapResult, compute_optimal, serving_optimal  # noqa: E402
from nairl.scaling.core.bootstrap import percentile_bounds  # noqa: E402
from nairl.scaling.core.fitting import FitResult  # noqa: E402
from nairl.scaling.core.frontier_search import Numerical, search_optimum  # noqa: E402
from nairl.scaling.core.laws import ChinchillaLaw, DataConstrainedLaw, KaplanLaw, Law  # noqa: E402

HOFFMANN = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
LAWS = {  # law, parameters, target loss
    "chinchilla": (ChinchillaLaw(), HOFFMANN, 2.2),
    "kaplan": (KaplanLaw(), {"Nc": 8.8e13, "Dc": 5.4e13, "alpha_N": 0.076, "alpha_D": 0.095}, 2.4),
    "data_constrained": (DataConstrainedLaw(), {**HOFFMANN, "R_N": 5.0, "R_D": 15.0}, 2.2),
}
INFERENCE_TOKENS = 1e13
REPEATS = 5
TOLERANCE = 1e-5  # the numerical search finds N to the flatness of the minimum


def median_seconds(call, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def relative_difference(ours, theirs) -> float:
    return float(np.max(np.abs(np.asarray(ours) / np.asarray(theirs) - 1)))


def bootstrap_of(law: Law, params: dict, draws: int, seed: int) -> BootstrapResult:
    centre = law.params_array(params)
    fit = FitResult(
        law=law,
        params=dict(params),
        theta=law.to_theta(centre),
        objective=0.0,
        residuals=np.empty(0),
        n_points=0,
        converged=True,
        flags=[],
        settings={},
        input_ranges={},
    )
    rng = np.random.default_rng(seed)
    samples = centre * np.exp(0.03 * rng.standard_normal((draws, len(centre))))
    return BootstrapResult(fit=fit, samples=samples, seed=seed, n_failed=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--budgets", type=int, default=24)
    parser.add_argument(
        "--peer-draws",
        type=int,
        default=200,
        help="bootstrap draws the previous implementation is timed on",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    budgets = np.geomspace(1e18, 1e26, args.budgets)
    rows = {}
    for name, (law, params, target) in LAWS.items():
        ours = partial(serving_optimal, (law, params), target, INFERENCE_TOKENS)
        peer = partial(serving_optimal, (Numerical(law), params), target, INFERENCE_TOKENS)
        serving, peer_serving = ours(), peer()
        serving_s, peer_serving_s = median_seconds(ours), median_seconds(peer, 1)

        boot = bootstrap_of(law, params, args.draws, args.seed)
        bootstrap_s = median_seconds(partial(compute_optimal, boot, budgets))
        subset = boot.valid[: args.peer_draws]
        t0 = time.perf_counter()
        peer_n = np.array([search_optimum(law, p[None, :], budgets)[0][0] for p in subset])
        peer_bootstrap_s = (time.perf_counter() - t0) * args.draws / len(subset)
        on_subset = compute_optimal(
            BootstrapResult(fit=boot.fit, samples=subset, seed=0, n_failed=0), budgets
        )

        diff = max(
            relative_difference(serving.n, peer_serving.n),
            relative_difference(serving.compute_optimal.n, peer_serving.compute_optimal.n),
            relative_difference(on_subset.intervals["n"], percentile_bounds(peer_n, 0.95)),
        )
        rows[name] = {
            "serving_seconds": serving_s,
            "previous_serving_seconds": peer_serving_s,
            "bootstrap_seconds": bootstrap_s,
            "previous_bootstrap_seconds": peer_bootstrap_s,
            "max_rel_diff": diff,
        }
    same = all(row["max_rel_diff"] < TOLERANCE for row in rows.values())

    print(
        f"serving_optimal (target loss, {INFERENCE_TOKENS:g} inference tokens) and "
        f"compute_optimal ({args.draws} draws x {args.budgets} budgets); seconds"
    )
    print(
        f"{'law':<18}{'serving':>10}{'previous':>10}{'bootstrap':>11}{'previous':>10}"
        f"{'max rel. diff':>15}"
    )
    for name, row in rows.items():
        print(
            f"{name:<18}{row['serving_seconds']:>10.4f}{row['previous_serving_seconds']:>10.2f}"
            f"{row['bootstrap_seconds']:>11.4f}{row['previous_bootstrap_seconds']:>10.2f}"
            f"{row['max_rel_diff']:>15.1e}"
        )
    print(
        f"same results: {same} (tolerance {TOLERANCE:g}); previous bootstrap timed on "
        f"{min(args.peer_draws, args.draws)} draws, extrapolated"
    )
    write_result(
        "allocation",
        {
            "draws": args.draws,
            "budgets": args.budgets,
            "peer_draws": args.peer_draws,
            "laws": rows,
            "same": same,
        },
    )
    if not same:
        raise SystemExit("the previous implementation and ours disagree")


if __name__ == "__main__":
    main()
