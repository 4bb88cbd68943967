"""Changing a password, and resetting a forgotten one by email: Django's own views (tokens,
one-time links, the configured EMAIL_BACKEND) with the hub's templates."""

import unicodedata

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import path

from .models import User

TEMPLATES = "common/password"


class RefusedAs400:
    """A form sent back with its errors answers 400, as on every other page of the hub."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def same_address(typed: str, stored: str) -> bool:
    return (
        unicodedata.normalize("NFKC", typed).casefold()
        == unicodedata.normalize("NFKC", stored).casefold()
    )


class ResetForm(PasswordResetForm):
    """Also for invited people who have not chosen a password yet (an invitation's link used up
    or expired): every hub login is local, so an unusable password only means "not chosen yet".
    Deactivated logins still get nothing."""

    def get_users(self, email):
        # The database's case-insensitive match, checked again as Django does (Unicode case
        # folding differs between databases); the mail goes to the address stored, not typed.
        matches = User.objects.filter(email__iexact=email, is_active=True)
        return (user for user in matches if same_address(email, user.email))


class PasswordChangeView(RefusedAs400, auth_views.PasswordChangeView):
    template_name = f"{TEMPLATES}/change.html"


class PasswordResetView(RefusedAs400, auth_views.PasswordResetView):
    template_name = f"{TEMPLATES}/reset.html"
    form_class = ResetForm
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
