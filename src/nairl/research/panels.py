"""What joint research adds to the personal home ("my projects", "my recent outputs",
"milestones due", the programs at a glance for those who direct, fund or account for them), to
the project page (its milestones) and to the menu."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels, project_sections
from nairl.common.roles import Role, has_role

from .models import Milestone, Output, Program, Project
from .policies import member_filter, milestone_policy, project_policy

SHOWN = 10
OVERSEERS = (Role.PROGRAM_DIRECTOR, Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def my_projects(request, subject=None):
    """Projects the user leads or works on now."""
    user = request.user
    if not user.is_authenticated:
        return None
    projects = list(
        Project.objects.filter(member_filter(user))
        .select_related("program")
        .order_by("-start", "-id")[:SHOWN]
    )
    return {"projects": projects} if projects else None


def my_outputs(request, subject=None):
    """The user's latest outputs as an author linked to their directory record."""
    if not request.user.is_authenticated:
        return None
    outputs = list(
        Output.objects.filter(merged_into__isnull=True, authors__person__user=request.user)
        .distinct()
        .order_by("-year", "-id")[:SHOWN]
    )
    return {"outputs": outputs} if outputs else None


def programs_at_a_glance(request, subject=None):
    """Each program's projects by status: what directors steer and funders and finance report
    on (a program directed by the user comes first)."""
    user = request.user
    if not (user.is_authenticated and has_role(user, *OVERSEERS)):
        return None
    by_status = {
        status: Count("projects", filter=Q(projects__status=status))
        for status in Project.Status.values
    }
    programs = list(
        Program.objects.annotate(
            **by_status, mine=Count("pk", filter=Q(director__user=user))
        ).order_by("-mine", "-is_flagship", "code")[:SHOWN]
    )
    return {"programs": programs, "statuses": Project.Status.choices}


# Milestones: the project page's section and the home's "milestones due" (one query each).
DUE_WITHIN = datetime.timedelta(days=30)


def project_milestones(request, project):
    """The project's milestones in due order, overdue ones marked; descriptions for members."""
    milestones = list(project.milestones.select_related("owner"))
    can_edit = milestone_policy.can_create_in(request.user, project)
    if not milestones and not can_edit:
        return None
    return {
        "project": project,
        "milestones": milestones,
        "can_edit": can_edit,
        "members_only": project_policy.can_see_members_only(request.user, project),
    }


def my_milestones_due(request, subject=None):
    """Open milestones the person owns or whose project they lead, overdue or due within 30
    days."""
    if not request.user.is_authenticated:
        return None
    horizon = datetime.date.today() + DUE_WITHIN
    milestones = list(
        Milestone.objects.open()
        .filter(due__lte=horizon)
        .filter(Q(owner__user=request.user) | Q(project__principal_investigator__user=request.user))
        .select_related("project")
        .order_by("due", "id")[:SHOWN]
    )
    return {"milestones": milestones} if milestones else None


def register() -> None:
    home_panels.register(
        Section(
            "research-my-projects",
            _("My projects"),
            "research/_home_projects.html",
            my_projects,
            25,
            see_all="research:projects",
        )
    )
    home_panels.register(
        Section(
            "research-my-outputs",
            _("My recent outputs"),
            "research/_home_outputs.html",
            my_outputs,
            26,
            see_all="research:outputs",
        )
    )
    home_panels.register(
        Section(
            "research-programs",
            _("Programs at a glance"),
            "research/_home_programs.html",
            programs_at_a_glance,
            5,
            see_all="research:programs",
        )
    )
    main_menu.register(
        MenuEntry("research", _("Research"), "research:programs", everyone, order=30)
    )
    project_sections.register(
        Section(
            "research-milestones",
            _("Milestones"),
            "research/_milestones.html",
            project_milestones,
            5,
        )
    )
    home_panels.register(
        Section(
            "research-milestones-due",
            _("Milestones due"),
            "research/_home_milestones.html",
            my_milestones_due,
            12,
        )
    )
