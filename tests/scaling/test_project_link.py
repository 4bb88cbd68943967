"""A study linked to a research project: chosen on the form and through the API among the
projects the user may see, and listed on the project's page as its viewer may see it."""

import pytest
from django.urls import reverse

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.scaling.models import Study
from research.helpers import check_project_choice, make_member, make_project

from .helpers import make_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(owner):
    """A public project and a members-only one the study's owner is not a member of."""
    return make_project(title_en="Open scaling project"), make_project(
        title_en="Closed scaling project", is_public=False
    )


def study_form(study, **changes):
    return {
        "title_en": study.title_en,
        "program": study.program,
        "members": "",
        **changes,
    }


def test_the_project_page_shows_its_visible_studies_only(owner, client_for, projects):
    public_project, _closed = projects
    make_study(owner, title_en="Published study", is_public=True, project=public_project)
    make_study(owner, title_en="Private study", project=public_project)
    make_study(owner, title_en="Unlinked study", is_public=True)
    url = public_project.get_absolute_url()

    anonymous = client_for(None).get(url).content.decode()
    assert "Scaling-law studies" in anonymous and "Published study" in anonymous
    assert "Private study" not in anonymous and "Unlinked study" not in anonymous
    mine = client_for(owner).get(url).content.decode()
    assert "Published study" in mine and "Private study" in mine


def test_a_project_with_no_visible_study_has_no_studies_section(owner, client_for, projects):
    public_project, _closed = projects
    make_study(owner, title_en="Private study", project=public_project)
    page = client_for(None).get(public_project.get_absolute_url()).content.decode()
    assert "Scaling-law studies" not in page


def test_the_form_offers_and_accepts_only_visible_projects(owner, client_for, projects):
    public_project, closed = projects
    study = make_study(owner, title_en="Study to link")
    url = reverse("scaling:study-edit", args=[study.pk])
    data = study_form(study, title_en="Renamed")
    check_project_choice(client_for(owner), url, study, data, visible=public_project, hidden=closed)
    assert study.title_en == "Renamed"


def test_a_member_of_the_closed_project_may_link_to_it(client_for, projects):
    _open, closed = projects
    user = make_user("closed-member", Role.RESEARCHER)
    make_member(closed, make_person("Closed Member", user=user))
    study = make_study(user, title_en="Member's study")
    url = reverse("scaling:study-edit", args=[study.pk])
    assert client_for(user).post(url, study_form(study, project=closed.pk)).status_code == 302
    assert Study.objects.get(pk=study.pk).project == closed


def test_saving_keeps_a_link_to_a_project_the_editor_cannot_see(owner, client_for, projects):
    _open, closed = projects
    study = make_study(owner, title_en="Linked by someone else", project=closed)
    url = reverse("scaling:study-edit", args=[study.pk])
    browser = client_for(owner)
    assert "Closed scaling project" not in browser.get(url).content.decode()
    response = browser.post(url, study_form(study, project="", title_en="New"))
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.project == closed and study.title_en == "New"


def test_the_api_links_a_visible_project_and_refuses_a_hidden_one(owner, api_client_for, projects):
    public_project, closed = projects
    study = make_study(owner, title_en="API study")
    api = api_client_for(owner)
    url = f"/api/v1/scaling/studies/{study.pk}/"

    hidden = api.patch(url, {"project": closed.pk, "is_public": True}, format="json")
    missing = api.patch(url, {"project": 10**9}, format="json")
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["project"] == [f"The object with id {closed.pk} does not exist."]
    study.refresh_from_db()
    assert study.project is None and not study.is_public

    linked = api.patch(url, {"project": public_project.pk}, format="json")
    assert linked.status_code == 200 and linked.json()["project"] == public_project.pk
    assert api.patch(url, {"project": None}, format="json").json()["project"] is None
    assert Study.objects.get(pk=study.pk).project is None


def test_the_study_page_names_its_project_only_to_who_may_see_it(owner, client_for, projects):
    _open, closed = projects
    study = make_study(owner, title_en="Study of a closed project", is_public=True, project=closed)
    director = make_user("scaling-director", Role.PROGRAM_DIRECTOR)
    assert (
        "Closed scaling project"
        not in client_for(None).get(study.get_absolute_url()).content.decode()
    )
    page = client_for(director).get(study.get_absolute_url()).content.decode()
    assert "Closed scaling project" in page and closed.get_absolute_url() in page
