"""Changing a password, and resetting a forgotten one through the email backend (Django's locmem
outbox in tests): the mail arrives, its link works once, the new password signs in."""

import re

import pytest
from django.core import mail
from django.test import Client

from factories import PASSWORD, make_user

NEW_PASSWORD = "a-new-and-long-passphrase-7"
LINK = re.compile(r"http://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)")


def signs_in(username: str, password: str) -> bool:
    """Through the sign-in page (which counts failures), as a person would."""
    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302


@pytest.mark.django_db
def test_a_signed_in_user_changes_their_password(client_for):
    user = make_user("changer")
    browser = client_for(user)
    assert browser.get("/account/password/").status_code == 200
    response = browser.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/account/password/changed/"
    assert signs_in("changer", NEW_PASSWORD) and not signs_in("changer", PASSWORD)
    assert browser.get("/me/").status_code == 200  # still signed in on this browser


@pytest.mark.django_db
def test_a_wrong_current_password_or_a_weak_new_one_is_refused(client_for):
    browser = client_for(make_user("careful"))
    wrong = browser.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and "incorrectly" in wrong.content.decode()
    weak = browser.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 400 and "too common" in weak.content.decode()
    assert signs_in("careful", PASSWORD)


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_from_the_emailed_link(client):
    make_user("forgetful")
    response = client.post("/account/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["forgetful@example.org"]
    assert "choose a new password" in message.subject
    link = LINK.search(message.body)[1]
    form_page = client.get(link, follow=True)  # Django swaps the token for a session marker
    assert b"Set the password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done["Location"] == "/account/password/reset/done/"
    assert signs_in("forgetful", NEW_PASSWORD)
    again = Client(HTTP_ACCEPT_LANGUAGE="en").get(link)  # the link worked once
    assert b"This link is not valid" in again.content


@pytest.mark.django_db
def test_a_bad_token_says_so_and_changes_nothing(client):
    user = make_user("targeted")
    response = client.get(f"/account/password/reset/{user.pk}/not-a-token/")
    assert response.status_code == 200
    assert b"This link is not valid" in response.content
    assert signs_in("targeted", PASSWORD)


@pytest.mark.django_db
def test_an_unknown_address_sends_nothing_and_says_the_same(client):
    make_user("someone")
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []
    bad = client.post("/account/password/reset/", {"email": "not an address"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_reset(client):
    assert b'href="/account/password/reset/"' in client.get("/login/").content


@pytest.mark.django_db
def test_an_invited_person_who_lost_the_link_asks_for_another_but_a_deactivated_one_cannot(client):
    invited = make_user("invited")
    invited.set_unusable_password()
    invited.save()
    make_user("gone", is_active=False)
    client.post("/account/password/reset/", {"email": "invited@example.org"})
    client.post("/account/password/reset/", {"email": "gone@example.org"})
    assert [message.to for message in mail.outbox] == [["invited@example.org"]]
