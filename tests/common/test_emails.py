import pytest
from django.core import mail

from factories import make_person, make_user
from nairl.common.emails import address_of, deliver, language_of, send_in_language


@pytest.mark.django_db
def test_the_language_is_the_accounts_else_guessed_from_the_country():
    assert language_of(make_person(user=make_user(language="en"))) == "en"
    assert language_of(make_person(country="KR")) == "ko"
    assert language_of(make_person(country="FR")) == "en"
    person = make_person(user=make_user("mailer"))
    assert address_of(person) == "mailer@example.org"


@pytest.mark.django_db
def test_delivery_renders_in_the_recipients_language():
    from residency.helpers import make_stay

    stay = make_stay(make_person("Claire Dubois", "클레어 뒤부아"))
    context = "nairl.residency.domain.notifications.stay_context"
    template = "residency/email/stay_confirmed"
    deliver("a@example.org", "ko", template, context, stay.pk, {"role": "visitor"})
    deliver("b@example.org", "en", template, context, stay.pk, {"role": "visitor"})
    korean, english = mail.outbox
    assert korean.subject == "체류 확정: 클레어 뒤부아" and "클레어 뒤부아 님께" in korean.body
    assert english.subject == "Stay confirmed: Claire Dubois" and korean.to == ["a@example.org"]
    deliver("c@example.org", "en", template, context, stay.pk + 1000, {"role": "visitor"})
    assert len(mail.outbox) == 2  # the object is gone: nothing is sent


def test_nothing_is_queued_without_an_address():
    assert send_in_language(to="", language="ko", template="x", context="y", object_id=1) is False
