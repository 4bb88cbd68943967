"""What the residency adds to other pages: the visitor's "my stay and desk" panel on their home
and the residents of a research project on its page (each in a fixed number of queries)."""

import datetime

from django.utils.translation import gettext_lazy as _

from nairl.common.dates import week_of
from nairl.common.menu import MenuEntry, main_menu, signed_in
from nairl.common.registries import Section, home_panels, project_sections
from nairl.common.roles import Role, has_role
from nairl.research.policies import project_policy

from .domain.calendar import hub_today
from .domain.occupancy import arrivals_and_departures
from .models import ChecklistItem, DeskBooking, Stay, StayStatus
from .models.bookings import HOLDING
from .models.stays import ACTIVE_STATUSES
from .policies import report_policy

WEEK = datetime.timedelta(days=6)
SHOWN_RESIDENTS = 30


def my_stay(request, subject=None):
    """The signed-in visitor's current or next stay, their desks this week and their open
    checklist items; hidden for someone with no stay ahead."""
    user = request.user
    today = hub_today()
    stay = (
        Stay.objects.filter(visitor__user=user, status__in=ACTIVE_STATUSES, end__gte=today)
        .select_related("host", "home_institution", "project")
        .order_by("start", "id")
        .first()
    )
    if stay is None:
        return None
    desks = (
        DeskBooking.objects.filter(stay=stay, status__in=HOLDING, day__range=(today, today + WEEK))
        .select_related("desk__room__floor")
        .order_by("day")
    )
    todo = ChecklistItem.objects.filter(
        stay=stay, owner=user, state=ChecklistItem.State.OPEN
    ).order_by("due")
    return {"my_stay": stay, "my_desks": list(desks), "my_todo": list(todo), "today": today}


def project_residents(request, project):
    """Visiting researchers staying for the project now or soon: for the project's members and
    hub staff (stays are personal)."""
    user = request.user
    if not (has_role(user, Role.HUB_STAFF) or project_policy.can_see_members_only(user, project)):
        return None
    stays = (
        Stay.objects.filter(project=project, end__gte=hub_today())
        .exclude(status=StayStatus.CANCELLED)
        .select_related("visitor", "host", "home_institution")
        .order_by("start", "id")
    )
    return {"residents": list(stays[:SHOWN_RESIDENTS])}


def arriving_this_week(request, subject=None):
    """For hub staff: the stays that start this week (Monday to Sunday, hub time)."""
    if not report_policy.can_view_people(request.user):
        return None
    monday, _sunday = week_of(hub_today())
    arriving, _leaving = arrivals_and_departures(monday)
    return {"arriving": list(arriving[:SHOWN_RESIDENTS])}


def residency_page(user) -> str:
    """Staff land on the dashboard; everyone else on their own stays."""
    return "residency:dashboard" if report_policy.can_view_people(user) else "residency:stays"


def register() -> None:
    home_panels.register(
        Section(
            name="residency-arriving",
            title=_("Stays starting this week"),
            template="residency/_home_arriving.html",
            context=arriving_this_week,
            order=7,
            see_all="residency:arrivals",
        )
    )
    main_menu.register(MenuEntry("residency", _("Residency"), residency_page, signed_in, order=50))
    home_panels.register(
        Section(
            name="residency-my-stay",
            title=_("My stay and desk"),
            template="residency/_home_my_stay.html",
            context=my_stay,
            order=10,
        )
    )
    project_sections.register(
        Section(
            name="residency-residents",
            title=_("Residents staying for it"),
            template="residency/_project_residents.html",
            context=project_residents,
            order=40,
        )
    )
