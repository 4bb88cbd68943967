"""The harness's pages: leaderboards, teams, their policies, and evaluations."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nairl.common.job_pages import JobStartMixin, JobStatusView
from nairl.common.pages import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    page_or_first,
    visible_or_404,
)
from nairl.research.links import visible_project
from nairl.robotics.harness.suites import CAPABILITIES, list_suites

from .capabilities import capability_choices, capability_label
from .domain.charts import Bar, interval_chart
from .domain.evaluations import start_evaluation
from .domain.leaderboard import board, task_matrix
from .domain.teams import save_team
from .filters import EvaluationFilter, RobotPolicyFilter
from .forms import EvaluationForm, RobotPolicyForm, TeamForm
from .models import Evaluation, RobotPolicy, Team
from .policies import evaluation_policy, robot_policy_policy, team_policy

# Leaderboards ---------------------------------------------------------------------------------


@require_GET
def index(request):
    return render(
        request,
        "robotics/index.html",
        {"suites": [s.summary() for s in list_suites()], "capabilities": capability_choices()},
    )


def board_chart(entries, title):
    bars = [
        Bar(
            f"{r.position}. {r.entry.data['policy__name']} {r.entry.data['policy__version']}",
            r.entry.mean,
            r.entry.low,
            r.entry.high,
            emphasis=r.position == 1,
        )
        for r in entries[:30]
    ]
    # xgettext:no-python-format
    return interval_chart(bars, title, _("Mean score of each entry with its 95% interval."))


def load_board(request, suite, capability=None):
    suite_hash = request.GET.get("hash") or None
    try:
        return board(
            evaluation_policy.visible(request.user, Evaluation.objects.all()),
            suite,
            suite_hash,
            capability,
        )
    except (KeyError, ValueError):
        raise Http404 from None


@require_GET
def leaderboard(request, suite):
    capability = request.GET.get("capability") or None
    result = load_board(request, suite, capability)
    if capability:
        title = _("Leaderboard: %(suite)s · %(capability)s") % {
            "suite": suite,
            "capability": capability_label(capability),
        }
    else:
        title = _("Leaderboard: %(suite)s") % {"suite": suite}
    return render(
        request,
        "robotics/leaderboard.html",
        {
            "board": result,
            "title": title,
            "chart": board_chart(result.entries, title) if result.entries else "",
        },
    )


@require_GET
def leaderboard_tasks(request, suite):
    result = load_board(request, suite)
    tasks, cells = task_matrix(result.entries)
    rows = [(r, [cells.get(r.entry.key, {}).get(t) for t in tasks]) for r in result.entries]
    return render(
        request,
        "robotics/leaderboard_tasks.html",
        {"board": result, "tasks": tasks, "rows": rows},
    )


@require_GET
def capability_board(request, capability):
    if capability not in CAPABILITIES:
        raise Http404
    boards = []
    for suite in list_suites():
        if suite.capability == capability:
            result = load_board(request, suite.name, capability)
            chart = board_chart(result.entries, suite.name) if result.entries else ""
            boards.append((result, chart))
    return render(
        request,
        "robotics/capability.html",
        {
            "capability": capability,
            "capability_label": capability_label(capability),
            "boards": boards,
            "capabilities": capability_choices(),
        },
    )


# Teams ----------------------------------------------------------------------------------------


class TeamListView(ObjectListView):
    model = Team
    policy = team_policy
    template_name = "robotics/teams.html"
    key_field = "created_at"
    descending = True

    select_related = ("institution",)


class TeamDetailView(ObjectDetailView):
    model = Team
    policy = team_policy
    template_name = "robotics/team_detail.html"
    context_object_name = "team"

    select_related = ("institution",)

    def get_extra_context(self, request, *, team, can_edit, **context):
        policies = robot_policy_policy.visible(request.user, team.policies.all())
        return {
            "can_manage": can_edit,
            "project": visible_project(request.user, team.project_id),
            "members": team.members.order_by("username") if can_edit else None,
            "page": page_or_first(request, policies, "created_at", descending=True),
        }


class TeamForms:
    model = Team
    policy = team_policy
    form_class = TeamForm
    template_name = "robotics/team_form.html"
    operation = save_team

    def get_form_kwargs(self, request, instance):
        return {"user": request.user}

    def operation_arguments(self, request, form):
        return {
            "team": form.instance,
            "members": form.cleaned_data["member_usernames"],
            "by": request.user,
        }


class TeamCreateView(TeamForms, ObjectCreateView):
    pass


class TeamEditView(TeamForms, ObjectEditView):
    pass


# Policies -------------------------------------------------------------------------------------


class RobotPolicyListView(ObjectListView):
    model = RobotPolicy
    policy = robot_policy_policy
    filterset_class = RobotPolicyFilter
    template_name = "robotics/policies.html"
    key_field = "created_at"
    descending = True

    select_related = ("team",)


class RobotPolicyDetailView(ObjectDetailView):
    model = RobotPolicy
    policy = robot_policy_policy
    template_name = "robotics/policy_detail.html"
    context_object_name = "policy"

    select_related = ("team", "team__institution")

    def get_extra_context(self, request, *, policy, can_edit, **context):
        evaluations = policy.evaluations.defer(*Evaluation.LIST_DEFERRED)
        return {
            "can_manage": can_edit,
            "page": page_or_first(request, evaluations, "created_at", descending=True),
        }


class RobotPolicyForms:
    model = RobotPolicy
    policy = robot_policy_policy
    form_class = RobotPolicyForm
    template_name = "robotics/policy_form.html"

    select_related = ("team", "team__institution")

    def get_form_kwargs(self, request, instance):
        team = request.GET.get("team")
        initial = {"team": team} if instance is None and team else None
        return {"user": request.user, "initial": initial}


class RobotPolicyCreateView(RobotPolicyForms, ObjectCreateView):
    pass


class RobotPolicyEditView(RobotPolicyForms, ObjectEditView):
    pass


# Evaluations ----------------------------------------------------------------------------------


class EvaluationCreateView(JobStartMixin, ObjectCreateView):
    """Queue an evaluation of a policy the requester's team manages."""

    model = Evaluation
    policy = evaluation_policy
    form_class = EvaluationForm
    template_name = "robotics/evaluation_form.html"
    operation = start_evaluation

    def may_create(self, request) -> bool:
        self.robot_policy = visible_or_404(
            robot_policy_policy,
            request.user,
            RobotPolicy.objects.select_related("team"),
            pk=self.kwargs["pk"],
        )
        return evaluation_policy.can_evaluate(request.user, self.robot_policy)

    def get(self, request, pk, **kwargs):
        return super().get(request, **kwargs)

    post = get

    def new_object(self, request):
        return Evaluation(policy=self.robot_policy)

    def get_extra_context(self, request, **context):
        return {"policy": self.robot_policy}


class EvaluationListView(ObjectListView):
    model = Evaluation
    policy = evaluation_policy
    filterset_class = EvaluationFilter
    template_name = "robotics/evaluations.html"
    key_field = "created_at"
    descending = True

    def get_queryset(self):
        return Evaluation.objects.defer(*Evaluation.LIST_DEFERRED).select_related(
            "policy", "policy__team"
        )


class EvaluationDetailView(ObjectDetailView):
    model = Evaluation
    policy = evaluation_policy
    template_name = "robotics/evaluation_detail.html"
    context_object_name = "evaluation"

    def get_queryset(self):
        return Evaluation.objects.defer("report").select_related(
            "policy", "policy__team", "created_by"
        )

    def get_extra_context(self, request, *, evaluation, **context):
        capabilities = list(evaluation.capability_scores.all())
        for score in capabilities:
            score.label = capability_label(score.capability)
        chart = ""
        if capabilities:
            bars = [Bar(str(c.label), c.mean, c.low, c.high) for c in capabilities]
            bars.append(
                Bar(
                    _("overall"),
                    evaluation.overall_mean,
                    evaluation.overall_low,
                    evaluation.overall_high,
                    emphasis=True,
                )
            )
            chart = interval_chart(
                bars,
                _("Scores by capability"),
                # xgettext:no-python-format
                _("Mean score per capability and overall, with 95% intervals."),
            )
        return {
            "policy": evaluation.policy,
            "capabilities": capabilities,
            "task_results": list(evaluation.task_results.all()),
            "chart": chart,
            "can_manage": evaluation_policy.can_evaluate(request.user, evaluation.policy),
        }


class EvaluationStatusView(JobStatusView):
    model = Evaluation
    policy = evaluation_policy

    def get_queryset(self):
        return Evaluation.objects.defer(*Evaluation.LIST_DEFERRED).select_related(
            "policy", "policy__team"
        )
