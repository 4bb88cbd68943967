"""CLI through main(argv), predictions, allocation, comparison, curves, no Django.

Figures: test_plots.py.
"""

import argparse
import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from nairl.scaling.cli import main
from nairl.scaling.core import (
    compare,
    compute_optimal,
    exponent,
    predict,
    serving_optimal,
    steeper_than_power_law,
)
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.laws import ChinchillaLaw, PowerLaw
from nairl.scaling.core.runs import Runs

from .conftest import POWER_TRUE

HOFFMANN = {"A": 477.8, "B": 2143.0, "E": 1.8172, "alpha": 0.3473, "beta": 0.3672}


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def power_csv(tmp_path, power_runs):
    path = tmp_path / "runs.csv"
    pd.DataFrame({"C": power_runs.c, "L": power_runs.value}).to_csv(path, index=False)
    return path


def test_cli_fit_json(power_csv):
    code, out, err = run_cli(
        "fit",
        str(power_csv),
        "--law",
        "power",
        "--columns",
        "c=C,loss=L",
        "--bootstrap",
        "30",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["law"] == "power" and data["converged"] and data["n_points"] == 30
    assert set(data["intervals"]) == {"A", "E", "alpha"}
    assert data["params"]["alpha"] == pytest.approx(POWER_TRUE["alpha"], rel=0.15)


def test_cli_fit_text_and_predict_warning(power_csv):
    code, out, _ = run_cli("fit", str(power_csv), "--law", "power", "--columns", "c=C,loss=L")
    assert code == 0 and "alpha" in out and "converged: yes" in out
    code, out, _ = run_cli(
        "predict", str(power_csv), "--law", "power", "--columns", "c=C,loss=L", "--c", "1e25"
    )
    assert code == 0 and "above the largest run" in out


def test_cli_optimal_from_params():
    params = ",".join(f"{k}={v}" for k, v in HOFFMANN.items())
    code, out, err = run_cli(
        "optimal",
        "--params",
        params,
        "--compute",
        "5.88e23",
        "--json",
        "--inference-tokens",
        "1e13",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["tokens_per_param"][0] == pytest.approx(17.9, abs=0.5)
    assert data["n_opt_exponent"] == pytest.approx(0.514, abs=0.002)
    assert data["serving"][0]["n"] < data["n_opt"][0]


def test_cli_compare(tmp_path, power_runs):
    base = tmp_path / "base.csv"
    method = tmp_path / "method.csv"
    pd.DataFrame({"C": power_runs.c, "L": power_runs.value}).to_csv(base, index=False)
    c = np.geomspace(1e19, 1e22, 6)
    faster = PowerLaw("c").evaluate(POWER_TRUE, c=4 * c)
    pd.DataFrame({"C": c, "L": faster}).to_csv(method, index=False)
    code, out, err = run_cli(
        "compare",
        "--law",
        "power",
        "--baseline",
        str(base),
        "--method",
        str(method),
        "--columns",
        "c=C,loss=L",
        "--bootstrap",
        "60",
        "--name",
        "X",
    )
    assert code == 0, err
    assert out.startswith("method X reaches the baseline's loss with")
    assert "method frontier: compute_shift (6 method runs, fewer than 9" in out
    assert out.count("k(C)=") == 9 and "diagnostic (not the estimate" in out
    code, out, _ = run_cli(
        "compare",
        "--law",
        "power",
        "--baseline",
        str(base),
        "--method",
        str(method),
        "--columns",
        "c=C,loss=L",
        "--bootstrap",
        "60",
        "--lang",
        "ko",
    )
    assert "적은 연산량" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fit", "missing.csv"], "file not found"),
        (["fit", "{csv}", "--columns", "c=Nope,loss=L", "--law", "power"], "column 'Nope'"),
        (["fit", "{csv}", "--law", "nosuch"], "unknown law 'nosuch'"),
        (["fit", "{csv}", "--columns", "c=C,loss=L"], "needs model parameters N"),
        (["optimal", "--compute", "1e21"], "give a runs file"),
        (["optimal", "--params", "A=1", "--compute", "1e21"], "missing B"),
    ],
)
def test_cli_errors_are_one_line_exit_2(argv, message, power_csv):
    argv = [a.replace("{csv}", str(power_csv)) for a in argv]
    code, out, err = run_cli(*argv)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_bad_rows_message(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("C,L\n1e20,2.5\n1e21,-1\n1e22,2.0\n1e23,1.9\n")
    code, _, err = run_cli("fit", str(path), "--law", "power", "--columns", "c=C,loss=L")
    assert code == 2 and "row 2, column 'L'" in err


def test_cli_usage_error_exit_2():
    assert run_cli("fit")[0] == 2


def test_cli_plot(power_csv, tmp_path):
    out_file = tmp_path / "fit.svg"
    code, out, err = run_cli(
        "plot",
        str(power_csv),
        "--law",
        "power",
        "--columns",
        "c=C,loss=L",
        "--out",
        str(out_file),
        "--lang",
        "ko",
    )
    assert code == 0, err
    assert out_file.read_bytes().lstrip().startswith(b"<?xml")


def test_prediction_intervals_and_warnings(power_runs):
    from nairl.scaling.core import bootstrap

    boot = bootstrap(PowerLaw("c"), power_runs, 60, seed=2)
    largest = power_runs.c.max()
    result = predict(boot, c=[largest / 10, largest * 12.3])
    assert (result.lower <= result.value).all() and (result.value <= result.upper).all()
    assert result.warnings == [
        f"compute {largest * 12.3:.3g} is 12.3× above the largest run "
        f"({largest:.3g}): extrapolation"
    ]
    (beyond,) = result.extrapolations  # the same, as numbers for other languages
    assert (beyond.quantity, beyond.above) == ("c", True)
    assert beyond.factor == pytest.approx(12.3) and beyond.limit == largest
    below = predict(boot, c=power_runs.c.min() / 4).extrapolations[0]
    assert not below.above and below.factor == pytest.approx(4.0)
    assert "below the smallest run" in below.text
    with pytest.raises(ScalingInputError, match="must be positive"):
        predict(boot, c=[-1.0])
    with pytest.raises(ScalingInputError, match="missing c"):
        predict(boot)


def test_allocation_matches_closed_form():
    law = ChinchillaLaw()
    p = HOFFMANN
    budgets = np.array([1e20, 5.88e23])
    allocation = compute_optimal((law, p), budgets)
    g = (p["alpha"] * p["A"] / (p["beta"] * p["B"])) ** (1 / (p["alpha"] + p["beta"]))
    expected = g * (budgets / 6) ** (p["beta"] / (p["alpha"] + p["beta"]))
    np.testing.assert_allclose(allocation.n, expected, rtol=1e-6)
    np.testing.assert_allclose(allocation.n * allocation.d * 6, budgets, rtol=1e-9)
    assert exponent((law, p)) == pytest.approx(p["beta"] / (p["alpha"] + p["beta"]), rel=1e-6)


def test_serving_allocation_trades_size_for_tokens():
    law = ChinchillaLaw()
    target = float(compute_optimal((law, HOFFMANN), 1e22).loss[0])
    none = serving_optimal((law, HOFFMANN), target, 0.0)
    heavy = serving_optimal((law, HOFFMANN), target, 1e13)
    assert none.n == pytest.approx(none.compute_optimal.n[0], rel=1e-3)
    assert heavy.n < none.n and heavy.d > none.d
    reached = law.evaluate(HOFFMANN, n=heavy.n, d=heavy.d)
    assert reached == pytest.approx(target, rel=1e-9)
    with pytest.raises(ScalingInputError, match="no model size reaches"):
        serving_optimal((law, HOFFMANN), 1.0, 0.0)
    with pytest.raises(ScalingInputError, match="does not separate N and D"):
        compute_optimal((PowerLaw("c"), POWER_TRUE), 1e21)


def test_compare_detects_multiplier_and_null(power_runs):
    law = PowerLaw("c")
    rng = np.random.default_rng(5)
    c = np.geomspace(1e19, 1e22, 8)
    noise = np.exp(0.005 * rng.standard_normal(8))
    better = Runs(value=law.evaluate(POWER_TRUE, c=3 * c) * noise, c=c)
    result = compare(power_runs, better, law, method="X", n_resamples=80, seed=1)
    assert result.beats_baseline and 2.2 < result.multiplier < 4.0
    assert result.interval[0] < 3 < result.interval[1] or abs(result.multiplier - 3) < 0.5
    assert result.verdict_en.startswith("method X reaches the baseline's loss with")
    same = Runs(value=law.evaluate(POWER_TRUE, c=c) * noise, c=c)
    null = compare(power_runs, same, law, n_resamples=80, seed=1, baseline=result.baseline)
    assert not null.beats_baseline and "not distinguishable" in null.verdict_en
    assert "구별되지 않습니다" in null.verdict_ko


def test_steeper_than_power_law():
    x = np.geomspace(1e3, 1e7, 16)
    power = 0.1 + 2.0 * x**-0.3
    assert not steeper_than_power_law(x, power).steeper
    fast = 0.05 + 0.5 * np.exp(-x / 2e6)
    test = steeper_than_power_law(x, fast)
    assert test.steeper and "faster than a power law" in test.verdict_en
    with pytest.raises(ScalingInputError, match="need at least"):
        steeper_than_power_law(x[:6], fast[:6])


def test_core_does_not_import_django():
    code = "import nairl.scaling.core, nairl.scaling.cli, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_fit_and_compare_share_their_defaults_and_help_shows_every_default(capsys):
    from nairl.scaling.cli import build_parser
    from nairl.scaling.core import DEFAULT_BOOTSTRAP, DEFAULT_LAW

    parser = build_parser()
    fit_args = parser.parse_args(["fit", "runs.csv"])
    compare_args = parser.parse_args(["compare", "--baseline", "b.csv", "--method", "m.csv"])
    for name in ("law", "bootstrap", "huber_delta", "level", "seed", "drop_highest_loss"):
        assert getattr(fit_args, name) == getattr(compare_args, name), name
    assert (fit_args.law, fit_args.bootstrap) == (DEFAULT_LAW, DEFAULT_BOOTSTRAP)
    for command in ("fit", "compare"):
        assert run_cli(command, "--help")[0] == 0
        usage = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
        assert f"(default: {DEFAULT_LAW})" in usage and f"(default: {DEFAULT_BOOTSTRAP})" in usage
        for option in parser._subparsers._group_actions[0].choices[command]._actions:
            if option.default not in (None, argparse.SUPPRESS) and option.help:
                assert f"(default: {option.default})" in usage, option.dest
