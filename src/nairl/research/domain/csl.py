"""CSL-JSON files (what Zotero, Crossref and our own export write) read into output records.

A file is a JSON list of items; every item that cannot be used is reported with its number
(the first item is 1). Names are kept as “Family, Given” (or the literal name), so the
directory matching treats them as BibTeX names; an author's `ORCID` links them first.
"""

import re

from django.utils.translation import gettext as _

from nairl.common.imports import ImportReport

from ..models import Output

KIND_OF_TYPE = {
    "article": Output.Kind.PREPRINT,  # CSL's type for an article outside a journal
    "manuscript": Output.Kind.PREPRINT,
    "software": Output.Kind.CODE,
    "dataset": Output.Kind.DATASET,
    "patent": Output.Kind.PATENT,
}
ARXIV_NOTE = re.compile(r"arXiv:\s*(\S+?)\.?(?:\s|$)", re.IGNORECASE)
ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\S+?)(?:\.pdf)?/?$", re.IGNORECASE)


def read_csl(items: list) -> tuple[list, list]:
    """The records of the usable items and the problems of the others."""
    problems = ImportReport()
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.add(number, "", _("This item is not a JSON object."))
            continue
        record = ItemReader(number, item, problems).record()
        if not problems.has_problems_on(number):
            records.append((number, record))
    return records, problems.problems


class ItemReader:
    def __init__(self, number: int, item: dict, problems: ImportReport):
        self.number, self.item, self.problems = number, item, problems

    def text(self, key: str, within: dict | None = None) -> str:
        value = (self.item if within is None else within).get(key, "")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.problems.add(self.number, key, _("This field should be text."))
            return ""
        return re.sub(r"\s+", " ", value).strip()

    def record(self) -> dict:
        kind = self.kind()
        year, date = self.issued()
        names, orcids = self.authors()
        venue = self.text("container-title") or self.text("publisher")
        return {
            "kind": kind,
            "title": self.text("title"),
            "venue": venue,
            "year": year,
            "date": date,
            "doi": self.text("DOI"),
            "arxiv_id": self.arxiv_id(kind, venue),
            "url": self.text("URL"),
            "patent_number": self.text("number") if kind == Output.Kind.PATENT else "",
            "orcids": orcids,
            "authors": names,
        }

    def kind(self) -> str:
        csl_type = self.text("type")
        if csl_type == "software" and self.text("genre").lower() == "model":
            return Output.Kind.MODEL
        return KIND_OF_TYPE.get(csl_type, Output.Kind.PAPER)

    def issued(self) -> tuple[str, str]:
        """(year, YYYY-MM-DD or "") from `issued.date-parts`; a missing year is reported by
        the importer as any other."""
        issued = self.item.get("issued") or {}
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
            return "", ""
        first = [str(part).strip() for part in parts[0]]
        if len(first) >= 3 and all(part.isdigit() for part in first[:3]):
            year, month, day = (int(part) for part in first[:3])
            return first[0], f"{year:04d}-{month:02d}-{day:02d}"
        return first[0], ""

    def authors(self) -> tuple[list[str], list[str]]:
        authors = self.item.get("author") or []
        if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
            self.problems.add(self.number, "author", _("The authors should be a list of names."))
            return [], []
        names, orcids = [], []
        for author in authors:
            family, given = self.text("family", author), self.text("given", author)
            name = self.text("literal", author) or ", ".join(p for p in (family, given) if p)
            if name:
                names.append(name)
                orcids.append(self.text("ORCID", author) or self.text("orcid", author))
        return names, orcids

    def arxiv_id(self, kind: str, venue: str) -> str:
        for pattern, source in ((ARXIV_NOTE, self.text("note")), (ARXIV_URL, self.text("URL"))):
            found = pattern.search(source)
            if found:
                return found.group(1)
        if kind != Output.Kind.PATENT and venue.lower() == "arxiv":
            return self.text("number")
        return ""
