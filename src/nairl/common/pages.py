"""Generic, policy-aware pages: list, detail, create, edit and delete of one kind of object.

A module's page view names what it shows and lets the base class do the rest:

    class InstitutionListView(ObjectListView):
        model = Institution
        policy = institution_policy
        filterset_class = InstitutionFilter      # the same FilterSet the API uses
        template_name = "people/institutions.html"
        key_field = "sort_name"                  # the keyset the cursor pages along
        select_related = ("parent",)             # rows the template reads with each object

The base classes ask the object's policy (lists filtered in SQL, a hidden object is a 404, a
forbidden change a 403, an anonymous visitor is sent to sign in), page lists by cursor, validate
filters (400 with the form's errors), save valid forms in one transaction through the module's
domain operation, and answer invalid ones with 400 and their errors. A page that is special
subclasses one and overrides a hook (`get_queryset`, `get_extra_context`, `operation_arguments`).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from .imports import ImportRefused, ImportReport
from .pagination import InvalidCursor, KeysetPage, keyset_page
from .permissions import Policy
from .querysets import with_related
from .uploads import refuse_oversized

PAGE_SIZE = 50


def posted(request):
    """The data and files of a POST — an empty POST too, which must fail validation rather than
    look like a first visit — else (None, None)."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def page_or_first(
    request, queryset, key_field: str, *, descending: bool = False, size: int = PAGE_SIZE
) -> KeysetPage:
    """The page the request's cursor names; the first page, with a message, for a stale cursor."""
    try:
        return keyset_page(
            queryset, key_field, request.GET.get("cursor"), size=size, descending=descending
        )
    except InvalidCursor:
        messages.error(request, _("That page link is no longer valid; showing the first page."))
        return keyset_page(queryset, key_field, None, size=size, descending=descending)


def add_errors(form, refusal: ValidationError) -> None:
    """A domain verb's refusal shown on the form: at its field when the form has it."""
    errors = refusal.message_dict if hasattr(refusal, "error_dict") else {None: refusal.messages}
    for field, messages_ in errors.items():
        field = field if field in form.fields else None
        for message in messages_:
            form.add_error(field, message)


def visible_or_404(policy: Policy, user, queryset, **lookup):
    """The object, if the user may see it; a hidden object's existence is never revealed."""
    obj = get_object_or_404(queryset, **lookup)
    if not policy.can_view(user, obj):
        raise Http404
    return obj


class PolicyView(View):
    """What every generic page knows: its model, its policy and its template."""

    model = None
    policy: Policy = None
    template_name: str = ""
    login_required = False
    # Related rows the page shows with each object, loaded in the same query (or one more).
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if self.login_required and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.check_access(request)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request) -> None:
        """Raises PermissionDenied for those who may not use the page at all (most pages let
        everyone in and let the policy filter what they see)."""

    def get_queryset(self):
        queryset = self.model._default_manager.all()
        return with_related(queryset, self.select_related, self.prefetch_related)

    def get_extra_context(self, request, **context) -> dict:
        """More for the template; `context` is what the view has computed so far."""
        return {}

    def render(self, request, context: dict, status: int = 200):
        context.update(self.get_extra_context(request, **context))
        return render(request, self.template_name, context, status=status)


class ObjectListView(PolicyView):
    """A filtered, cursor-paged list of what the viewer may see.

    Every list page must be in the query-count registry (tests/<app>/list_views.py); a test
    fails for one that is not.
    """

    filterset_class = None
    key_field = "pk"  # the ordering the cursor pages along (ties broken by id)
    descending = False
    page_size = PAGE_SIZE

    def get(self, request, **kwargs):
        self.kwargs = kwargs
        queryset = self.policy.visible(request.user, self.get_queryset())
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
            queryset = filterset.qs if filterset.is_valid() else None
        page = None
        if queryset is not None:
            page = page_or_first(
                request,
                queryset,
                self.key_field,
                descending=self.descending,
                size=self.page_size,
            )
        context = {
            "page": page,
            "filter": filterset,
            "form": filterset.form if filterset is not None else None,
            "can_create": self.policy.can_create(request.user),
        }
        return self.render(request, context, status=200 if page is not None else 400)


class ObjectDetailView(PolicyView):
    """One object the viewer may see (404 otherwise), with whether they may change it."""

    context_object_name = "object"

    def get_object(self, request, pk):
        return visible_or_404(self.policy, request.user, self.get_queryset(), pk=pk)

    def get(self, request, pk, **kwargs):
        self.kwargs = kwargs
        obj = self.get_object(request, pk)
        context = {
            "object": obj,
            self.context_object_name: obj,
            "can_edit": self.policy.can_change(request.user, obj),
        }
        return self.render(request, context)


class ObjectFormView(PolicyView):
    """Shared by create and edit: a form, saved in one transaction through `operation`.

    `operation` is the module's domain verb, called with keyword arguments only: the object the
    form built (under `object_argument`, default the model's name), `by` (the signed-in user)
    and whatever `operation_arguments` adds. Without an operation the form saves itself (for
    objects with no rule beyond their model's validation).
    """

    form_class = None
    template_name = "common/object_form.html"
    operation = None
    object_argument = ""
    success_message = gettext_lazy("Saved.")
    login_required = True

    def get_form_kwargs(self, request, instance) -> dict:
        return {}

    def operation_arguments(self, request, form) -> dict:
        name = self.object_argument or self.model._meta.model_name
        return {name: form.instance, "by": request.user}

    def save(self, request, form):
        with transaction.atomic():
            if self.operation is None:
                return form.save()
            return type(self).operation(**self.operation_arguments(request, form))

    def success_url(self, saved) -> str:
        return saved.get_absolute_url()

    def announce(self, request, saved) -> None:
        """Tells the user what saving did (a job's start says where the job stands)."""
        messages.success(request, self.success_message)

    def form_page(self, request, instance):
        data, files = posted(request)
        form = self.form_class(
            data, files, instance=instance, **self.get_form_kwargs(request, instance)
        )
        if request.method == "POST" and form.is_valid():
            try:
                saved = self.save(request, form)
            except ValidationError as refusal:  # a rule of the domain verb: nothing was saved
                add_errors(form, refusal)
            else:
                self.announce(request, saved)
                return redirect(self.success_url(saved))
        context = {"form": form, "object": instance}
        return self.render(request, context, status=400 if form.errors else 200)


class ObjectCreateView(ObjectFormView):
    """A new object, for those the policy lets create one (403 otherwise)."""

    def new_object(self, request):
        """The unsaved object the form fills in (e.g. with its parent already set)."""
        return None

    def dispatch(self, request, *args, **kwargs):
        self.kwargs = kwargs
        if request.user.is_authenticated and not self.may_create(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def may_create(self, request) -> bool:
        return self.policy.can_create(request.user)

    def get(self, request, **kwargs):
        return self.form_page(request, self.new_object(request))

    post = get


class ObjectEditView(ObjectFormView):
    """An existing object: hidden ones are a 404, ones the user may not change a 403."""

    def get_object(self, request, pk):
        obj = visible_or_404(self.policy, request.user, self.get_queryset(), pk=pk)
        if not self.policy.can_change(request.user, obj):
            raise PermissionDenied
        return obj

    def get(self, request, pk, **kwargs):
        self.kwargs = kwargs
        return self.form_page(request, self.get_object(request, pk))

    post = get


class ObjectDeleteView(PolicyView):
    """Asks to confirm (GET), then deletes (POST) through `operation` or the model's delete."""

    template_name = "common/object_confirm_delete.html"
    operation = None
    object_argument = ""
    login_required = True

    def get_object(self, request, pk):
        obj = visible_or_404(self.policy, request.user, self.get_queryset(), pk=pk)
        if not self.policy.can_delete(request.user, obj):
            raise PermissionDenied
        return obj

    def after_delete_url(self, obj) -> str:
        raise NotImplementedError

    def get(self, request, pk, **kwargs):
        return self.render(request, {"object": self.get_object(request, pk)})

    def post(self, request, pk, **kwargs):
        obj = self.get_object(request, pk)
        url = self.after_delete_url(obj)
        with transaction.atomic():
            if self.operation is None:
                obj.delete()
            else:
                name = self.object_argument or self.model._meta.model_name
                type(self).operation(**{name: obj, "by": request.user})
        messages.success(request, _("Deleted."))
        return redirect(url)


class ImportView(PolicyView):
    """Upload a CSV or XLSX file and import it whole or not at all; the page lists every problem
    (row, column, reason) or says how many records were imported."""

    form_class = None
    login_required = True

    def may_import(self, request) -> bool:
        return self.policy.can_create(request.user)

    def run_import(self, request, form) -> ImportReport:
        """Imports the form's file through the module's importer (`common.imports`)."""
        raise NotImplementedError

    def headline(self, report: ImportReport) -> str:
        """What the report's heading says (modules may name what they import)."""
        if report.problems:
            count = len(report.problems)
            return ngettext(
                "%(count)d problem found; nothing was imported.",
                "%(count)d problems found; nothing was imported.",
                count,
            ) % {"count": count}
        return ngettext(
            "%(count)d record imported.", "%(count)d records imported.", report.created
        ) % {"count": report.created}

    def get(self, request, **kwargs):
        self.kwargs = kwargs
        if not self.may_import(request):
            raise PermissionDenied
        form = self.form_class(*posted(request))
        refuse_oversized(request, form)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = self.run_import(request, form)
            except ImportRefused as refusal:
                report = refusal.report
        status = 400 if form.errors or (report and report.problems) else 200
        context = {"form": form, "report": report}
        if report is not None:
            context["report_headline"] = self.headline(report)
        return self.render(request, context, status=status)

    post = get
