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
    path("outputs/", views.OutputListView.as_view(), name="outputs"),
    path("outputs/new/", views.OutputCreateView.as_view(), name="output-create"),
    path("outputs/import/", views.OutputImportView.as_view(), name="output-import"),
    path("outputs/duplicates/", views.DuplicateOutputsView.as_view(), name="output-duplicates"),
    path("outputs/export.<str:file_format>", views.export_output_list, name="output-export"),
    path("outputs/<int:pk>/", views.OutputDetailView.as_view(), name="output"),
    path("outputs/<int:pk>/edit/", views.OutputEditView.as_view(), name="output-edit"),
]

# Milestones (views_milestones.py).
from . import views_milestones  # noqa: E402

urlpatterns += [
    path(
        "projects/<int:pk>/milestones/new/",
        views_milestones.MilestoneCreateView.as_view(),
        name="milestone-create",
    ),
    path(
        "milestones/<int:pk>/edit/",
        views_milestones.MilestoneEditView.as_view(),
        name="milestone-edit",
    ),
    path(
        "milestones/<int:pk>/complete/",
        views_milestones.MilestoneCompleteView.as_view(),
        name="milestone-complete",
    ),
    path(
        "milestones/<int:pk>/reopen/",
        views_milestones.MilestoneReopenView.as_view(),
        name="milestone-reopen",
    ),
]
