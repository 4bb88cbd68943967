"""All-or-nothing import of institutions and people (CSV and XLSX)."""

import pytest
from django.urls import reverse

from factories import make_institution, make_person, make_user
from nairl.common.imports import ImportRefused
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.common.spreadsheets import looks_like_formula
from nairl.people.domain.importing import import_directory
from nairl.people.models import Affiliation, Institution, Person

from ..tables import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

INSTITUTIONS = [
    ["name_ko", "name_en", "ror_id", "country", "kind", "parent_ror_id", "website"],
    ["한국과학기술원", "KAIST", "05apxxy63", "kr", "University", "", "https://www.kaist.ac.kr"],
    ["", "Stanford University", "https://ror.org/00f54p054", "US", "university", "", ""],
    ["", "KAIST AI Lab", "", "KR", "institute", "05apxxy63", ""],
]
PEOPLE = [
    [
        "name_ko",
        "name_en",
        "orcid",
        "email",
        "country",
        "bio_ko",
        "bio_en",
        "expertise",
        "is_public",
        "institution_ror_id",
        "role",
        "start",
        "end",
    ],
    [
        "김민준",
        "Minjun Kim",
        "0000-0002-1825-0097",
        "minjun@example.org",
        "KR",
        "로봇 연구",
        "",
        "cs.RO; cs.LG",
        "예",
        "05apxxy63",
        "professor",
        "2021-03-01",
        "",
    ],
    [
        "",
        "Jane Doe",
        "https://orcid.org/0000-0002-1694-233x",
        "",
        "us",
        "",
        "Scaling laws.",
        "cs.lg",
        "no",
        "00f54p054",
        "",
        "",
        "",
    ],
    ["박서연", "", "", "", "", "", "", "", "", "", "", "", ""],
]


def import_file(kind, filename, content):
    return import_directory(kind=kind, filename=filename, source=content)


def make_file(fmt, rows):
    return ("data.csv", csv_bytes(rows)) if fmt == "csv" else ("data.xlsx", xlsx_bytes(rows))


def failure(kind, name, content):
    with pytest.raises(ImportRefused) as caught:
        import_file(kind, name, content)
    return [(error.row, error.column, error.message) for error in caught.value.report.problems]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_institutions_then_people(fmt):
    report = import_file("institutions", *make_file(fmt, INSTITUTIONS))
    assert report.created == 3 and report.problems == []
    kaist = Institution.objects.get(ror_id="05apxxy63")
    assert (kaist.name_ko, kaist.country.code, kaist.kind) == ("한국과학기술원", "KR", "university")
    assert Institution.objects.get(name_en="KAIST AI Lab").parent == kaist
    assert Institution.objects.get(name_en="Stanford University").ror_id == "00f54p054"

    report = import_file("people", *make_file(fmt, PEOPLE))
    assert report.created == 3
    minjun = Person.objects.get(orcid="0000-0002-1825-0097")
    assert minjun.name_ko == "김민준" and minjun.is_public and minjun.email == "minjun@example.org"
    assert set(minjun.expertise.values_list("code", flat=True)) == {"cs.RO", "cs.LG"}
    affiliation = minjun.affiliations.get()
    assert (affiliation.institution, affiliation.role, str(affiliation.start)) == (
        kaist,
        "professor",
        "2021-03-01",
    )
    jane = Person.objects.get(name_en="Jane Doe")
    assert jane.orcid == "0000-0002-1694-233X" and not jane.is_public and jane.country.code == "US"
    assert jane.affiliations.get().role == "researcher"
    assert Person.objects.get(name_ko="박서연").affiliations.count() == 0
    # imported people are searchable and ordered like people saved one by one
    assert "카이스트" not in minjun.search_text and "한국과학기술원" in minjun.search_text
    assert minjun.sort_name == "minjun kim"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 6


def test_imported_institutions_sort_like_saved_ones():
    rows = [INSTITUTIONS[0], ["", "  Zeta Institute ", "", "KR", "institute", "", ""]]
    import_file("institutions", "data.csv", csv_bytes(rows))
    institution = Institution.objects.get()
    saved_sort_name = institution.sort_name
    institution.save()
    assert saved_sort_name == institution.sort_name


def test_one_bad_row_among_many_imports_nothing():
    import_file("institutions", "i.csv", csv_bytes(INSTITUTIONS))
    rows = [PEOPLE[0]] + [
        ["", f"Person {n}", "", "", "KR", "", "", "cs.AI", "yes", "05apxxy63", "", "", ""]
        for n in range(40)
    ]
    rows[26][2] = "0000-0002-1825-0098"  # a wrong check digit on spreadsheet row 27
    before = (Person.objects.count(), Affiliation.objects.count(), AuditEntry.objects.count())
    errors = failure("people", "p.csv", csv_bytes(rows))
    assert errors == [
        (
            27,
            "orcid",
            "“0000-0002-1825-0098” is not a valid ORCID iD: its check digit does not match.",
        )
    ]
    assert (
        Person.objects.count(),
        Affiliation.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_every_problem_is_reported_with_row_column_and_reason():
    import_file("institutions", "i.csv", csv_bytes(INSTITUTIONS))
    rows = [
        PEOPLE[0],
        ["", "", "", "", "XX", "", "", "", "", "", "", "", ""],
        ["", "A", "", "not-an-email", "", "", "", "cs.ZZ", "maybe", "", "professor", "", ""],
        ["", "B", "", "", "", "", "", "", "", "05apxxy63", "postdoc", "2024-05-01", "2024-04-01"],
        ["", "C", "", "", "", "", "", "", "", "05apxxy63", "", "01/02/2024", ""],
        ["", "D", "", "", "", "", "", "", "", "0abcdef12", "", "", ""],
    ]
    errors = failure("people", "p.csv", csv_bytes(rows))
    by_place = {(row, column) for row, column, _message in errors}
    assert (2, "name_ko") in by_place
    assert (2, "country") in by_place
    assert (3, "email") in by_place
    assert (3, "expertise") in by_place
    assert (3, "is_public") in by_place
    assert (3, "role") in by_place  # an affiliation without an institution
    assert (4, "end") in by_place
    assert (5, "start") in by_place
    assert (6, "institution_ror_id") in by_place
    messages = {(row, column): message for row, column, message in errors}
    assert messages[(3, "expertise")] == "Unknown field of expertise “cs.zz”."
    assert messages[(4, "end")] == "The end date is before the start date."
    assert messages[(5, "start")] == "Write the date as YYYY-MM-DD."
    assert Person.objects.count() == 0


def test_duplicate_orcid_within_file_and_against_database():
    make_person("Existing", orcid="0000-0002-1825-0097")
    rows = [
        PEOPLE[0][:3],
        ["", "A", "0000-0002-1825-0097"],
        ["", "B", "0000-0002-1694-233X"],
        ["", "C", "https://orcid.org/0000-0002-1694-233X"],
    ]
    errors = failure("people", "p.csv", csv_bytes(rows))
    assert errors == [
        (2, "orcid", "A person with this ORCID iD already exists."),
        (4, "orcid", "The same ORCID iD is also on row 3."),
    ]
    assert Person.objects.count() == 1


def test_duplicate_ror_within_file_and_against_database_and_unknown_parent():
    make_institution("Existing", ror_id="02fa3aq29")
    rows = [
        INSTITUTIONS[0],
        ["", "A", "02fa3aq29", "KR", "university", "", ""],
        ["", "B", "01wjejq96", "KR", "university", "", ""],
        ["", "C", "01WJEJQ96", "KR", "university", "", ""],
        ["", "D", "", "KR", "university", "05apxxy63", ""],
    ]
    errors = failure("institutions", "i.csv", csv_bytes(rows))
    assert errors == [
        (2, "ror_id", "An institution with this ROR id already exists."),
        (4, "ror_id", "The same ROR id is also on row 3."),
        (5, "parent_ror_id", "No institution with this ROR id, in the hub or in this file."),
    ]
    assert Institution.objects.count() == 1


def test_invalid_institution_values():
    rows = [INSTITUTIONS[0], ["", "", "05apxxy64", "ZZ", "castle", "", "not a url"]]
    places = {
        (row, column) for row, column, _m in failure("institutions", "i.csv", csv_bytes(rows))
    }
    assert places == {(2, "name_ko"), (2, "ror_id"), (2, "country"), (2, "kind"), (2, "website")}


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "-2+3+cmd",
        "=1+1",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_refused(cell, fmt):
    rows = [["name_ko", "name_en", "bio_en"], ["", "Jane", cell]]
    assert failure("people", *make_file(fmt, rows)) == [
        (2, "bio_en", "This cell looks like a spreadsheet formula; formulas are not accepted.")
    ]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("text", ["-3", "-3.5", "+82", "-1e3"])
def test_numbers_with_a_sign_are_not_formulas(text):
    assert not looks_like_formula(text)
    report = import_file(
        "people", "p.csv", csv_bytes([["name_ko", "name_en", "bio_en"], ["", "Jane", text]])
    )
    assert report.created == 1
    assert Person.objects.get().bio_en == text


def test_real_formula_in_xlsx_cell_is_refused():
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name_ko", "name_en", "bio_en"])
    sheet.append(["", "Jane", None])
    sheet["C2"] = "=SUM(1,2)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert failure("people", "p.xlsx", buffer.getvalue())[0][:2] == (2, "bio_en")


@pytest.mark.parametrize("encoding, text", [("latin-1", "José"), ("cp949", "김민준")])
def test_wrong_encoding_gets_a_clear_message(encoding, text):
    content = csv_bytes([["name_ko", "name_en"], [text, "x"]], encoding=encoding)
    ((row, column, message),) = failure("people", "p.csv", content)
    assert row is None and column == ""
    assert "not UTF-8" in message and "CSV UTF-8" in message


def test_utf8_with_bom_is_read():
    content = b"\xef\xbb\xbf" + csv_bytes([["name_ko", "name_en"], ["김민준", ""]])
    assert import_file("people", "p.csv", content).created == 1


def test_missing_and_unknown_and_repeated_columns():
    errors = failure(
        "people",
        "p.csv",
        csv_bytes(
            [["name_en", "passport_no", "email", "email"], ["Jane", "M123", "a@b.org", "a@b.org"]]
        ),
    )
    assert (1, "name_ko", "This column is missing.") in errors
    assert any(
        row == 1 and column == "passport_no" and message.startswith("Unknown column. Expected:")
        for row, column, message in errors
    )
    assert (1, "email", "This column appears more than once.") in errors


def test_header_names_are_case_and_space_insensitive():
    report = import_file("people", "p.csv", csv_bytes([[" Name_KO ", "NAME_EN"], ["", "Jane"]]))
    assert report.created == 1


def test_malformed_xlsx():
    ((row, column, message),) = failure("people", "p.xlsx", b"PK\x03\x04 this is not a workbook")
    assert message == "The file is not a valid Excel (.xlsx) workbook."


@pytest.mark.parametrize("content", [b"", b"\n\n", b",,,\n,,\n"])
def test_empty_file(content):
    ((_row, _column, message),) = failure("people", "p.csv", content)
    assert message == "The file is empty: the first row must name the columns."


@pytest.mark.parametrize("name", ["people.txt", "people.xls", "people.csv.exe", "people"])
def test_other_extensions_refused(name):
    ((_row, _column, message),) = failure("people", name, csv_bytes(PEOPLE))
    assert message == "Only .csv and .xlsx files can be imported."


def test_blank_rows_are_skipped_and_short_rows_padded():
    content = b"name_ko,name_en,country\n\n,Jane\n,,\n"
    assert import_file("people", "p.csv", content).created == 1
    assert Person.objects.get().name_en == "Jane" and not Person.objects.get().country


def test_import_page_for_staff(client_for):
    staff = make_user("staff", Role.HUB_STAFF)
    browser = client_for(staff)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("i.csv", csv_bytes(INSTITUTIONS), content_type="text/csv")
    response = browser.post(reverse("people:import"), {"kind": "institutions", "file": upload})
    assert response.status_code == 200
    assert "3 records imported." in response.content.decode()
    bad = (
        [PEOPLE[0]]
        + [["", "OK", "", "", "", "", "", "", "", "", "", "", ""]] * 3
        + [["", "Bad", "", "", "", "", "", "cs.NOPE", "", "", "", "", ""]]
    )
    upload = SimpleUploadedFile("p.csv", csv_bytes(bad), content_type="text/csv")
    response = browser.post(reverse("people:import"), {"kind": "people", "file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "1 problem found; nothing was imported." in body
    assert "<td>5</td><td>expertise</td><td>Unknown field of expertise “cs.nope”.</td>" in body
    assert Person.objects.count() == 0


def test_import_page_refuses_non_staff(client_for):
    researcher = make_user("r", Role.RESEARCHER)
    assert client_for(researcher).get(reverse("people:import")).status_code == 403


def test_import_page_without_a_file(client_for):
    staff = make_user("staff", Role.HUB_STAFF)
    response = client_for(staff).post(reverse("people:import"), {"kind": "people"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_an_institution_is_found_by_its_name_when_it_has_no_ror_id():
    make_institution("Demo Robotics Institute", name_ko="데모 로봇 연구소")
    make_institution("Twin Lab")
    make_institution("Twin Lab", name_ko="쌍둥이 연구실")
    header = ["name_ko", "name_en", "institution", "role"]
    rows = [
        header,
        ["", "Hana Lee", "데모 로봇 연구소", "postdoc"],
        ["", "Jun Park", "demo robotics institute", ""],
        ["", "Twin A", "Twin Lab", ""],
        ["", "Nobody", "No Such Place", ""],
    ]
    errors = failure("people", "p.csv", csv_bytes(rows))
    assert errors == [
        (4, "institution", "Several institutions have this name; give institution_ror_id."),
        (5, "institution", "No institution with this name in the hub."),
    ]
    report = import_file("people", "p.csv", csv_bytes(rows[:3]))
    assert report.created == 2
    assert set(Affiliation.objects.values_list("institution__name_en", "role")) == {
        ("Demo Robotics Institute", "postdoc"),
        ("Demo Robotics Institute", "researcher"),
    }
