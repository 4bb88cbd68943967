import pytest

from factories import make_person
from nairl.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ids", [[], [7], [42, 3, 3]])
def test_an_id_list_is_read_back_as_written(ids):
    """Person.expertise_ids is an IdListField: integer[] on PostgreSQL, JSON text on SQLite."""
    person = make_person("Jane")
    Person.objects.filter(pk=person.pk).update(expertise_ids=ids)
    assert Person.objects.get(pk=person.pk).expertise_ids == ids
    assert list(Person.objects.filter(pk=person.pk).values_list("expertise_ids", flat=True)) == [
        ids
    ]
