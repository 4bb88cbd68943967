"""Every list page and endpoint makes as many queries for 30 rows as for 1 (no N+1)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factories import make_user
from list_views import load_list_views

LIST_VIEWS = load_list_views()
MANY = 30


def queries_for(browser, url):
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries], response


@pytest.mark.django_db
@pytest.mark.parametrize("view", LIST_VIEWS, ids=[view.label for view in LIST_VIEWS])
def test_query_count_does_not_grow_with_rows(view):
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    if view.role != "anonymous":
        browser.force_login(make_user(f"counter-{view.role}", view.role))
    view.add_rows(1)
    url = view.path()
    browser.get(url)  # warm per-process caches (content types, translations, sessions)
    few, few_response = queries_for(browser, url)
    view.add_rows(MANY - 1)
    many, many_response = queries_for(browser, url)
    assert len(many_response.content) > len(few_response.content), "the extra rows are not shown"
    assert len(many) == len(few), "\n".join(many)
