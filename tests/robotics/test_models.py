import pytest
from django.core.exceptions import ValidationError

from nairl.common.models import AuditEntry
from nairl.robotics.installed import validate_server_url
from nairl.robotics.models import RobotPolicy, Team

from .helpers import make_policy, make_team


@pytest.mark.parametrize(
    "url",
    [
        "ws://gpu1.lab.example:8000",
        "wss://policy.lab.example/pi0",
        "ws://127.0.0.1:8000",
        "ws://[::1]:9",
    ],
)
def test_websocket_addresses_pass(url):
    validate_server_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "gpu1.lab.example:8000",
        "http://gpu1.lab.example:8000",
        "file:///etc/passwd",
        "ws://",
        "ws://user:secret@gpu1.lab.example:8000",
        "ws://gpu1.lab.example:99999",
        "ws://gpu1 .lab.example",
        "celery.contrib.rdb:set_trace",
    ],
)
def test_other_addresses_are_refused(url):
    with pytest.raises(ValidationError) as error:
        validate_server_url(url)
    assert "websocket address" in " ".join(error.value.messages)


@pytest.mark.django_db
def test_team_needs_a_name_in_one_language():
    with pytest.raises(ValidationError) as error:
        Team(name_ko="", name_en="").full_clean()
    assert "name_ko" in error.value.message_dict
    Team(name_ko="로봇팀").full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "remote"}, "server_url", "needs its server's address"),
        ({"kind": "remote", "server_url": "http://x"}, "server_url", "websocket address"),
        ({"kind": "installed"}, "installed", "Choose one of the policies installed"),
        ({"kind": "installed", "installed": "os:system"}, "installed", "not a policy installed"),
        ({"kind": "elsewhere", "installed": "random"}, "kind", "not a valid choice"),
    ],
)
def test_policy_validation_names_the_field(fields, field, message):
    policy = RobotPolicy(team=make_team(), name="p", **fields)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert list(error.value.message_dict) == [field]
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_a_policy_keeps_only_what_its_kind_uses():
    policy = RobotPolicy(
        team=make_team(), name="p", kind="remote", server_url=" ws://gpu:8000 ", installed=""
    )
    policy.full_clean()
    assert policy.server_url == "ws://gpu:8000"
    policy.kind, policy.installed = "installed", "expert"
    policy.full_clean()
    assert (policy.server_url, policy.installed) == ("", "expert")


@pytest.mark.django_db
def test_policy_version_is_unique_within_a_team():
    team = make_team()
    make_policy(team, "walker", version="2")
    fields = {"name": "walker", "version": "2", "kind": "installed", "installed": "random"}
    with pytest.raises(ValidationError):
        RobotPolicy(team=team, **fields).full_clean()
    RobotPolicy(team=make_team(), **fields).full_clean()


@pytest.mark.django_db
def test_teams_and_policies_are_audited():
    team = make_team(name_en="Before")
    policy = make_policy(team, "walker", is_public=False)
    policy.is_public = True
    policy.save()
    change = AuditEntry.objects.filter(object_id=str(policy.pk), action="update").get()
    assert change.changes == {"is_public": [False, True]}
    assert AuditEntry.objects.filter(
        object_id=str(team.pk), action="create", content_type__model="team"
    ).exists()
