"""Filters shared by every module's FilterSets. One FilterSet per object serves its list page
(rendered as the page's filter form) and its API endpoint, so both accept the same filters."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField as FilterChoiceField

from .api import MAX_ID
from .choices import NormalizedChoices, collated, country_groups
from .models import AuditEntry
from .widgets import FastSelect


class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number within the database's range (a larger one would not be an
    empty answer but a database overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class WordsFilter(django_filters.CharFilter):
    """A text search: rows where every word typed is in one of `fields` (any case, Korean or
    English). Words after the first `most_words` are ignored: each is one more condition.
    `casefold`: the fields hold casefolded text (a precomputed search column), so the words are
    casefolded too ("Straße" finds "strasse")."""

    def __init__(
        self, *, fields: tuple[str, ...], most_words: int = 8, casefold: bool = False, **kwargs
    ):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.search_fields, self.most_words, self.casefold = fields, most_words, casefold

    def filter(self, queryset, value):
        value = (value or "").casefold() if self.casefold else value or ""
        # Case-folded on both sides, a plain `contains` does: `icontains` would wrap the column in
        # UPPER() on PostgreSQL, which no index on the column serves.
        lookup = "contains" if self.casefold else "icontains"
        for word in value.split()[: self.most_words]:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__{lookup}": word})
            queryset = queryset.filter(condition)
        return queryset


class UpperChoiceField(FilterChoiceField):
    """A code chosen from a list, in any case (``kr`` is KR)."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CountryFilter(django_filters.ChoiceFilter):
    """An ISO 3166 country code, any case; the page shows it as a list of country names."""

    field_class = UpperChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("widget", FastSelect)
        kwargs.setdefault("empty_label", _("Any"))
        kwargs.setdefault("choices", [])  # filled per request, in the reader's language
        super().__init__(*args, **kwargs)


class HubFilterSet(django_filters.FilterSet):
    """Fills the choices of country filters in the reader's language (cached per language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, flt in self.filters.items():
            if isinstance(flt, CountryFilter):
                self.form.fields[name].choices = NormalizedChoices(country_groups(get_language()))


class DateInput(forms.DateInput):
    input_type = "date"


class AuditEntryFilter(HubFilterSet):
    """The audit trail by who, what kind of record, which record, what was done and when."""

    actor = django_filters.CharFilter(
        label=_("Who (user name)"), field_name="actor__username", max_length=150
    )
    model = django_filters.ChoiceFilter(
        label=_("Kind of record"), field_name="content_type__model", empty_label=_("Any")
    )
    object = django_filters.CharFilter(label=_("Record id"), field_name="object_id", max_length=64)
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AuditEntry.Action.choices, empty_label=_("Any")
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="at__date", lookup_expr="gte", widget=DateInput
    )
    until = django_filters.DateFilter(
        label=_("Until"), field_name="at__date", lookup_expr="lte", widget=DateInput
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "model", "object", "action", "since", "until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["model"].choices = audited_kinds()


def audited_kinds() -> list[tuple[str, str]]:
    """(model name, its name in the reader's language) of every audited kind of record."""
    from django.apps import apps

    from .audit import Audited

    kinds = {
        model._meta.model_name: capfirst(model._meta.verbose_name)
        for model in apps.get_models()
        if issubclass(model, Audited)
    }
    return collated(kinds.items())
