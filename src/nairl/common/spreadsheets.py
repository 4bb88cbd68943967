"""Reading and writing spreadsheet tables (CSV and XLSX) safely, for every import and export.

Reading is bounded: the file's size, its rows and columns, and (for XLSX, a zip of XML files)
the unpacked size of its parts are capped while reading, so a small hostile file cannot hold the
server; XML that declares a document type is refused before it is parsed. Spreadsheet programs
run a cell that starts with = + - @ as a formula, so an imported cell that looks like one is
refused, and an exported one is written as text.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DOCTYPE_SCAN_BYTES = 4096  # an XML part's document type declaration comes before its content
MAX_RATIO = 100  # unpacked size / stored size of one part of a workbook
BOMB_FLOOR = 1_000_000  # small parts may compress as far as they like


class TableError(ValueError):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass(frozen=True)
class TableLimits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_unpacked_bytes: int  # XLSX: all parts of the zip, unpacked

    @classmethod
    def from_settings(cls) -> "TableLimits":
        return cls(
            max_bytes=settings.NAIRL_MAX_UPLOAD_BYTES,
            max_rows=settings.NAIRL_MAX_IMPORT_ROWS,
            max_columns=settings.NAIRL_MAX_IMPORT_COLUMNS,
            max_unpacked_bytes=settings.NAIRL_MAX_XLSX_UNPACKED_BYTES,
        )


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


def read_bytes(source, limits: TableLimits) -> bytes:
    """The file's content, refused past the size limit without reading much further."""
    if isinstance(source, bytes):
        content = source
    else:
        content = source.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        raise TableError(
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": f"{limits.max_bytes / 1_000_000:g}"}
        )
    return content


def read_table(filename: str, source, limits: TableLimits | None = None) -> Table:
    """The table in a .csv or .xlsx file (`source`: its bytes or an open binary file)."""
    limits = limits or TableLimits.from_settings()
    name = filename.lower()
    if not name.endswith((".csv", ".xlsx")):
        raise TableError(_("Only .csv and .xlsx files can be imported."))
    content = read_bytes(source, limits)
    rows = read_csv(content) if name.endswith(".csv") else read_xlsx(content, limits)
    headers, body = None, []
    for row in rows:
        if not any(row):
            continue
        if len(row) > limits.max_columns:
            raise TableError(
                _("The file has more than %(count)d columns.") % {"count": limits.max_columns}
            )
        if headers is None:
            headers = [header.strip().lower() for header in row]
            continue
        if len(body) == limits.max_rows:
            raise TableError(
                _("The file has more than %(count)d rows; split it into smaller files.")
                % {"count": limits.max_rows}
            )
        body.append(row)
    if headers is None:
        raise TableError(_("The file is empty: the first row must name the columns."))
    width = len(headers)
    return Table(headers=headers, rows=[(row + [""] * width)[:width] for row in body])


def read_csv(content: bytes):
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
        for row in csv.reader(io.StringIO(text, newline="")):
            yield [cell.strip() for cell in row]
    except csv.Error as error:
        raise TableError(_("The CSV file is malformed: %(reason)s.") % {"reason": error}) from error


def check_xlsx_parts(archive: zipfile.ZipFile, limits: TableLimits) -> None:
    """Refuses zip bombs and XML with a document type (entity expansion) before parsing."""
    parts = archive.infolist()
    for part in parts:
        # Spreadsheets compress about ten times; a part that unpacks hundreds of times larger
        # than it is stored was made to (a zip bomb), whatever its total size.
        if part.file_size > BOMB_FLOOR and part.file_size > MAX_RATIO * part.compress_size:
            raise TableError(_("The workbook is packed in a way spreadsheets are not."))
    if sum(part.file_size for part in parts) > limits.max_unpacked_bytes:
        raise TableError(
            _("The workbook unpacks to more than %(limit)s MB; split it into smaller files.")
            % {"limit": f"{limits.max_unpacked_bytes / 1_000_000:g}"}
        )
    for part in parts:
        if part.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(part) as stream:
                if b"<!DOCTYPE" in stream.read(DOCTYPE_SCAN_BYTES).upper():
                    raise TableError(_("The workbook contains XML that is not allowed."))


def read_xlsx(content: bytes, limits: TableLimits):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_xlsx_parts(archive, limits)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except TableError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise TableError(_("The file is not a valid Excel (.xlsx) workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        # A sheet's declared size can claim a million columns: read only the cells it has.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in row[: limits.max_columns + 1]]
    except TableError:
        raise
    except Exception as error:
        raise TableError(_("The file is not a valid Excel (.xlsx) workbook.")) from error
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
