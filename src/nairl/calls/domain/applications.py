"""An application's life: draft, answers and files, submission before the deadline,
withdrawal, decisions. Every change of status goes through `move`, which knows the legal
transitions; the model's audit trail records each one."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nairl.common import private_files
from nairl.common.notifications import notify

from ..models import Application, Call, Question
from ..policies import call_policy
from ..signals import application_decided
from .answers import ATTACHMENTS, attach, clean_answers

S = Application.Status
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
DECISIONS = (S.ACCEPTED, S.WAITLISTED, S.REJECTED)


def move(application: Application, to: str, *, at=None) -> Application:
    """Changes the status if the transition is legal; ValidationError otherwise."""
    if to not in TRANSITIONS[application.status]:
        raise ValidationError(
            {
                "status": _("An application that is “%(now)s” cannot become “%(to)s”.")
                % {"now": S(application.status).label, "to": S(to).label}
            }
        )
    application.status = to
    at = at or timezone.now()
    if to == S.SUBMITTED:
        application.submitted_at = at
    if to in DECISIONS:
        application.decided_at = at
    application.save()
    return application


def deadline_passed(call: Call, at) -> ValidationError:
    local = timezone.localtime(call.closes_at, timezone=zone_of(call))
    return ValidationError(
        _("The deadline of this call has passed (%(deadline)s, %(zone)s).")
        % {"deadline": local.strftime("%Y-%m-%d %H:%M:%S"), "zone": call.time_zone}
    )


def zone_of(call: Call):
    import zoneinfo

    return zoneinfo.ZoneInfo(call.time_zone)


def refuse_unless_open(call: Call, at) -> None:
    if at < call.opens_at:
        raise ValidationError(_("This call does not take applications yet."))
    if at > call.closes_at:
        raise deadline_passed(call, at)


def start_application(*, call: Call, by, at=None) -> Application:
    """A new draft for the signed-in user (refused past the deadline, past the call's limit of
    applications per person, or for a call by invitation the user was not invited to)."""
    at = at or timezone.now()
    if not call_policy.can_apply(by, call):
        raise ValidationError(_("This call takes applications by invitation only."))
    refuse_unless_open(call, at)
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()  # one number at a time
        count = call.applications.filter(applicant=by).exclude(status=S.WITHDRAWN).count()
        if count >= call.max_applications_per_person:
            raise ValidationError(
                _("You already have %(count)d application(s) to this call, its limit per person.")
                % {"count": count}
            )
        last = call.applications.aggregate(last=Max("number"))["last"] or 0
        application = Application(
            call=call,
            applicant=by,
            person=getattr(by, "person", None),
            number=last + 1,
            title="",
        )
        try:
            application.save()
        except IntegrityError:  # another draft took the number meanwhile
            raise ValidationError(
                _("Another application was started at the same moment; try again.")
            ) from None
    return application


def save_application(
    *,
    application: Application,
    answers: dict,
    files: dict | None = None,
    expertise=None,
    by,
    at=None,
) -> Application:
    """Saves the draft's title, answers (by question field name) and files (question field name
    → (file name, bytes)). All or nothing: one wrong answer or file saves none of them."""
    at = at or timezone.now()
    if application.status != S.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed; this application is “%(status)s”.")
            % {"status": S(application.status).label}
        )
    refuse_unless_open(application.call, at)
    questions = list(application.call.questions.all())
    stored = dict(application.answers)
    cleaned = clean_answers(questions, answers)
    for question in questions:
        if question.kind != Question.Kind.FILE and question.field_name in answers:
            stored.pop(str(question.pk), None)
    stored.update(cleaned)
    application.answers = stored
    application.full_clean(exclude=["call", "applicant", "person", "number"])
    errors = {}
    with transaction.atomic():
        application.save()
        if expertise is not None:
            application.expertise.set(expertise)
        by_field = {question.field_name: question for question in questions}
        added = []
        for field, (name, content) in (files or {}).items():
            question = by_field.get(field)
            if question is None or question.kind != Question.Kind.FILE:
                errors[field] = [_("This question takes no file.")]
                continue
            try:
                added.append(attach(application, question, name, content))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            transaction.set_rollback(True)
    if errors:
        for attachment in added:
            private_files.remove(ATTACHMENTS, attachment.stored_name)
        raise ValidationError(errors)
    return application


def missing_answers(application: Application) -> dict:
    """Required questions without an answer, by field name."""
    answered_files = set(application.attachments.values_list("question_id", flat=True))
    missing = {}
    for question in application.call.questions.all():
        if not question.required:
            continue
        answered = (
            question.pk in answered_files
            if question.kind == Question.Kind.FILE
            else str(question.pk) in application.answers
        )
        if not answered:
            missing[question.field_name] = [_("This question needs an answer before you submit.")]
    return missing


def submit_application(*, application: Application, by, at=None) -> Application:
    """Submits before the deadline (checked on the server, in UTC), with every required answer;
    the applicant gets a receipt."""
    at = at or timezone.now()
    refuse_unless_open(application.call, at)
    if application.status != S.DRAFT:
        move(application, S.SUBMITTED)  # says why it cannot
    missing = missing_answers(application)
    if not application.title.strip():
        missing["title"] = [_("Give the application a title.")]
    if missing:
        raise ValidationError(missing)
    move(application, S.SUBMITTED, at=at)
    notify(application.applicant, "calls/email/submitted", application=application)
    return application


def withdraw_application(*, application: Application, by) -> Application:
    move(application, S.WITHDRAWN)
    return application


def decide(*, applications, status: str, note: str = "", by) -> list[Application]:
    """One decision for several applications, all or none; each applicant is told, and
    `application_decided` is sent for each once the transaction commits."""
    if status not in DECISIONS:
        raise ValidationError({"status": _("Choose accept, waitlist or reject.")})
    decided = []
    with transaction.atomic():
        for application in applications:
            move(application, status)
            if note:
                application.decision_note = note
                application.save(update_fields=["decision_note"])
            notify(application.applicant, "calls/email/decided", application=application)
            decided.append(application)
    for application in decided:
        transaction.on_commit(
            lambda application=application: application_decided.send(
                Application, application=application, status=status
            )
        )
    return decided
