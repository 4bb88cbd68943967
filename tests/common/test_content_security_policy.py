"""The Content-Security-Policy and Permissions-Policy headers, and pages free of inline code.

The permission walk checks both on every URL as every role; this covers what it skips (the Django
admin, the browsable API, the API reference page) and the checker itself."""

import pytest
from django.test import Client

from factories import make_user
from nairl.common.roles import Role
from security_headers import csp_directives, inline_code

pytestmark = pytest.mark.django_db


def test_the_inline_code_finder_finds_what_the_policy_would_refuse():
    page = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<a href="javascript:alert(2)">x</a><img src="x.png" onerror="alert(3)">'
    )
    assert inline_code(page) == [
        "<script>alert(1)…</script>",
        "<a href=javascript:…>",
        "<img onerror=…>",
    ]


def test_the_policy_allows_scripts_from_the_hub_alone():
    response = Client().get("/")
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def superuser_client():
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(make_user("root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    return browser


@pytest.mark.parametrize(
    "path, accept",
    [
        ("/admin/", "text/html"),
        ("/admin/common/apitoken/", "text/html"),
        ("/admin/scaling/study/add/", "text/html"),
        ("/api/v1/people/", "text/html"),  # the browsable API
        ("/api/v1/institutions/", "text/html"),
        ("/api/docs/", "text/html"),
    ],
)
def test_pages_the_walk_skips_have_no_inline_code(superuser_client, path, accept):
    response = superuser_client.get(path, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert csp_directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert inline_code(response.text) == []


def test_the_api_reference_loads_nothing_from_outside_hosts(client):
    page = client.get("/api/docs/").text
    assert "http://" not in page and "https://" not in page
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in page
