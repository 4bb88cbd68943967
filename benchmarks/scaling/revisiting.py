"""Revisiting benchmark (Alabdulmohsin et al. 2022): extrapolation RMSE per form and domain,
against the reference re-run of the paper's M1-M4 estimators, plus the least-squares M3/M4,
the broken law and the automatic choice.

    .venv/bin/python -m benchmarks.scaling.revisiting [--domains IC,NMT] [--workers 2] [--data DIR]

Targets: per-domain median RMSE of M1-M4 within 10% of the reference; the automatic choice
(from the training rows only) against the best single form.
"""

from __future__ import annotations

import argparse
import json
import time

from benchmarks.scaling.common import data_dir, single_threaded_blas, write_result

single_threaded_blas()

import pandas as pd  # noqa: E402

from nairl.scaling.core.revisiting import (  # noqa: E402
    AUTO,
    BENCHMARK_FORMS,
    PAPER_FORMS,
    revisiting_benchmark,
)

TOLERANCE = 0.10


def reference_scores(folder, index) -> pd.DataFrame:
    """The reference RMSE per curve and paper form (M1-M4 as m1-m4)."""
    raw = json.loads((folder / "revisiting_reference_M1-M4.json").read_text())
    frame = pd.DataFrame({key: {f.lower(): v[f][0] for f in v} for key, v in raw.items()}).T
    return frame.loc[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--domains")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    folder = data_dir(args.data)
    started = time.perf_counter()
    result = revisiting_benchmark(
        folder,
        BENCHMARK_FORMS,
        workers=args.workers,
        domains=args.domains.split(",") if args.domains else None,
        progress=lambda line: print(line, flush=True),
    )
    seconds = time.perf_counter() - started
    print(result.table())

    reference = reference_scores(folder, result.scores.index)
    reference["domain"] = result.scores["domain"]
    ref_medians = reference.groupby("domain")[list(PAPER_FORMS)].median()
    ours = result.medians()
    ratios = ours[list(PAPER_FORMS)] / ref_medians
    print("\nM1-M4 median RMSE, ours / reference (ratio):")
    for domain in ratios.index:
        print(
            f"{domain:<5}"
            + "  ".join(
                f"{f}: {ours.loc[domain, f]:.4f}/{ref_medians.loc[domain, f]:.4f} "
                f"({ratios.loc[domain, f]:.3f})"
                for f in PAPER_FORMS
            )
        )
    within = bool(((ratios - 1).abs() <= TOLERANCE).all().all())
    print(f"all within {TOLERANCE:.0%} of the reference: {within}")
    shares = result.win_shares(PAPER_FORMS)
    print("share of curves where each of M1-M4 is best:\n" + shares.round(2).to_string())

    singles = [f for f in result.forms if f != AUTO]
    best_single = ours[singles].min(axis=1)
    print("\nautomatic choice vs the best single form per domain (median RMSE):")
    for domain in ours.index:
        print(
            f"{domain:<5} auto {ours.loc[domain, AUTO]:.4f}  best single "
            f"{best_single[domain]:.4f} ({ours.loc[domain, singles].astype(float).idxmin()})"
        )
    print("forms chosen:", result.scores["auto_form"].value_counts().to_dict())
    print("fitting seconds per form:", {k: round(v, 1) for k, v in result.seconds.items()})
    print(f"wall time: {seconds:.0f} s on {args.workers} worker(s)")
    write_result(
        "revisiting",
        {
            **result.to_dict(),
            "reference_medians": ref_medians.to_dict(orient="index"),
            "ratios_to_reference": ratios.to_dict(orient="index"),
            "within_tolerance": within,
            "seconds": seconds,
        },
    )


if __name__ == "__main__":
    main()
