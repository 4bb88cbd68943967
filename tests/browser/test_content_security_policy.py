"""Pages work in a real browser under the hub's Content-Security-Policy: the browser reports no
blocked script, style, image, font or worker, and the API reference (Redoc, served by the hub)
renders."""

import pytest

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.roles import Role

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_for_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_pages_load_without_policy_violations(page_for):
    kaist = make_institution("KAIST", name_ko="한국과학기술원", country="KR")
    person = make_person("Minjun Kim", name_ko="김민준", country="KR", institutions=[kaist])
    make_user("sora", Role.RESEARCHER)
    page = page_for()
    violations = watch_for_violations(page)
    for path in ["/", "/people/?q=김민", f"/people/{person.pk}/", "/institutions/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    sign_in(page, "sora", PASSWORD)
    page.goto("/account/")
    page.fill("#id_name", "laptop")
    page.locator("form[action='/account/tokens/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("code.token").is_visible()
    assert violations == []


def test_the_api_reference_renders_under_the_policy(page_for):
    page = page_for()
    violations = watch_for_violations(page)
    page.goto("/api/docs/")
    title = page.locator("h1", has_text="NAIRL Hub API")
    title.wait_for()  # drawn by Redoc's script, from the schema it fetched
    assert title.is_visible()
    # Redoc's "API docs by Redocly" footer links its logo from Redocly's host: kept out, as the
    # policy means to. Nothing of the hub's own is blocked.
    outside = "https://cdn.redoc.ly/"
    assert [text for text in violations if outside not in text] == []
