"""Emails in the recipient's language, with attachments, sent by background tasks.

A module renders a message from two templates, `<template>_subject.txt` (one line) and
`<template>.txt`, in the recipient's language:

    send_in_language(to="ada@example.org", language="en", template="seminars/mail/seated",
                     context={...}, attachments=[Attachment("talk.ics", data, CALENDAR)])

and sends it from a task queued with `nairl.common.tasks.enqueue` (after the transaction that
decided it commits). Links in emails are absolute: `absolute_url(path)` puts the hub's public
address (`NAIRL_SITE_URL`) in front of a path.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

CALENDAR = "text/calendar; charset=utf-8; method=PUBLISH"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def render_in_language(language: str, template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and body of a message, in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def send_in_language(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    attachments: Iterable[Attachment] = (),
) -> int:
    subject, body = render_in_language(language, template, context)
    message = EmailMessage(subject, body, to=[to])
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message.send()
