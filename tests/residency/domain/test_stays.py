"""Stays: creation with their checklist, checked and audited status changes, date changes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from factories import make_person, make_user
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.residency.domain.desks import book_desk
from nairl.residency.domain.letters import issue_letter
from nairl.residency.domain.stays import (
    change_status,
    create_stay,
    update_checklist_item,
    update_stay,
)
from nairl.residency.models import ChecklistItem, ChecklistKind, Stay

from ..helpers import make_desk, make_stay, open_days, settle, visitor_account

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def messages_of(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_a_new_stay_has_its_checklist_with_owners_and_due_dates():
    staff = make_user("staff-one", Role.HUB_STAFF)
    visitor_user, visitor = visitor_account("visitor-one")
    stay = make_stay(visitor, status="proposed", by=staff)
    items = {item.kind: item for item in stay.checklist.all()}
    assert set(items) == set(ChecklistKind.values)
    assert items[ChecklistKind.INVITATION_LETTER].owner == staff
    assert items[ChecklistKind.INSURANCE].owner == visitor_user
    assert items[ChecklistKind.ACCOUNTS].owner == staff  # the host has no login: staff do it
    for item in items.values():
        assert item.due <= stay.start
        assert item.state == ChecklistItem.State.OPEN


def test_reversed_dates_and_self_hosting_are_refused_and_nothing_is_saved():
    person = make_person()
    with pytest.raises(ValidationError) as refusal:
        make_stay(start=open_days(1)[0], end=open_days(1)[0] - DAY)
    assert "departure is before the arrival" in messages_of(refusal)
    with pytest.raises(ValidationError) as refusal:
        make_stay(person, person)
    assert "cannot host their own stay" in messages_of(refusal)
    assert Stay.objects.count() == 0
    assert ChecklistItem.objects.count() == 0


def test_a_one_day_stay_and_a_stay_across_the_year_end_are_fine():
    first = open_days(1)[0]
    assert make_stay(start=first, end=first).nights == 0
    new_year = datetime.date(first.year + 1, 1, 1)
    stay = make_stay(start=new_year - 10 * DAY, end=new_year + 10 * DAY)
    assert stay.start.year != stay.end.year


def test_transitions_follow_the_order_and_are_audited():
    stay = make_stay(status="proposed")
    with pytest.raises(ValidationError) as refusal:
        change_status(stay=stay, to="arrived", by=None)
    assert "cannot become arrived" in messages_of(refusal)
    stay = change_status(stay=stay, to="approved", by=None)
    with pytest.raises(ValidationError) as refusal:
        change_status(stay=stay, to="confirmed", by=None)
    assert "Invitation letter" in messages_of(refusal)
    issue_letter(stay=stay, by=None)
    stay = change_status(stay=stay, to="confirmed", by=None)
    assert stay.status == "confirmed" and stay.status_changed_at is not None
    changes = AuditEntry.objects.filter(object_id=str(stay.pk), content_type__model="stay")
    statuses = [entry.changes["status"] for entry in changes if "status" in entry.changes]
    assert ["approved", "confirmed"] in statuses and ["proposed", "approved"] in statuses


def test_unknown_and_final_statuses_are_refused():
    stay = make_stay(status="proposed")
    with pytest.raises(ValidationError):
        change_status(stay=stay, to="teleported", by=None)
    stay = change_status(stay=stay, to="cancelled", by=None)
    for status in ("approved", "proposed", "cancelled"):
        with pytest.raises(ValidationError):
            change_status(stay=stay, to=status, by=None)
    assert Stay.objects.get(pk=stay.pk).status == "cancelled"


def test_arrival_needs_the_stay_to_have_begun_and_the_checklist_settled():
    stay = make_stay(status="confirmed")  # starts a week from now
    with pytest.raises(ValidationError) as refusal:
        change_status(stay=stay, to="arrived", by=None)
    assert "only during the stay" in messages_of(refusal)
    Stay.objects.filter(pk=stay.pk).update(start=datetime.date.today() - DAY)
    ChecklistItem.objects.filter(stay=stay, kind=ChecklistKind.ACCOUNTS).update(state="open")
    with pytest.raises(ValidationError) as refusal:
        change_status(stay=stay, to="arrived", by=None)
    assert "Accounts" in messages_of(refusal)
    settle(stay)
    assert change_status(stay=stay, to="arrived", by=None).status == "arrived"


def test_cancelling_frees_the_desks_ahead():
    stay = make_stay()
    desk = make_desk()
    booking = book_desk(stay=stay, desk=desk, day=stay.start, by=None)
    change_status(stay=stay, to="cancelled", by=None)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    other = make_stay()
    assert book_desk(stay=other, desk=desk, day=stay.start, by=None).desk == desk


def test_confirmation_mails_the_visitor_and_the_host_each_in_their_language(
    django_capture_on_commit_callbacks,
):
    visitor_user, visitor = visitor_account("visitor-ko", language="ko")
    host_user = make_user("host-en", Role.RESEARCHER, language="en")
    host = make_person("Host Person", user=host_user)
    visitor.email, host.email = "visitor@example.org", "host@example.org"
    visitor.save()
    host.save()
    stay = make_stay(visitor, host)
    settle(stay)
    with django_capture_on_commit_callbacks(execute=True):  # the inline tasks run on commit
        change_status(stay=stay, to="confirmed", by=None)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"visitor@example.org", "host@example.org"}
    assert "확정" in by_address["visitor@example.org"].subject
    assert "confirmed" in by_address["host@example.org"].subject


def test_new_dates_that_strand_a_booking_are_refused():
    days = open_days(3)
    stay = make_stay(start=days[0], end=days[2])
    book_desk(stay=stay, desk=make_desk(), day=days[2], by=None)
    stay.end = days[1]
    with pytest.raises(ValidationError) as refusal:
        update_stay(stay=stay, by=None)
    assert "outside the new dates" in messages_of(refusal)
    assert days[2].isoformat() in messages_of(refusal)
    assert Stay.objects.get(pk=stay.pk).end == days[2]


def test_new_dates_revoke_a_letter_that_stated_the_old_ones():
    stay = make_stay()
    letter = issue_letter(stay=stay, by=None)
    stay.end = stay.end + 5 * DAY
    update_stay(stay=stay, by=None)
    letter.refresh_from_db()
    assert letter.revoked_at is not None
    item = stay.checklist.get(kind=ChecklistKind.INVITATION_LETTER)
    assert item.state == "open"


def test_status_is_not_changed_by_an_edit():
    stay = make_stay()
    stay.status = "arrived"
    with pytest.raises(ValidationError):
        update_stay(stay=stay, by=None)


def test_a_stay_from_an_application_is_created_once():
    stay = make_stay()
    create_stay(
        stay=Stay(
            visitor=stay.visitor,
            host=stay.host,
            home_institution=stay.home_institution,
            start=stay.start,
            end=stay.end,
            status="approved",
        ),
        by=None,
        application_id=41,
    )
    with pytest.raises(ValidationError) as refusal:
        create_stay(
            stay=Stay(
                visitor=stay.visitor,
                host=stay.host,
                home_institution=stay.home_institution,
                start=stay.start,
                end=stay.end,
            ),
            by=None,
            application_id=41,
        )
    assert "already created" in messages_of(refusal)


def test_the_letter_item_is_done_only_by_issuing_a_letter():
    stay = make_stay()
    item = stay.checklist.get(kind=ChecklistKind.INVITATION_LETTER)
    item.state = "done"
    with pytest.raises(ValidationError):
        update_checklist_item(item=item, by=None)
    item.state = "not_needed"
    assert update_checklist_item(item=item, by=None).completed_at is not None
