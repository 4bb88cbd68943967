from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from factories import make_affiliation, make_institution, make_person
from nairl.people.domain.importing import import_directory
from nairl.people.domain.indexing import reindex
from nairl.people.domain.search import DirectoryQuery, search_people
from nairl.people.models import ExpertiseArea, Institution, Person

pytestmark = pytest.mark.django_db
EXPERTISE_IDS_MIGRATION = import_module("nairl.people.migrations.0007_person_expertise_ids")


def text_of(person):
    return Person.objects.get(pk=person.pk).search_text


def test_search_text_holds_names_orcid_country_in_both_languages():
    person = make_person("Minjun KIM", name_ko="김민준", orcid="0000-0002-1825-0097", country="KR")
    text = text_of(person)
    assert "minjun kim" in text and "김민준" in text
    assert "0000-0002-1825-0097" in text
    assert "south korea" in text and "대한민국" in text or "한국" in text


def test_search_text_follows_expertise():
    person = make_person("Jane")
    person.expertise.add(ExpertiseArea.objects.get(code="cs.RO"))
    assert "cs.ro" in text_of(person) and "robotics" in text_of(person)
    person.expertise.clear()
    assert "cs.ro" not in text_of(person)
    person.expertise.add(ExpertiseArea.objects.get(code="cs.LG"))
    person.expertise.remove(ExpertiseArea.objects.get(code="cs.LG"))
    assert "cs.lg" not in text_of(person)


def expertise_ids_of(person):
    return Person.objects.get(pk=person.pk).expertise_ids


def area_ids(*codes):
    return sorted(ExpertiseArea.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_expertise_ids_follow_expertise():
    person = make_person("Jane", expertise=["cs.RO"])
    assert expertise_ids_of(person) == area_ids("cs.RO")
    person.expertise.add(*ExpertiseArea.objects.filter(code__in=["cs.LG", "cs.AI"]))
    assert expertise_ids_of(person) == area_ids("cs.RO", "cs.LG", "cs.AI")
    person.expertise.remove(ExpertiseArea.objects.get(code="cs.RO"))
    assert expertise_ids_of(person) == area_ids("cs.LG", "cs.AI")
    person.expertise.set(ExpertiseArea.objects.filter(code="cs.CV"))
    assert expertise_ids_of(person) == area_ids("cs.CV")
    person.expertise.clear()
    assert expertise_ids_of(person) == []


def test_expertise_ids_follow_changes_made_from_the_fields_side():
    jane, joe = make_person("Jane"), make_person("Joe", expertise=["cs.AI"])
    robotics = ExpertiseArea.objects.get(code="cs.RO")
    robotics.people.add(jane, joe)
    assert expertise_ids_of(jane) == area_ids("cs.RO")
    assert expertise_ids_of(joe) == area_ids("cs.RO", "cs.AI")
    robotics.people.remove(joe)
    assert expertise_ids_of(joe) == area_ids("cs.AI")
    robotics.people.add(joe)
    robotics.people.clear()
    assert expertise_ids_of(jane) == [] and expertise_ids_of(joe) == area_ids("cs.AI")
    assert "cs.ro" not in text_of(jane)


def test_expertise_ids_follow_the_importers_bulk_inserts():
    content = "name_ko,name_en,country,expertise\n박바다,Bada Park,KR,cs.LG;cs.RO\n".encode()
    assert import_directory(kind="people", filename="people.csv", source=content).created == 1
    assert Person.objects.get(name_en="Bada Park").expertise_ids == area_ids("cs.LG", "cs.RO")


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor runs outside a transaction
def test_the_migration_fills_expertise_ids_from_the_links():
    """Migration 0007's fill gives every person what `reindex` keeps (sorted, [] for none)."""
    fields = make_person("Two Fields", expertise=["cs.RO", "cs.AI"])
    none = make_person("No Field")
    Person.objects.update(expertise_ids=[])
    with connection.schema_editor() as editor:
        EXPERTISE_IDS_MIGRATION.fill(apps, editor)
    assert expertise_ids_of(fields) == area_ids("cs.RO", "cs.AI")
    assert expertise_ids_of(none) == []


def test_search_text_follows_affiliations():
    person, institution = make_person("Jane"), make_institution("Seoul Robotics Institute")
    affiliation = make_affiliation(person, institution)
    assert "seoul robotics institute" in text_of(person)
    affiliation.delete()
    assert "seoul robotics institute" not in text_of(person)


def test_search_text_follows_institution_renames():
    institution = make_institution("Old Name Institute", name_ko="옛이름연구소")
    person = make_person("Jane", institutions=[institution])
    institution = Institution.objects.get(pk=institution.pk)
    institution.name_en = "New Name Institute"
    institution.name_ko = "새이름연구소"
    institution.save()
    text = text_of(person)
    assert "new name institute" in text and "새이름연구소" in text
    assert "old name" not in text and "옛이름" not in text


def test_search_text_and_ids_follow_a_fields_rename_and_deletion():
    area = ExpertiseArea.objects.create(code="cs.XX", name_ko="가상분야", name_en="Imaginary Field")
    person = make_person("Jane", expertise=["cs.XX", "cs.RO"])
    other = make_person("John", expertise=["cs.RO"])
    area.name_en, area.name_ko = "Renamed Field", "새분야"
    area.save()
    text = text_of(person)
    assert "renamed field" in text and "새분야" in text and "imaginary" not in text
    area.delete()
    assert "cs.xx" not in text_of(person) and "renamed field" not in text_of(person)
    assert expertise_ids_of(person) == area_ids("cs.RO") == expertise_ids_of(other)
    assert not search_people(DirectoryQuery(text="새분야")).exists()


def test_search_text_follows_own_name_change():
    person = make_person("Jane")
    person.name_en = "Janet"
    person.save()
    assert text_of(person).startswith("janet")


def test_reindex_batch_query_count_does_not_grow(django_assert_num_queries):
    institution = make_institution("KAIST")
    people = [
        make_person(f"P{i}", institutions=[institution], expertise=["cs.AI"]) for i in range(12)
    ]
    with django_assert_num_queries(4):  # people, expertise, affiliations, one bulk update
        assert reindex([people[0].pk]) == 1
    with django_assert_num_queries(4):
        assert reindex([p.pk for p in people]) == 12
