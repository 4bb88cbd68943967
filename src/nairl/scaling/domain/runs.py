"""Adding training runs to a study, from a spreadsheet or the API: all of them or none, on the
common import pipeline (`nairl.common.imports`).

Each cell is checked here (numbers, positive, finite; spreadsheet formulas are refused by the
pipeline) so that every problem is reported at once with its row and column; then the research
core's own validation (`nairl.scaling.core.runs.runs_from_frame`) runs on the whole table —
duplicates, U_D > D, derived C = 6ND — and its refusal, which carries its rows and column as
data, is reported at our rows, in the user's language.
"""

import math

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nairl.common.audit import record
from nairl.common.imports import (
    ImportRefused,
    ImportReport,
    TableImporter,
    import_file,
    import_records,
)
from nairl.common.models import AuditEntry
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.runs import runs_from_frame

from ..models import RUN_NUMBERS, Run, Study

#: Read from a file but not stored: tokens per parameter m, from which the core derives D = m·N.
DERIVING_COLUMNS = ("m",)
COLUMNS = ("group", *RUN_NUMBERS, *DERIVING_COLUMNS)
SIZE_COLUMNS = ("n", "d", "c")
DEFAULT_GROUP = "baseline"
MAX_RUNS = 100_000


class RunsImporter(TableImporter):
    required_columns = ("loss",)
    optional_columns = tuple(column for column in COLUMNS if column != "loss")

    def __init__(self, study: Study, source: str):
        self.study, self.source, self.runs = study, source, []

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS

    def check_columns(self, headers, report):
        super().check_columns(headers, report)
        if not any(column in headers for column in SIZE_COLUMNS):
            report.add(1, "n", _("Give at least one of the columns n, d and c."))

    def validate(self, records, report):
        if not records:
            report.add(None, "", _("The file has column names but no runs."))
            return
        if len(records) > MAX_RUNS:
            report.add(
                None, "", _("At most %(count)d runs can be added at once.") % {"count": MAX_RUNS}
            )
            return
        parsed = [parse_record(values, row, report) for row, values in records]
        if report.problems:
            return
        positions = [row for row, _values in records]
        self.runs = core_check(parsed, positions, report)
        if not report.problems:
            check_against_study(self.study, self.runs, positions, report)

    def save(self) -> list:
        for run in self.runs:
            run.study = self.study
        Run.objects.bulk_create(self.runs, batch_size=2000)
        Study.objects.filter(pk=self.study.pk).update(updated_at=timezone.now())
        return self.runs

    def audit(self, saved):
        """One entry on the study: how many runs came from where."""
        record(
            self.study,
            AuditEntry.Action.IMPORT,
            {"runs": [None, len(saved)], "source": [None, self.source[:200]]},
        )


def import_runs_file(*, study: Study, filename: str, source) -> ImportReport:
    """Adds every run in the CSV/XLSX file to the study, or raises ImportRefused and adds none."""
    return import_file(RunsImporter(study, filename), filename, source)


def add_runs(*, study: Study, items) -> ImportReport:
    """Adds a list of run objects sent to the API (problems at their indexes, from 0), or raises
    ImportRefused and adds none."""
    report = ImportReport()
    if not isinstance(items, list) or not items:
        report.add(None, "", _("Send a non-empty list of runs."))
        raise ImportRefused(report)
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
        records.append((index, {key: item.get(key) for key in COLUMNS if key in item}))
    if report.problems:
        raise ImportRefused(report)
    return import_records(RunsImporter(study, "api"), records, report)


def parse_record(record: dict, position: int, report: ImportReport) -> dict:
    values = {}
    for column in COLUMNS:
        raw = record.get(column)
        text = "" if raw is None else str(raw).strip()
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
    if not any(
        values.get(column) is not None for column in SIZE_COLUMNS
    ) and not report.has_problems_on(position):
        report.add(position, "n", _("Give at least one of n, d and c for this run."))
    return values


def core_check(parsed: list[dict], positions: list[int], report: ImportReport) -> list[Run]:
    """The core's validation of the whole table; its rows (from 1) are reported at ours."""
    columns = [
        c for c in (*RUN_NUMBERS, *DERIVING_COLUMNS) if any(row[c] is not None for row in parsed)
    ]
    frame = pd.DataFrame({c: [row[c] for row in parsed] for c in columns}, dtype=float)
    frame["group"] = [row["group"] for row in parsed]
    mapping = {c: c for c in columns}
    mapping["group"] = "group"
    try:
        runs = runs_from_frame(frame, mapping)
    except ScalingInputError as error:
        report_core_error(error, [positions[row - 1] for row in error.rows], report)
        return []
    built = []
    for index in range(len(runs)):
        values = {
            name: float(getattr(runs, key)[index])
            for name, key in (*((c, c) for c in RUN_NUMBERS if c != "loss"), ("loss", "value"))
            if runs.has(key)
        }
        built.append(Run(group=str(runs.group[index]), **values))
    return built


CORE_REASONS = {
    "exceeds": gettext_noop("Unique data U_D is larger than training data D."),
    "missing": gettext_noop("This value is missing; other runs have one in this column."),
    "not_positive": gettext_noop("Must be a positive number."),
    "m_and_d": gettext_noop(
        "Give either d (training tokens) or m (tokens per parameter), not both."
    ),
    "m_without_n": gettext_noop("Tokens per parameter m need the model size n (D = m·N)."),
}


def report_core_error(error: ScalingInputError, positions: list[int], report) -> None:
    """The core's refusal, worded in the reader's language at the rows it names."""
    if error.reason == "duplicate":
        for position in positions:
            others = ", ".join(str(p) for p in positions if p != position)
            report.add(
                position,
                "",
                _("Describes the same run (group, N, D, C) as %(others)s; remove or merge them.")
                % {"others": others},
            )
        return
    position = positions[0] if positions else None
    if error.reason in CORE_REASONS:
        report.add(position, error.column or "", _(CORE_REASONS[error.reason]))
    else:
        report.add(
            position,
            error.column or "",
            _("The runs were refused: %(reason)s") % {"reason": error},
        )


def check_against_study(study, runs: list[Run], positions: list[int], report) -> None:
    """A run already in the study (same group, N, D and C) is refused, not stored twice."""
    groups = {run.group for run in runs}
    existing = set(
        Run.objects.filter(study=study, group__in=groups).values_list("group", "n", "d", "c")
    )
    if not existing:
        return
    for position, run in zip(positions, runs, strict=True):
        if (run.group, run.n, run.d, run.c) in existing:
            report.add(
                position, "", _("This run (same group, N, D and C) is already in the study.")
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
