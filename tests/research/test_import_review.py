"""The review of an import's author links: names not linked by ORCID are matched to the
directory persons of that name only as the importer chooses; nothing is saved before the
choices are confirmed, and a choice that is not one of the name's candidates changes nothing."""

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import make_institution, make_person, make_user, valid_orcid
from nairl.common.imports import ImportRefused
from nairl.common.roles import Role
from nairl.research.domain.importing import name_key
from nairl.research.domain.output_files import import_output_file
from nairl.research.models import Output, OutputAuthor

pytestmark = pytest.mark.django_db

ENTRIES = f"""
@article{{one,
  title = {{Robots in Seoul}},
  author = {{Lee, Min and Park, Ji-ho and Smith, Jane}},
  orcid = {{{valid_orcid(31)}}},
  year = {{2023}}
}}
@article{{two,
  title = {{Robots in Toronto}},
  author = {{Park, Ji-ho and Nobody, Known}},
  year = {{2024}}
}}
""".encode()


@pytest.fixture
def directory():
    kaist = make_institution("KAIST", country="KR")
    toronto = make_institution("University of Toronto", country="CA")
    return {
        "park_kr": make_person("Ji-ho Park", institutions=[kaist]),
        "park_ca": make_person("Ji-ho Park", institutions=[toronto]),
        "smith": make_person("Jane Smith", institutions=[toronto]),
        "lee": make_person("Min Lee", orcid=valid_orcid(31), institutions=[kaist]),
    }


def test_names_are_written_given_name_first_with_single_spaces_and_composed_accents():
    assert name_key("Müller,   Jörg") == "Jörg Müller"
    assert name_key("Jo\u0308rg  Mu\u0308ller") == "Jörg Müller"
    assert name_key("김철수") == "김철수"


def test_the_review_lists_namesakes_not_linked_by_orcid_and_saves_nothing(directory):
    report = import_output_file(source=ENTRIES, review=True, by=None)
    assert report.candidates == {
        "Ji-ho Park": {directory["park_kr"].pk, directory["park_ca"].pk},
        "Jane Smith": {directory["smith"].pk},
    }  # Min Lee is linked by ORCID; "Known Nobody" has no namesake
    assert not Output.objects.exists()


def test_the_choices_are_applied_to_every_entry_and_orcid_links_kept(directory):
    choices = {"Ji-ho Park": directory["park_ca"].pk, "Jane Smith": None}
    import_output_file(source=ENTRIES, author_choices=choices, by=None)
    seoul = Output.objects.get(title="Robots in Seoul")
    assert [a.person for a in seoul.authors.all()] == [directory["lee"], directory["park_ca"], None]
    toronto = Output.objects.get(title="Robots in Toronto")
    assert [a.person for a in toronto.authors.all()] == [directory["park_ca"], None]
    # Toronto (Park) and KAIST (Lee): the authors' countries and the flag, set at import.
    assert [a.country.code for a in seoul.authors.all()] == ["KR", "CA", ""]
    assert seoul.is_international and not toronto.is_international
    assert (seoul.countries, toronto.countries) == ("CA KR", "CA")  # the country filter's column


@pytest.mark.parametrize("park", ["smith", "missing"])
def test_a_choice_missing_or_not_among_the_candidates_refuses_the_import(directory, park):
    choices = {"Jane Smith": None}
    if park != "missing":  # Jane Smith's id given for Ji-ho Park: not one of his namesakes
        choices["Ji-ho Park"] = directory[park].pk
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=ENTRIES, author_choices=choices, skip_invalid=True, by=None)
    assert [problem.column for problem in refused.value.report.problems] == ["author"]
    assert "Ji-ho Park" in refused.value.report.problems[0].message
    assert not Output.objects.exists()


def upload(client, content=ENTRIES):
    return client.post("/research/outputs/import/", {"file": SimpleUploadedFile("r.bib", content)})


def test_the_page_asks_for_the_namesakes_then_imports_with_the_choices(directory, client_for):
    browser = client_for(make_user("reviewer", Role.RESEARCHER))
    review = upload(browser)
    assert review.status_code == 200
    assert not Output.objects.exists()
    page = review.content.decode()
    assert "nothing has been imported yet" in page
    assert "Ji-ho Park — KAIST (South Korea)" in page
    assert "Ji-ho Park — University of Toronto (Canada)" in page
    form = review.context["review_form"]
    assert form.fields["author-0"].initial == str(directory["smith"].pk)  # the only Jane Smith
    assert form.fields["author-1"].initial == ""  # two Ji-ho Parks: none preselected
    data = {"token": form.initial["token"], "author-0": "", "author-1": directory["park_kr"].pk}
    done = browser.post("/research/outputs/import/", data)
    assert done.status_code == 200
    assert done.context["report"].created == 2
    assert set(OutputAuthor.objects.exclude(person=None).values_list("person", flat=True)) == {
        directory["park_kr"].pk,
        directory["lee"].pk,
    }


def test_a_file_without_namesakes_is_imported_at_once(client_for, researcher):
    answer = upload(client_for(researcher))
    assert answer.status_code == 200
    assert answer.context["report"].created == 2


def test_tampered_reviews_change_nothing(directory, client_for):
    reviewer = make_user("reviewer", Role.RESEARCHER)
    browser = client_for(reviewer)
    token = upload(browser).context["review_form"].initial["token"]
    outsider = directory["smith"].pk
    wrong_person = browser.post(
        "/research/outputs/import/", {"token": token, "author-0": "", "author-1": outsider}
    )
    assert wrong_person.status_code == 400
    assert "not one of the available choices" in wrong_person.content.decode()
    forged = signing.dumps({"user": reviewer.pk, "text": "@article{x, title={X}, year={2020}}"})
    for bad in (token[:-3] + "abc", forged):
        answer = browser.post("/research/outputs/import/", {"token": bad, "author-1": ""})
        assert answer.status_code == 400
        assert "This review is not valid" in answer.content.decode()
    someone_else = client_for(make_user("other", Role.RESEARCHER))
    stolen = someone_else.post("/research/outputs/import/", {"token": token, "author-0": ""})
    assert stolen.status_code == 400
    assert not Output.objects.exists()
