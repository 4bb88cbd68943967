"""What people adds to the personal home ("my profile", "my affiliations") and to the menu."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from nairl.common.menu import MenuEntry, everyone, main_menu, signed_in
from nairl.common.registries import Section, home_panels

from .models import Affiliation, Person
from .policies import institution_policy

SHOWN = 10


def my_person(request) -> Person | None:
    """The signed-in user's directory record with its affiliations, read once per request (both
    panels show it)."""
    if not hasattr(request, "_my_person"):
        affiliations = Affiliation.objects.select_related("institution").order_by("-start", "id")
        request._my_person = (
            Person.objects.filter(user_id=request.user.pk)
            .prefetch_related(Prefetch("affiliations", queryset=affiliations))
            .first()
        )
    return request._my_person


def my_profile(request, subject=None):
    """Everyone signed in: their name and current affiliations, or how to get a profile."""
    if not request.user.is_authenticated:
        return None
    person = my_person(request)
    if person is None:
        return {"person": None}
    current = [affiliation for affiliation in person.affiliations.all() if affiliation.is_current]
    return {"person": person, "current_affiliations": current}


def my_affiliations(request, subject=None):
    """Those with a profile: their affiliations, past ones too, to add, correct or end."""
    if not request.user.is_authenticated or my_person(request) is None:
        return None
    person = my_person(request)
    return {"person": person, "affiliations": person.affiliations.all()[:SHOWN]}


def register() -> None:
    home_panels.register(
        Section("people-my-profile", _("My profile"), "people/_home_profile.html", my_profile, 1)
    )
    home_panels.register(
        Section(
            "people-my-affiliations",
            _("My affiliations"),
            "people/_home_affiliations.html",
            my_affiliations,
            2,
        )
    )
    main_menu.register(MenuEntry("my-profile", _("My profile"), "people:me", signed_in, order=2))
    main_menu.register(MenuEntry("people", _("People"), "people:directory", everyone, order=10))
    main_menu.register(
        MenuEntry("institutions", _("Institutions"), "people:institutions", everyone, order=20)
    )
    main_menu.register(
        MenuEntry("import", _("Import"), "people:import", institution_policy.can_create, order=90)
    )
