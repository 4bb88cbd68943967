"""The REST API: same rules as the pages, clear errors, cursor pages, a valid OpenAPI schema."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Institution, Person

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
INSTITUTIONS = "/api/v1/institutions/"


@pytest.fixture
def owner():
    return make_user("owner", Role.RESEARCHER)


@pytest.fixture
def world(owner):
    kaist = make_institution("KAIST", name_ko="한국과학기술원", ror_id="05apxxy63")
    return {
        "kaist": kaist,
        "mine": make_person(
            "Jane Doe",
            user=owner,
            email="jane@example.org",
            email_visibility="private",
            expertise=["cs.LG"],
            institutions=[kaist],
        ),
        "public": make_person(
            "Minjun Kim",
            name_ko="김민준",
            email="minjun@example.org",
            email_visibility="members",
            country="KR",
            institutions=[kaist],
        ),
        "private": make_person("Hidden Person", is_public=False, email="hidden@example.org"),
    }


def results(response):
    assert response.status_code == 200, response.content
    return {row["name_en"]: row for row in response.json()["results"]}


def test_token_is_issued_for_valid_credentials(owner):
    api = APIClient()
    response = api.post("/api/v1/auth/token/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get(PEOPLE).status_code == 200
    assert (
        APIClient()
        .post("/api/v1/auth/token/", {"username": "owner", "password": "wrong"})
        .status_code
        == 400
    )


def test_bad_token_is_refused(world):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get(PEOPLE)
    # Token authentication comes first, so DRF answers 401 with its challenge.
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Invalid token."


def test_list_hides_private_profiles_and_emails_like_the_pages(api_client_for, world, owner):
    anonymous = results(APIClient().get(PEOPLE))
    assert set(anonymous) == {"Jane Doe", "Minjun Kim"}
    assert anonymous["Minjun Kim"]["email"] is None
    member = results(api_client_for(make_user("other", Role.RESEARCHER)).get(PEOPLE))
    assert set(member) == {"Jane Doe", "Minjun Kim"}
    assert member["Minjun Kim"]["email"] == "minjun@example.org"
    assert member["Jane Doe"]["email"] is None
    assert results(api_client_for(owner).get(PEOPLE))["Jane Doe"]["email"] == "jane@example.org"
    staff = results(api_client_for(make_user("staff", Role.HUB_STAFF)).get(PEOPLE))
    assert set(staff) == {"Jane Doe", "Minjun Kim", "Hidden Person"}
    assert staff["Hidden Person"]["email"] == "hidden@example.org"


def test_detail(api_client_for, world):
    response = APIClient().get(f"{PEOPLE}{world['public'].pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["name_ko"] == "김민준" and data["country"] == "KR"
    assert data["current_affiliations"][0]["institution_name_ko"] == "한국과학기술원"
    assert APIClient().get(f"{PEOPLE}{world['private'].pk}/").status_code == 404
    staff = api_client_for(make_user("staff", Role.HUB_STAFF))
    assert staff.get(f"{PEOPLE}{world['private'].pk}/").status_code == 200


def test_filters(world):
    api = APIClient()
    assert set(results(api.get(PEOPLE, {"q": "민준"}))) == {"Minjun Kim"}
    assert set(results(api.get(PEOPLE, {"country": "kr"}))) == {"Minjun Kim"}
    assert set(results(api.get(PEOPLE, {"expertise": "cs.LG"}))) == {"Jane Doe"}
    assert set(results(api.get(PEOPLE, {"institution": world["kaist"].pk}))) == {
        "Jane Doe",
        "Minjun Kim",
    }
    assert set(results(api.get(INSTITUTIONS, {"q": "과학"}))) == {"KAIST"}
    assert set(results(api.get(INSTITUTIONS, {"ror_id": "05apxxy63"}))) == {"KAIST"}


def test_unknown_filter_is_a_400_naming_it(world):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get(PEOPLE, {"contry": "KR"})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["contry"]
    assert "Unknown filter" in body["contry"][0] and "country" in body["contry"][0]
    assert list(APIClient().get("/api/v1/expertise/", {"nme": "x"}).json()) == ["nme"]


def test_reserved_parameters_are_not_filters(world):
    assert APIClient().get(PEOPLE, {"page_size": 1, "format": "json"}).status_code == 200


def test_invalid_filter_value_is_a_400_naming_it(world):
    response = APIClient().get(PEOPLE, {"kind": "castle"})
    assert response.status_code == 400 and "kind" in response.json()


def test_cursor_pagination_follows_next_links(world):
    for index in range(5):
        make_person(f"Zed {index}")
    api, seen = APIClient(), []
    url = f"{PEOPLE}?page_size=2"
    while url:
        response = api.get(url)
        assert response.status_code == 200
        seen += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
    visible = (
        Person.objects.filter(is_public=True)
        .order_by("sort_name", "id")
        .values_list("id", flat=True)
    )
    assert seen == list(visible) and len(seen) == 7
    previous = api.get(response.json()["previous"]).json()["results"]
    assert [row["id"] for row in previous] == seen[-3:-1]


def test_invalid_cursor_is_refused(world):
    assert APIClient().get(PEOPLE, {"cursor": "garbage"}).status_code == 404


@pytest.mark.parametrize("auth", ["token", "session"])
def test_update_own_profile(api_client_for, world, owner, auth):
    if auth == "token":
        api = api_client_for(owner)
    else:
        api = APIClient()
        api.force_login(owner)
    response = api.patch(
        f"{PEOPLE}{world['mine'].pk}/",
        {
            "bio_en": "Updated",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
            "expertise": ["cs.AI", "cs.RO"],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    mine = Person.objects.get(pk=world["mine"].pk)
    assert mine.bio_en == "Updated" and mine.orcid == "0000-0002-1825-0097"
    assert set(mine.expertise.values_list("code", flat=True)) == {"cs.AI", "cs.RO"}
    assert response.json()["orcid"] == "0000-0002-1825-0097"


def test_session_writes_need_csrf(world, owner):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(owner)
    response = api.patch(f"{PEOPLE}{world['mine'].pk}/", {"bio_en": "x"}, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert Person.objects.get(pk=world["mine"].pk).bio_en == ""


def test_cannot_update_someone_elses_profile(api_client_for, world):
    api = api_client_for(make_user("other", Role.RESEARCHER))
    assert (
        api.patch(f"{PEOPLE}{world['public'].pk}/", {"bio_en": "x"}, format="json").status_code
        == 403
    )
    assert (
        api.patch(f"{PEOPLE}{world['private'].pk}/", {"bio_en": "x"}, format="json").status_code
        == 404
    )
    assert (
        APIClient()
        .patch(f"{PEOPLE}{world['public'].pk}/", {"bio_en": "x"}, format="json")
        .status_code
        == 401
    )
    assert Person.objects.get(pk=world["public"].pk).bio_en == ""


@pytest.mark.parametrize(
    "orcid, message",
    [
        ("0000-0002-1825-0098", "check digit does not match"),
        ("12", "is not an ORCID iD"),
    ],
)
def test_invalid_orcid_is_a_400_naming_the_field(api_client_for, world, owner, orcid, message):
    response = api_client_for(owner).patch(
        f"{PEOPLE}{world['mine'].pk}/", {"orcid": orcid, "bio_en": "x"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["orcid"]
    assert message in response.json()["orcid"][0]
    assert Person.objects.get(pk=world["mine"].pk).bio_en == ""


def test_duplicate_orcid_is_a_400(api_client_for, world, owner):
    make_person("Other", orcid="0000-0002-1825-0097")
    response = api_client_for(owner).patch(
        f"{PEOPLE}{world['mine'].pk}/", {"orcid": "0000-0002-1825-0097"}, format="json"
    )
    assert response.status_code == 400 and "orcid" in response.json()


def test_unknown_expertise_is_a_400(api_client_for, world, owner):
    response = api_client_for(owner).patch(
        f"{PEOPLE}{world['mine'].pk}/", {"expertise": ["cs.NOPE"]}, format="json"
    )
    assert response.status_code == 400 and "expertise" in response.json()


def test_create_person_needs_hub_staff(api_client_for, world):
    data = {
        "name_ko": "이서준",
        "name_en": "",
        "orcid": "0000-0002-1694-233X",
        "country": "KR",
        "expertise": ["cs.CV"],
    }
    assert (
        api_client_for(make_user("r", Role.RESEARCHER))
        .post(PEOPLE, data, format="json")
        .status_code
        == 403
    )
    assert APIClient().post(PEOPLE, data, format="json").status_code == 401
    response = api_client_for(make_user("staff", Role.HUB_STAFF)).post(PEOPLE, data, format="json")
    assert response.status_code == 201, response.content
    created = Person.objects.get(pk=response.json()["id"])
    assert created.name_ko == "이서준" and "이서준" in created.search_text
    assert list(created.expertise.values_list("code", flat=True)) == ["cs.CV"]


def test_create_person_needs_a_name(api_client_for):
    response = api_client_for(make_user("staff", Role.HUB_STAFF)).post(
        PEOPLE, {"name_en": ""}, format="json"
    )
    assert response.status_code == 400 and "name_ko" in response.json()


def test_institution_create_and_update(api_client_for, world):
    staff = api_client_for(make_user("staff", Role.HUB_STAFF))
    response = staff.post(
        INSTITUTIONS,
        {
            "name_en": "Stanford University",
            "country": "US",
            "kind": "university",
            "ror_id": "https://ror.org/00f54p054",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Institution.objects.get(pk=response.json()["id"]).ror_id == "00f54p054"
    response = staff.post(
        INSTITUTIONS,
        {"name_en": "Clone", "country": "US", "kind": "university", "ror_id": "00f54p054"},
        format="json",
    )
    assert response.status_code == 400 and "ror_id" in response.json()
    response = staff.patch(
        f"{INSTITUTIONS}{world['kaist'].pk}/", {"ror_id": "05apxxy64"}, format="json"
    )
    assert response.status_code == 400 and "check digits" in response.json()["ror_id"][0]
    response = staff.patch(f"{INSTITUTIONS}{world['kaist'].pk}/", {"country": "XX"}, format="json")
    assert response.status_code == 400 and "country" in response.json()
    researcher = api_client_for(make_user("r", Role.RESEARCHER))
    assert (
        researcher.patch(
            f"{INSTITUTIONS}{world['kaist'].pk}/", {"name_en": "x"}, format="json"
        ).status_code
        == 403
    )
    assert Institution.objects.get(pk=world["kaist"].pk).name_en == "KAIST"


def test_institution_cycle_refused(api_client_for, world):
    staff = api_client_for(make_user("staff", Role.HUB_STAFF))
    lab = make_institution("Lab", parent=world["kaist"])
    response = staff.patch(f"{INSTITUTIONS}{world['kaist'].pk}/", {"parent": lab.pk}, format="json")
    assert response.status_code == 400 and "parent" in response.json()


def test_expertise_is_read_only(api_client_for):
    api = APIClient()
    response = api.get("/api/v1/expertise/cs.RO/")
    assert response.status_code == 200 and response.json()["name_en"] == "Robotics"
    staff = api_client_for(make_user("staff", Role.HUB_STAFF))
    assert (
        staff.post(
            "/api/v1/expertise/", {"code": "cs.XX", "name_en": "X"}, format="json"
        ).status_code
        == 405
    )


def test_people_api_schema_is_valid_and_warning_free():
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    patterns = [path("api/v1/", include("nairl.people.api.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS, (
        dict(GENERATOR_STATS._warn_cache),
        dict(GENERATOR_STATS._error_cache),
    )
    assert "/api/v1/expertise/{code}/" in schema["paths"]


def test_openapi_schema_validates(tmp_path):
    """The whole hub's schema, every app included: --fail-on-warn makes warnings fail too."""
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text(encoding="utf-8")
    assert "/api/v1/people/" in text and "/api/v1/institutions/" in text


def test_schema_endpoint_serves_the_schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/people/{id}/" in response.json()["paths"]
