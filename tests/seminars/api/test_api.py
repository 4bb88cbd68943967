"""The seminars API: the same policies and rules as the pages."""

import pytest

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.seminars.models import Registration, Talk

from ..helpers import in_days, make_series, make_talk, seat

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_talks_list_hides_unpublished_talks_and_counts_seats(api_client_for):
    talk = make_talk(capacity=3, title_en="Shown")
    make_talk(is_published=False, title_en="Hidden")
    seat(talk, 0)
    rows = api_client_for(None).get("/api/v1/seminars/talks/").json()["results"]
    assert [(row["title_en"], row["seats_taken"]) for row in rows] == [("Shown", 1)]
    assert rows[0]["url"] == f"/seminars/talks/{talk.pk}/"
    staff_rows = api_client_for(make_user("s", Role.HUB_STAFF)).get("/api/v1/seminars/talks/")
    assert len(staff_rows.json()["results"]) == 2


def test_staff_create_a_talk_and_bad_times_are_refused(api_client_for):
    staff = make_user("s", Role.HUB_STAFF)
    series = make_series()
    api = api_client_for(staff)
    good = {
        "series": series.pk,
        "guest_name": "Yann Martin",
        "title_en": "Planning",
        "start": "2027-03-29T18:00:00+02:00",
        "end": "2027-03-29T19:00:00+02:00",
        "time_zone": "Europe/Paris",
        "keywords": ["cs.LG"],
    }
    answer = api.post("/api/v1/seminars/talks/", good, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["keywords"] == ["cs.LG"] and answer.json()["sequence"] == 0
    bad = api.post(
        "/api/v1/seminars/talks/", {**good, "end": "2027-03-29T17:00:00+02:00"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["end"] == ["The talk ends before it starts."]
    zone = api.post("/api/v1/seminars/talks/", {**good, "time_zone": "Paris"}, format="json")
    assert zone.status_code == 400 and "time_zone" in zone.json()
    assert Talk.objects.count() == 1


def test_an_organiser_adds_talks_only_to_their_series(api_client_for):
    user = make_user("org", Role.RESEARCHER)
    mine = make_series(organisers=[make_person("Org", user=user)])
    other = make_series()
    api = api_client_for(user)
    data = {
        "guest_name": "Guest",
        "title_en": "A talk",
        "start": "2027-03-29T18:00:00Z",
        "end": "2027-03-29T19:00:00Z",
    }
    assert (
        api.post("/api/v1/seminars/talks/", {**data, "series": mine.pk}, format="json").status_code
        == 201
    )
    assert (
        api.post("/api/v1/seminars/talks/", {**data, "series": other.pk}, format="json").status_code
        == 403
    )


def test_register_cancel_and_promotion_through_the_api(api_client_for):
    talk = make_talk(capacity=1)
    first, second = make_user("first"), make_user("second")
    one = api_client_for(first).post(
        "/api/v1/seminars/registrations/",
        {"talk": talk.pk, "name": "First", "email": first.email},
        format="json",
    )
    two = api_client_for(second).post(
        "/api/v1/seminars/registrations/",
        {"talk": talk.pk, "name": "Second", "email": second.email, "language": "ko"},
        format="json",
    )
    assert (one.json()["status"], two.json()["status"]) == ("seated", "waitlisted")
    mine = api_client_for(second).get("/api/v1/seminars/registrations/").json()["results"]
    assert [row["id"] for row in mine] == [two.json()["id"]]
    cancelled = api_client_for(first).post(
        f"/api/v1/seminars/registrations/{one.json()['id']}/cancel/"
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = api_client_for(first).post(f"/api/v1/seminars/registrations/{one.json()['id']}/cancel/")
    assert again.status_code == 400
    assert Registration.objects.get(pk=two.json()["id"]).status == Status.SEATED


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "nope"}, "email"),
        ({"talk": 10**30}, "talk"),
        ({"talk": "past"}, "non_field_errors"),
    ],
)
def test_bad_registrations_through_the_api(api_client_for, data, field):
    talk = make_talk(capacity=5)
    past = make_talk(start=in_days(-2))
    user = make_user("ada")
    body = {"talk": talk.pk, "name": "Ada", "email": "ada@example.org", **data}
    if body["talk"] == "past":
        body["talk"] = past.pk
    answer = api_client_for(user).post("/api/v1/seminars/registrations/", body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert not Registration.objects.exists()


def test_check_in_through_the_api_is_for_those_who_run_the_talk(api_client_for):
    talk = make_talk(capacity=5)
    registration = seat(talk, 0)
    staff = make_user("s", Role.HUB_STAFF)
    path = f"/api/v1/seminars/registrations/{registration.pk}/check-in/"
    assert api_client_for(registration.user).post(path).status_code == 403
    answer = api_client_for(staff).post(path)
    assert answer.status_code == 200 and answer.json()["checked_in_at"]
