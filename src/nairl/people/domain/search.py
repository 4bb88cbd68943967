"""Directory search: free text in Korean or English plus filters, as one queryset."""

from dataclasses import dataclass

from django.db.models import Prefetch

from nairl.people.models import Affiliation, Institution, Person


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    country: str = ""
    institution: Institution | None = None
    expertise: str = ""
    kind: str = ""


def search_people(query: DirectoryQuery, base=None):
    """People matching every word of the text (partial, any case) and every filter given."""
    people = Person.objects.all() if base is None else base
    for word in query.text.casefold().split()[:8]:
        people = people.filter(search_text__contains=word)
    if query.country:
        people = people.filter(country=query.country)
    if query.expertise:
        people = people.filter(expertise__code=query.expertise)
    current = Affiliation.objects.current()
    if query.institution is not None:
        people = people.filter(
            pk__in=current.filter(institution=query.institution).values("person_id")
        )
    if query.kind:
        people = people.filter(
            pk__in=current.filter(institution__kind=query.kind).values("person_id")
        )
    return people


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
