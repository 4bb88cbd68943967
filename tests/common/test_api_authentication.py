"""API authentication (settings.REST_FRAMEWORK): token first, so missing or bad credentials get
401 with a Token challenge; browsers signed in by session still use the API, with CSRF checks."""

import pytest
from rest_framework.test import APIClient

from factories import make_institution, make_user
from nairl.common.roles import Role
from nairl.people.models import Institution

pytestmark = pytest.mark.django_db

INSTITUTIONS = "/api/v1/institutions/"


def institution_url():
    return f"{INSTITUTIONS}{make_institution('Seoul Tech').pk}/"


def test_bad_token_gets_401_with_a_token_challenge():
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    for response in (api.get(INSTITUTIONS), api.post(INSTITUTIONS, {}, format="json")):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "Invalid token."}


def test_bad_token_is_refused_even_with_a_signed_in_session():
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(make_user("staff", Role.HUB_STAFF))
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get(INSTITUTIONS)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_anonymous_writes_get_401_and_change_nothing():
    url = institution_url()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    response = api.patch(url, {"name_en": "Vandalised"}, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert api.post(INSTITUTIONS, {"name_en": "x"}, format="json").status_code == 401
    assert list(Institution.objects.values_list("name_en", flat=True)) == ["Seoul Tech"]


def test_signed_in_users_without_the_right_get_403_without_a_challenge(api_client_for):
    response = api_client_for(make_user("r", Role.RESEARCHER)).post(
        INSTITUTIONS, {"name_en": "x"}, format="json"
    )
    assert response.status_code == 403 and "WWW-Authenticate" not in response


def test_valid_token_works(api_client_for):
    url = institution_url()
    api = api_client_for(make_user("staff", Role.HUB_STAFF))
    assert api.get(INSTITUTIONS).status_code == 200
    changed = api.patch(url, {"website": "https://seoultech.example"}, format="json")
    assert changed.status_code == 200


def test_browsable_api_works_with_a_session_and_checks_csrf():
    url = institution_url()
    browser = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(make_user("staff", Role.HUB_STAFF))
    page = browser.get(url, HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Seoul Tech" in page.content.decode()

    refused = browser.patch(url, {"website": "https://a.example"}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]

    token = browser.cookies["csrftoken"].value  # set by the browsable API's forms
    accepted = browser.patch(
        url, {"website": "https://a.example"}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200, accepted.content
    assert Institution.objects.get().website == "https://a.example"
