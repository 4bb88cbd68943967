"""The directory's pages: people, institutions, import and export (the recipe's worked example:
each page is a generic view from `nairl.common.pages` that names its model, policy, filterset,
form and template)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from nairl.common.pages import (
    PAGE_SIZE,
    ImportView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from nairl.common.pagination import bounded_count

from .domain.affiliations import end_affiliation, save_affiliation
from .domain.exporting import EXPORT_FORMATS, export_people
from .domain.importing import import_directory
from .domain.search import among, attach_card_details, with_directory_details
from .filters import InstitutionFilter, PersonFilter
from .forms import (
    AffiliationForm,
    EndAffiliationForm,
    ImportForm,
    InstitutionForm,
    PersonForm,
)
from .models import Affiliation, Institution, Person
from .policies import affiliation_policy, institution_policy, person_policy


class DirectoryView(ObjectListView):
    model = Person
    policy = person_policy
    filterset_class = PersonFilter
    template_name = "people/directory.html"
    key_field = "sort_name"

    def get_queryset(self):
        # Only what a card shows and the pages are ordered by: not the biographies nor the
        # search text, the longest columns of the row.
        return Person.objects.only("country", "is_public", "sort_name", "name_ko", "name_en")

    def get_extra_context(self, request, *, filter, page, **context):
        extra = {"export_formats": EXPORT_FORMATS}
        if page is not None:
            attach_card_details(page.items)
            extra["found"], extra["found_more"] = bounded_count(filter.counted)
        return extra


@require_GET
def export_directory(request, file_format):
    """The directory search as a file, in the columns the import reads."""
    if file_format not in EXPORT_FORMATS:
        raise Http404
    people = person_policy.visible(request.user, with_directory_details(Person.objects.all()))
    found = PersonFilter(request.GET, queryset=people, request=request)
    if not found.is_valid():
        return redirect("people:directory")
    include_email = person_policy.can_create(request.user)
    return export_people(found.qs, file_format, include_email=include_email)


class PersonDetailView(ObjectDetailView):
    model = Person
    policy = person_policy
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            "expertise",
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("institution")),
        )

    def get_extra_context(self, request, *, person, **context):
        return {"show_email": person.email and person_policy.can_see_email(request.user, person)}


class PersonForms:
    model = Person
    policy = person_policy
    form_class = PersonForm
    template_name = "people/person_form.html"


class PersonCreateView(PersonForms, ObjectCreateView):
    pass


class PersonEditView(PersonForms, ObjectEditView):
    pass


@login_required
def my_profile(request):
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.info(
            request, _("Your account has no directory profile yet; hub staff can link one.")
        )
        return redirect("account-settings")
    return redirect(person)


class AffiliationForms:
    """Added, corrected and ended from the person's profile, which the pages go back to."""

    model = Affiliation
    policy = affiliation_policy
    form_class = AffiliationForm
    template_name = "people/affiliation_form.html"

    def get_queryset(self):
        return Affiliation.objects.select_related("person", "institution")

    def success_url(self, saved):
        return saved.person.get_absolute_url()


class AffiliationCreateView(AffiliationForms, ObjectCreateView):
    operation = save_affiliation

    def person(self, request) -> Person:
        if not hasattr(self, "_person"):
            self._person = get_object_or_404(Person, pk=self.kwargs["pk"])
            if not person_policy.can_view(request.user, self._person):
                raise Http404
        return self._person

    def may_create(self, request) -> bool:
        return affiliation_policy.can_add_to(request.user, self.person(request))

    def new_object(self, request):
        return Affiliation(person=self.person(request))


class AffiliationEditView(AffiliationForms, ObjectEditView):
    operation = save_affiliation


class AffiliationEndView(AffiliationForms, ObjectEditView):
    form_class = EndAffiliationForm
    template_name = "people/affiliation_end.html"
    operation = end_affiliation
    success_message = gettext_lazy("The affiliation is ended.")


class InstitutionListView(ObjectListView):
    model = Institution
    policy = institution_policy
    filterset_class = InstitutionFilter
    template_name = "people/institutions.html"
    key_field = "sort_name"

    select_related = ("parent",)


def other_language_name(obj) -> dict | None:
    """The name in the other language, when it differs from the one shown (KAIST under
    한국과학기술원): {"text", "language"}."""
    shown = obj.name
    language = "en" if shown == obj.name_ko else "ko"
    other = getattr(obj, f"name_{language}")
    return {"text": other, "language": language} if other and other != shown else None


class InstitutionDetailView(ObjectDetailView):
    model = Institution
    policy = institution_policy
    template_name = "people/institution_detail.html"
    context_object_name = "institution"

    select_related = ("parent",)

    def get_extra_context(self, request, *, institution, **context):
        here = Affiliation.objects.filter(institution=institution)
        current = here.current()
        people = person_policy.visible(
            request.user, among(Person.objects.all(), current.values("person_id"))
        )
        # Former members: an ended affiliation, and none here now.
        former = person_policy.visible(
            request.user,
            among(Person.objects.all(), here.ended().values("person_id")).exclude(
                pk__in=current.values("person_id")
            ),
        )
        return {
            "children": institution.children.all(),
            "people": people[:PAGE_SIZE],
            "people_count": people.count(),
            "former": former.order_by("sort_name", "id")[:PAGE_SIZE],
            "other_name": other_language_name(institution),
        }


class InstitutionForms:
    model = Institution
    policy = institution_policy
    form_class = InstitutionForm
    template_name = "people/institution_form.html"


class InstitutionCreateView(InstitutionForms, ObjectCreateView):
    pass


class InstitutionEditView(InstitutionForms, ObjectEditView):
    pass


class DirectoryImportView(ImportView):
    """Institutions or people from a spreadsheet, for hub staff."""

    policy = institution_policy
    form_class = ImportForm
    template_name = "people/import.html"

    def run_import(self, request, form):
        upload = form.cleaned_data["file"]
        return import_directory(kind=form.cleaned_data["kind"], filename=upload.name, source=upload)
