"""Accounts in a real browser: sign in, see my home, change the password, sign in again with the
new one; and end an affiliation from the profile."""

import pytest

from factories import PASSWORD, make_affiliation, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Affiliation

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-fresh-passphrase-for-2027"


def test_my_home_then_a_new_password_signs_in(page_for):
    user = make_user("hana", Role.RESEARCHER)
    make_person("Hana Kim", user=user, institutions=[make_institution("Seoul Tech")])
    page = page_for()
    sign_in(page, "hana", PASSWORD)
    page.locator("nav a", has_text="My home").click()
    assert page.locator("h1").inner_text() == "My home"
    profile_panel = page.locator("section[data-panel=people-my-profile]")
    assert profile_panel.get_by_text("Hana Kim").is_visible()
    assert profile_panel.get_by_text("Seoul Tech").is_visible()
    page.get_by_role("link", name="Change password").click()
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    assert page.get_by_role("heading", name="Password changed").is_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "hana", PASSWORD)
    assert page.locator(".errors").is_visible()  # the old one no longer works
    sign_in(page, "hana", NEW_PASSWORD)
    assert page.locator(".account a", has_text="hana").is_visible()


def test_a_person_ends_an_affiliation_from_their_profile(page_for):
    user = make_user("jun", Role.RESEARCHER)
    person = make_person("Jun Park", user=user)
    affiliation = make_affiliation(person, make_institution("Busan Institute"))
    page = page_for()
    sign_in(page, "jun", PASSWORD)
    page.locator("nav a", has_text="My profile").click()
    assert page.locator("h1").inner_text() == "Jun Park"
    page.get_by_role("link", name="End", exact=True).click()
    page.fill("#id_end", "2019-12-31")  # before the start: refused
    page.get_by_role("button", name="End the affiliation").click()
    assert page.get_by_text("The end date is before the start date.").is_visible()
    page.fill("#id_end", "2025-02-28")
    page.get_by_role("button", name="End the affiliation").click()
    assert page.get_by_text("The affiliation is ended.").is_visible()
    assert page.locator("td", has_text="2025-02-28").is_visible()
    affiliation = Affiliation.objects.get(pk=affiliation.pk)
    assert str(affiliation.end) == "2025-02-28"
