"""What seminars add to other pages: the personal home's panels and the project page's section
(each in a fixed number of queries)."""

from django.db.models import Q
from django.utils import timezone

from nairl.research.models import Membership

from ..models import Registration, Talk
from ..policies import talk_policy

PANEL_ROWS = 10


def my_talks(request, subject=None):
    """Talks the signed-in person gives, from the most recent past ones on."""
    user = request.user
    if not user.is_authenticated:
        return None
    since = timezone.now() - timezone.timedelta(days=30)
    talks = list(
        talk_policy.visible(user, Talk.objects.select_related("series"))
        .filter(speaker__user=user, end__gte=since)
        .order_by("start", "id")[:PANEL_ROWS]
    )
    return {"talks": talks} if talks else None


def my_registrations(request, subject=None):
    """The talks to come that the signed-in person registered for."""
    user = request.user
    if not user.is_authenticated:
        return None
    registrations = list(
        Registration.objects.select_related("talk__series")
        .filter(user=user, talk__end__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("talk__start", "id")[:PANEL_ROWS]
    )
    return {"registrations": registrations} if registrations else None


def project_seminars(request, project):
    """Talks given for the project or by the people who work on it."""
    members = Membership.objects.filter(project=project).values("person_id")
    talks = list(
        talk_policy.visible(request.user, Talk.objects.select_related("series", "speaker"))
        .filter(Q(project=project) | Q(speaker__in=members))
        .order_by("-start", "-id")[:PANEL_ROWS]
    )
    return {"talks": talks} if talks else None
