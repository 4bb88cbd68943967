import io
import json

import pytest

from nairl.robotics.harness.results import EpisodeResult, aggregate, read_jsonl, write_jsonl
from nairl.robotics.harness.suites import get_suite


def episodes(suite, task, successes, n, **fields):
    return [
        EpisodeResult(
            suite, task, seed, success=seed < successes, score=float(seed < successes), **fields
        )
        for seed in range(n)
    ]


@pytest.fixture
def report():
    control = get_suite("control-mt10").with_overrides(tasks=["reach-v3", "push-v3"])
    perception = get_suite("perception-mt10").with_overrides(
        tasks=["pose-probe/push-v3", "colour/push-v3"]
    )
    records = (
        episodes("control-mt10", "reach-v3", 9, 10)
        + episodes("control-mt10", "push-v3", 5, 10)
        + episodes("perception-mt10", "push-v3", 8, 10)
        + episodes("perception-mt10", "colour/push-v3", 2, 10)
        + [
            EpisodeResult(
                "perception-mt10", "pose-probe/push-v3", s, metrics={"position_error_m": 0.1}
            )
            for s in range(4)
        ]
    )
    records[1].error = "policy raised in act(): ValueError: x"
    return aggregate("test", [control, perception], records, 1.0, {"mujoco": "3.3.0"})


def test_per_task_success_with_wilson_interval(report):
    reach = next(t for t in report.tasks if t.task == "reach-v3")
    assert (reach.episodes, reach.successes, reach.failed_episodes) == (10, 9, 1)
    assert (
        reach.success.mean == 0.9 and 0.59 < reach.success.low < 0.6 and reach.success.high > 0.98
    )
    probe = next(t for t in report.tasks if t.task == "pose-probe/push-v3")
    assert probe.metrics["position_error_m"]["mean"] == pytest.approx(0.1)


def test_capability_macro_average_excludes_perturbed_tasks(report):
    by_name = {c.capability: c for c in report.capabilities}
    assert by_name["control"].score.mean == pytest.approx(0.7)
    assert by_name["perception"].tasks == 2  # push-v3 and the pose probe, not colour/push-v3
    assert by_name["perception"].score.mean == pytest.approx(0.4)
    assert report.overall.mean == pytest.approx(0.55)
    assert report.overall.low < 0.55 < report.overall.high


def test_perturbation_drop_is_unperturbed_minus_perturbed(report):
    (drop,) = next(
        c for c in report.capabilities if c.capability == "perception"
    ).perturbation_drops
    assert drop.perturbation == "colour"
    assert drop.drop == pytest.approx(0.6)
    assert 0 < drop.low < 0.6 < drop.high


def test_report_json_has_hash_versions_and_intervals(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert (
        data["suites"][0]["hash"]
        == get_suite("control-mt10").with_overrides(tasks=["reach-v3", "push-v3"]).hash
    )
    assert data["versions"] == {"mujoco": "3.3.0"}
    assert set(data["tasks"][0]["success"]) == {"mean", "low", "high", "n"}
    perception = next(c for c in data["capabilities"] if c["capability"] == "perception")
    assert perception["perturbation_drops"][0]["perturbation"] == "colour"
    assert data["episodes"] == 44 and data["failed_episodes"] == 1


def test_episode_json_lines_round_trip(tmp_path):
    original = [
        EpisodeResult("s", "t", 3, success=True, score=1.0, steps=7, return_=2.5, duration=0.1),
        EpisodeResult("s", "t", 4, error="step timeout: act() took over 5 s"),
    ]
    stream = io.StringIO()
    write_jsonl(original, stream)
    first = json.loads(stream.getvalue().splitlines()[0])
    assert {"task", "seed", "success", "steps", "return", "error", "duration"} <= set(first)
    path = tmp_path / "episodes.jsonl"
    path.write_text(stream.getvalue())
    assert read_jsonl(path) == original
