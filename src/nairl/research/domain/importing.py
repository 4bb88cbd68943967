"""The import of research outputs, whatever the file (BibTeX, CSL-JSON, an ORCID record): the
readers turn it into records (position, fields) and this validates and saves them through the
shared pipeline (`common.imports`).

Nothing is imported from a file with problems, unless the user asks to import the valid entries
(then the others are listed as skipped). Entries that duplicate an existing output (same DOI,
arXiv id or normalised title) are reported and not created. Authors are linked to the directory
by ORCID or by an exact, unambiguous name; the others are kept as written and listed.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nairl.common.identifiers import normalize_orcid
from nairl.common.imports import (
    ImportRefused,
    ImportReport,
    Problem,
    TableImporter,
    import_records,
)
from nairl.people.models import Person

from ..models import Output, OutputAuthor
from ..titles import title_key
from .coauthorship import refresh_coauthorship
from .duplicates import existing_matches
from .outputs import search_text

BATCH = 2000


@dataclass
class OutputImportReport(ImportReport):
    """The import's report, plus what was not created without stopping the import."""

    skipped: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[int, Output]] = field(default_factory=list)
    unmatched_authors: list[tuple[int, str]] = field(default_factory=list)
    # What the positions count: a line of a .bib file, an item of a JSON list.
    position_name: str = gettext_lazy("Line")


def decode(source) -> str:
    raw = source if isinstance(source, bytes) else source.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text (byte %(position)d); save it as UTF-8 and try again."),
            params={"position": error.start + 1},
        ) from None


class OutputImporter(TableImporter):
    def __init__(
        self, *, projects=(), skip_invalid=False, report: OutputImportReport, unreadable=()
    ):
        self.projects = list(projects)
        self.unreadable = list(unreadable)
        self.skip_invalid = skip_invalid
        self.output_report = report
        self.outputs: list[tuple[Output, list[OutputAuthor]]] = []

    def validate(self, records, report):
        target = self.output_report.skipped if self.skip_invalid else report.problems
        target.extend(self.unreadable)  # what the parser could not read
        built = []
        for line, record in records:
            problems = ImportReport()
            output = self.build(line, record, problems)
            target.extend(problems.problems)
            if output is not None and not problems.problems:
                built.append((line, record, output))
        self.keep_new(built)
        self.outputs = self.link_authors(self.outputs)

    def build(self, line: int, record: dict, problems: ImportReport) -> Output | None:
        if not record["title"]:
            problems.add(line, "title", _("The entry has no title."))
        year = record["year"]
        if not (year.isdigit() and 1900 <= int(year) <= 2200):
            problems.add(line, "year", _("The year “%(value)s” is not a year.") % {"value": year})
            return None
        output = Output(
            kind=record["kind"],
            title=record["title"][:1000],
            venue=record["venue"][:500],
            year=int(year),
            doi=record["doi"] or None,
            arxiv_id=record["arxiv_id"] or None,
            url=record["url"],
            patent_number=record["patent_number"],
        )
        if record["date"]:
            try:
                output.published = datetime.date.fromisoformat(record["date"])
            except ValueError:
                problems.add(
                    line,
                    "date",
                    _("The date “%(value)s” is not a date (YYYY-MM-DD).")
                    % {"value": record["date"]},
                )
        try:
            output.full_clean(validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    problems.add(line, name, message)
        output.title_key = title_key(output.title)
        return output

    def keep_new(self, built: list) -> None:
        """Entries already in the hub, or twice in the file, are reported, not created."""
        keys = [
            {"doi": output.doi, "arxiv_id": output.arxiv_id, "title_key": output.title_key}
            for _line, _record, output in built
        ]
        existing = existing_matches(keys)
        seen = {}
        for index, (line, record, output) in enumerate(built):
            identity = [(name, value) for name, value in keys[index].items() if value]
            twin = existing.get(index) or next(
                (seen[item] for item in identity if item in seen), None
            )
            if twin is not None:
                self.output_report.duplicates.append((line, twin))
                continue
            seen.update(dict.fromkeys(identity, output))
            names = record["authors"]
            orcids = record["orcids"] + [""] * (len(names) - len(record["orcids"]))
            output.line = line
            self.outputs.append((output, list(zip(names, orcids, strict=False))))

    def link_authors(self, outputs) -> list[tuple[Output, list[OutputAuthor]]]:
        """Authors linked by ORCID, then by an exact name only one person has (one query)."""
        orcids = {orcid: valid_orcid(orcid) for _o, names in outputs for _n, orcid in names}
        names = {display_name(name) for _o, authors in outputs for name, _orcid in authors}
        people = Person.objects.filter(
            Q(orcid__in={orcid for orcid in orcids.values() if orcid})
            | Q(name_en__in=names)
            | Q(name_ko__in=names)
        ).values_list("pk", "orcid", "name_en", "name_ko")
        by_orcid, by_name = {}, defaultdict(set)
        for pk, orcid, name_en, name_ko in people:
            by_orcid[orcid] = pk
            for name in (name_en, name_ko):
                by_name[name].add(pk)
        linked = []
        for output, authors in outputs:
            rows = []
            for name, orcid in authors:
                matches = by_name.get(display_name(name), set())
                person_id = by_orcid.get(orcids[orcid]) if orcids[orcid] else None
                if person_id is None and len(matches) == 1:
                    person_id = next(iter(matches))
                if person_id is None:
                    self.output_report.unmatched_authors.append((output.line, name))
                rows.append(OutputAuthor(name=name[:300], person_id=person_id))
            linked.append((output, rows))
        return linked

    def save(self):
        for output, authors in self.outputs:
            output.search_text = search_text(output, authors)
        saved = Output.objects.bulk_create([output for output, _authors in self.outputs], BATCH)
        rows = []
        for output, authors in self.outputs:
            for position, author in enumerate(authors, start=1):
                author.output = output
                author.position = position
                rows.append(author)
        OutputAuthor.objects.bulk_create(rows, BATCH)
        Output.projects.through.objects.bulk_create(
            [
                Output.projects.through(output_id=output.pk, project_id=project.pk)
                for output in saved
                for project in self.projects
            ],
            BATCH,
        )
        refresh_coauthorship([output.pk for output in saved])
        return saved


def valid_orcid(text: str) -> str:
    try:
        return normalize_orcid(text) if text else ""
    except ValidationError:
        return ""


def display_name(name: str) -> str:
    """“Müller, Jörg” as people write it in the directory: “Jörg Müller”."""
    if "," in name:
        last, _sep, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name


def import_output_records(
    *, records, unreadable=(), projects=(), skip_invalid=False, report: OutputImportReport
) -> OutputImportReport:
    """Validates and saves the records a reader made; raises ImportRefused, having saved
    nothing, when there are problems and the valid entries were not asked for."""
    importer = OutputImporter(
        projects=projects, skip_invalid=skip_invalid, report=report, unreadable=unreadable
    )
    return import_records(importer, records, report)


def refuse(report: ImportReport, message) -> None:
    """The file as a whole cannot be read: one problem, nothing imported."""
    report.add(None, "", message)
    raise ImportRefused(report)
