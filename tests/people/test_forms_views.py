"""Editing people and institutions through the pages."""

import pytest
from django.urls import reverse

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Institution, Person

pytestmark = pytest.mark.django_db


def person_form(person, **changes):
    data = {
        "name_ko": person.name_ko,
        "name_en": person.name_en,
        "orcid": person.orcid or "",
        "email": person.email,
        "email_visibility": person.email_visibility,
        "country": person.country.code or "",
        "bio_ko": person.bio_ko,
        "bio_en": person.bio_en,
        "expertise": [area.pk for area in person.expertise.all()],
    }
    if person.is_public:
        data["is_public"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def owner():
    return make_user("owner", Role.RESEARCHER)


@pytest.fixture
def profile(owner):
    return make_person("Jane Doe", name_ko="제인", user=owner, bio_en="Old bio", country="KR")


def test_edit_own_profile(client_for, owner, profile):
    url = reverse("people:person-edit", args=[profile.pk])
    browser = client_for(owner)
    assert browser.get(url).status_code == 200
    response = browser.post(
        url,
        person_form(
            profile, bio_en="Robots that learn.", bio_ko="배우는 로봇.", orcid="0000-0002-1694-233x"
        ),
    )
    assert response.status_code == 302 and response["Location"] == profile.get_absolute_url()
    profile.refresh_from_db()
    assert (profile.bio_en, profile.bio_ko, profile.orcid) == (
        "Robots that learn.",
        "배우는 로봇.",
        "0000-0002-1694-233X",
    )
    page = browser.get(profile.get_absolute_url()).content.decode()
    assert "Robots that learn." in page and "Saved." in page


def test_edit_own_profile_with_pasted_orcid_url(client_for, owner, profile):
    url = reverse("people:person-edit", args=[profile.pk])
    response = client_for(owner).post(
        url, person_form(profile, orcid="https://orcid.org/0000-0002-1825-0097")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.orcid == "0000-0002-1825-0097"


def test_other_researchers_profile_is_forbidden(client_for, profile):
    other = make_user("other", Role.RESEARCHER)
    url = reverse("people:person-edit", args=[profile.pk])
    assert client_for(other).get(url).status_code == 403
    assert client_for(other).post(url, person_form(profile, bio_en="Vandalised")).status_code == 403
    profile.refresh_from_db()
    assert profile.bio_en == "Old bio"


def test_hub_staff_edits_any_profile(client_for, profile):
    staff = make_user("staff", Role.HUB_STAFF)
    response = client_for(staff).post(
        reverse("people:person-edit", args=[profile.pk]),
        person_form(profile, bio_en="Edited by staff"),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.bio_en == "Edited by staff"


def test_anonymous_is_sent_to_sign_in(client, profile):
    response = client.post(reverse("people:person-edit", args=[profile.pk]), person_form(profile))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "orcid, message",
    [
        ("0000-0002-1825-0098", "its check digit does not match"),
        ("1234", "is not an ORCID iD"),
    ],
)
def test_invalid_orcid_is_a_400_with_message_and_changes_nothing(
    client_for, owner, profile, orcid, message
):
    before = Person.objects.filter(pk=profile.pk).values().get()
    response = client_for(owner).post(
        reverse("people:person-edit", args=[profile.pk]),
        person_form(profile, bio_en="Should not be saved", orcid=orcid),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors["orcid"]
    assert Person.objects.filter(pk=profile.pk).values().get() == before


def test_duplicate_orcid_is_refused(client_for, owner, profile):
    make_person("Someone", orcid="0000-0002-1825-0097")
    response = client_for(owner).post(
        reverse("people:person-edit", args=[profile.pk]),
        person_form(profile, orcid="0000-0002-1825-0097"),
    )
    assert response.status_code == 400
    assert "Person with this ORCID iD already exists." in response.content.decode()


def test_name_required_in_one_language(client_for, owner, profile):
    response = client_for(owner).post(
        reverse("people:person-edit", args=[profile.pk]),
        person_form(profile, name_ko="", name_en=""),
    )
    assert response.status_code == 400
    assert "in Korean or English (at least one)" in response.content.decode()


def test_only_staff_create_people(client_for):
    data = {"name_en": "New Person", "email_visibility": "members", "is_public": "on"}
    researcher = make_user("r", Role.RESEARCHER)
    assert client_for(researcher).post(reverse("people:person-create"), data).status_code == 403
    staff = make_user("staff", Role.HUB_STAFF)
    response = client_for(staff).post(reverse("people:person-create"), data)
    assert response.status_code == 302
    assert Person.objects.get(name_en="New Person").is_public


def institution_form(institution, **changes):
    data = {
        "name_ko": institution.name_ko,
        "name_en": institution.name_en,
        "ror_id": institution.ror_id or "",
        "country": institution.country.code,
        "kind": institution.kind,
        "parent": institution.parent_id or "",
        "website": institution.website,
    }
    data.update(changes)
    return data


def test_institution_edit_by_staff_and_cycle_refused(client_for):
    staff = make_user("staff", Role.HUB_STAFF)
    top = make_institution("University")
    child = make_institution("Lab", parent=top)
    url = reverse("people:institution-edit", args=[top.pk])
    response = client_for(staff).post(url, institution_form(top, parent=child.pk))
    assert response.status_code == 400
    assert "An institution cannot be its own ancestor." in response.content.decode()
    assert Institution.objects.get(pk=top.pk).parent is None
    response = client_for(staff).post(
        url, institution_form(top, ror_id="https://ror.org/05apxxy63")
    )
    assert response.status_code == 302
    assert Institution.objects.get(pk=top.pk).ror_id == "05apxxy63"


def test_institution_invalid_ror_refused(client_for):
    staff = make_user("staff", Role.HUB_STAFF)
    top = make_institution("University")
    response = client_for(staff).post(
        reverse("people:institution-edit", args=[top.pk]), institution_form(top, ror_id="05apxxy64")
    )
    assert response.status_code == 400
    assert "its check digits do not match" in response.content.decode()
    assert Institution.objects.get(pk=top.pk).ror_id is None


def test_institution_create_and_edit_need_staff(client_for):
    researcher = make_user("r", Role.RESEARCHER)
    top = make_institution("University")
    assert client_for(researcher).get(reverse("people:institution-create")).status_code == 403
    assert (
        client_for(researcher)
        .post(reverse("people:institution-edit", args=[top.pk]), institution_form(top, name_en="X"))
        .status_code
        == 403
    )
    staff = make_user("staff", Role.HUB_STAFF)
    response = client_for(staff).post(
        reverse("people:institution-create"),
        {
            "name_ko": "",
            "name_en": "New Lab",
            "ror_id": "",
            "country": "FR",
            "kind": "institute",
            "parent": "",
            "website": "https://lab.example.org",
        },
    )
    assert response.status_code == 302
    assert Institution.objects.get(name_en="New Lab").country.code == "FR"


def test_the_public_profile_box_is_laid_out_as_a_checkbox_inside_its_label(client_for):
    staff = make_user("layout-staff", Role.HUB_STAFF)
    page = client_for(staff).get(reverse("people:person-create")).content.decode()
    assert (
        '<div class="field checkbox">\n    <label for="id_is_public"><input type="checkbox" '
        'name="is_public"'
    ) in page


def test_expertise_is_chosen_by_name_from_groups(client_for):
    staff = make_user("groups-staff", Role.HUB_STAFF)
    page = client_for(staff).get(reverse("people:person-create")).content.decode()
    assert page.count("<fieldset>") == 5
    assert "<legend>AI and machine learning</legend>" in page
    assert "Machine Learning (cs.LG)</label>" in page
    staff.language = "ko"
    staff.save()
    korean = client_for(staff).get(reverse("people:person-create")).content.decode()
    assert "<legend>인공지능과 기계 학습</legend>" in korean
    assert "기계 학습 (cs.LG)</label>" in korean


def test_expertise_chosen_in_groups_is_saved(client_for):
    from nairl.people.models import ExpertiseArea

    staff = make_user("groups-saver", Role.HUB_STAFF)
    chosen = ExpertiseArea.objects.filter(code__in=["cs.LG", "cs.RO", "cs.CR"])
    response = client_for(staff).post(
        reverse("people:person-create"),
        {
            "name_en": "Grouped Chooser",
            "email_visibility": "members",
            "expertise": [area.pk for area in chosen],
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(name_en="Grouped Chooser")
    assert set(person.expertise.values_list("code", flat=True)) == {"cs.LG", "cs.RO", "cs.CR"}
