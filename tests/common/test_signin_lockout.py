"""Failed sign-ins lock the name out from that address (django-axes), on the sign-in page and the
API token endpoint alike: the probe was 50 wrong passwords, then the right one, signing in."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from factories import PASSWORD, make_user
from nairl.common.models import ApiToken

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def sign_in(address, password, username="victim"):
    browser = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    response = browser.post("/login/", {"username": username, "password": password})
    return browser, response


def ask_token(address, password, username="victim"):
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address).post(
        TOKEN_URL, {"username": username, "password": password}
    )


def is_signed_in(browser) -> bool:
    return browser.get("/account/").status_code == 200


@pytest.fixture
def victim():
    return make_user("victim")


def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(victim):
    statuses = [sign_in("10.0.0.1", f"guess-{n}")[1].status_code for n in range(50)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit - 1 :]) == {429}
    browser, response = sign_in("10.0.0.1", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins. Try again in 15 minutes." in response.content.decode()
    assert int(response["Retry-After"]) == 15 * 60
    assert not is_signed_in(browser)


def test_fifty_wrong_passwords_then_the_right_one_gets_no_token(victim):
    statuses = [ask_token("10.0.0.2", f"guess-{n}").status_code for n in range(50)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [400] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    response = ask_token("10.0.0.2", PASSWORD)
    assert response.status_code == 429
    assert response.json() == {"detail": "Too many failed sign-ins. Try again in 15 minutes."}
    assert not ApiToken.objects.exists()


def test_the_page_and_the_api_count_failures_together(victim):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("10.0.0.3", f"guess-{n}")
    assert ask_token("10.0.0.3", "one-more-guess").status_code == 429
    assert sign_in("10.0.0.3", PASSWORD)[1].status_code == 429


def test_a_lockout_holds_the_name_at_that_address_only(victim):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in("10.0.0.4", f"guess-{n}")
    # The owner elsewhere still signs in: a stranger cannot lock someone out of their account.
    browser, response = sign_in("10.0.0.5", PASSWORD)
    assert response.status_code == 302 and is_signed_in(browser)
    make_user("colleague")
    assert sign_in("10.0.0.4", PASSWORD, username="colleague")[1].status_code == 302


def test_a_success_resets_the_count(victim):
    for _round in range(3):
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in("10.0.0.6", f"guess-{n}")[1].status_code == 200
        assert sign_in("10.0.0.6", PASSWORD)[1].status_code == 302


def test_the_lockout_ends_after_the_cool_off(victim):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in("10.0.0.7", f"guess-{n}")
    assert sign_in("10.0.0.7", PASSWORD)[1].status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(seconds=1)
    )
    browser, response = sign_in("10.0.0.7", PASSWORD)
    assert response.status_code == 302 and is_signed_in(browser)


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(victim, settings):
    settings.PROXY_COUNT = 1  # one proxy appends the real client address last
    for n in range(settings.AXES_FAILURE_LIMIT + 3):
        browser = Client(
            REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.9"
        )
        response = browser.post("/login/", {"username": "victim", "password": f"guess-{n}"})
    assert response.status_code == 429


def test_the_lockout_page_is_in_the_users_language(victim):
    for n in range(settings.AXES_FAILURE_LIMIT):
        browser = Client(HTTP_ACCEPT_LANGUAGE="ko", REMOTE_ADDR="10.0.0.8")
        response = browser.post("/login/", {"username": "victim", "password": f"guess-{n}"})
    assert response.status_code == 429
    assert 'lang="ko"' in response.content.decode()
    assert "Too many failed sign-ins" not in response.content.decode()
