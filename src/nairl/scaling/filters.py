"""The filters of studies, runs, fits and comparisons: one FilterSet each, for the list page and
the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import HubFilterSet, IdFilter
from nairl.common.models import JobStatus

from .models import LAW_CHOICES, Comparison, Fit, Program, Run, Study


class StudyFilter(HubFilterSet):
    program = django_filters.ChoiceFilter(
        label=_("Program"), choices=Program.choices, empty_label=_("Any")
    )
    is_public = django_filters.BooleanFilter(label=_("Public"))

    class Meta:
        model = Study
        fields = ["program", "is_public"]


class RunFilter(HubFilterSet):
    group = django_filters.CharFilter(label=_("Group"), max_length=100)

    class Meta:
        model = Run
        fields = ["group"]


class JobFilter(HubFilterSet):
    study = IdFilter(field_name="study_id", label=_("Study id"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=JobStatus.choices, empty_label=_("Any")
    )
    law = django_filters.ChoiceFilter(label=_("Law"), choices=LAW_CHOICES, empty_label=_("Any"))


class FitFilter(JobFilter):
    class Meta:
        model = Fit
        fields = ["study", "status", "law"]


class ComparisonFilter(JobFilter):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Comparison.Kind.choices, empty_label=_("Any")
    )

    class Meta:
        model = Comparison
        fields = ["study", "status", "law", "kind"]
