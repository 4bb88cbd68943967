"""The API applies the same rules as the pages: teams manage their own; outsiders see public."""

import pytest

from nairl.common.roles import Role
from nairl.robotics.models import Evaluation, RobotPolicy, Team

from .helpers import HASH, make_policy, make_result, make_team

pytestmark = pytest.mark.django_db
API = "/api/v1/robotics"


@pytest.fixture
def setup(role_users):
    member, outsider = role_users[Role.RESEARCHER], role_users[Role.PROGRAM_DIRECTOR]
    team = make_team(member)
    public = make_policy(team, "public-one", is_public=True)
    private = make_policy(team, "secret-one", is_public=False)
    return {
        "member": member,
        "outsider": outsider,
        "team": team,
        "public": public,
        "private": private,
        "admin": role_users[Role.ADMINISTRATOR],
    }


def names(response):
    return sorted(item["name"] for item in response.json()["results"])


def test_anonymous_sees_only_public_policies_and_evaluations(setup, api_client_for):
    api = api_client_for(None)
    assert names(api.get(f"{API}/policies/")) == ["public-one"]
    assert api.get(f"{API}/policies/{setup['private'].pk}/").status_code == 404
    assert api.get(f"{API}/policies/{setup['public'].pk}/").status_code == 200
    hidden = make_result(setup["private"])
    shown = make_result(setup["public"])
    ids = [item["id"] for item in api.get(f"{API}/evaluations/").json()["results"]]
    assert ids == [shown.pk]
    assert api.get(f"{API}/evaluations/{hidden.pk}/").status_code == 404
    board = api.get(f"{API}/leaderboard/", {"suite": "control-mt10", "hash": HASH}).json()
    assert [e["policy"]["name"] for e in board["entries"]] == ["public-one"]


def test_members_and_administrators_see_private_ones(setup, api_client_for):
    for user in (setup["member"], setup["admin"]):
        assert names(api_client_for(user).get(f"{API}/policies/")) == ["public-one", "secret-one"]


def test_non_member_cannot_change_a_teams_policy(setup, api_client_for):
    api = api_client_for(setup["outsider"])
    response = api.patch(
        f"{API}/policies/{setup['public'].pk}/", {"is_public": False}, format="json"
    )
    assert response.status_code == 403
    assert (
        api.patch(
            f"{API}/policies/{setup['private'].pk}/", {"name": "x"}, format="json"
        ).status_code
        == 404
    )
    assert RobotPolicy.objects.get(pk=setup["public"].pk).is_public


def test_non_member_cannot_register_a_policy_for_someone_elses_team(setup, api_client_for):
    make_team(setup["outsider"])  # the outsider has a team of their own
    response = api_client_for(setup["outsider"]).post(
        f"{API}/policies/",
        {"team": setup["team"].pk, "name": "intruder", "entry_point": "lab.p:make"},
        format="json",
    )
    assert response.status_code == 400
    assert "your own teams" in response.json()["team"][0]
    assert not RobotPolicy.objects.filter(name="intruder").exists()


def test_member_creates_and_updates_a_policy_with_field_errors(setup, api_client_for):
    api = api_client_for(setup["member"])
    walker = {"team": setup["team"].pk, "name": "walker"}
    bad = api.post(f"{API}/policies/", {**walker, "server_url": "os:system"}, format="json")
    assert bad.status_code == 400 and "websocket address" in bad.json()["server_url"][0]
    created = api.post(
        f"{API}/policies/",
        {**walker, "server_url": " ws://gpu1.lab.example:8000 ", "description_ko": "걷는 정책"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["kind"] == "remote"
    assert created.json()["server_url"] == "ws://gpu1.lab.example:8000"
    pk = created.json()["id"]
    outsider = api_client_for(None).get(f"{API}/policies/{pk}/")
    assert outsider.status_code == 404  # private; and public ones hide the address (below)
    duplicate = api.post(
        f"{API}/policies/", {**walker, "kind": "installed", "installed": "expert"}, format="json"
    )
    assert duplicate.status_code == 400
    updated = api.patch(f"{API}/policies/{pk}/", {"version": "2", "is_public": True}, format="json")
    assert updated.status_code == 200 and updated.json()["version"] == "2"
    seen = api_client_for(None).get(f"{API}/policies/{pk}/").json()
    assert seen["kind"] == "remote" and "server_url" not in seen


def test_anonymous_cannot_write(setup, api_client_for):
    api = api_client_for(None)
    assert api.post(f"{API}/teams/", {"name_en": "x"}, format="json").status_code == 401
    assert (
        api.post(
            f"{API}/evaluations/",
            {"policy": setup["public"].pk, "suite": "control-mt10"},
            format="json",
        ).status_code
        == 401
    )


def test_team_members_are_shown_to_the_team_only(setup, api_client_for):
    url = f"{API}/teams/{setup['team'].pk}/"
    assert api_client_for(setup["member"]).get(url).json()["members"] == ["researcher"]
    assert "members" not in api_client_for(setup["outsider"]).get(url).json()
    assert "members" not in api_client_for(None).get(url).json()


def test_researcher_founds_a_team_and_becomes_a_member(setup, api_client_for, role_users):
    api = api_client_for(setup["outsider"])  # a program director
    created = api.post(
        f"{API}/teams/", {"name_ko": "새 팀", "members": ["reviewer"]}, format="json"
    )
    assert created.status_code == 201, created.json()
    team = Team.objects.get(pk=created.json()["id"])
    assert set(team.members.values_list("username", flat=True)) == {"reviewer", "program_director"}
    assert (
        api.post(f"{API}/teams/", {"name_ko": "", "name_en": ""}, format="json").status_code == 400
    )
    funder = api_client_for(role_users[Role.FUNDER_VIEWER])
    assert funder.post(f"{API}/teams/", {"name_en": "x"}, format="json").status_code == 403
    other = api_client_for(setup["member"])
    assert (
        other.patch(
            f"/api/v1/robotics/teams/{team.pk}/", {"name_en": "mine"}, format="json"
        ).status_code
        == 403
    )


def test_evaluation_create_checks_the_policys_team(
    setup, api_client_for, django_capture_on_commit_callbacks
):
    make_team(setup["outsider"])
    payload = {
        "policy": setup["public"].pk,
        "suite": "control-mt10",
        "episodes_per_task": 1,
        "episode_length": 5,
        "tasks": ["reach-v3"],
    }
    with django_capture_on_commit_callbacks() as callbacks:
        denied = api_client_for(setup["outsider"]).post(
            f"{API}/evaluations/", payload, format="json"
        )
        hidden = api_client_for(setup["outsider"]).post(
            f"{API}/evaluations/", {**payload, "policy": setup["private"].pk}, format="json"
        )
        bad = api_client_for(setup["member"]).post(
            f"{API}/evaluations/", {**payload, "workers": 0}, format="json"
        )
        bad_task = api_client_for(setup["member"]).post(
            f"{API}/evaluations/", {**payload, "tasks": ["fly-v1"]}, format="json"
        )
    assert denied.status_code == 403
    assert hidden.status_code == 400 and "does not exist" in hidden.json()["policy"][0]
    assert bad.status_code == 400 and set(bad.json()) == {"workers"}
    assert bad_task.status_code == 400 and "has no task 'fly-v1'" in bad_task.json()["tasks"][0]
    assert not callbacks and not Evaluation.objects.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        queued = api_client_for(setup["member"]).post(f"{API}/evaluations/", payload, format="json")
    assert queued.status_code == 201 and queued.json()["status"] == "queued"
    assert len(callbacks) == 1  # the run itself is covered in test_evaluations


def test_evaluation_detail_has_results(setup, api_client_for):
    evaluation = make_result(setup["public"], 0.6, 0.4, 0.8)
    data = api_client_for(None).get(f"{API}/evaluations/{evaluation.pk}/").json()
    assert data["overall"] == {"mean": 0.6, "low": 0.4, "high": 0.8}
    assert data["capabilities"][0]["capability"] == "control"
    assert [t["task"] for t in data["task_results"]] == ["reach-v3", "push-v3"]
    assert data["error_examples"][0]["error"] == "step timeout"
    listed = api_client_for(None).get(f"{API}/evaluations/").json()["results"][0]
    assert "error_examples" not in listed and "report" not in listed


def test_leaderboard_marks_ties_and_refuses_bad_parameters(setup, api_client_for):
    team = setup["team"]
    make_result(make_policy(team, "a"), 0.8, 0.6, 0.9)
    make_result(make_policy(team, "b"), 0.7, 0.5, 0.85)
    make_result(make_policy(team, "c"), 0.1, 0.0, 0.3)
    api = api_client_for(None)
    data = api.get(f"{API}/leaderboard/", {"suite": "control-mt10"}).json()
    entries = {e["policy"]["name"]: e for e in data["entries"]}
    assert entries["a"]["rank"] == entries["b"]["rank"] == 1 and entries["b"]["tied_with_leader"]
    assert entries["c"]["rank"] == 3 and not entries["c"]["tied"]
    assert api.get(f"{API}/leaderboard/").status_code == 400
    response = api.get(
        f"{API}/leaderboard/", {"suite": "control-mt10", "capability": "flying", "sort": "x"}
    )
    assert response.status_code == 400 and set(response.json()) == {"capability", "sort"}
    by_capability = api.get(
        f"{API}/leaderboard/", {"suite": "control-mt10", "capability": "control"}
    ).json()
    assert len(by_capability["entries"]) == 3


def test_unknown_filters_are_refused(setup, api_client_for):
    response = api_client_for(None).get(f"{API}/policies/", {"tema": 1})
    assert response.status_code == 400 and "tema" in response.json()
    assert names(
        api_client_for(setup["member"]).get(
            f"{API}/policies/", {"team": setup["team"].pk, "is_public": "false"}
        )
    ) == ["secret-one"]
