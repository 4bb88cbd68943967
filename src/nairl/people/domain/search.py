"""Directory search: free text in Korean or English plus filters, as one queryset."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch

from nairl.people.models import Affiliation, Institution, Person

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


def search_people(query: DirectoryQuery, base=None):
    """People matching every word of the text (partial, any case) and every filter given.

    Each condition is tested on the rows themselves, so that the answer never depends on an
    index; `search_index` makes the database find those rows without reading every person."""
    people = Person.objects.all() if base is None else base
    if connection.vendor == "sqlite":  # first, so that SQLite tests membership before the rest
        text = search_index.text_source(query.words)
        people = search_index.narrowed(people, text, filter_sources(query))
    for word in query.words:
        people = people.filter(search_text__contains=word)
    if connection.vendor == "postgresql":
        people = search_index.with_pairs(people, query.words)
    if query.country:
        people = people.filter(country=query.country)
    if query.expertise:
        people = people.filter(Exists(expertise_links(query.expertise, OuterRef("pk"))))
    current = Affiliation.objects.current()
    if query.institution is not None:
        people = people.filter(
            Exists(current.filter(person=OuterRef("pk"), institution=query.institution))
        )
    if query.kind:
        people = people.filter(
            Exists(current.filter(person=OuterRef("pk"), institution__kind=query.kind))
        )
    return people


def expertise_links(code: str, person=None):
    links = Person.expertise.through.objects.filter(expertisearea__code=code)
    return links if person is None else links.filter(person=person)


def filter_sources(query: DirectoryQuery) -> list[tuple[str, list]]:
    """The ids of the people each indexed filter allows, as SQL (for `search_index.narrowed`)."""
    subsets = []  # not country: most countries are common, and reading in order finds them soonest
    if query.expertise:
        subsets.append(expertise_links(query.expertise).values("person_id"))
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
