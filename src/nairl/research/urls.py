from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="programs"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program"),
    path("projects/", views.ProjectListView.as_view(), name="projects"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project-create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project"),
    path("projects/<int:pk>/edit/", views.ProjectEditView.as_view(), name="project-edit"),
    path(
        "projects/<int:pk>/members/new/",
        views.MembershipCreateView.as_view(),
        name="membership-create",
    ),
    path("memberships/<int:pk>/edit/", views.MembershipEditView.as_view(), name="membership-edit"),
]
