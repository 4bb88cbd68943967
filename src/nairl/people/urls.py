from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/export.<str:file_format>", views.export_directory, name="export"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/me/", views.my_profile, name="me"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("institutions/", views.institutions, name="institutions"),
    path("institutions/new/", views.institution_create, name="institution-create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution-edit"),
    path("import/", views.import_view, name="import"),
]
