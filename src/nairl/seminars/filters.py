"""The filters of series, talks and registrations: one FilterSet each, for the list pages and
the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import HubFilterSet, IdFilter

from .models import Registration, Series, Talk

MAX_WORDS = 8  # a search of more words is cut: each word is one more condition


def every_word(queryset, value: str, *fields: str):
    """Rows where every word of `value` is in one of the fields (any case, Korean or English)."""
    for word in value.split()[:MAX_WORDS]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class SeriesFilter(HubFilterSet):
    q = django_filters.CharFilter(label=_("Title"), max_length=200, method="by_text")
    active = django_filters.BooleanFilter(field_name="is_active", label=_("Active"))

    class Meta:
        model = Series
        fields = ["q", "active"]

    def by_text(self, queryset, name, value):
        return every_word(queryset, value, "title_ko", "title_en", "code")


class TalkFilter(HubFilterSet):
    q = django_filters.CharFilter(
        label=_("Title, abstract or speaker"), max_length=200, method="by_text"
    )
    series = IdFilter(field_name="series_id", label=_("Series number"))
    speaker = IdFilter(field_name="speaker_id", label=_("Speaker number"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Talk.Status.choices, empty_label=_("Any")
    )
    after = django_filters.DateFilter(
        field_name="start", lookup_expr="date__gte", label=_("From (date)")
    )
    before = django_filters.DateFilter(
        field_name="start", lookup_expr="date__lte", label=_("Until (date)")
    )

    class Meta:
        model = Talk
        fields = ["q", "series", "speaker", "status", "after", "before"]

    def by_text(self, queryset, name, value):
        return every_word(
            queryset,
            value,
            "title_ko",
            "title_en",
            "abstract_ko",
            "abstract_en",
            "guest_name",
            "speaker__name_ko",
            "speaker__name_en",
        )


class RegistrationFilter(HubFilterSet):
    talk = IdFilter(field_name="talk_id", label=_("Talk number"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Any")
    )
    q = django_filters.CharFilter(label=_("Name or email"), max_length=200, method="by_text")

    class Meta:
        model = Registration
        fields = ["talk", "status", "q"]

    def by_text(self, queryset, name, value):
        return every_word(queryset, value, "name", "email")
