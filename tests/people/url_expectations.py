"""Permission-walk expectations for nairl.people: pages and API."""

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from permission_expectations import API_ANONYMOUS, STAFF, Case, everyone, only, signed_in


def objects(users):
    owner = make_user("profile-owner", Role.RESEARCHER)
    institution = make_institution("Walk University", name_ko="워크대학교", ror_id="05apxxy63")
    return {
        "institution": institution,
        # someone else's profile for every walking role
        "person": make_person(
            "Public Person", user=owner, institutions=[institution], expertise=["cs.LG"]
        ),
        "private_person": make_person("Private Person", is_public=False),
    }


def person(world):
    return {"pk": world["person"].pk}


def private_person(world):
    return {"pk": world["private_person"].pk}


def affiliation(world):
    return {"pk": world["person"].affiliations.get().pk}


def institution(world):
    return {"pk": world["institution"].pk}


# Views that tell anonymous visitors to sign in, staff-only for everyone else.
staff_page = only(*STAFF)
# Empty form POSTs: refused before validation for the wrong roles, a 400 for the right ones.
staff_post = only(*STAFF, allowed=400)
private_profile = {**everyone(404), Role.HUB_STAFF: 200, Role.ADMINISTRATOR: 200}
# The API's staff writes: an empty create is a 400, an empty update a 200.
staff_api_post = only(*STAFF, allowed=400, anonymous=API_ANONYMOUS)
staff_api_change = only(*STAFF, allowed=200, anonymous=API_ANONYMOUS)

EXPECTATIONS = {
    "people:directory": Case(everyone(200)),
    "people:export": [
        Case(everyone(200), kwargs={"file_format": "csv"}),
        Case(everyone(200), kwargs={"file_format": "xlsx"}),
        Case(everyone(404), kwargs={"file_format": "pdf"}),
    ],
    "people:person-create": [Case(staff_page), Case(staff_post, method="post", data={})],
    "people:me": Case(signed_in(302)),  # to the profile, or to account settings without one
    "people:person": [
        Case(everyone(200), kwargs=person, label="public profile"),
        Case(private_profile, kwargs=private_person, label="private profile"),
    ],
    "people:person-edit": [
        Case(staff_page, kwargs=person, label="someone else's profile"),
        Case(staff_post, kwargs=person, method="post", data={}),
    ],
    # Someone else's profile: only staff change its affiliations (the person themself is tested
    # in test_affiliations.py).
    "people:affiliation-create": [
        Case(staff_page, kwargs=person),
        Case(private_profile | {"anonymous": 302}, kwargs=private_person, label="private"),
        Case(staff_post, kwargs=person, method="post", data={}),
    ],
    "people:affiliation-edit": [
        Case(staff_page, kwargs=affiliation),
        Case(staff_post, kwargs=affiliation, method="post", data={}),
    ],
    "people:affiliation-end": [
        Case(staff_page, kwargs=affiliation),
        Case(staff_post, kwargs=affiliation, method="post", data={"end": ""}),
    ],
    "people:institutions": Case(everyone(200)),
    "people:institution-create": [Case(staff_page), Case(staff_post, method="post", data={})],
    "people:institution": Case(everyone(200), kwargs=institution),
    "people:institution-edit": [
        Case(staff_page, kwargs=institution),
        Case(staff_post, kwargs=institution, method="post", data={}),
    ],
    "people:import": [Case(staff_page), Case(staff_post, method="post", data={})],
    # API (DRF answers 401 with a Token challenge, not a redirect, to anonymous writes)
    "api-root": Case(signed_in(200, anonymous=API_ANONYMOUS)),  # no policy: signed-in users only
    "person-list": [
        Case(everyone(200)),
        Case(staff_api_post, method="post", data={}),
    ],
    "person-detail": [
        Case(everyone(200), kwargs=person),
        Case(private_profile, kwargs=private_person),
        Case(staff_api_change, kwargs=person, method="patch", data={}),
    ],
    "institution-list": [
        Case(everyone(200)),
        Case(staff_api_post, method="post", data={}),
    ],
    "institution-detail": [
        Case(everyone(200), kwargs=institution),
        Case(staff_api_change, kwargs=institution, method="patch", data={}),
    ],
    "expertise-list": [
        Case(everyone(200)),
        Case(only(*STAFF, allowed=405, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "expertise-detail": Case(everyone(200), kwargs={"code": "cs.LG"}),
    "affiliation-list": [
        Case(everyone(200)),
        # Refused by validation (no person, no institution) before the person is known.
        Case(signed_in(400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "affiliation-detail": [
        Case(everyone(200), kwargs=affiliation),
        Case(staff_api_change, kwargs=affiliation, method="patch", data={}),
    ],
}
