"""The strictness model recovers known reviewer offsets from generated scores."""

import numpy as np
import pytest

from nairl.calls.matching.strictness import (
    Observation,
    fit_strictness,
    weighted_mean,
    weighted_total,
)


def generated(seed, n_apps=200, n_reviewers=30, per_app=3, noise=0.1):
    rng = np.random.default_rng(seed)
    merit = rng.normal(3.0, 0.8, n_apps)
    offset = rng.normal(0.0, 0.7, n_reviewers)
    offset -= offset.mean()
    observations = []
    for a in range(n_apps):
        for r in rng.choice(n_reviewers, per_app, replace=False):
            confidence = int(rng.integers(1, 6))
            # Less confident reviews are noisier, as the weights assume.
            score = merit[a] + offset[r] + rng.normal(0, noise / np.sqrt(confidence))
            observations.append(Observation(a, int(r), score, confidence))
    return merit, offset, observations


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_recovers_known_offsets_and_merits(seed):
    merit, offset, observations = generated(seed)
    fit = fit_strictness(observations, len(merit), len(offset))
    assert np.abs(fit.offset - offset).max() < 0.08
    assert np.abs(fit.merit - merit).max() < 0.2
    assert abs(fit.offset.sum()) < 1e-6


def test_normalised_ranking_undoes_a_harsh_reviewer():
    """Two equal applications, one reviewed by a harsh reviewer: the mean ranks it lower, the
    model puts them level."""
    observations = [
        Observation(0, 0, 4.0, 3),
        Observation(0, 1, 4.0, 3),
        Observation(1, 0, 4.0, 3),
        Observation(1, 2, 2.0, 3),  # reviewer 2 is two points harsh
        Observation(2, 2, 1.0, 3),
        Observation(2, 1, 3.0, 3),
        Observation(3, 2, 2.5, 3),
        Observation(3, 0, 4.5, 3),
    ]
    fit = fit_strictness(observations, 4, 3)
    assert fit.offset[2] < -0.8
    assert fit.merit[1] == pytest.approx(fit.merit[0], abs=0.35)


def test_applications_without_reviews_have_no_merit():
    fit = fit_strictness([Observation(0, 0, 3.0, 1)], 2, 1)
    assert np.isnan(fit.merit[1]) and fit.merit[0] == pytest.approx(3.0, abs=1e-3)


def test_weighted_total_and_mean():
    assert weighted_total({"1": 5, "2": 2}, {"1": 2.0, "2": 1.0}) == pytest.approx(4.0)
    assert weighted_mean([4, 2], [3, 1]) == pytest.approx(3.5)
