import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from factories import make_institution, make_person, make_user
from nairl.common.audit import plain
from nairl.common.context import acting_as
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.people.models import Institution, Person

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("id")


def test_create_update_delete_recorded_with_actor_and_request_id():
    staff = make_user("staff", Role.HUB_STAFF)
    with acting_as(staff, "req-1"):
        institution = make_institution("Seoul Tech", country="KR")
    with acting_as(staff, "req-2"):
        institution = Institution.objects.get(pk=institution.pk)
        institution.name_en = "Seoul Tech University"
        institution.save()
    pk = institution.pk
    with acting_as(staff, "req-3"):
        institution.delete()
    created, updated, deleted = AuditEntry.objects.filter(object_id=str(pk)).order_by("id")
    assert created.action == AuditEntry.Action.CREATE
    assert created.changes["name_en"] == [None, "Seoul Tech"]
    assert created.changes["country"] == [None, "KR"]
    assert created.actor == staff and created.request_id == "req-1"
    assert updated.action == AuditEntry.Action.UPDATE
    assert updated.changes["name_en"] == ["Seoul Tech", "Seoul Tech University"]
    assert updated.changes["sort_name"] == ["seoul tech", "seoul tech university"]
    assert "country" not in updated.changes  # unchanged fields are not listed
    assert updated.request_id == "req-2"
    assert deleted.action == AuditEntry.Action.DELETE
    assert deleted.changes["name_en"] == ["Seoul Tech University", None]
    assert deleted.object_repr == "Seoul Tech University"


def test_save_without_changes_records_nothing():
    institution = make_institution("Seoul Tech")
    before = AuditEntry.objects.count()
    Institution.objects.get(pk=institution.pk).save()
    institution.save()
    assert AuditEntry.objects.count() == before


def test_system_changes_have_no_actor():
    institution = make_institution("Seoul Tech")
    entry = entries_for(institution).get()
    assert entry.actor is None
    assert entry.request_id == ""


def test_excluded_fields_are_not_recorded():
    person = make_person("Jane Doe")
    person = Person.objects.get(pk=person.pk)
    person.name_en = "Jane Q. Doe"
    person.save()
    create, update = entries_for(person)
    for entry in (create, update):
        assert not {"search_text", "sort_name", "updated_at"} & set(entry.changes)
    assert update.changes == {"name_en": ["Jane Doe", "Jane Q. Doe"]}


def test_edit_through_a_real_request_records_actor_request_id_and_diff(client_for):
    staff = make_user("staff", Role.HUB_STAFF)
    institution = make_institution(
        "Seoul Tech", name_ko="서울공대", country="KR", ror_id="05apxxy63"
    )
    response = client_for(staff).post(
        reverse("people:institution-edit", args=[institution.pk]),
        {
            "name_ko": "서울공과대학교",
            "name_en": "Seoul Tech",
            "ror_id": "05apxxy63",
            "country": "KR",
            "kind": "university",
            "parent": "",
            "website": "",
        },
        HTTP_X_REQUEST_ID="trace-abc-123",
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "trace-abc-123"
    entry = entries_for(institution).filter(action=AuditEntry.Action.UPDATE).get()
    assert entry.actor == staff
    assert entry.request_id == "trace-abc-123"
    assert entry.changes == {"name_ko": ["서울공대", "서울공과대학교"]}


def test_request_without_id_gets_a_generated_one(client):
    response = client.get("/")
    assert len(response["X-Request-ID"]) == 32


def test_audit_log_page_shows_entries_to_administrators(client_for):
    admin = make_user("admin", Role.ADMINISTRATOR)
    with acting_as(admin, "req-77"):
        make_institution("Seoul Tech")
    response = client_for(admin).get(reverse("audit-log"))
    assert response.status_code == 200
    assert "Seoul Tech" in response.content.decode()
    filtered = client_for(admin).get(reverse("audit-log"), {"model": "person"})
    assert "Seoul Tech" not in filtered.content.decode()


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        (3, 3),
        ("x", "x"),
        (True, True),
    ],
)
def test_plain_keeps_json_values(value, expected):
    assert plain(value) == expected


def test_plain_turns_dates_and_other_values_into_text():
    import datetime
    import decimal

    assert plain(datetime.date(2024, 10, 1)) == "2024-10-01"
    assert plain(decimal.Decimal("1.50")) == "1.50"
