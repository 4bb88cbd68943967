"""Builders for calls tests: calls with questions and criteria, applications submitted through
the domain verbs, reviewers in a call's pool."""

import datetime
import itertools

from django.utils import timezone

from factories import make_person, make_user
from nairl.calls.domain import applications as verbs
from nairl.calls.domain.reviews import save_review
from nairl.calls.models import (
    Application,
    Assignment,
    Call,
    CallReviewer,
    Criterion,
    Question,
    Review,
)
from nairl.common.roles import Role
from nairl.research.models import Program

_serial = itertools.count(1)
DAY = datetime.timedelta(days=1)


def make_call(*, opens=None, closes=None, program=None, questions=True, **fields) -> Call:
    """A call open now (by default) with a long-text question, an optional file question and
    two criteria (weights 2 and 1)."""
    now = timezone.now()
    opens = opens or now - 10 * DAY
    closes = closes or now + 10 * DAY
    number = next(_serial)
    call = Call.objects.create(
        program=program or flagship(),
        kind=fields.pop("kind", Call.Kind.RESIDENCY),
        title_en=fields.pop("title_en", f"Call {number}"),
        title_ko=fields.pop("title_ko", f"공모 {number}"),
        description_en="What we look for.",
        opens_at=opens,
        closes_at=closes,
        review_starts_at=closes + DAY,
        review_ends_at=closes + 20 * DAY,
        decisions_at=closes + 30 * DAY,
        **fields,
    )
    if questions:
        Question.objects.create(
            call=call,
            order=1,
            kind=Question.Kind.LONG_TEXT,
            label_en="Research plan",
            required=True,
        )
        Question.objects.create(
            call=call,
            order=2,
            kind=Question.Kind.FILE,
            label_en="CV",
            required=False,
            file_types=["pdf", "txt"],
            max_file_bytes=100_000,
        )
        Criterion.objects.create(call=call, order=1, name_en="Originality", weight=2)
        Criterion.objects.create(call=call, order=2, name_en="Feasibility", weight=1)
    return call


def flagship() -> Program:
    """The seeded flagship (re-made when a transactional test emptied the database)."""
    program, _created = Program.objects.get_or_create(
        code="beyond-scaling", defaults={"title_en": "Beyond neural scaling laws"}
    )
    return program


def plan_question(call) -> Question:
    return call.questions.get(kind=Question.Kind.LONG_TEXT)


def make_applicant(name: str = "", *, username=None, **person_fields):
    number = next(_serial)
    user = make_user(username or f"applicant{number}", Role.RESEARCHER)
    person = make_person(name or f"Applicant Person{number}", user=user, **person_fields)
    return user, person


def submit(
    call, user, *, title="A plan", plan="We study scaling.", expertise=(), at=None
) -> Application:
    application = verbs.start_application(call=call, by=user, at=at)
    application.title = title
    verbs.save_application(
        application=application,
        answers={plan_question(call).field_name: plan},
        expertise=expertise,
        by=user,
        at=at,
    )
    return verbs.submit_application(application=application, by=user, at=at)


def add_reviewer(call, user=None, *, max_load=None) -> CallReviewer:
    user = user or make_user(f"reviewer{next(_serial)}", Role.REVIEWER)
    return CallReviewer.objects.create(call=call, reviewer=user, max_load=max_load)


def assign(application, reviewer) -> Assignment:
    if application.status == Application.Status.SUBMITTED:
        verbs.move(application, Application.Status.UNDER_REVIEW)
    return Assignment.objects.create(
        call=application.call, application=application, reviewer=reviewer, method="manual"
    )


def review(assignment, scores, *, confidence=3, comment="") -> Review:
    criteria = list(assignment.call.criteria.all())
    draft = Review(assignment=assignment, confidence=confidence, comment_to_applicant=comment)
    return save_review(
        review=draft,
        scores={str(c.pk): s for c, s in zip(criteria, scores, strict=True)},
        submit=True,
        by=assignment.reviewer,
    )
