"""A file past the upload limit is skipped while it streams in, and the page says why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import make_user
from nairl.common.roles import Role
from nairl.people.models import Institution

pytestmark = pytest.mark.django_db


def test_an_oversized_upload_is_refused_with_its_reason(client_for, settings):
    settings.NAIRL_MAX_UPLOAD_BYTES = 1_000
    rows = "name_ko,name_en,country,kind\n" + "대학,University,KR,university\n" * 200
    browser = client_for(make_user("upload-staff", Role.HUB_STAFF))
    response = browser.post(
        "/import/",
        {"kind": "institutions", "file": SimpleUploadedFile("big.csv", rows.encode())},
    )
    assert response.status_code == 400
    assert "The file is larger than 0.001 MB" in response.content.decode()
    assert Institution.objects.count() == 0


def test_a_file_under_the_limit_is_imported(client_for, settings):
    settings.NAIRL_MAX_UPLOAD_BYTES = 1_000
    rows = "name_ko,name_en,country,kind\n대학,University,KR,university\n"
    browser = client_for(make_user("upload-staff", Role.HUB_STAFF))
    response = browser.post(
        "/import/",
        {"kind": "institutions", "file": SimpleUploadedFile("small.csv", rows.encode())},
    )
    assert response.status_code == 200
    assert Institution.objects.count() == 1
