"""ORCID public record import: the works of a `/record` or `/works` download, the owner linked
by ORCID iD, bad groups one by one, duplicates."""

import datetime
import json

import pytest

from factories import make_person, valid_orcid
from nairl.common.imports import ImportRefused
from nairl.research.domain.output_files import import_output_file
from nairl.research.models import Output

from ..helpers import make_output

pytestmark = pytest.mark.django_db

OWNER = valid_orcid(42)


def work(title, kind="journal-article", year="2023", ids=(), journal=None, month=None, day=None):
    date = {
        "year": {"value": year},
        "month": month and {"value": month},
        "day": day and {"value": day},
    }
    return {
        "type": kind,
        "title": {"title": {"value": title}, "subtitle": None},
        "publication-date": date,
        "journal-title": journal and {"value": journal},
        "external-ids": {
            "external-id": [
                {
                    "external-id-type": id_type,
                    "external-id-value": value,
                    "external-id-relationship": relationship,
                }
                for id_type, value, relationship in ids
            ]
        },
    }


WORKS = [
    work(
        "Scäling Laws for Café Robots",
        ids=[("doi", "10.1234/ABC.1", "self"), ("issn", "1234-5678", "part-of")],
        journal="Journal of AI",
    ),
    work(
        "대규모 언어 모델의 스케일링 법칙",
        "preprint",
        "2024",
        [("arxiv", "arXiv:2403.00001", "self")],
        month="03",
        day="05",
    ),
    work("Robot data", "data-set", "2022"),
]


def record(works, *, person=True) -> bytes:
    data = {
        "orcid-identifier": {"uri": f"https://orcid.org/{OWNER}", "path": OWNER},
        "activities-summary": {
            "works": {"group": [{"work-summary": [summary, {"title": None}]} for summary in works]}
        },
    }
    if person:
        data["person"] = {
            "name": {"given-names": {"value": "Min-su"}, "family-name": {"value": "Kim"}}
        }
    return json.dumps(data, ensure_ascii=False).encode()


def test_the_works_of_a_record_are_imported_with_the_owner_linked_by_orcid():
    owner = make_person("Someone Else", orcid=OWNER)
    report = import_output_file(source=record(WORKS), by=None)
    assert report.created == 3
    paper = Output.objects.get(doi="10.1234/abc.1")
    assert (paper.kind, paper.title, paper.venue, paper.year) == (
        "paper",
        "Scäling Laws for Café Robots",
        "Journal of AI",
        2023,
    )
    preprint = Output.objects.get(arxiv_id="2403.00001")
    assert (preprint.kind, preprint.title) == ("preprint", "대규모 언어 모델의 스케일링 법칙")
    assert preprint.published == datetime.date(2024, 3, 5)
    assert Output.objects.get(title="Robot data").kind == "dataset"
    authors = [(a.name, a.person) for output in Output.objects.all() for a in output.authors.all()]
    assert authors == [("Kim, Min-su", owner)] * 3
    assert report.unmatched_authors == []


def test_a_works_download_without_a_person_keeps_the_owner_under_their_orcid():
    data = {
        "path": f"/{OWNER}/works",
        "group": [{"work-summary": [summary]} for summary in WORKS[:1]],
    }
    report = import_output_file(source=json.dumps(data).encode(), by=None)
    assert report.created == 1
    assert [a.name for a in Output.objects.get().authors.all()] == [OWNER]
    assert [name for _item, name in report.unmatched_authors] == [OWNER]


def test_bad_groups_are_reported_one_by_one_and_the_valid_ones_imported_when_asked():
    data = json.loads(record(WORKS))
    groups = data["activities-summary"]["works"]["group"]
    groups[1] = {"work-summary": []}
    groups[2]["work-summary"][0]["publication-date"] = None
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=json.dumps(data).encode(), by=None)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [
        (2, "work-summary"),
        (3, "year"),
    ]
    assert Output.objects.count() == 0

    report = import_output_file(source=json.dumps(data).encode(), skip_invalid=True, by=None)
    assert report.created == 1
    assert [p.row for p in report.skipped] == [2, 3]


def test_a_record_without_works_is_refused():
    data = {"orcid-identifier": {"path": OWNER}, "activities-summary": {"works": None}}
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=json.dumps(data).encode(), by=None)
    assert "lists no works" in refused.value.report.problems[0].message


def test_works_already_in_the_hub_are_reported_not_created():
    existing = make_output("Something else", doi="10.1234/abc.1")
    report = import_output_file(source=record(WORKS, person=False), by=None)
    assert report.created == 2
    assert report.duplicates == [(1, existing)]


def test_malformed_parts_of_a_record_are_read_as_missing_not_as_errors_of_the_code():
    data = {
        "orcid-identifier": "not an object",
        "person": None,
        "activities-summary": {"works": {"group": [None, {"work-summary": [WORKS[0]]}]}},
    }
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=json.dumps(data).encode(), by=None)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(1, "work-summary")]
    report = import_output_file(source=json.dumps(data).encode(), skip_invalid=True, by=None)
    assert report.created == 1
    assert Output.objects.get().authors.count() == 0
