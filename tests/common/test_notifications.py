"""E-mails in the recipient's language and time zone, sent after commit by a task."""

import pytest
from django.core import mail

from factories import make_person, make_user
from nairl.common.notifications import (
    CALENDAR,
    Attachment,
    absolute_url,
    address_of,
    compose,
    deliver,
    language_of,
    notify,
    pack,
    recipient_of,
    send,
)

pytestmark = pytest.mark.django_db


def test_message_is_rendered_in_the_recipients_language_with_objects_read_again(
    django_capture_on_commit_callbacks,
):
    from nairl.research.flagships import ensure_flagship_programs

    program = ensure_flagship_programs()["beyond-scaling"]
    korean = make_user("korean-reader", language="ko")
    english = make_user("english-reader", language="en")
    for user in (korean, english):
        with django_capture_on_commit_callbacks(execute=True):
            notify(user, "calls/email/assigned", call=_call(program), count=2)
    assert [m.to for m in mail.outbox] == [[korean.email], [english.email]]
    assert "심사할 지원서" in mail.outbox[0].subject and "공모 K" in mail.outbox[0].subject
    assert "Applications to review: Call E" == mail.outbox[1].subject
    assert "(Asia/Seoul)" in mail.outbox[1].body


def test_nothing_is_sent_before_the_transaction_commits_or_without_an_address():
    from nairl.research.models import Program

    silent = make_user("silent")
    silent.email = ""
    silent.save()
    notify(silent, "calls/email/assigned", call=_call(Program.objects.first()), count=1)
    notify(
        make_user("waiting"), "calls/email/assigned", call=_call(Program.objects.first()), count=1
    )
    assert mail.outbox == []  # the test's transaction never commits


def test_the_task_reads_models_by_reference_and_sends_nothing_about_what_is_gone():
    from nairl.research.models import Program

    user = make_user("ref-reader", language="en")
    call = _call(Program.objects.first())
    context = {"call": {"__model__": "calls.Call", "pk": call.pk}, "count": 1}
    assert deliver(pack(user), "calls/email/assigned", context) == 1
    assert mail.outbox[0].subject == "Applications to review: Call E"
    assert "1 application" in mail.outbox[0].body
    context["call"]["pk"] += 1000
    assert deliver(pack(user), "calls/email/assigned", context) == 0
    assert len(mail.outbox) == 1


def test_the_language_is_the_chosen_one_else_guessed_from_the_country():
    assert language_of(make_person(user=make_user(language="en"))) == "en"
    assert language_of(make_person(country="KR")) == "ko"
    assert language_of(make_person(country="FR")) == "en"
    person = make_person(user=make_user("mailer"))
    assert address_of(person) == "mailer@example.org"
    assert notify(make_person(email=""), "residency/email/stay_confirmed") is False


def test_a_person_is_written_to_in_their_language_with_lists_of_models_read_again():
    from residency.helpers import make_stay

    stay = make_stay(make_person("Claire Dubois", "클레어 뒤부아"))
    template = "residency/email/stay_confirmed"
    korean = recipient_of(make_person(country="KR"))
    english = recipient_of(make_person(country="FR"))
    for recipient in (korean, english):
        subject, body = compose(recipient, template, {"stay": stay, "role": "visitor"})
        assert ("클레어 뒤부아 님께" in body) == (recipient is korean)
        assert subject in ("체류 확정: 클레어 뒤부아", "Stay confirmed: Claire Dubois")
    item = stay.checklist.first()
    context = {"items": pack([item])}
    assert deliver(pack(make_user("owner")), "residency/email/checklist_reminder", context) == 1
    item.delete()
    assert deliver(pack(make_user("owner2")), "residency/email/checklist_reminder", context) == 0


@pytest.mark.parametrize("language, subject", [("en", "Your seat: "), ("ko", "좌석 확정: ")])
def test_a_message_carries_its_attachments(language, subject, settings):
    from seminars.helpers import make_talk, seat

    talk = make_talk(title_en="Same title", title_ko="")
    registration = seat(talk, 0, language=language)
    context = {
        "registration": registration,
        "talk": talk,
        "local_start": talk.local_start,
        "local_end": talk.local_end,
        "talk_url": absolute_url(talk.get_absolute_url()),
        "cancel_url": absolute_url(registration.cancel_url()),
    }
    attachment = Attachment("talk.ics", b"BEGIN:VCALENDAR", CALENDAR)
    assert send(registration, "seminars/mail/seated", context, [attachment]) == 1
    message = mail.outbox[-1]
    assert message.subject == subject + "Same title"
    assert message.attachments[0][0] == "talk.ics"
    assert settings.SITE_URL + talk.get_absolute_url() in message.body
    assert "&amp;" not in message.body


def _call(program):
    import datetime

    from django.utils import timezone

    from nairl.calls.models import Call

    now = timezone.now()
    return Call.objects.create(
        program=program,
        kind="residency",
        title_en="Call E",
        title_ko="공모 K",
        description_en="d",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=1),
        review_starts_at=now + datetime.timedelta(days=2),
        review_ends_at=now + datetime.timedelta(days=3),
        decisions_at=now + datetime.timedelta(days=4),
    )
