"""Adding training runs to a study, from a spreadsheet or the API: all of them or none.

Each cell is checked here (numbers, positive, finite, no spreadsheet formulas) so that every
problem is reported at once with its row and column; then the research core's own validation
(`nairl.scaling.core.runs.runs_from_frame`) runs on the whole table — duplicates, U_D > D, derived
C = 6ND — and its refusal is mapped back to the row and column, in the user's language.
"""

import math
import re
from dataclasses import dataclass, field

import pandas as pd
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nairl.common.context import current_actor, current_request_id
from nairl.common.models import AuditEntry
from nairl.people.domain.tables import TableError, looks_like_formula, read_table
from nairl.scaling.core.errors import DuplicateRunError, InvalidValueError, ScalingInputError
from nairl.scaling.core.runs import runs_from_frame

from ..models import RUN_NUMBERS, Run, Study

COLUMNS = ("group", *RUN_NUMBERS)
SIZE_COLUMNS = ("n", "d", "c")
DEFAULT_GROUP = "baseline"
MAX_RUNS = 100_000


@dataclass
class Problem:
    position: int | None  # spreadsheet row (header = 1) or API item index (from 0)
    column: str
    message: str

    @property
    def row(self):  # the name people's import template uses
        return self.position

    def as_api(self) -> dict:
        return {"index": self.position, "field": self.column or None, "message": self.message}


@dataclass
class RunReport:
    created: int = 0
    errors: list[Problem] = field(default_factory=list)

    def add(self, position, column, message):
        self.errors.append(Problem(position, column, str(message)))


class RunsRefused(Exception):
    def __init__(self, report: RunReport):
        super().__init__(f"{len(report.errors)} problem(s); no runs added")
        self.report = report


def import_runs_file(study: Study, filename: str, content: bytes) -> RunReport:
    """Adds every run in the CSV/XLSX file to the study, or raises RunsRefused and adds none."""
    report = RunReport()
    try:
        table = read_table(filename, content)
    except TableError as error:
        report.add(None, "", error)
        raise RunsRefused(report) from error
    check_headers(table.headers, report)
    if report.errors:
        raise RunsRefused(report)
    records = [dict(zip(table.headers, row, strict=True)) for row in table.rows]
    if not records:
        report.add(None, "", _("The file has column names but no runs."))
        raise RunsRefused(report)
    return add_runs(study, records, lambda index: index + 2, report, source=filename)


def add_runs_from_api(study: Study, items) -> RunReport:
    """Adds a list of run objects posted to the API, or raises RunsRefused (positions = indexes)."""
    report = RunReport()
    if not isinstance(items, list) or not items:
        report.add(None, "", _("Send a non-empty list of runs."))
        raise RunsRefused(report)
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            report.add(
                index,
                "",
                _("Each run must be an object with fields %(columns)s.")
                % {"columns": ", ".join(COLUMNS)},
            )
            continue
        for key in item:
            if key not in COLUMNS:
                report.add(
                    index,
                    str(key),
                    _("Unknown field. Known fields: %(columns)s.")
                    % {"columns": ", ".join(COLUMNS)},
                )
        records.append({key: item.get(key) for key in COLUMNS if key in item})
    if report.errors:
        raise RunsRefused(report)
    return add_runs(study, records, lambda index: index, report, source="api")


def check_headers(headers: list[str], report: RunReport) -> None:
    for column in sorted({h for h in headers if headers.count(h) > 1}):
        report.add(1, column, _("This column appears more than once."))
    for header in headers:
        if header not in COLUMNS:
            report.add(
                1,
                header,
                _("Unknown column. Expected: %(columns)s.") % {"columns": ", ".join(COLUMNS)},
            )
    if "loss" not in headers:
        report.add(1, "loss", _("This column is missing."))
    if not any(column in headers for column in SIZE_COLUMNS):
        report.add(1, "n", _("Give at least one of the columns n, d and c."))


def add_runs(study, records, position_of, report: RunReport, source: str) -> RunReport:
    if len(records) > MAX_RUNS:
        report.add(
            None, "", _("At most %(count)d runs can be added at once.") % {"count": MAX_RUNS}
        )
        raise RunsRefused(report)
    parsed = [
        parse_record(record, position_of(index), report) for index, record in enumerate(records)
    ]
    if report.errors:
        raise RunsRefused(report)
    runs = core_check(parsed, position_of, report)
    if not report.errors:
        check_against_study(study, runs, position_of, report)
    if report.errors:
        raise RunsRefused(report)
    with transaction.atomic():
        for run in runs:
            run.study = study
        Run.objects.bulk_create(runs, batch_size=2000)
        Study.objects.filter(pk=study.pk).update(updated_at=timezone.now())
        AuditEntry.objects.create(
            actor=current_actor.get(),
            action=AuditEntry.Action.IMPORT,
            content_type=ContentType.objects.get_for_model(Study),
            object_id=str(study.pk),
            object_repr=str(study)[:300],
            request_id=current_request_id.get(),
            changes={"runs": [None, len(runs)], "source": [None, source[:200]]},
        )
    report.created = len(runs)
    return report


def parse_record(record: dict, position: int, report: RunReport) -> dict:
    values = {}
    for column in COLUMNS:
        raw = record.get(column)
        text = "" if raw is None else str(raw).strip()
        if isinstance(raw, str) and looks_like_formula(text):
            report.add(
                position,
                column,
                _("This cell looks like a spreadsheet formula; formulas are not accepted."),
            )
            continue
        if column == "group":
            if len(text) > 100:
                report.add(position, column, _("At most 100 characters."))
            values["group"] = text or DEFAULT_GROUP
            continue
        if text == "":
            values[column] = None
            if column == "loss":
                report.add(position, column, _("Give the loss of this run."))
            continue
        if isinstance(raw, bool):
            number = math.nan
        else:
            try:
                number = float(raw) if not isinstance(raw, str) else float(text.replace(",", ""))
            except (TypeError, ValueError):
                number = None
        if number is None or math.isnan(number):
            report.add(position, column, _("“%(value)s” is not a number.") % {"value": text[:40]})
        elif math.isinf(number):
            report.add(position, column, _("Must be a finite number."))
        elif number <= 0:
            report.add(
                position,
                column,
                _("Must be a positive number (got %(value)s).") % {"value": text[:40]},
            )
        else:
            values[column] = number
            continue
        values[column] = None
    if not any(values.get(column) is not None for column in SIZE_COLUMNS) and not any(
        e.position == position for e in report.errors
    ):
        report.add(position, "n", _("Give at least one of n, d and c for this run."))
    return values


CORE_ROW = re.compile(r"\brow (\d+)")
CORE_ROWS = re.compile(r"\brows ([\d, ]+)")
CORE_COLUMN = re.compile(r"column '([^']+)'")


def core_check(parsed: list[dict], position_of, report: RunReport) -> list[Run]:
    """The core's validation of the whole table; its rows (from 1) are mapped back to ours."""
    columns = [c for c in RUN_NUMBERS if any(row[c] is not None for row in parsed)]
    frame = pd.DataFrame({c: [row[c] for row in parsed] for c in columns}, dtype=float)
    frame["group"] = [row["group"] for row in parsed]
    mapping = {c: c for c in columns}
    mapping["group"] = "group"
    try:
        runs = runs_from_frame(frame, mapping)
    except ScalingInputError as error:
        map_core_error(error, position_of, report)
        return []
    built = []
    for index in range(len(runs)):
        values = {
            name: float(getattr(runs, key)[index])
            for name, key in (
                ("n", "n"),
                ("d", "d"),
                ("c", "c"),
                ("unique_n", "unique_n"),
                ("unique_d", "unique_d"),
                ("epochs", "epochs"),
                ("loss", "value"),
            )
            if runs.has(key)
        }
        built.append(Run(group=str(runs.group[index]), **values))
    return built


def map_core_error(error: ScalingInputError, position_of, report: RunReport) -> None:
    text = str(error)
    column_match = CORE_COLUMN.search(text)
    column = column_match.group(1) if column_match else ""
    if isinstance(error, DuplicateRunError) and (rows := CORE_ROWS.search(text)):
        numbers = [int(r) for r in rows.group(1).replace(" ", "").split(",") if r]
        positions = [position_of(n - 1) for n in numbers]
        for position in positions:
            others = ", ".join(str(p) for p in positions if p != position)
            report.add(
                position,
                "",
                _("Describes the same run (group, N, D, C) as %(others)s; remove or merge them.")
                % {"others": others},
            )
        return
    row_match = CORE_ROW.search(text)
    position = position_of(int(row_match.group(1)) - 1) if row_match else None
    if isinstance(error, InvalidValueError) and "exceeds" in text:
        report.add(position, "unique_d", _("Unique data U_D is larger than training data D."))
    elif isinstance(error, InvalidValueError) and "missing" in text:
        report.add(
            position, column, _("This value is missing; other runs have one in this column.")
        )
    elif isinstance(error, InvalidValueError) and "positive" in text:
        report.add(position, column, _("Must be a positive number."))
    else:
        report.add(position, column, _("The runs were refused: %(reason)s") % {"reason": text})


def check_against_study(study, runs: list[Run], position_of, report: RunReport) -> None:
    """A run already in the study (same group, N, D and C) is refused, not stored twice."""
    groups = {run.group for run in runs}
    existing = set(
        Run.objects.filter(study=study, group__in=groups).values_list("group", "n", "d", "c")
    )
    if not existing:
        return
    for index, run in enumerate(runs):
        if (run.group, run.n, run.d, run.c) in existing:
            report.add(
                position_of(index),
                "",
                _("This run (same group, N, D and C) is already in the study."),
            )


def runs_for_core(queryset, group: str | None = None):
    """The stored runs (optionally of one group) as the core's validated ``Runs``."""
    if group:
        queryset = queryset.filter(group=group)
    rows = list(queryset.order_by("id").values("group", *RUN_NUMBERS))
    if not rows:
        if group:
            raise ScalingInputError(
                _("There are no runs to fit in group “%(group)s”.") % {"group": group}
            )
        raise ScalingInputError(_("There are no runs to fit."))
    columns = [c for c in RUN_NUMBERS if all(row[c] is not None for row in rows)]
    frame = pd.DataFrame({c: [row[c] for row in rows] for c in columns}, dtype=float)
    frame["group"] = [row["group"] for row in rows]
    mapping = {c: c for c in columns}
    mapping["group"] = "group"
    return runs_from_frame(frame, mapping)
