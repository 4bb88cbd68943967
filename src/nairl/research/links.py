"""Links to a research project from other modules' objects (a scaling study, a robot team): the
form field and the API field offer only the projects the user may see, so a hidden project
reads exactly like one that does not exist."""

from nairl.common.api import VisibleRelatedField

from .models import Project
from .policies import project_policy


def offer_visible_projects(form, user, name: str = "project") -> None:
    """Limits the form's project choices to those the user may see. An object already linked to
    a project the user cannot see keeps its link, and the form leaves it out (neither its title
    shown nor a way to undo what someone who may see it did)."""
    visible = project_policy.visible(user, Project.objects.all())
    current = getattr(form.instance, f"{name}_id", None)
    if current is not None and not visible.filter(pk=current).exists():
        del form.fields[name]
        return
    form.fields[name].queryset = visible.only("id", "title_ko", "title_en", "sort_title")


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
