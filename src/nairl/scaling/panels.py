"""What the scaling workbench adds to the personal home ("my studies and running fits") and to
the menu."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from nairl.common.jobs import JobStatus
from nairl.common.menu import MenuEntry, everyone, main_menu
from nairl.common.registries import Section, home_panels

from .models import Study
from .policies import study_policy

SHOWN = 10
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def my_studies(request, subject=None):
    """Studies the user owns or is a member of, with their fits queued or running."""
    user = request.user
    if not user.is_authenticated:
        return None
    studies = list(
        Study.objects.filter(study_policy.editable_filter(user))
        .annotate(running=Count("fits", filter=Q(fits__status__in=ACTIVE)))
        .order_by("-updated_at", "-id")[:SHOWN]
    )
    return {"studies": studies} if studies else None


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
    main_menu.register(
        MenuEntry("scaling", _("Scaling laws"), "scaling:studies", everyone, order=70)
    )
