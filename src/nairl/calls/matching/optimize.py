"""The optimal assignment of reviewers to applications, as a mixed-integer program solved by
HiGHS (scipy.optimize.milp).

    maximise    Σ affinity[a, r] · x[a, r]
    subject to  Σ_r x[a, r] = k                       each application gets k reviews
                Σ_a x[a, r] ≤ capacity[r]             no reviewer past their load
                Σ_r affinity[a, r] · x[a, r] ≥ m      each application's total expertise
                x[a, r] = 0 where a conflict forbids it, x binary

A problem may have no feasible answer (too few unconflicted reviewers, loads too small, an
application nobody knows about): the first two kinds of row then take a shortfall variable
whose cost dwarfs any affinity, so the solver still answers and says which applications it
could not serve fully (first reviews, then expertise). Assignments that already exist are kept
and count towards every row.

At scale each application considers only its best `candidates` reviewers (by affinity), which
keeps the program small; with `candidates=None` every allowed pair is a variable and the answer
is the exact optimum.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

MISSING_REVIEW_COST = 1_000.0  # per review an application lacks; affinities are within [0, 1]
MISSING_EXPERTISE_COST = 10.0  # per unit of expertise below the minimum


class AssignmentError(ValueError):
    """The problem is malformed (shapes, negative loads); the message says how."""


@dataclass
class Problem:
    affinity: np.ndarray  # (applications, reviewers), values in [0, 1]
    allowed: np.ndarray  # same shape, False where a conflict forbids the pair
    reviews_per_application: int
    capacity: np.ndarray  # (reviewers,) most applications each reviewer takes, in all
    min_expertise: float = 0.0
    existing: list[tuple[int, int]] = field(default_factory=list)  # (application, reviewer)


@dataclass
class Solution:
    pairs: list[tuple[int, int]]  # new (application, reviewer) pairs
    total_affinity: float  # of the new pairs
    missing_reviews: dict[int, int]  # application → reviews it could not get
    missing_expertise: dict[int, float]  # application → expertise below the minimum
    variables: int = 0


def check(problem: Problem) -> None:
    shape = problem.affinity.shape
    if problem.allowed.shape != shape or problem.capacity.shape != (shape[1],):
        raise AssignmentError("affinity, allowed and capacity do not have matching shapes")
    if problem.reviews_per_application < 1 or (problem.capacity < 0).any():
        raise AssignmentError("reviews per application must be ≥ 1 and loads ≥ 0")
    for a, r in problem.existing:
        if not problem.allowed[a, r]:
            raise AssignmentError(f"existing pair ({a}, {r}) is forbidden")


def candidate_pairs(problem: Problem, candidates: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Allowed pairs not yet assigned; at most the best `candidates` reviewers per application."""
    allowed = problem.allowed.copy()
    for a, r in problem.existing:
        allowed[a, r] = False
    if candidates is not None and candidates < allowed.shape[1]:
        scores = np.where(allowed, problem.affinity, -np.inf)
        worst = np.argpartition(-scores, candidates, axis=1)[:, candidates:]
        np.put_along_axis(allowed, worst, False, axis=1)
    return np.nonzero(allowed)


def assign(problem: Problem, candidates: int | None = None, time_limit: float = 60.0) -> Solution:
    check(problem)
    n_applications, n_reviewers = problem.affinity.shape
    apps, reviewers = candidate_pairs(problem, candidates)
    weights = problem.affinity[apps, reviewers]
    n_pairs = len(apps)

    have = np.zeros(n_applications)
    have_expertise = np.zeros(n_applications)
    load = np.zeros(n_reviewers)
    for a, r in problem.existing:
        have[a] += 1
        have_expertise[a] += problem.affinity[a, r]
        load[r] += 1
    needed = np.maximum(problem.reviews_per_application - have, 0)
    room = np.maximum(problem.capacity - load, 0)
    expertise_needed = np.maximum(problem.min_expertise - have_expertise, 0)

    # Variables: the pairs, then one review shortfall and one expertise shortfall per application.
    n_variables = n_pairs + 2 * n_applications
    pair_columns = np.arange(n_pairs)
    review_gap = n_pairs + np.arange(n_applications)
    expertise_gap = n_pairs + n_applications + np.arange(n_applications)
    cost = np.concatenate(
        [
            -weights,
            np.full(n_applications, MISSING_REVIEW_COST),
            np.full(n_applications, MISSING_EXPERTISE_COST),
        ]
    )
    every_application = np.arange(n_applications)
    coverage = sparse.csr_matrix(
        (
            np.concatenate([np.ones(n_pairs), np.ones(n_applications)]),
            (np.concatenate([apps, every_application]), np.concatenate([pair_columns, review_gap])),
        ),
        shape=(n_applications, n_variables),
    )
    loads = sparse.csr_matrix(
        (np.ones(n_pairs), (reviewers, pair_columns)), shape=(n_reviewers, n_variables)
    )
    expertise = sparse.csr_matrix(
        (
            np.concatenate([weights, np.ones(n_applications)]),
            (
                np.concatenate([apps, every_application]),
                np.concatenate([pair_columns, expertise_gap]),
            ),
        ),
        shape=(n_applications, n_variables),
    )
    constraints = [
        LinearConstraint(coverage, needed, needed),
        LinearConstraint(loads, -np.inf, room),
        LinearConstraint(expertise, expertise_needed, np.inf),
    ]
    integrality = np.concatenate(
        [np.ones(n_pairs), np.ones(n_applications), np.zeros(n_applications)]
    )
    upper = np.concatenate([np.ones(n_pairs), needed, expertise_needed])
    result = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros(n_variables), upper),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-9, "presolve": True},
    )
    if result.x is None:
        raise AssignmentError(f"the solver found no assignment: {result.message}")
    chosen = np.nonzero(result.x[:n_pairs] > 0.5)[0]
    pairs = [(int(apps[i]), int(reviewers[i])) for i in chosen]
    missing = np.rint(result.x[review_gap]).astype(int)
    deficit = result.x[expertise_gap]
    return Solution(
        pairs=pairs,
        total_affinity=float(weights[chosen].sum()),
        missing_reviews={int(a): int(missing[a]) for a in np.nonzero(missing)[0]},
        missing_expertise={int(a): float(deficit[a]) for a in np.nonzero(deficit > 1e-9)[0]},
        variables=n_variables,
    )
