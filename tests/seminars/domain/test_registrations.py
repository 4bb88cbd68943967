"""Seats, the waiting list and its fair promotion, confirmation, cancellation, check-in; and
bad input that changes nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from factories import make_user
from nairl.seminars.domain.registrations import (
    cancel_registration,
    check_in,
    confirm,
    register,
)
from nairl.seminars.domain.talks import update_talk
from nairl.seminars.models import Registration

from ..helpers import in_days, make_talk, seat

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """`with committing():` runs the background tasks (emails) queued inside, as a commit
    would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_seats_then_the_waiting_list_in_order():
    talk = make_talk(capacity=2)
    first, second, third, fourth = (seat(talk, n) for n in range(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        Status.SEATED,
        Status.SEATED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert third.queued_at <= fourth.queued_at


def test_a_talk_without_a_limit_seats_everyone():
    talk = make_talk(capacity=None)
    assert {seat(talk, n).status for n in range(5)} == {Status.SEATED}


def test_a_freed_seat_goes_to_the_first_in_line_and_tells_them(committing):
    talk = make_talk(capacity=1)
    holder, first, second = seat(talk, 0), seat(talk, 1), seat(talk, 2)
    with committing():
        cancel_registration(registration=holder)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.SEATED and first.promoted_at is not None
    assert second.status == Status.WAITLISTED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[first.email].startswith("A seat is yours")
    assert subjects[holder.email].startswith("Registration cancelled")
    promoted = next(m for m in mail.outbox if m.to == [first.email])
    assert promoted.attachments[0][0] == "talk.ics"


def test_more_capacity_seats_the_waiting_list_in_order():
    talk = make_talk(capacity=1)
    regs = [seat(talk, n) for n in range(4)]
    talk.capacity = 3
    update_talk(talk=talk, by=None)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [Status.SEATED, Status.SEATED, Status.SEATED, Status.WAITLISTED]


def test_capacity_below_the_seats_given_is_refused_and_changes_nothing():
    talk = make_talk(capacity=3)
    for n in range(3):
        seat(talk, n)
    talk.capacity = 2
    with pytest.raises(ValidationError) as refused:
        update_talk(talk=talk, by=None)
    assert "3 people already have a seat" in refused.value.message_dict["capacity"][0]
    talk.refresh_from_db()
    assert talk.capacity == 3


def test_registration_without_an_account_waits_for_the_email_confirmation(committing):
    talk = make_talk(capacity=1)
    with committing():
        guest = register(talk=talk, name="Ada", email="Ada@Example.ORG", language="ko")
    assert guest.status == Status.PENDING and guest.queued_at is None
    assert guest.email == "Ada@example.org"
    message = mail.outbox[-1]
    assert message.to == ["Ada@example.org"]
    assert guest.confirm_url() in message.body
    # in the registrant's language
    assert message.subject == f"등록 확인: {talk.title_ko}"
    seat(talk, 1)  # someone confirmed (signed in) first: they get the seat
    confirmed = confirm(registration=guest)
    assert confirmed.status == Status.WAITLISTED
    with pytest.raises(ValidationError, match="already confirmed"):
        confirm(registration=guest)


def test_the_confirmation_email_of_a_seat_carries_the_talk_as_a_calendar_file(committing):
    talk = make_talk(capacity=5)
    with committing():
        registration = seat(talk, 0)
    message = mail.outbox[-1]
    assert message.to == [registration.email]
    assert message.subject.startswith("Your seat")
    assert registration.cancel_url() in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "talk.ics" and mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert f"UID:{talk.ical_uid}" in text and "BEGIN:VTIMEZONE" in text


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"email": "not-an-email"}, "valid email"),
        ({"email": ""}, "valid email"),
        ({"name": "  "}, "Enter your name"),
    ],
)
def test_bad_registrations_are_refused_and_change_nothing(changes, fragment, committing):
    talk = make_talk(capacity=5)
    arguments = {"name": "Ada", "email": "ada@example.org", "language": "en", **changes}
    with pytest.raises(ValidationError) as refused, committing():
        register(talk=talk, **arguments)
    assert fragment in str(refused.value)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registration_after_the_talk_has_started_is_refused():
    talk = make_talk(start=in_days(-1), capacity=5)
    with pytest.raises(ValidationError, match="already started"):
        register(talk=talk, name="Ada", email="ada@example.org", language="en")
    assert not Registration.objects.exists()


def test_registration_for_a_cancelled_or_unpublished_talk_is_refused():
    cancelled = make_talk(status="cancelled")
    hidden = make_talk(is_published=False)
    for talk, fragment in ((cancelled, "cancelled"), (hidden, "not open")):
        with pytest.raises(ValidationError, match=fragment):
            register(talk=talk, name="Ada", email="ada@example.org", language="en")
    assert not Registration.objects.exists()


def test_the_same_email_registers_once_per_talk_until_it_cancels():
    talk = make_talk(capacity=5)
    first = register(talk=talk, name="Ada", email="ada@example.org", language="en")
    with pytest.raises(ValidationError, match="already registered"):
        register(talk=talk, name="Ada again", email="ADA@example.org", language="en")
    cancel_registration(registration=first)
    again = register(talk=talk, name="Ada", email="ada@example.org", language="en")
    assert again.pk != first.pk
    assert Registration.objects.filter(talk=talk).count() == 2


def test_a_cancelled_registration_cannot_be_cancelled_again():
    talk = make_talk(capacity=1)
    holder, waiting = seat(talk, 0), seat(talk, 1)
    cancel_registration(registration=holder)
    with pytest.raises(ValidationError, match="already cancelled"):
        cancel_registration(registration=holder)
    # the waiting person was promoted once, not twice
    waiting.refresh_from_db()
    assert waiting.status == Status.SEATED
    assert Registration.objects.filter(talk=talk, status=Status.SEATED).count() == 1


def test_signed_in_registration_with_another_email_confirms_that_email():
    user = make_user("sora")
    talk = make_talk(capacity=5)
    registration = register(
        talk=talk, name="Sora", email="other@example.org", language="en", user=user
    )
    assert registration.status == Status.PENDING and registration.user == user


def test_check_in_at_the_door():
    talk = make_talk(capacity=1)
    present, waiting = seat(talk, 0), seat(talk, 1)
    guest = register(talk=talk, name="Guest", email="guest@example.org", language="en")
    check_in(registration=present, by=None)
    check_in(registration=waiting, by=None)  # came anyway: the door decides
    with pytest.raises(ValidationError, match="Already checked in"):
        check_in(registration=present, by=None)
    with pytest.raises(ValidationError, match="Only confirmed"):
        check_in(registration=guest, by=None)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2


def test_tokens_are_bound_to_their_registration_and_purpose():
    talk = make_talk(capacity=1)
    one, two = seat(talk, 0), seat(talk, 1)
    assert one.token_matches("cancel", one.token("cancel"))
    assert not one.token_matches("cancel", two.token("cancel"))
    assert not one.token_matches("cancel", one.token("confirm"))
    assert not one.token_matches("cancel", "0" * 40)
    assert one.token("cancel") not in str(one.token_salt)  # the salt alone does not give it


def test_registrations_are_audited():
    from nairl.common.models import AuditEntry

    talk = make_talk(capacity=1)
    registration = seat(talk, 0)
    cancel_registration(registration=registration)
    entries = AuditEntry.objects.filter(content_type__model="registration")
    actions = sorted(entry.action for entry in entries)
    assert actions == ["create", "update"]
    update = entries.get(action="update")
    assert update.changes["status"] == ["seated", "cancelled"]
    assert "token_salt" not in update.changes


def test_a_talk_starting_tomorrow_reminds_its_seated_people_once():
    from nairl.seminars.domain.notifications import send_due_reminders

    soon = make_talk(start=in_days(0.5, hour=0), capacity=1)
    later = make_talk(start=in_days(3), capacity=1)
    seated, waiting = seat(soon, 0), seat(soon, 1)
    seat(later, 2)
    mail.outbox.clear()
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0
    assert [m.to for m in mail.outbox] == [[seated.email]]
    assert mail.outbox[0].subject.startswith("Tomorrow")
    waiting.refresh_from_db()
    assert waiting.reminded_at is None
