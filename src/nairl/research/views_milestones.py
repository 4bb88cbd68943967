"""The milestone pages: add and edit on a project, complete and reopen (the project page's
milestones section is in panels.py)."""

from django.utils.translation import gettext_lazy

from nairl.common.pages import ObjectCreateView, ObjectEditView

from .domain.milestones import add_milestone, complete_milestone, edit_milestone, reopen_milestone
from .forms_milestones import CompleteMilestoneForm, MilestoneForm, ReopenMilestoneForm
from .models import Milestone
from .policies import milestone_policy
from .project_parts import ProjectPartCreate, ProjectPartEdit


class MilestoneForms:
    model = Milestone
    policy = milestone_policy
    form_class = MilestoneForm
    template_name = "research/milestone_form.html"


class MilestoneCreateView(MilestoneForms, ProjectPartCreate, ObjectCreateView):
    operation = add_milestone
    success_message = gettext_lazy("Milestone added.")

    def operation_arguments(self, request, form):
        return {"project": self.project, **super().operation_arguments(request, form)}


class MilestoneChangeView(MilestoneForms, ProjectPartEdit, ObjectEditView):
    def get_queryset(self):
        return Milestone.objects.select_related("project__principal_investigator", "owner")


class MilestoneEditView(MilestoneChangeView):
    operation = edit_milestone


class MilestoneCompleteView(MilestoneChangeView):
    form_class = CompleteMilestoneForm
    template_name = "research/milestone_complete.html"
    operation = complete_milestone
    success_message = gettext_lazy("Milestone completed.")

    def operation_arguments(self, request, form):
        return {**super().operation_arguments(request, form), "on": form.cleaned_data["on"]}


class MilestoneReopenView(MilestoneChangeView):
    form_class = ReopenMilestoneForm
    template_name = "research/milestone_reopen.html"
    operation = reopen_milestone
    success_message = gettext_lazy("Milestone reopened.")
