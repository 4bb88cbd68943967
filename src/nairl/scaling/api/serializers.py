from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nairl.common.api import (
    FullCleanMixin,
    HubModelSerializer,
    ProblemSerializer,
    VisibleRelatedField,
)
from nairl.scaling.domain.curves import curve_problems
from nairl.scaling.models import Comparison, Fit, Run, Study
from nairl.scaling.policies import part_policy, study_policy


class StudySerializer(FullCleanMixin, HubModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    members = serializers.SlugRelatedField(
        slug_field="username", many=True, required=False, queryset=get_user_model().objects.all()
    )
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


class ComparisonDetailSerializer(ComparisonSerializer):
    class Meta(ComparisonSerializer.Meta):
        fields = [*ComparisonSerializer.Meta.fields, "result", "plots"]
        read_only_fields = [*JOB_READ_ONLY, "result", "plots"]
