"""The residency pages: staff create a stay, a visitor books a desk and sees it on their home,
bad input is refused clearly (in the reader's language) and changes nothing."""

import datetime

import pytest
from django.utils import translation

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.residency.domain.desks import book_desk
from nairl.residency.domain.letters import issue_letter
from nairl.residency.models import DeskBooking, RoomBooking, Stay

from .domain.test_rooms import at
from .helpers import make_desk, make_room, make_stay, open_days, visitor_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_user("stay-staff", Role.HUB_STAFF)


def stay_form(visitor, host, institution, start, end):
    return {
        "visitor": visitor.pk,
        "home_institution": institution.pk,
        "host": host.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "purpose_en": "Joint research",
    }


def test_staff_create_a_stay_with_its_checklist(client_for, staff):
    days = open_days(2)
    data = stay_form(make_person(), make_person(), make_institution(country="JP"), *days)
    response = client_for(staff).post("/residency/stays/new/", data)
    stay = Stay.objects.get()
    assert response.status_code == 302 and response["Location"] == stay.get_absolute_url()
    assert stay.checklist.count() == 5 and stay.created_by == staff
    page = client_for(staff).get(stay.get_absolute_url())
    assert b"Insurance confirmation" in page.content


def test_reversed_dates_are_refused_in_the_readers_language(client_for, staff):
    days = open_days(2)
    data = stay_form(make_person(), make_person(), make_institution(), days[1], days[0])
    staff.language = "ko"
    staff.save()
    with translation.override("ko"):
        response = client_for(staff).post("/residency/stays/new/", data)
    assert response.status_code == 400
    assert "출국일이 입국일보다 앞섭니다" in response.content.decode()
    assert not Stay.objects.exists()


def test_a_visitor_cannot_edit_their_stay_or_see_someone_elses(client_for):
    user, person = visitor_account("visitor-pages")
    own, other = make_stay(person), make_stay()
    browser = client_for(user)
    assert browser.get(own.get_absolute_url()).status_code == 200
    assert browser.get(f"/residency/stays/{own.pk}/edit/").status_code == 403
    response = browser.post(f"/residency/stays/{own.pk}/edit/", {"end": "2099-01-01"})
    assert response.status_code == 403
    assert browser.get(other.get_absolute_url()).status_code == 404
    assert (
        browser.post(f"/residency/stays/{own.pk}/status/", {"status": "cancelled"}).status_code
        == 403
    )
    own.refresh_from_db()
    assert own.status == "approved" and own.end != datetime.date(2099, 1, 1)


def test_transitions_out_of_order_are_refused_on_the_page(client_for, staff):
    stay = make_stay(status="proposed")
    response = client_for(staff).post(f"/residency/stays/{stay.pk}/status/", {"status": "arrived"})
    assert response.status_code == 400
    assert "cannot become arrived" in response.content.decode()
    assert "Nothing was changed" in response.content.decode()


def test_a_visitor_books_a_desk_and_sees_it_on_their_home(client_for):
    user, person = visitor_account("visitor-home")
    stay = make_stay(person)
    desk = make_desk(code="6-21")
    browser = client_for(user)
    page = browser.get(f"/residency/stays/{stay.pk}/desks/?start={stay.start}&end={stay.start}")
    assert page.status_code == 200 and b"6-21" in page.content
    response = browser.post(
        f"/residency/stays/{stay.pk}/desks/", {"desk": desk.pk, "day": stay.start.isoformat()}
    )
    assert response.status_code == 302
    assert DeskBooking.objects.filter(stay=stay, desk=desk, day=stay.start).exists()


def test_booking_outside_the_stay_on_the_page_is_refused_and_changes_nothing(client_for):
    user, person = visitor_account("visitor-outside")
    stay = make_stay(person)
    desk = make_desk()
    response = client_for(user).post(
        f"/residency/stays/{stay.pk}/desks/",
        {"desk": desk.pk, "day": (stay.end + datetime.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "outside the stay" in response.content.decode()
    assert not DeskBooking.objects.exists()


def test_the_home_panel_shows_this_weeks_desk(client_for):
    user, person = visitor_account("visitor-panel")
    stay = make_stay(person)
    Stay.objects.filter(pk=stay.pk).update(start=datetime.date.today())
    stay.refresh_from_db()
    DeskBooking.objects.create(stay=stay, desk=make_desk(code="8-08"), day=stay.start)
    page = client_for(user).get("/").content.decode()
    assert "My stay and desk" in page and "8-08" in page


def test_a_recurring_booking_is_previewed_then_booked(client_for):
    user, person = visitor_account("visitor-series")
    days = open_days(5)
    stay = make_stay(person, start=days[0], end=days[-1])
    desk = make_desk()
    data = {
        "desk": desk.pk,
        "start": days[0].isoformat(),
        "end": days[-1].isoformat(),
        "weekdays": ["0", "1", "2", "3", "4"],
    }
    browser = client_for(user)
    preview = browser.post(f"/residency/stays/{stay.pk}/desks/recurring/", {**data, "preview": "1"})
    assert preview.status_code == 200 and "5 days can be booked" in preview.content.decode()
    assert not DeskBooking.objects.exists()
    booked = browser.post(f"/residency/stays/{stay.pk}/desks/recurring/", {**data, "book": "1"})
    assert booked.status_code == 302
    assert DeskBooking.objects.filter(stay=stay).count() == 5


def test_room_conflicts_are_shown_before_saving(client_for):
    user = make_user("room-booker", Role.RESEARCHER)
    room = make_room(code="S-1")
    day = open_days(1)[0]
    RoomBooking.objects.create(
        room=room, title="Robotics seminar", starts_at=at(day, 10), ends_at=at(day, 12)
    )
    data = {
        "title": "Reading group",
        "day": day.isoformat(),
        "start_time": "11:00",
        "end_time": "12:30",
    }
    browser = client_for(user)
    checked = browser.post(f"/residency/rooms/{room.pk}/book/", {**data, "check": "1"})
    assert checked.status_code == 200 and "Robotics seminar" in checked.content.decode()
    refused = browser.post(f"/residency/rooms/{room.pk}/book/", {**data, "book": "1"})
    assert refused.status_code == 400 and "already booked" in refused.content.decode()
    free = browser.post(
        f"/residency/rooms/{room.pk}/book/", {**data, "start_time": "12:00", "book": "1"}
    )
    assert free.status_code == 302
    assert RoomBooking.objects.filter(room=room).count() == 2


def test_the_letter_is_downloaded_by_the_visitor_and_checked_by_staff(client_for, staff):
    user, person = visitor_account("visitor-letter")
    stay = make_stay(person)
    letter = issue_letter(stay=stay, by=staff)
    download = client_for(user).get(f"/residency/stays/{stay.pk}/letter.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content == bytes(letter.pdf)
    check = client_for(staff).get("/residency/letters/check/", {"code": letter.code.lower()})
    assert "genuine and current" in check.content.decode()
    unknown = client_for(staff).get("/residency/letters/check/", {"code": "0000-0000-0000"})
    assert "No letter was issued" in unknown.content.decode()


def test_occupancy_heat_map_counts_booked_desks(client_for):
    stay = make_stay()
    desk = make_desk()
    book_desk(stay=stay, desk=desk, day=stay.start, by=None)
    director = make_user("occupancy-director", Role.PROGRAM_DIRECTOR)
    page = client_for(director).get("/residency/occupancy/", {"start": stay.start, "days": 3})
    assert page.status_code == 200
    assert 'class="heat-10" title="1 / 1"' in page.content.decode()
    bad = client_for(director).get("/residency/occupancy/", {"days": 500})
    assert bad.status_code == 400


def test_calendar_feeds_list_the_stay_and_the_desks(client_for):
    user, person = visitor_account("visitor-feed")
    stay = make_stay(person)
    book_desk(stay=stay, desk=make_desk(code="4-44"), day=stay.start, by=None)
    from nairl.residency.views.reports import feed_token

    feed = client_for(None).get(f"/residency/feed/{feed_token(user)}/").content.decode()
    assert feed.startswith("BEGIN:VCALENDAR") and "SUMMARY:Desk 4-44" in feed
    assert f"DTSTART;VALUE=DATE:{stay.start:%Y%m%d}" in feed
    assert client_for(None).get("/residency/feed/forged/").status_code == 404


def test_the_project_page_lists_its_residents_for_staff_only(client_for, staff):
    from research.helpers import make_project

    project = make_project(title_en="Residency project")
    make_stay(make_person("Project Resident"), project=project)
    staff_page = client_for(staff).get(project.get_absolute_url()).content.decode()
    assert "Project Resident" in staff_page
    outsider = make_user("project-outsider", Role.RESEARCHER)
    assert (
        "Project Resident"
        not in client_for(outsider).get(project.get_absolute_url()).content.decode()
    )
