"""The personal home's research panels: "my projects" and "my recent outputs" (one query each)."""

from django.utils.translation import gettext_lazy as _

from nairl.common.registries import Section, home_panels

from .models import Output, Project
from .policies import member_filter

SHOWN = 10


def my_projects(request, subject=None):
    if not request.user.is_authenticated:
        return None
    projects = list(
        Project.objects.filter(member_filter(request.user))
        .select_related("program")
        .order_by("sort_title", "id")[:SHOWN]
    )
    return {"projects": projects} if projects else None


def my_outputs(request, subject=None):
    if not request.user.is_authenticated:
        return None
    outputs = list(
        Output.objects.filter(merged_into__isnull=True, authors__person__user=request.user)
        .distinct()
        .order_by("-year", "-id")[:SHOWN]
    )
    return {"outputs": outputs} if outputs else None


def register() -> None:
    home_panels.register(
        Section(
            "research-my-projects",
            _("My projects"),
            "research/_home_projects.html",
            my_projects,
            10,
        )
    )
    home_panels.register(
        Section(
            "research-my-outputs",
            _("My recent outputs"),
            "research/_home_outputs.html",
            my_outputs,
            11,
        )
    )
