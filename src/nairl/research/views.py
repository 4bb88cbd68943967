"""The research pages: programs, projects and their members."""

import datetime
from collections import defaultdict
from functools import partial

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from nairl.common.imports import ImportRefused
from nairl.common.pages import (
    PAGE_SIZE,
    ImportView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PolicyView,
    add_errors,
)
from nairl.common.registries import project_sections

from .domain.duplicates import candidate_pairs, merge_outputs
from .domain.exporting import EXPORT_FORMATS, export_outputs
from .domain.importing import candidate_people
from .domain.indicators import program_indicators, project_outputs, project_share
from .domain.output_files import import_output_file
from .domain.outputs import create_output, update_output
from .domain.projects import add_member, create_project, update_member, update_project
from .filters import OutputFilter, ProgramFilter, ProjectFilter
from .forms import (
    AuthorReviewForm,
    MembershipForm,
    MergeForm,
    OutputForm,
    OutputImportForm,
    ProjectForm,
)
from .models import Membership, Output, OutputAuthor, Program, Project
from .policies import (
    linkable_projects,
    membership_policy,
    output_policy,
    program_policy,
    project_policy,
)
from .project_parts import ProjectPartCreate, ProjectPartEdit


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
        return {"projects": projects[:PAGE_SIZE], **program_indicators(request.user, program)}


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
        outputs = project_outputs(request.user, project)
        return {
            "memberships": memberships,
            "outputs": outputs.prefetch_related("authors")[:PAGE_SIZE],
            "output_share": project_share(request.user, project),
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


class MembershipCreateView(MembershipForms, ProjectPartCreate, ObjectCreateView):
    operation = add_member
    success_message = gettext_lazy("Member added.")


class MembershipEditView(MembershipForms, ProjectPartEdit, ObjectEditView):
    operation = update_member

    def get_queryset(self):
        return Membership.objects.select_related(
            "project__principal_investigator", "person", "institution"
        )


# The columns the list shows (not the search text, the identifiers or the countries).
LISTED_FIELDS = ("id", "title", "venue", "year", "kind", "is_international")
LISTED_AUTHORS = 3


def output_list_queryset():
    """Outputs in use (merged duplicates are reached through the record they were merged into)."""
    return Output.objects.filter(merged_into__isnull=True).only(*LISTED_FIELDS)


def set_author_lines(outputs) -> None:
    """Each output's authors column: its first three names, then "et al." when it has more. One
    query for the page, of the first four authors' names only (the fourth tells there are more),
    and one string per row rather than template tags per author."""
    if not outputs:
        return
    names = defaultdict(list)
    for output_id, name in (
        OutputAuthor.objects.filter(output__in=outputs, position__lte=LISTED_AUTHORS + 1)
        .order_by("output_id", "position")
        .values_list("output_id", "name")
    ):
        names[output_id].append(name)
    more = " " + _("et al.")
    for output in outputs:
        found = names[output.pk]
        line = "; ".join(found[:LISTED_AUTHORS])
        output.author_line = line + more if len(found) > LISTED_AUTHORS else line


class OutputListView(ObjectListView):
    model = Output
    policy = output_policy
    filterset_class = OutputFilter
    template_name = "research/output_list.html"
    key_field = "year"
    descending = True

    def get_queryset(self):
        return output_list_queryset()

    def get_extra_context(self, request, *, page, **context):
        set_author_lines(page.items if page else [])
        return {
            "export_formats": EXPORT_FORMATS,
            "can_merge": output_policy.can_merge(request.user),
        }


@require_GET
def export_output_list(request, file_format):
    """The filtered list as a file (BibTeX, CSL-JSON, CSV, XLSX)."""
    if file_format not in EXPORT_FORMATS:
        raise Http404
    outputs = output_policy.visible(request.user, Output.objects.filter(merged_into__isnull=True))
    found = OutputFilter(request.GET, queryset=outputs, request=request)
    if not found.is_valid():
        return redirect("research:outputs")
    return export_outputs(found.qs.order_by("-year", "-id"), file_format)


class OutputDetailView(ObjectDetailView):
    model = Output
    policy = output_policy
    template_name = "research/output_detail.html"
    context_object_name = "output"

    def get_queryset(self):
        return Output.objects.select_related("merged_into").prefetch_related(
            Prefetch(
                "authors",
                queryset=OutputAuthor.objects.select_related("person", "institution"),
            )
        )

    def get_extra_context(self, request, *, output, **context):
        projects = project_policy.visible(request.user, output.projects.select_related("program"))
        return {"projects": projects}


class OutputForms:
    model = Output
    policy = output_policy
    form_class = OutputForm
    template_name = "research/output_form.html"

    def get_form_kwargs(self, request, instance):
        return {"user": request.user}

    def operation_arguments(self, request, form):
        return {
            "output": form.instance,
            "authors": form.author_rows(),
            "projects": form.cleaned_data["projects"],
            "by": request.user,
        }


class OutputCreateView(OutputForms, ObjectCreateView):
    operation = create_output
    success_message = gettext_lazy("Output added.")


class OutputEditView(OutputForms, ObjectEditView):
    operation = update_output


REVIEW_SALT = "research.output-import-review"
REVIEW_SECONDS = 24 * 3600  # a review left for the next day is read again from the file


class OutputImportView(ImportView):
    """A .bib, CSL-JSON or ORCID record file, imported into the projects the user works on, in
    two steps when some authors have namesakes in the directory: the file is read and checked,
    the importer reviews those names (`AuthorReviewForm`), and only then is anything saved."""

    policy = output_policy
    form_class = OutputImportForm
    template_name = "research/output_import.html"
    review_form = None

    def get(self, request, **kwargs):
        self.form_class = partial(OutputImportForm, user=request.user)
        if request.method == "POST" and "token" in request.POST and self.may_import(request):
            return self.confirm(request)
        return super().get(request, **kwargs)

    post = get

    def run_import(self, request, form):
        raw = form.cleaned_data["file"].read()
        options = {
            "user": request.user.pk,
            "projects": [project.pk for project in form.cleaned_data["projects"]],
            "skip_invalid": form.cleaned_data["skip_invalid"],
        }
        report = self.import_file(request, raw, options, review=True)
        if not report.candidates:
            return self.import_file(request, raw, options, author_choices={})
        # The review reads the same file again: it travels signed, so it cannot be swapped.
        options["text"] = raw.decode("utf-8-sig")
        self.review_form = AuthorReviewForm(
            initial={"token": signing.dumps(options, salt=REVIEW_SALT, compress=True)},
            candidates=candidate_people(report.candidates),
        )
        return report

    def import_file(self, request, raw: bytes, options: dict, **choices):
        return import_output_file(
            source=raw,
            projects=linkable_projects(request.user).filter(pk__in=options["projects"]),
            skip_invalid=options["skip_invalid"],
            by=request.user,
            **choices,
        )

    def confirm(self, request):
        """The reviewed choices: checked against the file's candidates, then the import."""
        try:
            options = signing.loads(request.POST["token"], salt=REVIEW_SALT, max_age=REVIEW_SECONDS)
        except signing.BadSignature:
            options = {}
        if options.get("user") != request.user.pk:
            messages.error(
                request,
                _(
                    "This review is not valid (changed, expired or another user's); "
                    "upload the file again."
                ),
            )
            return self.render(request, {"form": self.form_class()}, status=400)
        raw = options["text"].encode()
        report = None
        try:
            found = self.import_file(request, raw, options, review=True)
            form = AuthorReviewForm(request.POST, candidates=candidate_people(found.candidates))
            if form.is_valid():
                report = self.import_file(
                    request, raw, options, author_choices=form.author_choices()
                )
            else:
                self.review_form = form
        except ImportRefused as refusal:
            report = refusal.report
        context = {"form": self.form_class(), "report": report or found}
        context["report_headline"] = self.headline(context["report"])
        failed = self.review_form is not None or bool(context["report"].problems)
        return self.render(request, context, status=400 if failed else 200)

    def headline(self, report):
        if self.review_form is not None and not report.problems:
            return _("Check the authors below, then confirm: nothing has been imported yet.")
        return super().headline(report)

    def get_extra_context(self, request, **context):
        return {**super().get_extra_context(request, **context), "review_form": self.review_form}


class DuplicateOutputsView(PolicyView):
    """Outputs that look like one work, for the managers to merge (the duplicate is kept, marked
    as merged, and its history stays in the audit trail)."""

    policy = output_policy
    template_name = "research/output_duplicates.html"
    login_required = True

    def check_access(self, request):
        if request.user.is_authenticated and not output_policy.can_merge(request.user):
            raise PermissionDenied

    def get(self, request, **kwargs):
        return self.render(request, {"pairs": candidate_pairs(), "form": MergeForm()})

    def post(self, request, **kwargs):
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    kept = merge_outputs(
                        duplicate=form.cleaned_data["duplicate"],
                        into=form.cleaned_data["kept"],
                        by=request.user,
                    )
            except ValidationError as refusal:
                add_errors(form, refusal)
            else:
                messages.success(request, _("Merged into “%(title)s”.") % {"title": kept.title})
                return redirect("research:output-duplicates")
        context = {"pairs": candidate_pairs(), "form": form}
        return self.render(request, context, status=400)
