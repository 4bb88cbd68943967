"""Every list page and list endpoint costs the same number of queries with 1 row and with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nairl.common.roles import Role

from .helpers import make_policy, make_result, make_team

pytestmark = pytest.mark.django_db

TEAM_ID = "__team__"
POLICY_ID = "__policy__"
PAGES = [
    "/robotics/teams/",
    "/robotics/policies/",
    "/robotics/evaluations/",
    "/robotics/evaluations/?status=done&suite=control-mt10",
    f"/robotics/teams/{TEAM_ID}/",
    f"/robotics/policies/{POLICY_ID}/",
    "/robotics/leaderboard/control-mt10/",
    "/robotics/leaderboard/control-mt10/?capability=control",
    "/robotics/leaderboard/control-mt10/tasks/",
    "/robotics/capabilities/control/",
]
ENDPOINTS = [
    "/api/v1/robotics/teams/",
    "/api/v1/robotics/policies/",
    "/api/v1/robotics/evaluations/",
    "/api/v1/robotics/leaderboard/?suite=control-mt10",
    "/api/v1/robotics/leaderboard/?suite=control-mt10&capability=control",
]


def build(rows, members):
    """`rows` teams, public policies and finished evaluations; returns one team and policy."""
    first_team = first_policy = None
    for index in range(rows):
        team = make_team(*members)
        policy = make_policy(team, f"p{index}")
        make_result(policy, 0.5, 0.3, 0.7)
        make_result(policy, 0.6, 0.4, 0.8)  # the policy's latest; both on the policy page
        first_team, first_policy = first_team or team, first_policy or policy
    return first_team, first_policy


def count(client, url, team, policy):
    url = url.replace(TEAM_ID, str(team.pk)).replace(POLICY_ID, str(policy.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("viewer", ["anonymous", Role.RESEARCHER, Role.ADMINISTRATOR])
@pytest.mark.parametrize("url", PAGES + ENDPOINTS)
def test_query_count_does_not_grow_with_rows(url, viewer, role_users, client_for, api_client_for):
    user = None if viewer == "anonymous" else role_users[viewer]
    members = [user] if viewer == Role.RESEARCHER else []
    team, policy = build(1, members)
    make_client = api_client_for if url.startswith("/api/") else client_for
    one = count(make_client(user), url, team, policy)
    build(12, members)
    many = count(make_client(user), url, team, policy)
    assert one == many, f"{url}: {one} queries with 1 row, {many} with 13"
