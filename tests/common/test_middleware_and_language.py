import pytest
from django.urls import reverse

from factories import make_user
from nairl.common.models import User

pytestmark = pytest.mark.django_db


def footer_zone(response):
    return response.content.decode().split("Times shown in ")[1].split("<")[0].strip()


def test_anonymous_sees_the_hub_time_zone(client):
    assert footer_zone(client.get("/")) == "Asia/Seoul"


def test_signed_in_user_sees_their_time_zone(client_for):
    user = make_user("toronto", time_zone="America/Toronto")
    assert footer_zone(client_for(user).get("/")) == "America/Toronto"


def test_invalid_stored_time_zone_falls_back_to_seoul(client_for):
    user = make_user("lost")
    User.objects.filter(pk=user.pk).update(time_zone="Mars/Olympus_Mons")
    response = client_for(User.objects.get(pk=user.pk)).get("/")
    assert response.status_code == 200
    assert footer_zone(response) == "Asia/Seoul"


def test_account_settings_save_time_zone_and_language(client_for):
    user = make_user("sora")
    response = client_for(user).post(
        reverse("account-settings"), {"language": "en", "time_zone": "Europe/Paris"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("en", "Europe/Paris")


def test_account_settings_reject_unknown_time_zone(client_for):
    user = make_user("sora")
    response = client_for(user).post(
        reverse("account-settings"), {"language": "en", "time_zone": "Europe/Atlantis"}
    )
    assert response.status_code == 400
    assert "“Europe/Atlantis” is not a known time zone." in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == "Asia/Seoul"


def test_account_settings_need_sign_in(client):
    response = client.get(reverse("account-settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_language_switch_sets_cookie_and_account_language(client_for):
    user = make_user("sora", language="en")
    browser = client_for(user)
    response = browser.post(reverse("set-language"), {"language": "ko", "next": "/people/"})
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert response.cookies["django_language"].value == "ko"
    user.refresh_from_db()
    assert user.language == "ko"
    page = browser.get(reverse("account-settings")).content.decode()
    assert '<html lang="ko">' in page
    # The language choices' names come from Django's own Korean catalogue.
    assert "영어" in page and "한국어" in page
    browser.post(reverse("set-language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    page = browser.get(reverse("account-settings")).content.decode()
    assert '<html lang="en">' in page
    assert "영어" not in page


def test_language_switch_for_anonymous_uses_the_cookie(client):
    response = client.post(reverse("set-language"), {"language": "ko", "next": "/login/"})
    assert response.cookies["django_language"].value == "ko"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="ko">' in page
    assert "비밀번호" in page  # "Password", translated by Django
    client.post(reverse("set-language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Password" in page and "비밀번호" not in page


def test_language_switch_ignores_unknown_language(client_for):
    user = make_user("sora", language="en")
    client_for(user).post(reverse("set-language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


def test_language_switch_refuses_get(client):
    assert client.get(reverse("set-language")).status_code == 405


def test_language_switch_does_not_redirect_off_site(client):
    response = client.post(
        reverse("set-language"), {"language": "ko", "next": "https://evil.example.com/"}
    )
    assert "evil.example.com" not in response.get("Location", "")


def test_users_language_beats_the_browsers(client_for):
    user = make_user("sora", language="ko")
    browser = client_for(user)  # sends Accept-Language: en
    assert '<html lang="ko">' in browser.get("/").content.decode()


def test_default_language_is_korean(client):
    from django.test import Client

    page = Client().get(reverse("login")).content.decode()
    assert '<html lang="ko">' in page


def test_both_ways_of_choosing_a_language_mark_the_cookie_secure_when_told(client_for, settings):
    settings.LANGUAGE_COOKIE_SECURE = True  # what production sets (tests/common/test_deploy_check)
    browser = client_for(make_user("sora"))
    switched = browser.post(reverse("set-language"), {"language": "en", "next": "/"})
    saved = browser.post(reverse("account-settings"), {"language": "ko", "time_zone": "UTC"})
    for response in (switched, saved):
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        assert cookie["secure"] is True and cookie["samesite"] == "Lax"


def test_signing_in_keeps_the_language_the_visitor_chose(client, password):
    user = make_user("minseo", language="ko")
    client.post(reverse("set-language"), {"language": "en", "next": "/login/"})
    client.post(reverse("login"), {"username": "minseo", "password": password})
    user.refresh_from_db()
    assert user.language == "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post(reverse("set-language"), {"language": "ko", "next": "/"})  # they choose again
    user.refresh_from_db()
    assert user.language == "ko"


def test_a_browsers_preference_alone_does_not_change_the_accounts_language(password):
    from django.test import Client

    user = make_user("jihu", language="ko")
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    signed_in = browser.post(reverse("login"), {"username": "jihu", "password": password})
    assert signed_in.status_code == 302
    user.refresh_from_db()
    assert user.language == "ko"
    assert '<html lang="ko">' in browser.get("/").content.decode()
