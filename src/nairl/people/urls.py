from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.DirectoryView.as_view(), name="directory"),
    path("people/export.<str:file_format>", views.export_directory, name="export"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/me/", views.my_profile, name="me"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person-edit"),
    path(
        "people/<int:pk>/affiliations/new/",
        views.AffiliationCreateView.as_view(),
        name="affiliation-create",
    ),
    path(
        "people/affiliations/<int:pk>/edit/",
        views.AffiliationEditView.as_view(),
        name="affiliation-edit",
    ),
    path(
        "people/affiliations/<int:pk>/end/",
        views.AffiliationEndView.as_view(),
        name="affiliation-end",
    ),
    path("institutions/", views.InstitutionListView.as_view(), name="institutions"),
    path("institutions/new/", views.InstitutionCreateView.as_view(), name="institution-create"),
    path("institutions/<int:pk>/", views.InstitutionDetailView.as_view(), name="institution"),
    path(
        "institutions/<int:pk>/edit/", views.InstitutionEditView.as_view(), name="institution-edit"
    ),
    path("import/", views.DirectoryImportView.as_view(), name="import"),
]
