"""Directory export (CSV and XLSX) and the export -> import round trip."""

import pytest
from django.urls import reverse

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.common.spreadsheets import neutralise
from nairl.people.domain.exporting import PERSON_HEADERS
from nairl.people.domain.importing import import_directory
from nairl.people.models import Affiliation, Person

from ..tables import read_csv_rows, read_xlsx_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    kaist = make_institution("KAIST", name_ko="한국과학기술원", ror_id="05apxxy63")
    stanford = make_institution("Stanford University", ror_id="00f54p054", country="US")
    minjun = make_person(
        "Minjun Kim",
        name_ko="김민준",
        orcid="0000-0002-1825-0097",
        email="minjun@example.org",
        country="KR",
        bio_ko="로봇 학습을 연구합니다.",
        expertise=["cs.RO", "cs.LG"],
        institutions=[kaist],
    )
    jane = make_person(
        "Jane Doe",
        orcid="0000-0002-1694-233X",
        email="jane@example.org",
        country="US",
        bio_en="Scaling laws, -3 dB and all.",
        expertise=["cs.LG"],
        institutions=[stanford],
    )
    seoyeon = make_person("", name_ko="박서연")
    return [minjun, jane, seoyeon]


def export(client, fmt, **params):
    response = client.get(reverse("people:export", args=[fmt]), params)
    assert response.status_code == 200
    assert f'.{fmt}"' in response["Content-Disposition"]
    return response.content


def as_dicts(rows):
    headers, *body = rows
    assert headers == PERSON_HEADERS
    return {(row[0], row[1]): dict(zip(headers, row, strict=True)) for row in body}


def test_csv_has_bom_and_korean(client, people):
    rows = as_dicts(read_csv_rows(export(client, "csv")))
    minjun = rows[("김민준", "Minjun Kim")]
    assert minjun["bio_ko"] == "로봇 학습을 연구합니다."
    assert minjun["expertise"] == "cs.LG;cs.RO"
    assert minjun["institution_ror_id"] == "05apxxy63"
    assert minjun["role"] == "researcher" and minjun["start"] == "2020-01-01"
    assert rows[("박서연", "")]["is_public"] == "yes"


def test_xlsx_is_readable_with_korean(client, people):
    rows = as_dicts(read_xlsx_rows(export(client, "xlsx")))
    assert set(rows) == {("김민준", "Minjun Kim"), ("", "Jane Doe"), ("박서연", "")}
    assert rows[("김민준", "Minjun Kim")]["bio_ko"] == "로봇 학습을 연구합니다."


def test_export_follows_the_search(client, people):
    rows = as_dicts(read_csv_rows(export(client, "csv", q="민준")))
    assert set(rows) == {("김민준", "Minjun Kim")}


def test_unknown_format_is_404(client, people):
    assert client.get(reverse("people:export", args=["pdf"])).status_code == 404


def test_invalid_search_redirects_to_the_directory(client, people):
    response = client.get(reverse("people:export", args=["csv"]), {"country": "XX"})
    assert response.status_code == 302 and response["Location"] == reverse("people:directory")


@pytest.mark.parametrize("fmt, reader", [("csv", read_csv_rows), ("xlsx", read_xlsx_rows)])
def test_formula_looking_values_are_neutralised(client, people, fmt, reader):
    make_person('=HYPERLINK("http://evil.example","x")', bio_en="+cmd", bio_ko="@SUM(A1)")
    rows = as_dicts(reader(export(client, fmt)))
    evil = rows[("", '\'=HYPERLINK("http://evil.example","x")')]
    assert evil["bio_en"] == "'+cmd" and evil["bio_ko"] == "'@SUM(A1)"
    assert rows[("", "Jane Doe")]["bio_en"] == "Scaling laws, -3 dB and all."


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("-3", "-3"),
        ("+82", "+82"),
        ("-x", "'-x"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (7, "7"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_emails_only_for_hub_staff(client, client_for, people):
    def emails(browser):
        return {row["email"] for row in as_dicts(read_csv_rows(export(browser, "csv"))).values()}

    assert emails(client) == {""}
    assert emails(client_for(make_user("r", Role.RESEARCHER))) == {""}
    assert emails(client_for(make_user("s", Role.HUB_STAFF))) == {
        "",
        "minjun@example.org",
        "jane@example.org",
    }


def test_private_profiles_not_exported_to_the_public(client, client_for, people):
    make_person("Secret Person", is_public=False)
    assert ("", "Secret Person") not in as_dicts(read_csv_rows(export(client, "csv")))
    staff = client_for(make_user("s", Role.HUB_STAFF))
    assert ("", "Secret Person") in as_dicts(read_csv_rows(export(staff, "csv")))


def fingerprint():
    return sorted(
        (
            p.name_ko,
            p.name_en,
            p.orcid,
            p.email,
            p.country.code,
            p.bio_ko,
            p.bio_en,
            p.is_public,
            tuple(sorted(p.expertise.values_list("code", flat=True))),
            tuple((a.institution_id, a.role, a.start, a.end) for a in p.affiliations.all()),
        )
        for p in Person.objects.all()
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_reproduces_people(client_for, people, fmt):
    staff = client_for(make_user("s", Role.HUB_STAFF))
    people[1].is_public = False
    people[1].save()
    before = fingerprint()
    content = export(staff, fmt)
    Affiliation.objects.all().delete()
    Person.objects.all().delete()
    assert Person.objects.count() == 0
    report = import_directory(kind="people", filename=f"people.{fmt}", source=content)
    assert report.created == 3
    assert fingerprint() == before


def test_an_institution_without_a_ror_id_survives_the_round_trip(client_for, people):
    """Most invented and many real institutions have no ROR id: the name carries them."""
    institute = make_institution("Demo Robotics Institute", name_ko="데모 로봇 연구소")
    make_person("Hana Lee", institutions=[institute])
    staff = client_for(make_user("s", Role.HUB_STAFF))
    before = fingerprint()
    content = export(staff, "csv")
    hana = as_dicts(read_csv_rows(content))[("", "Hana Lee")]
    assert (hana["institution_ror_id"], hana["institution"]) == ("", "Demo Robotics Institute")
    Affiliation.objects.all().delete()
    Person.objects.all().delete()
    report = import_directory(kind="people", filename="people.csv", source=content)
    assert report.created == 4
    assert fingerprint() == before
