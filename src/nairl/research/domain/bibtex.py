"""BibTeX files read into output records (`importing`).

Every entry is read with its LaTeX decoded (`{\\"o}` → ö, `\\&` → &); entries that cannot be
read are reported one by one with their line. Authors may carry their ORCID iD in an `orcid`
field listing one iD per author.
"""

import re

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from django.utils.translation import gettext as _
from pylatexenc.latexwalker import get_default_latex_context_db

from nairl.common.imports import ImportReport

from ..models import Output

VENUE_FIELDS = ("journal", "booktitle", "publisher", "howpublished", "institution", "school")
# The fields `entry_record` reads; the others (abstracts, keywords, …) are not decoded at all.
READ_FIELDS = frozenset(
    {"title", "author", "editor", "year", "date", "doi", "url", "number", "type", "orcid"}
    | {"archiveprefix", "eprint", "arxiv", *VENUE_FIELDS}
)
# What LaTeX may turn into other text: commands, groups, ties, math, comments, specials,
# dashes, quotes and paragraph breaks. Text without any of these decodes to itself.
MAY_BE_LATEX = re.compile(r"[\\{}~$%&#^_]|--|``|''|[!?]`|\n\s*\n")
# What spans words (comments, math, environments, paragraphs, a final backslash): such a value
# is decoded whole.
SPANS_WORDS = re.compile(r"[%$]|\\begin|\\\[|\\\(|\n\s*\n|\\$")
# Control sequences (a command's name is letters of any script, as in pylatexenc), braces,
# runs of spaces and runs of other text.
LATEX_TOKEN = re.compile(r"\\(?:[^\W\d_]+|.)|[{}]|\s+|[^\\{}\s]+", re.DOTALL)
KIND_OF_TYPE = {
    "software": Output.Kind.CODE,
    "dataset": Output.Kind.DATASET,
    "patent": Output.Kind.PATENT,
    "unpublished": Output.Kind.PREPRINT,
}


def read_entries(text: str, report: ImportReport) -> list[tuple[int, dict]]:
    """The entries as records (line, fields); every block that cannot be read is a problem."""
    library = bibtexparser.parse_string(
        text, append_middleware=[ReadFieldsDecoding(), SeparateCoAuthors()]
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


class ReadFieldsDecoding(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding of the fields that are read (the others are dropped), for
    the values that may hold LaTeX, each distinct value once (authors and venues repeat): the
    same text in a fraction of the time (pylatexenc's parse was most of an import's CPU)."""

    def __init__(self):
        super().__init__()
        # pylatexenc builds this parsing context anew for every value unless given one.
        self._parsing = {"latex_context": get_default_latex_context_db()}
        self._decoded = {}

    def transform_entry(self, entry, library):
        entry.fields = [field for field in entry.fields if field.key.lower() in READ_FIELDS]
        return super().transform_entry(entry, library)

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not MAY_BE_LATEX.search(python_string):
            return python_string, ""
        words = latex_words(python_string)
        if words is None:
            return self.decoded(python_string)
        decoded = [
            self.decoded(word) if MAY_BE_LATEX.search(word) else (word, "") for word in words
        ]
        errors = [error for _text, error in decoded if error]
        if errors:
            return python_string, errors[0]
        return "".join(text for text, _error in decoded), ""

    def decoded(self, latex: str) -> tuple[str, str]:
        if latex not in self._decoded:
            try:
                self._decoded[latex] = self._decoder.latex_to_text(latex, **self._parsing), ""
            except Exception as error:  # as bibtexparser does: the value kept, the entry failed
                self._decoded[latex] = latex, str(error)
        return self._decoded[latex]


def latex_words(text: str) -> list[str] | None:
    """The text cut at the spaces outside braces into words and spaces that decode one by one
    as the whole would (pylatexenc reads text a character at a time, so words decoded once each
    save most of the time); None when the text must be decoded whole."""
    if SPANS_WORDS.search(text):
        return None
    pieces, word, depth, after_command = [], "", 0, False
    for token in LATEX_TOKEN.findall(text):
        if token.isspace():
            if depth == 0 and not after_command:  # a command's space goes with its argument
                pieces += [word, token]
                word = ""
                continue
        else:
            after_command = token.startswith("\\")
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth < 0:
                return None
        word += token
    return None if depth else [*pieces, word]


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
