from pathlib import Path

import numpy as np
import pytest

from nairl.robotics.harness.baseline import default_path
from nairl.robotics.harness.language import (
    PHRASES,
    grounding_accuracy,
    instruction_for,
    instructions,
)
from nairl.robotics.harness.policies import (
    ActionSpec,
    PolicyLoadError,
    PolicySpec,
    RemotePolicySpec,
    spec_from_dict,
)


@pytest.mark.parametrize(
    ("action", "problem"),
    [
        (np.zeros(4), None),
        ([0.5, -1, 1, 0], None),
        (np.array([np.nan, 0, 0, 0]), "NaN"),
        (np.array([np.inf, 0, 0, 0]), "NaN or infinity"),
        (np.zeros(3), "shape (3,)"),
        (np.zeros((1, 4)), "shape (1, 4)"),
        (np.array([1.01, 0, 0, 0]), "outside bounds"),
        ("left", "not a numeric array"),
        (None, "shape ()"),
        ({"x": 1}, "not a numeric array"),
    ],
)
def test_action_validation(action, problem):
    result = ActionSpec((4,), -1.0, 1.0).violation(action)
    assert result is None if problem is None else problem in result


def test_policy_names_parse():
    assert PolicySpec.parse("random").entry_point.endswith("reference:make_random_policy")
    assert PolicySpec.parse("baseline").files == {"path": str(default_path())}
    spec = PolicySpec.parse("baseline:model.npz")
    assert spec.files == {"path": str(Path("model.npz").resolve())} and spec.kwargs == {}
    assert PolicySpec.parse("pkg.mod:make").entry_point == "pkg.mod:make"
    remote = PolicySpec.parse("wss://gpu.lab.example:8000/pi0")
    assert remote == RemotePolicySpec("wss://gpu.lab.example:8000/pi0", allow_loopback=True)
    for crossing in (spec, remote):  # specs cross pipes and queues as plain data
        assert spec_from_dict(crossing.to_dict()) == crossing
    for bad in ("", "pkg.mod", ":make", "expertise"):
        with pytest.raises(PolicyLoadError):
            PolicySpec.parse(bad)


def test_training_and_evaluation_phrasings_are_disjoint():
    for task in PHRASES:
        assert not set(instructions(task, True)) & set(instructions(task, False))
    assert instruction_for("reach-v3", 3) in instructions("reach-v3", True)


def test_reference_grounding_generalises_to_held_out_phrasings():
    assert grounding_accuracy(held_out=False) == 1.0
    assert grounding_accuracy(held_out=True) >= 0.9
