"""API tokens expire, can be revoked by their owner, and are stored only as digests: nobody,
administrators included, can read a user's key after it was shown once."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from factories import PASSWORD, make_user
from nairl.common import tokens
from nairl.common.models import ApiToken

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def api_with(key):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def refused(response, detail):
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": detail}
    return True


def test_the_endpoint_issues_a_new_expiring_key_each_time():
    owner = make_user("owner")
    first = APIClient().post("/api/v1/auth/token/", {"username": "owner", "password": PASSWORD})
    second = APIClient().post("/api/v1/auth/token/", {"username": "owner", "password": PASSWORD})
    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]
    expires = datetime.datetime.fromisoformat(first.json()["expires_at"])
    assert expires - timezone.now() > datetime.timedelta(days=29)
    assert api_with(first.json()["token"]).get(PEOPLE).status_code == 200
    assert ApiToken.objects.filter(user=owner).count() == 2


def test_only_a_digest_is_stored():
    _token, key = tokens.issue(make_user("owner"), "laptop")
    row = ApiToken.objects.values().get()
    assert key not in [str(value) for value in row.values()]
    assert row["digest"] == tokens.digest(key) and row["prefix"] == key[:8]


def test_administrators_cannot_read_a_key_in_the_admin():
    token, key = tokens.issue(make_user("owner"), "laptop")
    admin = APIClient()
    admin.force_login(make_user("root", is_staff=True, is_superuser=True))
    pages = [
        admin.get("/admin/common/apitoken/"),
        admin.get(f"/admin/common/apitoken/{token.pk}/change/"),
    ]
    for page in pages:
        assert page.status_code == 200 and "laptop" in page.content.decode()
        assert key not in page.content.decode() and token.digest not in page.content.decode()
    assert admin.get("/admin/common/apitoken/add/").status_code == 403
    # DRF's own token table, which kept keys readable, is gone.
    assert admin.get("/admin/authtoken/tokenproxy/").status_code == 404


def test_an_administrator_can_revoke_a_token_in_the_admin():
    token, key = tokens.issue(make_user("owner"), "laptop")
    admin = APIClient()
    admin.force_login(make_user("root", is_staff=True, is_superuser=True))
    response = admin.post(
        "/admin/common/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    assert refused(api_with(key).get(PEOPLE), "This token has been revoked.")


def test_an_expired_token_gets_401():
    token, key = tokens.issue(make_user("owner"), "laptop", days=7)
    assert api_with(key).get(PEOPLE).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert refused(api_with(key).get(PEOPLE), "This token has expired.")


def test_the_owner_creates_and_revokes_tokens_on_the_account_page(client_for):
    owner = make_user("owner")
    browser = client_for(owner)
    created = browser.post("/account/tokens/", {"name": "notebook", "days": "90"})
    assert created.status_code == 200
    token = ApiToken.objects.get(user=owner)
    key = created.context["new_key"]
    assert key in created.content.decode() and tokens.digest(key) == token.digest
    assert token.expires_at - timezone.now() > datetime.timedelta(days=89)
    page = browser.get("/account/").content.decode()
    assert "notebook" in page and token.prefix in page and key not in page  # shown once

    assert api_with(key).get(PEOPLE).status_code == 200
    assert browser.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert refused(api_with(key).get(PEOPLE), "This token has been revoked.")
    assert "revoked" in browser.get("/account/").content.decode()


def test_bad_token_forms_are_refused_and_change_nothing(client_for):
    browser = client_for(make_user("owner"))
    for data in ({"name": "", "days": "30"}, {"name": "x", "days": "9999"}, {"name": "x" * 81}):
        response = browser.post("/account/tokens/", data)
        assert response.status_code == 400 and response.context["new_key"] is None
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(client_for):
    token, key = tokens.issue(make_user("owner"), "laptop")
    intruder = client_for(make_user("intruder", is_staff=True, is_superuser=True))
    assert intruder.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert api_with(key).get(PEOPLE).status_code == 200


@pytest.mark.django_db(transaction=True)  # SQLite changes schemas outside a test's transaction
def test_keys_of_drfs_old_token_table_are_hashed_and_the_table_dropped():
    owner = make_user("owner")
    with connection.schema_editor() as editor:
        editor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, "
            "user_id bigint)"
        )
        editor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            ["0123456789abcdef0123456789abcdef01234567", timezone.now(), owner.pk],
        )
        migration = importlib.import_module("nairl.common.migrations.0003_api_tokens")
        migration.hash_old_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    old_key = "0123456789abcdef0123456789abcdef01234567"
    assert api_with(old_key).get(PEOPLE).status_code == 200
    assert ApiToken.objects.get().expires_at > timezone.now() + datetime.timedelta(days=29)
