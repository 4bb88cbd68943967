"""Scaling-law workbench core: plain Python (numpy, scipy, pandas, matplotlib), no Django.

Typical use from a notebook::

    from nairl.scaling.core import load_runs, get_law, fit, bootstrap, predict, compute_optimal
    runs = load_runs("runs.csv", "n=Model Size,c=Training FLOP,loss=loss").drop_highest(5)
    result = bootstrap(get_law("chinchilla"), runs, 1000, seed=0, workers=2)
    result.intervals()                      # parameter intervals
    predict(result, n=7e10, d=1.4e12)       # value, interval, extrapolation warnings
    compute_optimal(result, 5.88e23)        # N_opt, D_opt, tokens per parameter
"""

from .allocation import Allocation, ServingAllocation, compute_optimal, exponent, serving_optimal
from .bootstrap import BootstrapResult, bootstrap
from .comparison import Comparison, compare
from .errors import (
    CurveFitError,
    DuplicateRunError,
    InvalidValueError,
    MissingColumnError,
    ScalingInputError,
    TooFewPointsError,
    UnknownLawError,
)
from .fitting import FitResult, fit
from .laws import Law
from .learning_curves import (
    CurveComparison,
    SteepnessTest,
    compare_curves,
    steeper_than_power_law,
)
from .prediction import Prediction, predict
from .registry import CURVE_FORMS, DEFAULT_BOOTSTRAP, DEFAULT_LAW, LAW_NAMES, get_law
from .revisiting import BENCHMARK_FORMS, BenchmarkResult, revisiting_benchmark
from .runs import Runs, load_runs, parse_column_mapping, runs_from_frame
from .synthetic import synthetic_runs

__all__ = [
    "Allocation",
    "BENCHMARK_FORMS",
    "BenchmarkResult",
    "BootstrapResult",
    "CURVE_FORMS",
    "Comparison",
    "CurveComparison",
    "CurveFitError",
    "DuplicateRunError",
    "FitResult",
    "InvalidValueError",
    "DEFAULT_BOOTSTRAP",
    "DEFAULT_LAW",
    "LAW_NAMES",
    "Law",
    "MissingColumnError",
    "Prediction",
    "Runs",
    "ScalingInputError",
    "ServingAllocation",
    "SteepnessTest",
    "TooFewPointsError",
    "UnknownLawError",
    "bootstrap",
    "compare",
    "compare_curves",
    "compute_optimal",
    "exponent",
    "fit",
    "get_law",
    "load_runs",
    "parse_column_mapping",
    "predict",
    "revisiting_benchmark",
    "runs_from_frame",
    "serving_optimal",
    "steeper_than_power_law",
    "synthetic_runs",
]
