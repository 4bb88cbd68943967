"""The top navigation: one registry of entries, each shown only to users who may use its page.

An app adds its entries where it registers its home panels (`<app>/panels.py`, called by its
`AppConfig.ready()`):

    main_menu.register(MenuEntry("scaling", _("Scaling laws"), "scaling:studies", order=70))
    main_menu.register(MenuEntry("import", _("Import"), "people:import",
                                 shown=institution_policy.can_create, order=90))

`shown(user)` is the page's own policy check or role test, so the menu and the page agree;
`url` is a URL name, or a function of the user giving one (a page that differs by role).
Role tests read the roles once per request (`roles_of` caches them on the user).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .registries import Registry
from .roles import Role, has_role


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def administrators(user) -> bool:
    return signed_in(user) and has_role(user, Role.ADMINISTRATOR)


def admin_site_users(user) -> bool:
    """Django's admin lets in staff accounts only, whatever their hub roles."""
    return signed_in(user) and user.is_active and user.is_staff


@dataclass(frozen=True)
class MenuEntry:
    name: str
    title: str
    url: str | Callable  # a URL name, or (user) -> URL name
    shown: Callable = everyone  # (user) -> bool
    order: int = 100


@dataclass(frozen=True)
class MenuLink:
    name: str
    title: str
    href: str


class Menu(Registry):
    """Entries by name, in order (`entries()`); the same name registered twice must be the same
    entry."""

    def entries(self) -> list[MenuEntry]:
        return self.sections()

    def links_for(self, user) -> list[MenuLink]:
        """The entries this user may use, in order, with their addresses."""
        return [
            MenuLink(entry.name, entry.title, reverse(url_name(entry, user)))
            for entry in self.entries()
            if entry.shown(user)
        ]


def url_name(entry: MenuEntry, user) -> str:
    return entry.url(user) if callable(entry.url) else entry.url


#: The navigation at the top of every page.
main_menu = Menu("menu entry")
