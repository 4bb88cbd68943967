from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .audit_display import with_readable_changes
from .models import AuditEntry, User
from .pagination import InvalidCursor, keyset_page
from .permissions import RequireRole
from .registries import home_panels
from .roles import Role


def home(request):
    """The home page; signed-in people also see the panels modules add (`home_panels`)."""
    panels = home_panels.sections_for(request) if request.user.is_authenticated else []
    return render(request, "common/home.html", {"panels": panels})


@require_POST
def switch_language(request):
    """Django's language switch, also remembered on the signed-in user's account."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(User._meta.get_field("language").choices):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language", "time_zone"]
        help_texts = {
            "time_zone": gettext_lazy("For example Asia/Seoul, Europe/Paris, America/Toronto.")
        }


@login_required
def account_settings(request):
    # An empty POST is still a submission (to be refused with its errors), not a first visit.
    data = request.POST if request.method == "POST" else None
    form = AccountSettingsForm(data, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings were saved."))
        response = HttpResponseRedirect(request.path)
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        return response
    return render(
        request, "common/account_settings.html", {"form": form}, status=400 if form.errors else 200
    )


AUDIT_READERS = RequireRole(Role.ADMINISTRATOR)


@login_required  # anonymous visitors are sent to sign in; signed-in non-administrators get 403
def audit_log(request):
    AUDIT_READERS.check(request.user)
    entries = AuditEntry.objects.select_related("actor", "content_type")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(content_type__model=model)
    try:
        page = keyset_page(entries, "at", request.GET.get("cursor"), size=50, descending=True)
    except InvalidCursor:
        messages.error(request, _("That page link is no longer valid; showing the first page."))
        page = keyset_page(entries, "at", None, size=50, descending=True)
    with_readable_changes(page.items)
    return render(request, "common/audit_log.html", {"page": page, "model": model})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def save_form_page(request, form, template, instance=None, after_save=None):
    """A create/edit page: save a valid POST in one transaction and go to the object, else show
    the form (400 when it has errors). `after_save(saved)` runs in the same transaction."""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            if after_save is not None:
                after_save(saved)
        messages.success(request, _("Saved."))
        return redirect(saved)
    return render(
        request, template, {"form": form, "object": instance}, status=400 if form.errors else 200
    )
