"""One import pipeline for every module: all or nothing, every problem reported with its row,
column and reason, audited in one call.

A module describes its import as a `TableImporter`:

    class InstitutionImporter(TableImporter):
        required_columns = ("name_ko", "name_en", "country", "kind")
        optional_columns = ("ror_id", "website")

        def validate(self, records, report): ...   # check every record, remember what to save
        def save(self) -> list: ...                # save it (one transaction), return the rows

and calls `import_file(importer, filename, source)` for a CSV/XLSX upload or
`import_records(importer, records)` for records from elsewhere (an API list). Either returns an
`ImportReport` or raises `ImportRefused` with the report, having saved nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .audit import record_batch
from .spreadsheets import TableError, TableLimits, looks_like_formula, read_table


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: `row` is the spreadsheet row (the header is row 1) or the index of
    an item sent to the API (from 0); None for the file as a whole."""

    row: int | None
    column: str
    message: str

    def as_api(self) -> dict:
        return {"index": self.row, "field": self.column or None, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    problems: list[Problem] = field(default_factory=list)

    def add(self, row, column, message) -> None:
        self.problems.append(Problem(row, column or "", str(message)))

    def has_problems_on(self, row) -> bool:
        return any(problem.row == row for problem in self.problems)


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} problem(s); nothing imported")
        self.report = report


# (row, {column: text}) — the row as the user counts it.
Record = tuple[int, dict]


class TableImporter:
    """One kind of import. `validate` reports every problem of every record at once; `save`
    runs only when there were none, inside the transaction, and returns the saved objects."""

    required_columns: tuple[str, ...] = ()
    optional_columns: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required_columns, *self.optional_columns)

    def check_columns(self, headers: list[str], report: ImportReport) -> None:
        for column in self.required_columns:
            if column not in headers:
                report.add(1, column, _("This column is missing."))
        known = set(self.columns)
        for header in headers:
            if header not in known:
                report.add(
                    1,
                    header,
                    _("Unknown column. Expected: %(columns)s.")
                    % {"columns": ", ".join(self.columns)},
                )
        for column, count in sorted(Counter(headers).items()):
            if count > 1:
                report.add(1, column, _("This column appears more than once."))

    def validate(self, records: list[Record], report: ImportReport) -> None:
        raise NotImplementedError

    def save(self) -> list:
        raise NotImplementedError

    def audit(self, saved: list) -> None:
        """One audit call for the batch; by default an "imported" entry per saved object."""
        record_batch(saved)


def import_file(
    importer: TableImporter, filename: str, source, limits: TableLimits | None = None
) -> ImportReport:
    """Imports a CSV or XLSX file (`source`: its bytes or an open binary file) whole, or raises
    ImportRefused and changes nothing."""
    report = ImportReport()
    try:
        table = read_table(filename, source, limits)
    except TableError as error:
        report.add(None, "", error)
        raise ImportRefused(report) from error
    importer.check_columns(table.headers, report)
    if report.problems:
        raise ImportRefused(report)
    records = [
        (index + 2, dict(zip(table.headers, row, strict=True)))
        for index, row in enumerate(table.rows)
    ]
    return import_records(importer, records, report)


def import_records(
    importer: TableImporter, records: list[Record], report: ImportReport | None = None
) -> ImportReport:
    """Refuses cells that look like spreadsheet formulas, validates every record, then saves
    them all in one transaction; or raises ImportRefused having saved nothing."""
    report = report if report is not None else ImportReport()
    for row, values in records:
        for column, value in values.items():
            if isinstance(value, str) and looks_like_formula(value.strip()):
                report.add(
                    row,
                    column,
                    _("This cell looks like a spreadsheet formula; formulas are not accepted."),
                )
    if report.problems:
        raise ImportRefused(report)
    importer.validate(records, report)
    if report.problems:
        raise ImportRefused(report)
    with transaction.atomic():
        saved = importer.save()
        importer.audit(saved)
    report.created = len(saved)
    return report
