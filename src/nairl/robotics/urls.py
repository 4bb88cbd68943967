from django.urls import path

from . import views

app_name = "robotics"

urlpatterns = [
    path("", views.index, name="index"),
    path("leaderboard/<str:suite>/", views.leaderboard, name="leaderboard"),
    path("leaderboard/<str:suite>/tasks/", views.leaderboard_tasks, name="leaderboard-tasks"),
    path("capabilities/<str:capability>/", views.capability_board, name="capability"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.team_create, name="team-create"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team-edit"),
    path("policies/", views.policies, name="policies"),
    path("policies/new/", views.policy_create, name="policy-create"),
    path("policies/<int:pk>/", views.policy_detail, name="policy"),
    path("policies/<int:pk>/edit/", views.policy_edit, name="policy-edit"),
    path("policies/<int:pk>/evaluate/", views.evaluation_create, name="evaluation-create"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
]
