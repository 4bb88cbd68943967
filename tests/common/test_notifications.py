"""Emails in the recipient's language and time zone, sent after commit by a task."""

import pytest
from django.core import mail

from factories import make_user
from nairl.common.notifications import notify, render_message

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


def test_render_reads_models_by_reference():
    from nairl.research.models import Program

    user = make_user("ref-reader", language="en")
    call = _call(Program.objects.first())
    subject, body = render_message(
        user,
        "calls/email/assigned",
        {"call": {"__model__": "calls.Call", "pk": call.pk}, "count": 1},
    )
    assert subject == "Applications to review: Call E" and "1 application" in body


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
