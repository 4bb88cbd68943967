"""Who sees which project, and its members-only parts, for every role."""

import datetime

import pytest

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.research.models import Project
from nairl.research.policies import project_policy, with_viewer_membership

from .helpers import make_member, make_project

pytestmark = pytest.mark.django_db

NOTES = "Internal: reviewer comments on the second paper"
# What each role sees of a members-only project of which it is no member, and of its notes.
SEES_PROJECT = {
    "anonymous": False,
    Role.RESEARCHER: False,
    Role.REVIEWER: False,
    Role.PROGRAM_DIRECTOR: True,
    Role.HUB_STAFF: True,
    Role.FINANCE_OFFICER: True,
    Role.FUNDER_VIEWER: True,
    Role.ADMINISTRATOR: True,
}
SEES_NOTES = {
    **dict.fromkeys(SEES_PROJECT, False),
    Role.PROGRAM_DIRECTOR: True,
    Role.HUB_STAFF: True,
    Role.ADMINISTRATOR: True,
}


@pytest.fixture
def projects(db):
    open_project = make_project(title_en="Open", notes_en=NOTES)
    closed = make_project(title_en="Closed", is_public=False, notes_en=NOTES)
    return open_project, closed


def viewer(role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else make_user(f"policy-{role}", role)


@pytest.mark.parametrize("role", list(SEES_PROJECT))
def test_each_role_sees_members_only_projects_and_notes_as_the_table_says(
    role, projects, client_for
):
    open_project, closed = projects
    user = viewer(role)
    visible = set(project_policy.visible(user, Project.objects.all()))
    assert (closed in visible) is SEES_PROJECT[role]
    assert open_project in visible
    browser = client_for(None if role == "anonymous" else user)
    closed_page = browser.get(closed.get_absolute_url())
    assert closed_page.status_code == (200 if SEES_PROJECT[role] else 404)
    open_page = browser.get(open_project.get_absolute_url())
    assert (NOTES in open_page.content.decode()) is SEES_NOTES[role]


@pytest.mark.parametrize("role", list(SEES_PROJECT))
def test_the_api_hides_members_only_notes_from_each_role_but_members(
    role, projects, api_client_for
):
    open_project, _closed = projects
    user = None if role == "anonymous" else viewer(role)
    answer = api_client_for(user).get(f"/api/v1/research/projects/{open_project.pk}/")
    assert answer.status_code == 200
    assert (answer.json()["notes_en"] == NOTES) is SEES_NOTES[role]


def test_current_members_and_the_pi_see_notes_and_members_only_projects(client_for):
    pi_user = make_user("closed-pi", Role.RESEARCHER)
    member_user = make_user("closed-member", Role.RESEARCHER)
    former_user = make_user("closed-former", Role.RESEARCHER)
    closed = make_project(
        make_person(user=pi_user), is_public=False, notes_en=NOTES, title_en="Closed"
    )
    make_member(closed, make_person(user=member_user))

    make_member(closed, make_person(user=former_user), end=datetime.date(2024, 6, 1))
    for user, sees in ((pi_user, True), (member_user, True), (former_user, False)):
        page = client_for(user).get(closed.get_absolute_url())
        assert page.status_code == (200 if sees else 404)
        if sees:
            assert NOTES in page.content.decode()
        annotated = with_viewer_membership(user, Project.objects.filter(pk=closed.pk)).get()
        assert annotated.viewer_is_member is sees


def test_only_managers_and_the_pi_may_change_a_project():
    pi_user = make_user("changing-pi", Role.RESEARCHER)
    project = make_project(make_person(user=pi_user))
    member_user = make_user("changing-member", Role.RESEARCHER)
    make_member(project, make_person(user=member_user))
    assert project_policy.can_change(pi_user, project)
    assert not project_policy.can_change(member_user, project)
    assert project_policy.can_change(make_user("dir", Role.PROGRAM_DIRECTOR), project)
    assert not project_policy.can_change(make_user("fund", Role.FUNDER_VIEWER), project)
