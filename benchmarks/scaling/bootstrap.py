"""1,000 bootstrap refits of the Chinchilla fit, spread over worker processes.

.venv/bin/python -m benchmarks.scaling.bootstrap [--resamples 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import time

from benchmarks.scaling.common import data_dir, single_threaded_blas, write_result

single_threaded_blas()

from nairl.scaling.core import bootstrap, compute_optimal, fit, get_law, load_runs  # noqa: E402

BESIROGLU = {
    "A": (285, 744),
    "B": (1042, 5810),
    "E": (1.769, 1.871),
    "alpha": (0.317, 0.373),
    "beta": (0.331, 0.415),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = data_dir(args.data) / "chinchilla_epoch_svg_extracted.csv"
    runs = load_runs(path, "n=Model Size,c=Training FLOP,loss=loss").drop_highest(5)
    law = get_law("chinchilla")
    full = fit(law, runs)
    t0 = time.perf_counter()
    result = bootstrap(
        law, runs, args.resamples, seed=args.seed, workers=args.workers, full_fit=full
    )
    seconds = time.perf_counter() - t0
    intervals = result.intervals()
    print(
        f"{args.resamples} refits on {args.workers} workers: {seconds:.1f} s "
        f"({result.n_failed} not converged)"
    )
    print(f"{'param':<8}{'estimate':>12}{'ours 95%':>26}{'Besiroglu et al.':>24}")
    for name, (lo, hi) in intervals.items():
        ref = BESIROGLU[name]
        print(
            f"{name:<8}{full.params[name]:>12.4g}{f'{lo:.4g} – {hi:.4g}':>26}"
            f"{f'{ref[0]:g} – {ref[1]:g}':>24}"
        )
    allocation = compute_optimal(result, 5.88e23)
    lo, hi = allocation.intervals["tokens_per_param"]
    print(
        f"tokens per parameter at 5.88e23 FLOP: {allocation.tokens_per_param[0]:.1f} "
        f"[{lo[0]:.1f}, {hi[0]:.1f}]"
    )
    write_result(
        "bootstrap",
        {
            "resamples": args.resamples,
            "workers": args.workers,
            "seconds": seconds,
            "failed": result.n_failed,
            "intervals": intervals,
            "besiroglu": BESIROGLU,
            "tokens_per_param": float(allocation.tokens_per_param[0]),
        },
    )


if __name__ == "__main__":
    main()
