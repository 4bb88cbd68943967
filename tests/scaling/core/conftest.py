"""Shared fixtures: synthetic runs from known laws (no external data needed)."""

import pytest

from nairl.scaling.core.laws import ChinchillaLaw, PowerLaw
from nairl.scaling.core.synthetic import synthetic_runs

CHINCHILLA_TRUE = {"A": 400.0, "B": 1500.0, "E": 1.8, "alpha": 0.34, "beta": 0.36}
POWER_TRUE = {"A": 300.0, "E": 1.7, "alpha": 0.12}


@pytest.fixture(scope="session")
def chinchilla_runs():
    return synthetic_runs(ChinchillaLaw(), CHINCHILLA_TRUE, n_runs=60, noise=0.005, seed=3)


@pytest.fixture(scope="session")
def power_runs():
    return synthetic_runs(PowerLaw("c"), POWER_TRUE, n_runs=30, noise=0.005, seed=4)
