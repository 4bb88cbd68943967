"""Reading tables is bounded: hostile files get a clear refusal, never a hung or dying server."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from nairl.common.spreadsheets import TableError, TableLimits, read_table

LIMITS = TableLimits(max_bytes=200_000, max_rows=50, max_columns=10, max_unpacked_bytes=400_000)


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refusal(name, content, limits=LIMITS) -> str:
    with pytest.raises(TableError) as refused:
        read_table(name, content, limits)
    return str(refused.value)


def test_reads_csv_and_xlsx_alike():
    rows = [["Name", "n"], ["a", 1], ["b", 2.0]]
    csv_table = read_table("t.csv", b"Name,n\na,1\nb,2\n", LIMITS)
    xlsx_table = read_table("t.xlsx", xlsx(rows), LIMITS)
    assert csv_table.headers == xlsx_table.headers == ["name", "n"]
    assert csv_table.rows == xlsx_table.rows == [["a", "1"], ["b", "2"]]


def test_a_file_past_the_size_limit_is_refused_without_reading_it_all():
    stream = io.BytesIO(b"a,b\n" + b"1,2\n" * 100_000)
    assert "larger than 0.2 MB" in refusal("big.csv", stream)
    assert stream.tell() == LIMITS.max_bytes + 1


def test_too_many_columns_and_rows():
    assert "more than 10 columns" in refusal(
        "wide.csv", ",".join(["h"] * 2_000_000).encode()[:150_000]
    )
    many = b"a\n" + b"1\n" * 51
    assert "more than 50 rows" in refusal("long.csv", many)
    assert read_table("ok.csv", b"a\n" + b"1\n" * 50, LIMITS).rows[-1] == ["1"]


def test_xlsx_whose_parts_unpack_past_the_limit_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 1_000_000)
    assert "unpacks to more than" in refusal("bomb.xlsx", buffer.getvalue())


def test_xml_with_a_document_type_is_refused_before_parsing():
    content = xlsx([["a"], [1]])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY e "lol">]>' + data
            archive.writestr(item, data)
    assert "XML that is not allowed" in refusal("doctype.xlsx", buffer.getvalue())


def test_malformed_xlsx_is_a_clear_error():
    content = xlsx([["a"], [1]])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)
    assert "not a valid Excel" in refusal("broken.xlsx", buffer.getvalue())
    assert "not a valid Excel" in refusal("junk.xlsx", b"PK\x03\x04 not really a zip")


def test_a_sheet_claiming_a_huge_size_is_read_by_its_cells():
    content = xlsx([["a", "b"], [1, 2]])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
            archive.writestr(item, data)
    table = read_table("claims.xlsx", buffer.getvalue(), LIMITS)
    assert table.headers == ["a", "b"] and table.rows == [["1", "2"]]


def test_a_workbook_packed_like_a_zip_bomb_is_refused_before_it_is_parsed():
    content = xlsx([["a"], [1]])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data += b" " * 3_000_000  # stored in a few kilobytes, unpacked in megabytes
            archive.writestr(item.filename, data)
    generous = TableLimits(
        max_bytes=10_000_000, max_rows=10, max_columns=10, max_unpacked_bytes=100_000_000
    )
    assert "packed in a way spreadsheets are not" in refusal(
        "bomb.xlsx", buffer.getvalue(), generous
    )
