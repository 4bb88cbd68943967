"""The output pages: list with filters and search, create/edit with author rows, BibTeX,
CSL-JSON and ORCID import and export, duplicates for managers; bad input changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import make_institution, make_person, make_user, valid_orcid
from nairl.common.roles import Role
from nairl.research.models import Output

from .helpers import make_member, make_output, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher(db):
    user = make_user("output-author", Role.RESEARCHER)
    make_person("Output Author", user=user)
    return user


def output_form(**changes):
    data = {
        "kind": "paper",
        "title": "Scaling laws for 로봇",
        "venue": "NeurIPS",
        "year": "2024",
        "access": "open",
        "authors-TOTAL_FORMS": "3",
        "authors-INITIAL_FORMS": "0",
        "authors-0-name": "Kim, Min-su",
        "authors-1-name": "Jane Smith",
        "authors-2-name": "",
    }
    data.update(changes)
    return data


def test_a_member_adds_an_output_to_their_project_with_authors_in_order(researcher, client_for):
    project = make_project()
    make_member(project, researcher.person)
    partner = make_institution("Oxford", country="GB")
    kim = make_person("Min-su Kim", orcid=valid_orcid(5), institutions=[make_institution("KAIST")])
    answer = client_for(researcher).post(
        "/research/outputs/new/",
        output_form(
            projects=[project.pk],
            doi="https://doi.org/10.5555/ABC",
            **{"authors-0-person": kim.orcid, "authors-1-institution": str(partner.pk)},
        ),
    )
    assert answer.status_code == 302, answer.context["form"].errors
    output = Output.objects.get()
    assert output.doi == "10.5555/abc"
    assert [(a.name, a.person, a.country.code) for a in output.authors.all()] == [
        ("Kim, Min-su", kim, "KR"),
        ("Jane Smith", None, "GB"),
    ]
    assert output.is_international
    assert list(output.projects.all()) == [project]
    page = client_for(researcher).get(project.get_absolute_url()).content.decode()
    assert "Scaling laws for 로봇" in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"doi": "11.1/x"}, "not a DOI"),
        ({"arxiv_id": "2101.1"}, "not an arXiv id"),
        ({"kind": "patent"}, "needs its number"),
        ({"authors-0-person": "999999"}, "No one"),
        ({"year": "twenty"}, "whole number"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_saved(
    researcher, client_for, changes, message
):
    answer = client_for(researcher).post("/research/outputs/new/", output_form(**changes))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not Output.objects.exists()


def test_a_project_the_user_does_not_work_on_cannot_be_chosen(researcher, client_for):
    other = make_project()
    answer = client_for(researcher).post("/research/outputs/new/", output_form(projects=[other.pk]))
    assert answer.status_code == 400
    assert not Output.objects.exists()


def test_an_author_edits_the_author_rows(researcher, client_for):
    output = make_output("Editable", authors=[("Output Author", researcher.person, None)])
    data = output_form(
        title="Edited",
        **{"authors-0-name": "Someone First", "authors-1-name": "Output Author"},
    )
    answer = client_for(researcher).post(f"/research/outputs/{output.pk}/edit/", data)
    assert answer.status_code == 302, answer.context["form"].errors
    output.refresh_from_db()
    assert output.title == "Edited"
    assert [a.name for a in output.authors.all()] == ["Someone First", "Output Author"]


def test_someone_else_may_not_edit_an_output(client_for):
    output = make_output("Not yours")
    stranger = make_user("stranger", Role.RESEARCHER)
    assert client_for(stranger).get(f"/research/outputs/{output.pk}/edit/").status_code == 403


def test_the_list_searches_korean_and_english_and_filters(client_for):
    kr, ca = make_institution("KAIST", country="KR"), make_institution("Mila", country="CA")
    project = make_project()
    make_output("대규모 언어 모델", year=2023, authors=[("A", None, kr), ("B", None, ca)])
    make_output("Robot learning", year=2024, projects=[project], authors=[("C", None, kr)])
    anyone = client_for(None)

    def titles(query):
        answer = anyone.get(f"/research/outputs/?{query}")
        assert answer.status_code == 200
        return [output.title for output in answer.context["page"].items]

    assert titles("q=언어") == ["대규모 언어 모델"]
    assert titles("q=ROBOT") == ["Robot learning"]
    assert titles("international=true") == ["대규모 언어 모델"]
    assert titles("country=ca") == ["대규모 언어 모델"]
    assert titles(f"project={project.pk}") == ["Robot learning"]
    assert titles(f"program={project.program.pk}") == ["Robot learning"]
    assert titles("year=2023&kind=paper") == ["대규모 언어 모델"]
    assert anyone.get("/research/outputs/?year=abc").status_code == 400


def test_the_list_names_three_authors_then_et_al_in_the_readers_language(client_for):
    make_output("Four authors", year=2024, authors=["Kim", "Lee", "Park", "Choi"])
    make_output("Two authors", year=2023, authors=["Smith", "Jones"])
    make_output("No author", year=2022)
    anyone = client_for(None)
    page = anyone.get("/research/outputs/").content.decode()
    assert "<td>Kim; Lee; Park et al.</td>" in page and "Choi" not in page
    assert "<td>Smith; Jones</td>" in page and "<td></td>" in page
    anyone.post("/language/", {"language": "ko"})
    korean = anyone.get("/research/outputs/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<td>Kim; Lee; Park 외</td>" in korean


def test_outputs_of_a_members_only_project_stay_with_its_members(researcher, client_for):
    hidden = make_project(is_public=False)
    output = make_output("Secret result", projects=[hidden])
    assert client_for(None).get(output.get_absolute_url()).status_code == 404
    assert "Secret result" not in client_for(None).get("/research/outputs/").content.decode()
    make_member(hidden, researcher.person)
    assert client_for(researcher).get(output.get_absolute_url()).status_code == 200


def test_the_filtered_list_downloads_in_every_format(client_for):
    make_output("Downloaded 한국어", year=2022, authors=["Müller, Jörg"])
    make_output("Filtered out", year=2021)
    anyone = client_for(None)
    bib = anyone.get("/research/outputs/export.bib?year=2022").content.decode()
    assert "Downloaded 한국어" in bib and "Filtered out" not in bib
    csl = anyone.get("/research/outputs/export.json?year=2022").json()
    assert csl[0]["title"] == "Downloaded 한국어"
    assert csl[0]["author"] == [{"literal": "Müller, Jörg"}]
    assert "Downloaded" in anyone.get("/research/outputs/export.csv").content.decode("utf-8-sig")
    assert anyone.get("/research/outputs/export.xlsx").content[:2] == b"PK"
    assert anyone.get("/research/outputs/export.exe").status_code == 404


def test_a_bibtex_file_with_problems_is_refused_on_the_page_and_nothing_imported(
    researcher, client_for
):
    upload = SimpleUploadedFile(
        "refs.bib", b"@article{a, title={Fine}, year={2020}}\n@article{b, title={Bad}, year={x}}"
    )
    answer = client_for(researcher).post("/research/outputs/import/", {"file": upload})
    assert answer.status_code == 400
    assert "is not a year" in answer.content.decode()
    assert not Output.objects.exists()


def test_csl_json_and_orcid_files_are_told_apart_by_content_on_the_import_page(
    researcher, client_for
):
    items = '[{"title": "목록 항목", "issued": {"date-parts": [[2020]]}}, {"title": "Bad"}]'
    csl = SimpleUploadedFile("refs.json", items.encode())
    refused = client_for(researcher).post("/research/outputs/import/", {"file": csl})
    assert refused.status_code == 400
    assert "is not a year" in refused.content.decode()
    skipped = SimpleUploadedFile("refs.json", items.encode())
    answer = client_for(researcher).post(
        "/research/outputs/import/", {"file": skipped, "skip_invalid": "on"}
    )
    assert answer.status_code == 200
    assert [p.row for p in answer.context["report"].skipped] == [2]
    orcid = SimpleUploadedFile(
        "record.json",
        b'{"orcid-identifier": {"path": "%s"}, "activities-summary": {"works": {"group": '
        b'[{"work-summary": [{"title": {"title": {"value": "ORCID work"}}, '
        b'"publication-date": {"year": {"value": "2021"}}}]}]}}}' % valid_orcid(5).encode(),
    )
    assert (
        client_for(researcher).post("/research/outputs/import/", {"file": orcid}).status_code == 200
    )
    assert sorted(Output.objects.values_list("title", flat=True)) == ["ORCID work", "목록 항목"]
    assert [a.name for a in Output.objects.get(title="ORCID work").authors.all()] == [
        valid_orcid(5)
    ]


def test_a_manager_merges_a_duplicate_from_the_duplicates_page(client_for):
    director = make_user("merging-director", Role.PROGRAM_DIRECTOR)
    kept, duplicate = make_output("Same work"), make_output("Same  WORK")
    page = client_for(director).get("/research/outputs/duplicates/")
    assert page.status_code == 200 and len(page.context["pairs"]) == 1
    answer = client_for(director).post(
        "/research/outputs/duplicates/", {"kept": kept.pk, "duplicate": duplicate.pk}
    )
    assert answer.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    again = client_for(director).post(
        "/research/outputs/duplicates/", {"kept": kept.pk, "duplicate": duplicate.pk}
    )
    assert again.status_code == 400


def test_the_home_page_shows_my_projects_and_my_outputs(researcher, client_for):
    project = make_project(title_en="My home project")
    make_member(project, researcher.person)
    make_output("My home output", authors=[("Me", researcher.person, None)])
    page = client_for(researcher).get("/").content.decode()
    assert "My home project" in page and "My home output" in page
