"""The filters of robot policies and evaluations: one FilterSet each, for the list page and the
API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import HubFilterSet, IdFilter

from .domain.evaluations import suite_choices
from .models import Evaluation, RobotPolicy


class RobotPolicyFilter(HubFilterSet):
    team = IdFilter(field_name="team_id", label=_("Team id"))
    is_public = django_filters.BooleanFilter(label=_("Public"))
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains", max_length=120)

    class Meta:
        model = RobotPolicy
        fields = ["team", "is_public", "name"]


class EvaluationFilter(HubFilterSet):
    policy = IdFilter(field_name="policy_id", label=_("Policy id"), widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Evaluation.Status.choices, empty_label=_("Any")
    )
    suite = django_filters.ChoiceFilter(label=_("Suite"), choices=[], empty_label=_("Any"))
    suite_hash = django_filters.CharFilter(
        label=_("Suite hash"), max_length=64, widget=forms.HiddenInput
    )

    class Meta:
        model = Evaluation
        fields = ["status", "suite", "policy", "suite_hash"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["suite"].choices = suite_choices()
