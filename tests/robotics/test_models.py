import pytest
from django.core.exceptions import ValidationError

from nairl.common.models import AuditEntry
from nairl.robotics.domain.entry_points import validate_entry_point
from nairl.robotics.models import RobotPolicy, Team

from .helpers import make_policy, make_team


@pytest.mark.parametrize(
    "entry_point",
    [
        "my_lab.policies:make_policy",
        "lab:factory",
        "nairl.robotics.harness.reference:make_expert_policy",
        "a.b_c.d2:_make",
    ],
)
def test_well_formed_entry_points_pass(entry_point):
    validate_entry_point(entry_point)


@pytest.mark.parametrize(
    ("entry_point", "message"),
    [
        ("", "is not an entry point"),
        ("my_lab.policies", "is not an entry point"),
        ("my_lab.policies:", "is not an entry point"),
        (":make_policy", "is not an entry point"),
        ("my-lab.policies:make", "is not an entry point"),
        ("my_lab..policies:make", "is not an entry point"),
        ("my_lab.policies:make.policy", "is not an entry point"),
        ("my_lab.policies:make policy", "is not an entry point"),
        ("my_lab.policies:make_policy()", "is not an entry point"),
        ("random", "is not an entry point"),
        ("my_lab.class:make", "Python keyword"),
        ("os:system", "standard library"),
        ("subprocess:Popen", "standard library"),
        ("nairl.common.tasks:run", "of the hub itself"),
        ("django.db:connection", "of the hub itself"),
    ],
)
def test_malformed_or_refused_entry_points_are_rejected(entry_point, message):
    with pytest.raises(ValidationError) as error:
        validate_entry_point(entry_point)
    assert message in " ".join(error.value.messages)


@pytest.mark.django_db
def test_team_needs_a_name_in_one_language():
    with pytest.raises(ValidationError) as error:
        Team(name_ko="", name_en="").full_clean()
    assert "name_ko" in error.value.message_dict
    Team(name_ko="로봇팀").full_clean()


@pytest.mark.django_db
def test_policy_validation_names_the_field():
    team = make_team()
    policy = RobotPolicy(team=team, name="p", entry_point="not an entry point")
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert list(error.value.message_dict) == ["entry_point"]


@pytest.mark.django_db
def test_policy_version_is_unique_within_a_team():
    team = make_team()
    make_policy(team, "walker", version="2")
    duplicate = RobotPolicy(team=team, name="walker", version="2", entry_point="lab.p:make")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    RobotPolicy(team=make_team(), name="walker", version="2", entry_point="lab.p:make").full_clean()


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
