import io

import pytest
from openpyxl import Workbook

from factories import make_user
from nairl.common.imports import ImportRefused
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.scaling.domain import runs
from nairl.scaling.models import Run

from ..helpers import make_study

pytestmark = pytest.mark.django_db

GOOD = "group,n,d,loss\nbaseline,1e7,1e9,3.2\nbaseline,1e8,1e10,2.8\nmethod,1e7,1e9,3.0\n"


@pytest.fixture
def study():
    return make_study(make_user("owner", Role.RESEARCHER))


def import_runs_file(study, filename, content):
    return runs.import_runs_file(study=study, filename=filename, source=content)


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refused(study, name, content):
    with pytest.raises(ImportRefused) as failure:
        import_runs_file(study, name, content)
    assert Run.objects.count() == 0
    return [(e.row, e.column, e.message) for e in failure.value.report.problems]


def test_csv_adds_every_run_and_derives_compute(study):
    report = import_runs_file(study, "runs.csv", GOOD.encode())
    assert report.created == 3
    run = Run.objects.get(group="baseline", n=1e7)
    assert run.c == pytest.approx(6 * 1e7 * 1e9)
    assert AuditEntry.objects.filter(action="import", object_id=str(study.pk)).count() == 1


def test_xlsx_with_korean_group_names(study):
    content = xlsx(
        [["group", "n", "c", "loss"], ["기준선", 1e7, 6e16, 3.2], ["기준선", 1e8, 6e18, 2.8]]
    )
    assert import_runs_file(study, "runs.xlsx", content).created == 2
    run = Run.objects.get(n=1e7)
    assert run.group == "기준선"
    assert run.d == pytest.approx(1e9)


def test_one_bad_row_means_nothing_is_saved_and_every_problem_is_listed(study):
    errors = refused(
        study,
        "runs.csv",
        b"group,n,d,loss\nbaseline,1e7,1e9,3.2\nbaseline,abc,1e10,2.8\nb,1e7,0,-1\n",
    )
    assert (3, "n", "“abc” is not a number.") in errors
    assert (4, "d", "Must be a positive number (got 0).") in errors
    assert (4, "loss", "Must be a positive number (got -1).") in errors


def test_missing_and_unknown_columns(study):
    errors = refused(study, "runs.csv", b"group,size,tokens\nbaseline,1,2\n")
    columns = {column for _row, column, _message in errors}
    assert {"loss", "n", "size", "tokens"} <= columns
    assert all(row == 1 for row, _c, _m in errors)


def test_duplicates_in_the_file_name_both_rows(study):
    errors = refused(study, "runs.csv", b"n,d,loss\n1e7,1e9,3.2\n1e8,1e9,3.0\n1e7,1e9,3.1\n")
    rows = sorted(row for row, _c, _m in errors)
    assert rows == [2, 4]
    assert "same run" in errors[0][2]


def test_duplicates_of_runs_already_in_the_study(study):
    import_runs_file(study, "runs.csv", GOOD.encode())
    with pytest.raises(ImportRefused) as failure:
        import_runs_file(study, "again.csv", GOOD.encode())
    assert Run.objects.count() == 3
    assert [e.row for e in failure.value.report.problems] == [2, 3, 4]


def test_formula_cells_are_refused(study):
    errors = refused(study, "runs.csv", b"group,n,d,loss\n=HYPERLINK(1),1e7,1e9,3.2\n")
    assert errors == [
        (2, "group", "This cell looks like a spreadsheet formula; formulas are not accepted.")
    ]


def test_xlsx_formula_cells_are_refused(study):
    errors = refused(study, "runs.xlsx", xlsx([["n", "d", "loss"], [1e7, 1e9, "=1+2"]]))
    assert errors[0][:2] == (2, "loss")


def test_wrong_encoding_is_one_clear_error(study):
    errors = refused(study, "runs.csv", "group,n,d,loss\n기준선,1e7,1e9,3.2\n".encode("cp949"))
    assert len(errors) == 1
    assert "UTF-8" in errors[0][2]


def test_unique_data_above_training_data_is_mapped_to_its_row(study):
    errors = refused(study, "runs.csv", b"n,d,unique_d,loss\n1e7,1e9,1e8,3.2\n1e8,1e9,2e9,3.0\n")
    assert errors == [(3, "unique_d", "Unique data U_D is larger than training data D.")]


def test_partly_filled_column_names_the_empty_cell(study):
    errors = refused(study, "runs.csv", b"n,d,c,loss\n1e7,1e9,,3.2\n1e8,1e9,6e17,3.0\n")
    assert errors[0][:2] == (2, "c")


def test_not_a_spreadsheet(study):
    assert refused(study, "runs.txt", b"x")[0][2] == "Only .csv and .xlsx files can be imported."
    assert "no runs" in refused(study, "runs.csv", b"n,d,loss\n")[0][2]


def test_upload_page_shows_errors_in_korean(study, client_for):
    browser = client_for(study.owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = browser.post(
        f"/scaling/{study.pk}/runs/upload/",
        {"file": SimpleUploadedFile("runs.csv", b"n,d,loss\n1e7,1e9,-3\n")},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 400
    assert Run.objects.count() == 0
    response = browser.post(
        f"/scaling/{study.pk}/runs/upload/", {"file": SimpleUploadedFile("runs.csv", GOOD.encode())}
    )
    assert response.status_code == 200
    assert Run.objects.count() == 3


def test_only_editors_upload(study, client_for, role_users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    study.is_public = True
    study.save()
    browser = client_for(role_users[Role.RESEARCHER])
    response = browser.post(
        f"/scaling/{study.pk}/runs/upload/", {"file": SimpleUploadedFile("runs.csv", GOOD.encode())}
    )
    assert response.status_code == 403
    assert Run.objects.count() == 0


def test_tokens_per_parameter_stand_for_training_tokens(study):
    content = b"n,m,loss\n1e7,20,3.2\n1e7,320,2.9\n1e8,20,2.8\n"
    assert import_runs_file(study, "runs.csv", content).created == 3
    run = Run.objects.get(n=1e7, loss=2.9)
    assert run.d == pytest.approx(320 * 1e7)
    assert run.c == pytest.approx(6 * 1e7 * 320 * 1e7)


def test_tokens_per_parameter_with_tokens_or_without_size_are_refused(study):
    errors = refused(study, "runs.csv", b"n,d,m,loss\n1e7,1e9,20,3.2\n")
    assert errors[0][1:] == (
        "m",
        "Give either d (training tokens) or m (tokens per parameter), not both.",
    )
    errors = refused(study, "runs.csv", b"c,m,loss\n1e18,20,3.2\n")
    assert errors[0][1:] == ("m", "Tokens per parameter m need the model size n (D = m·N).")
    assert refused(study, "runs.csv", b"n,m,loss\n1e7,-20,3.2\n")[0][1] == "m"
