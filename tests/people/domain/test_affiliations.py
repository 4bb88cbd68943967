"""The affiliation verbs: added, corrected, ended; an end before the start is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from factories import make_affiliation, make_institution, make_person
from nairl.people.domain.affiliations import end_affiliation, save_affiliation
from nairl.people.models import Affiliation

START = datetime.date(2024, 3, 1)


@pytest.mark.django_db
def test_add_then_correct_then_end():
    person, institution = make_person(), make_institution()
    affiliation = save_affiliation(
        affiliation=Affiliation(person=person, institution=institution, start=START), by=None
    )
    assert affiliation in person.affiliations.current()
    affiliation.role = Affiliation.Role.POSTDOC
    save_affiliation(affiliation=affiliation, by=None)
    affiliation.end = datetime.date(2025, 2, 28)
    end_affiliation(affiliation=affiliation, by=None)
    stored = Affiliation.objects.get(pk=affiliation.pk)
    assert (stored.role, stored.end) == (Affiliation.Role.POSTDOC, datetime.date(2025, 2, 28))
    assert not person.affiliations.current().exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused_and_nothing_changes():
    affiliation = make_affiliation(make_person(), make_institution(), start=START)
    affiliation.end = START - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        end_affiliation(affiliation=affiliation, by=None)
    assert refused.value.message_dict == {"end": ["The end date is before the start date."]}
    assert Affiliation.objects.get(pk=affiliation.pk).end is None


@pytest.mark.django_db
def test_ending_needs_a_day():
    affiliation = make_affiliation(make_person(), make_institution(), start=START)
    with pytest.raises(ValidationError) as refused:
        end_affiliation(affiliation=affiliation, by=None)
    assert "end" in refused.value.message_dict


@pytest.mark.django_db
def test_a_new_affiliation_is_checked_too():
    affiliation = Affiliation(
        person=make_person(), institution=make_institution(), start=START, end=START.replace(2020)
    )
    with pytest.raises(ValidationError):
        save_affiliation(affiliation=affiliation, by=None)
    assert not Affiliation.objects.exists()
