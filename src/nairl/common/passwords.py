"""Changing a password, and resetting a forgotten one by email: Django's own views (tokens,
one-time links, the configured EMAIL_BACKEND) with the hub's templates."""

from django.contrib.auth import views as auth_views
from django.urls import path

TEMPLATES = "common/password"


class RefusedAs400:
    """A form sent back with its errors answers 400, as on every other page of the hub."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordChangeView(RefusedAs400, auth_views.PasswordChangeView):
    template_name = f"{TEMPLATES}/change.html"


class PasswordResetView(RefusedAs400, auth_views.PasswordResetView):
    template_name = f"{TEMPLATES}/reset.html"
    email_template_name = f"{TEMPLATES}/reset_email.txt"
    subject_template_name = f"{TEMPLATES}/reset_subject.txt"


class PasswordResetConfirmView(RefusedAs400, auth_views.PasswordResetConfirmView):
    template_name = f"{TEMPLATES}/reset_confirm.html"


urlpatterns = [
    path(
        "password/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(template_name=f"{TEMPLATES}/change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name=f"{TEMPLATES}/reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name=f"{TEMPLATES}/reset_done.html"),
        name="password_reset_complete",
    ),
]
