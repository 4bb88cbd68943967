from django.urls import path

from nairl.common.urls import object_urls

from . import views

app_name = "robotics"

urlpatterns = [
    path("", views.index, name="index"),
    path("leaderboard/<str:suite>/", views.leaderboard, name="leaderboard"),
    path("leaderboard/<str:suite>/tasks/", views.leaderboard_tasks, name="leaderboard-tasks"),
    path("capabilities/<str:capability>/", views.capability_board, name="capability"),
    *object_urls(
        "teams",
        "team",
        list=views.TeamListView,
        create=views.TeamCreateView,
        detail=views.TeamDetailView,
        edit=views.TeamEditView,
    ),
    *object_urls(
        "policies",
        "policy",
        plural="policies",
        list=views.RobotPolicyListView,
        create=views.RobotPolicyCreateView,
        detail=views.RobotPolicyDetailView,
        edit=views.RobotPolicyEditView,
    ),
    path(
        "policies/<int:pk>/evaluate/",
        views.EvaluationCreateView.as_view(),
        name="evaluation-create",
    ),
    *object_urls(
        "evaluations",
        "evaluation",
        list=views.EvaluationListView,
        detail=views.EvaluationDetailView,
    ),
    path(
        "evaluations/<int:pk>/status/",
        views.EvaluationStatusView.as_view(),
        name="evaluation-status",
    ),
]
