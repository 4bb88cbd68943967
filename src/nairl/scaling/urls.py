from django.urls import path

from . import views

app_name = "scaling"

urlpatterns = [
    path("", views.study_list, name="studies"),
    path("new/", views.study_create, name="study-create"),
    path("<int:pk>/", views.study_detail, name="study"),
    path("<int:pk>/edit/", views.study_edit, name="study-edit"),
    path("<int:pk>/runs/", views.run_list, name="runs"),
    path("<int:pk>/runs/upload/", views.upload_runs, name="upload"),
    path("<int:pk>/fits/new/", views.job_create, {"kind": "fit"}, name="fit-create"),
    path(
        "<int:pk>/comparisons/new/",
        views.job_create,
        {"kind": "comparison"},
        name="comparison-create",
    ),
    path(
        "<int:pk>/steepness/new/", views.job_create, {"kind": "steepness"}, name="steepness-create"
    ),
    path("fits/", views.job_index, {"kind": "fit"}, name="fits"),
    path("fits/<int:pk>/", views.fit_detail, name="fit"),
    path("comparisons/", views.job_index, {"kind": "comparison"}, name="comparisons"),
    path("comparisons/<int:pk>/", views.comparison_detail, name="comparison"),
]
