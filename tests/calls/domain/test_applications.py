"""Applications: the state machine, deadlines on the server (to the second, across time
zones and a daylight-saving change), limits per person, answers and files."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from nairl.calls.domain import applications as verbs
from nairl.calls.domain.answers import attach
from nairl.calls.models import Application, Call, Question

from ..helpers import make_applicant, make_call, plan_question, submit

S = Application.Status
SECOND = datetime.timedelta(seconds=1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def draft(call, user, *, at=None):
    application = verbs.start_application(call=call, by=user, at=at)
    application.title = "Plan"
    return verbs.save_application(
        application=application, answers={plan_question(call).field_name: "Text"}, by=user, at=at
    )


def test_submission_one_second_before_the_deadline_is_accepted_and_one_after_refused():
    call = make_call()
    user, _person = make_applicant()
    application = draft(call, user, at=call.closes_at - 60 * SECOND)
    verbs.submit_application(application=application, by=user, at=call.closes_at - SECOND)
    assert application.status == S.SUBMITTED

    late_user, _person = make_applicant()
    late = draft(call, late_user, at=call.closes_at - 60 * SECOND)
    with pytest.raises(ValidationError, match="deadline of this call has passed"):
        verbs.submit_application(application=late, by=late_user, at=call.closes_at + SECOND)
    late.refresh_from_db()
    assert late.status == S.DRAFT and late.submitted_at is None


def test_deadline_is_the_calls_wall_clock_whatever_the_applicants_zone():
    """23:59:59 in Seoul is 10:59:59 the same day in New York (EDT): an applicant there, in
    their own zone, is refused one second later."""
    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    deadline = datetime.datetime(2025, 6, 30, 23, 59, 59, tzinfo=seoul)
    call = make_call(opens=deadline - datetime.timedelta(days=30), closes=deadline)
    user, _person = make_applicant()
    user.time_zone = "America/New_York"
    user.save()
    new_york = zoneinfo.ZoneInfo("America/New_York")
    just_in_time = datetime.datetime(2025, 6, 30, 10, 59, 59, tzinfo=new_york)
    application = draft(call, user, at=just_in_time - SECOND)
    verbs.submit_application(application=application, by=user, at=just_in_time)
    assert application.status == S.SUBMITTED
    other, _person = make_applicant()
    late = draft(call, other, at=just_in_time - SECOND)
    with pytest.raises(ValidationError, match=r"2025-06-30 23:59:59, Asia/Seoul"):
        verbs.submit_application(application=late, by=other, at=just_in_time + SECOND)


def test_deadline_across_a_daylight_saving_change():
    """A call in New York closing at 09:00 on the Sunday the clocks go forward (2025-03-09):
    09:00 EDT is 13:00 UTC, not 14:00 as it was the day before."""
    from nairl.calls.forms import in_zone

    deadline = in_zone(datetime.datetime(2025, 3, 9, 9, 0), "America/New_York")
    assert deadline == datetime.datetime(2025, 3, 9, 13, 0, tzinfo=datetime.UTC)
    call = make_call(
        opens=deadline - datetime.timedelta(days=10), closes=deadline, time_zone="America/New_York"
    )
    user, _person = make_applicant()
    application = draft(call, user, at=deadline - datetime.timedelta(hours=2))
    with pytest.raises(ValidationError):
        # 13:30 UTC: before 09:00 by yesterday's offset, but after it by the day's own.
        verbs.submit_application(application=application, by=user, at=deadline + 30 * 60 * SECOND)
    verbs.submit_application(application=application, by=user, at=deadline - SECOND)
    assert application.status == S.SUBMITTED


def test_times_the_clocks_skip_or_repeat_are_refused():
    from nairl.calls.forms import in_zone

    with pytest.raises(ValidationError, match="does not exist"):
        in_zone(datetime.datetime(2025, 3, 9, 2, 30), "America/New_York")
    with pytest.raises(ValidationError, match="happens twice"):
        in_zone(datetime.datetime(2025, 11, 2, 1, 30), "America/New_York")


def test_before_opening_and_after_closing_no_draft_starts():
    call = make_call()
    user, _person = make_applicant()
    with pytest.raises(ValidationError, match="does not take applications yet"):
        verbs.start_application(call=call, by=user, at=call.opens_at - SECOND)
    with pytest.raises(ValidationError, match="deadline"):
        verbs.start_application(call=call, by=user, at=call.closes_at + SECOND)
    assert not Application.objects.exists()


def test_limit_of_applications_per_person():
    call = make_call(max_applications_per_person=2)
    user, _person = make_applicant()
    first = verbs.start_application(call=call, by=user)
    verbs.start_application(call=call, by=user)
    with pytest.raises(ValidationError, match="its limit per person"):
        verbs.start_application(call=call, by=user)
    verbs.withdraw_application(application=first, by=user)
    verbs.start_application(call=call, by=user)  # a withdrawn one does not count
    assert call.applications.count() == 3


def test_invited_calls_refuse_others():
    call = make_call(visibility=Call.Visibility.INVITED)
    guest, _p = make_applicant()
    stranger, _p = make_applicant()
    call.invited.add(guest)
    verbs.start_application(call=call, by=guest)
    with pytest.raises(ValidationError, match="invitation only"):
        verbs.start_application(call=call, by=stranger)


def test_state_machine_allows_only_legal_transitions_and_audits_them():
    from nairl.common.models import AuditEntry

    call = make_call()
    user, _person = make_applicant()
    application = submit(call, user)
    verbs.move(application, S.UNDER_REVIEW)
    verbs.decide(applications=[application], status=S.REJECTED, by=None)
    for illegal in (S.ACCEPTED, S.DRAFT, S.UNDER_REVIEW, S.WITHDRAWN):
        with pytest.raises(ValidationError, match="cannot become"):
            verbs.move(application, illegal)
    application.refresh_from_db()
    assert application.status == S.REJECTED
    statuses = [
        entry.changes["status"][1]
        for entry in AuditEntry.objects.filter(
            object_id=str(application.pk), content_type__model="application"
        ).order_by("id")
        if "status" in entry.changes
    ]
    assert statuses == ["draft", "submitted", "under_review", "rejected"]


def test_illegal_transition_is_worded_in_korean():
    call = make_call()
    user, _person = make_applicant()
    application = draft(call, user)
    with translation.override("ko"), pytest.raises(ValidationError) as refusal:
        verbs.move(application, S.ACCEPTED)
    assert "초안" in refusal.value.message_dict["status"][0]


def test_missing_required_answers_refuse_submission_and_change_nothing():
    call = make_call()
    user, _person = make_applicant()
    application = verbs.start_application(call=call, by=user)
    with pytest.raises(ValidationError) as refusal:
        verbs.submit_application(application=application, by=user)
    assert set(refusal.value.message_dict) == {plan_question(call).field_name, "title"}
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_wrong_answers_save_nothing():
    call = make_call()
    number = Question.objects.create(
        call=call, kind="number", label_en="Months", min_value=1, max_value=12
    )
    choice = Question.objects.create(call=call, kind="choice", label_en="Track", options=["A", "B"])
    user, _person = make_applicant()
    application = verbs.start_application(call=call, by=user)
    application.title = "Plan"
    with pytest.raises(ValidationError) as refusal:
        verbs.save_application(
            application=application,
            answers={
                number.field_name: "13",
                choice.field_name: "C",
                plan_question(call).field_name: "ok",
            },
            by=user,
        )
    assert set(refusal.value.message_dict) == {number.field_name, choice.field_name}
    application.refresh_from_db()
    assert application.answers == {} and application.title == ""


def test_files_are_checked_by_content_and_size():
    call = make_call()
    cv = call.questions.get(kind=Question.Kind.FILE)  # pdf or txt, at most 100 kB
    user, _person = make_applicant()
    application = verbs.start_application(call=call, by=user)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(ValidationError, match="is a PNG image"):
        attach(application, cv, "cv.pdf", png)  # a PNG named .pdf
    with pytest.raises(ValidationError, match="whatever its name says"):
        attach(application, cv, "cv.pdf", b"\x00\x01\x02binary" * 10)
    with pytest.raises(ValidationError, match="larger than 0.1 MB"):
        attach(application, cv, "cv.pdf", b"%PDF-1.4\n" + b"x" * 100_001)
    assert not application.attachments.exists()
    stored = attach(application, cv, "cv.pdf", b"%PDF-1.4\n%%EOF\n")
    assert stored.kind == "pdf" and stored.size == 15


def test_a_file_naming_the_applicant_in_its_metadata_is_flagged():
    call = make_call()
    cv = call.questions.get(kind=Question.Kind.FILE)
    user, person = make_applicant("Hyejin Baek", name_ko="백혜진")
    application = verbs.start_application(call=call, by=user)
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Author (Hyejin Baek) /Title <FEFF"
        + "백혜진".encode("utf-16-be").hex().encode()
        + b"> >> endobj\n%%EOF\n"
    )
    stored = attach(application, cv, "cv.pdf", pdf)
    assert set(stored.names_in_metadata) >= {"Hyejin Baek", "백혜진"}


def test_receipt_is_mailed_in_the_applicants_language(django_capture_on_commit_callbacks):
    call = make_call(title_ko="초청 연구 공모")
    user, _person = make_applicant()
    user.language = "ko"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(call, user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert application.code in message.subject and "접수" in message.subject
    assert "초청 연구 공모" in message.body
