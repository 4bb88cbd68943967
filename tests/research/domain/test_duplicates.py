"""Duplicate outputs: found by identifier and by title, merged with the history kept."""

import pytest
from django.core.exceptions import ValidationError

from factories import make_person
from nairl.common.models import AuditEntry
from nairl.research.domain.duplicates import candidate_pairs, existing_matches, merge_outputs
from nairl.research.models import Output
from nairl.research.titles import title_key

from ..helpers import make_output, make_project

pytestmark = pytest.mark.django_db


def test_outputs_with_the_same_title_written_differently_are_candidates():
    kept = make_output("Sc{\\'a}ling Laws for Robots", year=2023)
    duplicate = make_output("Scaling laws for robots.", year=2024)
    make_output("Another paper")
    pairs = candidate_pairs()
    assert [(pair.kept, pair.duplicate) for pair in pairs] == [(kept, duplicate)]


def test_a_paper_recorded_by_its_arxiv_doi_is_the_preprint_recorded_by_id():
    preprint = make_output("Preprint title", kind=Output.Kind.PREPRINT, arxiv_id="2101.00001v2")
    paper = make_output("Published title", doi="https://doi.org/10.48550/arXiv.2101.00001")
    assert [(p.kept, p.duplicate) for p in candidate_pairs()] == [(preprint, paper)]


def test_a_second_output_with_the_same_doi_is_refused():
    make_output("First", doi="10.1234/same")
    with pytest.raises(ValidationError, match="Another output has this DOI"):
        make_output("Second", doi="https://doi.org/10.1234/SAME")
    assert Output.objects.count() == 1


def test_records_about_to_be_created_are_matched_to_existing_outputs():
    by_doi = make_output("One", doi="10.1234/one")
    by_title = make_output("Two words")
    found = existing_matches(
        [
            {"doi": "10.1234/one", "arxiv_id": None, "title_key": "x"},
            {"doi": None, "arxiv_id": None, "title_key": "nothing"},
            {"doi": None, "arxiv_id": None, "title_key": title_key("two  WORDS")},
        ]
    )
    assert found == {0: by_doi, 2: by_title}


def test_merging_combines_projects_identifiers_and_author_links_and_keeps_the_duplicate():
    person = make_person("Jane Doe")
    first, second = make_project(), make_project()
    kept = make_output("Merge me", authors=["Jane Doe"], projects=[first])
    duplicate = make_output(
        "Merge me!",
        doi="10.1234/merged",
        authors=[("Jane Doe", person, None)],
        projects=[second],
    )
    merge_outputs(duplicate=duplicate, into=kept, by=None)

    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert kept.doi == "10.1234/merged"
    assert set(kept.projects.all()) == {first, second}
    assert kept.authors.get().person == person
    assert AuditEntry.objects.filter(
        object_id=str(duplicate.pk), action=AuditEntry.Action.UPDATE
    ).exists()
    assert candidate_pairs() == []


def test_an_output_cannot_be_merged_twice_or_into_itself():
    kept, duplicate = make_output("Twice"), make_output("Twice")
    with pytest.raises(ValidationError):
        merge_outputs(duplicate=kept, into=kept, by=None)
    merge_outputs(duplicate=duplicate, into=kept, by=None)
    with pytest.raises(ValidationError, match="already been merged"):
        merge_outputs(duplicate=duplicate, into=kept, by=None)
