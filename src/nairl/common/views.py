from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .models import User
from .registries import home_panels


def home(request):
    """The home page; signed-in people also see the panels modules add (`home_panels`)."""
    panels = home_panels.sections_for(request) if request.user.is_authenticated else []
    return render(request, "common/home.html", {"panels": panels})


@login_required
def my_home(request):
    """The personal home: the panels that concern the signed-in user's roles, in order."""
    return render(request, "common/my_home.html", {"panels": home_panels.sections_for(request)})


@require_POST
def switch_language(request):
    """Django's language switch, also remembered on the signed-in user's account."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(User._meta.get_field("language").choices):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


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
