"""The audit log in the reader's words: verbose names, choice labels, yes/no; no query per entry."""

import csv
import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from factories import make_institution, make_person, make_user
from nairl.common.audit_display import with_readable_changes
from nairl.common.context import acting_as
from nairl.common.jobs import start_job
from nairl.common.models import AuditEntry
from nairl.common.roles import Role
from nairl.people.models import Institution, Person
from nairl.scaling.models import Fit, Study

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
        for change in with_readable_changes([entry])[0].readable_changes
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
        "Parent institution": (None, "Parent"),  # a linked record by its name
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


def test_reading_entries_reads_each_kind_of_record_once():
    """Linked records are fetched once per kind (here people and institutions), whatever the
    number of entries; labels and choices need no query."""
    for number in range(5):
        institution = make_institution(f"Seoul Tech {number}")
        make_person(f"Jane Doe {number}", is_public=False, institutions=[institution])
    entries = list(AuditEntry.objects.select_related("actor", "content_type"))
    kinds = {entry.content_type_id for entry in entries}
    with CaptureQueriesContext(connection) as captured:
        with_readable_changes(entries)
        for entry in entries:
            [str(change.label) for change in entry.readable_changes]
            str(entry.subject)
    assert len(captured.captured_queries) <= len(kinds) + 2  # + users and institutions linked
    assert len(entries) > len(captured.captured_queries)
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


def test_the_trail_is_filtered_and_exported_in_the_readers_words(client_for):
    admin = make_user("admin", Role.ADMINISTRATOR, language="ko", time_zone="Europe/Paris")
    other = make_user("other-staff", Role.HUB_STAFF)
    with acting_as(admin, "req-1"):
        kaist = make_institution("KAIST", name_ko="카이스트", kind=Institution.Kind.UNIVERSITY)
    with acting_as(other, "req-2"):
        make_person("Jane Doe")
        make_institution("Other U", parent=kaist)
    browser = client_for(admin)
    html = browser.get(reverse("audit-log"), {"actor": "other-staff"}).content.decode()
    assert "Jane Doe" in html and "Other U" in html and "req-1" not in html
    assert f'<a href="{kaist.get_absolute_url()}">카이스트</a>' in html  # parent by name, in Korean
    html = browser.get(reverse("audit-log"), {"model": "person"}).content.decode()
    assert "Jane Doe" in html and "Other U" not in html
    assert browser.get(reverse("audit-log"), {"since": "not a date"}).status_code == 400
    export = browser.get(reverse("audit-export"), {"actor": "other-staff", "model": "institution"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["time", "actor", "action"]
    parent = next(row for row in rows[1:] if row[6] == "상위 기관")
    assert parent[8] == "카이스트" and parent[1] == "other-staff"
    assert parent[0].endswith("+01:00")  # the reader's time zone, Paris in winter
    assert {row[1] for row in rows[1:]} == {"other-staff"}


def test_many_to_many_changes_and_started_jobs_are_recorded():
    owner = make_user("study-owner", Role.RESEARCHER)
    member = make_user("study-member", Role.RESEARCHER)
    with acting_as(owner, "req-3"):
        study = Study.objects.create(owner=owner, title_en="Audited study")
        study.members.set([member])
        fit = start_job(Fit(study=study, law="power"), by=owner)
    changes = [entry.changes for entry in AuditEntry.objects.filter(object_id=str(study.pk))]
    assert {"members": [[], [member.pk]]} in changes
    started = AuditEntry.objects.get(content_type__model="fit", object_id=str(fit.pk))
    assert started.actor == owner and started.action == AuditEntry.Action.CREATE
    entry = with_readable_changes(
        AuditEntry.objects.filter(object_id=str(study.pk), changes__has_key="members")
    )[0]
    assert str(entry.readable_changes[0].after) == "study-member"


@pytest.mark.parametrize("role", [Role.HUB_STAFF, Role.FUNDER_VIEWER])
def test_only_administrators_export_the_trail(client_for, role):
    response = client_for(make_user(f"user-{role}", role)).get(reverse("audit-export"))
    assert response.status_code == 403
