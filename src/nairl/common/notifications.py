"""E-mails in the recipient's language, sent by a background task: the one way modules mail.

    notify(user_or_person, "calls/email/submitted", application=application)

queues the message once the current transaction commits (`tasks.enqueue`: inline, database
worker or Celery), so a rolled-back decision mails nothing. The task reads the recipient and
every model in the context again — they travel as references — so bilingual fields come out in
the recipient's language and nothing stale or deleted is mailed; other values must be
JSON-serialisable. It then renders `<template>_subject.txt` (one line) and `<template>.txt` in
the recipient's language and time zone, sends through Django's e-mail backend and logs it.

A module whose task already holds fresh rows (seminars, which fans one change out to every
registrant and attaches the talk as .ics) calls `send(...)` itself. Links in e-mails are
absolute: `absolute_url(path)` puts the hub's public address (`NAIRL_SITE_URL`) in front.
"""

import logging
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .tasks import enqueue

logger = logging.getLogger(__name__)
CALENDAR = "text/calendar; charset=utf-8; method=PUBLISH"
MODEL_MARK = "__model__"
MODELS_MARK = "__models__"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str
    time_zone: str


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def language_of(who) -> str:
    """The language to write in: the one chosen (a registration's, an account's), else Korean
    for people in Korea and English for everyone else."""
    for source in (who, getattr(who, "user", None)):
        if getattr(source, "language", "") in dict(settings.LANGUAGES):
            return source.language
    if hasattr(who, "country"):
        return "ko" if str(who.country) == "KR" else "en"
    return settings.LANGUAGE_CODE


def address_of(who) -> str:
    account = getattr(who, "user", None)
    return getattr(who, "email", "") or getattr(account, "email", "")


def recipient_of(who) -> Recipient:
    """Where and how to write to an account, a person of the directory or anything else with
    an `email` (a seminar registration)."""
    account = getattr(who, "user", None)
    zone = getattr(who, "time_zone", "") or getattr(account, "time_zone", "")
    return Recipient(address_of(who), language_of(who), zone or settings.TIME_ZONE)


def pack(value):
    if isinstance(value, models.Model):
        return {MODEL_MARK: value._meta.label, "pk": value.pk}
    if isinstance(value, list | tuple) and value and isinstance(value[0], models.Model):
        return {MODELS_MARK: value[0]._meta.label, "pks": [item.pk for item in value]}
    return value


def unpack(value):
    """The value with its models read again; ObjectDoesNotExist when they are all gone."""
    if isinstance(value, dict) and MODEL_MARK in value:
        return apps.get_model(value[MODEL_MARK])._default_manager.get(pk=value["pk"])
    if isinstance(value, dict) and MODELS_MARK in value:
        found = apps.get_model(value[MODELS_MARK])._default_manager.in_bulk(value["pks"])
        if not found:
            raise ObjectDoesNotExist(value[MODELS_MARK])
        return [found[pk] for pk in value["pks"] if pk in found]
    return value


def notify(who, template: str, **context) -> bool:
    """Mails `who` (a user or a person) once the transaction commits; False when there is no
    address to write to."""
    if not address_of(who):
        return False
    packed = {name: pack(value) for name, value in context.items()}
    enqueue("nairl.common.notifications.deliver", pack(who), template, packed)
    return True


def deliver(who: dict, template: str, context: dict) -> int:
    """The task: read the recipient and the objects again, render, send."""
    try:
        who = unpack(who)
        values = {name: unpack(value) for name, value in context.items()}
    except ObjectDoesNotExist:  # gone since: nothing to say any more
        return 0
    return send(who, template, values)


def compose(recipient: Recipient, template: str, context: dict) -> tuple[str, str]:
    """(subject, body) in the recipient's language and time zone."""
    with (
        translation.override(recipient.language),
        timezone.override(zoneinfo.ZoneInfo(recipient.time_zone)),
    ):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def send(who, template: str, context: dict, attachments: Iterable[Attachment] = ()) -> int:
    """Renders and sends one message now (from a task); how many were sent (0 or 1)."""
    recipient = recipient_of(who)
    if not recipient.address:
        return 0
    subject, body = compose(recipient, template, {**context, "recipient": who})
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.address])
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    sent = message.send()
    logger.info("Mail %s sent in %s", template, recipient.language)
    return sent
