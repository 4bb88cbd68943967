"""The audit trail in a real browser: an administrator filters it by who and by kind of record,
reads the changes by name, and the filter survives into the CSV download link."""

import pytest

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.context import acting_as
from nairl.common.roles import Role

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_reads_the_audit_trail_filtered(page_for):
    admin = make_user("ada", Role.ADMINISTRATOR)
    staff = make_user("sam", Role.HUB_STAFF)
    with acting_as(staff):
        lab = make_institution("Staff Lab")
        lab.name_en = "Staff Laboratory"
        lab.save()
    with acting_as(admin):
        make_person("Audit Person")
    page = page_for()
    sign_in(page, "ada", PASSWORD)
    page.locator("nav a", has_text="Audit log").click()
    rows = page.locator("main table tbody tr")
    assert rows.filter(has_text="Audit Person").count() >= 1
    page.fill("#id_actor", "sam")
    page.select_option("#id_model", "institution")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "actor=sam" in page.url and "model=institution" in page.url
    assert rows.filter(has_text="Audit Person").count() == 0
    changed = rows.filter(has_text="Staff Laboratory")
    assert changed.count() >= 1
    assert changed.first.locator("td").nth(1).inner_text() == "sam"
    download = page.get_by_role("link", name="Download this list (CSV)")
    href = download.get_attribute("href")
    assert "actor=sam" in href and "model=institution" in href
