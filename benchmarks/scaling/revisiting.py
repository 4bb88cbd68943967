"""Revisiting benchmark (Alabdulmohsin et al. 2022): extrapolation RMSE per form and domain,
against the reference re-run of the paper's M1-M4 estimators.

    .venv/bin/python -m benchmarks.scaling.revisiting [--domains IC,NMT] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import time

from benchmarks.scaling.common import data_dir, single_threaded_blas, write_result

single_threaded_blas()

import pandas as pd  # noqa: E402

from nairl.scaling.core import CURVE_FORMS, revisiting_benchmark  # noqa: E402

M_FORMS = ["m1", "m2", "m3", "m4"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--domains")
    args = parser.parse_args()
    folder = data_dir(args.data)
    t0 = time.perf_counter()
    result = revisiting_benchmark(folder, CURVE_FORMS,
                                  domains=args.domains.split(",") if args.domains else None,
                                  progress=lambda line: print(line, flush=True))
    seconds = time.perf_counter() - t0
    print(result.table())
    reference = json.loads((folder / "revisiting_reference_M1-M4.json").read_text())
    ref = pd.DataFrame({k: {f.lower(): v[f][0] for f in v} for k, v in reference.items()}).T
    ref = ref.loc[result.scores.index]
    ref["domain"] = result.scores["domain"]
    ref_medians = ref.groupby("domain")[M_FORMS].median()
    ours = result.medians()[M_FORMS]
    print("\nmedian RMSE, ours / reference (ratio):")
    for domain in ours.index:
        cells = "  ".join(f"{f}: {ours.loc[domain, f]:.4f}/{ref_medians.loc[domain, f]:.4f} "
                          f"({ours.loc[domain, f] / ref_medians.loc[domain, f]:.2f})"
                          for f in M_FORMS)
        print(f"{domain:<5}{cells}")
    per_task = (result.scores[M_FORMS] / ref[M_FORMS]).median()
    print("median per-curve ratio ours/reference:", per_task.round(3).to_dict())
    best_single = result.medians()[list(CURVE_FORMS)].min(axis=1)
    print("auto vs best single form (median RMSE):",
          {d: (round(result.medians().loc[d, "auto"], 4), round(best_single[d], 4))
           for d in best_single.index})
    print(f"time: {seconds:.0f} s")
    write_result("revisiting", {**result.to_dict(), "reference_medians":
                                ref_medians.to_dict(orient="index"), "seconds": seconds})


if __name__ == "__main__":
    main()
