"""Scores combined three ways: a weighted mean, a median, and a strictness-normalised score.

The normalised score fits an additive model to every review of a call at once,

    score[a, r] ≈ merit[a] + offset[r]

by least squares weighted by each review's confidence: a reviewer who scores everything a point
low gets an offset near −1, and the applications they reviewed are not punished for it. The
offsets sum to zero (otherwise merit and offsets could trade a constant); reviewers whose
reviews connect to no one else's are pulled gently towards zero offset.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import spsolve

SUM_TO_ZERO_WEIGHT = 1e3
OFFSET_RIDGE = 1e-3


@dataclass(frozen=True)
class Observation:
    application: int  # index
    reviewer: int  # index
    score: float
    confidence: float  # weight, > 0


@dataclass
class Fit:
    merit: np.ndarray  # per application (nan where it has no review)
    offset: np.ndarray  # per reviewer


def fit_strictness(observations: list[Observation], n_applications: int, n_reviewers: int) -> Fit:
    if not observations:
        return Fit(np.full(n_applications, np.nan), np.zeros(n_reviewers))
    apps = np.array([o.application for o in observations])
    reviewers = np.array([o.reviewer for o in observations])
    scores = np.array([o.score for o in observations], dtype=float)
    root = np.sqrt(np.array([o.confidence for o in observations], dtype=float))
    n = len(observations)
    rows = np.arange(n)
    design = sparse.csr_matrix(
        (
            np.concatenate([root, root]),
            (np.concatenate([rows, rows]), np.concatenate([apps, n_applications + reviewers])),
        ),
        shape=(n, n_applications + n_reviewers),
    )
    sum_to_zero = sparse.csr_matrix(
        (
            np.full(n_reviewers, SUM_TO_ZERO_WEIGHT),
            (np.zeros(n_reviewers, dtype=int), n_applications + np.arange(n_reviewers)),
        ),
        shape=(1, n_applications + n_reviewers),
    )
    ridge = sparse.csr_matrix(
        (
            np.full(n_reviewers, OFFSET_RIDGE),
            (np.arange(n_reviewers), n_applications + np.arange(n_reviewers)),
        ),
        shape=(n_reviewers, n_applications + n_reviewers),
    )
    # Applications nobody reviewed get a vanishing ridge too, so the normal equations are
    # positive definite and solved directly (milliseconds for a whole national call).
    unreviewed = sparse.diags(
        np.concatenate([np.full(n_applications, 1e-9), np.zeros(n_reviewers)])
    )
    matrix = sparse.vstack([design, sum_to_zero, ridge]).tocsr()
    target = np.concatenate([root * scores, np.zeros(1 + n_reviewers)])
    normal = (matrix.T @ matrix + unreviewed).tocsc()
    solution = spsolve(normal, matrix.T @ target)
    merit = solution[:n_applications]
    reviewed = np.zeros(n_applications, dtype=bool)
    reviewed[apps] = True
    merit[~reviewed] = np.nan
    return Fit(merit=merit, offset=solution[n_applications:])


def weighted_mean(values, weights) -> float:
    total = sum(weights)
    if not values or not total:
        return float("nan")
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total


def weighted_total(scores: dict, weights: dict) -> float:
    """A review's total: its criterion scores averaged with the criteria's weights."""
    keys = [key for key in weights if key in scores]
    if not keys:
        return float("nan")
    return weighted_mean([scores[k] for k in keys], [weights[k] for k in keys])
