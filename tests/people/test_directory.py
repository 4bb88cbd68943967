"""Directory search through the page, and who sees which profiles."""

import datetime

import pytest
from django.urls import reverse

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    kaist = make_institution(
        "Korea Advanced Institute of Science and Technology",
        name_ko="한국과학기술원",
        ror_id="05apxxy63",
        country="KR",
    )
    stanford = make_institution("Stanford University", ror_id="00f54p054", country="US")
    mila = make_institution("Mila", name_ko="", country="CA", kind="institute")
    return {
        "minjun": make_person(
            "Minjun Kim", name_ko="김민준", country="KR", expertise=["cs.RO"], institutions=[kaist]
        ),
        "seoyeon": make_person(
            "Seoyeon Park",
            name_ko="박서연",
            country="KR",
            expertise=["cs.LG"],
            institutions=[kaist],
        ),
        "alice": make_person(
            "Alice McDonald", country="US", expertise=["cs.LG", "cs.AI"], institutions=[stanford]
        ),
        "yoshua": make_person(
            "Yoshua Example", country="CA", expertise=["cs.LG"], institutions=[mila]
        ),
        "hidden": make_person(
            "Hidden Minjun",
            name_ko="숨은민준",
            country="KR",
            is_public=False,
            user=make_user("hidden", Role.RESEARCHER),
            institutions=[kaist],
        ),
        "kaist": kaist,
        "stanford": stanford,
        "mila": mila,
    }


def names(client, **params):
    response = client.get(reverse("people:directory"), params)
    assert response.status_code == 200
    return {person.name_en for person in response.context["page"].items}


def test_korean_partial_name(client, directory):
    assert names(client, q="민준") == {"Minjun Kim"}
    assert names(client, q="김민") == {"Minjun Kim"}


def test_english_partial_name_any_case(client, directory):
    assert names(client, q="MINJ") == {"Minjun Kim"}
    assert names(client, q="mcdon") == {"Alice McDonald"}


def test_institution_name_in_either_language(client, directory):
    assert names(client, q="과학기술원") == {"Minjun Kim", "Seoyeon Park"}
    assert names(client, q="stanford") == {"Alice McDonald"}


def test_expertise_code_as_text_and_as_filter(client, directory):
    assert names(client, q="cs.RO") == {"Minjun Kim"}
    assert names(client, expertise="cs.LG") == {"Seoyeon Park", "Alice McDonald", "Yoshua Example"}


def test_country_filter_and_country_name_in_text(client, directory):
    assert names(client, country="CA") == {"Yoshua Example"}
    assert names(client, q="canada") == {"Yoshua Example"}


def test_institution_and_kind_filters(client, directory):
    assert names(client, institution=directory["kaist"].pk) == {"Minjun Kim", "Seoyeon Park"}
    assert names(client, kind="institute") == {"Yoshua Example"}


def test_unknown_institution_is_a_bad_request(client, directory):
    response = client.get(reverse("people:directory"), {"institution": 999999})
    assert response.status_code == 400
    assert "That institution does not exist." in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "-1"])
def test_an_institution_id_that_is_no_number_is_a_bad_request_that_says_so(client, value):
    response = client.get(reverse("people:directory"), {"institution": value})
    assert response.status_code == 400
    assert "That institution does not exist." in response.content.decode()


def test_invalid_filter_value_is_a_bad_request(client, directory):
    response = client.get(reverse("people:directory"), {"country": "XX"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_combined_filters(client, directory):
    assert names(client, q="kim", country="KR", expertise="cs.RO") == {"Minjun Kim"}
    assert names(client, q="kim", country="KR", expertise="cs.LG") == set()
    assert names(client, expertise="cs.LG", country="KR", institution=directory["kaist"].pk) == {
        "Seoyeon Park"
    }


def test_every_word_must_match(client, directory):
    assert names(client, q="minjun stanford") == set()
    assert names(client, q="seoyeon kaist") == set()  # the short name is not in the record
    assert names(client, q="seoyeon 한국과학기술원") == {"Seoyeon Park"}


def test_no_match_says_so(client, directory):
    response = client.get(reverse("people:directory"), {"q": "nobody-like-this"})
    assert "No one matches this search." in response.content.decode()


def test_private_profiles_hidden_from_anonymous_and_other_researchers(
    client, client_for, directory
):
    assert "Hidden Minjun" not in names(client, q="민준")
    other = make_user("other", Role.RESEARCHER)
    assert "Hidden Minjun" not in names(client_for(other), q="민준")
    assert client.get(directory["hidden"].get_absolute_url()).status_code == 404
    assert client_for(other).get(directory["hidden"].get_absolute_url()).status_code == 404


def test_private_profile_shown_to_self_and_hub_staff(client_for, directory):
    owner = directory["hidden"].user
    assert "Hidden Minjun" in names(client_for(owner), q="민준")
    assert client_for(owner).get(directory["hidden"].get_absolute_url()).status_code == 200
    for role in (Role.HUB_STAFF, Role.ADMINISTRATOR):
        staff = make_user(role + "-user", role)
        assert "Hidden Minjun" in names(client_for(staff), q="민준")
        assert client_for(staff).get(directory["hidden"].get_absolute_url()).status_code == 200


def test_institution_detail_lists_current_visible_people(client, directory):
    response = client.get(directory["kaist"].get_absolute_url())
    assert response.status_code == 200
    listed = {person.name_en for person in response.context["people"]}
    assert listed == {"Minjun Kim", "Seoyeon Park"}
    assert response.context["people_count"] == 2


def test_institutions_search(client, directory):
    response = client.get(reverse("people:institutions"), {"q": "stanford"})
    assert [i.name_en for i in response.context["page"].items] == ["Stanford University"]
    response = client.get(reverse("people:institutions"), {"q": "05APXXY63"})
    assert [i.ror_id for i in response.context["page"].items] == ["05apxxy63"]
    response = client.get(reverse("people:institutions"), {"country": "CA", "kind": "institute"})
    assert [i.name_en for i in response.context["page"].items] == ["Mila"]
    assert client.get(reverse("people:institutions"), {"kind": "castle"}).status_code == 400


def test_person_detail_shows_email_by_visibility(client, client_for, directory):
    person = directory["alice"]
    person.email, person.email_visibility = "alice@example.org", "members"
    person.save()
    assert "alice@example.org" not in client.get(person.get_absolute_url()).content.decode()
    member = make_user("member", Role.RESEARCHER)
    assert "alice@example.org" in client_for(member).get(person.get_absolute_url()).content.decode()
    person.email_visibility = "private"
    person.save()
    assert (
        "alice@example.org"
        not in client_for(member).get(person.get_absolute_url()).content.decode()
    )
    staff = make_user("staff", Role.HUB_STAFF)
    assert "alice@example.org" in client_for(staff).get(person.get_absolute_url()).content.decode()
    person.email_visibility = "public"
    person.save()
    assert "alice@example.org" in client.get(person.get_absolute_url()).content.decode()


def test_my_profile_redirects(client_for, directory):
    owner = directory["hidden"].user
    response = client_for(owner).get(reverse("people:me"))
    assert (
        response.status_code == 302
        and response["Location"] == directory["hidden"].get_absolute_url()
    )
    nobody = make_user("nobody", Role.RESEARCHER)
    response = client_for(nobody).get(reverse("people:me"))
    assert response["Location"] == reverse("account-settings")


def test_the_directory_says_how_many_it_found(client, directory):
    page = client.get(reverse("people:directory"), {"q": "minj"}).content.decode()
    assert "1 person found" in page  # the hidden profile is not counted for a visitor
    page = client.get(reverse("people:directory"), {"country": "KR"}).content.decode()
    assert "2 people found" in page
    page = client.get(reverse("people:directory"), {"q": "nobody at all"}).content.decode()
    assert "0 people found" in page


def test_bounded_count_stops_at_its_limit(directory):
    from nairl.common.pagination import bounded_count
    from nairl.people.models import Person

    assert bounded_count(Person.objects.all(), limit=3) == (3, True)
    assert bounded_count(Person.objects.all(), limit=10) == (5, False)


def test_institution_page_shows_both_names_and_former_members(client, directory):
    from nairl.people.models import Affiliation

    Affiliation.objects.create(
        person=directory["alice"],
        institution=directory["kaist"],
        start=datetime.date(2019, 3, 1),
        end=datetime.date(2021, 2, 28),
    )
    Affiliation.objects.create(  # an ended stay of someone who is there again is not "former"
        person=directory["minjun"],
        institution=directory["kaist"],
        start=datetime.date(2015, 3, 1),
        end=datetime.date(2016, 2, 28),
    )
    response = client.get(directory["kaist"].get_absolute_url(), headers={"accept-language": "en"})
    text = response.content.decode()
    assert '<p class="other-name" lang="ko">한국과학기술원</p>' in text
    assert [person.name_en for person in response.context["former"]] == ["Alice McDonald"]
    assert "Former members" in text
    korean = client.get(
        directory["kaist"].get_absolute_url(), headers={"accept-language": "ko"}
    ).content.decode()
    assert (
        '<p class="other-name" lang="en">Korea Advanced Institute of Science and Technology</p>'
        in korean
    )
    mila = client.get(directory["mila"].get_absolute_url()).content.decode()
    assert "other-name" not in mila  # one name only


def test_institutions_are_found_by_their_other_names(client, directory):
    kaist = directory["kaist"]
    kaist.aliases = "KAIST, 카이스트"
    kaist.save()
    response = client.get(reverse("people:institutions"), {"q": "카이스트"})
    assert [i.name_en for i in response.context["page"].items] == [kaist.name_en]
    assert names(client, q="카이스트") == {"Minjun Kim", "Seoyeon Park"}
    page = client.get(kaist.get_absolute_url()).content.decode()
    assert "<dd>KAIST, 카이스트</dd>" in page


def test_a_card_shows_current_affiliations_role_fields_and_the_other_language(client, directory):
    former = make_institution("Former Lab", ror_id="01an7q238")
    minjun = directory["minjun"]
    minjun.affiliations.create(
        institution=former, start=datetime.date(2010, 1, 1), end=datetime.date(2012, 1, 1)
    )
    minjun.affiliations.filter(institution=directory["kaist"]).update(role="professor")
    response = client.get(reverse("people:directory"), {"q": "minjun"}, HTTP_ACCEPT_LANGUAGE="ko")
    page = response.content.decode()
    assert '<strong><span lang="ko">김민준</span></strong>' in page
    assert '<div><span lang="ko">한국과학기술원</span> <span class="muted">· 교수</span>' in page
    assert "Former Lab" not in page  # ended
    assert '<span class="tag" title="로봇공학">cs.RO</span>' in page
    page = client.get(
        reverse("people:directory"), {"q": "yoshua"}, HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert '<span lang="en">Mila</span>' in page  # no Korean name: the English one, marked


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "김민"}, {"q": "kaist"}, {"expertise": "cs.LG"}, {"q": "kim", "country": "KR"}],
)
def test_a_search_page_makes_a_fixed_number_of_queries(client, directory, params):
    """The cards' affiliations and fields are read in one query each, however many cards."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("people:directory")
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    for number in range(20):
        make_person(
            f"Kim Extra {number}",
            name_ko=f"김민{number}",
            country="KR",
            expertise=["cs.LG", "cs.RO"],
            institutions=[directory["kaist"]],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, params)
    assert len(many) == len(few), "\n".join(query["sql"] for query in many.captured_queries)
