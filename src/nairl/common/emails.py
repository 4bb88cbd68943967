"""E-mails in the recipient's language, sent by background tasks.

A module queues an e-mail with `send_in_language(...)`; the task renders it when it runs, in the
recipient's language, from fresh rows: `context` names a function (a dotted path inside the hub)
that is given `object_id` and returns the template context, so bilingual fields come out in that
language. Templates are `<template>_subject.txt` and `<template>.txt`.
"""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import enqueue, resolve

logger = logging.getLogger(__name__)
LANGUAGES = ("ko", "en")


def language_of(person) -> str:
    """The language to write to a person in: their account's, else Korean for people in Korea
    and English for everyone else."""
    user = getattr(person, "user", None)
    if user is not None and getattr(user, "language", "") in LANGUAGES:
        return user.language
    return "ko" if str(getattr(person, "country", "")) == "KR" else "en"


def address_of(person) -> str:
    user = getattr(person, "user", None)
    return person.email or (user.email if user is not None else "")


def send_in_language(
    *, to: str, language: str, template: str, context: str, object_id: int, **extra
) -> bool:
    """Queues one e-mail (after the transaction commits); False when there is no address."""
    if not to:
        return False
    enqueue("nairl.common.emails.deliver", to, language, template, context, object_id, extra)
    return True


def deliver(
    to: str, language: str, template: str, context: str, object_id: int, extra: dict
) -> None:
    """The task: renders in the recipient's language and sends."""
    with translation.override(language if language in LANGUAGES else "ko"):
        values = resolve(context)(object_id, **extra)
        if values is None:  # the object is gone: nothing to say any more
            return
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        body = render_to_string(f"{template}.txt", values)
    send_mail(subject, body, None, [to])
