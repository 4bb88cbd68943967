"""The affiliations endpoint: the person and hub staff add, correct and end; others may not; bad
dates are a 400 that names the field; an affiliation never moves to another person."""

from factories import make_affiliation, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Affiliation


def test_the_person_adds_corrects_and_ends(api_client_for, profile_owner):
    user, person = profile_owner
    api = api_client_for(user)
    institution = make_institution()
    created = api.post(
        "/api/v1/affiliations/",
        {
            "person": person.pk,
            "institution": institution.pk,
            "role": "engineer",
            "start": "2024-01-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    corrected = api.patch(f"/api/v1/affiliations/{pk}/", {"role": "researcher"}, format="json")
    assert corrected.status_code == 200
    ended = api.patch(f"/api/v1/affiliations/{pk}/", {"end": "2024-12-31"}, format="json")
    assert ended.json()["end"] == "2024-12-31"
    listed = api.get(f"/api/v1/affiliations/?person={person.pk}").json()
    assert [row["role"] for row in listed["results"]] == ["researcher"]


def test_bad_dates_and_moves_are_refused(api_client_for, profile_owner):
    user, person = profile_owner
    affiliation = make_affiliation(person, make_institution())
    api = api_client_for(user)
    early = api.patch(
        f"/api/v1/affiliations/{affiliation.pk}/", {"end": "2019-12-31"}, format="json"
    )
    assert early.status_code == 400 and "end" in early.json()
    moved = api.patch(
        f"/api/v1/affiliations/{affiliation.pk}/", {"person": make_person().pk}, format="json"
    )
    assert moved.status_code == 400 and "person" in moved.json()
    affiliation.refresh_from_db()
    assert affiliation.end is None and affiliation.person == person


def test_others_may_not_add_or_change(api_client_for, profile_owner):
    _user, person = profile_owner
    affiliation = make_affiliation(person, make_institution())
    stranger = api_client_for(make_user("api-stranger", Role.RESEARCHER))
    added = stranger.post(
        "/api/v1/affiliations/",
        {"person": person.pk, "institution": make_institution().pk},
        format="json",
    )
    assert added.status_code == 403
    changed = stranger.patch(
        f"/api/v1/affiliations/{affiliation.pk}/", {"end": "2024-12-31"}, format="json"
    )
    assert changed.status_code == 403
    assert Affiliation.objects.filter(person=person).count() == 1


def test_a_private_persons_affiliations_are_hidden(api_client_for):
    hidden = make_person("Hidden", is_public=False, institutions=[make_institution()])
    api = api_client_for(make_user("api-nosy", Role.RESEARCHER))
    assert api.get(f"/api/v1/affiliations/?person={hidden.pk}").json()["results"] == []
    added = api.post(
        "/api/v1/affiliations/",
        {"person": hidden.pk, "institution": make_institution().pk},
        format="json",
    )
    assert added.status_code == 400  # reads as a person that does not exist
