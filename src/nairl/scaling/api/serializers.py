from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nairl.common.api import (
    FullCleanMixin,
    HubModelSerializer,
    ProblemSerializer,
    VisibleRelatedField,
)
from nairl.research.links import project_link_field
from nairl.scaling.domain.curves import curve_problems
from nairl.scaling.models import Comparison, Fit, Run, Study
from nairl.scaling.policies import part_policy, study_policy


class StudySerializer(FullCleanMixin, HubModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    members = serializers.SlugRelatedField(
        slug_field="username", many=True, required=False, queryset=get_user_model().objects.all()
    )
    project = project_link_field()
    clean_exclude = ("owner",)
    validate_unique = False

    class Meta:
        model = Study
        fields = [
            "id",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "program",
            "project",
            "project_label",
            "is_public",
            "owner",
            "members",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class StudyListSerializer(StudySerializer):
    run_count = serializers.IntegerField(read_only=True)

    class Meta(StudySerializer.Meta):
        fields = [f for f in StudySerializer.Meta.fields if f not in ("members",)] + ["run_count"]


class RunsAddedSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="How many runs were added.")


class RunsRefusedSerializer(serializers.Serializer):
    errors = serializers.SerializerMethodField()

    @extend_schema_field(ProblemSerializer(many=True))
    def get_errors(self, refused) -> list:
        return [problem.as_api() for problem in refused["errors"]]


class RunSerializer(HubModelSerializer):
    class Meta:
        model = Run
        fields = [
            "id",
            "group",
            "n",
            "d",
            "c",
            "unique_n",
            "unique_d",
            "epochs",
            "loss",
            "created_at",
        ]


JOB_FIELDS = [
    "id",
    "study",
    "law",
    "variable",
    "huber_delta",
    "drop_highest",
    "bootstrap",
    "status",
    "error",
    "created_by",
    "created_at",
    "started_at",
    "finished_at",
]
JOB_READ_ONLY = ["status", "error", "created_by", "created_at", "started_at", "finished_at"]


class JobSerializer(FullCleanMixin, HubModelSerializer):
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    study = VisibleRelatedField(policy=study_policy, queryset=Study.objects.all())
    clean_exclude = ("created_by", "result", "plots")
    validate_unique = False

    def validate_study(self, study):
        request = self.context["request"]
        if not part_policy.can_create_in(request.user, study):
            raise serializers.ValidationError("You may not start fits in this study.")
        return study

    def group_must_exist(self, attrs, *names):
        study = attrs.get("study")
        groups = set(study.runs.values_list("group", flat=True).distinct()) if study else set()
        known = ", ".join(sorted(groups)) or "-"
        errors = {
            name: [f"No runs in group '{attrs[name]}' (groups: {known})."]
            for name in names
            if attrs.get(name) and attrs[name] not in groups
        }
        if study and not groups:
            errors["study"] = ["The study has no runs yet."]
        if errors:
            raise serializers.ValidationError(errors)


class FitSerializer(JobSerializer):
    class Meta:
        model = Fit
        fields = [*JOB_FIELDS, "group"]
        read_only_fields = JOB_READ_ONLY

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.group_must_exist(attrs, "group")
        return attrs


class FitDetailSerializer(FitSerializer):
    class Meta(FitSerializer.Meta):
        fields = [*FitSerializer.Meta.fields, "result", "plots"]
        read_only_fields = [*JOB_READ_ONLY, "result", "plots"]


class ComparisonSerializer(JobSerializer):
    """``kind`` "law" (the default): does the method beat the baseline's law? "steepness": is the
    method's learning curve (loss against D) steeper than a power law, holding out ``holdout``
    sizes? A steepness check ignores the law settings: it is saved testing against M2 in D
    (``Comparison.STEEPNESS_SETTINGS``)."""

    class Meta:
        model = Comparison
        fields = [*JOB_FIELDS, "kind", "baseline_group", "method_group", "holdout"]
        read_only_fields = JOB_READ_ONLY

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.group_must_exist(attrs, "baseline_group", "method_group")
        if attrs.get("kind") == Comparison.Kind.STEEPNESS:
            problems = curve_problems(
                attrs["study"],
                attrs.get("baseline_group", "baseline"),
                attrs["method_group"],
                attrs.get("holdout", 3),
            )
            if problems:
                raise serializers.ValidationError({k: [v] for k, v in problems.items()})
        return attrs


class MultiplierAtBudgetSerializer(serializers.Serializer):
    c = serializers.FloatField(help_text="Compute budget C in FLOPs.")
    multiplier = serializers.FloatField(help_text="k(C); infinite below the baseline's floor.")
    low = serializers.FloatField()
    high = serializers.FloatField()


class FrontierMultiplierSerializer(serializers.Serializer):
    model = serializers.ChoiceField(
        ["own_law", "compute_shift"],
        help_text="How the method's frontier was found: its runs fitted with the baseline's "
        "law, or the baseline's law at k times the compute.",
    )
    reason = serializers.CharField(
        allow_null=True, help_text="Why the method's own law was not fitted (compute_shift)."
    )
    summary = serializers.FloatField(help_text="Geometric mean of k(C) over the budgets.")
    interval = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)
    draws = serializers.IntegerField(help_text="Paired bootstrap draws behind the intervals.")
    budgets = MultiplierAtBudgetSerializer(many=True)


class PerRunDiagnosticSerializer(serializers.Serializer):
    multiplier = serializers.FloatField(help_text="Geometric mean of the per-run ratios.")
    interval = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)
    run_multipliers = serializers.ListField(child=serializers.FloatField())
    note = serializers.CharField()


class ComparisonResultSerializer(serializers.Serializer):
    """A law comparison's result (a steepness check's and a failed job's have other keys).

    ``multiplier`` and ``interval`` are the frontier estimate, k(C) = C_b(L_m*(C)) / C summarised
    over the method's compute range (``frontier``); ``per_run_diagnostic`` is each method run's
    own ratio, biased low for runs off the method's frontier."""

    multiplier = serializers.FloatField(required=False)
    interval = serializers.ListField(child=serializers.FloatField(), required=False)
    level = serializers.FloatField(required=False)
    beats_baseline = serializers.BooleanField(required=False)
    worse_than_baseline = serializers.BooleanField(required=False)
    estimand = serializers.ChoiceField(["frontier"], required=False)
    frontier = FrontierMultiplierSerializer(required=False)
    per_run_diagnostic = PerRunDiagnosticSerializer(required=False)
    verdict_en = serializers.CharField(required=False)
    verdict_ko = serializers.CharField(required=False)
    flags = serializers.ListField(child=serializers.CharField(), required=False)


@extend_schema_field(ComparisonResultSerializer)
class ComparisonResultField(serializers.JSONField):
    """The stored result as it is, documented by ``ComparisonResultSerializer``."""


class ComparisonDetailSerializer(ComparisonSerializer):
    result = ComparisonResultField(read_only=True)

    class Meta(ComparisonSerializer.Meta):
        fields = [*ComparisonSerializer.Meta.fields, "result", "plots"]
        read_only_fields = [*JOB_READ_ONLY, "result", "plots"]
