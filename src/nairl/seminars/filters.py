"""The filters of series, talks and registrations: one FilterSet each, for the list pages and
the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import HubFilterSet, IdFilter, WordsFilter

from .models import Registration, Series, Talk


class SeriesFilter(HubFilterSet):
    q = WordsFilter(label=_("Title"), fields=("title_ko", "title_en", "code"))
    active = django_filters.BooleanFilter(field_name="is_active", label=_("Active"))

    class Meta:
        model = Series
        fields = ["q", "active"]


class TalkFilter(HubFilterSet):
    q = WordsFilter(
        label=_("Title, abstract or speaker"),
        fields=(
            "title_ko",
            "title_en",
            "abstract_ko",
            "abstract_en",
            "guest_name",
            "speaker__name_ko",
            "speaker__name_en",
        ),
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


class RegistrationFilter(HubFilterSet):
    talk = IdFilter(field_name="talk_id", label=_("Talk number"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Any")
    )
    q = WordsFilter(label=_("Name or email"), fields=("name", "email"))

    class Meta:
        model = Registration
        fields = ["talk", "status", "q"]
