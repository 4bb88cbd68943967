"""An uploaded file of outputs, whatever its format, read and imported (`importing`).

The format is told by the content, never by the name: a JSON list is CSL-JSON, a JSON object
with `orcid-identifier` or `activities-summary` (or a `/works` download's `group`) is an ORCID
public record, anything else is BibTeX. JSON is only parsed (`json.loads`), never run.
"""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .bibtex import read_bibtex
from .csl import read_csl
from .importing import OutputImportReport, decode, import_output_records, refuse
from .orcid import is_orcid_record, read_orcid


def import_output_file(
    *, source, projects=(), skip_invalid=False, author_choices=None, review=False, by
) -> OutputImportReport:
    """Imports a .bib, CSL-JSON or ORCID JSON file (bytes or a binary file), authors without
    an ORCID link linked as `author_choices` says ({name_key: person id or None}); with
    `review`, saves nothing and lists the names to choose for (`report.candidates`). Raises
    ImportRefused, having saved nothing, when the file has problems and the valid entries were
    not asked for, or a choice is missing or not one of the name's candidates."""
    report = OutputImportReport()
    try:
        text = decode(source)
    except ValidationError as error:
        refuse(report, error.messages[0])
    if text.lstrip()[:1] in ("[", "{"):
        records, unreadable = read_json(text, report)
    else:
        records, unreadable = read_bibtex(text)
    return import_output_records(
        records=records,
        unreadable=unreadable,
        projects=projects,
        skip_invalid=skip_invalid,
        report=report,
        author_choices=author_choices,
        review=review,
    )


def read_json(text: str, report: OutputImportReport) -> tuple[list, list]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        refuse(
            report,
            _("The file is not valid JSON (line %(line)d, column %(column)d): %(reason)s.")
            % {"line": error.lineno, "column": error.colno, "reason": error.msg},
        )
    except RecursionError:
        refuse(report, _("The file's JSON is nested too deeply."))
    report.position_name = gettext_lazy("Item")
    if isinstance(data, list):
        return read_csl(data)
    if is_orcid_record(data):
        return read_orcid(data)
    refuse(
        report,
        _(
            "This JSON is neither a CSL-JSON list of items nor an ORCID record "
            "(an object with “orcid-identifier” or “activities-summary”)."
        ),
    )
