"""Who reviews what: by hand, or the optimal assignment over the whole call.

Affinity of a reviewer for an application (0 to 1) is the mean of two parts: the overlap of
their fields (the application's chosen fields against the reviewer's expertise, Jaccard) and
the similarity of their texts (the application's title and written answers against the
reviewer's biography, fields and projects, TF-IDF cosine in Korean and English). The reasons
are kept with each assignment, so the director sees why a reviewer was chosen.
"""

import time
from collections import defaultdict

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from nairl.common.jobs import JobFailed, report_progress, run_job, start_job
from nairl.common.notifications import notify
from nairl.people.models import Person
from nairl.research.models import Membership

from ..matching.optimize import AssignmentError, Problem, assign
from ..matching.similarity import cosine_similarities, jaccard, shared_terms
from ..models import Application, Assignment, AssignmentRun, Call, CallReviewer, Conflict, Question
from .applications import move
from .conflicts import pair_conflicts, refresh_conflicts

CANDIDATES = 20  # reviewers considered per application at scale (the best by affinity)
TEXT_KINDS = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)
S = Application.Status


def application_texts(call: Call, applications: list[Application]) -> list[str]:
    text_questions = [str(q.pk) for q in call.questions.all() if q.kind in TEXT_KINDS]
    return [
        " ".join(
            [application.title, *(str(application.answers.get(k, "")) for k in text_questions)]
        )
        for application in applications
    ]


def reviewer_profiles(user_ids: list[int]) -> tuple[list[str], list[set]]:
    """Each reviewer's text (biography, fields, projects) and field codes, in user order."""
    people = {
        person.user_id: person
        for person in Person.objects.filter(user__in=user_ids).prefetch_related("expertise")
    }
    projects = defaultdict(list)
    memberships = Membership.objects.filter(person__user__in=user_ids).values_list(
        "person__user_id",
        "project__title_en",
        "project__title_ko",
        "project__summary_en",
        "project__summary_ko",
    )
    for user_id, *texts in memberships:
        projects[user_id] += texts
    texts, codes = [], []
    for user_id in user_ids:
        person = people.get(user_id)
        if person is None:
            texts.append("")
            codes.append(set())
            continue
        areas = list(person.expertise.all())
        texts.append(
            " ".join(
                [
                    person.bio_en,
                    person.bio_ko,
                    *(f"{a.name_en} {a.name_ko}" for a in areas),
                    *projects[user_id],
                ]
            )
        )
        codes.append({area.code for area in areas})
    return texts, codes


def affinity_matrix(call, applications, reviewer_ids):
    """Affinity, field overlap, text similarity, fitted terms and both sides' field codes."""
    application_codes = [{area.code for area in a.expertise.all()} for a in applications]
    reviewer_texts, reviewer_codes = reviewer_profiles(reviewer_ids)
    similarity, fitted = cosine_similarities(application_texts(call, applications), reviewer_texts)
    overlap = np.array(
        [[jaccard(mine, theirs) for theirs in reviewer_codes] for mine in application_codes]
    ).reshape(len(applications), len(reviewer_ids))
    return (
        0.5 * overlap + 0.5 * similarity,
        overlap,
        similarity,
        fitted,
        application_codes,
        reviewer_codes,
    )


def run_assignment(run_id: int) -> str:
    return run_job(AssignmentRun, run_id, compute_assignment)


def start_assignment(*, call: Call, by) -> AssignmentRun:
    if not call.reviewer_pool.exists():
        raise ValidationError(_("Invite reviewers to the call first."))
    return start_job(AssignmentRun(call=call), by=by)


def compute_assignment(run: AssignmentRun) -> dict:
    call = run.call
    started = time.perf_counter()
    report_progress(run, 0, 3, _("Finding conflicts of interest"))
    refresh_conflicts(call=call)
    applications = list(
        call.applications.filter(status__in=(S.SUBMITTED, S.UNDER_REVIEW))
        .prefetch_related("expertise")
        .order_by("number")
    )
    pool = list(call.reviewer_pool.select_related("call").order_by("reviewer_id"))
    if not applications or not pool:
        raise JobFailed(_("There are no submitted applications or no reviewers to assign."))
    reviewer_ids = [entry.reviewer_id for entry in pool]
    app_index = {a.pk: i for i, a in enumerate(applications)}
    reviewer_index = {r: j for j, r in enumerate(reviewer_ids)}
    report_progress(run, 1, 3, _("Comparing applications with reviewers"))
    affinity, overlap, similarity, fitted, app_codes, reviewer_codes = affinity_matrix(
        call, applications, reviewer_ids
    )
    allowed = np.ones(affinity.shape, dtype=bool)
    for app_id, reviewer in Conflict.objects.filter(call=call).values_list(
        "application_id", "reviewer_id"
    ):
        if app_id in app_index and reviewer in reviewer_index:
            allowed[app_index[app_id], reviewer_index[reviewer]] = False
    existing, other_load = [], defaultdict(int)
    for app_id, reviewer in Assignment.objects.filter(call=call).values_list(
        "application_id", "reviewer_id"
    ):
        if app_id in app_index and reviewer in reviewer_index:
            existing.append((app_index[app_id], reviewer_index[reviewer]))
        elif reviewer in reviewer_index:
            other_load[reviewer] += 1  # reviews of applications decided or withdrawn since
    capacity = np.array(
        [max(entry.load_limit - other_load[entry.reviewer_id], 0) for entry in pool]
    )
    problem = Problem(
        affinity=affinity,
        allowed=allowed,
        reviews_per_application=call.reviews_per_application,
        capacity=capacity,
        min_expertise=call.min_expertise,
        existing=existing,
    )
    report_progress(run, 2, 3, _("Solving the assignment"))
    try:
        solution = assign(problem, candidates=CANDIDATES if len(pool) > CANDIDATES else None)
    except AssignmentError as error:
        raise JobFailed(str(error)) from error
    with transaction.atomic():
        created = Assignment.objects.bulk_create(
            Assignment(
                call=call,
                application=applications[a],
                reviewer_id=reviewer_ids[r],
                method=Assignment.Method.AUTOMATIC,
                affinity=round(float(affinity[a, r]), 4),
                reasons={
                    "fields": sorted(app_codes[a] & reviewer_codes[r]),
                    "field_overlap": round(float(overlap[a, r]), 3),
                    "text_similarity": round(float(similarity[a, r]), 3),
                    "terms": shared_terms(fitted, a, len(applications) + r),
                },
            )
            for a, r in solution.pairs
        )
        Application.objects.filter(pk__in=[a.pk for a in applications], status=S.SUBMITTED).update(
            status=S.UNDER_REVIEW
        )
        tell_reviewers(call, created)
    return {
        "result": {
            "applications": len(applications),
            "reviewers": len(pool),
            "assigned": len(created),
            "total_affinity": round(solution.total_affinity, 3),
            "short_of_reviews": {
                applications[a].code: n for a, n in solution.missing_reviews.items()
            },
            "short_of_expertise": {
                applications[a].code: round(d, 3) for a, d in solution.missing_expertise.items()
            },
            "seconds": round(time.perf_counter() - started, 2),
        }
    }


def tell_reviewers(call: Call, assignments: list[Assignment]) -> None:
    counts = defaultdict(int)
    for assignment in assignments:
        counts[assignment.reviewer_id] += 1
    from django.contrib.auth import get_user_model

    for reviewer in get_user_model().objects.filter(pk__in=counts):
        notify(reviewer, "calls/email/assigned", call=call, count=counts[reviewer.pk])


def assign_by_hand(*, assignment: Assignment, by) -> Assignment:
    """One reviewer for one application: refused for a conflict, a reviewer outside the pool,
    one already at their load, or an application no longer under consideration."""
    application, reviewer = assignment.application, assignment.reviewer
    call = application.call
    assignment.call = call
    if application.status not in (S.SUBMITTED, S.UNDER_REVIEW):
        raise ValidationError({"application": _("This application is not waiting for review.")})
    entry = call.reviewer_pool.filter(reviewer=reviewer).select_related("call").first()
    if entry is None:
        raise ValidationError({"reviewer": _("Invite this reviewer to the call first.")})
    if pair_conflicts(application, reviewer):
        raise ValidationError(
            {"reviewer": _("This reviewer has a conflict of interest with this application.")}
        )
    if Assignment.objects.filter(application=application, reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("This reviewer already reviews this application.")})
    load = Assignment.objects.filter(call=call, reviewer=reviewer).count()
    if load >= entry.load_limit:
        raise ValidationError(
            {
                "reviewer": _("This reviewer already has %(load)d applications, their limit.")
                % {"load": load}
            }
        )
    assignment.method = Assignment.Method.MANUAL
    assignment.save()
    if application.status == S.SUBMITTED:
        move(application, S.UNDER_REVIEW)
    tell_reviewers(call, [assignment])
    return assignment


def invite_reviewer(*, entry: CallReviewer, by) -> CallReviewer:
    entry.full_clean(exclude=["call"])
    if CallReviewer.objects.filter(call=entry.call, reviewer=entry.reviewer).exists():
        raise ValidationError({"reviewer": _("This reviewer is already invited.")})
    entry.save()
    return entry


def reviewer_loads(call: Call) -> dict[int, int]:
    return dict(
        Assignment.objects.filter(call=call).values_list("reviewer_id").annotate(n=Count("id"))
    )
