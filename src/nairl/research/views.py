"""The research pages: programs, projects and their members."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from nairl.common.pages import (
    PAGE_SIZE,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    visible_or_404,
)
from nairl.common.registries import project_sections

from .domain.projects import add_member, create_project, update_member, update_project
from .filters import ProgramFilter, ProjectFilter
from .forms import MembershipForm, ProjectForm
from .models import Membership, Program, Project
from .policies import membership_policy, program_policy, project_policy


class ProgramListView(ObjectListView):
    model = Program
    policy = program_policy
    filterset_class = ProgramFilter
    template_name = "research/program_list.html"
    key_field = "code"

    def get_queryset(self):
        return Program.objects.select_related("director")

    def get_extra_context(self, request, page=None, **context):
        if page is None:
            return {}
        visible = project_policy.visible(request.user, Project.objects.all())
        counts = dict(
            visible.filter(program__in=[program.pk for program in page.items])
            .values_list("program")
            .annotate(count=Count("id"))
        )
        for program in page.items:
            program.project_count = counts.get(program.pk, 0)
        return {}


class ProgramDetailView(ObjectDetailView):
    model = Program
    policy = program_policy
    template_name = "research/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.select_related("director")

    def get_extra_context(self, request, *, program, **context):
        projects = project_policy.visible(
            request.user, program.projects.select_related("principal_investigator")
        )
        return {"projects": projects[:PAGE_SIZE], "project_count": projects.count()}


class ProjectListView(ObjectListView):
    model = Project
    policy = project_policy
    filterset_class = ProjectFilter
    template_name = "research/project_list.html"
    key_field = "sort_title"

    def get_queryset(self):
        today = datetime.date.today()
        current = Q(memberships__start__lte=today) & (
            Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
        )
        return Project.objects.select_related("program", "principal_investigator").annotate(
            member_count=Count("memberships", filter=current)
        )


def project_page_queryset():
    return Project.objects.select_related("program", "principal_investigator").prefetch_related(
        "keywords", "partners"
    )


class ProjectDetailView(ObjectDetailView):
    model = Project
    policy = project_policy
    template_name = "research/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return project_page_queryset()

    def get_extra_context(self, request, *, project, **context):
        memberships = membership_policy.visible(
            request.user,
            project.memberships.select_related("person", "institution"),
        ).order_by("-end", "start", "id")
        return {
            "memberships": memberships,
            "members_only": project_policy.can_see_members_only(request.user, project),
            "sections": project_sections.sections_for(request, project),
        }


class ProjectForms:
    model = Project
    policy = project_policy
    form_class = ProjectForm
    template_name = "research/project_form.html"

    def operation_arguments(self, request, form):
        return {
            "project": form.instance,
            "partners": form.cleaned_data["partners"],
            "keywords": form.cleaned_data["keywords"],
            "by": request.user,
        }


class ProjectCreateView(ProjectForms, ObjectCreateView):
    operation = create_project
    success_message = gettext_lazy("Project created. Add its members next.")


class ProjectEditView(ProjectForms, ObjectEditView):
    operation = update_project

    def get_queryset(self):
        return project_page_queryset()


class MembershipForms:
    model = Membership
    policy = membership_policy
    form_class = MembershipForm
    template_name = "research/membership_form.html"

    def success_url(self, saved):
        return saved.project.get_absolute_url()

    def get_extra_context(self, request, **context):
        return {"project": self.project}


class MembershipCreateView(MembershipForms, ObjectCreateView):
    operation = add_member
    success_message = gettext_lazy("Member added.")

    def may_create(self, request):
        self.project = visible_or_404(
            project_policy,
            request.user,
            Project.objects.select_related("principal_investigator"),
            pk=self.kwargs["pk"],
        )
        return membership_policy.can_create_in(request.user, self.project)

    def new_object(self, request):
        return Membership(project=self.project)


class MembershipEditView(MembershipForms, ObjectEditView):
    operation = update_member

    def get_queryset(self):
        return Membership.objects.select_related(
            "project__principal_investigator", "person", "institution"
        )

    def get_object(self, request, pk):
        membership = super().get_object(request, pk)
        self.project = membership.project
        return membership
