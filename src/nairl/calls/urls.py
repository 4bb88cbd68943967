from django.urls import path

from nairl.common.urls import object_urls

from . import views

app_name = "calls"

urlpatterns = [
    *object_urls(
        "",
        "call",
        plural="list",
        list=views.CallListView,
        create=views.CallCreateView,
        detail=views.CallDetailView,
        edit=views.CallEditView,
    ),
    path("<int:pk>/questions/new/", views.QuestionCreateView.as_view(), name="question-create"),
    *object_urls("questions", "question", edit=views.QuestionEditView),
    path("<int:pk>/criteria/new/", views.CriterionCreateView.as_view(), name="criterion-create"),
    *object_urls("criteria", "criterion", edit=views.CriterionEditView),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/applications/", views.CallApplicationsView.as_view(), name="call-applications"),
    path("<int:pk>/reviewers/", views.reviewers, name="reviewers"),
    path("<int:pk>/assignments/", views.assignments, name="assignments"),
    path("<int:pk>/assignments/run/", views.run_assignment, name="assignment-run"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/ranking/export/", views.ranking_export, name="ranking-export"),
    path("mine/", views.MyApplicationsView.as_view(), name="my-applications"),
    *object_urls(
        "applications",
        "application",
        detail=views.application_detail,
        edit=views.application_edit,
        submit=views.application_submit,
        withdraw=views.application_withdraw,
    ),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/conflict/", views.declare, name="declare-conflict"),
    *object_urls(
        "cohorts",
        "cohort",
        list=views.CohortListView,
        create=views.CohortCreateView,
        detail=views.CohortDetailView,
    ),
]
