"""In a real browser: the hub fetches nothing from another host, and every page fits a phone."""

from urllib.parse import urlsplit

import pytest

from factories import PASSWORD
from nairl.common.models import User
from url_walk import build_world, pages

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_pages_fetch_nothing_from_another_host(page_for, live_server):
    world = build_world()
    page = page_for()
    sent, blocked = [], []
    page.on("requestfinished", lambda request: sent.append(request.url))
    page.on("requestfailed", lambda request: blocked.append((request.url, request.failure)))
    sign_in(page, world["users"]["researcher"].username, PASSWORD)
    for path in ["/", "/people/", "/robotics/", "/scaling/", "/api/docs/"]:
        page.goto(path, wait_until="networkidle")
    # Redoc (from the installed sidecar package) really drew the API reference offline.
    # Redoc draws after the schema is parsed (a busy machine takes seconds): wait for it.
    heading = page.get_by_role("heading", name="NAIRL Hub API").first
    heading.wait_for(state="visible")
    assert heading.is_visible()
    assert any(url.endswith("/api/schema/") for url in sent)
    local = urlsplit(live_server.url).netloc
    assert [url for url in sent if urlsplit(url).netloc != local and not is_blob(url)] == []
    # Redoc's credit tries its makers' CDN for a logo: the page's policy stops it in the browser.
    # A local load still in flight when the next page opens (the favicon, on a slow machine) is
    # aborted by the navigation, not blocked.
    assert [
        (url, why)
        for url, why in blocked
        if why != "csp" and not (urlsplit(url).netloc == local and why == "net::ERR_ABORTED")
    ] == []


def is_blob(url: str) -> bool:
    return url.startswith(("blob:", "data:"))


@pytest.mark.slow
def test_every_page_fits_a_phone_without_sideways_scrolling(chromium, live_server):
    world = build_world()
    User.objects.update(language="ko")  # Korean, where words wrap worst
    too_wide = []
    by_role: dict[str, list[str]] = {}
    for role, path in pages(world):
        by_role.setdefault(role, []).append(path)
    assert sum(map(len, by_role.values())) > 30
    for role, paths in by_role.items():
        context = chromium.new_context(base_url=live_server.url, locale="ko-KR", viewport=PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        if role != "anonymous":
            sign_in(page, world["users"][role].username, PASSWORD)
        for path in paths:
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{path} as {role}: {width} px")
        context.close()
    assert too_wide == []
