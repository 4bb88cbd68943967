"""Robotics list pages and endpoints for the query-count test (tests/common/test_query_counts)."""

from django.contrib.auth import get_user_model

from factories import make_user
from list_views import ListView
from nairl.common.roles import Role
from nairl.robotics.models import RobotPolicy, Team
from research.helpers import project_titled

from .helpers import make_policy, make_result, make_team


def member():
    """The researcher whose teams the rows belong to."""
    User = get_user_model()
    user = User.objects.filter(username="robotics-list-member").first()
    return user or make_user("robotics-list-member", Role.RESEARCHER)


def add_teams(count: int) -> None:
    """Teams with a public policy each, with two finished evaluations (the policy's latest and
    an earlier one: both on the policy page, the latest on the boards)."""
    for index in range(count):
        team = make_team(member())
        policy = make_policy(team, f"p{index}-{team.pk}")
        make_result(policy, 0.5, 0.3, 0.7)
        make_result(policy, 0.6, 0.4, 0.8)


def first_team() -> Team:
    return Team.objects.order_by("id").first()


def add_policies_to_first_team(count: int) -> None:
    team = first_team() or make_team(member())
    for _ in range(count):
        make_result(make_policy(team), 0.5, 0.3, 0.7)


def first_policy() -> RobotPolicy:
    return RobotPolicy.objects.order_by("id").first()


def add_evaluations_to_first_policy(count: int) -> None:
    policy = first_policy() or make_policy(make_team(member()))
    for _ in range(count):
        make_result(policy, 0.5, 0.3, 0.7)


LISTS = [
    ("robotics:teams", "/robotics/teams/", add_teams),
    ("robotics:policies", "/robotics/policies/", add_teams),
    ("robotics:evaluations", "/robotics/evaluations/", add_teams),
    ("robotics:evaluations", "/robotics/evaluations/?status=done&suite=control-mt10", add_teams),
    ("robotics:team", lambda: f"/robotics/teams/{first_team().pk}/", add_policies_to_first_team),
    (
        "robotics:policy",
        lambda: f"/robotics/policies/{first_policy().pk}/",
        add_evaluations_to_first_policy,
    ),
    ("robotics:leaderboard", "/robotics/leaderboard/control-mt10/", add_teams),
    ("robotics:leaderboard", "/robotics/leaderboard/control-mt10/?capability=control", add_teams),
    ("robotics:leaderboard-tasks", "/robotics/leaderboard/control-mt10/tasks/", add_teams),
    ("robotics:capability", "/robotics/capabilities/control/", add_teams),
    ("robotics-team-list", "/api/v1/robotics/teams/", add_teams),
    ("robotics-policy-list", "/api/v1/robotics/policies/", add_teams),
    ("robotics-evaluation-list", "/api/v1/robotics/evaluations/", add_teams),
    ("robotics-leaderboard", "/api/v1/robotics/leaderboard/?suite=control-mt10", add_teams),
    (
        "robotics-leaderboard",
        "/api/v1/robotics/leaderboard/?suite=control-mt10&capability=control",
        add_teams,
    ),
]
VIEWERS = [
    ("anonymous", None, "anonymous"),
    ("team member", member, "anonymous"),
    ("administrator", None, Role.ADMINISTRATOR),
]
LIST_VIEWS = [
    ListView(
        name,
        url,
        add,
        role=role,
        viewer=viewer,
        never_reads=('"report"',),
        label=f"{label} {url if callable(url) is False else ''}".strip(),
    )
    for name, url, add in LISTS
    for label, viewer, role in VIEWERS
]


# A research project's page lists the evaluations of its teams' policies the viewer may see.
def the_project():
    return project_titled("Robot teams list project")


def add_project_evaluations(count: int) -> None:
    """Teams of the project, each with a public and a private policy evaluated once."""
    for index in range(count):
        team = make_team(member(), project=the_project())
        make_result(make_policy(team, f"public-{index}-{team.pk}"))
        make_result(make_policy(team, f"private-{index}-{team.pk}", is_public=False))


LIST_VIEWS += [
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_project_evaluations,
        role=role,
        viewer=viewer,
        label=f"robot evaluations, {label}",
    )
    for label, viewer, role in VIEWERS
]
