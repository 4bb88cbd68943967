"""CSL-JSON import (accents, Korean, bad items one by one, invalid JSON, duplicates, author
links) and the CSL-JSON export that reads back to the same records."""

import datetime
import json

import pytest

from factories import make_person, valid_orcid
from nairl.common.imports import ImportRefused
from nairl.research.domain.output_files import import_output_file
from nairl.research.models import Output

from ..helpers import assert_export_reads_back, make_output

pytestmark = pytest.mark.django_db

ITEMS = [
    {
        "type": "article-journal",
        "title": "Scäling Laws for Café Robots & Friends",
        "author": [
            {"family": "Müller", "given": "Jörg", "ORCID": f"https://orcid.org/{valid_orcid(7)}"},
            {"family": "Kim", "given": "Min-su"},
            {"literal": "김철수"},
        ],
        "issued": {"date-parts": [[2023]]},
        "container-title": "Journal of AI",
        "DOI": "https://doi.org/10.1234/ABC.1",
    },
    {
        "type": "article",
        "title": "대규모 언어 모델의 스케일링 법칙",
        "author": [{"literal": "이영희"}, {"family": "Smith", "given": "Jane"}],
        "issued": {"date-parts": [["2024", "3", "5"]]},
        "note": "arXiv:2403.00001v2",
    },
    {
        "type": "software",
        "genre": "model",
        "title": "Weights",
        "issued": {"date-parts": [[2022]]},
        "URL": "https://hf.example/m",
    },
    {
        "type": "patent",
        "title": "Method for robots",
        "issued": {"date-parts": [[2023]]},
        "number": "KR10-2023-0012345",
    },
]


def csl(items) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode()


def test_items_are_read_with_accents_korean_dates_identifiers_and_kinds():
    report = import_output_file(source=csl(ITEMS), by=None)
    assert report.created == 4
    paper = Output.objects.get(doi="10.1234/abc.1")
    assert (paper.kind, paper.title, paper.venue) == (
        "paper",
        "Scäling Laws for Café Robots & Friends",
        "Journal of AI",
    )
    assert [a.name for a in paper.authors.all()] == ["Müller, Jörg", "Kim, Min-su", "김철수"]
    preprint = Output.objects.get(arxiv_id="2403.00001")
    assert (preprint.kind, preprint.title) == ("preprint", "대규모 언어 모델의 스케일링 법칙")
    assert preprint.published == datetime.date(2024, 3, 5)
    assert Output.objects.get(title="Weights").kind == "model"
    assert Output.objects.get(kind="patent").patent_number == "KR1020230012345"


def test_export_then_import_gives_the_same_records():
    import_output_file(source=csl(ITEMS), by=None)
    make_output("Code ~ ^ \\ $x$ #1", kind=Output.Kind.CODE, url="https://github.com/x/y")
    assert_export_reads_back("json")


BAD = [
    {"type": "article-journal", "title": "Fine item", "issued": {"date-parts": [[2021]]}},
    "not an object",
    {"title": "No year"},
    {"title": ["a", "list"], "issued": {"date-parts": [[2020]]}},
    {"title": "Bad DOI", "issued": {"date-parts": [[2020]]}, "DOI": "11.1/x"},
    {"title": "Bad authors", "issued": {"date-parts": [[2020]]}, "author": "Kim"},
]


def test_bad_items_are_reported_one_by_one_with_their_number_and_nothing_is_imported():
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=csl(BAD), by=None)
    report = refused.value.report
    problems = [(p.row, p.column) for p in report.problems]
    assert problems == [(2, ""), (4, "title"), (6, "author"), (3, "year"), (5, "doi")]
    assert str(report.position_name) == "Item"
    assert Output.objects.count() == 0


def test_the_valid_items_are_imported_when_asked():
    report = import_output_file(source=csl(BAD), skip_invalid=True, by=None)
    assert report.created == 1
    assert sorted(p.row for p in report.skipped) == [2, 3, 4, 5, 6]
    assert list(Output.objects.values_list("title", flat=True)) == ["Fine item"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'[{"title": "x",', "not valid JSON (line 1"),
        (b'{"items": []}', "neither a CSL-JSON list"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_invalid_json_is_refused_with_one_clear_problem(content, expected):
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=content, by=None)
    (problem,) = refused.value.report.problems
    assert expected in problem.message
    assert problem.row is None


def test_duplicates_and_author_links_work_as_for_bibtex():
    existing = make_output("Method for robots!")
    by_orcid = make_person("Someone Else", orcid=valid_orcid(7))
    by_name = make_person("Jane Smith")
    again = {"title": "대규모 언어모델의 스케일링 법칙.", "issued": {"date-parts": [[2024]]}}
    report = import_output_file(source=csl([*ITEMS, again]), by=None)
    assert report.created == 3
    assert [output for _item, output in report.duplicates][0] == existing
    assert [item for item, _output in report.duplicates] == [4, 5]
    paper = Output.objects.get(doi="10.1234/abc.1")
    assert paper.authors.first().person == by_orcid
    preprint = Output.objects.get(arxiv_id="2403.00001")
    assert [a.person for a in preprint.authors.all()] == [None, by_name]
