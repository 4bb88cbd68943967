"""Queueing runs a REAL short harness evaluation after commit and stores what it reports."""

import pytest
from django.urls import reverse

from nairl.common.roles import Role
from nairl.robotics.domain.evaluations import run_evaluation
from nairl.robotics.harness.episodes import Limits
from nairl.robotics.models import Evaluation
from nairl.robotics.views import EvaluationForm  # noqa: F401 - the page's form imports cleanly

from ..helpers import make_policy, make_team

pytestmark = pytest.mark.django_db

SHORT = {
    "suite": "control-mt10",
    "episodes_per_task": 2,
    "episode_length": 30,
    "task_names": "reach-v3",
    "workers": 2,
    "seed": "",
}


@pytest.fixture
def member(role_users):
    return role_users[Role.RESEARCHER]


def queue(client_for, user, policy, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(user).post(
            reverse("robotics:evaluation-create", args=[policy.pk]), {**SHORT, **changes}
        )
    return response, callbacks


def test_queued_evaluation_runs_after_commit_and_stores_results(
    member, client_for, django_capture_on_commit_callbacks
):
    policy = make_policy(make_team(member), installed="random")
    response, callbacks = queue(client_for, member, policy, django_capture_on_commit_callbacks)
    assert len(callbacks) == 1
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == evaluation.get_absolute_url()
    assert evaluation.status == Evaluation.Status.DONE, evaluation.error
    assert evaluation.created_by == member
    assert evaluation.episodes_total == 2 and evaluation.failed_episodes == 0
    assert len(evaluation.suite_hash) == 16
    assert evaluation.versions["mujoco"] and evaluation.versions["metaworld"]
    assert 0 <= evaluation.overall_low <= evaluation.overall_mean <= evaluation.overall_high <= 1
    assert evaluation.started_at <= evaluation.finished_at
    [task] = evaluation.task_results.all()
    assert (task.task, task.episodes, task.capability) == ("reach-v3", 2, "control")
    assert task.success_low <= task.success_mean <= task.success_high
    [score] = evaluation.capability_scores.all()
    assert score.capability == "control" and score.suite_hash == evaluation.suite_hash
    assert evaluation.report["tasks"][0]["task"] == "reach-v3"
    page = client_for(member).get(evaluation.get_absolute_url())
    assert page.status_code == 200 and b"<svg" in page.content and b"reach-v3" in page.content


def test_unreachable_policy_server_stores_a_failed_evaluation_with_a_clear_message(
    member, client_for, django_capture_on_commit_callbacks
):
    policy = make_policy(make_team(member), server_url="ws://127.0.0.1:9")  # nothing listens
    queue(client_for, member, policy, django_capture_on_commit_callbacks)
    evaluation = Evaluation.objects.get()
    assert evaluation.status == Evaluation.Status.FAILED
    assert evaluation.error.startswith(
        "The policy could not be loaded: cannot connect to the policy server: [Errno 111]"
    )
    assert evaluation.finished_at is not None and not evaluation.task_results.exists()
    page = client_for(member).get(evaluation.get_absolute_url())
    assert b"could not be loaded" in page.content


def test_a_policy_taken_off_the_allow_list_no_longer_runs(settings):
    settings.ROBOTICS_INSTALLED_POLICIES = {"lab": "tests.robotics.policy_fixtures:make_lab"}
    policy = make_policy(make_team(), installed="lab")
    settings.ROBOTICS_INSTALLED_POLICIES = {}
    evaluation = Evaluation.objects.create(policy=policy, suite="control-mt10", tasks=["reach-v3"])
    run_evaluation(evaluation.pk)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.FAILED
    assert evaluation.error.startswith("The installed policy 'lab' is not on this hub's list")


def test_an_administrators_installed_policy_runs_and_its_failure_is_stored(settings):
    settings.ROBOTICS_INSTALLED_POLICIES = {
        "exploding": "tests.robotics.policy_fixtures:make_exploding_policy"
    }
    policy = make_policy(make_team(), installed="exploding")
    evaluation = Evaluation.objects.create(
        policy=policy,
        suite="control-mt10",
        episodes_per_task=1,
        episode_length=5,
        tasks=["reach-v3"],
    )
    run_evaluation(evaluation.pk, limits=Limits(step_timeout=5, episode_timeout=30))
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.FAILED
    assert evaluation.error == (
        "Every episode failed; the first error: policy factory failed: "
        "RuntimeError: weights file is missing"
    )
    assert evaluation.failed_episodes == 1
    assert evaluation.error_examples == [
        {
            "task": "reach-v3",
            "seed": 10000,
            "error": "policy factory failed: RuntimeError: weights file is missing",
        }
    ]


def test_an_evaluation_runs_once():
    policy = make_policy(make_team())
    evaluation = Evaluation.objects.create(
        policy=policy, suite="control-mt10", status=Evaluation.Status.DONE
    )
    assert run_evaluation(evaluation.pk) == "skipped"
    assert run_evaluation(987654) == "skipped"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"suite": "flying-mt10"}, "suite", "Select a valid choice"),
        ({"task_names": "reach-v3, fly-v1"}, "task_names", "has no task 'fly-v1'"),
        ({"episodes_per_task": "0"}, "episodes_per_task", "greater than or equal to 1"),
        ({"episodes_per_task": "100000"}, "episodes_per_task", "less than or equal to 500"),
        ({"workers": "99"}, "workers", "less than or equal to 16"),
        ({"seed": "-3"}, "seed", "greater than or equal to 0"),
        ({"episode_length": "abc"}, "episode_length", "Enter a whole number"),
    ],
)
def test_bad_evaluation_settings_say_which_field_and_queue_nothing(
    member, client_for, django_capture_on_commit_callbacks, changes, field, message
):
    policy = make_policy(make_team(member))
    response, callbacks = queue(
        client_for, member, policy, django_capture_on_commit_callbacks, **changes
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not callbacks and not Evaluation.objects.exists()


def test_outsiders_cannot_queue_evaluations(
    role_users, client_for, django_capture_on_commit_callbacks
):
    policy = make_policy(make_team(role_users[Role.RESEARCHER]), is_public=True)
    response, callbacks = queue(
        client_for, role_users[Role.PROGRAM_DIRECTOR], policy, django_capture_on_commit_callbacks
    )
    assert response.status_code == 403 and not callbacks and not Evaluation.objects.exists()
    private = make_policy(make_team(role_users[Role.RESEARCHER]), is_public=False)
    response, _ = queue(
        client_for, role_users[Role.PROGRAM_DIRECTOR], private, django_capture_on_commit_callbacks
    )
    assert response.status_code == 404


def test_a_queued_evaluation_says_so_and_its_page_follows_its_episodes(
    member, client_for, settings
):
    from django.contrib.messages import get_messages

    from nairl.common.jobs import report_progress

    settings.TASK_BACKEND = "database"
    policy = make_policy(make_team(member), installed="random")
    browser = client_for(member)
    response = browser.post(reverse("robotics:evaluation-create", args=[policy.pk]), SHORT)
    evaluation = Evaluation.objects.get()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Queued: the evaluation will start when a worker is free. This page follows it."
    ]
    page = browser.get(evaluation.get_absolute_url()).content.decode()
    assert f'data-job-status="{evaluation.get_status_url()}"' in page
    report_progress(evaluation, 1, 4)  # episodes done, as the harness reports them
    state = browser.get(evaluation.get_status_url()).json()
    assert (state["status"], state["done"], state["total"], state["percent"]) == (
        "queued",
        1,
        4,
        25,
    )
    assert (
        '<progress max="4" value="1">25%</progress>'
        in browser.get(evaluation.get_absolute_url()).content.decode()
    )
