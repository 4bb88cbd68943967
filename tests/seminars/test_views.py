"""The seminar pages: talks in the viewer's time, the organisers' forms, registering by email
and by private link, check-in, the slot finder; bad input answered clearly, changing nothing."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail

from factories import make_institution, make_person, make_user, valid_orcid, valid_ror
from nairl.common.roles import Role
from nairl.seminars.models import Registration, Series, Talk

from .helpers import in_days, make_series, make_talk, seat

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
Status = Registration.Status


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def staff(db):
    return make_user("seminar-staff", Role.HUB_STAFF)


def link_in(message, name: str) -> str:
    return re.search(rf"http://[^\s]+/registrations/\d+/{name}/[0-9a-f]+/", message.body)[0].split(
        "127.0.0.1:8000"
    )[-1]


def test_upcoming_and_past_talks(client):
    coming = make_talk(title_en="Coming soon", start=in_days(3))
    gone = make_talk(title_en="Long gone", start=in_days(-30))
    hidden = make_talk(title_en="Not yet public", is_published=False)
    upcoming = client.get("/seminars/").content.decode()
    assert "Coming soon" in upcoming and "Long gone" not in upcoming
    assert hidden.title_en not in upcoming
    past = client.get("/seminars/past/").content.decode()
    assert "Long gone" in past and "Coming soon" not in past
    assert client.get(f"/seminars/series/{coming.series_id}/").status_code == 200
    assert gone.series.title_en in client.get("/seminars/series/").content.decode()


def test_a_talk_in_the_viewers_time_with_a_note_about_the_talks_zone(client_for):
    talk = make_talk(
        start=datetime.datetime(2027, 4, 6, 18, tzinfo=PARIS),
        time_zone="Europe/Paris",
        title_en="Robot autonomy",
        title_ko="로봇 자율성",
    )
    seoul_viewer = make_user("minji", time_zone="Asia/Seoul")
    page = client_for(seoul_viewer).get(talk.get_absolute_url()).content.decode()
    assert "2027-04-07 (Wednesday) 01:00–02:00" in page  # 18:00 CEST is 01:00 in Seoul
    assert "The talk is organised in Europe/Paris: 2027-04-06 18:00–19:00 there." in page
    paris_viewer = make_user("claire", time_zone="Europe/Paris")
    page = client_for(paris_viewer).get(talk.get_absolute_url()).content.decode()
    assert "2027-04-06 (Tuesday) 18:00–19:00" in page
    assert "organised in" not in page
    asked = client_for(None).get(f"{talk.get_absolute_url()}?tz=America/Toronto").content.decode()
    assert "2027-04-06 (Tuesday) 12:00–13:00" in asked  # EDT
    wrong = client_for(None).get(f"{talk.get_absolute_url()}?tz=Mars/Base").content.decode()
    assert "“Mars/Base” is not a known time zone." in wrong


def test_a_talk_page_in_korean_shows_the_korean_title(client_for):
    talk = make_talk(title_en="Robot autonomy", title_ko="로봇 자율성", abstract_en="Only English.")
    reader = make_user("jiwoo", language="ko")
    page = client_for(reader).get(talk.get_absolute_url()).content.decode()
    assert '<h1><span lang="ko">로봇 자율성</span></h1>' in page
    assert '<span lang="en">Only English.</span>' in page  # the fallback says its language


def test_staff_create_a_series_and_a_talk_in_paris_time(client_for, staff):
    organiser = make_person("Claire Dubois", orcid=valid_orcid(321))
    inria = make_institution("Inria", country="FR", ror_id=valid_ror(77))
    browser = client_for(staff)
    answer = browser.post(
        "/seminars/series/new/",
        {
            "code": "paris-seoul",
            "title_en": "Paris–Seoul AI seminar",
            "title_ko": "파리–서울 AI 세미나",
            "organisers": organiser.orcid,
            "partners": inria.ror_id,
            "cadence": "biweekly",
            "weekday": "1",
            "usual_time": "18:00",
            "duration_minutes": "60",
            "time_zone": "Europe/Paris",
            "default_capacity": "40",
            "is_active": "on",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    series = Series.objects.get(code="paris-seoul")
    assert list(series.organisers.all()) == [organiser] and list(series.partners.all()) == [inria]
    form = browser.get(f"/seminars/series/{series.pk}/talks/new/").context["form"]
    assert form.initial.get("time_zone", form.instance.time_zone) == "Europe/Paris"
    answer = browser.post(
        f"/seminars/series/{series.pk}/talks/new/",
        {
            "guest_name": "Yann Martin",
            "title_en": "Learning to plan",
            "time_zone": "Europe/Paris",
            "local_start": "2027-03-29T18:00",
            "local_end": "2027-03-29T19:00",
            "capacity": "40",
            "is_published": "on",
            "online_link": "meet.example.org/paris-seoul",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    talk = Talk.objects.get(title_en="Learning to plan")
    assert talk.start == datetime.datetime(2027, 3, 29, 16, tzinfo=datetime.UTC)
    assert talk.online_link == "https://meet.example.org/paris-seoul"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"local_end": "2027-03-29T17:00"}, "local_end", "The talk ends before it starts."),
        (
            {"local_start": "2027-03-28T02:30", "local_end": "2027-03-28T03:30"},
            "local_start",
            "2027-03-28 02:30 does not exist in Europe/Paris",
        ),
        (
            {"local_start": "2027-10-31T02:30", "local_end": "2027-10-31T03:30"},
            "local_start",
            "happens twice in Europe/Paris",
        ),
        ({"time_zone": "Europe/Pariss"}, "time_zone", "“Europe/Pariss” is not a known time zone."),
        ({"guest_name": ""}, "speaker", "Name the speaker"),
        ({"speaker": "0000-0002-1825-0098"}, "speaker", "check"),
        ({"capacity": "-3"}, "capacity", "greater than or equal to 0"),
    ],
)
def test_bad_talks_are_refused_and_change_nothing(client_for, staff, changes, field, message):
    series = make_series()
    data = {
        "guest_name": "Yann Martin",
        "title_en": "Learning to plan",
        "time_zone": "Europe/Paris",
        "local_start": "2027-03-29T18:00",
        "local_end": "2027-03-29T19:00",
        "is_published": "on",
        **changes,
    }
    answer = client_for(staff).post(f"/seminars/series/{series.pk}/talks/new/", data)
    assert answer.status_code == 400
    errors = " ".join(answer.context["form"].errors.get(field, []))
    assert message in errors, answer.context["form"].errors
    assert not Talk.objects.exists()


def test_a_visitor_registers_by_email_confirms_and_cancels_by_private_link(client, committing):
    talk = make_talk(capacity=1, title_en="Fair scheduling")
    with committing():
        answer = client.post(
            f"/seminars/talks/{talk.pk}/register/",
            {"name": "Ada", "email": "ada@example.org", "language": "en"},
            follow=True,
        )
    assert "we sent a link to ada@example.org" in answer.content.decode()
    confirm_path = link_in(mail.outbox[-1], "confirm")
    assert client.get(confirm_path).status_code == 200
    with committing():
        answer = client.post(confirm_path, follow=True)
    assert "You have a seat." in answer.content.decode()
    seated_mail = mail.outbox[-1]
    assert seated_mail.subject == "Your seat: Fair scheduling"
    # someone else joins the waiting list, then Ada gives her seat up
    with committing():
        waiting = seat(talk, 2)
    assert waiting.status == Status.WAITLISTED
    cancel_path = link_in(seated_mail, "cancel")
    page = client.get(cancel_path).content.decode()
    assert "Your seat goes to the first person on the waiting list." in page
    with committing():
        assert client.post(cancel_path).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.SEATED
    assert any(
        m.to == [waiting.email] and m.subject.startswith("A seat is yours") for m in mail.outbox
    )
    # the same link again: a clear answer, nothing changes
    again = client.post(cancel_path)
    assert again.status_code == 400
    assert "This registration was already cancelled." in again.content.decode()
    assert Registration.objects.filter(talk=talk, status=Status.SEATED).count() == 1


def test_a_forged_link_is_not_valid_and_changes_nothing(client):
    talk = make_talk(capacity=3)
    registration = seat(talk, 0)
    for path in (
        f"/seminars/registrations/{registration.pk}/cancel/{'f' * 40}/",
        f"/seminars/registrations/{registration.pk}/cancel/{registration.token('confirm')}/",
        f"/seminars/registrations/{registration.pk + 99}/cancel/{registration.token('cancel')}/",
    ):
        answer = client.post(path)
        assert answer.status_code == 404
        assert "This link is not valid" in answer.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.SEATED


@pytest.mark.parametrize(
    "data, talk_fields, message",
    [
        ({"email": "not an email"}, {}, "Enter a valid email address."),
        ({}, {"start": "past"}, "This talk has already started; registration is closed."),
        ({}, {"status": "cancelled"}, "This talk is cancelled; registration is closed."),
    ],
)
def test_bad_registrations_are_answered_clearly(client, data, talk_fields, message):
    if talk_fields.get("start") == "past":
        talk_fields = {"start": in_days(-1)}
    talk = make_talk(capacity=2, **talk_fields)
    answer = client.post(
        f"/seminars/talks/{talk.pk}/register/",
        {"name": "Ada", "email": "ada@example.org", "language": "en", **data},
    )
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not Registration.objects.exists()


def test_a_full_talk_puts_people_on_the_waiting_list_and_says_where(client_for):
    talk = make_talk(capacity=1)
    seat(talk, 0)
    seat(talk, 1)
    user = make_user("latecomer")
    answer = client_for(user).post(
        f"/seminars/talks/{talk.pk}/register/",
        {"name": "Late Comer", "email": user.email, "language": "en"},
        follow=True,
    )
    assert "you are number 2 on the waiting list" in answer.content.decode()
    assert "You are on the waiting list." in answer.content.decode()


def test_errors_in_korean_for_a_korean_reader(client_for):
    talk = make_talk(capacity=2)
    reader = make_user("hana", language="ko")
    answer = client_for(reader).post(
        f"/seminars/talks/{talk.pk}/register/", {"name": "하나", "email": "x", "language": "ko"}
    )
    assert answer.status_code == 400
    from django.utils import translation

    with translation.override("ko"):
        expected = translation.gettext("Enter a valid email address.")
    assert expected != "Enter a valid email address."
    assert expected in answer.content.decode()


def test_organisers_run_their_series_check_in_and_count_attendance(client_for):
    organiser_user = make_user("organiser", Role.RESEARCHER)
    organiser = make_person("Org Aniser", user=organiser_user)
    series = make_series(organisers=[organiser])
    talk = make_talk(series, capacity=3)
    registration = seat(talk, 0)
    browser = client_for(organiser_user)
    assert browser.get(f"/seminars/talks/{talk.pk}/edit/").status_code == 200
    page = browser.get(f"/seminars/talks/{talk.pk}/registrations/")
    assert page.status_code == 200 and registration.email in page.content.decode()
    assert browser.post(f"/seminars/registrations/{registration.pk}/check-in/").status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    talk_page = browser.get(talk.get_absolute_url()).content.decode()
    assert "1 present" in talk_page
    # another series is not theirs
    other = make_talk(capacity=3)
    assert browser.get(f"/seminars/talks/{other.pk}/edit/").status_code == 403


def test_organisers_cancel_a_talk_and_registrants_are_told(client_for, staff, committing):
    talk = make_talk(capacity=3, title_en="Doomed", title_ko="취소될 발표")
    registration = seat(talk, 0, language="ko")
    with committing():
        assert client_for(staff).post(f"/seminars/talks/{talk.pk}/cancel/").status_code == 302
    talk.refresh_from_db()
    assert talk.is_cancelled and talk.sequence == 1
    told = [m for m in mail.outbox if m.to == [registration.email]]
    assert len(told) == 1 and "취소될 발표" in told[0].subject  # in the registrant's language
    attachment = told[0].attachments[0][1]
    attachment = attachment if isinstance(attachment, str) else attachment.decode()
    assert "STATUS:CANCELLED" in attachment


def test_a_moved_talk_tells_its_registrants(client_for, staff, committing):
    talk = make_talk(
        capacity=3, start=datetime.datetime(2027, 5, 3, 10, tzinfo=PARIS), time_zone="Europe/Paris"
    )
    registration = seat(talk, 0)
    with committing():
        answer = client_for(staff).post(
            f"/seminars/talks/{talk.pk}/edit/",
            {
                "guest_name": talk.guest_name,
                "title_en": talk.title_en,
                "time_zone": "Europe/Paris",
                "local_start": "2027-05-04T10:00",
                "local_end": "2027-05-04T11:00",
                "capacity": "3",
                "is_published": "on",
            },
        )
    assert answer.status_code == 302, answer.context["form"].errors
    talk.refresh_from_db()
    assert talk.status == Talk.Status.MOVED and talk.sequence == 1
    changed = [m for m in mail.outbox if m.to == [registration.email]]
    assert changed and changed[-1].subject.startswith("New time or place")
    assert "2027-05-04 (Tue) 10:00–11:00 (Europe/Paris)" in changed[-1].body


def test_lowering_capacity_below_the_seats_is_a_form_error(client_for, staff):
    talk = make_talk(capacity=2)
    seat(talk, 0)
    seat(talk, 1)
    local = talk.local_start.strftime("%Y-%m-%dT%H:%M")
    end = talk.local_end.strftime("%Y-%m-%dT%H:%M")
    answer = client_for(staff).post(
        f"/seminars/talks/{talk.pk}/edit/",
        {
            "guest_name": talk.guest_name,
            "title_en": talk.title_en,
            "time_zone": talk.time_zone,
            "local_start": local,
            "local_end": end,
            "capacity": "1",
            "is_published": "on",
        },
    )
    assert answer.status_code == 400
    assert "2 people already have a seat" in " ".join(answer.context["form"].errors["capacity"])
    talk.refresh_from_db()
    assert talk.capacity == 2


def test_home_panels_show_my_talks_and_my_registrations(client_for):
    user = make_user("speaker", Role.RESEARCHER)
    person = make_person("Sam Speaker", user=user)
    make_talk(speaker=person, guest_name="", title_en="My own talk")
    other = make_talk(title_en="A talk I attend", capacity=5)
    seat(other, 0, user=user)
    page = client_for(user).get("/").content.decode()
    assert "My talks" in page and "My own talk" in page
    assert "My registrations" in page and "A talk I attend" in page
    assert client_for(make_user("nobody")).get("/").content.decode().count("My talks") == 0


def test_the_project_page_shows_seminars_by_its_members(client_for):
    from research.helpers import make_member, make_project

    speaker = make_person("Member Speaker")
    project = make_project(title_en="Robots project")
    make_member(project, speaker)
    make_talk(speaker=speaker, guest_name="", title_en="Talk by a member")
    make_talk(title_en="Unrelated talk")
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Seminars by its members" in page
    assert "Talk by a member" in page and "Unrelated talk" not in page


def test_the_calendars_page_offers_webcal_and_https_and_a_private_feed(client_for):
    make_series(code="global")
    user = make_user("subscriber")
    browser = client_for(user)
    page = browser.get("/seminars/calendars/").content.decode()
    assert 'href="webcal://testserver/seminars/calendar.ics?lang=ko"' in page
    assert 'href="http://testserver/seminars/calendar.ics?lang=en"' in page
    assert browser.post("/seminars/calendars/key/").status_code == 302
    page = browser.get("/seminars/calendars/").content.decode()
    key = re.search(r"webcal://testserver/seminars/calendar/([\w-]+)\.ics", page)[1]
    assert browser.get(f"/seminars/calendar/{key}.ics").status_code == 200
    assert browser.post("/seminars/calendars/key/revoke/").status_code == 302
    assert browser.get(f"/seminars/calendar/{key}.ics").status_code == 410


def test_the_slot_finder_ranks_slots_and_proposes_a_rotation(client):
    query = {
        "participants": (
            "Seoul, Asia/Seoul, 9-18\nToronto, America/Toronto\nParis, Europe/Paris, 8:30-19"
        ),
        "reference_zone": "Asia/Seoul",
        "first_date": "2025-10-01",
        "last_date": "2025-12-31",
        "weekdays": ["3"],
        "duration_minutes": "60",
        "mode": "slots",
        "max_times": "3",
    }
    page = client.get("/seminars/slots/", query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Best weekly slots" in text
    assert "From 2025-11-06, Toronto meets at" in text  # after Toronto's change on 2 November
    assert "before 09:00" in text or "after 18:00" in text
    rotation = client.get("/seminars/slots/", {**query, "mode": "rotation"}).content.decode()
    assert "A fair rotation" in rotation and "best single time" in rotation


def test_the_slot_finder_takes_people_from_the_directory(client):
    person = make_person("Claire Dubois", country="FR", orcid=valid_orcid(55))
    query = {
        "people": person.orcid,
        "participants": "Seoul, Asia/Seoul",
        "reference_zone": "Asia/Seoul",
        "first_date": "2026-01-05",
        "last_date": "2026-01-30",
        "weekdays": ["1"],
        "duration_minutes": "60",
        "mode": "slots",
        "max_times": "3",
    }
    text = client.get("/seminars/slots/", query).content.decode()
    assert "Claire Dubois" in text and "(Europe/Paris)" in text
    canadian = make_person("No Zone", country="CA", orcid=valid_orcid(56))
    refused = client.get("/seminars/slots/", {**query, "people": canadian.orcid})
    assert refused.status_code == 400
    assert "No Zone&#x27;s time zone is unknown" in refused.content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"participants": "Seoul, Asia/Seol"}, "Line 1: “Asia/Seol” is not a known time zone."),
        ({"participants": "Seoul"}, "Line 1: write a name, a time zone"),
        ({"participants": "Seoul, Asia/Seoul, 18-9"}, "Line 1: the earliest hour must come before"),
        ({"participants": "Seoul, Asia/Seoul, 25-26"}, "Line 1: write hours as 9-18"),
        ({"last_date": "2025-01-01"}, "The last date is before the first."),
        ({"last_date": "2027-12-31"}, "Choose at most a year"),
        ({"participants": ""}, "Add at least one participant."),
    ],
)
def test_bad_slot_finder_input_is_answered_clearly(client, changes, message):
    query = {
        "participants": "Seoul, Asia/Seoul",
        "reference_zone": "Asia/Seoul",
        "first_date": "2025-10-01",
        "last_date": "2025-12-31",
        "weekdays": ["3"],
        "duration_minutes": "60",
        "mode": "slots",
        "max_times": "3",
        **changes,
    }
    answer = client.get("/seminars/slots/", query)
    assert answer.status_code == 400
    assert message in answer.content.decode().replace("&#x27;", "'")


def test_the_talk_table_escapes_what_organisers_wrote_and_marks_each_talk(client_for):
    series = make_series()
    make_talk(series, title_en="<script>alert(1)</script>", guest_name="<b>Eve</b>")
    make_talk(series, title_en="Moved talk", status=Talk.Status.MOVED)
    make_talk(series, title_en="Called off", status=Talk.Status.CANCELLED)
    page = client_for(make_user("organiser", Role.HUB_STAFF)).get("/seminars/").content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>Eve</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Eve&lt;/b&gt;" in page
    assert re.search(r'Moved talk(</span>)?</a> <span class="tag">moved</span>', page)
    assert re.search(r'Called off(</span>)?</a> <span class="tag">cancelled</span>', page)
    assert f'href="{series.get_absolute_url()}"' in page
    own_page = client_for(make_user("reader")).get(series.get_absolute_url()).content.decode()
    assert "Moved talk" in own_page
    table = own_page[own_page.index("<tbody>") : own_page.index("</tbody>")]
    assert f'href="{series.get_absolute_url()}"' not in table  # no series column on its own page
