"""Plain helpers that build the records tests need (no factory library: each is a few lines)."""

import datetime
import itertools

from nairl.common.identifiers import CROCKFORD, orcid_check_digit, ror_checksum
from nairl.common.models import User
from nairl.common.roles import grant
from nairl.people.models import Affiliation, ExpertiseArea, Institution, Person

_serial = itertools.count(1)

PASSWORD = "correct-horse-battery-42"


def valid_orcid(number: int) -> str:
    """A well-formed ORCID iD with a correct check digit, different for each number."""
    base = f"{number:015d}"
    digits = base + orcid_check_digit(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def valid_ror(number: int) -> str:
    """A well-formed ROR id with correct check digits, different for each number (< 32**6)."""
    body, value = "", number
    for _ in range(6):
        body = CROCKFORD[value % 32] + body
        value //= 32
    body = "0" + body
    return body + ror_checksum(body)


def make_user(username: str | None = None, *roles: str, language: str = "en", **fields) -> User:
    username = username or f"user{next(_serial)}"
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        language=language,
        **fields,
    )
    if roles:
        grant(user, *roles)
    return user


def make_institution(
    name_en: str | None = None,
    name_ko: str = "",
    *,
    country: str = "KR",
    kind: str = Institution.Kind.UNIVERSITY,
    ror_id: str | None = None,
    parent: Institution | None = None,
    **fields,
) -> Institution:
    if name_en is None and not name_ko:
        name_en = f"Institute {next(_serial)}"
    return Institution.objects.create(
        name_en=name_en or "",
        name_ko=name_ko,
        country=country,
        kind=kind,
        ror_id=ror_id,
        parent=parent,
        **fields,
    )


def make_person(
    name_en: str | None = None,
    name_ko: str = "",
    *,
    user: User | None = None,
    orcid: str | None = None,
    expertise=(),
    institutions=(),
    is_public: bool = True,
    **fields,
) -> Person:
    if name_en is None and not name_ko:
        name_en = f"Researcher {next(_serial)}"
    person = Person.objects.create(
        name_en=name_en or "",
        name_ko=name_ko,
        user=user,
        orcid=orcid,
        is_public=is_public,
        **fields,
    )
    if expertise:
        person.expertise.set(ExpertiseArea.objects.filter(code__in=list(expertise)))
    for institution in institutions:
        make_affiliation(person, institution)
    return person


def make_affiliation(
    person: Person,
    institution: Institution,
    *,
    role: str = Affiliation.Role.RESEARCHER,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Affiliation:
    return Affiliation.objects.create(
        person=person,
        institution=institution,
        role=role,
        start=start or datetime.date(2020, 1, 1),
        end=end,
    )
