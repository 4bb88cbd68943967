import pytest

from factories import make_affiliation, make_institution, make_person
from nairl.people.domain.indexing import reindex
from nairl.people.models import ExpertiseArea, Institution, Person

pytestmark = pytest.mark.django_db


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
