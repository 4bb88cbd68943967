"""The calls pages: calls, applying, reviewing, assignment, ranking and decisions, cohorts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nairl.common import private_files
from nairl.common.models import AuditEntry
from nairl.common.pages import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    posted,
    visible_or_404,
)

from . import forms
from .blind import identity_terms, redact
from .domain import applications as verbs
from .domain.answers import ATTACHMENTS
from .domain.assignment import assign_by_hand, invite_reviewer, reviewer_loads, start_assignment
from .domain.calls import save_call, save_criterion, save_question
from .domain.cohorts import form_cohort
from .domain.conflicts import check_candidate, declare_conflict
from .domain.exporting import ranking_file
from .domain.ranking import ORDERS, rank_call
from .domain.refusals import refuse
from .domain.reviews import save_review
from .filetypes import FILE_TYPES, scrub
from .filters import ApplicationFilter, AssignmentFilter, CallFilter, CohortFilter
from .models import (
    Application,
    Assignment,
    AssignmentRun,
    Attachment,
    Call,
    CallReviewer,
    Cohort,
    CohortMember,
    Conflict,
    Criterion,
    Question,
    Review,
)
from .policies import (
    application_policy,
    assignment_policy,
    call_policy,
    cohort_policy,
    is_manager,
)

RANKING_PAGE = 100


def managed_call(request, pk) -> Call:
    """A call the signed-in manager runs (404 if hidden, 403 if not a manager)."""
    call = visible_or_404(call_policy, request.user, Call.objects.select_related("program"), pk=pk)
    if not call_policy.can_change(request.user, call):
        raise PermissionDenied
    return call


def with_validation(request, form, action):
    """Runs a domain verb; its ValidationError lands on the form (field or whole form)."""
    try:
        with transaction.atomic():
            return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
    return None


# Calls ------------------------------------------------------------------------------------------


class CallListView(ObjectListView):
    model = Call
    policy = call_policy
    filterset_class = CallFilter
    template_name = "calls/call_list.html"
    key_field = "closes_at"
    descending = True

    select_related = ("program",)


class CallDetailView(ObjectDetailView):
    model = Call
    policy = call_policy
    template_name = "calls/call_detail.html"
    context_object_name = "call"

    select_related = ("program",)
    prefetch_related = ("questions", "criteria")

    def get_extra_context(self, request, *, call, **context):
        user = request.user
        mine = call.applications.filter(applicant=user) if user.is_authenticated else []
        return {
            "zone": call.time_zone,
            "phase": call.phase(),
            "can_apply": call_policy.can_apply(user, call) and call.is_open(),
            "my_applications": list(mine),
            "manages": call_policy.can_change(user, call),
        }


class CallForms:
    model = Call
    policy = call_policy
    form_class = forms.CallForm
    template_name = "calls/call_form.html"
    operation = save_call


class CallCreateView(CallForms, ObjectCreateView):
    success_message = gettext_lazy("Call created. Add its questions and review criteria next.")


class CallEditView(CallForms, ObjectEditView):
    pass


class CallPartForms:
    """Questions and criteria: created under a call its manager runs, edited on their own."""

    policy = call_policy
    template_name = "calls/part_form.html"

    def success_url(self, saved):
        return saved.call.get_absolute_url()

    def get_extra_context(self, request, **context):
        return {"call": self.call, "what": self.model._meta.verbose_name}


class PartCreateView(CallPartForms, ObjectCreateView):
    def may_create(self, request):
        self.call = managed_call(request, self.kwargs["pk"])
        return True

    def new_object(self, request):
        return self.model(call=self.call)


class PartEditView(CallPartForms, ObjectEditView):
    def get_object(self, request, pk):
        part = get_object_or_404(self.model.objects.select_related("call"), pk=pk)
        self.call = managed_call(request, part.call_id)
        return part


class QuestionForms:
    model = Question
    form_class = forms.QuestionForm
    operation = save_question


class QuestionCreateView(QuestionForms, PartCreateView):
    pass


class QuestionEditView(QuestionForms, PartEditView):
    pass


class CriterionForms:
    model = Criterion
    form_class = forms.CriterionForm
    operation = save_criterion


class CriterionCreateView(CriterionForms, PartCreateView):
    pass


class CriterionEditView(CriterionForms, PartEditView):
    pass


@login_required
def apply(request, pk):
    """GET: what applying means; POST: a new draft, then its form."""
    call = visible_or_404(call_policy, request.user, Call.objects.all(), pk=pk)
    form = forms.forms.Form(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        application = with_validation(
            request, form, lambda: verbs.start_application(call=call, by=request.user)
        )
        if application is not None:
            return redirect("calls:application-edit", application.pk)
    status = 400 if form.errors else 200
    return render(request, "calls/apply.html", {"call": call, "form": form}, status=status)


# Applications (the applicant's side) ------------------------------------------------------------


def own_or_managed(request, pk) -> Application:
    queryset = Application.objects.select_related("call__program", "applicant", "person")
    application = Application.objects.filter(pk=pk).only("id", "applicant_id", "status").first()
    if application is None:
        raise Http404
    if not application_policy.can_view(request.user, application):
        raise refuse(request, "application", pk)
    return queryset.get(pk=pk)


def history(application) -> list[AuditEntry]:
    """The application's status changes, from the audit trail."""
    entries = AuditEntry.objects.filter(
        content_type__app_label="calls",
        content_type__model="application",
        object_id=str(application.pk),
    ).order_by("at", "id")
    changes = []
    for entry in entries:
        status = entry.changes.get("status")
        if status:
            changes.append({"at": entry.at, "status": Application.Status(status[1]).label})
    return changes


class MyApplicationsView(ObjectListView):
    model = Application
    policy = application_policy
    filterset_class = ApplicationFilter
    template_name = "calls/my_applications.html"
    key_field = "created_at"
    descending = True
    login_required = True

    def get_queryset(self):
        return Application.objects.filter(applicant=self.request.user).select_related("call")


@login_required
def application_detail(request, pk):
    application = own_or_managed(request, pk)
    call = application.call
    released = []
    if (
        application.is_decided
        and call.release_reviews
        and application.applicant_id == request.user.pk
    ):
        released = [
            review.comment_to_applicant
            for review in Review.objects.filter(
                assignment__application=application, status=Review.Status.SUBMITTED
            ).order_by("submitted_at", "id")
            if review.comment_to_applicant.strip()
        ]
    manager_view = is_manager(request.user) and application.applicant_id != request.user.pk
    context = {
        "application": application,
        "call": call,
        "answers": answer_rows(application),
        "attachments": list(application.attachments.select_related("question")),
        "history": history(application),
        "released_reviews": released,
        "can_edit": application_policy.can_change(request.user, application),
        "can_withdraw": application.applicant_id == request.user.pk
        and Application.Status.WITHDRAWN in verbs.TRANSITIONS[application.status],
        "manager_view": manager_view,
    }
    if manager_view:
        context["assignments"] = list(application.assignments.select_related("reviewer", "review"))
        context["conflicts"] = list(application.conflicts.select_related("reviewer"))
    return render(request, "calls/application_detail.html", context)


def answer_rows(application, terms=None) -> list[tuple[str, str]]:
    """(question, answer) in order, with identity withheld when `terms` are given."""
    rows = []
    for question in application.call.questions.all():
        if question.kind == Question.Kind.FILE:
            continue
        value = application.answers.get(str(question.pk))
        text = "" if value is None else str(value)
        rows.append((question.label, redact(text, terms) if terms else text))
    return rows


@login_required
def application_edit(request, pk):
    application = own_or_managed(request, pk)
    if not application_policy.can_change(request.user, application):
        raise PermissionDenied
    questions = list(application.call.questions.all())
    form = forms.ApplicationForm(*posted(request), application=application, questions=questions)
    if request.method == "POST" and form.is_valid():
        application.title = form.cleaned_data["title"]
        saved = with_validation(
            request,
            form,
            lambda: verbs.save_application(
                application=application,
                answers=form.answers(),
                files=form.uploads(),
                expertise=form.cleaned_data["expertise"],
                by=request.user,
            ),
        )
        if saved is not None:
            if request.POST.get("then") == "submit":
                submitted = with_validation(
                    request,
                    form,
                    lambda: verbs.submit_application(application=saved, by=request.user),
                )
                if submitted is not None:
                    messages.success(
                        request, _("Your application is submitted. A receipt is on its way.")
                    )
                    return redirect(submitted)
            else:
                messages.success(request, _("Draft saved."))
                return redirect("calls:application-edit", saved.pk)
    attachments = list(application.attachments.select_related("question"))
    return render(
        request,
        "calls/application_form.html",
        {
            "form": form,
            "application": application,
            "call": application.call,
            "attachments": attachments,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def application_submit(request, pk):
    application = own_or_managed(request, pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied
    try:
        with transaction.atomic():
            verbs.submit_application(application=application, by=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return (
            redirect("calls:application-edit", pk)
            if application.status == "draft"
            else redirect(application)
        )
    messages.success(request, _("Your application is submitted. A receipt is on its way."))
    return redirect(application)


@require_POST
@login_required
def application_withdraw(request, pk):
    application = own_or_managed(request, pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied
    try:
        with transaction.atomic():
            verbs.withdraw_application(application=application, by=request.user)
        messages.success(request, _("Your application is withdrawn."))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    return redirect(application)


@login_required
def attachment(request, pk):
    """The applicant and the managers get the file as uploaded; an assigned reviewer (never a
    conflicted one) gets it under a neutral name, and for a blind call with the applicant's
    identity blanked out."""
    item = get_object_or_404(Attachment.objects.select_related("application__call"), pk=pk)
    application = item.application
    content = private_files.read(ATTACHMENTS, item.stored_name)
    label, extension, mime = FILE_TYPES[item.kind]
    if application_policy.can_view(request.user, application):
        return private_files.download(content, item.original_name, mime)
    assignments = assignment_policy.visible(
        request.user, Assignment.objects.filter(application=application, reviewer=request.user)
    )
    if not assignments.exists():
        raise refuse(request, "attachment", pk)
    if application.call.blind:
        content = scrub(content, item.kind, identity_terms(application))
    return private_files.download(
        content, f"application-{application.code}-{item.pk}.{extension}", mime
    )


# Reviewing (the reviewer's side) ----------------------------------------------------------------


class ReviewListView(ObjectListView):
    """The signed-in user's assignments: application codes only, never the applicants."""

    model = Assignment
    policy = assignment_policy
    filterset_class = AssignmentFilter
    template_name = "calls/review_list.html"
    key_field = "created_at"
    descending = True
    login_required = True

    def get_queryset(self):
        return Assignment.objects.filter(reviewer=self.request.user).select_related(
            "call", "application", "review"
        )


def my_assignment(request, pk) -> Assignment:
    """The user's own assignment; anything else (someone else's, a conflicted one) is recorded
    and answered as missing."""
    queryset = Assignment.objects.select_related(
        "call", "application__call", "application__applicant", "application__person"
    )
    assignment = queryset.filter(pk=pk).first()
    if assignment is None:
        raise Http404
    if assignment.reviewer_id != request.user.pk or not assignment_policy.can_view(
        request.user, assignment
    ):
        raise refuse(request, "assignment", pk)
    return assignment


def reviewer_view_of(application) -> dict:
    """What a reviewer reads of an application; identity withheld for a blind call."""
    call = application.call
    terms = identity_terms(application) if call.blind else None
    attachments = [
        {
            "url": item.get_absolute_url(),
            "label": f"{FILE_TYPES[item.kind][0]} · {item.question.label}",
            "size": item.size,
        }
        for item in application.attachments.select_related("question")
    ]
    return {
        "code": application.code,
        "title": redact(application.title, terms) if terms else application.title,
        "fields": list(application.expertise.all()),
        "answers": answer_rows(application, terms),
        "attachments": attachments,
        "applicant": None if call.blind else application.person or application.applicant,
    }


@login_required
def review(request, pk):
    assignment = my_assignment(request, pk)
    call = assignment.call
    current = Review.objects.filter(assignment=assignment).first() or Review(assignment=assignment)
    form = forms.ReviewForm(posted(request)[0], call=call, review=current)
    locked = assignment.application.is_decided
    if request.method == "POST" and not locked and form.is_valid():
        for name in ("confidence", "comment_to_applicant", "comment_to_committee"):
            setattr(current, name, form.cleaned_data[name])
        submit = request.POST.get("then") == "submit"
        saved = with_validation(
            request,
            form,
            lambda: save_review(
                review=current, scores=form.scores(), submit=submit, by=request.user
            ),
        )
        if saved is not None:
            messages.success(
                request, _("Review submitted. Thank you.") if submit else _("Draft saved.")
            )
            return redirect("calls:review", pk)
    context = {
        "assignment": assignment,
        "call": call,
        "application": reviewer_view_of(assignment.application),
        "form": form,
        "review": current,
        "locked": locked,
    }
    return render(request, "calls/review.html", context, status=400 if form.errors else 200)


@login_required
def declare(request, pk):
    assignment = my_assignment(request, pk)
    form = forms.ConflictDeclarationForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        done = with_validation(
            request,
            form,
            lambda: declare_conflict(
                assignment=assignment, detail=form.cleaned_data["detail"], by=request.user
            ),
        )
        if done is not None:
            messages.success(
                request, _("Conflict declared; the application is no longer yours to review.")
            )
            return redirect("calls:reviews")
    context = {"assignment": assignment, "form": form}
    return render(
        request, "calls/declare_conflict.html", context, status=400 if form.errors else 200
    )


# Running a call (the managers' side) ------------------------------------------------------------


class CallApplicationsView(ObjectListView):
    """The review dashboard: every submitted application with its reviews' progress."""

    model = Application
    policy = application_policy
    filterset_class = ApplicationFilter
    template_name = "calls/call_applications.html"
    key_field = "number"
    login_required = True

    def get(self, request, pk, **kwargs):
        self.call = managed_call(request, pk)
        return super().get(request, **kwargs)

    def get_queryset(self):
        done = Q(assignments__review__status=Review.Status.SUBMITTED)
        return (
            Application.objects.filter(call=self.call)
            .exclude(status=Application.Status.DRAFT)
            .select_related("applicant", "person")
            .annotate(
                assigned=Count("assignments", distinct=True),
                reviewed=Count("assignments", filter=done, distinct=True),
            )
        )

    def get_extra_context(self, request, **context):
        return {"call": self.call}


@login_required
def reviewers(request, pk):
    call = managed_call(request, pk)
    entry = CallReviewer(call=call)
    form = forms.ReviewerForm(posted(request)[0], instance=entry)
    if request.method == "POST" and form.is_valid():
        if with_validation(
            request, form, lambda: invite_reviewer(entry=form.instance, by=request.user)
        ):
            messages.success(request, _("Reviewer invited."))
            return redirect("calls:reviewers", pk)
    candidate_form = forms.CandidateForm(request.GET or None)
    candidate = found = None
    if "candidate" in request.GET and candidate_form.is_valid():
        candidate = candidate_form.cleaned_data["candidate"]
        labels = dict(Conflict.Source.choices)
        numbers = dict(call.applications.values_list("pk", "number"))
        found = [
            {
                "application": f"{call.pk}-{numbers[app]:04d}",
                "source": labels[source],
                "detail": detail,
            }
            for _reviewer, app, source, detail in check_candidate(call=call, user=candidate)
        ]
    loads = reviewer_loads(call)
    conflicts = dict(call.conflicts.values_list("reviewer_id").annotate(n=Count("id")))
    pool = list(
        call.reviewer_pool.select_related("reviewer__person", "call").order_by("reviewer__username")
    )
    for member in pool:
        member.load = loads.get(member.reviewer_id, 0)
        member.conflict_count = conflicts.get(member.reviewer_id, 0)
    context = {
        "call": call,
        "pool": pool,
        "form": form,
        "candidate_form": candidate_form,
        "candidate": candidate,
        "candidate_conflicts": found,
    }
    return render(request, "calls/reviewers.html", context, status=400 if form.errors else 200)


@login_required
def assignments(request, pk):
    call = managed_call(request, pk)
    form = forms.ManualAssignmentForm(posted(request)[0], call=call)
    if request.method == "POST" and form.is_valid():
        made = Assignment(
            call=call,
            application=form.cleaned_data["application"],
            reviewer=form.cleaned_data["reviewer"],
        )
        if with_validation(request, form, lambda: assign_by_hand(assignment=made, by=request.user)):
            messages.success(request, _("Reviewer assigned."))
            return redirect("calls:assignments", pk)
    listed = (
        Assignment.objects.filter(call=call)
        .select_related("application", "reviewer", "review")
        .order_by("application__number", "id")
    )
    page_number = positive(request.GET.get("page"))
    rows = list(listed[(page_number - 1) * RANKING_PAGE : page_number * RANKING_PAGE + 1])
    context = {
        "call": call,
        "rows": rows[:RANKING_PAGE],
        "page_number": page_number,
        "has_next": len(rows) > RANKING_PAGE,
        "form": form,
        "last_run": AssignmentRun.objects.filter(call=call).order_by("-created_at", "-id").first(),
    }
    return render(request, "calls/assignments.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def run_assignment(request, pk):
    call = managed_call(request, pk)
    try:
        start_assignment(call=call, by=request.user)
        messages.success(request, _("Automatic assignment started."))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    return redirect("calls:assignments", pk)


def positive(value) -> int:
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return 1


@login_required
def ranking(request, pk):
    call = managed_call(request, pk)
    form = forms.DecisionForm(posted(request)[0], call=call)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["applications"].select_related("applicant"))
        done = with_validation(
            request,
            form,
            lambda: verbs.decide(
                applications=chosen,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("%(count)d decisions recorded; the applicants are told.") % {"count": len(done)},
            )
            return redirect(request.get_full_path())
    order = request.GET.get("order", "normalised")
    rows = rank_call(call, order if order in ORDERS else "normalised")
    page_number = positive(request.GET.get("page"))
    shown = rows[(page_number - 1) * RANKING_PAGE : page_number * RANKING_PAGE]
    context = {
        "call": call,
        "rows": shown,
        "order": order,
        "orders": ORDERS,
        "form": form,
        "page_number": page_number,
        "has_next": len(rows) > page_number * RANKING_PAGE,
        "disputed": sum(row.disputed for row in rows),
        "count": len(rows),
    }
    return render(request, "calls/ranking.html", context, status=400 if form.errors else 200)


@login_required
def ranking_export(request, pk):
    call = managed_call(request, pk)
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        return HttpResponse(
            _("Choose csv or xlsx."), status=400, content_type="text/plain; charset=utf-8"
        )
    content, mime = ranking_file(call, rank_call(call), kind)
    return private_files.download(content, f"ranking-call-{call.pk}.{kind}", mime)


# Cohorts ----------------------------------------------------------------------------------------


class CohortListView(ObjectListView):
    model = Cohort
    policy = cohort_policy
    filterset_class = CohortFilter
    template_name = "calls/cohort_list.html"
    key_field = "start"
    descending = True

    def get_queryset(self):
        participant = Q(members__role="participant")
        return Cohort.objects.select_related("program").annotate(
            participants=Count("members", filter=participant),
            alumni=Count("members", filter=participant & Q(members__completed=True)),
        )


class CohortDetailView(ObjectDetailView):
    model = Cohort
    policy = cohort_policy
    template_name = "calls/cohort_detail.html"
    context_object_name = "cohort"

    def get_queryset(self):
        return Cohort.objects.select_related("program", "call").prefetch_related(
            Prefetch("members", queryset=CohortMember.objects.select_related("person")),
            "sessions",
        )


class CohortCreateView(ObjectCreateView):
    model = Cohort
    policy = cohort_policy
    form_class = forms.CohortForm
    template_name = "calls/cohort_form.html"
    operation = form_cohort

    def operation_arguments(self, request, form):
        return {
            "cohort": form.instance,
            "mentors": form.cleaned_data["mentors"],
            "by": request.user,
        }
