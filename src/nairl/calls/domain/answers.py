"""Answers to a call's questions: checked against each question, files sniffed and stored."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nairl.common import private_files

from ..blind import identity_terms
from ..filetypes import FILE_TYPES, names_in_metadata, sniff
from ..models import Attachment, Question

ATTACHMENTS = "calls"  # the private folder of application files


def clean_answer(question: Question, raw):
    """The stored form of one answer (None when empty); ValidationError when it is wrong."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = question.kind
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
        text = str(raw).strip()
        limit = (
            question.max_length
            if kind == Question.Kind.LONG_TEXT
            else min(question.max_length, 500)
        )
        if len(text) > limit:
            raise ValidationError(
                _("Ensure this answer has at most %(limit)d characters (it has %(count)d).")
                % {"limit": limit, "count": len(text)}
            )
        return text
    if kind == Question.Kind.CHOICE:
        if str(raw) not in question.options:
            raise ValidationError(_("Choose one of the options given."))
        return str(raw)
    if kind == Question.Kind.NUMBER:
        try:
            number = float(str(raw).replace(",", ""))
        except ValueError:
            raise ValidationError(_("Enter a number.")) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(_("Enter a number."))
        if question.min_value is not None and number < question.min_value:
            raise ValidationError(
                _("Enter a number of at least %(min)g.") % {"min": question.min_value}
            )
        if question.max_value is not None and number > question.max_value:
            raise ValidationError(
                _("Enter a number of at most %(max)g.") % {"max": question.max_value}
            )
        return number
    if kind == Question.Kind.DATE:
        try:
            return datetime.date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None
    raise ValidationError(_("Attach a file with the upload field."))


def clean_answers(questions, raw: dict) -> dict:
    """Every answer sent, checked; errors keyed by the question's field name."""
    cleaned, errors = {}, {}
    for question in questions:
        if question.kind == Question.Kind.FILE or question.field_name not in raw:
            continue
        try:
            value = clean_answer(question, raw[question.field_name])
        except ValidationError as error:
            errors[question.field_name] = error.messages
            continue
        if value is not None:
            cleaned[str(question.pk)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_upload(question: Question, name: str, content: bytes) -> str:
    """The file's real type code; ValidationError when its size or content is not accepted."""
    if len(content) > question.max_file_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": f"{question.max_file_bytes / 1e6:g}"}
        )
    if not content:
        raise ValidationError(_("The file is empty."))
    kind = sniff(content[:16], content)
    if kind not in question.file_types:
        accepted = ", ".join(str(FILE_TYPES[code][0]) for code in question.file_types)
        if kind is None:
            raise ValidationError(
                _(
                    "This file's content is not of a type this question accepts (%(types)s), "
                    "whatever its name says."
                )
                % {"types": accepted}
            )
        raise ValidationError(
            _("This file is a %(found)s; this question accepts %(types)s.")
            % {"found": FILE_TYPES[kind][0], "types": accepted}
        )
    return kind


def attach(application, question: Question, name: str, content: bytes) -> Attachment:
    """Stores a checked file as the question's answer (replacing an earlier one)."""
    kind = check_upload(question, name, content)
    for old in application.attachments.filter(question=question):
        old.delete()
        # The old file goes only if the change is kept.
        transaction.on_commit(
            lambda stored=old.stored_name: private_files.remove(ATTACHMENTS, stored)
        )
    return Attachment.objects.create(
        application=application,
        question=question,
        stored_name=private_files.store(ATTACHMENTS, content),
        original_name=name[:255],
        kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        names_in_metadata=names_in_metadata(content, kind, identity_terms(application)),
    )
