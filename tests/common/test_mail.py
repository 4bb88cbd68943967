"""Emails in the recipient's language with attachments (the shared piece modules send with)."""

import pytest
from django.core import mail

from nairl.common.mail import CALENDAR, Attachment, absolute_url, send_in_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, subject", [("en", "Your seat: "), ("ko", "좌석 확정: ")])
def test_a_message_is_written_in_the_recipients_language(language, subject, settings):
    from seminars.helpers import make_talk, seat

    talk = make_talk(title_en="Same title", title_ko="")
    registration = seat(talk, 0, language=language)
    send_in_language(
        to="someone@example.org",
        language=language,
        template="seminars/mail/seated",
        context={
            "registration": registration,
            "talk": talk,
            "local_start": talk.local_start,
            "local_end": talk.local_end,
            "talk_url": absolute_url(talk.get_absolute_url()),
            "cancel_url": absolute_url(registration.cancel_url()),
        },
        attachments=[Attachment("talk.ics", b"BEGIN:VCALENDAR", CALENDAR)],
    )
    message = mail.outbox[-1]
    assert message.subject == subject + "Same title"
    assert "\n" not in message.subject
    assert message.attachments[0][0] == "talk.ics"
    assert settings.SITE_URL + talk.get_absolute_url() in message.body
    assert "&amp;" not in message.body
