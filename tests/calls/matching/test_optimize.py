"""The assignment optimiser: never a conflict or a load past its cap, and the optimum of a
brute-force search on small instances."""

import itertools

import numpy as np
import pytest

from nairl.calls.matching.optimize import AssignmentError, Problem, assign


def brute_force(problem: Problem) -> float | None:
    """The best total affinity over every assignment meeting all constraints (None: none)."""
    n_apps, n_reviewers = problem.affinity.shape
    k = problem.reviews_per_application
    choices = [
        [
            combo
            for combo in itertools.combinations(range(n_reviewers), k)
            if all(problem.allowed[a, r] for r in combo)
        ]
        for a in range(n_apps)
    ]
    best = None
    for picks in itertools.product(*choices):
        load = np.zeros(n_reviewers)
        for combo in picks:
            load[list(combo)] += 1
        if (load > problem.capacity).any():
            continue
        totals = [problem.affinity[a, list(combo)].sum() for a, combo in enumerate(picks)]
        if min(totals) < problem.min_expertise - 1e-9:
            continue
        total = sum(totals)
        best = total if best is None or total > best else best
    return best


def random_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    n_apps, n_reviewers = rng.integers(2, 5), rng.integers(3, 6)
    return Problem(
        affinity=np.round(rng.random((n_apps, n_reviewers)), 3),
        allowed=rng.random((n_apps, n_reviewers)) > 0.2,
        reviews_per_application=int(rng.integers(1, 3)),
        capacity=rng.integers(1, 4, n_reviewers),
        min_expertise=float(rng.choice([0.0, 0.6, 1.0])),
    )


def respects(problem: Problem, pairs) -> None:
    load = np.zeros(problem.affinity.shape[1])
    for a, r in pairs:
        assert problem.allowed[a, r], f"conflicted pair {(a, r)} assigned"
        load[r] += 1
    assert (load <= problem.capacity).all(), "a reviewer is past their load"
    assert len(set(pairs)) == len(pairs)


@pytest.mark.parametrize("seed", range(40))
def test_reaches_the_brute_force_optimum_on_small_instances(seed):
    problem = random_problem(seed)
    solution = assign(problem)
    respects(problem, solution.pairs)
    best = brute_force(problem)
    if best is None:
        assert solution.missing_reviews or solution.missing_expertise
    else:
        assert not solution.missing_reviews and not solution.missing_expertise
        assert solution.total_affinity == pytest.approx(best, abs=1e-6)


def test_large_instance_keeps_every_conflict_and_cap():
    rng = np.random.default_rng(7)
    problem = Problem(
        affinity=rng.random((300, 40)),
        allowed=rng.random((300, 40)) > 0.1,
        reviews_per_application=3,
        capacity=np.full(40, 25),
        min_expertise=0.5,
    )
    solution = assign(problem, candidates=15)
    respects(problem, solution.pairs)
    per_application = np.bincount([a for a, _r in solution.pairs], minlength=300)
    assert (per_application == 3).all() and not solution.missing_reviews


def test_existing_assignments_count_towards_coverage_and_load():
    problem = Problem(
        affinity=np.array([[0.9, 0.8, 0.1], [0.9, 0.2, 0.3]]),
        allowed=np.ones((2, 3), dtype=bool),
        reviews_per_application=2,
        capacity=np.array([1, 2, 2]),
        existing=[(0, 0)],
    )
    solution = assign(problem)
    assert (0, 0) not in solution.pairs and (1, 0) not in solution.pairs  # reviewer 0 is full
    assert sorted(solution.pairs) == [(0, 1), (1, 1), (1, 2)]


def test_says_which_applications_could_not_be_served():
    problem = Problem(
        affinity=np.array([[0.5, 0.5], [0.5, 0.5]]),
        allowed=np.array([[True, True], [False, False]]),  # nobody may review application 1
        reviews_per_application=2,
        capacity=np.array([5, 5]),
    )
    solution = assign(problem)
    assert solution.missing_reviews == {1: 2}
    assert sorted(solution.pairs) == [(0, 0), (0, 1)]


def test_unreachable_expertise_is_reported_not_failed():
    problem = Problem(
        affinity=np.array([[0.1, 0.2]]),
        allowed=np.ones((1, 2), dtype=bool),
        reviews_per_application=1,
        capacity=np.array([1, 1]),
        min_expertise=0.5,
    )
    solution = assign(problem)
    assert solution.pairs == [(0, 1)]
    assert solution.missing_expertise == {0: pytest.approx(0.3)}


def test_malformed_problems_are_refused():
    with pytest.raises(AssignmentError):
        assign(Problem(np.zeros((2, 2)), np.ones((2, 3), dtype=bool), 1, np.ones(2)))
    with pytest.raises(AssignmentError):
        assign(
            Problem(
                np.zeros((1, 1)), np.zeros((1, 1), dtype=bool), 1, np.ones(1), existing=[(0, 0)]
            )
        )
