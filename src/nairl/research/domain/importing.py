"""The import of research outputs, whatever the file (BibTeX, CSL-JSON, an ORCID record): the
readers turn it into records (position, fields) and this validates and saves them through the
shared pipeline (`common.imports`).

Nothing is imported from a file with problems, unless the user asks to import the valid entries
(then the others are listed as skipped). Entries that duplicate an existing output (same DOI,
arXiv id or normalised title) are reported and not created. Authors are linked to the directory
by ORCID; a name without one is linked as the importer chose among the directory persons of that
name (`author_choices`, the review step), or kept as written. Without a review (commands,
benchmarks) a name only one person has is linked.
"""

import datetime
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
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
from nairl.people.models import Affiliation, Person

from ..models import Output, OutputAuthor
from ..titles import title_key
from .coauthorship import country_list, country_on, is_international, stints_of
from .duplicates import existing_matches
from .outputs import search_text
from .program_figures import refresh_program_figures

BATCH = 2000


@dataclass
class OutputImportReport(ImportReport):
    """The import's report, plus what was not created without stopping the import."""

    skipped: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[int, Output]] = field(default_factory=list)
    unmatched_authors: list[tuple[int, str]] = field(default_factory=list)
    # The names to review: not linked by ORCID, with directory persons of that name.
    candidates: dict[str, set[int]] = field(default_factory=dict)
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
        self,
        *,
        projects=(),
        skip_invalid=False,
        report: OutputImportReport,
        unreadable=(),
        author_choices: dict[str, int | None] | None = None,
    ):
        self.projects = list(projects)
        self.author_choices = author_choices
        self.choice_problems: dict[str, Problem] = {}  # one per name, however often it appears
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
        report.problems.extend(self.choice_problems.values())  # refuses the whole file

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
        """Authors linked by ORCID, then by the importer's choice among the persons of that
        name (without a review: the only one), in one query."""
        orcids = {orcid: valid_orcid(orcid) for _o, names in outputs for _n, orcid in names}
        keys = {name: name_key(name) for _o, authors in outputs for name, _orcid in authors}
        people = Person.objects.filter(
            Q(orcid__in={orcid for orcid in orcids.values() if orcid})
            | Q(name_en__in=set(keys.values()))
            | Q(name_ko__in=set(keys.values()))
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
                person_id = by_orcid.get(orcids[orcid]) if orcids[orcid] else None
                if person_id is None:
                    person_id = self.chosen(output.line, keys[name], by_name.get(keys[name]))
                if person_id is None:
                    self.output_report.unmatched_authors.append((output.line, name))
                rows.append(OutputAuthor(name=name[:300], person_id=person_id))
            linked.append((output, rows))
        return linked

    def chosen(self, line: int, key: str, candidates: set[int] | None) -> int | None:
        """The person a name not linked by ORCID stands for; a choice that is not one of the
        name's candidates is a problem (a tampered form), and so is a missing one."""
        if not candidates:
            return None
        self.output_report.candidates[key] = candidates
        if self.author_choices is None:
            return next(iter(candidates)) if len(candidates) == 1 else None
        if key not in self.author_choices:
            self.choice_problem(line, _("No choice was made for the author “%(name)s”."), key)
            return None
        choice = self.author_choices[key]
        if choice is not None and choice not in candidates:
            self.choice_problem(
                line,
                _("The person chosen for “%(name)s” is not one of the persons of that name."),
                key,
            )
            return None
        return choice

    def choice_problem(self, line: int, message: str, key: str) -> None:
        self.choice_problems.setdefault(key, Problem(line, "author", message % {"name": key}))

    def save(self):
        stints = stints_of({a.person_id for _o, rows in self.outputs for a in rows if a.person_id})
        for output, authors in self.outputs:
            output.search_text = search_text(output, authors)
            # What `refresh_coauthorship` would store, known before the insert: imported
            # authors have no written institution, so only directory affiliations count.
            day = output.published or datetime.date(output.year, 7, 1)
            for author in authors:
                author.country = country_on(day, stints.get(author.person_id, ()), "")
            found = [author.country.code for author in authors]
            output.countries, output.is_international = country_list(found), is_international(found)
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
        if saved:
            refresh_program_figures({project.program_id for project in self.projects})
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


def name_key(name: str) -> str:
    """The name as the directory spells it: given name first, single spaces, composed accents
    (a decomposed “u¨” from some exports is the directory's “ü”)."""
    return unicodedata.normalize("NFC", " ".join(display_name(name).split()))


def candidate_people(candidates: dict[str, set[int]]) -> dict[str, list[Person]]:
    """The persons each name may stand for, with their current affiliations (two queries)."""
    people = Person.objects.filter(
        pk__in={pk for pks in candidates.values() for pk in pks}
    ).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.current().select_related("institution"),
            to_attr="current_affiliations",
        )
    )
    by_pk = {person.pk: person for person in people}
    return {
        name: sorted((by_pk[pk] for pk in pks if pk in by_pk), key=lambda person: person.pk)
        for name, pks in candidates.items()
    }


class ReviewOnly(OutputImporter):
    """Reads and validates like the import, finds the names to review and saves nothing."""

    def save(self):
        return []


def import_output_records(
    *,
    records,
    unreadable=(),
    projects=(),
    skip_invalid=False,
    report: OutputImportReport,
    author_choices=None,
    review=False,
) -> OutputImportReport:
    """Validates and saves the records a reader made (with `review`, only validates them and
    lists the names to review); raises ImportRefused, having saved nothing, when there are
    problems and the valid entries were not asked for."""
    importer = (ReviewOnly if review else OutputImporter)(
        projects=projects,
        skip_invalid=skip_invalid,
        report=report,
        unreadable=unreadable,
        author_choices=author_choices,
    )
    return import_records(importer, records, report)


def refuse(report: ImportReport, message) -> None:
    """The file as a whole cannot be read: one problem, nothing imported."""
    report.add(None, "", message)
    raise ImportRefused(report)
