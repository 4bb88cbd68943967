"""A short version of every suite, end to end through isolated workers."""

import pytest

from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite

CHECKER = "tests.robotics.harness.checking_policies:make_policy"
LIMITS = Limits(step_timeout=30.0, episode_timeout=120.0)


@pytest.mark.parametrize("suite_name", ["control-mt10", "perception-mt10", "decision-mt10"])
def test_every_suite_shows_policies_the_right_observations(suite_name):
    suite = get_suite(suite_name).with_overrides(episodes=1, episode_length=2)
    report, episodes = evaluate(CHECKER, [suite], workers=2, limits=LIMITS)
    assert [e.error for e in episodes] == [None] * len(suite.tasks)
    assert {(e.task, e.seed) for e in episodes} == {(t.name, suite.seeds[0]) for t in suite.tasks}
    assert [c.capability for c in report.capabilities] == [suite.capability]
    assert report.suites[0]["hash"] == suite.hash


def test_expert_solves_short_control_suite():
    suite = get_suite("control-mt10").with_overrides(episodes=1, episode_length=150)
    report, _ = evaluate("expert", [suite], workers=2)
    assert report.capabilities[0].score.mean >= 0.9


def test_expert_follows_instructions_and_chains():
    suite = get_suite("decision-mt10").with_overrides(episodes=1)
    report, episodes = evaluate("expert", [suite], workers=2)
    chains = [e for e in episodes if e.task.startswith("chain/")]
    assert len(chains) == 5 and all("completed" in e.metrics for e in chains)
    assert report.capabilities[0].score.mean >= 0.8


def test_perception_suite_scores_pose_probe_and_perturbation_drops():
    tasks = ["pose-probe/push-v3", "colour/reach-v3", "lighting/reach-v3", "camera/reach-v3"]
    suite = get_suite("perception-mt10").with_overrides(episodes=2, episode_length=3, tasks=tasks)
    report, episodes = evaluate("random", [suite], workers=2)
    probes = [t for t in report.tasks if t.task.startswith("pose-probe/")]
    assert probes and all(t.metrics["position_error_m"]["mean"] > 0.05 for t in probes)
    (perception,) = report.capabilities
    assert {d.perturbation for d in perception.perturbation_drops} == {
        "colour",
        "lighting",
        "camera",
    }
    assert perception.score.mean == 0.0
    assert all(e.error is None for e in episodes)


def test_expert_refuses_hidden_state_as_a_recorded_failure():
    suite = get_suite("perception-mt10").with_overrides(episodes=1, tasks=["reach-v3"])
    _, episodes = evaluate("expert", [suite])
    assert "needs the full state" in episodes[0].error
