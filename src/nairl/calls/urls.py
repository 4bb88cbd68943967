from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.CallListView.as_view(), name="list"),
    path("new/", views.CallCreateView.as_view(), name="call-create"),
    path("<int:pk>/", views.CallDetailView.as_view(), name="call"),
    path("<int:pk>/edit/", views.CallEditView.as_view(), name="call-edit"),
    path("<int:pk>/questions/new/", views.QuestionCreateView.as_view(), name="question-create"),
    path("questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="question-edit"),
    path("<int:pk>/criteria/new/", views.CriterionCreateView.as_view(), name="criterion-create"),
    path("criteria/<int:pk>/edit/", views.CriterionEditView.as_view(), name="criterion-edit"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/applications/", views.CallApplicationsView.as_view(), name="call-applications"),
    path("<int:pk>/reviewers/", views.reviewers, name="reviewers"),
    path("<int:pk>/assignments/", views.assignments, name="assignments"),
    path("<int:pk>/assignments/run/", views.run_assignment, name="assignment-run"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/ranking/export/", views.ranking_export, name="ranking-export"),
    path("mine/", views.MyApplicationsView.as_view(), name="my-applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application-edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application-submit"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application-withdraw"
    ),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/conflict/", views.declare, name="declare-conflict"),
    path("cohorts/", views.CohortListView.as_view(), name="cohorts"),
    path("cohorts/new/", views.CohortCreateView.as_view(), name="cohort-create"),
    path("cohorts/<int:pk>/", views.CohortDetailView.as_view(), name="cohort"),
]
