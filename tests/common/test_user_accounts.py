"""Administrators invite people, give and take roles and deactivate logins from the hub; every
change is audited, nobody else may, and an administrator cannot lock themself out."""

import re

import pytest
from django.core import mail
from django.test import Client

from factories import make_institution, make_person, make_user
from nairl.common.models import AuditEntry, User
from nairl.common.roles import Role, roles_of

NEW_PASSWORD = "chosen-on-arrival-2026"
LINK = re.compile(r"http://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)")


def invite(browser, **fields):
    data = {"username": "newcomer", "email": "newcomer@example.org", "language": "en"}
    return browser.post("/accounts/users/invite/", {**data, **fields})


def audit_of(user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user"))


@pytest.mark.django_db
def test_an_invited_person_sets_a_password_from_the_email_and_signs_in(
    client_for, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(administrator), roles=[Role.RESEARCHER, Role.REVIEWER])
    invited = User.objects.get(username="newcomer")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{invited.pk}/"
    assert not invited.has_usable_password()
    assert roles_of(invited) == {Role.RESEARCHER, Role.REVIEWER}
    [message] = mail.outbox
    assert message.to == ["newcomer@example.org"] and "invited" in message.subject
    browser = Client()
    form_page = browser.get(LINK.search(message.body)[1], follow=True)
    browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    signed_in = Client().post("/login/", {"username": "newcomer", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    [created] = audit_of(invited)
    assert created.action == "create" and created.actor == administrator
    assert created.changes["roles"] == [None, [Role.RESEARCHER, Role.REVIEWER]]


@pytest.mark.django_db
def test_an_invitation_in_korean_for_a_korean_speaker(
    client_for, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(administrator), language="ko")
    assert "초대" in mail.outbox[0].subject


@pytest.mark.django_db
def test_an_invitation_needs_a_fresh_name_and_address(client_for, administrator):
    make_user("taken")  # taken@example.org
    browser = client_for(administrator)
    no_email = invite(browser, email="")
    assert no_email.status_code == 400
    same_email = invite(browser, email="TAKEN@example.org")
    assert same_email.status_code == 400
    assert "already uses this email" in same_email.content.decode()
    same_name = invite(browser, username="taken", email="other@example.org")
    assert same_name.status_code == 400
    unknown_role = invite(browser, roles=["emperor"])
    assert unknown_role.status_code == 400
    assert not User.objects.filter(username="newcomer").exists() and mail.outbox == []


@pytest.mark.django_db
def test_roles_given_and_taken_and_a_login_deactivated_are_audited(client_for, administrator):
    member = make_user("member", Role.RESEARCHER)
    browser = client_for(administrator)
    response = browser.post(
        f"/accounts/users/{member.pk}/", {"is_active": "on", "roles": [Role.HUB_STAFF]}
    )
    assert response.status_code == 302
    member = User.objects.get(pk=member.pk)
    assert roles_of(member) == {Role.HUB_STAFF}
    browser.post(f"/accounts/users/{member.pk}/", {"roles": [Role.HUB_STAFF]})
    member.refresh_from_db()
    assert not member.is_active
    assert Client().post("/login/", {"username": "member", "password": "x"}).status_code == 200
    changes = [entry.changes for entry in reversed(audit_of(member))]
    assert changes == [
        {"roles": [[Role.RESEARCHER], [Role.HUB_STAFF]]},
        {"is_active": [True, False]},
    ]


@pytest.mark.django_db
def test_an_unchanged_form_writes_no_audit_entry(client_for, administrator):
    member = make_user("steady", Role.RESEARCHER)
    client_for(administrator).post(
        f"/accounts/users/{member.pk}/", {"is_active": "on", "roles": [Role.RESEARCHER]}
    )
    assert audit_of(member) == []


@pytest.mark.django_db
def test_an_administrator_cannot_lock_themself_out(client_for, administrator):
    browser = client_for(administrator)
    deactivate = browser.post(
        f"/accounts/users/{administrator.pk}/", {"roles": [Role.ADMINISTRATOR]}
    )
    assert deactivate.status_code == 400
    assert "cannot deactivate your own account" in deactivate.content.decode()
    demote = browser.post(
        f"/accounts/users/{administrator.pk}/", {"is_active": "on", "roles": [Role.RESEARCHER]}
    )
    assert demote.status_code == 400
    administrator = User.objects.get(pk=administrator.pk)
    assert administrator.is_active and roles_of(administrator) == {Role.ADMINISTRATOR}


@pytest.mark.django_db
def test_only_administrators_manage_users(client_for, role_users):
    target = make_user("target", Role.RESEARCHER)
    for role, user in role_users.items():
        browser = client_for(user)
        expected = 200 if role == Role.ADMINISTRATOR else 403
        assert browser.get("/accounts/users/").status_code == expected
        if role != Role.ADMINISTRATOR:
            assert browser.post(f"/accounts/users/{target.pk}/", {}).status_code == 403
    assert User.objects.get(pk=target.pk).is_active


@pytest.mark.django_db
def test_the_list_filters_by_role_and_shows_roles(client_for, administrator):
    make_user("alice", Role.FUNDER_VIEWER)
    make_user("bob", Role.RESEARCHER)
    page = client_for(administrator).get("/accounts/users/?role=funder_viewer").content.decode()
    assert "alice" in page and "bob" not in page and "Funder (read-only)" in page
    bad = client_for(administrator).get("/accounts/users/?role=emperor")
    assert bad.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changelist", "listed"),
    [
        ("/admin/common/user/", "root@example.org"),
        ("/admin/people/person/", "Listed Person"),
        ("/admin/people/institution/", "Listed University"),
    ],
)
def test_users_people_and_institutions_are_in_the_django_admin(client_for, changelist, listed):
    make_person("Listed Person", institutions=[make_institution("Listed University")])
    superuser = User.objects.create_superuser("root", "root@example.org", "x")
    response = client_for(superuser).get(changelist)
    assert response.status_code == 200 and listed in response.content.decode()
