"""Milestones in a real browser, in Korean: a principal investigator adds a milestone for a
member, is refused a due date outside the project with nothing saved, sees it overdue, completes
it and sees it struck through."""

import datetime

import pytest

from factories import PASSWORD, make_person, make_user
from nairl.common.roles import Role
from nairl.research.models import Milestone
from research.helpers import make_member, make_project

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_refuse_complete_a_milestone_in_korean(page_for):
    pi_user = make_user("milestone-journey-pi", Role.RESEARCHER, language="ko")
    project = make_project(
        make_person("Journey PI", user=pi_user),
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    owner = make_person("Owner Member")
    make_member(project, owner, start=datetime.date(2024, 1, 1))
    page = page_for(locale="ko-KR")
    sign_in(page, "milestone-journey-pi", PASSWORD)

    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="마일스톤 추가").click()
    page.fill("#id_title_ko", "데이터 준비")
    page.fill("#id_title_en", "Data ready")
    page.fill("#id_due", "2030-01-01")
    page.select_option("#id_owner", str(owner.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "기한이 과제 기간(2024-01-01 – 2027-12-31)을 벗어납니다." in page.inner_text("main")
    assert not Milestone.objects.exists()

    page.fill("#id_due", "2025-03-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "마일스톤을 추가했습니다." in page.inner_text("body")
    row = page.locator("tr", has_text="데이터 준비")
    assert "기한 지남" in row.inner_text() and "Owner Member" in row.inner_text()

    row.get_by_role("link", name="완료 처리").click()
    page.fill("#id_on", "2025-02-20")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "마일스톤을 완료했습니다." in page.inner_text("body")
    row = page.locator("tr", has_text="데이터 준비")
    assert row.locator("s").inner_text() == "데이터 준비"
    assert "✓ 2025-02-20" in row.inner_text() and "기한 지남" not in row.inner_text()
    assert Milestone.objects.get().completed_on == datetime.date(2025, 2, 20)
