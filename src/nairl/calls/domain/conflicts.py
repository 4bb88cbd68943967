"""Conflicts of interest, computed from the hub's own records and declared by reviewers.

Each source of conflict is one function of (reviewers, applicants) — both maps from our key
(a user id, an application id) to a directory profile id — returning the conflicting pairs
with a detail. A reviewer without a profile can only conflict as the applicant themself.
Computed conflicts are stored per call (the lists that hide conflicted applications filter on
them in SQL); declared ones stay until the reviewer's declaration is removed.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from nairl.common.audit import record_batch
from nairl.common.models import AuditEntry
from nairl.people.models import Affiliation
from nairl.research.models import Membership, OutputAuthor

from ..models import AdvisorRelation, Application, Assignment, Call, Conflict

RECENT_YEARS = 3
S = Conflict.Source
COUNTED = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
)


def pairs_through(groups_of_reviewers: dict, groups_of_applicants: dict):
    """(reviewer key, applicant key, group) for every group both belong to."""
    members = defaultdict(set)
    for key, groups in groups_of_applicants.items():
        for group in groups:
            members[group].add(key)
    for reviewer, groups in groups_of_reviewers.items():
        for group in groups:
            for applicant in members.get(group, ()):
                yield reviewer, applicant, group


def grouped(rows) -> dict:
    groups = defaultdict(set)
    for person, group in rows:
        groups[person].add(group)
    return groups


def by_person(keys_to_people: dict, groups: dict) -> dict:
    return {key: groups.get(person, set()) for key, person in keys_to_people.items() if person}


def same_institution(reviewers: dict, applicants: dict, today: datetime.date):
    people = {*reviewers.values(), *applicants.values()} - {None}
    rows = (
        Affiliation.objects.current(today)
        .filter(person__in=people)
        .values_list("person_id", "institution_id", "institution__name_en", "institution__name_ko")
    )
    names, groups = {}, defaultdict(set)
    for person, institution, name_en, name_ko in rows:
        groups[person].add(institution)
        names[institution] = name_en or name_ko
    for reviewer, applicant, institution in pairs_through(
        by_person(reviewers, groups), by_person(applicants, groups)
    ):
        yield reviewer, applicant, S.INSTITUTION, names[institution]


def shared_project(reviewers: dict, applicants: dict, today: datetime.date):
    people = {*reviewers.values(), *applicants.values()} - {None}
    since = today - datetime.timedelta(days=365 * RECENT_YEARS)
    rows = (
        Membership.objects.filter(person__in=people, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=since))
        .values_list("person_id", "project_id")
    )
    groups = grouped(rows)
    for reviewer, applicant, project in pairs_through(
        by_person(reviewers, groups), by_person(applicants, groups)
    ):
        yield reviewer, applicant, S.PROJECT, _("project %(id)s") % {"id": project}


def coauthored(reviewers: dict, applicants: dict, today: datetime.date):
    """A research output both wrote, published in the last three years (merged duplicates
    count once, through the record they were merged into)."""
    people = {*reviewers.values(), *applicants.values()} - {None}
    rows = OutputAuthor.objects.filter(
        person__in=people,
        output__merged_into__isnull=True,
        output__year__gte=today.year - RECENT_YEARS,
    ).values_list("person_id", "output_id", "output__title")
    titles, groups = {}, defaultdict(set)
    for person, output, title in rows:
        groups[person].add(output)
        titles[output] = title[:300]
    for reviewer, applicant, output in pairs_through(
        by_person(reviewers, groups), by_person(applicants, groups)
    ):
        yield reviewer, applicant, S.COAUTHOR, titles[output]


def advisor(reviewers: dict, applicants: dict, today: datetime.date):
    people = {*reviewers.values(), *applicants.values()} - {None}
    relations = AdvisorRelation.objects.filter(advisor__in=people, advisee__in=people)
    linked = defaultdict(set)
    for one, other in relations.values_list("advisor_id", "advisee_id"):
        linked[one].add(other)
        linked[other].add(one)
    for reviewer, reviewer_person in reviewers.items():
        for applicant, applicant_person in applicants.items():
            if applicant_person in linked.get(reviewer_person, ()):
                yield reviewer, applicant, S.ADVISOR, ""


def themself(reviewers: dict, applicants: dict, today, *, users: dict):
    """`users`: application id → applicant's user id (a reviewer is a user too)."""
    for reviewer, reviewer_person in reviewers.items():
        for applicant, applicant_person in applicants.items():
            if users.get(applicant) == reviewer or (
                reviewer_person and reviewer_person == applicant_person
            ):
                yield reviewer, applicant, S.SELF, ""


SOURCES = (same_institution, shared_project, coauthored, advisor)


def find_conflicts(reviewers: dict, applicants: dict, users: dict, today=None) -> list[tuple]:
    """(reviewer user id, application id, source, detail) for every computed conflict."""
    today = today or datetime.date.today()
    found = list(themself(reviewers, applicants, today, users=users))
    for source in SOURCES:
        found += source(reviewers, applicants, today)
    return found


def applicants_of(call: Call) -> tuple[dict, dict]:
    rows = call.applications.filter(status__in=COUNTED).values_list(
        "pk", "person_id", "applicant_id"
    )
    return {pk: person for pk, person, _user in rows}, {pk: user for pk, _p, user in rows}


def reviewers_of(call: Call) -> dict:
    return dict(call.reviewer_pool.values_list("reviewer_id", "reviewer__person__id"))


def refresh_conflicts(*, call: Call, by=None) -> int:
    """Brings the call's computed conflicts up to date (declared ones stay): only those that
    appeared or vanished are written. A conflict that appears removes the assignment it
    forbids. Returns how many conflicts the call has."""
    applicants, users = applicants_of(call)
    found = {
        (reviewer, app, source): detail[:300]
        for reviewer, app, source, detail in find_conflicts(reviewers_of(call), applicants, users)
    }
    stored = {
        (reviewer, app, source): pk
        for pk, reviewer, app, source in call.conflicts.exclude(source=S.DECLARED).values_list(
            "pk", "reviewer_id", "application_id", "source"
        )
    }
    with transaction.atomic():
        gone = [pk for key, pk in stored.items() if key not in found]
        if gone:
            Conflict.objects.filter(pk__in=gone).delete()
        created = Conflict.objects.bulk_create(
            Conflict(
                call=call, application_id=app, reviewer_id=reviewer, source=source, detail=detail
            )
            for (reviewer, app, source), detail in found.items()
            if (reviewer, app, source) not in stored
        )
        record_batch(created, AuditEntry.Action.CREATE)
        if created:
            forbidden = Conflict.objects.filter(
                application=OuterRef("application"), reviewer=OuterRef("reviewer")
            )
            Assignment.objects.filter(call=call).filter(Exists(forbidden)).delete()
    return call.conflicts.count()


def check_candidate(*, call: Call, user) -> list[tuple]:
    """The conflicts a possible reviewer would have with the call's applications (nothing is
    saved): what a director looks at before inviting them."""
    applicants, users = applicants_of(call)
    person = getattr(user, "person", None)
    return find_conflicts({user.pk: person.pk if person else None}, applicants, users)


def pair_conflicts(application: Application, user) -> list[tuple]:
    person = getattr(user, "person", None)
    found = find_conflicts(
        {user.pk: person.pk if person else None},
        {application.pk: application.person_id},
        {application.pk: application.applicant_id},
    )
    stored = Conflict.objects.filter(application=application, reviewer=user).values_list(
        "reviewer_id", "application_id", "source", "detail"
    )
    return found + list(stored)


def declare_conflict(*, assignment: Assignment, detail: str, by) -> Conflict:
    """The reviewer says they cannot judge this application impartially: the assignment goes,
    and the application disappears from everything they see."""
    if assignment.reviewer_id != by.pk:
        raise ValidationError(_("Only the reviewer can declare their own conflict."))
    with transaction.atomic():
        conflict, _created = Conflict.objects.get_or_create(
            call_id=assignment.call_id,
            application_id=assignment.application_id,
            reviewer=by,
            source=S.DECLARED,
            defaults={"detail": detail[:300]},
        )
        assignment.delete()
    return conflict
