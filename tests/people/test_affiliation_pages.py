"""Affiliations added, corrected and ended from the profile, by the person themself and by hub
staff; nobody else; bad dates refused with a clear message and nothing changed."""

import datetime

from factories import make_affiliation, make_institution, make_person, make_user
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.people.models import Affiliation

START = datetime.date(2023, 9, 1)


def test_the_person_adds_corrects_and_ends_an_affiliation(client_for, profile_owner):
    user, person = profile_owner
    browser = client_for(user)
    institution = make_institution("Kaist Walk")
    profile = browser.get(person.get_absolute_url()).content.decode()
    assert f'href="/people/{person.pk}/affiliations/new/"' in profile
    added = browser.post(
        f"/people/{person.pk}/affiliations/new/",
        {"institution": institution.pk, "role": "postdoc", "start": "2023-09-01", "end": ""},
    )
    assert added.status_code == 302 and added["Location"] == person.get_absolute_url()
    affiliation = person.affiliations.get()
    corrected = browser.post(
        f"/people/affiliations/{affiliation.pk}/edit/",
        {"institution": institution.pk, "role": "researcher", "start": "2023-10-01", "end": ""},
    )
    assert corrected.status_code == 302
    ended = browser.post(f"/people/affiliations/{affiliation.pk}/end/", {"end": "2025-06-30"})
    assert ended.status_code == 302
    affiliation.refresh_from_db()
    assert (affiliation.role, affiliation.start, affiliation.end) == (
        "researcher",
        datetime.date(2023, 10, 1),
        datetime.date(2025, 6, 30),
    )
    actions = AuditEntry.objects.filter(content_type__model="affiliation").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["create", "update", "update"]


def test_an_end_before_the_start_is_refused_clearly(client_for, profile_owner):
    user, person = profile_owner
    affiliation = make_affiliation(person, make_institution(), start=START)
    response = client_for(user).post(
        f"/people/affiliations/{affiliation.pk}/end/", {"end": "2023-08-31"}
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert Affiliation.objects.get(pk=affiliation.pk).end is None
    bad_day = client_for(user).post(
        f"/people/affiliations/{affiliation.pk}/end/", {"end": "2023-02-30"}
    )
    assert bad_day.status_code == 400 and "Enter a valid date" in bad_day.content.decode()


def test_the_end_date_form_says_so_in_korean(client_for, profile_owner):
    user, person = profile_owner
    user.language = "ko"
    user.save()
    affiliation = make_affiliation(person, make_institution(), start=START)
    response = client_for(user).post(
        f"/people/affiliations/{affiliation.pk}/end/",
        {"end": "2023-08-31"},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 400
    assert "종료일이 시작일보다 앞섭니다" in response.content.decode()


def test_hub_staff_correct_anyones_affiliation(client_for, profile_owner):
    _user, person = profile_owner
    affiliation = make_affiliation(person, make_institution(), start=START)
    staff = make_user("desk", Role.HUB_STAFF)
    response = client_for(staff).post(
        f"/people/affiliations/{affiliation.pk}/end/", {"end": "2024-01-31"}
    )
    assert response.status_code == 302


def test_someone_else_may_not(client_for, profile_owner):
    _user, person = profile_owner
    affiliation = make_affiliation(person, make_institution(), start=START)
    stranger = client_for(make_user("stranger", Role.RESEARCHER))
    assert stranger.get(f"/people/{person.pk}/affiliations/new/").status_code == 403
    assert (
        stranger.post(f"/people/affiliations/{affiliation.pk}/end/", {"end": "2024-01-31"})
    ).status_code == 403
    assert Affiliation.objects.get(pk=affiliation.pk).end is None
    page = stranger.get(person.get_absolute_url()).content.decode()
    assert "/affiliations/new/" not in page and "/end/" not in page


def test_a_private_profile_stays_hidden(client_for):
    hidden = make_person("Hidden", is_public=False)
    stranger = client_for(make_user("nosy", Role.RESEARCHER))
    assert stranger.get(f"/people/{hidden.pk}/affiliations/new/").status_code == 404
