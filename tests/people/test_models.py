import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factories import make_affiliation, make_institution, make_person
from nairl.people.models import Affiliation, Institution, Person

pytestmark = pytest.mark.django_db

PERSON_EXCLUDE = ["sort_name", "search_text", "user"]


def clean_errors(obj, exclude=()):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean(exclude=list(exclude))
    return caught.value.message_dict


def test_person_invalid_orcid_check_digit():
    errors = clean_errors(Person(name_en="Jane", orcid="0000-0002-1825-0098"), PERSON_EXCLUDE)
    assert errors["orcid"] == [
        "“0000-0002-1825-0098” is not a valid ORCID iD: its check digit does not match."
    ]


def test_person_orcid_url_is_stored_in_canonical_form():
    person = Person(name_en="Jane", orcid="https://orcid.org/0000-0002-1694-233x")
    person.full_clean(exclude=PERSON_EXCLUDE)
    assert person.orcid == "0000-0002-1694-233X"


def test_person_invalid_country():
    errors = clean_errors(Person(name_en="Jane", country="XX"), PERSON_EXCLUDE)
    assert "country" in errors
    assert "XX" in errors["country"][0]


def test_person_duplicate_orcid():
    make_person("Jane", orcid="0000-0002-1825-0097")
    errors = clean_errors(Person(name_en="John", orcid="0000-0002-1825-0097"), PERSON_EXCLUDE)
    assert errors["orcid"] == ["Person with this ORCID iD already exists."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name_en="John", orcid="0000-0002-1825-0097")


def test_people_without_orcid_do_not_collide():
    make_person("Jane", orcid="")
    make_person("John", orcid="")
    assert Person.objects.filter(orcid=None).count() == 2


def test_institution_invalid_ror():
    errors = clean_errors(
        Institution(name_en="X", country="KR", kind="university", ror_id="05apxxy64"), ["sort_name"]
    )
    assert errors["ror_id"] == ["“05apxxy64” is not a valid ROR id: its check digits do not match."]


def test_institution_ror_url_is_stored_in_canonical_form():
    # Longer than the nine-character column: normalised before the length check.
    institution = Institution(
        name_en="X", country="KR", kind="university", ror_id="https://ror.org/05APXXY63"
    )
    institution.full_clean(exclude=["sort_name"])
    assert institution.ror_id == "05apxxy63"


def test_overlong_non_identifier_gets_both_messages():
    errors = clean_errors(
        Person(name_en="Jane", orcid="https://example.org/0000-0002-1825-0097"), PERSON_EXCLUDE
    )
    assert any("at most 19 characters" in message for message in errors["orcid"])
    assert any("is not an ORCID iD" in message for message in errors["orcid"])


def test_institution_invalid_country_and_kind():
    errors = clean_errors(Institution(name_en="X", country="ZZ", kind="castle"), ["sort_name"])
    assert "ZZ" in errors["country"][0]
    assert "castle" in errors["kind"][0]


def test_institution_duplicate_ror():
    make_institution("KAIST", ror_id="05apxxy63")
    errors = clean_errors(
        Institution(name_en="Y", country="KR", kind="university", ror_id="05apxxy63"), ["sort_name"]
    )
    assert errors["ror_id"] == ["Institution with this ROR id already exists."]


def test_institutions_without_ror_do_not_collide():
    make_institution("A", ror_id="")
    make_institution("B", ror_id=None)
    assert Institution.objects.filter(ror_id=None).count() == 2


def test_institution_cycle_rejected():
    top = make_institution("University")
    middle = make_institution("College", parent=top)
    bottom = make_institution("Lab", parent=middle)
    top.parent = bottom
    errors = clean_errors(top, ["sort_name"])
    assert errors["parent"] == ["An institution cannot be its own ancestor."]
    top.parent = top
    assert clean_errors(top, ["sort_name"])["parent"] == [
        "An institution cannot be its own ancestor."
    ]


def test_institution_valid_parent_chain():
    top = make_institution("University")
    bottom = make_institution("Lab", parent=make_institution("College", parent=top))
    bottom.full_clean(exclude=["sort_name"])


def test_affiliation_end_before_start():
    affiliation = Affiliation(
        person=make_person("Jane"),
        institution=make_institution("KAIST"),
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2024, 4, 30),
    )
    assert clean_errors(affiliation)["end"] == ["The end date is before the start date."]


def test_affiliation_current():
    person, institution = make_person("Jane"), make_institution("KAIST")
    today = datetime.date.today()
    past = make_affiliation(
        person, institution, start=datetime.date(2010, 1, 1), end=datetime.date(2012, 1, 1)
    )
    now = make_affiliation(person, institution, start=today, end=None)
    future = make_affiliation(person, institution, start=today + datetime.timedelta(days=10))
    assert set(Affiliation.objects.current()) == {now}
    assert now.is_current and not past.is_current and not future.is_current


def test_sort_name_prefers_english_and_casefolds():
    assert make_person("Jane DOE", name_ko="제인").sort_name == "jane doe"
    assert make_person("", name_ko="김민준").sort_name == "김민준"


def test_str_and_urls():
    institution = make_institution("KAIST")
    person = make_person("Jane")
    assert str(institution) == "KAIST" and str(person) == "Jane"
    assert institution.get_absolute_url() == f"/institutions/{institution.pk}/"
    assert person.get_absolute_url() == f"/people/{person.pk}/"
    affiliation = make_affiliation(person, institution)
    assert str(affiliation) == "Jane — KAIST (Researcher)"
