"""The seminar journey in a real browser: staff publish a talk, a visitor registers and
confirms by email, subscribes to the feed, cancels, and the next person on the waiting list is
promoted and told."""

import re

import icalendar
import pytest
from django.core import mail

from factories import PASSWORD, make_user
from nairl.common.roles import Role
from nairl.seminars.models import Registration, Talk
from seminars.helpers import make_series

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def path_in(message, name: str) -> str:
    url = re.search(rf"http://\S+/registrations/\d+/{name}/[0-9a-f]+/", message.body)[0]
    return "/" + url.split("/", 3)[3]


def latest_to(email: str):
    return [message for message in mail.outbox if message.to == [email]][-1]


def register(page, talk, name, email):
    page.goto(talk.get_absolute_url())
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.select_option("#id_language", "en")
    page.locator("section form button[type=submit]").click()
    page.wait_for_load_state()


def test_publish_register_subscribe_cancel_and_promote(page_for, live_server):
    make_user("organiser", Role.HUB_STAFF)
    series = make_series(code="journey", title_en="Journey seminar", time_zone="Europe/Paris")
    staff = page_for()
    sign_in(staff, "organiser", PASSWORD)
    staff.goto(f"/seminars/series/{series.pk}/talks/new/")
    staff.fill("#id_guest_name", "Léa Moreau")
    staff.fill("#id_title_en", "Planning under uncertainty")
    staff.fill("#id_title_ko", "불확실성 속의 계획")
    staff.fill("#id_time_zone", "Europe/Paris")
    staff.fill("#id_local_start", "2030-04-05T18:00")
    staff.fill("#id_local_end", "2030-04-05T19:00")
    staff.fill("#id_capacity", "1")
    staff.check("#id_is_published")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert staff.locator("h1").inner_text() == "Planning under uncertainty"
    talk = Talk.objects.get(title_en="Planning under uncertainty")

    # A visitor without an account registers; the confirmation link arrives by email.
    ada = page_for()
    register(ada, talk, "Ada", "ada@example.org")
    assert "we sent a link to ada@example.org" in ada.locator(".messages").inner_text()
    ada.goto(path_in(latest_to("ada@example.org"), "confirm"))
    ada.locator("main form button[type=submit]").click()
    ada.wait_for_load_state()
    assert "You have a seat." in ada.locator("main").inner_text()
    confirmation = latest_to("ada@example.org")
    assert confirmation.subject == "Your seat: Planning under uncertainty"
    attached = icalendar.Calendar.from_ical(confirmation.attachments[0][1])
    assert [str(e["UID"]) for e in attached.walk("VEVENT")] == [talk.ical_uid]

    # She subscribes to the feed: a webcal link beside the https one, and the feed has the talk.
    ada.goto("/seminars/calendars/")
    webcal = ada.locator("a", has_text="Subscribe").first.get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.endswith("/seminars/calendar.ics?lang=ko")
    feed = ada.request.get("/seminars/calendar.ics?lang=en")
    calendar = icalendar.Calendar.from_ical(feed.body())
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == talk.ical_uid)
    assert (
        event.start.utcoffset().total_seconds() == 7200
    )  # 18:00 in Paris, summer time (since 31 March 2030)

    # Someone else finds the talk full and joins the waiting list.
    bo = page_for()
    register(bo, talk, "Bo", "bo@example.org")
    bo.goto(path_in(latest_to("bo@example.org"), "confirm"))
    bo.locator("main form button[type=submit]").click()
    bo.wait_for_load_state()
    assert "you are number 1 on the waiting list" in bo.locator(".messages").inner_text()

    # Ada cancels through the private link in her email; Bo is promoted and told.
    ada.goto(path_in(confirmation, "cancel"))
    ada.locator("main form button[type=submit]").click()
    ada.wait_for_load_state()
    assert "Your registration is cancelled." in ada.locator(".messages").inner_text()
    bo_registration = Registration.objects.get(email="bo@example.org")
    assert bo_registration.status == Registration.Status.SEATED
    told = latest_to("bo@example.org")
    assert told.subject == "A seat is yours: Planning under uncertainty"
    bo.goto(talk.get_absolute_url())
    assert "0 seats left" in bo.locator("main").inner_text()
