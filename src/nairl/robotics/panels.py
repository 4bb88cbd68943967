"""What robot evaluation adds to the personal home ("my teams' evaluations") and to the menu."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels

from .models import Evaluation
from .policies import team_ids_of

SHOWN = 10


def my_team_evaluations(request, subject=None):
    """The latest evaluations of the policies of the user's teams: running first, then recent."""
    teams = team_ids_of(request.user)
    if not teams:
        return None
    evaluations = list(
        Evaluation.objects.filter(policy__team_id__in=teams)
        .select_related("policy")
        .defer(*Evaluation.LIST_DEFERRED)
        .order_by(F("finished_at").desc(nulls_first=True), "-created_at", "-id")[:SHOWN]
    )
    return {"evaluations": evaluations} if evaluations else None


def register() -> None:
    home_panels.register(
        Section(
            "robotics-team-evaluations",
            _("My teams' evaluations"),
            "robotics/_home_evaluations.html",
            my_team_evaluations,
            35,
            see_all="robotics:evaluations",
        )
    )
    main_menu.register(
        MenuEntry("robotics", _("Robot evaluation"), "robotics:index", everyone, order=60)
    )
