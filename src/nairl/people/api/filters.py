import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from nairl.people.domain.search import DirectoryQuery, search_people
from nairl.people.models import Institution, Person


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_directory", label=gettext_lazy("Name, institution, field or country")
    )
    country = django_filters.CharFilter(method="filter_directory")
    expertise = django_filters.CharFilter(method="filter_directory")
    institution = django_filters.NumberFilter(
        method="filter_directory", label=gettext_lazy("Institution id")
    )
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices, method="filter_directory")
    orcid = django_filters.CharFilter()

    class Meta:
        model = Person
        fields = ["q", "country", "expertise", "institution", "kind", "orcid"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        institution = None
        if data.get("institution") is not None:
            institution = Institution.objects.filter(pk=data["institution"]).first()
            if institution is None:
                raise ValidationError({"institution": [_("No institution with this id.")]})
        query = DirectoryQuery(
            text=data.get("q") or "",
            country=(data.get("country") or "").upper(),
            institution=institution,
            expertise=data.get("expertise") or "",
            kind=data.get("kind") or "",
        )
        queryset = search_people(query, base=queryset)
        if data.get("orcid"):
            queryset = queryset.filter(orcid=data["orcid"])
        return queryset

    def filter_directory(self, queryset, name, value):
        return queryset  # applied together in filter_queryset


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_name")
    country = django_filters.CharFilter(method="filter_country")
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices)
    ror_id = django_filters.CharFilter()

    class Meta:
        model = Institution
        fields = ["q", "country", "kind", "ror_id"]

    def filter_name(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(name_ko__icontains=word) | queryset.filter(
                name_en__icontains=word
            )
        return queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())
