"""The signed-in user's own settings page: language, time zone and API tokens."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import tokens
from .models import ApiToken, User


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language", "time_zone"]
        help_texts = {
            "time_zone": gettext_lazy("For example Asia/Seoul, Europe/Paris, America/Toronto.")
        }


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=80,
        help_text=gettext_lazy("What the token is for, e.g. “notebook on my laptop”."),
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        initial=30,
        choices=[
            (7, gettext_lazy("7 days")),
            (30, gettext_lazy("30 days")),
            (90, gettext_lazy("90 days")),
            (365, gettext_lazy("one year")),
        ],
    )


def account_page(request, form=None, token_form=None, new_key=None, status=200):
    return render(
        request,
        "common/account_settings.html",
        {
            "form": form or AccountSettingsForm(instance=request.user),
            "token_form": token_form or NewTokenForm(),
            "tokens": ApiToken.objects.filter(user=request.user),
            "new_key": new_key,
        },
        status=status,
    )


def remember_language(response, language: str):
    """The language cookie, with the attributes Django's own language switch gives it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
def account_settings(request):
    if request.method != "POST":
        return account_page(request)
    # An empty POST is still a submission (to be refused with its errors), not a first visit.
    form = AccountSettingsForm(request.POST, instance=request.user)
    if not form.is_valid():
        return account_page(request, form=form, status=400)
    form.save()
    messages.success(request, _("Your settings were saved."))
    return remember_language(HttpResponseRedirect(request.path), form.cleaned_data["language"])


@login_required
@require_POST
def create_token(request):
    """Shows the new key on the page, once: only its digest is kept."""
    token_form = NewTokenForm(request.POST)
    if not token_form.is_valid():
        return account_page(request, token_form=token_form, status=400)
    _token, key = tokens.issue(
        request.user, token_form.cleaned_data["name"], token_form.cleaned_data["days"]
    )
    return account_page(request, new_key=key)


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke(token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect(reverse("account-settings") + "#tokens")
