"""The research pages: programs, projects, adding members; bad input changes nothing."""

import pytest

from factories import make_institution, make_person, make_user, valid_orcid, valid_ror
from nairl.common.roles import Role
from nairl.research.models import Membership, Project

from .helpers import flagship, make_member, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(db):
    return make_user("director", Role.PROGRAM_DIRECTOR)


def project_form(**changes):
    return {
        "program": flagship().pk,
        "title_ko": "데이터 효율적 사전학습",
        "title_en": "Data-efficient pretraining",
        "summary_en": "Beating the compute curve.",
        "status": "active",
        "start": "2025-01-01",
        "is_public": "on",
        **changes,
    }


def test_a_director_creates_a_project_naming_the_pi_by_orcid_and_partners_by_ror(
    director, client_for
):
    pi = make_person("Ada Lead", orcid=valid_orcid(77))
    mila = make_institution("Mila", country="CA", ror_id=valid_ror(9))
    inria = make_institution("Inria", country="FR")
    answer = client_for(director).post(
        "/research/projects/new/",
        project_form(
            principal_investigator=f"https://orcid.org/{pi.orcid}",
            partners=f"{mila.ror_id}, {inria.pk}",
        ),
    )
    assert answer.status_code == 302, answer.context["form"].errors
    project = Project.objects.get(title_en="Data-efficient pretraining")
    assert answer["Location"] == project.get_absolute_url()
    assert project.principal_investigator == pi
    assert set(project.partners.all()) == {mila, inria}
    assert project.memberships.get().person == pi
    page = client_for(director).get(project.get_absolute_url()).content.decode()
    assert "Mila" in page and "Canada" in page and "Ada Lead" in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"principal_investigator": "0000-0002-1825-0098"}, "principal_investigator", "check"),
        ({"principal_investigator": "999999"}, "principal_investigator", "No one"),
        ({"partners": "05apxxy63, nowhere"}, "partners", "nowhere"),
        ({"end": "2024-01-01"}, "end", "before the start"),
        ({"title_ko": "", "title_en": ""}, "title_ko", "at least one"),
    ],
)
def test_bad_project_input_is_a_400_naming_the_field_and_saves_nothing(
    director, client_for, changes, field, message
):
    pi = make_person(orcid=valid_orcid(78))
    data = project_form(**{"principal_investigator": pi.orcid, **changes})
    answer = client_for(director).post("/research/projects/new/", data)
    assert answer.status_code == 400
    errors = answer.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not Project.objects.exists()


def test_adding_a_member_twice_is_refused_in_the_page(director, client_for):
    project = make_project()
    person = make_person(orcid=valid_orcid(80))
    browser = client_for(director)
    url = f"/research/projects/{project.pk}/members/new/"
    data = {"person": person.orcid, "roles": ["software", "investigation"], "start": "2024-05-01"}
    assert browser.post(url, data).status_code == 302
    again = browser.post(url, {**data, "start": "2024-09-01"})
    assert again.status_code == 400
    assert "already a member" in again.context["form"].errors["person"][0]
    assert project.memberships.filter(person=person).count() == 1
    page = browser.get(project.get_absolute_url()).content.decode()
    assert "Software, Investigation" in page


def test_a_member_ending_before_starting_is_refused_in_the_page(director, client_for):
    project = make_project()
    person = make_person()
    answer = client_for(director).post(
        f"/research/projects/{project.pk}/members/new/",
        {"person": str(person.pk), "start": "2024-05-01", "end": "2024-04-01"},
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["end"] == ["The membership ends before it starts."]
    assert not project.memberships.filter(person=person).exists()


def test_the_pi_ends_a_membership(client_for):
    pi_user = make_user("pi-user", Role.RESEARCHER)
    project = make_project(make_person(user=pi_user))
    membership = make_member(project, make_person())
    answer = client_for(pi_user).post(
        f"/research/memberships/{membership.pk}/edit/",
        {"person": str(membership.person_id), "start": "2024-03-01", "end": "2024-12-31"},
    )
    assert answer.status_code == 302
    membership.refresh_from_db()
    assert str(membership.end) == "2024-12-31"
    assert not Membership.objects.current().filter(pk=membership.pk).exists()


def test_the_project_list_filters_by_program_country_year_and_person(client_for):
    canada = make_institution("Toronto Lab", country="CA")
    member = make_person("Filter Member")
    found = make_project(title_en="Robot hands", program=flagship("robot-fm"))
    make_member(found, member, institution=canada)
    make_project(title_en="Other project")
    browser = client_for(None)
    for query in (
        f"program={flagship('robot-fm').pk}",
        "country=ca",
        f"person={member.pk}",
        "q=robot hands",
        "year=2024",
    ):
        page = browser.get(f"/research/projects/?{query}").content.decode()
        assert "Robot hands" in page, query
        if query != "year=2024":
            assert "Other project" not in page, query
    assert "Robot hands" not in browser.get("/research/projects/?year=2023").content.decode()
    assert browser.get("/research/projects/?year=abc").status_code == 400


def test_the_program_page_lists_its_visible_projects_in_korean(client_for):
    make_project(title_en="Visible", title_ko="공개 과제")
    make_project(title_en="Hidden", title_ko="비공개 과제", is_public=False)
    browser = client_for(None)
    browser.post("/language/", {"language": "ko"})
    page = browser.get(flagship().get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko")
    text = page.content.decode()
    assert "신경망 스케일링 법칙을 넘어서" in text
    assert "공개 과제" in text and "비공개 과제" not in text
