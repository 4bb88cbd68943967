"""Checklist reminders: one digest per owner, only their own items due within a week, not every
day; the home panel costs the same queries however many desks are booked."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import make_user
from nairl.common.roles import Role
from nairl.residency.domain.calendar import hub_today
from nairl.residency.domain.notifications import send_checklist_reminders
from nairl.residency.models import DeskBooking, Stay

from ..helpers import make_desk, make_stay, visitor_account

pytestmark = pytest.mark.django_db


def test_one_digest_per_owner_and_not_again_the_next_day(django_capture_on_commit_callbacks):
    staff = make_user("reminded-staff", Role.HUB_STAFF, language="ko")
    today = hub_today()
    soon = make_stay(by=staff, start=today + datetime.timedelta(days=10))
    make_stay(by=staff, start=today + datetime.timedelta(days=12))
    make_stay(by=staff, start=today + datetime.timedelta(days=200))  # nothing due yet
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_checklist_reminders(today=today)
    to_staff = [message for message in mail.outbox if message.to == [staff.email]]
    assert sent == len(mail.outbox) and len(to_staff) == 1
    assert "체크리스트" in to_staff[0].subject
    assert str(soon.visitor.name) in to_staff[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_checklist_reminders(today=today + datetime.timedelta(days=1)) == 0


def test_the_home_panel_makes_as_many_queries_for_one_desk_as_for_five(client_for):
    user, person = visitor_account("panel-counter")
    stay = make_stay(person)
    Stay.objects.filter(pk=stay.pk).update(start=hub_today())
    browser = client_for(user)
    DeskBooking.objects.create(stay=stay, desk=make_desk(), day=hub_today())
    browser.get("/")
    with CaptureQueriesContext(connection) as one:
        browser.get("/")
    for offset in range(1, 5):
        day = hub_today() + datetime.timedelta(days=offset)
        DeskBooking.objects.create(stay=stay, desk=make_desk(), day=day)
    with CaptureQueriesContext(connection) as five:
        page = browser.get("/")
    assert len(one) == len(five)
    assert page.content.decode().count("room R") >= 5
