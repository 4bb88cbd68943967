"""International co-authorship: the authors' countries on the day of publication."""

import datetime

import pytest

from factories import make_affiliation, make_institution, make_person
from nairl.research.domain.coauthorship import Stint, country_on, is_international
from nairl.research.domain.duplicates import merge_outputs
from nairl.research.domain.output_files import import_output_file
from nairl.research.domain.outputs import update_output
from nairl.research.models import Output, OutputAuthor

from ..helpers import make_output

pytestmark = pytest.mark.django_db
DAY = datetime.date


def test_the_latest_affiliation_valid_that_day_wins_over_the_written_one():
    stints = [Stint(DAY(2018, 1, 1), None, "KR"), Stint(DAY(2022, 1, 1), None, "CA")]
    assert country_on(DAY(2021, 6, 1), stints, "FR") == "KR"
    assert country_on(DAY(2023, 6, 1), stints, "FR") == "CA"
    assert country_on(DAY(2010, 6, 1), stints, "FR") == "FR"
    assert country_on(DAY(2010, 6, 1), stints, "") == ""


def test_unknown_countries_do_not_make_an_output_international():
    assert is_international(["KR", "CA"])
    assert not is_international(["KR", "KR", ""])
    assert not is_international([])


def test_a_person_who_moved_country_counts_where_they_were_on_the_day():
    seoul = make_institution("Seoul Lab", country="KR")
    montreal = make_institution("Montreal Lab", country="CA")
    mover = make_person("Mover")
    make_affiliation(mover, seoul, start=DAY(2018, 1, 1), end=DAY(2021, 12, 31))
    make_affiliation(mover, montreal, start=DAY(2022, 1, 1))
    stayer = make_person("Stayer", institutions=[seoul])
    authors = [("Mover", mover, None), ("Stayer", stayer, None)]

    before = make_output("Before the move", year=2021, authors=authors)
    after = make_output("After the move", year=2023, published=DAY(2023, 2, 1), authors=authors)

    before.refresh_from_db()
    after.refresh_from_db()
    assert not before.is_international
    assert after.is_international
    assert list(after.authors.values_list("country", flat=True)) == ["CA", "KR"]


def test_an_author_outside_the_directory_counts_by_the_written_affiliations_institution():
    output = make_output(
        "Written affiliations",
        authors=[
            ("A. Kim", None, make_institution("KAIST", country="KR")),
            ("B. Smith", None, make_institution("Oxford", country="GB")),
        ],
    )
    output.refresh_from_db()
    assert output.is_international
    update_output(output=output, authors=[OutputAuthor(name="A. Kim")], projects=None, by=None)
    output.refresh_from_db()
    assert not output.is_international


def test_the_outputs_countries_column_follows_create_edit_merge_and_import():
    kr, gb = make_institution("KAIST", country="KR"), make_institution("Oxford", country="GB")
    output = make_output("Countries", authors=[("A", None, kr), ("B", None, gb), ("C", None, kr)])
    assert output.countries == "GB KR"
    update_output(output=output, authors=[OutputAuthor(name="A", institution=gb)], by=None)
    assert Output.objects.get(pk=output.pk).countries == "GB"
    twin = make_output("countries", authors=[("Z", None, kr)])
    merge_outputs(duplicate=twin, into=output, by=None)
    assert Output.objects.get(pk=output.pk).countries == "GB"
    update_output(output=output, authors=[OutputAuthor(name="Nobody")], by=None)
    assert Output.objects.get(pk=output.pk).countries == ""
    source = b"@article{a, title={Imported}, author={Kim, A.}, year={2021}}"
    import_output_file(source=source, by=None)
    assert Output.objects.get(title="Imported").countries == ""
