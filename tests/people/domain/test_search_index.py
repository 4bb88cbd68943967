"""Directory search through the trigram indexes (SQLite FTS5, PostgreSQL pg_trgm) answers exactly
what testing every person's search text for every word answers, and the index follows every
way people are written: one at a time, the demo's and the importer's bulk inserts, updates,
deletes, and table rebuilds by later migrations."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate

from factories import make_affiliation, make_institution, make_person
from nairl.people import demo
from nairl.people.domain import search_index
from nairl.people.domain.importing import import_directory
from nairl.people.domain.search import DirectoryQuery, search, search_people
from nairl.people.models import Affiliation, Institution, Person

pytestmark = pytest.mark.django_db

QUERIES = [
    "김민",  # two Korean letters: no trigram of its own
    "카이",
    "김",  # one letter
    "민준",
    "대한민국",
    "kim",
    "KIM min",
    "park lee",
    "kaist",
    "한국과학기술원",
    "카이스트",  # an institution's other name
    "cs.ro",
    "0000-0000",
    "seoul kim 김",
    "zzqx",
    "zq",
    "ab",
    "é",
    "ç",
    "الله",
    "田中",
    "%",
    "_a",
    '"',
    '""',
    'a"b',
    "kim* OR lee",
    "NEAR(kim",
    "a b c d e f g h i j",  # more than the eight words read
    "x\ud7ff",  # the last letter before the surrogates
    "0000-0000-0000-00",  # more trigrams than are looked up
    "technologyinstitute",
]


def plain_search(query: DirectoryQuery) -> set[int]:
    """What search means: every word a substring of the case-folded search text."""
    people = search_people(
        DirectoryQuery(country=query.country, institution=query.institution, kind=query.kind)
    )
    if query.expertise:  # by the links themselves, not the ids kept on the person
        people = people.filter(expertise__code=query.expertise)
    return {
        pk
        for pk, text in people.values_list("pk", "search_text")
        if all(word in text for word in query.words)
    }


def ids(query: DirectoryQuery) -> set[int]:
    return set(search_people(query).values_list("pk", flat=True))


@pytest.fixture
def demo_people():
    demo.load("small", io.StringIO())
    return Person.objects.count()


def test_the_index_answers_what_the_plain_test_answers(demo_people):
    kaist = Institution.objects.get(ror_id="05apxxy63")
    queries = [DirectoryQuery(text=text) for text in QUERIES] + [
        DirectoryQuery(text="kim", country="KR"),
        DirectoryQuery(text="김민", institution=kaist),
        DirectoryQuery(text="lee", country="KR", expertise="cs.LG"),
        DirectoryQuery(text="카이", kind="university"),
        DirectoryQuery(expertise="cs.RO"),
        DirectoryQuery(institution=kaist),
        DirectoryQuery(expertise="cs.LG", country="KR"),
        DirectoryQuery(text="kim", expertise="cs.CV", institution=kaist),
        DirectoryQuery(text="민", expertise="cs.AI", kind="university"),
        DirectoryQuery(text="ab", expertise="cs.LG"),
        DirectoryQuery(expertise="cs.GL", country="US"),  # a field nobody has
    ]
    found_any = 0
    for query in queries:
        expected = plain_search(query)
        found = search(query)
        # The people paged through and the people counted are the same.
        assert ids(query) == expected == set(found.counted.values_list("pk", flat=True)), query
        in_order = Person.objects.filter(pk__in=expected).values_list("pk", flat=True)
        assert list(found.people.values_list("pk", flat=True)) == list(in_order), query
        found_any += bool(expected)
    assert found_any >= len(queries) // 2  # the queries do find people


def test_korean_substrings_are_found_through_the_index():
    person = make_person("Minjun Kim", name_ko="김민준", country="KR")
    make_person("Somebody Else", name_ko="이서연", country="KR")
    for text in ("김민", "민준", "김민준", "minj"):
        assert ids(DirectoryQuery(text=text)) == {person.pk}, text
        assert uses_the_index(DirectoryQuery(text=text)), text


def uses_the_index(query: DirectoryQuery) -> bool:
    """Whether the database answers the query from the search index."""
    sql, params = search_people(query).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return search_index.FTS_TABLE in sql
        # On a handful of rows PostgreSQL rightly prefers reading them all, or in order; ask it
        # for a plan that reads an index without reading rows in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return search_index.SEARCH_INDEX in plan or search_index.PAIR_INDEX in plan


def test_the_index_follows_updates_and_deletes():
    institution = make_institution("Seoul Robotics Lab", name_ko="서울로봇연구소")
    person = make_person("Jane Doe", institutions=[institution])
    assert ids(DirectoryQuery(text="로봇")) == {person.pk}
    institution.name_ko = "부산기계연구소"
    institution.save()
    assert ids(DirectoryQuery(text="로봇")) == set()
    assert ids(DirectoryQuery(text="부산기계")) == {person.pk}
    person.delete()
    assert ids(DirectoryQuery(text="부산기계")) == set()


def test_the_index_follows_the_importers_bulk_inserts():
    make_institution("Seoul Robotics Lab", name_ko="서울로봇연구소", ror_id="05apxxy63")
    content = (
        "name_ko,name_en,country,expertise,institution_ror_id\n"
        "최하늘,Haneul Choi,KR,cs.RO,05apxxy63\n"
        "박바다,Bada Park,KR,cs.LG,\n"
    ).encode()
    assert import_directory(kind="people", filename="people.csv", source=content).created == 2
    haneul = Person.objects.get(name_en="Haneul Choi")
    assert ids(DirectoryQuery(text="하늘")) == {haneul.pk}
    assert ids(DirectoryQuery(text="서울로봇")) == {haneul.pk}  # through the affiliation
    assert ids(DirectoryQuery(text="로봇 cs.ro")) == {haneul.pk}


@pytest.mark.django_db(transaction=True)  # SQLite changes schemas outside a test's transaction
def test_the_index_is_in_place_after_migrations_even_when_they_rebuild_the_table():
    before = make_person("Before Rebuild", name_ko="재건축전")
    if connection.vendor == "sqlite":
        with connection.schema_editor() as editor:
            editor._remake_table(Person)  # what SQLite's schema editor does for most AlterFields
        assert index_parts() == set()  # the triggers went with the old table
    app = Person._meta.app_config
    post_migrate.send(sender=app, app_config=app, using="default", verbosity=0, interactive=False)
    assert index_parts() == expected_index_parts()
    after = make_person("After Rebuild", name_ko="재건축후")
    assert ids(DirectoryQuery(text="재건축")) == {before.pk, after.pk}
    assert ids(DirectoryQuery(text="재건축후")) == {after.pk}


@pytest.mark.django_db(transaction=True)
def test_the_one_gin_index_replaces_the_texts_and_the_fields_own_and_can_be_taken_back():
    """PostgreSQL: migration 0008 puts the text, field ids and country in one index in place of
    the two it replaces, with a larger sample of the texts for the planner; taken back, it puts
    those back, and the install after every migrate leaves them. On SQLite it changes nothing."""
    person = make_person("Minjun Kim", name_ko="김민준", country="KR")
    before = all_indexes()
    call_command("migrate", "people", "0007", verbosity=0)
    taken_back, statistics_back = all_indexes(), text_statistics()
    call_command("migrate", "people", verbosity=0)
    assert all_indexes() == before
    if connection.vendor == "postgresql":
        assert search_index.SEARCH_INDEX in before
        assert not set(search_index.REPLACED_INDEXES) & before
        assert taken_back == before - {search_index.SEARCH_INDEX} | set(
            search_index.REPLACED_INDEXES
        )
        assert (statistics_back, text_statistics()) == (-1, search_index.TEXT_STATISTICS)
    else:
        assert taken_back == before
    assert ids(DirectoryQuery(text="김민준", country="KR")) == {person.pk}


def text_statistics() -> int | None:
    """PostgreSQL: the statistics target of people_person.search_text (-1: the default)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute "
            "WHERE attrelid = 'people_person'::regclass AND attname = 'search_text'"
        )
        return cursor.fetchone()[0]


def all_indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'people_person'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'people_person'")
        return {name for (name,) in cursor.fetchall()}


def expected_index_parts() -> set[str]:
    if connection.vendor == "sqlite":
        return set(search_index.TRIGGERS)
    return {search_index.SEARCH_INDEX, search_index.PAIR_INDEX, search_index.COUNTRY_INDEX}


def index_parts() -> set[str]:
    """The triggers (SQLite) or GIN indexes (PostgreSQL) that keep directory search indexed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:  # GIN ones only without a pending list, which every search would read whole
            cursor.execute(
                """SELECT index.relname FROM pg_index
                JOIN pg_class index ON index.oid = pg_index.indexrelid
                JOIN pg_am method ON method.oid = index.relam
                WHERE pg_index.indrelid = 'people_person'::regclass
                AND (method.amname <> 'gin' OR 'fastupdate=off' = ANY(index.reloptions))"""
            )
        return {name for (name,) in cursor.fetchall()} & expected_index_parts()


def test_an_institutions_other_name_finds_its_people(demo_people):
    kaist = Institution.objects.get(ror_id="05apxxy63")
    assert "카이스트" in kaist.aliases
    at_kaist = set(search_people(DirectoryQuery(institution=kaist)).values_list("pk", flat=True))
    assert at_kaist and ids(DirectoryQuery(text="카이스트")) == at_kaist


def test_changing_other_names_reindexes_the_people_there():
    institute = make_institution("Demo Robotics Institute", name_ko="데모 로봇 연구소")
    hana = make_person("Hana Lee", institutions=[institute])
    assert ids(DirectoryQuery(text="drl")) == set()
    institute.aliases = "DRL, 디알엘"
    institute.save()
    assert ids(DirectoryQuery(text="drl")) == ids(DirectoryQuery(text="디알엘")) == {hana.pk}


def test_an_institution_filter_finds_its_current_members_in_directory_order(demo_people):
    kaist = Institution.objects.get(ror_id="05apxxy63")
    today = datetime.date.today()
    former = make_person("Former Member")
    make_affiliation(former, kaist, end=today - datetime.timedelta(days=1))
    future = make_person("Future Member")
    make_affiliation(future, kaist, start=today + datetime.timedelta(days=1))
    newcomer = make_person("Newcomer Member")
    make_affiliation(newcomer, kaist, start=today)
    members = {
        affiliation.person_id
        for affiliation in Affiliation.objects.filter(institution=kaist)
        if (affiliation.start or today) <= today <= (affiliation.end or today)
    }
    in_order = Person.objects.filter(pk__in=members).order_by("sort_name", "id")
    found = search_people(DirectoryQuery(institution=kaist)).order_by("sort_name", "id")
    assert len(members) > 2 and newcomer.pk in members
    assert former.pk not in members and future.pk not in members
    assert list(found.values_list("pk", flat=True)) == list(in_order.values_list("pk", flat=True))


def test_an_institutions_members_are_read_by_id_rather_than_by_walking_the_directory(
    demo_people,
):
    kaist = Institution.objects.get(ror_id="05apxxy63")
    page = search_people(DirectoryQuery(institution=kaist)).order_by("sort_name", "id")[:51]
    sql, params = page.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        plan = " ".join(str(part) for row in cursor.fetchall() for part in row)
    by_id = "INTEGER PRIMARY KEY" if connection.vendor == "sqlite" else "people_person_pkey"
    assert by_id in plan, plan
