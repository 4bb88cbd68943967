from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nairl.common.pagination import InvalidCursor, keyset_page

from .domain.jobs import start
from .domain.presenting import (
    comparison_verdict,
    failure_text,
    plots_for_reader,
    prediction_rows,
    steepness_tables,
    steepness_verdict,
)
from .domain.runs import RunsRefused, import_runs_file
from .domain.serving import allocates
from .forms import ComparisonForm, FitForm, ServingForm, SteepnessForm, StudyForm, UploadForm
from .models import Comparison, Fit, Job, Program, Study
from .policies import part_policy, study_policy

PAGE_SIZE = 50


def page_or_first(request, queryset, key_field, descending=False, size=PAGE_SIZE):
    try:
        return keyset_page(
            queryset, key_field, request.GET.get("cursor"), size=size, descending=descending
        )
    except InvalidCursor:
        messages.error(request, _("That page link is no longer valid; showing the first page."))
        return keyset_page(queryset, key_field, None, size=size, descending=descending)


def visible_study(request, pk, queryset=None):
    study = get_object_or_404(queryset if queryset is not None else Study.objects.all(), pk=pk)
    if not study_policy.can_view(request.user, study):
        raise Http404  # a private study's existence is not revealed
    return study


def editable_study(request, pk):
    study = visible_study(request, pk, Study.objects.prefetch_related("members"))
    if not study_policy.can_change(request.user, study):
        raise PermissionDenied
    return study


def job_list(model, study_ids=None):
    jobs = model.objects.defer(*model.HEAVY).select_related("study", "created_by")
    return jobs if study_ids is None else jobs.filter(study__in=study_ids)


@require_GET
def study_list(request):
    studies = study_policy.visible(request.user, Study.objects.select_related("owner"))
    program = request.GET.get("program", "")
    if program in Program.values:
        studies = studies.filter(program=program)
    studies = studies.annotate(
        run_count=Count("runs", distinct=True), fit_count=Count("fits", distinct=True)
    )
    page = page_or_first(request, studies, "created_at", descending=True)
    return render(
        request,
        "scaling/study_list.html",
        {
            "page": page,
            "programs": Program.choices,
            "program": program,
            "can_create": study_policy.can_create(request.user),
        },
    )


def study_detail(request, pk):
    study = visible_study(
        request, pk, Study.objects.select_related("owner").prefetch_related("members")
    )
    groups = list(study.runs.values("group").annotate(count=Count("id")).order_by("group"))
    return render(
        request,
        "scaling/study_detail.html",
        {
            "study": study,
            "groups": groups,
            "fits": job_list(Fit).filter(study=study)[:PAGE_SIZE],
            "comparisons": job_list(Comparison).filter(study=study)[:PAGE_SIZE],
            "can_edit": study_policy.can_change(request.user, study),
        },
    )


@login_required
def study_create(request):
    if not study_policy.can_create(request.user):
        raise PermissionDenied
    form = StudyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        with transaction.atomic():
            study = form.save()
        messages.success(request, _("Study created. Add its training runs next."))
        return redirect(study)
    return render(
        request, "scaling/study_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def study_edit(request, pk):
    study = editable_study(request, pk)
    form = StudyForm(
        posted(request),
        instance=study,
        can_manage_members=study_policy.can_manage_members(request.user, study),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Saved."))
        return redirect(study)
    return render(
        request,
        "scaling/study_form.html",
        {"form": form, "object": study},
        status=400 if form.errors else 200,
    )


@require_GET
def run_list(request, pk):
    study = visible_study(request, pk)
    runs = study.runs.all()
    group = request.GET.get("group", "")
    if group:
        runs = runs.filter(group=group)
    page = page_or_first(request, runs, "id", size=100)
    return render(request, "scaling/run_list.html", {"study": study, "page": page, "group": group})


@login_required
def upload_runs(request, pk):
    study = editable_study(request, pk)
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_runs_file(study, upload.name, upload.read())
        except RunsRefused as refusal:
            report = refusal.report
    status = 400 if form.errors or (report and report.errors) else 200
    return render(
        request,
        "scaling/upload.html",
        {"study": study, "form": form, "report": report},
        status=status,
    )


def posted(request):
    """The submitted data for a POST (even an empty one, which must fail validation), else None."""
    return request.POST if request.method == "POST" else None


def study_groups(study) -> list[str]:
    return list(study.runs.order_by("group").values_list("group", flat=True).distinct())


JOB_FORMS = {
    "fit": (FitForm, Fit, {}),
    "comparison": (ComparisonForm, Comparison, {}),
    "steepness": (SteepnessForm, Comparison, {"kind": Comparison.Kind.STEEPNESS}),
}


@login_required
def job_create(request, pk, kind):
    """A new fit, comparison or learning-curve check (a comparison of kind steepness)."""
    study = editable_study(request, pk)
    form_class, model, fields = JOB_FORMS[kind]
    groups = study_groups(study)
    if not groups:
        messages.error(request, _("Add training runs to the study first."))
        return redirect("scaling:upload", study.pk)
    initial = {}
    if model is Comparison and len(groups) > 1:
        baseline = "baseline" if "baseline" in groups else groups[0]
        initial = {
            "baseline_group": baseline,
            "method_group": next(g for g in groups if g != baseline),
        }
    form = form_class(
        posted(request),
        groups=groups,
        initial=initial,
        instance=model(study=study, created_by=request.user, **fields),
    )
    if request.method == "POST" and form.is_valid():
        job = start(form.save(commit=False))
        messages.success(request, _("The job was queued; this page shows its result when done."))
        return redirect(job)
    return render(
        request,
        "scaling/job_form.html",
        {"study": study, "form": form, "kind": kind},
        status=400 if form.errors else 200,
    )


def job_context(request, pk, model) -> dict:
    job = get_object_or_404(model.objects.select_related("study", "created_by"), pk=pk)
    if not part_policy.can_view(request.user, job):
        raise Http404
    context = {
        "job": job,
        "study": job.study,
        "plots": plots_for_reader(job.plots),
        "result": job.result,
        "failure": failure_text(job) if job.status == Job.Status.FAILED else None,
    }
    if model is Comparison and job.status == Job.Status.DONE:
        if job.is_steepness:
            context.update(steepness_tables(job.result), verdict=steepness_verdict(job.result))
        else:
            context["verdict"] = comparison_verdict(job.result)
    return context


@require_GET
def fit_detail(request, pk):
    """A fit's result; for laws in N and D also a question to it (GET, nothing saved): which
    model to train for a loss when it will also serve T tokens."""
    context = job_context(request, pk, Fit)
    job, status = context["job"], 200
    context["predictions"] = prediction_rows(job.result)
    if job.status == Job.Status.DONE and allocates(job.result):
        form = context["serving_form"] = ServingForm.from_query(request.GET, job.result)
        if form.is_bound and not form.is_valid():
            status = 400
        context["serving"] = form.plan
    return render(request, "scaling/fit_detail.html", context, status=status)


@require_GET
def comparison_detail(request, pk):
    return render(request, "scaling/comparison_detail.html", job_context(request, pk, Comparison))


@require_GET
def job_index(request, kind):
    """All fits (or comparisons) the viewer may see, newest first."""
    model = {"fit": Fit, "comparison": Comparison}[kind]
    jobs = part_policy.visible(request.user, job_list(model))
    page = page_or_first(request, jobs, "created_at", descending=True)
    return render(request, "scaling/job_list.html", {"page": page, "kind": kind})
