"""The personal home's panels: "my applications", "reviews to do", "calls I run". Each makes a
fixed number of queries."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels

from .models import Application, Assignment, Call, Review
from .policies import assignment_policy, is_manager

SHOWN = 10
AWAITING_DECISION = (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)


def my_applications(request, subject=None):
    if not request.user.is_authenticated:
        return None
    applications = list(
        Application.objects.filter(applicant=request.user)
        .select_related("call")
        .order_by("-created_at", "-id")[:SHOWN]
    )
    return {"applications": applications} if applications else None


def reviews_to_do(request, subject=None):
    if not request.user.is_authenticated:
        return None
    waiting = (
        assignment_policy.visible(request.user, Assignment.objects.filter(reviewer=request.user))
        .filter(application__status=Application.Status.UNDER_REVIEW)
        .filter(Q(review__isnull=True) | ~Q(review__status=Review.Status.SUBMITTED))
    )
    calls = list(
        Call.objects.filter(assignments__in=waiting)
        .annotate(waiting=Count("assignments", filter=Q(assignments__in=waiting)))
        .order_by("review_ends_at", "id")[:SHOWN]
    )
    return {"review_calls": calls} if calls else None


def calls_i_run(request, subject=None):
    if not is_manager(request.user):
        return None
    calls = list(
        Call.objects.filter(run_by=request.user)
        .annotate(
            submitted=Count(
                "applications", filter=~Q(applications__status=Application.Status.DRAFT)
            )
        )
        .order_by("-closes_at", "-id")[:SHOWN]
    )
    return {"run_calls": calls} if calls else None


def decisions_to_make(request, subject=None):
    """For hub staff and directors: calls with applications submitted or under review, i.e.
    still waiting for a decision."""
    if not is_manager(request.user):
        return None
    waiting = Q(applications__status__in=AWAITING_DECISION)
    calls = list(
        Call.objects.annotate(awaiting=Count("applications", filter=waiting))
        .filter(awaiting__gt=0)
        .order_by("review_ends_at", "id")[:SHOWN]
    )
    return {"decision_calls": calls} if calls else None


def register() -> None:
    home_panels.register(
        Section(
            "calls-decisions",
            _("Applications awaiting a decision"),
            "calls/_home_decisions.html",
            decisions_to_make,
            6,
            see_all="calls:list",
        )
    )
    main_menu.register(MenuEntry("calls", _("Calls"), "calls:list", everyone, order=40))
    home_panels.register(
        Section(
            "calls-my-applications",
            _("My applications"),
            "calls/_home_applications.html",
            my_applications,
            20,
        )
    )
    home_panels.register(
        Section(
            "calls-reviews-to-do", _("Reviews to do"), "calls/_home_reviews.html", reviews_to_do, 21
        )
    )
    home_panels.register(
        Section("calls-i-run", _("Calls I run"), "calls/_home_calls.html", calls_i_run, 22)
    )
