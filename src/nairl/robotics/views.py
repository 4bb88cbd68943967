from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nairl.common.pagination import InvalidCursor, keyset_page
from nairl.common.views import save_form_page
from nairl.robotics.harness.suites import CAPABILITIES, list_suites

from .domain.capabilities import capability_choices, capability_label
from .domain.charts import Bar, interval_chart
from .domain.evaluations import queue_evaluation
from .domain.leaderboard import board, task_matrix
from .forms import EvaluationFilterForm, EvaluationForm, RobotPolicyForm, TeamForm
from .models import Evaluation, RobotPolicy, Team
from .policies import evaluation_policy, forget_teams, robot_policy_policy, team_ids_of, team_policy

PAGE_SIZE = 50


def posted(request):
    """The form data of a POST (an empty POST is validated too), None for a first visit."""
    return request.POST if request.method == "POST" else None


def page_or_first(request, queryset, key_field="created_at"):
    try:
        return keyset_page(
            queryset, key_field, request.GET.get("cursor"), size=PAGE_SIZE, descending=True
        )
    except InvalidCursor:
        messages.error(request, _("That page link is no longer valid; showing the first page."))
        return keyset_page(queryset, key_field, None, size=PAGE_SIZE, descending=True)


def evaluation_list_queryset(user):
    return evaluation_policy.visible(
        user,
        Evaluation.objects.defer(*Evaluation.LIST_DEFERRED).select_related(
            "policy", "policy__team"
        ),
    )


# Leaderboards ---------------------------------------------------------------------------------


@require_GET
def index(request):
    return render(
        request,
        "robotics/index.html",
        {
            "suites": [s.summary() for s in list_suites()],
            "capabilities": capability_choices(),
        },
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
        result = board(
            evaluation_policy.visible(request.user, Evaluation.objects.all()),
            suite,
            suite_hash,
            capability,
        )
    except (KeyError, ValueError):
        raise Http404 from None
    return result


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
        request, "robotics/leaderboard_tasks.html", {"board": result, "tasks": tasks, "rows": rows}
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


@require_GET
def teams(request):
    page = page_or_first(request, Team.objects.select_related("institution"))
    return render(
        request,
        "robotics/teams.html",
        {"page": page, "can_create": team_policy.can_create(request.user)},
    )


@require_GET
def team_detail(request, pk):
    team = get_object_or_404(Team.objects.select_related("institution"), pk=pk)
    can_manage = team_policy.can_change(request.user, team)
    policies = robot_policy_policy.visible(request.user, team.policies.all())
    return render(
        request,
        "robotics/team_detail.html",
        {
            "team": team,
            "can_manage": can_manage,
            "members": team.members.order_by("username") if can_manage else None,
            "page": page_or_first(request, policies),
        },
    )


@login_required
def team_create(request):
    if not team_policy.can_create(request.user):
        raise PermissionDenied
    return edit_team(request, None)


@login_required
def team_edit(request, pk):
    team = get_object_or_404(Team, pk=pk)
    if not team_policy.can_change(request.user, team):
        raise PermissionDenied
    return edit_team(request, team)


def edit_team(request, team):
    form = TeamForm(posted(request), instance=team)
    was_member = team is None or team.pk in team_ids_of(request.user)

    def keep_members(saved):
        # Whoever creates or edits a team stays in it (an administrator need not be a member).
        form.save_members(saved, keep=request.user if was_member else None)
        forget_teams(request.user)

    return save_form_page(request, form, "robotics/team_form.html", team, after_save=keep_members)


# Policies -------------------------------------------------------------------------------------


@require_GET
def policies(request):
    found = robot_policy_policy.visible(request.user, RobotPolicy.objects.select_related("team"))
    return render(
        request,
        "robotics/policies.html",
        {
            "page": page_or_first(request, found),
            "can_create": robot_policy_policy.can_create(request.user),
        },
    )


def visible_policy(request, pk):
    policy = get_object_or_404(
        RobotPolicy.objects.select_related("team", "team__institution"), pk=pk
    )
    if not robot_policy_policy.can_view(request.user, policy):
        raise Http404  # a private policy's existence is not revealed
    return policy


@require_GET
def policy_detail(request, pk):
    policy = visible_policy(request, pk)
    evaluations = policy.evaluations.defer(*Evaluation.LIST_DEFERRED)
    return render(
        request,
        "robotics/policy_detail.html",
        {
            "policy": policy,
            "page": page_or_first(request, evaluations),
            "can_manage": robot_policy_policy.can_change(request.user, policy),
        },
    )


@login_required
def policy_create(request):
    if not robot_policy_policy.can_create(request.user):
        raise PermissionDenied
    return edit_policy(request, None)


@login_required
def policy_edit(request, pk):
    policy = visible_policy(request, pk)
    if not robot_policy_policy.can_change(request.user, policy):
        raise PermissionDenied
    return edit_policy(request, policy)


def edit_policy(request, policy):
    initial = (
        {"team": request.GET.get("team")} if policy is None and request.GET.get("team") else None
    )
    form = RobotPolicyForm(posted(request), instance=policy, user=request.user, initial=initial)
    return save_form_page(request, form, "robotics/policy_form.html", policy)


# Evaluations ----------------------------------------------------------------------------------


@login_required
def evaluation_create(request, pk):
    policy = visible_policy(request, pk)
    if not evaluation_policy.can_evaluate(request.user, policy):
        raise PermissionDenied
    form = EvaluationForm(posted(request), instance=Evaluation(policy=policy))
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.created_by = request.user
        queue_evaluation(evaluation)
        messages.success(
            request, _("The evaluation is queued; this page shows its results when it has run.")
        )
        return redirect(evaluation)
    return render(
        request,
        "robotics/evaluation_form.html",
        {"form": form, "policy": policy},
        status=400 if form.errors else 200,
    )


@require_GET
def evaluations(request):
    form = EvaluationFilterForm(request.GET)
    page = None
    if form.is_valid():
        found = evaluation_list_queryset(request.user)
        if form.cleaned_data["status"]:
            found = found.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["suite"]:
            found = found.filter(suite=form.cleaned_data["suite"])
        page = page_or_first(request, found)
    return render(
        request,
        "robotics/evaluations.html",
        {"form": form, "page": page},
        status=200 if page is not None else 400,
    )


@require_GET
def evaluation_detail(request, pk):
    evaluation = get_object_or_404(
        Evaluation.objects.defer("report").select_related("policy", "policy__team", "created_by"),
        pk=pk,
    )
    if not evaluation_policy.can_view(request.user, evaluation):
        raise Http404
    capabilities = list(evaluation.capability_scores.all())
    for score in capabilities:
        score.label = capability_label(score.capability)
    task_results = list(evaluation.task_results.all())
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
    return render(
        request,
        "robotics/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "policy": evaluation.policy,
            "capabilities": capabilities,
            "task_results": task_results,
            "chart": chart,
            "can_manage": evaluation_policy.can_evaluate(request.user, evaluation.policy),
        },
    )
