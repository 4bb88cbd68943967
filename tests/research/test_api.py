"""The research API: the same rules and policies as the pages."""

import pytest

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.research.models import Membership, Project

from .helpers import flagship, make_member, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(db):
    return make_user("api-director", Role.PROGRAM_DIRECTOR)


def test_a_director_creates_a_project_and_its_pi_is_its_first_member(director, api_client_for):
    pi = make_person("API Lead")
    partner = make_institution("Vector", country="CA")
    answer = api_client_for(director).post(
        "/api/v1/research/projects/",
        {
            "program": flagship().pk,
            "title_en": "API project",
            "principal_investigator": pi.pk,
            "start": "2025-02-01",
            "partners": [partner.pk],
            "keywords": ["cs.LG"],
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    project = Project.objects.get(pk=answer.json()["id"])
    assert list(project.partners.all()) == [partner]
    assert [area.code for area in project.keywords.all()] == ["cs.LG"]
    assert list(project.memberships.values_list("person", flat=True)) == [pi.pk]


def test_memberships_added_twice_or_ending_before_they_start_are_400s(director, api_client_for):
    project = make_project()
    person = make_person()
    api = api_client_for(director)
    data = {"project": project.pk, "person": person.pk, "start": "2024-04-01"}
    assert api.post("/api/v1/research/memberships/", data, format="json").status_code == 201
    twice = api.post("/api/v1/research/memberships/", data, format="json")
    assert twice.status_code == 400 and "already a member" in twice.json()["person"][0]
    backwards = api.post(
        "/api/v1/research/memberships/",
        {**data, "person": make_person().pk, "end": "2024-01-01"},
        format="json",
    )
    assert backwards.json() == {"end": ["The membership ends before it starts."]}
    bad_role = api.post(
        "/api/v1/research/memberships/",
        {**data, "person": make_person().pk, "roles": ["coding"]},
        format="json",
    )
    assert bad_role.status_code == 400 and "roles" in bad_role.json()
    assert project.memberships.count() == 2


def test_a_researcher_cannot_add_members_to_someone_elses_project(api_client_for):
    project = make_project()
    hidden = make_project(is_public=False)
    api = api_client_for(make_user("outsider", Role.RESEARCHER))
    data = {"person": make_person().pk, "start": "2024-04-01"}
    refused = api.post(
        "/api/v1/research/memberships/", {**data, "project": project.pk}, format="json"
    )
    assert refused.status_code == 403
    missing = api.post(
        "/api/v1/research/memberships/", {**data, "project": hidden.pk}, format="json"
    )
    assert missing.status_code == 400 and "does not exist" in missing.json()["project"][0]
    assert Membership.objects.count() == 2  # the two PIs


def test_a_membership_keeps_its_project(director, api_client_for):
    membership = make_member(make_project(), make_person())
    other = make_project()
    answer = api_client_for(director).patch(
        f"/api/v1/research/memberships/{membership.pk}/", {"project": other.pk}, format="json"
    )
    assert answer.status_code == 400
    membership.refresh_from_db()
    assert membership.project_id != other.pk


def test_members_only_projects_and_their_memberships_do_not_exist_for_outsiders(api_client_for):
    hidden = make_project(is_public=False)
    membership = make_member(hidden, make_person())
    api = api_client_for(make_user("curious", Role.RESEARCHER))
    assert api.get(f"/api/v1/research/projects/{hidden.pk}/").status_code == 404
    assert api.get(f"/api/v1/research/memberships/{membership.pk}/").status_code == 404
    listed = api.get("/api/v1/research/memberships/").json()["results"]
    assert membership.pk not in [row["id"] for row in listed]


def test_unknown_filters_are_refused(api_client_for):
    answer = api_client_for(None).get("/api/v1/research/projects/?colour=red")
    assert answer.status_code == 400 and "colour" in answer.json()
