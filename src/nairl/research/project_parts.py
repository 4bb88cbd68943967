"""Pages of a part of a project (a membership, a milestone): the project is named above the
form, and adding one is for those who may change that project (`policy.can_create_in`)."""

from nairl.common.pages import visible_or_404

from .models import Project
from .policies import project_policy


class ProjectPartForms:
    def get_extra_context(self, request, **context):
        return {"project": self.project}


class ProjectPartCreate(ProjectPartForms):
    """The project comes from the URL (`pk`); a hidden one is a 404."""

    def may_create(self, request):
        self.project = visible_or_404(
            project_policy,
            request.user,
            Project.objects.select_related("principal_investigator"),
            pk=self.kwargs["pk"],
        )
        return self.policy.can_create_in(request.user, self.project)

    def new_object(self, request):
        return self.model(project=self.project)


class ProjectPartEdit(ProjectPartForms):
    def get_object(self, request, pk):
        part = super().get_object(request, pk)
        self.project = part.project
        return part
