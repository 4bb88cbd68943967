"""Every list page and list endpoint reads a fixed number of queries, at 1 row and at many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Comparison, Fit

from .helpers import make_study, power_runs

pytestmark = pytest.mark.django_db


def build(count, owner, members):
    for i in range(count):
        study = make_study(owner, members=members, is_public=i % 2 == 0, title_en=f"Study {i}")
        power_runs(study, count=3)
        Fit.objects.create(
            study=study,
            created_by=owner,
            status="done",
            result={"big": "x" * 1000},
            plots={"fit": {"en": "<svg/>"}},
        )
        Comparison.objects.create(study=study, created_by=owner, method_group="method")
    return study


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    heavy = [
        q["sql"]
        for q in context.captured_queries
        if '"result"' in q["sql"] or '"plots"' in q["sql"]
    ]
    assert not heavy, heavy  # no result or plot blobs on list paths
    return len(context.captured_queries)


PAGE_URLS = [
    "/scaling/",
    "/scaling/fits/",
    "/scaling/comparisons/",
    "/scaling/{study}/",
    "/scaling/{study}/runs/",
]
API_URLS = [
    "/api/v1/scaling/studies/",
    "/api/v1/scaling/fits/",
    "/api/v1/scaling/comparisons/",
    "/api/v1/scaling/studies/{study}/runs/",
]


@pytest.mark.parametrize("viewer", ["owner", "member", "other", "director", "anonymous"])
@pytest.mark.parametrize("url", PAGE_URLS + API_URLS)
def test_list_query_count_does_not_grow(url, viewer, client_for, api_client_for, role_users):
    owner = make_user("owner", Role.RESEARCHER)
    member = make_user("member", Role.RESEARCHER)
    users = {
        "owner": owner,
        "member": member,
        "other": role_users[Role.RESEARCHER],
        "director": role_users[Role.PROGRAM_DIRECTOR],
        "anonymous": None,
    }
    make = api_client_for if url.startswith("/api/") else client_for
    client = make(users[viewer])
    first = build(1, owner, [member])
    counts = []
    for extra in (0, 7):
        study = build(extra, owner, [member]) if extra else first
        if not study.is_public and viewer in ("other", "anonymous"):
            study = first  # study 0 is public
        client.get(url.format(study=study.pk))  # warm the session and role caches
        counts.append(count_queries(client, url.format(study=study.pk)))
    assert counts[0] == counts[1], counts
