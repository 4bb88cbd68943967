"""Emails in the recipient's language, sent by a background task.

    notify(user, "calls/email/submitted", application=application, deadline=...)

renders `<template>_subject.txt` and `<template>_body.txt` with the language (and time zone)
of the recipient's account, after the current transaction commits, through `tasks.enqueue`
(inline or on Celery workers) and Django's email backend. Model instances in the context
travel as (model, id) and are read again by the task, so bilingual fields come out in the
recipient's language and nothing stale is mailed; other values must be JSON-serialisable.
"""

import zoneinfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .tasks import enqueue

MODEL_MARK = "__model__"


def pack(value):
    if isinstance(value, models.Model):
        return {MODEL_MARK: value._meta.label, "pk": value.pk}
    return value


def unpack(value):
    if isinstance(value, dict) and MODEL_MARK in value:
        return apps.get_model(value[MODEL_MARK])._default_manager.get(pk=value["pk"])
    return value


def notify(recipient, template: str, **context) -> None:
    """Mails `recipient` (a user with an email address) once the transaction commits."""
    if not recipient.email:
        return
    packed = {name: pack(value) for name, value in context.items()}
    enqueue("nairl.common.notifications.send_notification", recipient.pk, template, packed)


def render_message(recipient, template: str, context: dict) -> tuple[str, str]:
    """(subject, body) in the recipient's language and time zone."""
    language = getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    zone = getattr(recipient, "time_zone", None) or settings.TIME_ZONE
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        values = {name: unpack(value) for name, value in context.items()}
        values["recipient"] = recipient
        subject = render_to_string(f"{template}_subject.txt", values)
        body = render_to_string(f"{template}_body.txt", values)
    return " ".join(subject.split()), body.strip() + "\n"


def send_notification(user_id: int, template: str, context: dict) -> None:
    """The task: read the recipient and the objects again, render, send."""
    recipient = get_user_model().objects.filter(pk=user_id).first()
    if recipient is None or not recipient.email:
        return
    subject, body = render_message(recipient, template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
