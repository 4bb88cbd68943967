"""The directory's result cards, built in Python: the page every visitor searches renders fifty
of them, and the template engine's per-variable lookups cost most of its time."""

import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nairl.common.choices import country_names
from nairl.common.markup import text, url_for_pk
from nairl.common.templatetags.hub import lang_text
from nairl.people.models import Affiliation

register = template.Library()


@register.simple_tag
def person_cards(people):
    """One <li> per person (`people` carries `attach_card_details`), or the empty note."""
    # Labels read once per page, not once per card.
    roles = {value: text(label) for value, label in Affiliation.Role.choices}
    countries = escaped_country_names(get_language())
    private = format_html(' <span class="tag">{}</span>', _("private"))
    url = url_for_pk("people:person")
    cards = [person_card(person, url(person.pk), roles, countries, private) for person in people]
    if not cards:
        return format_html("<li>{}</li>", _("No one matches this search."))
    return mark_safe("".join(cards))


@functools.lru_cache(maxsize=8)
def escaped_country_names(language: str) -> dict[str, str]:
    """Code -> the country's name as HTML, escaped once per language rather than per page."""
    return {code: text(name) for code, name in country_names(language).items()}


def person_card(person, url: str, roles: dict, countries: dict, private: str) -> str:
    affiliations = "".join(
        f"<div>{text(lang_text(institution))} "
        f'<span class="muted">· {roles.get(role, "")}</span></div>'
        for institution, role in person.card_affiliations
    )
    code = person.country.code
    country = (
        f'<div class="muted">{countries[code] if code in countries else text(code)}</div>'
        if code
        else ""
    )
    areas = "".join(
        f'<span class="tag" title="{text(name)}">{text(code)}</span>'
        for code, name in person.card_areas
    )
    return (
        f'<li><a href="{text(url)}"><strong>{text(lang_text(person.name))}'
        f"</strong></a>{'' if person.is_public else private}{affiliations}{country}"
        f"<div>{areas}</div></li>"
    )
