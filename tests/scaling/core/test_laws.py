"""Every law: analytic Jacobian against finite differences, evaluation and parameter round trips."""

import numpy as np
import pytest

from nairl.scaling.core.curve_laws import M4
from nairl.scaling.core.errors import ScalingInputError, UnknownLawError
from nairl.scaling.core.registry import LAW_NAMES, get_law

RNG = np.random.default_rng(0)
INPUTS = {
    "n": np.exp(RNG.uniform(np.log(1e7), np.log(1e10), 12)),
    "d": np.exp(RNG.uniform(np.log(1e9), np.log(1e12), 12)),
    "c": np.exp(RNG.uniform(np.log(1e18), np.log(1e23), 12)),
}
INPUTS["unique_d"] = INPUTS["d"] / RNG.uniform(1, 8, 12)
INPUTS["unique_n"] = INPUTS["n"]
CURVE_X = {"d": np.exp(np.linspace(np.log(1e4), np.log(1e8), 12))}


def law_inputs(law):
    return CURVE_X if law.inputs == ("d",) else {k: INPUTS[k] for k in law.inputs}


def sample_theta(law, x, log_y):
    starts = law.starts(x, log_y)
    lower, upper = law.bounds(x, log_y)
    theta = np.clip(starts[len(starts) // 3], lower, upper)
    # keep strictly inside the box so that finite differences stay valid
    span = np.where(np.isfinite(upper - lower), upper - lower, 1.0)
    return np.clip(theta, lower + 0.1 * span, upper - 0.1 * span)


@pytest.mark.parametrize("name", LAW_NAMES)
@pytest.mark.parametrize("which", ["log_predict", "residuals"])
def test_jacobian_matches_finite_differences(name, which):
    law = get_law(name)
    x = law.features(law_inputs(law))
    log_y = np.log(np.linspace(0.9, 0.4, len(next(iter(x.values())))))
    theta = sample_theta(law, x, log_y)[None, :]

    def value(t):
        if which == "log_predict":
            return law.log_predict(t, x)[0]
        return law.residuals(t, x, log_y)[0]

    jac = (
        law.log_predict(theta, x)[1]
        if which == "log_predict"
        else law.residuals(theta, x, log_y)[1]
    )
    for k in range(theta.shape[1]):
        step = np.zeros_like(theta)
        step[0, k] = 1e-6 * max(1.0, abs(theta[0, k]))
        numeric = (value(theta + step) - value(theta - step)) / (2 * step[0, k])
        analytic = np.broadcast_to(jac[k], numeric.shape)
        np.testing.assert_allclose(
            analytic, numeric, rtol=2e-4, atol=1e-7, err_msg=f"{name} d/d{law.param_names[k]}"
        )


@pytest.mark.parametrize("name", LAW_NAMES)
def test_params_round_trip_and_min_points(name):
    law = get_law(name)
    x = law.features(law_inputs(law))
    theta = law.starts(x, np.log(np.full(len(next(iter(x.values()))), 0.5)))[0]
    np.testing.assert_allclose(law.to_theta(law.to_params(theta)), theta)
    assert law.min_points == len(law.param_names) + 1


def test_chinchilla_evaluate_matches_formula():
    law = get_law("chinchilla")
    p = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
    n, d = 7e10, 1.4e12
    expected = 1.69 + 406.4 / n**0.34 + 410.7 / d**0.28
    assert law.evaluate(p, n=n, d=d) == pytest.approx(expected, rel=1e-12)


def test_kaplan_and_data_constrained_formulas():
    kaplan = get_law("kaplan")
    p = {"Nc": 8.8e13, "Dc": 5.4e13, "alpha_N": 0.076, "alpha_D": 0.095}
    n, d = 1e9, 1e10
    expected = ((8.8e13 / n) ** (0.076 / 0.095) + 5.4e13 / d) ** 0.095
    assert kaplan.evaluate(p, n=n, d=d) == pytest.approx(expected, rel=1e-12)
    dc = get_law("data_constrained")
    q = {"A": 400, "B": 1500, "E": 1.8, "alpha": 0.34, "beta": 0.36, "R_N": 5.3, "R_D": 15.4}
    u, epochs = 1e10, 4.0
    d_eff = u + u * 15.4 * (1 - np.exp(-(epochs - 1) / 15.4))
    expected = 1.8 + 400 / n**0.34 + 1500 / d_eff**0.36
    got = dc.evaluate(q, n=n, d=u * epochs, unique_d=u, unique_n=n)
    assert got == pytest.approx(expected, rel=1e-12)
    # without repetition the law is Chinchilla's
    chin = get_law("chinchilla").evaluate(
        {k: q[k] for k in ("A", "B", "E", "alpha", "beta")}, n=n, d=u
    )
    assert dc.evaluate(q, n=n, d=u) == pytest.approx(chin, rel=1e-12)


def test_m4_solves_its_implicit_equation():
    law = M4("d")
    p = {"b": 3.0, "c": -0.3, "a": 0.7, "e_inf": 0.1, "e_0": 0.95}
    x = np.logspace(2, 9, 30)
    e = law.evaluate(p, d=x)
    lhs = (e - 0.1) / (0.95 - e) ** 0.7
    np.testing.assert_allclose(lhs, 3.0 * x**-0.3, rtol=1e-9)
    assert np.all(np.diff(e) < 0) and np.all((e > 0.1) & (e < 0.95))


def test_broken_law_formula():
    law = get_law("bnsl1")
    p = {"a": 0.1, "b": 2.0, "c0": 0.2, "c1": 0.5, "d1": 1e6, "f1": 0.5}
    x = np.array([1e4, 1e6, 1e8])
    expected = 0.1 + 2.0 * x**-0.2 * (1 + (x / 1e6) ** (1 / 0.5)) ** (-0.5 * 0.5)
    np.testing.assert_allclose(law.evaluate(p, d=x), expected, rtol=1e-12)


def test_unknown_law_and_bad_params():
    with pytest.raises(UnknownLawError, match="unknown law 'foo'"):
        get_law("foo")
    with pytest.raises(UnknownLawError, match="takes no variable"):
        get_law("chinchilla", variable="c")
    with pytest.raises(ScalingInputError, match="missing beta"):
        get_law("chinchilla").evaluate({"A": 1, "B": 1, "E": 1, "alpha": 1}, n=1, d=1)
