"""The audit log in the reader's words: verbose names, choice labels, yes/no; no query per entry."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from factories import make_institution, make_person, make_user
from nairl.common.audit_display import ChangeReader, with_readable_changes
from nairl.common.context import acting_as
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.people.models import Institution, Person

pytestmark = pytest.mark.django_db


def entry_for(model, changes, action=AuditEntry.Action.UPDATE):
    return AuditEntry.objects.create(
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id="1",
        object_repr="x",
        changes=changes,
    )


def shown(entry):
    """{label: (before, after)} as text in the active language."""
    return {
        str(change.label): (
            None if change.before is None else str(change.before),
            None if change.after is None else str(change.after),
        )
        for change in ChangeReader().changes(entry)
    }


def test_fields_by_verbose_name_choices_by_label_booleans_as_yes_no():
    parent = make_institution("Parent")
    entry = entry_for(
        Institution,
        {
            "kind": ["university", "institute"],
            "name_ko": [None, "서울공대"],
            "parent_id": [None, parent.pk],
            "country": ["KR", "FR"],
        },
    )
    assert shown(entry) == {
        "Kind": ("University", "Research institute"),
        "Name (Korean)": (None, "서울공대"),
        "Parent institution": (None, str(parent.pk)),
        "Country": ("South Korea", "France"),
    }
    assert shown(entry_for(Person, {"is_public": [True, False]})) == {
        "Public profile": ("yes", "no")
    }


def test_in_korean():
    entry = entry_for(Institution, {"kind": ["university", "company"]})
    person = entry_for(Person, {"is_public": [False, True]})
    with translation.override("ko"):
        assert shown(entry) == {"유형": ("대학", "기업")}
        assert shown(person) == {"프로필 공개": ("아니요", "예")}


def test_unknown_fields_models_and_values_are_shown_as_stored():
    entry = entry_for(Institution, {"retired_field": [1, 2], "kind": ["guild", None]})
    assert shown(entry) == {"retired_field": ("1", "2"), "Kind": ("guild", None)}
    gone = AuditEntry.objects.create(
        action=AuditEntry.Action.DELETE,
        content_type=ContentType.objects.create(app_label="gone", model="vanished"),
        object_id="1",
        object_repr="x",
        changes={"is_public": [True, None], "kind": ["university", None]},
    )
    assert shown(gone) == {"is_public": ("yes", None), "kind": ("university", None)}
    listed = entry_for(Institution, {"kind": [["a"], {"b": 1}]})  # unhashable: not a choice
    assert shown(listed) == {"Kind": ("['a']", "{'b': 1}")}


def test_reading_entries_makes_no_query():
    make_institution("Seoul Tech")
    make_person("Jane Doe", is_public=False)
    entries = list(AuditEntry.objects.select_related("actor", "content_type"))
    with CaptureQueriesContext(connection) as captured:
        with_readable_changes(entries)
        for entry in entries:
            [str(change.label) for change in entry.readable_changes]
    assert captured.captured_queries == []
    assert all(entry.readable_changes for entry in entries)


def test_audit_page_shows_korean_labels_to_a_korean_administrator(client_for):
    admin = make_user("admin", Role.ADMINISTRATOR, language="ko")
    with acting_as(admin, "req-1"):
        institution = make_institution("Seoul Tech", kind=Institution.Kind.COMPANY)
        person = make_person("Jane Doe")
        person = Person.objects.get(pk=person.pk)
        person.is_public = False
        person.save()
    html = client_for(admin).get(reverse("audit-log")).content.decode()
    assert '<dt title="kind">유형</dt><dd>∅ → 기업</dd>' in html
    assert '<dt title="is_public">프로필 공개</dt><dd>예 → 아니요</dd>' in html
    assert f"<dd>∅ → {institution.name_en}</dd>" in html
    assert "<dt>kind</dt>" not in html and ">company<" not in html


def test_audit_page_in_english(client_for):
    admin = make_user("admin", Role.ADMINISTRATOR)
    with acting_as(admin, "req-1"):
        make_institution("Seoul Tech", kind=Institution.Kind.INSTITUTE)
    html = client_for(admin).get(reverse("audit-log")).content.decode()
    assert '<dt title="kind">Kind</dt><dd>∅ → Research institute</dd>' in html
    assert '<dt title="name_en">Name (English)</dt><dd>∅ → Seoul Tech</dd>' in html


def test_anonymous_visitors_are_sent_to_sign_in(client_for):
    response = client_for(None).get(reverse("audit-log"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={reverse('audit-log')}"


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_signed_in_non_administrators_are_refused(client_for, role):
    response = client_for(make_user("someone", role)).get(reverse("audit-log"))
    assert response.status_code == 403
