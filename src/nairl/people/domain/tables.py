"""Reading and writing spreadsheet tables (CSV and XLSX) safely.

Spreadsheet programs run a cell that starts with = + - @ as a formula, so an imported cell that
looks like one is refused, and an exported one is written as text.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)  # data rows; spreadsheet row = index + 2


def looks_like_formula(value: str) -> bool:
    if not value.startswith(FORMULA_STARTS):
        return False
    try:
        float(value)  # "-3.5" is a number, not a formula
    except ValueError:
        return True
    return False


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) and looks_like_formula(text) else text


def cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        value = value.date()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(filename: str, content: bytes) -> Table:
    name = filename.lower()
    if name.endswith(".csv"):
        rows = read_csv(content)
    elif name.endswith(".xlsx"):
        rows = read_xlsx(content)
    else:
        raise TableError(_("Only .csv and .xlsx files can be imported."))
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise TableError(_("The file is empty: the first row must name the columns."))
    headers = [header.strip().lower() for header in rows[0]]
    width = len(headers)
    return Table(headers=headers, rows=[(row + [""] * width)[:width] for row in rows[1:]])


def read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            _(
                "The file is not UTF-8 text (byte %(position)d cannot be read). "
                "Save it as “CSV UTF-8” and try again."
            )
            % {"position": error.start + 1}
        ) from error
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise TableError(_("The CSV file is malformed: %(reason)s.") % {"reason": error}) from error


def read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(_("The file is not a valid Excel (.xlsx) workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def write_csv(headers: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read Korean correctly


def write_xlsx(headers: list[str], rows, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
