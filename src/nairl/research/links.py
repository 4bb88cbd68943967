"""Links to a research project from other modules' objects (a scaling study, a robot team): the
form field and the API field offer only the projects the user may see, so a hidden project
reads exactly like one that does not exist."""

from django.db.models import Q

from nairl.common.api import VisibleRelatedField

from .models import Project
from .policies import project_policy


def offer_visible_projects(form, user, name: str = "project") -> None:
    """Limits the form's project choices to those the user may see, keeping the project the
    object is already linked to (saving an unrelated change must not unlink it)."""
    visible = project_policy.visible(user, Project.objects.all()).values("pk")
    current = getattr(form.instance, f"{name}_id", None)
    form.fields[name].queryset = Project.objects.filter(Q(pk__in=visible) | Q(pk=current)).only(
        "id", "title_ko", "title_en", "sort_title"
    )


def visible_project(user, pk: int | None) -> Project | None:
    """The linked project if the user may see it (one query; none when nothing is linked)."""
    if pk is None:
        return None
    return project_policy.visible(user, Project.objects.filter(pk=pk)).first()


def project_link_field() -> VisibleRelatedField:
    """The API's optional link to a project the requester may see."""
    return VisibleRelatedField(
        policy=project_policy, queryset=Project.objects.all(), required=False, allow_null=True
    )
