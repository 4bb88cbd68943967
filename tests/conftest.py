"""Fixtures shared by the whole suite: one user per role, API clients, a stable language."""

import pytest
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from factories import PASSWORD, make_user
from nairl.common import tokens
from nairl.common.roles import Role

# Every role a request can be made as; "anonymous" is a visitor who has not signed in.
ROLES = ["anonymous", *Role.values]


@pytest.fixture(autouse=True)
def english_by_default():
    """Messages are asserted in English unless a test switches language itself.

    The hub's default language is Korean; the Korean catalogue is filled separately, and tests
    should not change meaning when a translation lands.
    """
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """Background tasks run in the test's process once its transaction commits (tests capture
    them with django_capture_on_commit_callbacks); tests of the worker choose "database"."""
    settings.TASK_BACKEND = "inline"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per user; tests create many users and test no hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def role_users(db):
    """One user per role, named after it (the administrator through the role, not is_superuser)."""
    return {role: make_user(role, role) for role in Role.values}


@pytest.fixture
def researcher(role_users):
    return role_users[Role.RESEARCHER]


@pytest.fixture
def hub_staff(role_users):
    return role_users[Role.HUB_STAFF]


@pytest.fixture
def administrator(role_users):
    return role_users[Role.ADMINISTRATOR]


@pytest.fixture
def client_for(db):
    """`client_for(user)`: a signed-in page client; `client_for(None)`: an anonymous one."""

    def build(user):
        browser = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            browser.force_login(user)
        return browser

    return build


@pytest.fixture
def api_client_for(db):
    """`api_client_for(user)`: an API client authenticated with the user's token."""

    def build(user):
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            _token, key = tokens.issue(user, "tests")
            api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return api

    return build


@pytest.fixture
def password():
    return PASSWORD
