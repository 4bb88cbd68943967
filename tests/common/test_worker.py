"""The worker beside the web server: queued work runs outside the request, once, and work whose
worker died ends marked interrupted — proven by killing a real worker in the middle of a job."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection, transaction

from factories import make_user
from nairl.common.jobs import start_job
from nairl.common.models import JobStatus, TaskRecord
from nairl.common.roles import Role
from nairl.common.worker import recover, work
from nairl.robotics.models import Evaluation, RobotPolicy, Team
from nairl.scaling.models import Fit, Run, Study

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def queued_in_the_database(settings):
    settings.TASK_BACKEND = "database"


def fit_job(owner) -> Fit:
    study = Study.objects.create(owner=owner, title_en="Worker study")
    Run.objects.bulk_create(
        Run(study=study, c=float(c), loss=1.8 + 30 * float(c) ** -0.1)
        for c in (1e17, 1e18, 1e19, 1e20, 1e21, 1e22)
    )
    return Fit(study=study, law="power", variable="c", bootstrap=0)


def run_queue() -> int:
    return work(stop=threading.Event(), once=True)


def test_work_is_queued_with_the_change_that_asks_for_it():
    owner = make_user("queue-owner", Role.RESEARCHER)
    with pytest.raises(RuntimeError), transaction.atomic():
        start_job(fit_job(owner), by=owner)
        raise RuntimeError("the request failed after starting the fit")
    assert TaskRecord.objects.count() == 0 and Fit.objects.count() == 0
    fit = start_job(fit_job(owner), by=owner)
    record = TaskRecord.objects.get()
    assert record.path == "nairl.scaling.tasks.run_fit" and record.args == [fit.pk]
    assert record.job_id == fit.pk and fit.status == JobStatus.QUEUED


def test_the_worker_runs_queued_work_once():
    owner = make_user("queue-owner", Role.RESEARCHER)
    fit = start_job(fit_job(owner), by=owner)
    assert run_queue() == 1
    assert run_queue() == 0
    fit.refresh_from_db()
    record = TaskRecord.objects.get()
    assert fit.status == JobStatus.DONE and fit.result["law"] == "power"
    assert record.status == TaskRecord.Status.DONE and record.finished_at is not None


def test_a_task_that_raises_is_recorded_and_the_worker_goes_on():
    TaskRecord.objects.create(path="nairl.common.tasks.resolve", args=["os.system"])
    owner = make_user("queue-owner", Role.RESEARCHER)
    fit = start_job(fit_job(owner), by=owner)
    assert run_queue() == 2
    broken = TaskRecord.objects.get(path="nairl.common.tasks.resolve")
    assert broken.status == TaskRecord.Status.FAILED
    assert "Only the hub's own tasks can run" in broken.error
    fit.refresh_from_db()
    assert fit.status == JobStatus.DONE


def test_work_of_a_dead_worker_is_marked_interrupted_with_its_job():
    owner = make_user("queue-owner", Role.RESEARCHER)
    fit = start_job(fit_job(owner), by=owner)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    TaskRecord.objects.update(
        status=TaskRecord.Status.RUNNING, worker=f"{os.uname().nodename}:{dead.pid}"
    )
    Fit.objects.filter(pk=fit.pk).update(status=JobStatus.RUNNING)
    assert recover(stale_after=3600) == 1
    fit.refresh_from_db()
    assert fit.status == JobStatus.FAILED and fit.error.startswith("interrupted")
    assert TaskRecord.objects.get().status == TaskRecord.Status.FAILED


def database_url() -> str:
    """The test database, as the worker subprocess must find it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{settings['USER']}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def test_a_worker_killed_in_the_middle_of_an_evaluation_leaves_it_failed_with_the_reason():
    member = make_user("queue-member", Role.RESEARCHER)
    team = Team.objects.create(name_en="Worker team")
    team.members.add(member)
    policy = RobotPolicy.objects.create(
        team=team, name="random", kind=RobotPolicy.Kind.INSTALLED, installed="random"
    )
    evaluation = start_job(
        Evaluation(policy=policy, suite="control-mt10", episodes_per_task=200), by=member
    )
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NAIRL_TASK_BACKEND": "database",
        "NAIRL_TASK_HEARTBEAT_SECONDS": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "nairl.cli", "worker", "--poll", "0.2"],
        env=environment,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            evaluation.refresh_from_db()
            if evaluation.status == JobStatus.RUNNING:
                break
            time.sleep(0.5)
        assert evaluation.status == JobStatus.RUNNING, "the worker never started the evaluation"
        time.sleep(2)  # in the middle of its episodes
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    evaluation.refresh_from_db()
    assert evaluation.status == JobStatus.RUNNING  # nobody told it yet
    restarted = subprocess.run(
        [sys.executable, "-m", "nairl.cli", "worker", "--once"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restarted.returncode == 0, restarted.stderr
    evaluation.refresh_from_db()
    assert evaluation.status == JobStatus.FAILED
    assert evaluation.error.startswith("interrupted: the worker running it stopped")
    assert evaluation.finished_at is not None
