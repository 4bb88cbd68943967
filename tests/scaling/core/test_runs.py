import json

import numpy as np
import pandas as pd
import pytest

from nairl.scaling.core.errors import (
    DuplicateRunError,
    InvalidValueError,
    MissingColumnError,
    ScalingInputError,
)
from nairl.scaling.core.runs import load_runs, parse_column_mapping, runs_from_frame

MAPPING = {"n": "Model Size", "c": "Training FLOP", "loss": "loss"}


def frame(**overrides):
    data = {
        "Model Size": [1e8, 2e8, 4e8],
        "Training FLOP": [1e19, 2e19, 8e19],
        "loss": [3.0, 2.8, 2.5],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def test_tokens_derived_from_compute():
    runs = runs_from_frame(frame(), MAPPING)
    np.testing.assert_allclose(runs.d, runs.c / (6 * runs.n))
    assert runs.metric == "loss" and len(runs) == 3


def test_compute_defaults_to_6nd():
    runs = runs_from_frame(
        pd.DataFrame({"N": [1e8, 2e8], "D": [1e9, 3e9], "L": [3.0, 2.0]}),
        {"n": "N", "d": "D", "loss": "L"},
    )
    np.testing.assert_allclose(runs.c, 6 * runs.n * runs.d)


def test_error_metric_and_group_and_epochs():
    df = pd.DataFrame({"D": [1e3, 1e4], "err": [0.5, 0.3], "m": ["a", "b"], "ep": [2.0, 4.0]})
    runs = runs_from_frame(df, {"d": "D", "error": "err", "group": "m", "epochs": "ep"})
    assert runs.metric == "error" and runs.groups() == ["a", "b"]
    np.testing.assert_allclose(runs.unique_d, [500.0, 2500.0])
    assert len(runs.of_group("b")) == 1


def test_missing_column_named():
    with pytest.raises(MissingColumnError, match="column 'Model Size' .*not in the table"):
        runs_from_frame(frame().drop(columns="Model Size"), MAPPING)


def test_no_metric_column():
    with pytest.raises(MissingColumnError, match="no metric column"):
        runs_from_frame(frame(), {"n": "Model Size", "c": "Training FLOP"})


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (-1.0, "is not positive"),
        (0.0, "is not positive"),
        (np.inf, "is infinite"),
        (np.nan, "missing or not a number"),
        ("abc", "missing or not a number"),
    ],
)
def test_bad_values_name_row_and_column(value, why):
    df = frame(loss=[3.0, value, 2.5])
    with pytest.raises(InvalidValueError, match=f"row 2, column 'loss'.*{why}"):
        runs_from_frame(df, MAPPING)


def test_duplicates_rejected_with_rows():
    df = frame(**{"Model Size": [1e8, 1e8, 4e8], "Training FLOP": [1e19, 1e19, 8e19]})
    with pytest.raises(DuplicateRunError, match="rows 1, 2 describe the same run"):
        runs_from_frame(df, MAPPING)


def test_same_run_in_two_groups_is_not_a_duplicate():
    df = frame(
        **{"Model Size": [1e8, 1e8, 4e8], "Training FLOP": [1e19, 1e19, 8e19]}, g=["a", "b", "a"]
    )
    runs = runs_from_frame(df, {**MAPPING, "group": "g"})
    assert runs.groups() == ["a", "b"]


def test_unique_data_cannot_exceed_data():
    df = pd.DataFrame({"N": [1e8], "D": [1e9], "U": [2e9], "L": [3.0]})
    with pytest.raises(InvalidValueError, match="exceeds training data"):
        runs_from_frame(df, {"n": "N", "d": "D", "unique_d": "U", "loss": "L"})


def test_parse_mapping_and_errors():
    assert parse_column_mapping("n=Model Size, c=Training FLOP,loss=loss") == MAPPING
    with pytest.raises(ScalingInputError, match="not of the form"):
        parse_column_mapping("n")
    with pytest.raises(ScalingInputError, match="unknown column mapping key 'size'"):
        parse_column_mapping("size=N")


def test_load_csv_and_json(tmp_path):
    csv = tmp_path / "runs.csv"
    frame().to_csv(csv, index=False)
    assert len(load_runs(csv, "n=Model Size,c=Training FLOP,loss=loss")) == 3
    js = tmp_path / "runs.json"
    js.write_text(json.dumps({"runs": frame().to_dict(orient="records")}))
    assert len(load_runs(js, MAPPING)) == 3


def test_load_errors(tmp_path):
    with pytest.raises(ScalingInputError, match="file not found"):
        load_runs(tmp_path / "nope.csv")
    bad = tmp_path / "x.txt"
    bad.write_text("1")
    with pytest.raises(ScalingInputError, match="unsupported file type"):
        load_runs(bad)
    broken = tmp_path / "b.json"
    broken.write_text("{not json")
    with pytest.raises(ScalingInputError, match="cannot be read"):
        load_runs(broken)
    with pytest.raises(ScalingInputError, match="no rows"):
        runs_from_frame(pd.DataFrame({"loss": []}), {"loss": "loss"})


def test_guessed_mapping():
    df = pd.DataFrame({"params": [1e8, 2e8], "tokens": [1e9, 2e9], "Loss": [3.0, 2.0]})
    runs = load_runs(df)
    assert runs.has("n") and runs.has("d") and runs.has("c")


def test_drop_highest_and_law_inputs():
    runs = runs_from_frame(frame(), MAPPING)
    kept = runs.drop_highest(1)
    assert kept.value.max() == 2.8 and list(kept.rows) == [2, 3]
    with pytest.raises(ScalingInputError, match="none would be left"):
        runs.drop_highest(3)
    with pytest.raises(MissingColumnError, match="unique data"):
        runs.inputs(["unique_d"], "x")
