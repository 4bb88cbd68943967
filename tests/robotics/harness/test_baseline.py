import numpy as np
import pytest

from nairl.robotics.harness.baseline import MLP, load, make_policy, train_baseline
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 5)).astype(np.float32)
    y = rng.uniform(-0.5, 0.5, size=(6, 2)).astype(np.float32)
    model = MLP.initialise(x, [5, 7, 2], rng)
    model.weights = [w.astype(np.float64) for w in model.weights]
    _, grads = model.gradients(x, y)
    for index, position in ((0, (1, 3)), (1, (2,)), (2, (4, 1)), (3, (0,))):
        weight = model.weights[index]
        weight[position] += 1e-6
        up, _ = model.gradients(x, y)
        weight[position] -= 2e-6
        down, _ = model.gradients(x, y)
        weight[position] += 1e-6
        assert (up - down) / 2e-6 == pytest.approx(grads[index][position], rel=1e-4, abs=1e-8)


def test_tiny_training_saves_a_loadable_policy_that_acts_in_bounds(tmp_path):
    path = tmp_path / "tiny.npz"
    summary = train_baseline(demos=10, epochs=3, out=path, hidden=32)
    assert path.exists() and summary.samples > 100 and summary.demos == 10
    model = load(path)
    assert model(np.zeros((1, 49), dtype=np.float32)).shape == (1, 4)
    suite = get_suite("decision-mt10").with_overrides(
        episodes=1, episode_length=5, tasks=["reach-v3"]
    )
    _, episodes = evaluate(f"baseline:{path}", [suite])
    assert episodes[0].error is None and episodes[0].steps == 5


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="train-baseline"):
        make_policy(str(tmp_path / "absent.npz"))


def test_training_seeds_must_stay_out_of_the_held_out_range():
    with pytest.raises(ValueError, match="held-out"):
        train_baseline(demos=10, seed=9_995)
