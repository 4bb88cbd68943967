"""The milestone pages: add and edit on a project, complete and reopen; the project page's
milestones section."""

from django.utils.translation import gettext_lazy

from nairl.common.pages import ObjectCreateView, ObjectEditView, visible_or_404

from .domain.milestones import add_milestone, complete_milestone, edit_milestone, reopen_milestone
from .forms_milestones import CompleteMilestoneForm, MilestoneForm, ReopenMilestoneForm
from .models import Milestone, Project
from .policies import milestone_policy, project_policy


class MilestoneForms:
    model = Milestone
    policy = milestone_policy
    form_class = MilestoneForm
    template_name = "research/milestone_form.html"

    def get_form_kwargs(self, request, instance):
        return {"project": self.project}

    def get_extra_context(self, request, **context):
        return {"project": self.project}


class MilestoneCreateView(MilestoneForms, ObjectCreateView):
    operation = add_milestone
    success_message = gettext_lazy("Milestone added.")

    def may_create(self, request):
        self.project = visible_or_404(
            project_policy,
            request.user,
            Project.objects.select_related("principal_investigator"),
            pk=self.kwargs["pk"],
        )
        return milestone_policy.can_create_in(request.user, self.project)

    def new_object(self, request):
        return Milestone(project=self.project)

    def operation_arguments(self, request, form):
        return {"project": self.project, **super().operation_arguments(request, form)}


class MilestoneChangeView(MilestoneForms, ObjectEditView):
    def get_queryset(self):
        return Milestone.objects.select_related("project__principal_investigator", "owner")

    def get_object(self, request, pk):
        milestone = super().get_object(request, pk)
        self.project = milestone.project
        return milestone


class MilestoneEditView(MilestoneChangeView):
    operation = edit_milestone


class MilestoneCompleteView(MilestoneChangeView):
    form_class = CompleteMilestoneForm
    template_name = "research/milestone_complete.html"
    operation = complete_milestone
    success_message = gettext_lazy("Milestone completed.")

    def get_form_kwargs(self, request, instance):
        return {}

    def operation_arguments(self, request, form):
        return {**super().operation_arguments(request, form), "on": form.cleaned_data["on"]}


class MilestoneReopenView(MilestoneChangeView):
    form_class = ReopenMilestoneForm
    template_name = "research/milestone_reopen.html"
    operation = reopen_milestone
    success_message = gettext_lazy("Milestone reopened.")

    def get_form_kwargs(self, request, instance):
        return {}
