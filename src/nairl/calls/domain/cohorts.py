"""Cohorts of the AI-leader programs: formed from a call's accepted applicants, with mentors;
a member who completes the program becomes an alumnus, linked to their directory profile."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Application, Call, Cohort, CohortMember

COHORT_KINDS = (Call.Kind.FELLOWSHIP, Call.Kind.SCHOOL)


def form_cohort(*, cohort: Cohort, mentors=(), by) -> Cohort:
    """Saves the cohort; with a call, its accepted applicants (with a directory profile) join
    as participants."""
    call = cohort.call
    if call is not None:
        if call.kind not in COHORT_KINDS:
            raise ValidationError({"call": _("Cohorts come from fellowship and school calls.")})
        cohort.program_id = call.program_id
    cohort.full_clean()
    if cohort.end < cohort.start:
        raise ValidationError({"end": _("The end date is before the start date.")})
    with transaction.atomic():
        cohort.save()
        if call is not None:
            accepted = call.applications.filter(
                status=Application.Status.ACCEPTED, person__isnull=False
            )
            for application in accepted:
                CohortMember.objects.get_or_create(
                    cohort=cohort,
                    person_id=application.person_id,
                    defaults={"role": CohortMember.Role.PARTICIPANT, "application": application},
                )
        for person in mentors:
            CohortMember.objects.get_or_create(
                cohort=cohort, person=person, defaults={"role": CohortMember.Role.MENTOR}
            )
    return cohort


def mark_completed(*, member: CohortMember, completed: bool = True, by) -> CohortMember:
    member.completed = completed
    member.save()
    return member
