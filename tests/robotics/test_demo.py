"""`nairl demo` for robotics: real runs, queued for the worker (here run when the demo's
transaction commits, as the inline backend does), a trained baseline and a served remote
policy."""

import io
import re

import pytest

from nairl.common.models import TaskRecord
from nairl.robotics.demo import REMOTE, RUNS, TASKS, load
from nairl.robotics.models import Evaluation

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_trains_and_evaluates_the_baseline_and_a_remote_policy(
    tmp_path, settings, client_for, django_capture_on_commit_callbacks
):
    settings.ROBOTICS_BASELINE = tmp_path / "robotics" / "baseline-mt10.npz"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True) as tasks:
        load("small", out)
    assert len(tasks) == len(RUNS)
    assert out.getvalue() == (
        "robotics: team created, 4 public policies, 5 evaluation(s) queued for the worker"
    )
    assert settings.ROBOTICS_BASELINE.exists()
    evaluations = Evaluation.objects.select_related("policy")
    assert {(e.policy.name, e.suite, e.status) for e in evaluations} == {
        (name, suite, "done") for name, suite, *_ in RUNS
    }
    remote = evaluations.get(policy__name=REMOTE)
    assert remote.overall_mean == 1.0 and remote.failed_episodes == 0  # the expert, served
    assert evaluations.get(policy__name="baseline").failed_episodes == 0
    anonymous = client_for(None)
    for evaluation in evaluations:
        for url in (evaluation.get_absolute_url(), evaluation.policy.get_absolute_url()):
            body = anonymous.get(url).content.decode()
            assert not re.search(r"/(tmp|work|root|home|var)/|127\.0\.0\.1", body), url
    again = io.StringIO()
    load("small", again)  # idempotent: nothing trained or run twice
    assert again.getvalue() == (
        "robotics: team already there, 4 public policies, 0 evaluation(s) queued for the worker"
    )


def test_the_demo_queues_its_evaluations_for_the_worker(settings):
    """With the database queue (`make run`), loading the demo runs nothing: the worker does."""
    settings.TASK_BACKEND = "database"
    load("small", io.StringIO())
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"queued"}
    assert sorted(TaskRecord.objects.values_list("path", flat=True)) == sorted(
        TASKS.get(name, Evaluation.task) for name, *_ in RUNS
    )
    load("small", io.StringIO())  # queued ones are not queued again
    assert Evaluation.objects.count() == TaskRecord.objects.count() == len(RUNS)
