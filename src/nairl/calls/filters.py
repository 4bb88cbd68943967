"""One FilterSet per listed object, for its page and its API endpoint."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import HubFilterSet, IdFilter, WordsFilter
from nairl.research.models import Program

from .models import Application, Assignment, Call, Cohort, Review


class CallFilter(HubFilterSet):
    q = WordsFilter(label=_("Title"), fields=("title_ko", "title_en"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Call.Kind.choices, empty_label=_("Any")
    )
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=Program.objects.all(), empty_label=_("Any")
    )
    open = django_filters.BooleanFilter(label=_("Open now"), method="by_open")

    class Meta:
        model = Call
        fields = ["q", "kind", "program", "open"]

    def by_open(self, queryset, name, value):
        now = timezone.now()
        is_open = Q(opens_at__lte=now, closes_at__gte=now)
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


class ApplicationFilter(HubFilterSet):
    call = IdFilter(field_name="call_id", label=_("Call id"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Application.Status.choices, empty_label=_("Any")
    )
    q = WordsFilter(label=_("Title"), fields=("title",))

    class Meta:
        model = Application
        fields = ["call", "status", "q"]


class AssignmentFilter(HubFilterSet):
    call = IdFilter(field_name="call_id", label=_("Call id"))
    reviewed = django_filters.BooleanFilter(label=_("Review submitted"), method="by_reviewed")

    class Meta:
        model = Assignment
        fields = ["call", "reviewed"]

    def by_reviewed(self, queryset, name, value):
        done = Q(review__status=Review.Status.SUBMITTED)
        return queryset.filter(done) if value else queryset.exclude(done)


class ReviewFilter(HubFilterSet):
    call = IdFilter(field_name="assignment__call_id", label=_("Call id"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Review.Status.choices, empty_label=_("Any")
    )

    class Meta:
        model = Review
        fields = ["call", "status"]


class CohortFilter(HubFilterSet):
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=Program.objects.all(), empty_label=_("Any")
    )

    class Meta:
        model = Cohort
        fields = ["program"]
