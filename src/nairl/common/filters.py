"""Filters shared by every module's FilterSets. One FilterSet per object serves its list page
(rendered as the page's filter form) and its API endpoint, so both accept the same filters."""

import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField as FilterChoiceField

from .api import MAX_ID
from .choices import country_groups
from .widgets import FastSelect


class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number within the database's range (a larger one would not be an
    empty answer but a database overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


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
                self.form.fields[name].choices = country_groups(get_language())
