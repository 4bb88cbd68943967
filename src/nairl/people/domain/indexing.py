"""Keeps Person.search_text and Person.expertise_ids, the columns directory search reads, in
step with their sources."""

from django.db.models import Prefetch
from django.utils import translation

from nairl.people.models import Affiliation, Person


def country_names(code: str) -> list[str]:
    if not code:
        return []
    from django_countries import countries

    names = []
    for language in ("ko", "en"):
        with translation.override(language):
            names.append(str(countries.name(code)))
    return names


def search_text_for(person: Person) -> str:
    parts = [person.name_ko, person.name_en, person.orcid or "", person.country.code or ""]
    parts += country_names(person.country.code)
    for area in person.expertise.all():
        parts += [area.code, area.name_ko, area.name_en]
    for affiliation in person.current_affiliations:
        institution = affiliation.institution
        parts += [institution.name_ko, institution.name_en, institution.aliases]
    return " ".join(part for part in parts if part).casefold()


def reindex(person_ids) -> int:
    """Recomputes search_text and expertise_ids for these people in a fixed number of queries
    per batch."""
    person_ids = list(person_ids)
    updated = 0
    for start in range(0, len(person_ids), 1000):
        people = list(
            Person.objects.filter(pk__in=person_ids[start : start + 1000])
            .only("id", "name_ko", "name_en", "orcid", "country")
            .prefetch_related(
                "expertise",
                Prefetch(
                    "affiliations",
                    queryset=Affiliation.objects.current().select_related("institution"),
                    to_attr="current_affiliations",
                ),
            )
        )
        for person in people:
            person.search_text = search_text_for(person)
            person.expertise_ids = sorted(area.pk for area in person.expertise.all())
        Person.objects.bulk_update(people, ["search_text", "expertise_ids"])
        updated += len(people)
    return updated
