"""`nairl robotics ...` is the harness CLI (same output, one-line errors, exit 2) plus hub tasks."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from nairl.robotics.models import Evaluation

from .helpers import make_policy, make_team


def nairl(*args):
    return subprocess.run(
        [sys.executable, "-m", "nairl.cli", "robotics", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def harness_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "nairl.robotics.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_suites_lists_the_harness_suites_as_json(capsys):
    call_command("robotics", "suites", "--json")
    suites = json.loads(capsys.readouterr().out)
    assert {s["name"] for s in suites} >= {"control-mt10", "perception-mt10", "decision-mt10"}


def test_eval_and_errors_behave_like_the_harness_cli():
    done = nairl(
        "eval",
        "--policy",
        "random",
        "--suite",
        "control-mt10",
        "--episodes",
        "1",
        "--episode-length",
        "5",
        "--tasks",
        "reach-v3",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["episodes"] == 1 and report["tasks"][0]["task"] == "reach-v3"

    for args in (
        ("eval", "--policy", "random", "--suite", "nope", "--episodes", "1"),
        ("eval", "--policy", "no-such-policy", "--suite", "control-mt10"),
        ("eval", "--policy", "random", "--suite", "control-mt10", "--tasks", "fly-v1"),
    ):
        ours, theirs = nairl(*args), harness_cli(*args)
        assert ours.returncode == theirs.returncode == 2
        assert ours.stderr == theirs.stderr and len(ours.stderr.strip().splitlines()) == 1
        assert ours.stderr.startswith("error: ") and ours.stdout == theirs.stdout == ""
    usage = nairl("eval", "--suite", "control-mt10")
    assert usage.returncode == 2 and "--policy" in usage.stderr


@pytest.mark.django_db
def test_run_evaluation_runs_a_queued_evaluation(capsys):
    policy = make_policy(make_team(), server_url="ws://127.0.0.1:9")  # nothing listens there
    evaluation = Evaluation.objects.create(
        policy=policy, suite="control-mt10", episodes_per_task=1, episode_length=5
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("robotics", "run-evaluation", str(evaluation.pk))
    assert exit_.value.code == 1
    assert "failed — The policy could not be loaded: cannot connect" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is failed, not queued"):
        call_command("robotics", "run-evaluation", str(evaluation.pk))
    with pytest.raises(CommandError, match="no evaluation 999999"):
        call_command("robotics", "run-evaluation", "999999")
