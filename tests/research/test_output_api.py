"""The outputs API: the same verbs, filters and policies as the pages."""

import pytest

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.research.models import Output

from .helpers import make_member, make_output, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher(db):
    user = make_user("api-output-author", Role.RESEARCHER)
    make_person("API Output Author", user=user)
    return user


def test_a_member_creates_an_output_with_authors_and_reads_it_back(researcher, api_client_for):
    project = make_project()
    make_member(project, researcher.person)
    kr, fr = make_institution("SNU", country="KR"), make_institution("Inria", country="FR")
    answer = api_client_for(researcher).post(
        "/api/v1/research/outputs/",
        {
            "kind": "preprint",
            "title": "API 논문",
            "year": 2025,
            "arxiv_id": "arXiv:2501.00001v3",
            "projects": [project.pk],
            "authors": [
                {"name": "Kim", "person": researcher.person.pk, "institution": kr.pk},
                {"name": "Dupont", "institution": fr.pk},
            ],
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["arxiv_id"] == "2501.00001"
    assert body["is_international"] is True
    assert [(a["position"], a["name"], a["country"]) for a in body["authors"]] == [
        (1, "Kim", "KR"),
        (2, "Dupont", "FR"),
    ]
    listed = api_client_for(None).get("/api/v1/research/outputs/?international=true&q=논문")
    assert [row["title"] for row in listed.json()["results"]] == ["API 논문"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"doi": "not a doi"}, "doi"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"kind": "patent", "patent_number": "12"}, "patent_number"),
        ({"year": "soon"}, "year"),
    ],
)
def test_invalid_identifiers_are_refused_naming_the_field(
    researcher, api_client_for, changes, field
):
    answer = api_client_for(researcher).post(
        "/api/v1/research/outputs/", {"title": "Bad", "year": 2024, **changes}, format="json"
    )
    assert answer.status_code == 400
    assert field in answer.json()
    assert not Output.objects.exists()


def test_a_duplicate_doi_is_a_400_and_nothing_changes(researcher, api_client_for):
    make_output("Existing", doi="10.1000/x")
    answer = api_client_for(researcher).post(
        "/api/v1/research/outputs/",
        {"title": "Copy", "year": 2024, "doi": "https://doi.org/10.1000/X"},
        format="json",
    )
    assert answer.status_code == 400
    assert Output.objects.count() == 1


def test_outputs_of_members_only_projects_are_hidden_and_foreign_projects_refused(
    researcher, api_client_for
):
    hidden = make_project(is_public=False)
    output = make_output("Hidden output", projects=[hidden])
    api = api_client_for(researcher)
    assert api.get(f"/api/v1/research/outputs/{output.pk}/").status_code == 404
    assert api.get("/api/v1/research/outputs/").json()["results"] == []
    answer = api.post(
        "/api/v1/research/outputs/",
        {"title": "Into a foreign project", "year": 2024, "projects": [make_project().pk]},
        format="json",
    )
    assert answer.status_code == 400 and "projects" in answer.json()
    assert Output.objects.count() == 1


def test_only_its_authors_and_managers_change_an_output(researcher, api_client_for):
    mine = make_output("Mine", authors=[("Me", researcher.person, None)])
    theirs = make_output("Theirs")
    api = api_client_for(researcher)
    assert api.patch(f"/api/v1/research/outputs/{mine.pk}/", {"venue": "ICML"}).status_code == 200
    assert api.patch(f"/api/v1/research/outputs/{theirs.pk}/", {"venue": "X"}).status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.venue, theirs.venue) == ("ICML", "")
    assert [a.name for a in mine.authors.all()] == ["Me"]
