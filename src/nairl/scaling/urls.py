from django.urls import path

from . import views

app_name = "scaling"

urlpatterns = [
    path("", views.StudyListView.as_view(), name="studies"),
    path("new/", views.StudyCreateView.as_view(), name="study-create"),
    path("<int:pk>/", views.StudyDetailView.as_view(), name="study"),
    path("<int:pk>/edit/", views.StudyEditView.as_view(), name="study-edit"),
    path("<int:pk>/runs/", views.RunListView.as_view(), name="runs"),
    path("<int:pk>/runs/upload/", views.RunUploadView.as_view(), name="upload"),
    path("<int:pk>/fits/new/", views.JobCreateView.as_view(), {"kind": "fit"}, name="fit-create"),
    path(
        "<int:pk>/comparisons/new/",
        views.JobCreateView.as_view(),
        {"kind": "comparison"},
        name="comparison-create",
    ),
    path(
        "<int:pk>/steepness/new/",
        views.JobCreateView.as_view(),
        {"kind": "steepness"},
        name="steepness-create",
    ),
    path("fits/", views.FitListView.as_view(), name="fits"),
    path("fits/<int:pk>/", views.FitDetailView.as_view(), name="fit"),
    path("fits/<int:pk>/status/", views.FitStatusView.as_view(), name="fit-status"),
    path("comparisons/", views.ComparisonListView.as_view(), name="comparisons"),
    path("comparisons/<int:pk>/", views.ComparisonDetailView.as_view(), name="comparison"),
    path(
        "comparisons/<int:pk>/status/",
        views.ComparisonStatusView.as_view(),
        name="comparison-status",
    ),
]
