"""People's list pages and endpoints for the query-count test."""

import datetime
import itertools

from factories import make_affiliation, make_institution, make_person, valid_orcid, valid_ror
from list_views import ListView
from nairl.people.models import ExpertiseArea, Institution

_numbers = itertools.count(1000)


def home_institution() -> Institution:
    institution = Institution.objects.filter(name_en="Query Count University").first()
    return institution or make_institution(
        "Query Count University", name_ko="쿼리대학교", ror_id=valid_ror(1)
    )


def add_people(count: int) -> None:
    home = home_institution()
    areas = list(ExpertiseArea.objects.order_by("code")[:3])
    for _ in range(count):
        number = next(_numbers)
        other = make_institution(f"Partner {number}", parent=home, ror_id=valid_ror(number))
        person = make_person(
            f"Person {number}",
            name_ko=f"사람{number}",
            orcid=valid_orcid(number),
            country="KR",
            expertise=[area.code for area in areas],
        )
        make_affiliation(person, home, role="professor")
        make_affiliation(person, other, start=datetime.date(2022, 1, 1))
        make_affiliation(
            person, other, start=datetime.date(2010, 1, 1), end=datetime.date(2012, 1, 1)
        )


def add_private_people(count: int) -> None:
    add_people(count)
    make_person(f"Private {next(_numbers)}", is_public=False, expertise=["cs.AI"])


def add_institutions(count: int) -> None:
    home = home_institution()
    for _ in range(count):
        number = next(_numbers)
        make_institution(f"Unit {number}", parent=home, ror_id=valid_ror(number), country="US")


def add_expertise(count: int) -> None:
    for _ in range(count):
        number = next(_numbers)
        ExpertiseArea.objects.create(
            code=f"x.{number}", name_en=f"Area {number}", name_ko=f"분야{number}"
        )


def institution_page() -> str:
    return home_institution().get_absolute_url()


LIST_VIEWS = [
    ListView("people:directory", "/people/", add_private_people),
    ListView("people:directory", "/people/", add_private_people, role="hub_staff"),
    ListView(
        "people:directory",
        "/people/?q=person&country=KR",
        add_people,
        role="researcher",
        label="search",
    ),
    ListView(
        "people:directory",
        lambda: f"/people/?institution={home_institution().pk}",
        add_people,
        label="by institution",
    ),
    ListView("people:export", "/people/export.csv", add_people, role="hub_staff", label="csv"),
    ListView("people:export", "/people/export.xlsx", add_people, label="xlsx"),
    ListView("people:institutions", "/institutions/", add_institutions),
    ListView("people:institution", institution_page, add_people, label="with people"),
    ListView(
        "people:institution", institution_page, add_institutions, role="hub_staff", label="units"
    ),
    ListView("person-list", "/api/v1/people/", add_people),
    ListView("person-list", "/api/v1/people/?country=KR", add_private_people, role="hub_staff"),
    ListView("institution-list", "/api/v1/institutions/", add_institutions, role="researcher"),
    ListView("expertise-list", "/api/v1/expertise/", add_expertise),
    ListView("affiliation-list", "/api/v1/affiliations/", add_private_people),
    ListView("affiliation-list", "/api/v1/affiliations/", add_private_people, role="hub_staff"),
]
