"""The hub never imports a module a user named (issue 10, section 1).

Every entry point an attacker tried — debuggers, installers, unpicklers, the test suite, the
harness's own training function — is refused by the page and the API, and a stored policy that
names one (a row from before the allow-list) fails its evaluation without importing anything.
"""

import re

import pytest
from django.urls import reverse

from nairl.common.roles import Role
from nairl.robotics.domain.evaluations import run_evaluation
from nairl.robotics.models import Evaluation, RobotPolicy

from .helpers import make_policy, make_team

pytestmark = pytest.mark.django_db

PROBES = [
    "celery.contrib.rdb:set_trace",
    "pip._internal.cli.main:main",
    "pytest:main",
    "yaml:unsafe_load",
    "pandas:read_pickle",
    "numpy:load",
    "kombu.utils.imports:symbol_by_name",
    "nairl.robotics.harness.baseline:train_baseline",
    "nairl.robotics.harness.workers:_serve",
    "nairl.robotics.harness.reference:make_random_policy",  # even a reference one, by module
    "nairl.common.tasks:run",
    "nairl.common.celery_app:run_hub_task",
    "tests.robotics.canary_policy:make_policy",
    "tests.conftest:client",
    "os:system",
    "subprocess:Popen",
    "builtins:eval",
    "pdb:set_trace",
    "code:interact",
    "pty:spawn",
    "runpy:run_path",
    "importlib:import_module",
    "pickle:loads",
    "shutil:rmtree",
    "ctypes:CDLL",
    "webbrowser:open",
    "django.core.management:call_command",
    "django.db:connection",
    "rest_framework.settings:api_settings",
    "IPython:embed",
    "setuptools:setup",
    "scipy.io:loadmat",
    "matplotlib:use",
    "redis:Redis",
    "psycopg:connect",
    "mujoco:MjModel",
    "celery.bin.celery:main",
    "baseline:no_such_file",
    "baseline:/etc/passwd",
    "random:../../etc/passwd",
    "expert ",
    "RANDOM",
]


@pytest.fixture
def member(role_users):
    return role_users[Role.RESEARCHER]


@pytest.mark.parametrize("probe", PROBES)
def test_the_policy_page_refuses_every_probe(probe, member, client_for):
    team = make_team(member)
    response = client_for(member).post(
        reverse("robotics:policy-create"),
        {"team": team.pk, "name": "probe", "version": "1", "kind": "installed", "installed": probe},
    )
    assert response.status_code == 400
    assert "not one of the available choices" in response.context["form"].errors["installed"][0]
    assert not RobotPolicy.objects.exists()


@pytest.mark.parametrize("probe", PROBES)
def test_the_api_refuses_every_probe(probe, member, api_client_for):
    team = make_team(member)
    api = api_client_for(member)
    for payload in (
        {"kind": "installed", "installed": probe},
        {"kind": "remote", "server_url": probe},
        {"entry_point": probe},  # the old field is gone: it names nothing
    ):
        response = api.post(
            "/api/v1/robotics/policies/",
            {"team": team.pk, "name": "probe", **payload},
            format="json",
        )
        assert response.status_code == 400, (payload, response.json())
    assert not RobotPolicy.objects.exists()


def test_a_stored_probe_fails_its_evaluation_without_importing_anything(
    tmp_path, monkeypatch, client_for
):
    mark = tmp_path / "imported"
    monkeypatch.setenv("NAIRL_TEST_CANARY", str(mark))
    team = make_team()
    for probe in ("tests.robotics.canary_policy:make_policy", "celery.contrib.rdb:set_trace"):
        # a row from before the allow-list: the migration kept the text, no list has it
        policy = RobotPolicy.objects.create(
            team=team, name=probe, kind="installed", installed=probe
        )
        evaluation = Evaluation.objects.create(policy=policy, suite="control-mt10")
        run_evaluation(evaluation.pk)
        evaluation.refresh_from_db()
        assert evaluation.status == Evaluation.Status.FAILED
        assert "not on this hub's list of installed policies" in evaluation.error
    assert not mark.exists()


def test_a_missing_baseline_never_shows_the_servers_path(tmp_path, settings, client_for):
    settings.ROBOTICS_BASELINE = tmp_path / "robotics" / "baseline-mt10.npz"
    policy = make_policy(make_team(), installed="baseline", is_public=True)
    evaluation = Evaluation.objects.create(policy=policy, suite="control-mt10")
    run_evaluation(evaluation.pk)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.FAILED
    assert evaluation.error == (
        "The policy could not be loaded: cannot read the policy's file 'baseline-mt10.npz' "
        "(no such file or directory)"
    )
    anonymous = client_for(None)
    for url in (evaluation.get_absolute_url(), f"/api/v1/robotics/evaluations/{evaluation.pk}/"):
        body = anonymous.get(url).content.decode()
        assert "baseline-mt10.npz" in body and str(tmp_path) not in body
        assert not re.search(r"/(tmp|work|root|home|var)/", body)
