from django.urls import path

from . import views

app_name = "robotics"

urlpatterns = [
    path("", views.index, name="index"),
    path("leaderboard/<str:suite>/", views.leaderboard, name="leaderboard"),
    path("leaderboard/<str:suite>/tasks/", views.leaderboard_tasks, name="leaderboard-tasks"),
    path("capabilities/<str:capability>/", views.capability_board, name="capability"),
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("teams/new/", views.TeamCreateView.as_view(), name="team-create"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team"),
    path("teams/<int:pk>/edit/", views.TeamEditView.as_view(), name="team-edit"),
    path("policies/", views.RobotPolicyListView.as_view(), name="policies"),
    path("policies/new/", views.RobotPolicyCreateView.as_view(), name="policy-create"),
    path("policies/<int:pk>/", views.RobotPolicyDetailView.as_view(), name="policy"),
    path("policies/<int:pk>/edit/", views.RobotPolicyEditView.as_view(), name="policy-edit"),
    path(
        "policies/<int:pk>/evaluate/",
        views.EvaluationCreateView.as_view(),
        name="evaluation-create",
    ),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluations"),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation"),
    path(
        "evaluations/<int:pk>/status/",
        views.EvaluationStatusView.as_view(),
        name="evaluation-status",
    ),
]
