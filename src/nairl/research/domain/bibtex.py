"""BibTeX files read into output records (`importing`).

Every entry is read with its LaTeX decoded (`{\\"o}` → ö, `\\&` → &); entries that cannot be
read are reported one by one with their line. Authors may carry their ORCID iD in an `orcid`
field listing one iD per author.
"""

import re

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from django.utils.translation import gettext as _

from nairl.common.imports import ImportReport

from ..models import Output

VENUE_FIELDS = ("journal", "booktitle", "publisher", "howpublished", "institution", "school")
KIND_OF_TYPE = {
    "software": Output.Kind.CODE,
    "dataset": Output.Kind.DATASET,
    "patent": Output.Kind.PATENT,
    "unpublished": Output.Kind.PREPRINT,
}


def read_entries(text: str, report: ImportReport) -> list[tuple[int, dict]]:
    """The entries as records (line, fields); every block that cannot be read is a problem."""
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()]
    )
    for block in library.failed_blocks:
        first_line = block.raw.strip().splitlines()[0][:80] if block.raw.strip() else ""
        report.add(
            block.start_line + 1,
            "",
            _("This entry cannot be read (a brace, quote or comma is missing): %(start)s")
            % {"start": first_line},
        )
    return [(entry.start_line + 1, entry_record(entry)) for entry in library.entries]


def entry_record(entry) -> dict:
    fields = {key.lower(): value.value for key, value in entry.fields_dict.items()}
    authors = fields.get("author") or fields.get("editor") or []
    authors = [authors] if isinstance(authors, str) else list(authors)
    return {
        "kind": kind_of(entry.entry_type.lower(), fields),
        "title": clean_text(fields.get("title", "")),
        "venue": clean_text(next((fields[name] for name in VENUE_FIELDS if name in fields), "")),
        "year": str(fields.get("year", "")).strip(),
        "date": str(fields.get("date", "")).strip(),
        "doi": fields.get("doi", "").strip(),
        "arxiv_id": arxiv_of(fields),
        "url": fields.get("url", "").strip(),
        "patent_number": fields.get("number", "").strip() if entry.entry_type == "patent" else "",
        "orcids": [part.strip() for part in fields.get("orcid", "").split(" and ") if part.strip()],
        "authors": [clean_text(name) for name in authors if clean_text(name)],
    }


def clean_text(value) -> str:
    """Whitespace collapsed (the decoder has already removed LaTeX's protective braces)."""
    return re.sub(r"\s+", " ", str(value)).strip()


def kind_of(entry_type: str, fields: dict) -> str:
    if entry_type == "software" and fields.get("type", "").lower() == "model":
        return Output.Kind.MODEL
    if entry_type in KIND_OF_TYPE:
        return KIND_OF_TYPE[entry_type]
    if entry_type == "misc" and arxiv_of(fields):
        return Output.Kind.PREPRINT
    return Output.Kind.PAPER


def arxiv_of(fields: dict) -> str:
    if fields.get("archiveprefix", "").lower() == "arxiv" and fields.get("eprint"):
        return fields["eprint"].strip()
    return fields.get("arxiv", "").strip()


def read_bibtex(text: str) -> tuple[list, list]:
    """The records of a .bib text and the problems of the entries that cannot be read."""
    unreadable = ImportReport()
    return read_entries(text, unreadable), unreadable.problems
