"""What robot evaluation adds to the personal home ("my teams' evaluations"), to a research
project's page (its teams' evaluations) and to the menu."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels, project_sections

from .models import Evaluation
from .policies import evaluation_policy, team_ids_of

SHOWN = 10


def latest(evaluations) -> dict | None:
    """The latest evaluations, running first, then recent (one query), or None."""
    shown = list(
        evaluations.select_related("policy")
        .defer(*Evaluation.LIST_DEFERRED)
        .order_by(F("finished_at").desc(nulls_first=True), "-created_at", "-id")[:SHOWN]
    )
    return {"evaluations": shown} if shown else None


def my_team_evaluations(request, subject=None):
    """The latest evaluations of the policies of the user's teams."""
    teams = team_ids_of(request.user)
    if not teams:
        return None
    return latest(Evaluation.objects.filter(policy__team_id__in=teams))


def project_evaluations(request, project):
    """Evaluations of the policies of the project's teams that the viewer may see (a private
    policy's stay with its team)."""
    return latest(
        evaluation_policy.visible(
            request.user, Evaluation.objects.filter(policy__team__project=project)
        )
    )


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
    project_sections.register(
        Section(
            "robotics-project-evaluations",
            _("Robot evaluations"),
            "robotics/_home_evaluations.html",
            project_evaluations,
            55,
        )
    )
    main_menu.register(
        MenuEntry("robotics", _("Robot evaluation"), "robotics:index", everyone, order=60)
    )
