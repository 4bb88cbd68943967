"""`nairl scaling steepness`: one learning curve, or a method's against a baseline's; JSON and
text output; bad input is one line on stderr and exit status 2. Generated data only."""

import io
import json

import numpy as np
import pandas as pd
import pytest

from nairl.scaling.cli import EXIT_INPUT_ERROR, main

SIZES = np.geomspace(1e3, 1e7, 12)


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def write(path, sizes, errors):
    # rows in no particular order: a table is not a curve until sorted by size
    order = np.random.default_rng(0).permutation(len(sizes))
    pd.DataFrame(
        {"Seen Examples": np.asarray(sizes)[order], "Error": np.asarray(errors)[order]}
    ).to_csv(path, index=False)
    return path


@pytest.fixture
def baseline_csv(tmp_path):
    return write(tmp_path / "baseline.csv", SIZES, 0.1 + 2.0 * SIZES**-0.3)


@pytest.fixture
def method_csv(tmp_path):
    return write(tmp_path / "method.csv", SIZES, 0.05 + 0.5 * np.exp(-SIZES / 1e5))


COLUMNS = ("--columns", "d=Seen Examples,error=Error")


def test_one_curve_text_and_json(method_csv):
    code, out, err = run_cli("steepness", method_csv, *COLUMNS)
    assert code == 0, err
    assert out.startswith(
        "the curve falls faster than a power law (held-out log-RMSE on its 3 largest sizes"
    )
    code, out, _ = run_cli("steepness", method_csv, *COLUMNS, "--holdout", "4", "--json")
    data = json.loads(out)
    assert code == 0 and data["steeper"] and data["holdout"] == 4 and data["margin"] == 0.12
    assert data["form"] == "exponential" and set(data["errors"]) == {
        "power",
        "exponential",
        "broken",
    }


def test_method_against_baseline_json_and_korean(baseline_csv, method_csv):
    code, out, err = run_cli(
        "steepness",
        baseline_csv,
        "--method-file",
        method_csv,
        *COLUMNS,
        "--name",
        "pruned",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["method_steeper"] and not data["baseline_steeper"]
    assert data["method"]["name"] == "pruned" and data["metric"] == "error"
    assert data["method"]["sizes"] == sorted(data["method"]["sizes"])
    assert [row["size"] for row in data["predictions"]] == pytest.approx([1e7, 1e8, 1e9])
    assert all(row["ratio"] < 1 for row in data["predictions"])
    code, out, _ = run_cli(
        "steepness",
        baseline_csv,
        "--method-file",
        method_csv,
        *COLUMNS,
        "--name",
        "pruned",
        "--lang",
        "ko",
    )
    assert code == 0 and out.startswith("pruned의 학습 곡선은 거듭제곱 법칙보다 빠르게 감소하지만")


def test_bad_input_is_one_line_and_status_2(tmp_path, baseline_csv):
    few = write(tmp_path / "few.csv", SIZES[:6], 0.1 + SIZES[:6] ** -0.3)
    twice = write(tmp_path / "twice.csv", np.r_[SIZES[:11], SIZES[5]], np.linspace(1, 0.1, 12))
    negative = write(tmp_path / "negative.csv", SIZES, np.r_[np.ones(11), -0.5])
    sized = tmp_path / "sized.csv"  # two model sizes trained on the same data: two runs, one D
    frame = pd.read_csv(twice)
    frame.assign(N=np.where(frame.duplicated("Seen Examples"), 2e6, 1e6)).to_csv(sized, index=False)
    cases = [
        ((few, *COLUMNS), "need at least 8 points to hold out 3; got 6"),
        ((baseline_csv, "--method-file", twice, *COLUMNS), "describe the same run (d=65793.3)"),
        (
            (sized, "--columns", "d=Seen Examples,error=Error,n=N"),
            "have the same data size D=65793.3; a learning curve needs one value per size",
        ),
        ((negative, *COLUMNS), "column 'Error' (metric value): value -0.5 is not positive"),
        ((baseline_csv, "--columns", "c=Seen Examples,error=Error"), "have no data size D"),
        ((baseline_csv, *COLUMNS, "--holdout", "0"), "hold out at least one point"),
        ((tmp_path / "missing.csv", *COLUMNS), "file not found"),
    ]
    for argv, message in cases:
        code, out, err = run_cli("steepness", *argv)
        assert code == EXIT_INPUT_ERROR and out == "", argv
        assert err.startswith("error: ") and err.count("\n") == 1 and message in err, err
