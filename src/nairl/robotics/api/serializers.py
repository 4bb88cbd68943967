from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nairl.common.api import FullCleanMixin, HubModelSerializer
from nairl.research.links import project_link_field
from nairl.robotics.domain.evaluations import configured_suite, suite_names
from nairl.robotics.harness.suites import CAPABILITIES
from nairl.robotics.installed import installed_choices
from nairl.robotics.models import CapabilityScore, Evaluation, RobotPolicy, TaskResult, Team
from nairl.robotics.policies import robot_policy_policy, team_policy


class TeamSerializer(FullCleanMixin, HubModelSerializer):
    members = serializers.SlugRelatedField(
        slug_field="username", many=True, required=False, queryset=get_user_model().objects.all()
    )
    project = project_link_field()
    clean_exclude = ("members",)

    class Meta:
        model = Team
        fields = ["id", "name_ko", "name_en", "institution", "project", "members", "created_at"]
        read_only_fields = ["created_at"]

    def to_representation(self, team):
        data = super().to_representation(team)
        user = self.context["request"].user
        if not team_policy.can_see_members(user, team):
            data.pop("members")  # who is in a team is for its members and administrators
        return data


class RobotPolicySerializer(FullCleanMixin, HubModelSerializer):
    canonical_fields = ("server_url", "installed")
    # A choice among the administrator's allow-list, never free text.
    installed = serializers.ChoiceField(choices=[], required=False, allow_blank=True)

    class Meta:
        model = RobotPolicy
        fields = [
            "id",
            *RobotPolicy.edited_fields,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["installed"].choices = installed_choices()

    def to_representation(self, policy):
        data = super().to_representation(policy)
        if not robot_policy_policy.can_change(self.context["request"].user, policy):
            data.pop("server_url")  # the team's server address is for the team only
        return data

    def validate_team(self, team):
        user = self.context["request"].user
        if not team_policy.can_change(user, team):
            raise serializers.ValidationError(
                _("You can register policies only for your own teams.")
            )
        return team


class EstimateSerializer(serializers.Serializer):
    """The schema of an estimate: a success rate and its Wilson 95% interval."""

    mean = serializers.FloatField()
    low = serializers.FloatField()
    high = serializers.FloatField()


@extend_schema_field(EstimateSerializer(allow_null=True))
class EstimateField(serializers.Field):
    """{mean, low, high} from three columns with a common prefix."""

    def __init__(self, prefix, **kwargs):
        self.prefix = prefix
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        mean = getattr(obj, f"{self.prefix}_mean")
        if mean is None:
            return None
        return {
            "mean": mean,
            "low": getattr(obj, f"{self.prefix}_low"),
            "high": getattr(obj, f"{self.prefix}_high"),
        }


class EvaluationSerializer(HubModelSerializer):
    suite = serializers.ChoiceField(choices=[])
    tasks = serializers.ListField(
        child=serializers.CharField(max_length=120), required=False, max_length=200
    )
    overall = EstimateField("overall")

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "policy",
            "suite",
            "episodes_per_task",
            "seed",
            "episode_length",
            "tasks",
            "workers",
            "status",
            "suite_hash",
            "overall",
            "episodes_total",
            "failed_episodes",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = [
            "status",
            "suite_hash",
            "episodes_total",
            "failed_episodes",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suite"].choices = suite_names()
        request = self.context.get("request")
        if request is not None and "policy" in self.fields and not self.fields["policy"].read_only:
            # Only policies the requester can see may be named; others "do not exist".
            self.fields["policy"].queryset = robot_policy_policy.visible(
                request.user, RobotPolicy.objects.all()
            )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        candidate = Evaluation(**{k: v for k, v in attrs.items() if k != "policy"})
        candidate.full_clean(exclude=["policy", "suite", "tasks"])
        try:
            configured_suite(candidate)
        except KeyError as error:
            raise serializers.ValidationError({"tasks": [str(error.args[0])]}) from None
        return attrs


class CapabilityScoreSerializer(HubModelSerializer):
    class Meta:
        model = CapabilityScore
        fields = ["capability", "suite_hash", "mean", "low", "high", "n", "tasks"]


class TaskResultSerializer(HubModelSerializer):
    success = EstimateField("success")
    score = EstimateField("score")

    class Meta:
        model = TaskResult
        fields = [
            "suite",
            "task",
            "capability",
            "episodes",
            "successes",
            "failed_episodes",
            "success",
            "score",
            "perturbation",
            "base_task",
            "metrics",
        ]


class EvaluationDetailSerializer(EvaluationSerializer):
    capabilities = CapabilityScoreSerializer(source="capability_scores", many=True, read_only=True)
    task_results = TaskResultSerializer(many=True, read_only=True)

    class Meta(EvaluationSerializer.Meta):
        fields = [
            *EvaluationSerializer.Meta.fields,
            "error",
            "versions",
            "duration",
            "error_examples",
            "capabilities",
            "task_results",
        ]
        read_only_fields = [
            *EvaluationSerializer.Meta.read_only_fields,
            "error",
            "versions",
            "duration",
            "error_examples",
        ]


class LeaderboardPolicySerializer(serializers.Serializer):
    """The policy of an entry, read from the entry's row (`Entry.data`)."""

    id = serializers.IntegerField(source="policy_id")
    name = serializers.CharField(source="policy__name")
    version = serializers.CharField(source="policy__version")
    team = serializers.IntegerField(source="policy__team_id")
    is_public = serializers.BooleanField(source="policy__is_public")


class LeaderboardScoreSerializer(EstimateSerializer):
    n = serializers.FloatField(source="data.n", help_text="Episodes behind the score.")


class LeaderboardEntrySerializer(serializers.Serializer):
    position = serializers.IntegerField()
    rank = serializers.IntegerField()
    tied = serializers.BooleanField()
    tied_with = serializers.ListField(child=serializers.IntegerField())
    tied_with_leader = serializers.BooleanField()
    evaluation = serializers.IntegerField(source="entry.key")
    policy = LeaderboardPolicySerializer(source="entry.data")
    score = LeaderboardScoreSerializer(source="entry")
    finished_at = serializers.DateTimeField(source="entry.data.finished_at")


class SuiteHashSerializer(serializers.Serializer):
    """One definition of the suite that has entries: only equal hashes are compared."""

    hash = serializers.CharField()
    policies = serializers.IntegerField(help_text="Policies with an entry under this hash.")
    latest = serializers.DateTimeField(help_text="When the newest entry finished.")


class LeaderboardSerializer(serializers.Serializer):
    """A suite's board (`domain.leaderboard.Board`): ranked entries with statistical ties."""

    suite = serializers.CharField()
    capability = serializers.CharField(allow_null=True)
    suite_hash = serializers.CharField(allow_null=True)
    current_hash = serializers.CharField(allow_null=True)
    hashes = SuiteHashSerializer(many=True)
    entries = LeaderboardEntrySerializer(many=True)


class LeaderboardQuerySerializer(serializers.Serializer):
    """The leaderboard's parameters."""

    suite = serializers.ChoiceField(choices=[])
    hash = serializers.CharField(required=False, allow_blank=True, max_length=64)
    capability = serializers.ChoiceField(choices=list(CAPABILITIES), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suite"].choices = suite_names()
