import django_filters

from nairl.scaling.models import Comparison, Fit, Program, Run, Study


class StudyFilter(django_filters.FilterSet):
    program = django_filters.ChoiceFilter(choices=Program.choices)
    is_public = django_filters.BooleanFilter()

    class Meta:
        model = Study
        fields = ["program", "is_public"]


class RunFilter(django_filters.FilterSet):
    group = django_filters.CharFilter()

    class Meta:
        model = Run
        fields = ["group"]


class JobFilter(django_filters.FilterSet):
    study = django_filters.NumberFilter(field_name="study_id")
    status = django_filters.CharFilter()
    law = django_filters.CharFilter()


class FitFilter(JobFilter):
    class Meta:
        model = Fit
        fields = ["study", "status", "law"]


class ComparisonFilter(JobFilter):
    kind = django_filters.ChoiceFilter(choices=Comparison.Kind.choices)

    class Meta:
        model = Comparison
        fields = ["study", "status", "law", "kind"]
