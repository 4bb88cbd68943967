"""Pages render, show SVG charts and tie markers, and hide private policies from outsiders."""

import pytest
from django.urls import reverse

from nairl.common.roles import Role
from nairl.robotics.domain.charts import Bar, interval_chart
from nairl.robotics.models import RobotPolicy, Team

from .helpers import HASH, make_policy, make_result, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(role_users):
    member = role_users[Role.RESEARCHER]
    team = make_team(member, name_en="Walkers")
    leader = make_policy(team, "leader")
    close = make_policy(team, "close-second")
    private = make_policy(team, "secret-policy", is_public=False)
    return {
        "member": member,
        "team": team,
        "leader": leader,
        "private": private,
        "leader_eval": make_result(leader, 0.8, 0.6, 0.9),
        "close_eval": make_result(close, 0.7, 0.55, 0.85),
        "private_eval": make_result(private, 0.95, 0.9, 1.0),
    }


def test_leaderboard_shows_public_entries_with_tie_markers_and_chart(data, client_for):
    response = client_for(None).get(reverse("robotics:leaderboard", args=["control-mt10"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "leader" in html and "close-second" in html and "secret-policy" not in html
    assert "tied with the leader" in html and ">tied<" in html
    assert html.count("<svg") == 1 and "95% interval" in html
    assert HASH in html


def test_members_see_their_private_entries_marked(data, client_for):
    html = (
        client_for(data["member"])
        .get(reverse("robotics:leaderboard", args=["control-mt10"]))
        .content.decode()
    )
    assert "secret-policy" in html and "private" in html


def test_capability_and_task_pages(data, client_for):
    client = client_for(None)
    capability = client.get(reverse("robotics:capability", args=["control"]))
    assert capability.status_code == 200 and b"leader" in capability.content
    tasks = client.get(reverse("robotics:leaderboard-tasks", args=["control-mt10"]), {"hash": HASH})
    assert (
        tasks.status_code == 200
        and b"push-v3" in tasks.content
        and b"secret-policy" not in tasks.content
    )
    for url in (
        reverse("robotics:capability", args=["flying"]),
        reverse("robotics:leaderboard", args=["no-such-suite"]),
        reverse("robotics:leaderboard", args=["control-mt10"]) + "?capability=flying",
    ):
        assert client.get(url).status_code == 404


def test_evaluation_detail_has_capability_chart(data, client_for):
    response = client_for(None).get(data["leader_eval"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "Control" in html and "step timeout" in html and "metaworld 3.1.1" in html


def test_private_pages_are_404_for_outsiders(data, client_for, role_users):
    outsider = client_for(role_users[Role.PROGRAM_DIRECTOR])
    for url in (
        data["private"].get_absolute_url(),
        data["private_eval"].get_absolute_url(),
        reverse("robotics:policy-edit", args=[data["private"].pk]),
    ):
        assert outsider.get(url).status_code == 404
    member = client_for(data["member"])
    assert member.get(data["private"].get_absolute_url()).status_code == 200
    assert (
        client_for(role_users[Role.ADMINISTRATOR])
        .get(data["private_eval"].get_absolute_url())
        .status_code
        == 200
    )


def test_member_registers_and_edits_a_policy_through_pages(data, client_for, role_users):
    client = client_for(data["member"])
    runner = {"team": data["team"].pk, "name": "runner", "version": "1", "kind": "remote"}
    response = client.post(reverse("robotics:policy-create"), {**runner, "server_url": "lab"})
    assert response.status_code == 400
    assert "websocket address" in response.context["form"].errors["server_url"][0]
    response = client.post(
        reverse("robotics:policy-create"),
        {**runner, "server_url": "ws://gpu1.lab.example:8000", "description_en": "Runs."},
    )
    policy = RobotPolicy.objects.get(name="runner")
    assert response.status_code == 302 and response["Location"] == policy.get_absolute_url()
    assert policy.server_url == "ws://gpu1.lab.example:8000"
    page = client.get(policy.get_absolute_url()).content.decode()
    assert "ws://gpu1.lab.example:8000" in page  # the team sees its server's address
    visitor = client_for(None).get(policy.get_absolute_url())
    assert visitor.status_code == 404 or b"gpu1.lab.example" not in visitor.content
    other_team = make_team(role_users[Role.REVIEWER])
    response = client.post(
        reverse("robotics:policy-edit", args=[policy.pk]),
        {**runner, "team": other_team.pk, "server_url": "ws://gpu1.lab.example:8000"},
    )
    assert response.status_code == 400 and "team" in response.context["form"].errors
    outsider = client_for(role_users[Role.PROGRAM_DIRECTOR])
    assert (
        outsider.get(reverse("robotics:policy-edit", args=[data["leader"].pk])).status_code == 403
    )
    assert outsider.get(reverse("robotics:policy-create")).status_code == 403


def test_team_pages(data, client_for, role_users):
    founder = client_for(role_users[Role.PROGRAM_DIRECTOR])
    response = founder.post(
        reverse("robotics:team-create"),
        {"name_ko": "조작 팀", "member_usernames": "reviewer, nobody-here"},
    )
    assert response.status_code == 400 and "nobody-here" in str(response.context["form"].errors)
    response = founder.post(
        reverse("robotics:team-create"), {"name_ko": "조작 팀", "member_usernames": "reviewer"}
    )
    team = Team.objects.get(name_ko="조작 팀")
    assert response.status_code == 302
    assert set(team.members.values_list("username", flat=True)) == {"reviewer", "program_director"}
    assert founder.get(team.get_absolute_url()).content.decode().count("reviewer") >= 1
    anonymous = client_for(None).get(data["team"].get_absolute_url())
    assert anonymous.status_code == 200 and b"researcher" not in anonymous.content
    assert (
        client_for(role_users[Role.FUNDER_VIEWER]).get(reverse("robotics:team-create")).status_code
        == 403
    )
    assert (
        client_for(data["member"]).get(reverse("robotics:team-edit", args=[team.pk])).status_code
        == 403
    )


def test_chart_escapes_labels_and_clamps_values():
    svg = interval_chart([Bar("<script>", 1.5, -0.2, float("nan"))], "t & t")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "t &amp; t" in svg
    assert "150%" not in svg and "100%" in svg


def test_bad_cursor_and_filters(data, client_for):
    client = client_for(None)
    response = client.get(reverse("robotics:policies"), {"cursor": "garbage"})
    assert response.status_code == 200 and b"no longer valid" in response.content
    assert client.get(reverse("robotics:evaluations"), {"status": "bogus"}).status_code == 400


def test_pages_render_in_korean_with_korean_names(client_for):
    from django.utils import translation

    team = make_team(name_en="", name_ko="로봇 팀")
    evaluation = make_result(make_policy(team, "정책"))
    with translation.override("ko"):
        client = client_for(None)
        client.cookies["django_language"] = "ko"
        for url in (
            evaluation.get_absolute_url(),
            team.get_absolute_url(),
            reverse("robotics:leaderboard", args=["control-mt10"]),
        ):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="ko")
            html = response.content.decode()
            assert response.status_code == 200 and ("로봇 팀" in html or "정책" in html), url
