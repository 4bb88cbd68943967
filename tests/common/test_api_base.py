"""What every endpoint inherits from nairl.common.api: ids that name nothing are 400s (never a
500), hidden objects read like missing ones, and racing duplicates get the duplicate's 400."""

import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from factories import make_user
from nairl.common.roles import Role
from nairl.people.models import Institution
from nairl.scaling.models import Study

HUGE = "9" * 20

FILTERS = [
    f"/api/v1/scaling/fits/?study={HUGE}",
    f"/api/v1/scaling/comparisons/?study={HUGE}",
    f"/api/v1/robotics/policies/?team={HUGE}",
    f"/api/v1/robotics/evaluations/?policy={HUGE}",
    f"/api/v1/people/?institution={HUGE}",
    f"/people/?institution={HUGE}",
    f"/robotics/evaluations/?policy={HUGE}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FILTERS)
def test_a_huge_id_in_a_filter_is_a_bad_request_for_anyone(url, client):
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_private_study_reads_like_a_missing_one(api_client_for):
    owner = make_user("study-owner", Role.RESEARCHER)
    private = Study.objects.create(owner=owner, title_en="Secret")
    api = api_client_for(make_user("outsider", Role.RESEARCHER))
    answers = [
        api.post("/api/v1/scaling/fits/", {"study": pk}, format="json").json()["study"][0]
        for pk in (private.pk, private.pk + 1000, HUGE)
    ]
    assert answers[0] == answers[1].replace(str(private.pk + 1000), str(private.pk))
    assert "does not exist" in answers[2]


@pytest.mark.django_db(transaction=True)
def test_racing_duplicates_get_the_duplicates_answer():
    staff = make_user("racing-staff", Role.HUB_STAFF)
    payload = {
        "name_en": "Racing University",
        "country": "KR",
        "kind": "university",
        "ror_id": "05apxxy63",
    }
    barrier = threading.Barrier(8)
    answers = []

    def create():
        api = APIClient()
        api.force_authenticate(staff)
        barrier.wait()
        try:
            response = api.post("/api/v1/institutions/", payload, format="json")
            answers.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    api = APIClient()
    api.force_authenticate(staff)
    sequential = api.post("/api/v1/institutions/", payload, format="json")
    assert Institution.objects.filter(ror_id="05apxxy63").count() == 1
    assert sorted(status for status, _body in answers) == [201] + [400] * 7
    assert sequential.status_code == 400
    for status, body in answers:
        if status == 400:
            assert body == sequential.json()
