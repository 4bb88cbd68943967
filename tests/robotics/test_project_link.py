"""A robot team linked to a research project: chosen on the form and through the API among the
projects the user may see; the project's page lists its teams' evaluations as the viewer may see
them (a private policy's results stay with its team)."""

import pytest
from django.urls import reverse

from factories import make_user
from nairl.common.roles import Role
from nairl.robotics.models import Team
from research.helpers import check_project_choice, make_project

from .helpers import make_policy, make_result, make_team

pytestmark = pytest.mark.django_db
API = "/api/v1/robotics"


@pytest.fixture
def member(db):
    return make_user("team-member", Role.RESEARCHER)


@pytest.fixture
def projects(db):
    """A public project and a members-only one the team's member is not a member of."""
    return make_project(title_en="Open robot project"), make_project(
        title_en="Closed robot project", is_public=False
    )


def test_the_project_page_shows_its_teams_visible_evaluations(member, client_for, projects):
    public_project, _closed = projects
    team = make_team(member, project=public_project)
    make_result(make_policy(team, "shown-policy"))
    make_result(make_policy(team, "team-only-policy", is_public=False))
    make_result(make_policy(make_team(member), "unlinked-policy"))
    url = public_project.get_absolute_url()

    anonymous = client_for(None).get(url).content.decode()
    assert "Robot evaluations" in anonymous and "shown-policy" in anonymous
    assert "team-only-policy" not in anonymous and "unlinked-policy" not in anonymous
    mine = client_for(member).get(url).content.decode()
    assert "shown-policy" in mine and "team-only-policy" in mine
    assert "unlinked-policy" not in mine


def test_the_form_offers_and_accepts_only_visible_projects(member, client_for, projects):
    public_project, closed = projects
    team = make_team(member, name_en="Form team")
    url = reverse("robotics:team-edit", args=[team.pk])
    data = {"name_en": "Renamed team", "member_usernames": member.username}
    check_project_choice(client_for(member), url, team, data, visible=public_project, hidden=closed)
    assert team.name_en == "Renamed team"


def test_the_api_links_a_visible_project_and_refuses_a_hidden_one(member, api_client_for, projects):
    public_project, closed = projects
    team = make_team(member, name_en="API team")
    api = api_client_for(member)
    url = f"{API}/teams/{team.pk}/"

    hidden = api.patch(url, {"project": closed.pk, "name_en": "Changed"}, format="json")
    assert hidden.status_code == 400
    assert hidden.json()["project"] == [f"The object with id {closed.pk} does not exist."]
    team.refresh_from_db()
    assert team.project is None and team.name_en == "API team"

    linked = api.patch(url, {"project": public_project.pk}, format="json")
    assert linked.status_code == 200 and linked.json()["project"] == public_project.pk
    assert Team.objects.get(pk=team.pk).project == public_project


def test_the_team_page_names_its_project_only_to_who_may_see_it(member, client_for, projects):
    public_project, closed = projects
    shown = make_team(member, project=public_project)
    hidden = make_team(member, project=closed)
    assert "Open robot project" in client_for(None).get(shown.get_absolute_url()).content.decode()
    assert (
        "Closed robot project"
        not in client_for(member).get(hidden.get_absolute_url()).content.decode()
    )
