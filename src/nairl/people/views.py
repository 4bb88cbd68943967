from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nairl.common.pagination import InvalidCursor, keyset_page
from nairl.common.views import save_form_page

from .domain.exporting import EXPORT_FORMATS, export_people
from .domain.importing import ImportFailed, import_file
from .domain.search import DirectoryQuery, search_people, with_directory_details
from .forms import (
    DirectoryFilterForm,
    ImportForm,
    InstitutionFilterForm,
    InstitutionForm,
    PersonForm,
)
from .models import Affiliation, Institution, Person
from .policies import institution_policy, person_policy

PAGE_SIZE = 50


def posted(request):
    """The submitted data of a POST, even an empty one: `request.POST or None` would treat an
    empty submission as a first visit and answer 200 without saying what is missing."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def page_or_first(request, queryset, key_field):
    try:
        return keyset_page(queryset, key_field, request.GET.get("cursor"), size=PAGE_SIZE)
    except InvalidCursor:
        messages.error(request, _("That page link is no longer valid; showing the first page."))
        return keyset_page(queryset, key_field, None, size=PAGE_SIZE)


def directory_query(request) -> tuple[DirectoryFilterForm, DirectoryQuery | None]:
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    institution = None
    if data["institution"]:
        institution = Institution.objects.filter(pk=data["institution"]).first()
        if institution is None:
            form.add_error(None, _("That institution does not exist."))
            return form, None
    return form, DirectoryQuery(
        text=data["q"],
        country=data["country"],
        institution=institution,
        expertise=data["expertise"],
        kind=data["kind"],
    )


@require_GET
def directory(request):
    form, query = directory_query(request)
    page = None
    if query is not None:
        people = person_policy.visible(request.user, search_people(query))
        page = page_or_first(request, with_directory_details(people), "sort_name")
    return render(
        request,
        "people/directory.html",
        {"form": form, "query": query, "page": page, "export_formats": EXPORT_FORMATS},
        status=200 if query is not None else 400,
    )


@require_GET
def export_directory(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form, query = directory_query(request)
    if query is None:
        return redirect("people:directory")
    people = with_directory_details(person_policy.visible(request.user, search_people(query)))
    return export_people(people, file_format, include_email=person_policy.can_create(request.user))


def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.prefetch_related(
            "expertise",
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("institution")),
        ),
        pk=pk,
    )
    if not person_policy.can_view(request.user, person):
        raise Http404  # a private profile's existence is not revealed
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "can_edit": person_policy.can_change(request.user, person),
            "show_email": person.email and person_policy.can_see_email(request.user, person),
        },
    )


def edit_object(request, form_class, instance, template, can_save):
    if not can_save:
        raise PermissionDenied
    form = form_class(posted(request)[0], instance=instance)
    return save_form_page(request, form, template, instance)


@login_required
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk)
    return edit_object(
        request,
        PersonForm,
        person,
        "people/person_form.html",
        person_policy.can_change(request.user, person),
    )


@login_required
def person_create(request):
    return edit_object(
        request, PersonForm, None, "people/person_form.html", person_policy.can_create(request.user)
    )


@login_required
def my_profile(request):
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.info(
            request, _("Your account has no directory profile yet; hub staff can link one.")
        )
        return redirect("account-settings")
    return redirect(person)


@require_GET
def institutions(request):
    form = InstitutionFilterForm(request.GET)
    page = None
    if form.is_valid():
        found = Institution.objects.select_related("parent")
        data = form.cleaned_data
        for word in data["q"].split()[:8]:
            found = (
                found.filter(name_ko__icontains=word)
                | found.filter(name_en__icontains=word)
                | found.filter(ror_id=word.lower())
            )
        if data["country"]:
            found = found.filter(country=data["country"])
        if data["kind"]:
            found = found.filter(kind=data["kind"])
        page = page_or_first(request, found, "sort_name")
    return render(
        request,
        "people/institutions.html",
        {"form": form, "page": page},
        status=200 if page is not None else 400,
    )


def institution_detail(request, pk):
    institution = get_object_or_404(Institution.objects.select_related("parent"), pk=pk)
    people = person_policy.visible(
        request.user,
        Person.objects.filter(
            pk__in=Affiliation.objects.current().filter(institution=institution).values("person_id")
        ),
    )
    return render(
        request,
        "people/institution_detail.html",
        {
            "institution": institution,
            "children": institution.children.all(),
            "people": people[:PAGE_SIZE],
            "people_count": people.count(),
            "can_edit": institution_policy.can_change(request.user, institution),
        },
    )


@login_required
def institution_edit(request, pk):
    institution = get_object_or_404(Institution, pk=pk)
    return edit_object(
        request,
        InstitutionForm,
        institution,
        "people/institution_form.html",
        institution_policy.can_change(request.user, institution),
    )


@login_required
def institution_create(request):
    return edit_object(
        request,
        InstitutionForm,
        None,
        "people/institution_form.html",
        institution_policy.can_create(request.user),
    )


@login_required
def import_view(request):
    if not institution_policy.can_create(request.user):
        raise PermissionDenied
    form = ImportForm(*posted(request))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_file(form.cleaned_data["kind"], upload.name, upload.read())
        except ImportFailed as failure:
            report = failure.report
    status = 400 if form.errors or (report and report.errors) else 200
    return render(request, "people/import.html", {"form": form, "report": report}, status=status)
