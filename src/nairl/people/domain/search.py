"""Directory search: free text in Korean or English plus filters, as one queryset."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from nairl.common.bilingual import active_language, bilingual
from nairl.people.models import Affiliation, ExpertiseArea, Institution, Person

from . import search_index

MAX_WORDS = 8


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    country: str = ""
    institution: Institution | None = None
    expertise: str = ""
    kind: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.casefold().split()[:MAX_WORDS]


@dataclass(frozen=True)
class Found:
    """The people a search finds, twice: `people` to read a page at a time in the directory's
    order, `counted` the same people read the cheapest way to count them."""

    people: QuerySet
    counted: QuerySet


def search(query: DirectoryQuery, base=None) -> Found:
    """People matching every word of the text (partial, any case) and every filter given.

    Each condition is tested on the rows themselves, so that the answer never depends on an
    index; `search_index` makes the database find those rows without reading every person."""
    people = Person.objects.all() if base is None else base
    area = area_id(query.expertise) if query.expertise else None
    if connection.vendor != "sqlite":
        found = matching(people, query, area)
        return Found(found, found)
    # Narrowed first, so that SQLite tests membership before the rest.
    text = search_index.text_source(query.words)
    to_read, to_count = search_index.narrowed(people, text, filter_sources(query, area))
    return Found(matching(to_read, query, area), matching(to_count, query, area))


def search_people(query: DirectoryQuery, base=None):
    return search(query, base).people


def area_id(code: str) -> int | None:
    """The field's id (None when there is no such field: nobody has it). Searched by id rather
    than through a join on the code, PostgreSQL's statistics tell how many people have that
    field, so that it reads a common one's people in order (cs.LG: 23 ms, then 1 ms)."""
    return ExpertiseArea.objects.filter(code=code).values_list("pk", flat=True).first()


def matching(people, query: DirectoryQuery, area: int | None):
    """`people` with every condition of the query (`area`: its field's `area_id`)."""
    for word in query.words:
        people = people.filter(search_text__contains=word)
    if connection.vendor == "postgresql":
        people = search_index.with_pairs(people, query.words)
    if query.country:
        people = people.filter(country=query.country)
    if query.expertise:
        people = with_area(people, area)
    if query.institution is not None:
        members = Affiliation.objects.current().filter(institution=query.institution)
        if connection.vendor == "postgresql":
            people = search_index.among(people, members.values("person_id"))
        else:
            people = people.filter(Exists(members.filter(person=OuterRef("pk"))))
    if query.kind:
        current = Affiliation.objects.current()
        people = people.filter(
            Exists(current.filter(person=OuterRef("pk"), institution__kind=query.kind))
        )
    return people


def with_area(people, area: int | None):
    """`people` with the field `area`: on PostgreSQL, by the ids on the person's own row, which
    a GIN index finds (migration 0007); on SQLite, whose planner tests the links faster, by them."""
    if area is None:
        return people.none()
    if connection.vendor == "postgresql":
        return people.filter(expertise_ids__contains=[area])
    return people.filter(Exists(expertise_links(area, OuterRef("pk"))))


def among(people, ids):
    """`people` whose id is among `ids` (a subquery of one column): on PostgreSQL, the ids
    fetched first (see `search_index.among`)."""
    if connection.vendor == "postgresql":
        return search_index.among(people, ids)
    return people.filter(pk__in=ids)


def expertise_links(area: int | None, person=None):
    links = Person.expertise.through.objects.filter(expertisearea_id=area)
    return links if person is None else links.filter(person=person)


def filter_sources(query: DirectoryQuery, area: int | None) -> list[tuple[str, list]]:
    """The ids of the people each indexed filter allows, as SQL (for `search_index.narrowed`)."""
    subsets = []  # not country: most countries are common, and reading in order finds them soonest
    if query.expertise:
        subsets.append(expertise_links(area).values("person_id"))
    if query.institution is not None:
        subsets.append(
            Affiliation.objects.current().filter(institution=query.institution).values("person_id")
        )
    return [subset.order_by().query.sql_with_params() for subset in subsets]


def with_directory_details(people):
    """What a directory row shows, fetched in a fixed number of queries whatever the page size."""
    return people.prefetch_related(
        "expertise",
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.current().select_related("institution"),
            to_attr="current_affiliations",
        ),
    )


def attach_card_details(people: list) -> None:
    """Sets on each person what a directory card shows beyond the person's own columns, read as
    plain values in two queries: `card_affiliations`, [(institution name, role)] of the current
    affiliations, and `card_areas`, [(code, name)]. A prefetch would build some three hundred
    affiliation, institution and field objects for a page of fifty, which cost more than the
    rest of the page's data."""
    by_pk = {person.pk: person for person in people}
    for person in people:
        person.card_affiliations, person.card_areas = [], []
    if not by_pk:
        return
    affiliations = (
        Affiliation.objects.current()
        .filter(person__in=by_pk)
        .values_list("person_id", "institution__name_ko", "institution__name_en", "role")
    )  # in Affiliation's own order, as the profile lists them
    language = active_language()
    for pk, name_ko, name_en, role in affiliations:
        by_pk[pk].card_affiliations.append((bilingual(name_ko, name_en, language), role))
    areas = (
        Person.expertise.through.objects.filter(person__in=by_pk)
        .order_by("expertisearea__code")
        .values_list(
            "person_id", "expertisearea__code", "expertisearea__name_ko", "expertisearea__name_en"
        )
    )
    for pk, code, name_ko, name_en in areas:
        by_pk[pk].card_areas.append((code, bilingual(name_ko, name_en, language)))
