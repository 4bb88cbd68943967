"""The top navigation lists exactly what the reader may use: per demo role, and, for every role
of the permission walk, exactly the entries whose page answers that role 200."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from factories import make_user
from nairl.common.menu import main_menu, url_name
from nairl.common.roles import Role
from permission_expectations import ROLES, load_expectations

from .home_world import DEMO_ROLES, demo_user

PUBLIC = ["people", "institutions", "research", "calls", "robotics", "scaling", "seminars"]
MEMBER = ["my-home", "my-profile", *PUBLIC[:4], "residency", *PUBLIC[4:]]
EXPECTED_MENU = {
    "anonymous": PUBLIC,
    "researcher": MEMBER,
    "reviewer": MEMBER,
    "director": MEMBER,
    "finance": MEMBER,
    "funder": MEMBER,
    "staff": [*MEMBER, "import"],
    # The demo administrator is also a Django staff account, so the admin site is theirs too.
    "admin": [*MEMBER, "import", "users", "audit-log", "admin"],
}
NAV_LINK = re.compile(r'<nav aria-label="[^"]*">(.*?)</nav>', re.S)  # in the user's language


def menu_hrefs(browser) -> list[str]:
    """The addresses the page's navigation links to, in order."""
    nav = NAV_LINK.search(browser.get("/").content.decode())[1]
    return re.findall(r'<li><a href="([^"]+)"', nav)


def test_every_demo_role_has_an_expectation():
    assert set(EXPECTED_MENU) == {"anonymous", *DEMO_ROLES}


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(EXPECTED_MENU))
def test_the_menu_shows_what_the_role_may_use(username):
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = AnonymousUser()
    if username != "anonymous":
        user = demo_user(username)
        browser.force_login(user)
    links = main_menu.links_for(user)
    assert [link.name for link in links] == EXPECTED_MENU[username]
    assert menu_hrefs(browser) == [link.href for link in links]


def walk_status(name: str, role: str) -> int:
    first_page = next(case for case in load_expectations()[name] if case.method == "get")
    return first_page.status[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_an_entry_is_shown_exactly_when_its_page_lets_the_role_in(role):
    user = AnonymousUser() if role == "anonymous" else make_user(f"menu-{role}", role)
    shown = {link.name for link in main_menu.links_for(user)}
    for entry in main_menu.entries():
        name = url_name(entry, user)
        if name.startswith("admin:"):
            continue  # Django's admin: its own rule (staff accounts), outside the walk
        # "My profile" sends the signed-in user on to their profile (or to set one up).
        opens = walk_status(name, role) == 200 or (role != "anonymous" and name == "people:me")
        assert (entry.name in shown) == opens, (entry.name, role)


@pytest.mark.django_db
def test_the_admin_entry_follows_django_staff_accounts():
    administrator = make_user("menu-admin", Role.ADMINISTRATOR)
    assert "admin" not in {link.name for link in main_menu.links_for(administrator)}
    administrator.is_staff = True
    assert "admin" in {link.name for link in main_menu.links_for(administrator)}
