import pytest
from django.test import Client
from django.urls import reverse

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.people.models import Person

pytestmark = pytest.mark.django_db


def test_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "Back to the start page" in body


def test_403_page(client_for):
    owner = make_user("owner", Role.RESEARCHER)
    other = make_user("other", Role.RESEARCHER)
    person = make_person("Jane Doe", user=owner)
    response = client_for(other).get(reverse("people:person-edit", args=[person.pk]))
    assert response.status_code == 403
    assert "Your account may not see or change this." in response.content.decode()


def test_500_template_is_bilingual_and_standalone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "서버 오류" in html and "Server error" in html


def test_400_page_for_a_request_refused_before_sign_in_is_read(client):
    # A disallowed Host header is refused by CommonMiddleware, before AuthenticationMiddleware
    # has set request.user: the error page must still render.
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bad request" in body and "nothing was changed" in body


@pytest.fixture
def csrf_setup():
    owner = make_user("owner", Role.RESEARCHER)
    person = make_person("Jane Doe", user=owner, bio_en="Original bio")
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(owner)
    return browser, person


FORM = {"name_en": "Hacked", "name_ko": "", "email_visibility": "members", "bio_en": "Changed"}


def assert_csrf_refused(response, person):
    assert response.status_code == 403
    body = response.content.decode()
    assert "Form expired" in body
    assert "nothing was changed" in body
    person = Person.objects.get(pk=person.pk)
    assert (person.name_en, person.bio_en) == ("Jane Doe", "Original bio")


def test_post_without_csrf_token_is_refused_and_changes_nothing(csrf_setup):
    browser, person = csrf_setup
    response = browser.post(reverse("people:person-edit", args=[person.pk]), FORM)
    assert_csrf_refused(response, person)


def test_post_with_forged_csrf_token_is_refused_and_changes_nothing(csrf_setup):
    browser, person = csrf_setup
    browser.get(reverse("people:person-edit", args=[person.pk]))  # gets a real cookie
    forged = {**FORM, "csrfmiddlewaretoken": "A" * 64}
    response = browser.post(reverse("people:person-edit", args=[person.pk]), forged)
    assert_csrf_refused(response, person)


def test_post_with_real_csrf_token_is_accepted(csrf_setup):
    browser, person = csrf_setup
    page = browser.get(reverse("people:person-edit", args=[person.pk]))
    token = page.context["csrf_token"]
    response = browser.post(
        reverse("people:person-edit", args=[person.pk]), {**FORM, "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).bio_en == "Changed"
