"""Every list page and endpoint makes as many queries for 30 rows as for 1 (no N+1), and every
one of them is in the registry (tests/list_views.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from factories import make_user
from list_views import load_list_views
from nairl.common.pages import ObjectListView

LIST_VIEWS = load_list_views()
MANY = 30


def url_names(lists_only: bool, patterns=None, namespace=""):
    """Names of the URLs (only of those whose view lists objects — a generic list page or a
    viewset's list — when `lists_only`)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(lists_only, entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            actions = getattr(entry.callback, "actions", None) or {}
            lists = (view_class and issubclass(view_class, ObjectListView)) or (
                "list" in actions.values()
            )
            if lists or not lists_only:
                yield f"{namespace}{entry.name}"


def test_every_list_page_and_endpoint_is_registered():
    registered = {view.name for view in LIST_VIEWS}
    missing = sorted(set(url_names(lists_only=True)) - registered)
    assert missing == [], (
        "Add these list pages/endpoints to tests/<app>/list_views.py (see tests/list_views.py)"
    )


def test_registry_names_real_urls():
    unknown = sorted({view.name for view in LIST_VIEWS} - set(url_names(lists_only=False)))
    assert unknown == []


def queries_for(browser, url):
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries], response


@pytest.mark.django_db
@pytest.mark.parametrize("view", LIST_VIEWS, ids=[view.test_id for view in LIST_VIEWS])
def test_query_count_does_not_grow_with_rows(view):
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    view.add_rows(1)
    user = view.viewer() if view.viewer else None
    if user is None and view.role != "anonymous":
        user = make_user(f"counter-{view.role}", view.role)
    if user is not None:
        browser.force_login(user)
    url = view.path()
    browser.get(url)  # warm per-process caches (content types, translations, sessions)
    few, few_response = queries_for(browser, url)
    view.add_rows(MANY - 1)
    many, many_response = queries_for(browser, url)
    assert len(many_response.content) > len(few_response.content), "the extra rows are not shown"
    assert len(many) == len(few), "\n".join(many)
    for fragment in view.never_reads:
        reading = [sql for sql in few + many if fragment in sql]
        assert reading == [], f"{fragment} is read on a list path"
