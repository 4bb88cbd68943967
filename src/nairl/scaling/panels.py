"""What the scaling workbench adds to the personal home ("my studies and running fits"), to a
research project's page (its studies) and to the menu."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from nairl.common.jobs import JobStatus
from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels, project_sections

from .models import Study
from .policies import study_policy

SHOWN = 10
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def with_running_fits(studies) -> dict | None:
    """The latest studies with their count of fits queued or running (one query), or None."""
    shown = list(
        studies.annotate(running=Count("fits", filter=Q(fits__status__in=ACTIVE))).order_by(
            "-updated_at", "-id"
        )[:SHOWN]
    )
    return {"studies": shown} if shown else None


def my_studies(request, subject=None):
    """Studies the user owns or is a member of, with their fits queued or running."""
    user = request.user
    if not user.is_authenticated:
        return None
    return with_running_fits(Study.objects.filter(study_policy.editable_filter(user)))


def project_studies(request, project):
    """The project's studies the viewer may see (a private study stays with its members)."""
    return with_running_fits(study_policy.visible(request.user, project.scaling_studies.all()))


def register() -> None:
    home_panels.register(
        Section(
            "scaling-my-studies",
            _("My studies and running fits"),
            "scaling/_home_studies.html",
            my_studies,
            30,
            see_all="scaling:studies",
        )
    )
    project_sections.register(
        Section(
            "scaling-project-studies",
            _("Scaling-law studies"),
            "scaling/_home_studies.html",
            project_studies,
            50,
        )
    )
    main_menu.register(
        MenuEntry("scaling", _("Scaling laws"), "scaling:studies", everyone, order=70)
    )
