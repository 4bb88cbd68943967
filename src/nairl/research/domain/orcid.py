"""An ORCID public record (the v3.0 `/record` or `/works` JSON a person downloads) read into
output records.

A work summary names no co-authors, so each output gets one author: the record's owner, linked
to the directory by their ORCID iD (or kept under their name). Each group holds the versions of
one work from several sources; the first (ORCID's preferred one) is read. Problems are reported
with the group's number (the first is 1).
"""

import re

from django.utils.translation import gettext as _

from nairl.common.imports import ImportReport

from ..models import Output

KIND_OF_TYPE = {
    "preprint": Output.Kind.PREPRINT,
    "working-paper": Output.Kind.PREPRINT,
    "software": Output.Kind.CODE,
    "data-set": Output.Kind.DATASET,
    "patent": Output.Kind.PATENT,
}
OWNER_PATH = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def is_orcid_record(data) -> bool:
    return isinstance(data, dict) and bool(
        {"orcid-identifier", "activities-summary"} & data.keys()
        or ("group" in data and OWNER_PATH.search(str(data.get("path", ""))))
    )


def value_or(data, *keys):
    """data[k1][k2]…, None when any step is missing (ORCID writes null freely)."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def value_at(data, *keys) -> str:
    """The text at data[k1][k2]…, "" when missing or not text."""
    value = value_or(data, *keys)
    return re.sub(r"\s+", " ", str(value)).strip() if isinstance(value, str | int) else ""


def owner_of(data: dict) -> tuple[str, str]:
    """(name, ORCID iD) of the record's owner; the name falls back to the iD (a `/works` file
    carries no name)."""
    found = OWNER_PATH.search(value_at(data, "orcid-identifier", "path") or str(data.get("path")))
    orcid = found.group(0) if found else ""
    name = value_or(data, "person", "name")
    credit = value_at(name, "credit-name", "value")
    family, given = value_at(name, "family-name", "value"), value_at(name, "given-names", "value")
    return credit or ", ".join(p for p in (family, given) if p) or orcid, orcid


def read_orcid(data: dict) -> tuple[list, list]:
    """The records of the record's works and the problems of the groups that cannot be used."""
    problems = ImportReport()
    name, orcid = owner_of(data)
    works = data.get("activities-summary", data)
    works = works.get("works", works) if isinstance(works, dict) else {}
    groups = works.get("group") if isinstance(works, dict) else None
    if not isinstance(groups, list):
        problems.add(None, "group", _("The record lists no works."))
        return [], problems.problems
    records = []
    for number, group in enumerate(groups, start=1):
        summaries = group.get("work-summary") if isinstance(group, dict) else None
        if not (isinstance(summaries, list) and summaries and isinstance(summaries[0], dict)):
            problems.add(number, "work-summary", _("This group holds no work summary."))
            continue
        records.append((number, work_record(summaries[0], name, orcid)))
    return records, problems.problems


def work_record(work: dict, owner: str, orcid: str) -> dict:
    identifiers = external_ids(work)
    kind = KIND_OF_TYPE.get(value_at(work, "type"), Output.Kind.PAPER)
    if kind == Output.Kind.PAPER and "arxiv" in identifiers and "doi" not in identifiers:
        kind = Output.Kind.PREPRINT
    return {
        "kind": kind,
        "title": value_at(work, "title", "title", "value"),
        "venue": value_at(work, "journal-title", "value"),
        "year": value_at(work, "publication-date", "year", "value"),
        "date": publication_date(work),
        "doi": identifiers.get("doi", ""),
        "arxiv_id": identifiers.get("arxiv", "").removeprefix("arXiv:"),
        "url": value_at(work, "url", "value"),
        "patent_number": identifiers.get("pat", "") if kind == Output.Kind.PATENT else "",
        "orcids": [orcid],
        "authors": [owner] if owner else [],  # a record naming no owner: no author
    }


def external_ids(work: dict) -> dict[str, str]:
    """The work's own identifiers by type (those of a work it is part of are left out)."""
    ids = value_or(work, "external-ids", "external-id")
    found = {}
    for entry in ids if isinstance(ids, list) else []:
        if isinstance(entry, dict) and value_at(entry, "external-id-relationship") != "part-of":
            kind = value_at(entry, "external-id-type").lower()
            found.setdefault(kind, value_at(entry, "external-id-value"))
    return found


def publication_date(work: dict) -> str:
    parts = [value_at(work, "publication-date", part, "value") for part in ("year", "month", "day")]
    if all(part.isdigit() for part in parts):
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    return ""
