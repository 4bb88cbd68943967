"""Duplicate outputs: found by identifier (DOI, arXiv id) or by normalised title, and merged one
into the other with the history kept (the merged record stays, pointing at the one kept)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from ..models import Output, OutputAuthor
from .coauthorship import refresh_coauthorship
from .outputs import search_text
from .program_figures import counted_as, refresh_if_changed

IDENTIFIERS = ("doi", "arxiv_id")
# arXiv gives every preprint a DOI: a paper recorded by that DOI is the preprint recorded by id.
ARXIV_DOI = "10.48550/arxiv."
MERGED_FIELDS = ("doi", "arxiv_id", "url", "patent_number", "venue", "published")


@dataclass(frozen=True)
class Candidate:
    """Two outputs that look like one work, and why."""

    kept: Output
    duplicate: Output
    reason: str


def in_use():
    return Output.objects.filter(merged_into__isnull=True)


def existing_matches(records: list[dict]) -> dict[int, Output]:
    """For records about to be created (dicts with doi, arxiv_id, title_key), the existing
    output each duplicates, by index: three queries whatever the number of records."""
    found = {}
    for name in (*IDENTIFIERS, "title_key"):
        values = {record[name] for record in records if record.get(name)}
        if not values:
            continue
        by_value = {
            getattr(output, name): output
            for output in in_use().filter(**{f"{name}__in": values}).only("id", "title", name)
        }
        for index, record in enumerate(records):
            match = by_value.get(record.get(name))
            if match is not None and index not in found:
                found[index] = match
    return found


def candidate_pairs(queryset=None, limit: int = 100) -> list[Candidate]:
    """Outputs sharing a normalised title, or an arXiv DOI and the same arXiv id; the older
    one kept (four queries)."""
    queryset = (queryset if queryset is not None else Output.objects.all()).filter(
        merged_into__isnull=True
    )
    pairs = {}
    for candidate in same_identifier(queryset, limit) + same_title(queryset, limit):
        pairs.setdefault((candidate.kept.pk, candidate.duplicate.pk), candidate)
    return list(pairs.values())[:limit]


def same_identifier(queryset, limit: int) -> list[Candidate]:
    by_doi = {
        output.doi.removeprefix(ARXIV_DOI): output
        for output in queryset.filter(doi__startswith=ARXIV_DOI)[:limit]
    }
    pairs = []
    for output in queryset.filter(arxiv_id__in=list(by_doi)):
        twin = by_doi[output.arxiv_id]
        if twin.pk != output.pk:
            kept, duplicate = sorted((twin, output), key=lambda item: item.pk)
            pairs.append(Candidate(kept, duplicate, _("Same arXiv id")))
    return pairs


def same_title(queryset, limit: int) -> list[Candidate]:
    keys = (
        queryset.exclude(title_key="")
        .values("title_key")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .order_by("title_key")
        .values_list("title_key", flat=True)[:limit]
    )
    groups: dict[str, list[Output]] = {}
    for output in queryset.filter(title_key__in=list(keys)).order_by("title_key", "id"):
        groups.setdefault(output.title_key, []).append(output)
    return [
        Candidate(kept=group[0], duplicate=other, reason=_("Same title"))
        for group in groups.values()
        for other in group[1:]
    ]


def merge_outputs(*, duplicate: Output, into: Output, by) -> Output:
    """Merges `duplicate` into `into`: projects and authors' directory links combined, missing
    identifiers taken over; the duplicate is kept, marked `merged_into` (audited)."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("An output cannot be merged into itself."))
    if duplicate.merged_into_id or into.merged_into_id:
        raise ValidationError(_("One of these outputs has already been merged."))
    before = counted_as([duplicate.pk, into.pk])
    duplicate.merged_into = into
    duplicate.save()  # first: it gives up its identifiers' uniqueness to the kept record
    for name in MERGED_FIELDS:
        if not getattr(into, name) and getattr(duplicate, name):
            setattr(into, name, getattr(duplicate, name))
    into.projects.add(*duplicate.projects.all())
    combine_authors(duplicate, into)
    into.full_clean()
    into.search_text = search_text(into, into.authors.all())
    into.save()
    refresh_coauthorship([into.pk])
    refresh_if_changed(before, counted_as([duplicate.pk, into.pk]))
    return into


def combine_authors(duplicate: Output, into: Output) -> None:
    """The kept record's authors, with the directory links the duplicate had for the same
    names; all the duplicate's authors when the kept record has none."""
    kept = list(into.authors.all())
    others = list(duplicate.authors.all())
    if not kept:
        OutputAuthor.objects.bulk_create(
            OutputAuthor(
                output=into,
                position=author.position,
                name=author.name,
                person_id=author.person_id,
                affiliation=author.affiliation,
                institution_id=author.institution_id,
            )
            for author in others
        )
        return
    linked = {author.name.casefold(): author for author in others}
    changed = []
    for author in kept:
        twin = linked.get(author.name.casefold())
        if twin is None:
            continue
        if author.person_id is None and twin.person_id:
            author.person_id = twin.person_id
            changed.append(author)
        if author.institution_id is None and twin.institution_id:
            author.institution_id = twin.institution_id
            changed.append(author)
    OutputAuthor.objects.bulk_update(set(changed), ["person", "institution"])
