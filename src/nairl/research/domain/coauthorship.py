"""International co-authorship: an output is international when its authors worked in more than
one country on the day it was published.

An author's country is that of their directory affiliation valid on that day (so a person who
moved counts where they were then), else that of the institution their affiliation as written
was matched to. Computed for a batch of outputs in a few queries and stored (author's country,
output's countries and flag), so lists, filters and program indicators read columns and compute
nothing.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from nairl.people.models import Affiliation

from ..models import Output, OutputAuthor

BATCH = 2000


@dataclass(frozen=True)
class Stint:
    """A period at an institution in a country (open ends are None)."""

    start: datetime.date | None
    end: datetime.date | None
    country: str

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def country_on(day: datetime.date, stints: Iterable[Stint], written_country: str) -> str:
    """Where the author worked on `day`: the latest-started affiliation valid then, else the
    written affiliation's country ('' when neither is known)."""
    valid = [stint for stint in stints if stint.covers(day) and stint.country]
    if valid:
        return max(valid, key=lambda stint: stint.start or datetime.date.min).country
    return written_country or ""


def is_international(countries: Iterable[str]) -> bool:
    """More than one known country among the authors (unknown ones do not count)."""
    return len({country for country in countries if country}) > 1


def stints_of(person_ids: set[int]) -> dict[int, list[Stint]]:
    """The directory affiliations of these persons (one query)."""
    stints = defaultdict(list)
    for person_id, start, end, country in Affiliation.objects.filter(
        person_id__in=person_ids
    ).values_list("person_id", "start", "end", "institution__country"):
        stints[person_id].append(Stint(start, end, country))
    return stints


def country_list(countries: Iterable[str]) -> str:
    """The known countries, each once, as the output's `countries` column holds them."""
    return " ".join(sorted({country for country in countries if country}))


def refresh_coauthorship(output_ids: Iterable[int]) -> None:
    """Recomputes the authors' countries and the outputs' countries and international flag."""
    output_ids = list(output_ids)
    for start in range(0, len(output_ids), BATCH):
        refresh_batch(output_ids[start : start + BATCH])


def refresh_batch(output_ids: list[int]) -> None:
    stored = {
        pk: (published or datetime.date(year, 7, 1), (countries, international))
        for pk, published, year, countries, international in Output.objects.filter(
            pk__in=output_ids
        ).values_list("pk", "published", "year", "countries", "is_international")
    }
    authors = list(
        OutputAuthor.objects.filter(output_id__in=output_ids)
        .only("id", "output_id", "person_id", "country", "institution__country")
        .select_related("institution")
    )
    stints = stints_of({author.person_id for author in authors if author.person_id})
    countries = defaultdict(list)
    changed = []
    for author in authors:
        written = author.institution.country.code if author.institution_id else ""
        day = stored[author.output_id][0]
        country = country_on(day, stints.get(author.person_id, ()), written)
        countries[author.output_id].append(country)
        if author.country != country:
            author.country = country
            changed.append(author)
    OutputAuthor.objects.bulk_update(changed, ["country"], batch_size=BATCH)
    # Outputs changed alike are updated together: one query per distinct result, none for the
    # outputs whose columns are already right.
    changed_outputs = defaultdict(list)
    for pk, (_day, columns) in stored.items():
        found = countries.get(pk, ())
        now = (country_list(found), is_international(found))
        if now != columns:
            changed_outputs[now].append(pk)
    for (country_text, international), pks in changed_outputs.items():
        Output.objects.filter(pk__in=pks).update(
            countries=country_text, is_international=international
        )
