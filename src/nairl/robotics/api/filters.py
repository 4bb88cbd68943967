import django_filters

from nairl.robotics.models import Evaluation, RobotPolicy


class RobotPolicyFilter(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id")
    is_public = django_filters.BooleanFilter()
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = RobotPolicy
        fields = ["team", "is_public", "name"]


class EvaluationFilter(django_filters.FilterSet):
    policy = django_filters.NumberFilter(field_name="policy_id")
    status = django_filters.ChoiceFilter(choices=Evaluation.Status.choices)
    suite = django_filters.CharFilter()
    suite_hash = django_filters.CharFilter()

    class Meta:
        model = Evaluation
        fields = ["policy", "status", "suite", "suite_hash"]
