"""The personal home (/me/): each demo role sees the panels that concern it and no other, each
with a title and rows, in a number of queries that does not grow with the rows."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .home_world import DEMO_ROLES, add_home_rows, demo_user

EVERYONE = {"people-my-profile"}
RESEARCHER_OWN = {
    "people-my-affiliations",
    "research-my-projects",
    "scaling-my-studies",
    "robotics-team-evaluations",
    "calls-my-applications",
}
OVERSIGHT = {"research-programs"}
OPERATIONS = {"calls-decisions", "residency-arriving", "common-failed-jobs"}
EXPECTED_PANELS = {
    "researcher": EVERYONE | RESEARCHER_OWN,
    "reviewer": EVERYONE,
    "staff": EVERYONE | OPERATIONS,
    "director": EVERYONE | OVERSIGHT | {"calls-decisions"},
    "finance": EVERYONE | OVERSIGHT,
    "funder": EVERYONE | OVERSIGHT,
    "admin": EVERYONE | OVERSIGHT | OPERATIONS,
}
PANEL = re.compile(r'data-panel="([\w-]+)"')
MOST_QUERIES = 25  # session, user, roles, menu and one or two per panel (12 to 20 measured)


def home_of(username: str):
    """Signed in as the demo user, reading English (several demo logins read Korean)."""
    user = demo_user(username)
    user.language = "en"
    user.save(update_fields=["language"])
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(user)
    return browser


def panels_on(response) -> set[str]:
    return set(PANEL.findall(response.content.decode()))


def test_every_demo_role_has_an_expectation():
    assert set(EXPECTED_PANELS) == set(DEMO_ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(EXPECTED_PANELS))
def test_each_role_sees_its_panels_and_not_others(username):
    add_home_rows(2)
    response = home_of(username).get("/me/")
    assert response.status_code == 200
    assert panels_on(response) == EXPECTED_PANELS[username]


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(EXPECTED_PANELS))
def test_the_home_makes_as_many_queries_for_thirty_rows_as_for_one(username):
    add_home_rows(1)
    browser = home_of(username)
    browser.get("/me/")  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        browser.get("/me/")
    add_home_rows(29)
    with CaptureQueriesContext(connection) as many:
        response = browser.get("/me/")
    assert len(many) == len(few), "\n".join(query["sql"] for query in many.captured_queries)
    assert len(many) <= MOST_QUERIES
    assert panels_on(response) == EXPECTED_PANELS[username]


@pytest.mark.django_db
def test_panels_have_a_title_rows_and_a_link_to_everything():
    add_home_rows(12)
    page = home_of("researcher").get("/me/").content.decode()
    studies = page.split('data-panel="scaling-my-studies"')[1].split("</section>")[0]
    assert "My studies and running fits" in studies
    assert studies.count("<li>") == 10  # a few rows, not all twelve
    assert 'href="/scaling/"' in studies and "See all" in studies


@pytest.mark.django_db
def test_signed_in_home_page_leads_to_my_home_and_anonymous_visitors_sign_in(client):
    add_home_rows(1)
    assert 'href="/me/"' in home_of("reviewer").get("/").content.decode()
    assert client.get("/me/").status_code == 302


@pytest.mark.django_db
def test_a_user_without_profile_is_told_how_to_get_one():
    page = home_of("funder").get("/me/").content.decode()
    assert "no directory profile yet" in page
