"""Who may see and change calls, applications, assignments and reviews (pages and API alike).

Calls are public, or shown only to those invited, their reviewers and the managers. Program
directors and hub staff run calls (managers). An applicant sees their own applications; the
managers every submitted one. A reviewer sees only their own assignments, and never one whose
application they are in conflict with — that application then does not exist for them.
"""

from django.db.models import Exists, OuterRef, Q

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role

from .models import Application, Assignment, Call, Conflict

MANAGERS = (Role.PROGRAM_DIRECTOR, Role.HUB_STAFF)
READERS = (Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def is_manager(user) -> bool:
    return has_role(user, *MANAGERS)


class CallPolicy(Policy):
    def visible(self, user, queryset):
        if has_role(user, *MANAGERS, *READERS):
            return queryset
        public = Q(visibility=Call.Visibility.PUBLIC)
        if not user.is_authenticated:
            return queryset.filter(public)
        invited = Call.invited.through.objects.filter(user=user).values("call_id")
        pools = Call.objects.filter(reviewer_pool__reviewer=user).values("pk")
        return queryset.filter(public | Q(pk__in=invited) | Q(pk__in=pools))

    def can_view(self, user, call) -> bool:
        if call.visibility == Call.Visibility.PUBLIC or has_role(user, *MANAGERS, *READERS):
            return True
        return user.is_authenticated and (
            call.invited.filter(pk=user.pk).exists()
            or call.reviewer_pool.filter(reviewer=user).exists()
        )

    def can_apply(self, user, call) -> bool:
        if not user.is_authenticated:
            return False
        if call.visibility == Call.Visibility.PUBLIC:
            return True
        return call.invited.filter(pk=user.pk).exists()

    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, call) -> bool:
        return is_manager(user)


class ApplicationPolicy(Policy):
    def visible(self, user, queryset):
        if not user.is_authenticated:
            return queryset.none()
        own = Q(applicant=user)
        if is_manager(user):
            return queryset.filter(own | ~Q(status=Application.Status.DRAFT))
        return queryset.filter(own)

    def can_view(self, user, application) -> bool:
        if not user.is_authenticated:
            return False
        if application.applicant_id == user.pk:
            return True
        return is_manager(user) and application.status != Application.Status.DRAFT

    def can_create(self, user) -> bool:
        return user.is_authenticated

    def can_change(self, user, application) -> bool:
        return (
            user.is_authenticated
            and application.applicant_id == user.pk
            and application.status == Application.Status.DRAFT
        )

    def can_decide(self, user, application) -> bool:
        return is_manager(user) and application.applicant_id != user.pk


def unconflicted(user):
    """Assignments of the user whose application they are not in conflict with."""
    conflicted = Conflict.objects.filter(application=OuterRef("application_id"), reviewer=user)
    return Q(reviewer=user) & ~Q(Exists(conflicted))


class AssignmentPolicy(Policy):
    """A reviewer's own assignments (never a conflicted one, never a withdrawn application);
    managers see them all."""

    hidden_statuses = (Application.Status.DRAFT, Application.Status.WITHDRAWN)

    def visible(self, user, queryset):
        if not user.is_authenticated:
            return queryset.none()
        if is_manager(user):
            return queryset
        return queryset.filter(unconflicted(user)).exclude(
            application__status__in=self.hidden_statuses
        )

    def can_view(self, user, assignment) -> bool:
        if not user.is_authenticated:
            return False
        if is_manager(user):
            return True
        return self.visible(user, Assignment.objects.filter(pk=assignment.pk)).exists()

    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, assignment) -> bool:
        return is_manager(user)


class ReviewPolicy(Policy):
    """A review is its reviewer's (while the application is undecided); managers read all."""

    def visible(self, user, queryset):
        if not user.is_authenticated:
            return queryset.none()
        if is_manager(user):
            return queryset
        mine = Assignment.objects.filter(unconflicted(user)).values("pk")
        return queryset.filter(assignment__in=mine)

    def can_view(self, user, review) -> bool:
        if not user.is_authenticated:
            return False
        return (
            is_manager(user)
            or assignment_policy.can_view(user, review.assignment)
            and (review.assignment.reviewer_id == user.pk)
        )

    def can_create(self, user) -> bool:
        return user.is_authenticated

    def can_change(self, user, review) -> bool:
        assignment = review.assignment
        return (
            user.is_authenticated
            and assignment.reviewer_id == user.pk
            and assignment_policy.can_view(user, assignment)
            and not assignment.application.is_decided
        )


class CohortPolicy(Policy):
    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, cohort) -> bool:
        return is_manager(user)


call_policy = CallPolicy()
application_policy = ApplicationPolicy()
assignment_policy = AssignmentPolicy()
review_policy = ReviewPolicy()
cohort_policy = CohortPolicy()
