"""The workbench's pages: studies, their runs, fits, comparisons and learning-curve checks."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nairl.common.job_pages import JobStartMixin, JobStatusView
from nairl.common.pages import (
    PAGE_SIZE,
    ImportView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    visible_or_404,
)
from nairl.research.links import visible_project

from .domain.jobs import start_analysis
from .domain.presenting import (
    comparison_verdict,
    failure_text,
    multiplier_report,
    plots_for_reader,
    prediction_rows,
    steepness_tables,
    steepness_verdict,
)
from .domain.runs import import_runs_file
from .domain.serving import allocates
from .domain.studies import create_study, update_study
from .filters import ComparisonFilter, FitFilter, RunFilter, StudyFilter
from .forms import ComparisonForm, FitForm, ServingForm, SteepnessForm, StudyForm, UploadForm
from .models import Comparison, Fit, Job, Run, Study
from .policies import part_policy, study_policy


def job_list(model):
    """Fits or comparisons as a list shows them (their big result columns left in the database)."""
    return model.objects.defer(*model.HEAVY).select_related("study", "created_by")


class StudyListView(ObjectListView):
    model = Study
    policy = study_policy
    filterset_class = StudyFilter
    template_name = "scaling/study_list.html"
    key_field = "created_at"
    descending = True

    def get_queryset(self):
        return Study.objects.select_related("owner").annotate(
            run_count=Count("runs", distinct=True), fit_count=Count("fits", distinct=True)
        )


class StudyDetailView(ObjectDetailView):
    model = Study
    policy = study_policy
    template_name = "scaling/study_detail.html"
    context_object_name = "study"

    def get_queryset(self):
        return Study.objects.select_related("owner").prefetch_related("members")

    def get_extra_context(self, request, *, study, **context):
        return {
            "project": visible_project(request.user, study.project_id),
            "groups": list(
                study.runs.values("group").annotate(count=Count("id")).order_by("group")
            ),
            "fits": job_list(Fit).filter(study=study)[:PAGE_SIZE],
            "comparisons": job_list(Comparison).filter(study=study)[:PAGE_SIZE],
        }


class StudyForms:
    model = Study
    policy = study_policy
    form_class = StudyForm
    template_name = "scaling/study_form.html"

    def get_form_kwargs(self, request, instance):
        return {"user": request.user}

    def operation_arguments(self, request, form):
        return {
            "study": form.instance,
            "members": form.cleaned_data.get("members"),
            "by": request.user,
        }


class StudyCreateView(StudyForms, ObjectCreateView):
    operation = create_study
    success_message = gettext_lazy("Study created. Add its training runs next.")


class StudyEditView(StudyForms, ObjectEditView):
    operation = update_study

    def get_queryset(self):
        return Study.objects.prefetch_related("members")

    def get_form_kwargs(self, request, instance):
        return {
            **super().get_form_kwargs(request, instance),
            "can_manage_members": study_policy.can_manage_members(request.user, instance),
        }


class StudyPartMixin:
    """Pages of one study's parts: the study (visible, or a 404) is `self.study`."""

    editing = False

    def load_study(self, request):
        self.study = visible_or_404(study_policy, request.user, Study.objects, pk=self.kwargs["pk"])
        return self.study

    def get_extra_context(self, request, **context):
        return {"study": self.study}


class RunListView(StudyPartMixin, ObjectListView):
    model = Run
    policy = part_policy
    filterset_class = RunFilter
    template_name = "scaling/run_list.html"
    key_field = "id"
    page_size = 100

    def get(self, request, **kwargs):
        self.kwargs = kwargs
        self.load_study(request)
        return super().get(request, **kwargs)

    def get_queryset(self):
        return self.study.runs.all()

    def get_extra_context(self, request, **context):
        return {"study": self.study, "group": request.GET.get("group", "")}


class RunUploadView(StudyPartMixin, ImportView):
    policy = part_policy
    form_class = UploadForm
    template_name = "scaling/upload.html"

    def may_import(self, request) -> bool:
        return part_policy.can_create_in(request.user, self.load_study(request))

    def run_import(self, request, form):
        upload = form.cleaned_data["file"]
        return import_runs_file(study=self.study, filename=upload.name, source=upload)

    def headline(self, report):
        if report.problems:
            count = len(report.problems)
            return ngettext(
                "%(count)d problem found; no runs were added.",
                "%(count)d problems found; no runs were added.",
                count,
            ) % {"count": count}
        return ngettext("%(count)d run added.", "%(count)d runs added.", report.created) % {
            "count": report.created
        }


class JobCreateView(JobStartMixin, StudyPartMixin, ObjectCreateView):
    """A new fit, comparison or learning-curve check (a comparison of kind steepness) of the
    study's runs, started in the background."""

    policy = part_policy
    template_name = "scaling/job_form.html"
    kind = ""
    operation = start_analysis
    object_argument = "job"
    FORMS = {
        "fit": (FitForm, Fit, {}),
        "comparison": (ComparisonForm, Comparison, {}),
        "steepness": (SteepnessForm, Comparison, {"kind": Comparison.Kind.STEEPNESS}),
    }

    def may_create(self, request) -> bool:
        return part_policy.can_create_in(request.user, self.load_study(request))

    def get(self, request, kind, **kwargs):
        self.kind = kind
        self.form_class, self.model, self.fields = self.FORMS[kind]
        self.groups = list(
            self.study.runs.order_by("group").values_list("group", flat=True).distinct()
        )
        if not self.groups:
            messages.error(request, _("Add training runs to the study first."))
            return redirect("scaling:upload", self.study.pk)
        return super().get(request, **kwargs)

    post = get

    def new_object(self, request):
        return self.model(study=self.study, created_by=request.user, **self.fields)

    def get_form_kwargs(self, request, instance):
        initial = {}
        if self.model is Comparison and len(self.groups) > 1:
            baseline = "baseline" if "baseline" in self.groups else self.groups[0]
            method = next(group for group in self.groups if group != baseline)
            initial = {"baseline_group": baseline, "method_group": method}
        return {"groups": self.groups, "initial": initial}

    def get_extra_context(self, request, **context):
        return {"study": self.study, "kind": self.kind}


class JobListView(ObjectListView):
    """All fits (or comparisons) the viewer may see, newest first."""

    policy = part_policy
    template_name = "scaling/job_list.html"
    key_field = "created_at"
    descending = True
    kind = ""

    def get_queryset(self):
        return job_list(self.model)

    def get_extra_context(self, request, **context):
        return {"kind": self.kind}


class FitListView(JobListView):
    model = Fit
    filterset_class = FitFilter
    kind = "fit"


class ComparisonListView(JobListView):
    model = Comparison
    filterset_class = ComparisonFilter
    kind = "comparison"


class JobDetailView(ObjectDetailView):
    policy = part_policy
    context_object_name = "job"

    def get_queryset(self):
        return self.model.objects.select_related("study", "created_by")

    def get_extra_context(self, request, *, job, **context):
        extra = {
            "study": job.study,
            "plots": plots_for_reader(job.plots),
            "result": job.result,
            "failure": failure_text(job) if job.status == Job.Status.FAILED else None,
        }
        if isinstance(job, Comparison) and job.status == Job.Status.DONE:
            if job.is_steepness:
                extra.update(steepness_tables(job.result), verdict=steepness_verdict(job.result))
            else:
                extra["verdict"] = comparison_verdict(job.result)
                extra["multiplier"] = multiplier_report(job.result)
        return extra


class FitDetailView(JobDetailView):
    """A fit's result; for laws in N and D also a question to it (GET, nothing saved): which
    model to train for a loss when it will also serve T tokens."""

    model = Fit
    template_name = "scaling/fit_detail.html"

    def get_extra_context(self, request, *, job, **context):
        extra = super().get_extra_context(request, job=job, **context)
        extra["predictions"] = prediction_rows(job.result)
        if job.status == Job.Status.DONE and allocates(job.result):
            form = extra["serving_form"] = ServingForm.from_query(request.GET, job.result)
            self.question_refused = form.is_bound and not form.is_valid()
            extra["serving"] = form.plan
        return extra

    def render(self, request, context, status=200):
        self.question_refused = False
        response = super().render(request, context, status)
        if self.question_refused:
            response.status_code = 400
        return response


class ComparisonDetailView(JobDetailView):
    model = Comparison
    template_name = "scaling/comparison_detail.html"


class FitStatusView(JobStatusView):
    model = Fit
    policy = part_policy

    def get_queryset(self):
        return self.model.objects.defer(*self.model.HEAVY).select_related("study")


class ComparisonStatusView(FitStatusView):
    model = Comparison
