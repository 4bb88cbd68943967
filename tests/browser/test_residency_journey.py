"""The residency's main journey in a real browser: staff make a stay, settle its checklist and
issue the invitation letter; the visitor books a desk and sees it on their home, in Korean."""

import pytest

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.residency.models import DeskBooking, Stay
from residency.helpers import make_desk, open_days

from .conftest import sign_in
from .test_journeys import korean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stay_checklist_letter_desk_and_the_visitors_home_in_korean(page_for):
    make_user("hana", Role.HUB_STAFF)
    visitor_user = make_user("claire", Role.RESEARCHER, language="ko")
    visitor = make_person("Claire Dubois", "클레어 뒤부아", user=visitor_user, country="FR")
    host = make_person("Kim Minjun", "김민준")
    inria = make_institution("Inria", "프랑스 국립디지털과학기술연구소", country="FR")
    desk = make_desk(code="7-A01", features=["gpu"])
    days = open_days(3)

    staff = page_for()
    sign_in(staff, "hana", PASSWORD)
    staff.goto("/residency/stays/new/")
    staff.select_option("#id_visitor", str(visitor.pk))
    staff.select_option("#id_home_institution", str(inria.pk))
    staff.select_option("#id_host", str(host.pk))
    staff.fill("#id_start", days[0].isoformat())
    staff.fill("#id_end", days[2].isoformat())
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert staff.locator("h1", has_text="Claire Dubois").is_visible()
    stay = Stay.objects.get()

    staff.locator("button", has_text="Mark Approved").click()
    staff.wait_for_load_state()
    staff.locator("button", has_text="Issue the invitation letter").click()
    staff.wait_for_load_state()
    assert staff.locator("text=verification code").is_visible()
    code = stay.letters.get().code
    staff.goto(f"/residency/letters/check/?code={code}")
    assert staff.locator("text=This letter is genuine and current.").is_visible()

    home = page_for(locale="ko-KR")
    sign_in(home, "claire", PASSWORD)
    home.goto(f"/residency/stays/{stay.pk}/desks/?start={days[0]}&end={days[0]}&features=gpu")
    home.locator("tr", has_text="7-A01").locator("button").click()
    home.wait_for_load_state()
    assert DeskBooking.objects.filter(stay=stay, desk=desk, day=days[0]).exists()
    assert home.locator(".messages", has_text=korean("Desk booked.")).is_visible()
    home.goto("/")
    panel = home.locator("section.panel", has_text=korean("My stay and desk"))
    assert panel.is_visible()
    assert (
        "7-A01" in panel.inner_text() or korean("No desk booked this week.") in panel.inner_text()
    )
    home.goto(f"/residency/stays/{stay.pk}/")
    assert home.locator("text=7-A01").first.is_visible()
    assert home.locator("a", has_text=korean("Download the letter (PDF)")).is_visible()
