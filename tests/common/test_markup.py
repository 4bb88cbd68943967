"""HTML written in Python for long lists: the same escaping and URLs the template engine gives."""

from django.urls import reverse
from django.utils.html import conditional_escape, format_html

from nairl.common.markup import text, url_for_pk


def test_text_escapes_like_the_template_engine_and_keeps_safe_html():
    hostile = "<script>alert('x')</script> & \"q\""
    assert text(hostile) == conditional_escape(hostile)
    assert "<script>" not in text(hostile)
    safe = format_html('<span lang="{}">{}</span>', "ko", "<b>")
    assert text(safe) == str(safe)
    assert text(3.5) == "3.5"


def test_url_for_pk_gives_what_reverse_gives():
    url = url_for_pk("people:person")
    assert [url(pk) for pk in (1, 42, 9_876_543_211)] == [
        reverse("people:person", args=[pk]) for pk in (1, 42, 9_876_543_211)
    ]
    assert url_for_pk("seminars:talk")(7) == reverse("seminars:talk", args=[7])
