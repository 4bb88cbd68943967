"""The filters of people and institutions: one FilterSet each, for the list page and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from nairl.common.bilingual import active_language, bilingual
from nairl.common.filters import CountryFilter, HubFilterSet, IdFilter
from nairl.common.widgets import FastSelect

from .domain.search import DirectoryQuery, search
from .models import Affiliation, ExpertiseArea, Institution, Person

MAX_WORDS = 8  # a search of more words is cut: each word is one more condition


class PersonFilter(HubFilterSet):
    """The directory's search: every word of `q` somewhere in the person's record (names in both
    languages, ORCID, country, fields, current institutions), and every filter given."""

    q = django_filters.CharFilter(
        label=_("Name, institution, field or country"), max_length=200, method="by_directory"
    )
    country = CountryFilter(method="by_directory")
    expertise = django_filters.ChoiceFilter(
        label=_("Field"),
        choices=[],
        empty_label=_("Any"),
        widget=FastSelect,
        method="by_directory",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of institution"),
        choices=Institution.Kind.choices,
        empty_label=_("Any"),
        widget=FastSelect,
        method="by_directory",
    )
    institution = IdFilter(
        label=_("Institution id"), widget=forms.HiddenInput, method="by_directory"
    )
    orcid = django_filters.CharFilter(label=_("ORCID iD"), max_length=40)

    class Meta:
        model = Person
        fields = ["q", "country", "expertise", "kind", "institution", "orcid"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read as plain values: forty model objects per request cost more than the query.
        areas = ExpertiseArea.objects.values_list("code", "name_ko", "name_en")
        language = active_language()
        self.form.fields["expertise"].choices = [
            (code, f"{code} · {bilingual(name_ko, name_en, language)}")
            for code, name_ko, name_en in areas
        ]

    @cached_property
    def chosen_institution(self) -> Institution | None:
        """The institution filtered by, when there is one (the page names it)."""
        pk = self.form.cleaned_data.get("institution")
        return Institution.objects.filter(pk=pk).first() if pk else None

    def is_valid(self) -> bool:
        if not super().is_valid():
            if "institution" in self.form.errors and not self.form.non_field_errors():
                # A hidden field: the form shows no error of its own, so say it above the form.
                self.form.add_error(None, _("That institution does not exist."))
            return False
        if self.form.cleaned_data.get("institution") and self.chosen_institution is None:
            self.form.add_error(None, _("That institution does not exist."))
            return False
        return True

    def by_directory(self, queryset, name, value):
        return queryset  # the directory's filters apply together, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        query = DirectoryQuery(
            text=data.get("q") or "",
            country=data.get("country") or "",
            institution=self.chosen_institution,
            expertise=data.get("expertise") or "",
            kind=data.get("kind") or "",
        )
        found = search(query, base=queryset)
        self.counted = found.counted  # the page says how many it found
        return found.people


class InstitutionFilter(HubFilterSet):
    q = django_filters.CharFilter(
        label=_("Name, other name or ROR id"), max_length=200, method="by_name"
    )
    country = CountryFilter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Institution.Kind.choices, empty_label=_("Any")
    )
    ror_id = django_filters.CharFilter(label=_("ROR id"), max_length=40)

    class Meta:
        model = Institution
        fields = ["q", "country", "kind", "ror_id"]

    def by_name(self, queryset, name, value):
        """Every word in either name or the other names (카이스트), or a word that is the ROR id."""
        for word in value.split()[:MAX_WORDS]:
            queryset = queryset.filter(
                Q(name_ko__icontains=word)
                | Q(name_en__icontains=word)
                | Q(aliases__icontains=word)
                | Q(ror_id=word.lower())
            )
        return queryset


class AffiliationFilter(HubFilterSet):
    person = IdFilter(label=_("Person id"))
    institution = IdFilter(label=_("Institution id"))

    class Meta:
        model = Affiliation
        fields = ["person", "institution"]
