import subprocess
import sys

import pytest

from nairl.robotics.harness.envs import HELD_OUT_SEED_BASE, MT10_TASKS, TaskEnv, variation_seed
from nairl.robotics.harness.suites import (
    CAPABILITIES,
    UnknownSuiteError,
    get_suite,
    list_suites,
    resolve_suites,
)


def test_registry_covers_every_capability_with_full_descriptions():
    suites = list_suites()
    assert {s.capability for s in suites} == set(CAPABILITIES)
    for suite in suites:
        summary = suite.summary()
        assert summary["description"] and summary["tasks"] and summary["episodes_per_task"] == 50
        assert all(seed >= HELD_OUT_SEED_BASE for seed in suite.seeds)
    assert [t.name for t in get_suite("control-mt10").tasks] == list(MT10_TASKS)


def test_suite_hash_is_stable_across_processes():
    here = {s.name: s.hash for s in list_suites()}
    code = (
        "from nairl.robotics.harness.suites import list_suites;"
        "print(dict((s.name, s.hash) for s in list_suites()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert eval(out.stdout) == here
    assert len(set(here.values())) == len(here)


def test_overrides_change_the_hash_and_the_canonical_definition_does_not():
    suite = get_suite("control-mt10")
    assert suite.with_overrides().hash == suite.hash
    assert suite.with_overrides(episodes=3).hash != suite.hash
    assert suite.with_overrides(episode_length=20).hash != suite.hash
    short = suite.with_overrides(episodes=3, seed=7, tasks=["push-v3"])
    assert short.seeds == (7, 8, 9) and [t.name for t in short.tasks] == ["push-v3"]


def test_perturbed_task_subset_keeps_its_unperturbed_counterpart():
    suite = get_suite("perception-mt10").with_overrides(tasks=["colour/push-v3"])
    assert [t.name for t in suite.tasks] == ["colour/push-v3", "push-v3"]


def test_unknown_suite_and_task_are_clear_errors():
    with pytest.raises(UnknownSuiteError, match="unknown suite 'nope'; known suites: control-mt10"):
        get_suite("nope")
    with pytest.raises(KeyError, match="no task"):
        get_suite("control-mt10").with_overrides(tasks=["fly-v3"])
    assert len(resolve_suites("all")) == len(list_suites())
    assert [s.name for s in resolve_suites("control-mt10, decision-mt10")] == [
        "control-mt10",
        "decision-mt10",
    ]


def test_variations_are_seeded_and_held_out_from_training_seeds():
    env = TaskEnv("push-v3")
    env.reset(variation_seed(HELD_OUT_SEED_BASE))
    first = env.env._last_rand_vec.copy()
    env.reset(variation_seed(HELD_OUT_SEED_BASE + 1))
    assert (env.env._last_rand_vec != first).any()
    env.reset(variation_seed(HELD_OUT_SEED_BASE))
    assert (env.env._last_rand_vec == first).all()
    training = {variation_seed(s, link) for s in range(HELD_OUT_SEED_BASE) for link in range(16)}
    assert variation_seed(HELD_OUT_SEED_BASE) not in training
