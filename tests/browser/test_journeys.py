"""Main journeys in a real browser: sign in, language, Korean search, profile edit."""

import pytest
from django.utils import translation

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Person

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def korean(text: str) -> str:
    with translation.override("ko"):
        translated = translation.gettext(text)
    assert translated != text, f"no Korean translation for {text!r} (run `make messages`)"
    return translated


def test_sign_in(page_for):
    make_user("sora", Role.RESEARCHER)
    page = page_for()
    sign_in(page, "sora", "wrong password")
    assert page.url.endswith("/login/")
    assert page.locator(".errors").is_visible()
    sign_in(page, "sora", PASSWORD)
    assert page.locator(".account a", has_text="sora").is_visible()
    assert page.locator("button", has_text="Sign out").is_visible()


def test_language_switch(page_for):
    page = page_for(locale="en-US")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav a", has_text="People").is_visible()
    page.locator("form.language button[value=ko]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("nav").get_by_text(korean("People"), exact=True).is_visible()
    assert page.locator(".account a").first.inner_text() == korean("Sign in")
    page.locator("form.language button[value=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".account a").first.inner_text() == "Sign in"


def test_language_choice_is_kept_on_the_account(page_for):
    user = make_user("sora", Role.RESEARCHER, language="en")
    page = page_for(locale="en-US")
    sign_in(page, "sora", PASSWORD)
    page.locator("form.language button[value=ko]").click()
    page.wait_for_load_state()
    user.refresh_from_db()
    assert user.language == "ko"
    fresh = page_for(locale="en-US")  # another browser, English by default
    sign_in(fresh, "sora", PASSWORD)
    assert fresh.locator("html").get_attribute("lang") == "ko"


def test_directory_search_in_korean(page_for):
    kaist = make_institution("KAIST", name_ko="한국과학기술원")
    make_person("Minjun Kim", name_ko="김민준", institutions=[kaist], country="KR")
    make_person("Seoyeon Park", name_ko="박서연", institutions=[kaist], country="KR")
    page = page_for(locale="ko-KR")
    page.goto("/people/")
    page.fill("#id_q", "민준")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    cards = page.locator("ul.cards > li")
    assert cards.count() == 1
    assert cards.first.locator("strong").inner_text() == "김민준"
    assert "한국과학기술원" in cards.first.inner_text()
    page.screenshot(path="/tmp/nairl-directory-ko.png", full_page=True)
    cards.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "김민준"


def test_profile_edit(page_for):
    owner = make_user("minjun", Role.RESEARCHER)
    person = make_person("Minjun Kim", name_ko="김민준", user=owner)
    page = page_for()
    sign_in(page, "minjun", PASSWORD)
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Edit profile").click()
    page.wait_for_load_state()
    page.fill("#id_bio_en", "I teach robots to fold laundry.")
    page.fill("#id_bio_ko", "로봇에게 빨래 개는 법을 가르칩니다.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/people/{person.pk}/")
    assert page.get_by_text("I teach robots to fold laundry.").is_visible()
    assert Person.objects.get(pk=person.pk).bio_ko == "로봇에게 빨래 개는 법을 가르칩니다."

    page.goto(f"/people/{person.pk}/edit/")
    page.fill("#id_orcid", "0000-0002-1825-0098")
    page.fill("#id_bio_en", "This must not be saved.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator(".field.invalid .error")
    assert "check digit does not match" in error.inner_text()
    page.screenshot(path="/tmp/nairl-profile-error.png", full_page=True)
    person.refresh_from_db()
    assert person.orcid is None and person.bio_en == "I teach robots to fold laundry."


def test_someone_elses_profile_has_no_edit_link(page_for):
    make_user("minjun", Role.RESEARCHER)
    other = make_person("Seoyeon Park", user=make_user("seoyeon", Role.RESEARCHER))
    page = page_for()
    sign_in(page, "minjun", PASSWORD)
    page.goto(f"/people/{other.pk}/")
    assert page.get_by_role("link", name="Edit profile").count() == 0
    response = page.goto(f"/people/{other.pk}/edit/")
    assert response.status == 403
    assert page.get_by_text("Your account may not see or change this.").is_visible()
